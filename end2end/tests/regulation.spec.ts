import { test, expect } from "@playwright/test";
import { signIn } from "./helpers";

// Standing with MoSVY: on a phone an adviser records an inspection and attaches its report (a refusal keeps what was
// typed) and an agreement about to end; the overview and the comparison flag it.

const PHONE = { width: 360, height: 740 };

/** A day `days` after today in Cambodia (UTC+7), where the server counts its days. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test("the demo's Bright Future is flagged for an overdue inspection on the comparison", async ({ page }) => {
  await signIn(page, "demo.viewer", undefined, "/compare?risk=inspection_overdue");
  const row = page.locator('table.compare tbody tr[data-rci="2"]');
  await expect(row.locator(".flag-inspection_overdue")).toBeVisible();
  await expect(row.locator("td.inspection")).toContainText("Satisfactory");
  await expect(page.locator('table.compare tbody tr[data-rci="1"]')).toHaveCount(0);
});

for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  const rci = javaScript ? 2 : 4;
  test(`an adviser records an inspection and an agreement ending soon (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, "demo.adviser", undefined, `/rcis/${rci}`);
    const panel = page.getByTestId("regulation");

    // The registration is edited here, not in the profile: a day in the future is refused and
    // the number typed stays.
    await panel.locator("details > summary", { hasText: "Edit the registration" }).click();
    const registration = panel.getByTestId("registration-form");
    await registration.getByLabel("MoSVY registration number").fill(`BTB-${rci}-044`);
    await registration.getByLabel("Registered with MoSVY on").fill(inDays(3));
    await registration.getByRole("button", { name: "Save" }).click();
    await expect(registration.getByTestId("error-summary")).toContainText("in the future");
    await expect(registration.getByLabel("MoSVY registration number")).toHaveValue(`BTB-${rci}-044`);
    await registration.getByLabel("Registered with MoSVY on").fill("2019-05-02");
    await registration.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Registration saved.");
    await expect(page.getByTestId("registration")).toContainText(`BTB-${rci}-044`);
    await expect(page.getByTestId("registration")).toContainText("2019-05-02");
    await expect(page.getByTestId("profile-form")).not.toContainText("MoSVY registration number");

    // Serious concerns need the day improvements are due: refused there, the rest kept.
    await panel.locator("details > summary", { hasText: "Record an inspection" }).click();
    const form = panel.getByTestId("inspection-form");
    await form.getByLabel("Inspected by").fill(`DoSVY team ${how}`);
    await form.getByLabel("Outcome").selectOption("serious_concerns");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByTestId("error-summary")).toContainText("say when the improvements are due");
    await expect(form.getByLabel("Inspected by")).toHaveValue(`DoSVY team ${how}`);
    await form.getByLabel("Improvements due by").fill(inDays(45));
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Inspection saved.");
    await expect(page.getByTestId("inspections").locator("li").first()).toContainText(`DoSVY team ${how} · Serious concerns`);
    await expect(page.locator(".flag-inspection_overdue")).toHaveCount(0);

    // The inspection's report goes with it: a PDF, back on the inspection once kept.
    const inspection = page.getByTestId("inspections").locator("li").first();
    const inspectionId = (await inspection.getAttribute("id"))!;
    await inspection.locator("details.attach summary").click();
    const report = Buffer.from(`%PDF-1.7\nDoSVY inspection report ${how}\n%%EOF\n`);
    await inspection.getByLabel("File (PDF, JPEG or PNG").setInputFiles({ name: "inspection-report.pdf", mimeType: "application/pdf", buffer: report });
    await inspection.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/rcis/${rci}\\?saved=file#${inspectionId}$`));
    await expect(page.getByTestId("notice")).toHaveText("File attached.");
    const file = page.locator(`#${inspectionId} [data-testid="files"] a`);
    await expect(file).toHaveText("inspection-report.pdf");
    const download = await page.request.get((await file.getAttribute("href"))!);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect((await download.body()).equals(report)).toBe(true);

    await page.getByTestId("regulation").locator("details > summary", { hasText: "Record an agreement" }).click();
    const agreement = page.getByTestId("agreement-form");
    await agreement.getByLabel("Signed with").selectOption("mosvy");
    await agreement.getByLabel("Signed on").fill(inDays(-10));
    await agreement.getByLabel("Expires on").fill(inDays(20));
    await agreement.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Agreement saved.");
    await expect(page.getByTestId("agreement")).toContainText(`Expires on ${inDays(20)}`);
    await expect(page.locator(".flag-mou_expiring")).toContainText("20 days");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    await page.goto("/compare?risk=mou_expiring");
    const row = page.locator(`table.compare tbody tr[data-rci="${rci}"]`);
    await expect(row.locator("td.mou")).toHaveText(inDays(20));
    await expect(row.locator("td.inspection")).toContainText("Serious concerns");
    await context.close();
  });
}

test("a director reads their RCI's standing, with no form, in Khmer too", async ({ page }) => {
  await signIn(page, "demo.director", undefined, "/rcis/3");
  const panel = page.getByTestId("regulation");
  await expect(panel.getByTestId("inspections")).toContainText("Improvements required");
  await expect(panel.getByTestId("inspection-form")).toHaveCount(0);
  await expect(page.locator(".flag-improvements_overdue")).toBeVisible();
  await page.goto("/lang/km?to=%2Frcis%2F3");
  await expect(page.getByTestId("inspections")).toContainText("តម្រូវឱ្យកែលម្អ");
  await expect(page.locator(".flag-mou_expiring")).toContainText("កិច្ចព្រមព្រៀងជាមួយក្រសួងសង្គមកិច្ចនឹងបញ្ចប់");
});
