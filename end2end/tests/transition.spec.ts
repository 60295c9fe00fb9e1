import { test, expect, Page } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, signIn } from "./helpers";

/** Yesterday as YYYY-MM-DD: a done date that is in the past wherever the server's "today" is. */
function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

async function progressOf(page: Page, track: string): Promise<number> {
  const value = await page.locator(`section.track[data-track="${track}"] .track-progress progress`).getAttribute("value");
  return Number(value);
}

test.describe("an adviser updating a partner", () => {
  test("marks items done, sees the stage's progress bar move, and the change survives a reload", async ({ page }) => {
    // Sunrise Children's Shelter (id 4) is in family tracing and assigned to the demo adviser.
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/4/checklist");
    await hydrated(page);
    const before = await progressOf(page, "family_tracing");
    const stage = page.locator('section.track[data-track="family_tracing"]');
    const item = stage.locator('li.item[data-status="not_started"]').first();
    const key = await item.getAttribute("data-key");
    const editing = stage.locator(`li.item[data-key="${key}"]`);
    await editing.locator("details.edit summary").first().click();
    await editing.getByLabel("Status").selectOption("done");
    await editing.getByLabel("Date done").fill(yesterday());
    await editing.getByLabel("Evidence").fill("Tracing forms filed with DoSVY.");
    await editing.getByRole("button", { name: "Save" }).click();

    await expect(page.getByTestId("notice")).toHaveText("Checklist item saved.");
    await expect(editing).toHaveAttribute("data-status", "done");
    await expect.poll(() => progressOf(page, "family_tracing")).toBeGreaterThan(before);
    const after = await progressOf(page, "family_tracing");

    await page.reload();
    await expect(stage.locator(`li.item[data-key="${key}"]`)).toHaveAttribute("data-status", "done");
    expect(await progressOf(page, "family_tracing")).toBe(after);
    // The change is in the history, with who made it and the before and after values.
    await page.getByTestId("rci-tabs").getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(/\/rcis\/4\/history$/);
    const history = page.getByTestId("history");
    await expect(history.locator("li").first()).toContainText("Demo Adviser (Chan Sokha)");
    await expect(history.locator("li").first()).toContainText("Not started");
    await expect(history.locator("li").first()).toContainText(`Done ${yesterday()}`);
  });

  test("on a 360 px phone, marks the current stage's first open item done from the checklist section", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // Sunrise Children's Shelter (id 4) is in family tracing.
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/4");
    await page.getByTestId("rci-tabs").getByRole("link", { name: "Checklist" }).tap();
    await expect(page).toHaveURL(/\/rcis\/4\/checklist$/);
    const stage = page.locator('section.track[data-track="family_tracing"]');
    const first = stage.locator('li.item[data-closed="false"]').first();
    // The first open item of the stage being worked on is on the first screen, unscrolled.
    const box = await first.locator(".item-title").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(640);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Advisers see what is left to do: no done item is shown.
    await expect(stage.locator('li.item[data-status="done"]').first()).toBeHidden();

    const key = await first.getAttribute("data-key");
    const editing = stage.locator(`li.item[data-key="${key}"]`);
    await editing.locator("details.edit summary").first().tap();
    await editing.getByLabel("Status").selectOption("done");
    await editing.getByLabel("Date done").fill(yesterday());
    await editing.getByRole("button", { name: "Save" }).tap();

    await expect(page.getByTestId("notice")).toHaveText("Checklist item saved.");
    await expect(editing).toHaveAttribute("data-status", "done");
    // Done, it stays in view, marked with what was saved, and steps aside when the list is
    // next opened.
    await expect(editing).toBeVisible();
    await expect(editing.getByTestId("item-saved")).toHaveText(`Saved just now: Done ${yesterday()}`);
    await page.goto("/rcis/4/checklist");
    await expect(stage.locator(`li.item[data-key="${key}"]`)).toBeHidden();
    await expect(stage.locator(`li.item[data-closed="false"][data-key="${key}"]`)).toHaveCount(0);
    await context.close();
  });

  test("the same checklist form works with JavaScript disabled", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // Reintegration is a later stage: folded until opened.
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/4/checklist");
    const stage = page.locator('section.track[data-track="reintegration"]');
    await expect(stage.locator("li.item").first()).toBeHidden();
    await stage.locator("summary").first().click();
    const key = await stage.locator('li.item[data-status="not_started"]').first().getAttribute("data-key");
    const editing = stage.locator(`li.item[data-key="${key}"]`);
    await editing.locator("details.edit summary").first().click();
    await editing.getByLabel("Status").selectOption("in_progress");
    await editing.getByLabel("Evidence").fill("Visited two families, no WebAssembly.");
    await editing.getByRole("button", { name: "Save" }).click();
    // A plain form post: the server saves and sends the browser back to the item, its stage open.
    await expect(page).toHaveURL(/\/rcis\/4\/checklist\?saved=item&n=\d+&item=\d+#item-\d+$/);
    await expect(page.getByTestId("notice")).toHaveText("Checklist item saved.");
    await expect(stage.locator(`li.item[data-key="${key}"]`)).toHaveAttribute("data-status", "in_progress");
    await expect(stage.locator(`li.item[data-key="${key}"]`)).toContainText("Visited two families, no WebAssembly.");
    await expect(stage.locator(`li.item[data-key="${key}"]`).getByTestId("item-saved")).toHaveText("Saved just now: In progress");

    // A refused save comes back with its message, still without JavaScript.
    const again = stage.locator(`li.item[data-key="${key}"]`);
    await again.locator("details.edit summary").first().click();
    await again.getByLabel("Status").selectOption("blocked");
    await again.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert").first()).toContainText("must not be empty");
    await context.close();
  });

  test("an invalid count shows its message next to the field and saves nothing", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/4/children");
    await hydrated(page);
    const counts = page.getByTestId("counts");
    const before = await counts.innerText();
    await page.locator("details.counts-edit summary").click();
    const form = page.getByTestId("counts-form");
    const total = Number(await form.locator('input[name="counts[baseline_total]"]').inputValue());
    await form.locator('input[name="counts[baseline_female]"]').fill(String(total + 5));
    await form.getByRole("button", { name: "Save" }).click();
    const message = form.locator('.field-error[data-field="baseline_female"]');
    await expect(message).toContainText("more than the total");
    // The message sits in the same cell as the girls' number it is about.
    await expect(form.locator("td", { has: page.locator('input[name="counts[baseline_female]"]') })).toContainText(
      "more than the total",
    );
    await page.reload();
    expect(await page.getByTestId("counts").innerText()).toBe(before);
  });

  test("an adviser working in Khmer is told what is wrong in Khmer", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/4/children");
    await page.getByRole("link", { name: "ខ្មែរ" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "km");
    await hydrated(page);
    const before = await page.getByTestId("counts").innerText();
    await page.locator("details.counts-edit summary").click();
    const form = page.getByTestId("counts-form");
    const total = Number(await form.locator('input[name="counts[baseline_total]"]').inputValue());
    await form.locator('input[name="counts[baseline_female]"]').fill(String(total + 5));
    await form.locator('button[type="submit"]').click();
    const message = form.locator('.field-error[data-field="baseline_female"]');
    await expect(message).toContainText(`ចំនួនស្រី (${total + 5}) លើសពីចំនួនសរុប (${total})`);
    await expect(message).not.toContainText("more than");
    await page.reload();
    expect(await page.getByTestId("counts").innerText()).toBe(before);

    // The history names its fields in Khmer too, and tells the time as it is in Cambodia.
    await page.getByTestId("rci-tabs").getByRole("link", { name: "ប្រវត្តិ" }).click();
    const entry = page.getByTestId("history").locator(".timeline > li").first();
    await expect(entry.locator(".changes .field").first()).toContainText(/[\u1780-\u17FF]/);
    const time = entry.locator("time");
    const utc = Date.parse((await time.getAttribute("datetime")) ?? "");
    const phnomPenh = new Date(utc + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
    await expect(time).toHaveText(phnomPenh);
  });

  test("records new counts and a follow-up visit, which clears the overdue flag", async ({ page }) => {
    // Bright Future (id 2) has reintegrated children and its follow-ups are overdue.
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/2");
    await hydrated(page);
    await expect(page.locator(".flag-follow_ups_overdue")).toBeVisible();
    await expect(page.getByTestId("due-next")).toContainText("Overdue");
    await page.getByTestId("rci-tabs").getByRole("link", { name: "Follow-ups" }).click();
    await page.locator("details", { hasText: "Record a follow-up visit" }).locator("summary").click();
    const form = page.getByTestId("follow-up-form");
    await form.getByLabel(/Date of the visit/).fill(yesterday());
    await form.locator('input[name="visit[children_total]"]').fill("6");
    await form.locator('input[name="visit[children_female]"]').fill("3");
    await form.locator('select[name="visit[visited_by]"]').selectOption("dosvy");
    await form.locator('select[name="visit[mode]"]').selectOption("phone");
    await form.locator('textarea[name="visit[notes]"]').fill("All six children attending school.");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Follow-up visit saved.");
    await expect(page).toHaveURL(/\/rcis\/2\/follow-ups\?saved=follow_up/);
    await expect(page.getByTestId("follow-ups")).toContainText("6 (3F)");
    await page.getByTestId("rci-tabs").getByRole("link", { name: "Overview" }).click();
    await expect(page.getByTestId("overall")).toBeVisible();
    await expect(page.locator(".flag-follow_ups_overdue")).toHaveCount(0);
  });

  test("edits the profile: a reintegration plan clears its risk flag", async ({ page }) => {
    // Little Lotus Home (id 3) is preparing without a plan or budget.
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/3");
    await hydrated(page);
    await expect(page.locator(".flag-no_plan")).toBeVisible();
    await page.locator("details.profile-edit summary").click();
    const form = page.getByTestId("profile-form");
    await form.getByLabel("Director", { exact: true }).fill("Ms. Sreyneang");
    await form.getByLabel("Reintegration plan exists").check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Profile saved.");
    await expect(page.locator(".flag-no_plan")).toHaveCount(0);
    await expect(page.locator(".flag-no_budget")).toBeVisible();
    await expect(page.getByTestId("profile")).toContainText("Ms. Sreyneang");
    await page.goto("/rcis/3/history");
    await expect(page.getByTestId("history").locator("li").first()).toContainText("Ms. Sreyneang");
  });

  test("creates a new partner RCI, which starts with the whole checklist", async ({ page }) => {
    await signIn(page, "demo.adviser");
    await page.getByRole("link", { name: /New partner RCI/ }).click();
    await hydrated(page);
    const form = page.getByTestId("new-rci-form");
    await form.getByLabel("Name (English)").fill("Kampot Riverside Home");
    await form.getByRole("combobox", { name: /^Province/ }).selectOption("Kampot");
    await form.getByLabel("Transition started").fill("2026-01-15");
    await form.getByLabel("Target date for the transition").fill("2025-12-31");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form.locator('.field-error[data-field="transition_target"]')).toContainText("before the start date");
    await form.getByLabel("Target date for the transition").fill("2027-12-31");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/rcis\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kampot Riverside Home");
    // Its creator is its adviser and may edit it.
    await expect(page.getByTestId("profile")).toContainText("Demo Adviser (Chan Sokha)");
    await expect(page.locator("details.profile-edit")).toBeVisible();
    await page.getByTestId("rci-tabs").getByRole("link", { name: "Checklist" }).click();
    await expect(page.locator("section.track")).toHaveCount(6);
    await expect(page.locator("li.item")).not.toHaveCount(0);
    await expect(page.locator('li.item[data-status="done"]')).toHaveCount(0);
    await expect(page.locator("details.edit").first()).toBeVisible();
  });
});
