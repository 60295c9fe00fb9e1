import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

// Last of the suite (files run in name order): the journeys here add a partner RCI.

/** Today's date, never ahead of Cambodia's (which is UTC+7). */
const today = new Date().toISOString().slice(0, 10);

const COUNT_KEYS = [
  "baseline", "admissions", "assessed", "traced", "prepared",
  "birth_family", "kinship_care", "foster_care", "independent_living", "long_term_care",
];

function csv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n") + "\r\n");
}

test.describe("importing a spreadsheet", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("an adviser imports a file with two errors, fixes them, and the RCIs show the imported figures", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/");
    await page.getByRole("link", { name: "Import from a spreadsheet" }).click();
    await expect(page).toHaveURL(/\/import$/);
    const template = await page.request.get("/import/template.xlsx");
    expect(template.status()).toBe(200);
    expect(template.headers()["content-type"]).toContain("spreadsheetml");

    const header = ["Name (English)", "Province", "Transition start"];
    const file = page.getByLabel(/^Spreadsheet/);
    await file.setInputFiles({
      name: "partners.csv",
      mimeType: "text/csv",
      buffer: csv([header, ["Riverside Children's Home", "Batambang", "2026-01-05"], ["Hilltop Home", "Kampot", "05/01/2026"]]),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    const problems = page.getByTestId("import-problems");
    await expect(problems).toContainText('partners, row 2, Province: unknown province "Batambang" — did you mean Battambang?');
    await expect(problems).toContainText("partners, row 3, Transition start: '05/01/2026' is not a date Homeward can read for certain");
    await expect(page.getByTestId("import-confirm")).toHaveCount(0);

    await page.getByLabel(/^Spreadsheet/).setInputFiles({
      name: "partners.csv",
      mimeType: "text/csv",
      buffer: csv([header, ["Riverside Children's Home", "Battambang", "2026-01-05"], ["Hilltop Home", "Kampot", "2026-01-05"]]),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("import-problems")).toHaveCount(0);
    await expect(page.getByTestId("import-summary")).toContainText("New RCIs: 2");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByRole("status")).toContainText("Imported.");

    // Their children, in a second file that names the new RCI.
    const countsHeader = ["RCI", "Date", ...COUNT_KEYS.flatMap((k) => [`${k}_total`, `${k}_female`])];
    const figures = ["42", "17", ...Array(18).fill("0")];
    figures[4] = "30"; // assessed
    figures[5] = "12";
    await page.getByLabel(/^Spreadsheet/).setInputFiles({
      name: "children.csv",
      mimeType: "text/csv",
      buffer: csv([countsHeader, ["Riverside Children's Home", today, ...figures]]),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("import-rci")).toContainText("42 (17F)");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByRole("status")).toContainText("Imported.");
    await page.getByRole("link", { name: "Riverside Children's Home" }).click();
    await expect(page.locator("h1")).toContainText("Riverside Children's Home");
    await page.goto(page.url().replace(/\/?$/, "/children"));
    const counts = page.getByTestId("counts");
    await expect(counts.locator("tr", { hasText: "In care at the start" })).toContainText("42");
    await expect(counts.locator("tr", { hasText: "In care at the start" })).toContainText("17");
    await expect(counts.locator("tr", { hasText: "Assessed" })).toContainText("30");
  });

  test("the import works without JavaScript, and a visit imported shows on the RCI", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/import");
    await page.getByLabel(/^Spreadsheet/).setInputFiles({
      name: "visits.csv",
      mimeType: "text/csv",
      buffer: csv([
        ["RCI", "Visit date", "Children visited", "Girls visited", "Visited by", "Visit or phone call", "Notes"],
        ["Little Lotus Home", today, "3", "1", "NGO staff", "Visit", "Imported without JavaScript"],
      ]),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("RCIs changed: 1");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByRole("status")).toContainText("Imported.");
    await page.goto("/rcis/3/follow-ups");
    await expect(page.getByTestId("follow-ups")).toContainText("Imported without JavaScript");
    await context.close();
  });

  test("a file's problems are told in Khmer on a Khmer page, and a director cannot import", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/import");
    await page.goto("/lang/km?to=%2Fimport");
    await page.locator("#import-file").setInputFiles({
      name: "a.csv",
      mimeType: "text/csv",
      buffer: csv([["Name (English)", "Province", "Transition start"], ["Riverside Two", "Batambang", "2026-01-05"]]),
    });
    await page.locator('form[action="/import"] button[type="submit"]').click();
    const problems = page.getByTestId("import-problems");
    await expect(problems).toContainText("ជួរទី 2");
    await expect(problems).toContainText("បាត់ដំបង");
    await page.goto("/lang/en?to=%2F");

    const director = await page.context().browser()!.newContext();
    const theirs = await director.newPage();
    await signIn(theirs, "demo.director", DEMO_PASSWORD, "/rcis/3");
    await expect(theirs.getByRole("link", { name: "Import from a spreadsheet" })).toHaveCount(0);
    const response = await theirs.goto("/import");
    expect(response!.status()).toBe(404);
    await director.close();
  });
});

