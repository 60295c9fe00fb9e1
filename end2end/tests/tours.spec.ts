import { test, expect, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD, hydrated, parseCsv, signIn } from "./helpers";

const TOUR = "Kampot directors' tour to Phnom Penh partners";

async function visitorRow(page: Page, row: number, rci: string, role: string, total: string, female: string) {
  const form = page.getByTestId("tour-form");
  await form.locator(`select[name="tour[visitors_${row}_rci_id]"]`).selectOption({ label: rci });
  await form.locator(`select[name="tour[visitors_${row}_role]"]`).selectOption(role);
  await form.locator(`input[name="tour[visitors_${row}_total]"]`).fill(total);
  await form.locator(`input[name="tour[visitors_${row}_female]"]`).fill(female);
}

test.describe("recording study tours", () => {
  test("an adviser records a two-day tour with two hosts, three visiting RCIs and an action", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/tours");
    await page.getByRole("link", { name: "Record a study tour" }).click();
    await expect(page).toHaveURL(/\/tours\/new$/);
    await hydrated(page);
    const form = page.getByTestId("tour-form");
    await form.locator('input[name="tour[title]"]').fill(TOUR);
    await form.locator('input[name="tour[starts_on]"]').fill("2026-10-06");
    await form.locator('input[name="tour[ends_on]"]').fill("2026-10-05");
    await form.locator('input[name="tour[location]"]').fill("Phnom Penh");
    await form.getByLabel("MoSVY", { exact: true }).check();
    await form.locator('input[name="tour[new_organisations]"]').fill("Kampot DoSVY");
    const hosts = page.getByTestId("hosts");
    await hosts.getByLabel("Hope Garden Children's Home").check();
    await hosts.getByLabel("Mekong Kids Home").check();
    await visitorRow(page, 0, "Little Lotus Home", "director", "1", "1");
    await visitorRow(page, 1, "Sunrise Children's Shelter", "staff", "2", "1");
    await visitorRow(page, 2, "Angkor Children's Home", "director", "1", "0");
    await form.locator('input[name="tour[actions_0_description]"]').fill("Share the tour report with the board");
    await form.locator('select[name="tour[actions_0_owner]"]').selectOption({ label: "Little Lotus Home" });
    await form.locator('input[name="tour[actions_0_due]"]').fill("2026-10-20");
    await form.getByRole("button", { name: "Save" }).click();
    // The last day before the first is refused at that field, and nothing is saved.
    await expect(form.locator('.field-error[data-field="ends_on"]')).toContainText("before");
    // Still the new-tour form (the refusal comes back in the URL, as it does without JavaScript).
    await expect(page).toHaveURL(/\/tours\/new(\?__path=.*)?$/);

    await form.locator('input[name="tour[ends_on]"]').fill("2026-10-07");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(/\/tours\/\d+\?saved=1$/);
    await expect(page.getByTestId("notice")).toHaveText("Study tour saved.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TOUR);
    const detail = page.getByTestId("tour-detail");
    await expect(detail).toContainText("Hope Garden Children's Home");
    await expect(detail).toContainText("Mekong Kids Home");
    await expect(detail).toContainText("Kampot DoSVY");
    await expect(detail.locator("tbody tr")).toHaveCount(3);
    await expect(detail.locator("caption")).toContainText("4 (2F)");
    await expect(page.getByTestId("actions")).toContainText("Share the tour report with the board");
    await expect(page.getByTestId("actions")).toContainText("Overdue");

    // Reloaded, it is still there, and it is on the list.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TOUR);
    await page.goto("/tours");
    await expect(page.getByTestId("tour").filter({ hasText: TOUR })).toContainText("2026-10-06 – 2026-10-07");
  });

  test("the director of a visiting RCI sees the tour on their RCI's page, and not a tour their RCI had no part in", async ({ page }) => {
    await signIn(page, "demo.director", DEMO_PASSWORD, "/rcis/3/activities");
    const panel = page.getByTestId("took-part");
    await expect(panel).toContainText(TOUR);
    await expect(panel).toContainText("Follow-up action overdue: Share the tour report with the board");
    // The RCI's overview lists the same action under what is due next, linking to the tour.
    await page.goto("/rcis/3");
    const due = page.getByTestId("due-next");
    await expect(due).toContainText("Follow-up action overdue Share the tour report with the board");
    await expect(due.getByRole("link", { name: TOUR })).toHaveAttribute("href", /^\/tours\/\d+$/);
    await page.goto("/tours");
    await expect(page.getByTestId("tour").filter({ hasText: TOUR })).toHaveCount(1);
    await expect(page.locator("body")).not.toContainText("Siem Reap and Pailin directors visit Hope Garden");
    await expect(page.getByRole("link", { name: "Record a study tour" })).toHaveCount(0);
  });
});

test.describe("recording trainings", () => {
  test("a training's participants add to the RCI's trained total", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/3/activities");
    const before = (await page.getByTestId("trained").textContent()) ?? "";
    expect(before).toBe("3 (2F)");
    await page.goto("/trainings/new");
    await hydrated(page);
    const form = page.getByTestId("training-form");
    await form.locator('select[name="training[category]"]').selectOption("onsite_coaching");
    await form.locator('input[name="training[title]"]').fill("Coaching on reintegration case files");
    await form.locator('input[name="training[starts_on]"]').fill("2026-11-02");
    await form.locator('input[name="training[ends_on]"]').fill("2026-11-03");
    await form.locator('input[name="training[venue]"]').fill("Little Lotus Home, Battambang");
    await form.locator('select[name="training[participants_0_rci_id]"]').selectOption({ label: "Little Lotus Home" });
    await form.locator('input[name="training[participants_0_total]"]').fill("4");
    await form.locator('input[name="training[participants_0_female]"]').fill("5");
    await form.locator('input[name="training[participants_0_pre_score]"]').fill("45");
    await form.locator('input[name="training[participants_0_post_score]"]').fill("80");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.locator('.field-error[data-field="participants_0_female"]')).toContainText("more than");
    await form.locator('input[name="training[participants_0_female]"]').fill("3");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Training saved.");
    await expect(page.getByTestId("participants")).toContainText("4 (3F)");
    await expect(page.getByTestId("participants")).toContainText("45% → 80%");

    await page.goto("/rcis/3/activities");
    await expect(page.getByTestId("trained")).toHaveText("7 (5F)");
    await expect(page.getByTestId("took-part")).toContainText("Coaching on reintegration case files");
  });

  test("the trainings list filters by category and its CSV matches the rows shown", async ({ page }) => {
    await signIn(page, "demo.viewer", DEMO_PASSWORD, "/trainings");
    await expect(page.getByTestId("training")).toHaveCount(2);
    await page.getByLabel("Category").selectOption("onsite_coaching");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/category=onsite_coaching/);
    const rows = page.getByTestId("training");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Coaching on reintegration case files");
    await expect(page.getByTestId("trainings-total")).toHaveText("4 (3F)");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-csv").click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = parseCsv(csv);
    expect(lines[0]).toContain("participants_total");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Coaching on reintegration case files");
    const at = (name: string) => lines[1][lines[0].indexOf(name)];
    expect(at("rci")).toBe("Little Lotus Home");
    expect([at("participants_total"), at("participants_female"), at("pre_score"), at("post_score")]).toEqual(["4", "3", "45", "80"]);
  });
});
