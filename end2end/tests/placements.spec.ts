import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

// An adviser on a phone follows each reintegration: a placement by case code (never a name), a
// visit that finds the child back in residential care, and the RCI's re-entry figures.

const PHONE = { width: 360, height: 740 };

/** A day `n` days before today in Cambodia (UTC+7), as the date field takes it. */
const daysAgo = (n: number) => new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  test(`an adviser records a reintegration and its return to residential care, and sees the re-entry rate (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, "demo.adviser", undefined, "/rcis/2/follow-ups");
    const panel = page.getByTestId("placements");
    const reentries = Number(await panel.getByTestId("reentries").innerText());
    const code = javaScript ? "BF-E2E-01" : "BF-E2E-02";

    // A name is refused at the code field, and everything typed comes back.
    await panel.locator("details.add-placement > summary").click();
    const form = panel.getByTestId("placement-form");
    await form.getByLabel("Case code").fill("Sok Dara");
    await form.getByLabel("Reintegrated on").fill(daysAgo(30));
    await form.getByLabel("Placement", { exact: true }).selectOption("kinship_care");
    await form.getByLabel(/^Children/).fill("2");
    await form.getByLabel("Girls").fill("1");
    await form.getByLabel(/^Age/).selectOption("5_11");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByTestId("error-summary")).toContainText("never a child's name");
    await expect(form.getByTestId("error-summary")).toBeInViewport();
    await expect(form.getByLabel("Placement", { exact: true })).toHaveValue("kinship_care");
    await expect(form.getByLabel(/^Children/)).toHaveValue("2");

    await form.getByLabel("Case code").fill(code);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Placement saved.");
    const placement = page.locator(`li.placement[data-code="${code}"]`);
    await expect(placement).toContainText("Awaiting its first visit");
    await expect(placement).toContainText("Kinship care");
    await expect(placement).toContainText("2 (1F)");

    await placement.locator("details > summary").click();
    await placement.getByLabel("How is it going?").selectOption("re_entered");
    await placement.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Visit to the placement saved.");
    await expect(page.locator(`li.placement[data-code="${code}"]`)).toHaveAttribute("data-outcome", "re_entered");
    await expect(page.locator(`li.placement[data-code="${code}"]`)).toContainText("Returned to residential care");
    // Back within its first year: counted at once.
    await expect(panel.getByTestId("reentries")).toHaveText(String(reentries + 1));
    await expect(panel.getByTestId("reentry-rate")).toHaveText(/^\d+ % \(\d+ of \d+\)$/);

    // The history says it in words.
    await page.goto("/rcis/2/history");
    await expect(page.getByTestId("history")).toContainText(code);
    await expect(page.getByTestId("history")).toContainText("Returned to residential care");

    // Above the 10 % setting: the overview flags the rate, and the comparison shows it in its
    // column, this partner first when sorted by it (the demo's other rate is Hope Garden's 50 %).
    await page.goto("/rcis/2");
    await expect(page.locator(".flag-reentry_rate_high")).toHaveText(/^Re-entry rate in 12 months: 100 % \(\d+ of \d+\)$/);
    await page.goto("/compare?sort=reentry_rate_12m&dir=desc");
    const row = page.locator('table.compare tbody tr[data-rci="2"]');
    await expect(row.locator("td.reentry")).toHaveText(/^100 % \(\d+ of \d+\)$/);
    await expect(row.locator(".flag-reentry_rate_high")).toBeVisible();
    await expect(page.locator("table.compare tbody tr").first()).toHaveAttribute("data-rci", "2");
    await context.close();
  });
}

test("a director reads their own RCI's placements, with no form", async ({ page }) => {
  await signIn(page, "demo.director", undefined, "/rcis/3/follow-ups");
  const panel = page.getByTestId("placements");
  await expect(panel.locator("li.placement")).toHaveCount(1);
  await expect(panel.locator('li.placement[data-code="LL-2026-01"]')).toContainText("Stable");
  await expect(panel.getByTestId("placement-form")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("HG-2025");
});
