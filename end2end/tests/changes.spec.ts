import { test, expect } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test.describe("an admin's record of changes", () => {
  test("removes an adviser's assignment and finds the change, by kind and by who, on Changes", async ({ page }) => {
    await signIn(page, "demo.admin");
    await page.getByRole("link", { name: "Users" }).click();
    await hydrated(page);
    const form = page.getByTestId("create-user");
    await form.getByLabel("Login").fill("e2e.adviser");
    await form.getByLabel("Name").fill("Vanna (E2E adviser)");
    await form.getByLabel("Role").selectOption("adviser");
    await form.getByLabel(/^RCI/).selectOption({ label: "Sunrise Children's Shelter" });
    await form.getByRole("button", { name: "Create" }).click();
    await expect(page.getByRole("status").filter({ hasText: "One-time password" })).toBeVisible();
    const row = page.locator('tr.user[data-login="e2e.adviser"]');
    await expect(row).toContainText("Sunrise Children's Shelter");

    // Only the admin decides who may edit an RCI: the assignment is taken away again.
    await row.getByLabel("Remove assigned RCI").selectOption({ label: "Sunrise Children's Shelter" });
    await row.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await expect(row.locator("td").nth(2)).not.toContainText("Sunrise Children's Shelter");

    await page.getByRole("link", { name: "Changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changes");
    const filter = page.getByTestId("changes-filter");
    await filter.getByLabel("Kind").selectOption("user");
    await filter.getByLabel("Changed by").selectOption({ label: "Demo Administrator" });
    await filter.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/kind=user/);
    const entries = page.getByTestId("history").locator("ol.timeline > li");
    // Newest first: the assignment removed, then the account created.
    await expect(entries.first()).toContainText("Demo Administrator");
    await expect(entries.first()).toContainText("e2e.adviser");
    await expect(entries.first()).toContainText("Assigned RCIs");
    await expect(entries.nth(1)).toContainText("Vanna (E2E adviser)");
    for (const entry of await entries.all()) {
      await expect(entry).toContainText("Account");
    }
  });

  test("filters changes without JavaScript, and a director cannot open the page", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "demo.admin", undefined, "/admin/changes");
    await page.getByTestId("changes-filter").getByLabel("Kind").selectOption("tour");
    await page.getByTestId("changes-filter").getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/kind=tour/);
    const entries = page.getByTestId("history").locator("ol.timeline > li");
    await expect(entries.first()).toBeVisible();
    for (const entry of await entries.all()) {
      await expect(entry).toContainText("Study tour");
    }
    await context.close();

    const director = await browser.newPage();
    await signIn(director, "demo.director");
    await expect(director.getByRole("link", { name: "Changes" })).toHaveCount(0);
    const response = await director.goto("/admin/changes");
    expect(response?.status()).toBe(404);
    await director.close();
  });

  test("pages the log as an RCI's history is paged, keeping the filter", async ({ page }) => {
    await signIn(page, "demo.admin", undefined, "/admin/changes");
    const entries = page.getByTestId("history").locator("ol.timeline > li");
    await expect(entries).toHaveCount(30);
    await page.getByTestId("next").click();
    await expect(page).toHaveURL(/[?&]page=1/);
    await expect(entries.first()).toBeVisible();
    expect(await entries.count()).toBeLessThanOrEqual(30);
    await page.getByTestId("previous").click();
    await expect(page).not.toHaveURL(/page=1/);
    // The filter stays as the pages turn.
    await page.goto("/admin/changes?kind=checklist_item");
    if ((await page.getByTestId("next").count()) > 0) {
      await page.getByTestId("next").click();
      await expect(page).toHaveURL(/kind=checklist_item/);
      for (const entry of await entries.all()) {
        await expect(entry).toContainText("Checklist");
      }
    }
  });

  for (const lang of ["en", "km"]) {
    test(`names each RCI of a tour and a training by its name, not a number (${lang})`, async ({ page }) => {
      await signIn(page, "demo.admin", undefined, "/admin/changes");
      await page.goto(`/lang/${lang}?to=%2Fadmin%2Fchanges%3Fkind%3Dtour`);
      const history = page.getByTestId("history");
      await expect(history.locator("ol.timeline > li").first()).toBeVisible();
      await expect(history).toContainText("Hope Garden Children's Home");
      expect(await history.innerText()).not.toMatch(/#\d/);
      // The names are what people typed; the roles and statuses beside them are worded.
      await expect(history.locator('ins span[translate="no"]').first()).toBeVisible();
      // Visitors' roles worded: "director" in Khmer on a Khmer page.
      if (lang === "km") await expect(history).toContainText("នាយកមណ្ឌល 1");
      await page.goto("/admin/changes?kind=training");
      expect(await page.getByTestId("history").innerText()).not.toMatch(/#\d/);
    });
  }
});
