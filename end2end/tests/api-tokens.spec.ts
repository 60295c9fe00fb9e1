import { test, expect, Page } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

/** Reads the API as a dashboard would: no cookie, only the token. */
async function api(page: Page, path: string, secret: string) {
  const response = await page.request.fetch(path, {
    headers: { Authorization: `Bearer ${secret}`, Cookie: "" },
  });
  return { status: response.status(), body: await response.json() };
}

/** The secret the page shows once, after a token is created. */
async function shownSecret(page: Page) {
  const shown = page.getByTestId("secret");
  await expect(shown).toContainText("not shown again");
  const secret = (await shown.locator("code").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^hw_[0-9a-f]{64}$/);
  return secret;
}

test.describe("an admin's tokens for dashboards", () => {
  test("creates a token for every partner and one for one RCI, reads the API with each, and revokes one", async ({ page }) => {
    await signIn(page, "demo.admin");
    const home = await page.locator("tr.partner td:first-child > a").allTextContents();
    expect(home.length).toBeGreaterThan(1);
    await page.getByRole("link", { name: "API tokens" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens for dashboards");
    await hydrated(page);

    const form = page.getByTestId("create-token");
    await form.getByLabel("What it is for").fill("Board dashboard");
    await form.getByRole("button", { name: "Create" }).click();
    const everyone = await shownSecret(page);
    const all = await api(page, "/api/v1/partners", everyone);
    expect(all.status).toBe(200);
    const names: string[] = all.body.partners.map((p: { name: string }) => p.name);
    // The API names the very partners the partners list shows.
    for (const name of home) expect(names).toContain(name.trim());
    expect(all.body.page.total).toBe(names.length);

    await form.getByLabel("What it is for").fill("Little Lotus donor");
    await form.getByLabel("Only these RCIs:").check();
    await form.getByLabel("Little Lotus", { exact: false }).check();
    await form.getByRole("button", { name: "Create" }).click();
    const lotus = await shownSecret(page);
    expect(lotus).not.toBe(everyone);
    const one = await api(page, "/api/v1/comparison", lotus);
    expect(one.status).toBe(200);
    expect(one.body.totals.rcis).toBe(1);
    expect(one.body.rows[0].name).toContain("Little Lotus");
    const other = all.body.partners.find((p: { name: string }) => !p.name.includes("Little Lotus"));
    expect((await api(page, `/api/v1/partners/${other.id}`, lotus)).status).toBe(404);

    // Newest first; its use shows once the page is read again.
    await page.reload();
    await hydrated(page);
    const row = page.locator("tr.token").filter({ hasText: "Little Lotus donor" }).first();
    await expect(row).toContainText("Little Lotus Home");
    await expect(row).not.toContainText("Never");
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Token revoked" })).toBeVisible();
    await expect(row).toContainText("Revoked");
    const refused = await api(page, "/api/v1/comparison", lotus);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("unauthenticated");
    expect((await api(page, "/api/v1/quarters", everyone)).status).toBe(200);

    // The secret is shown once: not after a reload.
    await page.reload();
    await expect(page.getByTestId("secret")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(everyone);
  });

  test("works without JavaScript on a phone, in Khmer too, and is the admin's alone", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, "demo.admin", undefined, "/admin/tokens");
    const form = page.getByTestId("create-token");
    await form.getByLabel("What it is for").fill("Province office screen");
    await form.getByRole("button", { name: "Create" }).click();
    const secret = await shownSecret(page);
    expect((await api(page, "/api/v1/tours", secret)).body.all_time.activities).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    // A list with no RCI ticked is refused, saying why.
    await form.getByLabel("What it is for").fill("Nobody");
    await form.getByLabel("Only these RCIs:").check();
    await form.getByRole("button", { name: "Create" }).click();
    await expect(page.locator("body")).toContainText("choose at least one RCI");
    await page.goto("/lang/km?to=/admin/tokens");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("សោ API សម្រាប់ផ្ទាំងព័ត៌មាន");
    await expect(page.locator("table.tokens th").nth(3)).toHaveText("ប្រើចុងក្រោយ");
    await expect(page.locator("tr.token").filter({ hasText: "Province office screen" })).toContainText("ដកហូត");
    await page.goto("/lang/en?to=/admin/tokens");
    await context.close();

    const viewer = await browser.newPage();
    await signIn(viewer, "demo.viewer");
    await expect(viewer.getByRole("link", { name: "API tokens" })).toHaveCount(0);
    expect((await viewer.goto("/admin/tokens"))?.status()).toBe(404);
    await viewer.close();
  });
});
