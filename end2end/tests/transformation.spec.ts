import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

// The organisation itself changing: on a phone an adviser records a donor's money moved from
// residential care to family support, and sees it totalled per currency, in the history and on
// the comparison.

const PHONE = { width: 360, height: 740 };

for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  test(`an adviser records redirected funding and a repurposed building (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, "demo.adviser", undefined, "/rcis/2/activities");
    const panel = page.getByTestId("transformation");
    const donor = javaScript ? "Sunrise Foundation" : "Mekong Friends";
    const usdBefore = Number((await panel.getByTestId("funding-usd").innerText()).replace(/[^0-9]/g, ""));

    // A sum with cents is refused at its field, and what was typed comes back.
    await panel.locator("details", { has: page.getByTestId("funding-form") }).locator("> summary").click();
    const form = panel.getByTestId("funding-form");
    await form.getByLabel("Donor").fill(donor);
    await form.getByLabel(/^Amount/).fill("1,250.50");
    await form.getByLabel("Currency").selectOption("usd");
    await form.getByLabel("Pays for now").fill("Family support grants");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByTestId("error-summary")).toContainText("whole units");
    await expect(form.getByLabel("Donor")).toHaveValue(donor);
    await expect(form.getByLabel("Pays for now")).toHaveValue("Family support grants");

    await form.getByLabel(/^Amount/).fill("1,250");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Redirected funding saved.");
    await expect(panel.getByTestId("funding-changes")).toContainText(donor);
    await expect(panel.getByTestId("funding-changes")).toContainText("1,250 USD");
    await expect(panel.getByTestId("funding-usd")).toHaveText(`${(usdBefore + 1250).toLocaleString("en-US")} USD`);
    // Riel are never added to dollars.
    await expect(panel.getByTestId("funding-khr")).toHaveText("0 KHR");

    await panel.locator("details", { has: page.getByTestId("asset-form") }).locator("> summary").click();
    const asset = panel.getByTestId("asset-form");
    await asset.getByLabel("What it was").fill(`Boys' dormitory ${how}`);
    await asset.getByLabel("What it is now").selectOption("day_care");
    await asset.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Repurposed asset saved.");
    await expect(panel.getByTestId("asset-changes")).toContainText(`Boys' dormitory ${how} → Day care`);

    // The history words it; the comparison sorts by it.
    await page.goto("/rcis/2/history");
    await expect(page.getByTestId("history")).toContainText(donor);
    await expect(page.getByTestId("history")).toContainText("1,250 USD");
    await page.goto("/compare?sort=funding_redirected_usd&dir=desc");
    const row = page.locator('table.compare tbody tr[data-rci="2"]');
    await expect(row.locator("td.funding-usd")).toHaveText(/^[\d,]+$/);
    await context.close();
  });
}

test("a director reads their own RCI's changes, with no form, and nothing of another's", async ({ page }) => {
  await signIn(page, "demo.director", undefined, "/rcis/3/activities");
  const panel = page.getByTestId("transformation");
  await expect(panel).toContainText("No staff change recorded yet.");
  await expect(panel.getByTestId("funding-form")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("Friends of Hope Garden");
  const other = await page.goto("/rcis/1/activities");
  expect(other?.status()).toBe(404);
});

test("the demo's Hope Garden shows its repurposed dormitory and its donors' money, in Khmer too", async ({ page }) => {
  await signIn(page, "demo.viewer", undefined, "/rcis/1/activities");
  const panel = page.getByTestId("transformation");
  await expect(panel.getByTestId("asset-changes")).toContainText("Girls' dormitory → Community centre");
  await expect(panel.getByTestId("funding-usd")).toHaveText("24,000 USD");
  await expect(panel.getByTestId("funding-khr")).toHaveText("60,000,000 KHR");
  await expect(panel.getByTestId("staff-redeployed")).toHaveText("5 (4F)");
  await page.goto("/lang/km?to=%2Frcis%2F1%2Factivities");
  await expect(page.getByTestId("funding-khr")).toHaveText("60,000,000 រៀល");
  await expect(page.getByTestId("staff-redeployed")).toHaveText("5 (ស្រី 4)");
});
