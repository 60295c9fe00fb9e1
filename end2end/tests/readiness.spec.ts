import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

// Readiness: on a phone an adviser records an assessment (a refusal keeps what was typed; the
// form starts from the last answers); the overview shows the level, what changed and the chart;
// the comparison filters by level and flags high risk; an admin edits the list of indicators.

const PHONE = { width: 360, height: 740 };

/** A day `days` after today in Cambodia (UTC+7), where the server counts its days. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test("the demo's Bright Future is high risk on the comparison, and only it", async ({ page }) => {
  await signIn(page, "demo.viewer", undefined, "/compare?readiness=high_risk");
  const rows = page.locator("table.compare tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-rci", "2");
  await expect(rows.first().locator("td.readiness")).toContainText("High risk");
  await expect(rows.first().locator(".flag-readiness_high_risk")).toBeVisible();
  await page.goto("/compare?risk=readiness_overdue");
  await expect(page.locator('table.compare tbody tr[data-rci="7"]')).toHaveCount(1);
  await expect(page.locator('table.compare tbody tr[data-rci="1"]')).toHaveCount(0);
});

for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  // With JavaScript, Bright Future moves from high risk to favourable; without, Sunrise
  // (favourable) is found high risk.
  const [rci, answer, polarity, level] = javaScript
    ? [2, "present", "positive", "Favourable"]
    : [4, "present", "risk", "High risk"];
  test(`an adviser records a readiness assessment on a phone (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, "demo.adviser", undefined, `/rcis/${rci}`);
    const panel = page.getByTestId("readiness");
    const before = await panel.getByTestId("readiness-level").innerText();

    await panel.locator("details > summary", { hasText: "Record a readiness assessment" }).click();
    const form = panel.getByTestId("assessment-form");
    // The form starts from the last assessment: something is already marked.
    await expect(form.locator('input[type="radio"][value="present"]:checked').first()).toBeVisible();
    const first = form.locator("fieldset.indicator").first();
    await first.getByLabel("Notes").fill(`Spoke with the director ${how}`);
    // A day in the future is refused; what was typed stays.
    await form.getByLabel("Assessment date").fill(inDays(3));
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByTestId("error-summary")).toContainText("in the future");
    await expect(form.locator("fieldset.indicator").first().getByLabel("Notes")).toHaveValue(`Spoke with the director ${how}`);

    await form.getByLabel("Assessment date").fill(inDays(0));
    for (const box of await form.locator(`fieldset[data-polarity="${polarity}"] input[value="${answer}"]`).all()) {
      await box.check();
    }
    if (javaScript) {
      for (const box of await form.locator('fieldset[data-polarity="risk"] input[value="absent"]').all()) {
        await box.check();
      }
    }
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Readiness assessment saved.");
    const now = page.getByTestId("readiness-level");
    await expect(now).toContainText(`${level} · assessed on ${inDays(0)}`);
    await expect(now).not.toHaveText(before);
    await expect(page.getByTestId("readiness-changes").locator("li").first()).toBeVisible();
    await expect(page.getByTestId("readiness-chart")).toBeVisible();
    if (javaScript) {
      await expect(page.locator(".flag-readiness_high_risk")).toHaveCount(0);
    } else {
      await expect(page.locator(".flag-readiness_high_risk")).toBeVisible();
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    await page.goto(`/compare?readiness=${javaScript ? "favourable" : "high_risk"}`);
    await expect(page.locator(`table.compare tbody tr[data-rci="${rci}"] td.readiness`)).toContainText(`${level} · ${inDays(0)}`);
    await context.close();
  });
}

test("a director reads their RCI's readiness, with no form, in Khmer too", async ({ page }) => {
  await signIn(page, "demo.director", undefined, "/rcis/3");
  const panel = page.getByTestId("readiness");
  await expect(panel.getByTestId("readiness-level")).toContainText("Mixed");
  await expect(panel.getByTestId("readiness-level")).toContainText("before: High risk");
  await expect(panel.getByTestId("assessment-form")).toHaveCount(0);
  await page.goto("/lang/km?to=%2Frcis%2F3");
  await expect(page.getByTestId("readiness-level")).toContainText("ចម្រុះ");
  await expect(page.getByTestId("readiness-changes")).toContainText("នាយក");
  await page.goto("/lang/en?to=%2F");
});

test("an admin adds and retires indicators; the assessment form follows the list", async ({ page }) => {
  await signIn(page, "demo.admin", undefined, "/admin/readiness");
  await page.locator("details.step-add > summary").click();
  const add = page.getByTestId("indicator-add");
  await add.getByLabel("About").selectOption("donor");
  await add.getByLabel("Positive sign or risk").selectOption("risk");
  await add.getByLabel("Title (English)").fill("The donor visits with tourists");
  await add.getByRole("button", { name: "Add an indicator" }).click();
  await expect(page.getByTestId("notice")).toBeVisible();
  const added = page.locator("#indicator-the_donor_visits_with_tourists");
  await expect(added).toContainText("The donor visits with tourists");
  await expect(page.locator('section[data-about="donor"] li').last()).toHaveAttribute("data-key", "the_donor_visits_with_tourists");

  const retired = page.locator("#indicator-organisation_still_admits");
  await retired.getByRole("button", { name: /^Retire/ }).click();
  await expect(page.locator("#indicator-organisation_still_admits")).toHaveAttribute("data-retired", "true");

  await page.goto("/rcis/5");
  const form = page.getByTestId("assessment-form");
  await expect(form.locator('fieldset[data-indicator="the_donor_visits_with_tourists"]')).toHaveCount(1);
  await expect(form.locator('fieldset[data-indicator="organisation_still_admits"]')).toHaveCount(0);

  // Put the list back as the other journeys expect it.
  await page.goto("/admin/readiness");
  await page.locator("#indicator-organisation_still_admits").getByRole("button", { name: /^Use again|^Restore/ }).click();
  await expect(page.locator("#indicator-organisation_still_admits")).toHaveAttribute("data-retired", "false");
});