test.describe("the organisation's template", () => {
  test("a step added to a stage partners finished shows its impact, lands as not applicable unless chosen, and applying to all asks first", async ({ page }) => {
    await signIn(page, "demo.admin", DEMO_PASSWORD, "/admin/template");
    const preparation = page.locator('section.template-track[data-track="preparation"]');
    await preparation.locator("details.step-add summary").click();
    const add = preparation.locator("details.step-add form");
    await add.getByLabel("Title (English)").fill("Check each family's home");
    await add.getByRole("button", { name: "Add a step" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Saved.");

    // By default a partner past preparation keeps its stage: the new step is not applicable.
    const apply = page.getByTestId("template-apply");
    const bright = () => apply.getByTestId("template-rci").filter({ hasText: "Bright Future Children Centre" });
    await expect(bright()).toHaveAttribute("data-moves-back", "false");
    await expect(bright()).toContainText("Adds as not applicable: Check each family's home");
    const impact = bright().getByTestId("template-impact");
    await expect(impact).toContainText(/Stage 4 · Reintegration · \d+ % → Stage 4 · Reintegration/);

    // Chosen open, the impact shows who would move back before anything is applied.
    const landing = page.getByTestId("template-landing");
    await landing.getByLabel(/Add them as not started/).check();
    await landing.getByRole("button", { name: "Show the impact" }).click();
    await expect(bright()).toHaveAttribute("data-moves-back", "true");
    await expect(bright().getByTestId("template-impact")).toContainText(/Stage 4 · Reintegration · \d+ % → Stage 3 · Preparation/);
    await expect(bright()).toContainText("Moves back a stage");
    await expect(bright()).toContainText("Adds: Check each family's home");
    await page.getByTestId("template-apply-all").click();
    const confirm = page.getByTestId("confirm");
    await expect(confirm).toContainText("These RCIs would move back a stage:");
    await expect(confirm).toContainText("Bright Future Children Centre");
    await confirm.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByTestId("confirm")).toHaveCount(0);
    await expect(bright()).toHaveAttribute("data-moves-back", "true");

    // Not applicable, with the organisation's reason; every RCI listed, once confirmed.
    await landing.getByLabel(/Add them as not applicable/).check();
    await landing.getByRole("textbox", { name: "Reason" }).fill("Families were visited before this step existed.");
    await landing.getByRole("button", { name: "Show the impact" }).click();
    await expect(bright()).toHaveAttribute("data-moves-back", "false");
    const checklist = await bright().getByRole("link").first().getAttribute("href");
    await page.getByTestId("template-apply-all").click();
    await expect(page.getByTestId("confirm")).toContainText("No RCI moves back a stage.");
    await page.getByTestId("template-apply-all-confirm").click();
    await expect(page.getByTestId("notice")).toHaveText("Template changes applied.");
    await expect(apply.getByTestId("template-rci")).toHaveCount(0);

    await page.goto(`${checklist}?all=1`);
    const step = page.locator('li.item[data-key="check_each_family_s_home"]');
    await expect(step).toHaveAttribute("data-status", "not_applicable");
    await expect(step).toContainText("Families were visited before this step existed.");
    await expect(page.getByTestId("current-stage")).toContainText("Stage 4");
  });

  test("an admin adds, rewords and retires steps, then applies the changes to one RCI and to all", async ({ page, browser }) => {
    await signIn(page, "demo.admin", DEMO_PASSWORD, "/");
    await page.getByRole("link", { name: "Template", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/template$/);

    const assessment = page.locator('section.template-track[data-track="assessment"]');
    await assessment.locator("details.step-add summary").click();
    const add = assessment.locator("details.step-add form");
    await add.getByLabel("Title (English)").fill("Meet the school heads");
    await add.getByLabel("Title (Khmer, optional)").fill("ជួបនាយកសាលា");
    await add.getByRole("button", { name: "Add a step" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Saved.");
    const step = page.locator('li.template-step[data-key="meet_the_school_heads"]');
    await expect(step).toContainText("Meet the school heads");
    await expect(step).toContainText("ជួបនាយកសាលា");

    await step.locator("details.step-edit summary").click();
    await step.getByLabel("Title (English)").fill("Meet the heads of local schools");
    await step.getByRole("button", { name: "Save" }).click();
    await expect(step).toContainText("Meet the heads of local schools");

    const packs = page.locator('li.template-step[data-key="welcome_packs"]');
    // Retiring reaches every RCI: asked first, with what it will do.
    await packs.getByRole("link", { name: "Retire" }).click();
    const confirm = page.getByTestId("confirm");
    await expect(confirm).toContainText(/Retire “.+”\?/);
    await expect(confirm).toContainText(/it is hidden for the \d+ RCIs that never started it/);
    await confirm.getByRole("button", { name: "Yes, retire it" }).click();
    await expect(packs).toHaveAttribute("data-retired", "true");
    await expect(packs).toContainText("Retired");

    // Existing RCIs are listed with what applying would change; one is applied alone.
    const apply = page.getByTestId("template-apply");
    const angkor = apply.getByTestId("template-rci").filter({ hasText: "Angkor Children's Home" });
    // Angkor finished its assessment: the new assessment step lands not applicable.
    await expect(angkor).toContainText("Adds as not applicable: Meet the heads of local schools");
    const checklist = await angkor.getByRole("link").getAttribute("href");
    await angkor.getByRole("button", { name: /^Apply/ }).click();
    await expect(page.getByTestId("notice")).toHaveText("Template changes applied.");
    await expect(apply.getByTestId("template-rci").filter({ hasText: "Angkor Children's Home" })).toHaveCount(0);
    await page.goto(`${checklist}?all=1`);
    await expect(page.locator('li.item[data-key="meet_the_school_heads"]')).toContainText("Meet the heads of local schools");

    await page.goto("/admin/changes?kind=template_step");
    await expect(page.getByTestId("history")).toContainText("Meet the heads of local schools");
    await expect(page.getByTestId("history")).toContainText("Template step");

    // The rest at once, with JavaScript off.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const admin = await plain.newPage();
    await signIn(admin, "demo.admin", DEMO_PASSWORD, "/admin/template");
    await admin.getByTestId("template-apply-all").click();
    await expect(admin.getByTestId("confirm")).toContainText(/Apply the template to these \d+ RCIs\?/);
    await admin.getByTestId("template-apply-all-confirm").click();
    await expect(admin.getByTestId("notice")).toHaveText("Template changes applied.");
    await expect(admin.getByTestId("template-apply")).toContainText("Every RCI's checklist follows the template.");
    await plain.close();
  });
});
