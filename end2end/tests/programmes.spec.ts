import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, signIn } from "./helpers";

test.describe("tours, trainings and programmes on an RCI's page", () => {
  test("a director sees the study tour and training their RCI took part in, with its overdue action", async ({ page }) => {
    await signIn(page, "demo.director");
    await page.goto("/rcis/3/activities");
    const panel = page.getByTestId("took-part");
    await expect(panel).toContainText("Directors' study tour to transitioned partners");
    await expect(panel).toContainText("Study tour, visiting");
    // Little Lotus sent its director and two staff: 3 people, 2 of them women.
    await expect(panel.locator("li", { hasText: "study tour" })).toContainText("3 (2F)");
    await expect(panel).toContainText("Follow-up action overdue: Draft a parenting club plan");
    await expect(panel).toContainText("Positive parenting for kinship carers and RCI staff");
    await expect(page.getByTestId("trained")).toHaveText("3 (2F)");
    await expect(page.getByTestId("programmes").locator("details.edit")).toHaveCount(0);
  });

  test("an adviser adds a community programme, which then counts as running", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/3/activities");
    await hydrated(page);
    const panel = page.getByTestId("programmes");
    await expect(panel).toContainText("0 running now");
    await panel.locator("details.edit summary").click();
    const form = page.getByTestId("programme-form");
    await form.locator('select[name="programme[kind]"]').selectOption("parenting_club");
    await form.locator('input[name="programme[name]"]').fill("Borvel parents' club");
    await form.locator('input[name="programme[started_on]"]').fill("2026-09-01");
    await form.locator('input[name="programme[members_total]"]').fill("14");
    await form.locator('input[name="programme[members_female]"]').fill("15");
    await form.locator('input[name="programme[sessions_per_quarter]"]').fill("6");
    await form.locator('select[name="programme[status]"]').selectOption("active");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.locator('.field-error[data-field="members_female"]')).toContainText("more than the total");
    await form.locator('input[name="programme[members_female]"]').fill("11");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Community programme saved.");
    await expect(page).toHaveURL(/\/rcis\/3\/activities\?saved=programme/);
    await expect(panel).toContainText("Borvel parents' club");
    await expect(panel).toContainText("14 (11F)");
    await expect(panel).toContainText("1 running now");
  });
});

test.describe("the study tours page", () => {
  test("a director sees only the tour their RCI took part in", async ({ page }) => {
    await signIn(page, "demo.director");
    await page.getByRole("link", { name: "Study tours" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Study tours");
    const tours = page.getByTestId("tour");
    await expect(tours).toHaveCount(1);
    await expect(tours.first()).toContainText("Directors' study tour to transitioned partners");
    await expect(page.locator("body")).not.toContainText("Siem Reap and Pailin directors visit Hope Garden");
  });

  test("management sees every tour and filters them by RCI in the URL", async ({ page }) => {
    await signIn(page, "demo.viewer", DEMO_PASSWORD, "/tours");
    await expect(page.getByTestId("tour")).toHaveCount(2);
    await page.getByLabel("RCI").selectOption({ label: "Sunrise Children's Shelter" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/rci=\d+/);
    await expect(page.getByTestId("tour")).toHaveCount(1);
    await expect(page.getByTestId("tour").first()).toContainText("Siem Reap and Pailin directors visit Hope Garden");
    await expect(page.getByTestId("tour").first()).toContainText("2 (1F)");
  });
});
