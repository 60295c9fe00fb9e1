import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

// Targets: on a phone an admin sets a target for a partner, sees a refusal keep what was typed,
// then sees the partner off track on its overview and on the comparison, filtered by it; a
// province's target is judged on its partners together.

const PHONE = { width: 360, height: 740 };

/** A day `days` after today in Cambodia (UTC+7), where the server counts its days. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  // New Life (5) started nine months ago, Sunrise (4) ten: neither can close care in a month.
  const rci = javaScript ? 4 : 5;
  test(`an admin sets a target and sees the partner off track (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, "demo.admin", undefined, `/rcis/${rci}`);
    const panel = page.getByTestId("targets-panel");
    await expect(panel).toContainText("No target set yet.");

    // A share without its percent is refused at the percent, the date kept.
    await panel.locator("details > summary", { hasText: "Set a target" }).click();
    const form = panel.getByTestId("target-form");
    await form.getByLabel("Goal").selectOption("family_placements");
    await form.getByLabel("Target date").fill(inDays(30));
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByTestId("error-summary")).toContainText("whole percent from 1 to 100");
    await expect(form.getByLabel("Target date")).toHaveValue(inDays(30));
    await expect(form.getByLabel("Goal")).toHaveValue("family_placements");

    await form.getByLabel("Goal").selectOption("care_closed");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Target saved.");
    const target = page.getByTestId("targets").locator("li");
    await expect(target).toHaveCount(1);
    await expect(target).toContainText("residential care closed");
    await expect(target.locator(".badge")).toHaveText("Off track");
    // The form fits the phone: nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(PHONE.width);

    // The comparison, filtered to partners off track, shows it with its count.
    await page.goto("/compare?target=off_track");
    const row = page.locator(`table.compare tbody tr[data-rci="${rci}"]`);
    await expect(row.locator("td.targets-off")).toHaveText("1");
    for (const other of await page.locator("table.compare tbody tr td.targets-off").allInnerTexts()) {
      expect(Number(other)).toBeGreaterThan(0);
    }
    await expect(page.locator('table.compare tbody tr[data-rci="1"]')).toHaveCount(0);

    // Removed, it is gone from the overview.
    await page.goto(`/rcis/${rci}`);
    await page.getByTestId("targets").getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Target removed.");
    await expect(page.getByTestId("targets-panel")).toContainText("No target set yet.");
    await context.close();
  });
}

test("an admin sets a province's target, judged on its partners together", async ({ page }) => {
  await signIn(page, "demo.admin", undefined, "/compare");
  const provinces = page.getByTestId("provinces");
  await provinces.locator("details > summary", { hasText: "Set a target" }).click();
  const form = provinces.getByTestId("province-target-form");
  await form.getByLabel("Province").selectOption("Pursat");
  await form.getByLabel("Goal").selectOption("stage_finished");
  await form.getByLabel("Stage").selectOption("assessment");
  await form.getByLabel("Target date").fill(inDays(60));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Target saved.");
  const pursat = page.locator('[data-testid="provinces"] tr[data-province="Pursat"]');
  // Sunrise, Pursat's partner, is past its assessment: the province's target is met.
  await expect(pursat.getByTestId("targets")).toContainText("stage Assessment finished");
  await expect(pursat.locator(".badge")).toHaveText("Met");
  await expect(pursat.locator("td.rcis")).toHaveText("1");
  // Battambang's demo target (half its baseline home within a year) is listed too.
  const battambang = page.locator('[data-testid="provinces"] tr[data-province="Battambang"]');
  await expect(battambang.locator("td.rcis")).toHaveText("2");
  await expect(battambang.getByTestId("targets")).toContainText("50 % of the baseline in family placements");
});

test("a director reads their own RCI's targets, with no form, and no province's", async ({ page }) => {
  await signIn(page, "demo.director", undefined, "/rcis/3");
  const panel = page.getByTestId("targets-panel");
  await expect(panel.getByTestId("targets")).toContainText("stage Preparation finished");
  await expect(panel.getByTestId("target-form")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Remove" })).toHaveCount(0);
  const compare = await page.goto("/compare");
  expect(compare?.status()).toBe(404);
});

test("the demo's Bright Future is off track in Khmer too", async ({ page }) => {
  await signIn(page, "demo.viewer", undefined, "/rcis/2");
  await expect(page.getByTestId("targets").locator(".badge")).toHaveText("Off track");
  await page.goto("/lang/km?to=%2Frcis%2F2");
  await expect(page.getByTestId("targets").locator(".badge")).toHaveText("យឺតយ៉ាវខ្លាំង");
  await expect(page.getByTestId("targets")).toContainText("បិទការថែទាំតាមមណ្ឌល");
});
