import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, signIn } from "./helpers";

test.describe("signing in", () => {
  test("a visitor is sent to the sign-in page, and a wrong password is told so", async ({ page }) => {
    await page.goto("/rcis/3");
    await expect(page).toHaveURL(/\/login\?next=%2Frcis%2F3|\/login\?next=\/rcis\/3/);
    await page.locator("#login").fill("demo.viewer");
    await page.locator("#password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Login or password is wrong.");
    // The right password then leads to the page first asked for.
    await page.locator("#login").fill("demo.viewer");
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/rcis\/3$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Little Lotus Home");
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "demo.viewer");
    await expect(page.getByTestId("me")).toHaveText("Demo Viewer (management)");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?next=/);
  });
});

test.describe("a director", () => {
  test("sees their own RCI only, with no edit controls, and other RCIs are not found", async ({ page }) => {
    await signIn(page, "demo.director");
    await expect(page.locator("tr.partner")).toHaveCount(1);
    await expect(page.locator("tr.partner")).toContainText("Little Lotus Home");
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);

    await page.getByRole("link", { name: "Little Lotus Home" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Little Lotus Home");
    await expect(page.locator("details.profile-edit")).toHaveCount(0);
    await page.getByTestId("rci-tabs").getByRole("link", { name: "Checklist" }).click();
    await expect(page.locator("details.track-body[open] li.item").first()).toBeVisible();
    await expect(page.locator("details.edit")).toHaveCount(0);
    await expect(page.locator('select[name="status"]')).toHaveCount(0);

    // Typing the address of another partner (Hope Garden, id 1) reveals nothing.
    const response = await page.goto("/rcis/1");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("alert")).toContainText("Not found");
    await expect(page.locator("body")).not.toContainText("Hope Garden");
  });
});

test.describe("an adviser", () => {
  test("edits an assigned RCI and the change survives a reload", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/3/checklist");
    await hydrated(page);
    const stage = page.locator('section.track[data-track="preparation"]');
    const item = stage.locator('li.item[data-status="not_started"]').first();
    const key = await item.getAttribute("data-key");
    const editing = stage.locator(`li.item[data-key="${key}"]`);
    await editing.locator("details.edit summary").click();
    await editing.getByLabel("Status").selectOption("in_progress");
    await editing.getByLabel("Evidence").fill("Discussed with the director on the visit.");
    await editing.getByRole("button", { name: "Save" }).click();
    await expect(editing).toHaveAttribute("data-status", "in_progress");
    await expect(editing).toContainText("Discussed with the director on the visit.");
    await expect(editing).toContainText("Demo Adviser (Chan Sokha)");

    await page.reload();
    await expect(stage.locator(`li.item[data-key="${key}"]`)).toHaveAttribute("data-status", "in_progress");
  });

  test("reads but cannot edit an RCI not assigned to them", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/1/checklist");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hope Garden Children's Home");
    await expect(page.locator("details.track-body[open] li.item").first()).toBeVisible();
    await expect(page.locator("details.edit")).toHaveCount(0);
  });
});

test.describe("an admin", () => {
  test("creates a user, who signs in with the one-time password and chooses their own", async ({ page }) => {
    await signIn(page, "demo.admin");
    await page.getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users and access");
    // Every sign-in try is in the history, the admin's own success among them.
    await expect(page.getByTestId("sign-ins").locator("tr.outcome-success").first()).toContainText("demo.admin");
    await expect(page.getByTestId("sign-ins").locator("tr.outcome-wrong_password").first()).toContainText("Wrong password");
    await hydrated(page);
    const form = page.getByTestId("create-user");
    await form.getByLabel("Login").fill("e2e.director");
    await form.getByLabel("Name").fill("Sophea (E2E)");
    await form.getByLabel("Role").selectOption("director");
    await form.getByLabel(/^RCI/).selectOption({ label: "Sunrise Children's Shelter" });
    await form.getByRole("button", { name: "Create" }).click();
    const shown = page.getByRole("status").filter({ hasText: "One-time password" });
    await expect(shown).toBeVisible();
    const oneTime = (await shown.innerText()).split(":").pop()!.trim();
    expect(oneTime).toMatch(/^[a-z2-9]{16}$/);
    await expect(page.locator('tr.user[data-login="e2e.director"]')).toContainText("Sunrise Children's Shelter");

    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, "e2e.director", oneTime);
    // A password the admin has seen must be replaced before anything else.
    await expect(page).toHaveURL(/\/account\/password$/);
    await hydrated(page);
    await page.getByLabel("Current password").fill(oneTime);
    await page.getByLabel("New password", { exact: true }).fill("sophea-own-pass");
    await page.getByLabel("New password again").fill("sophea-own-pass");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("Password changed");

    await signIn(page, "e2e.director", "sophea-own-pass");
    await expect(page.getByTestId("me")).toHaveText("Sophea (E2E)");
    await expect(page.locator("tr.partner")).toHaveCount(1);
    await expect(page.locator("tr.partner")).toContainText("Sunrise Children's Shelter");
  });
});
