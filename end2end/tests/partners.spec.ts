import { test, expect } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

// Management's view: the demo viewer reads every partner.
test.beforeEach(async ({ page }) => {
  await signIn(page, "demo.viewer");
});

test.describe("partners page", () => {
  test("lists the demo partners from the database with their stages", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partner RCIs");
    const rows = page.locator("tr.partner");
    await expect(rows).toHaveCount(8);
    await expect(page.getByTestId("shown-count")).toHaveText("8");

    const lotus = rows.filter({ hasText: "Little Lotus Home" });
    await expect(lotus).toContainText("Battambang");
    await expect(lotus).toContainText("Stage 3 · Preparation");
    await expect(lotus).toContainText("No reintegration plan");

    const hope = rows.filter({ hasText: "Hope Garden Children's Home" });
    await expect(hope).toContainText("Transition completed");
    await expect(hope.locator("progress")).toHaveAttribute("value", /^\d+$/);

    const newLife = rows.filter({ hasText: "New Life Children's Village" });
    await expect(newLife).toContainText("Stage 1 · Assessment");
    await expect(newLife).toContainText(/Stalled: no update for \d+ days/);
  });

  test("filters by province and sorts by progress, with the filter in the URL", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Province").selectOption("Battambang");
    await page.getByLabel("Sort by").selectOption("progress");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/province=Battambang/);
    const rows = page.locator("tr.partner");
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("Bright Future Children Centre");
    await expect(rows.nth(1)).toContainText("Little Lotus Home");
    // The same view, bookmarked, opens directly.
    await page.goto("/?province=Siem%20Reap");
    await expect(page.locator("tr.partner")).toHaveCount(2);
  });

  test("the app's code arrives compressed, for advisers on slow connections", async ({ page }) => {
    const wasm = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(".wasm"));
    await page.goto("/");
    const response = await wasm;
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"]).toBe("br");
    await hydrated(page);
  });

  test("switches to Khmer with a Khmer webfont served by the app, and remembers it", async ({ page }) => {
    const foreign: string[] = [];
    page.on("request", (r) => {
      const host = new URL(r.url()).hostname;
      if (host !== "127.0.0.1" && host !== "localhost") foreign.push(r.url());
    });
    await page.goto("/");
    await page.getByRole("link", { name: "ខ្មែរ" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "km");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("មណ្ឌលដៃគូ");
    await expect(page.locator("tr.partner").first()).toContainText("ដំណាក់កាល");
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.load('16px "Noto Sans Khmer"', "ក");
      return document.fonts.check('16px "Noto Sans Khmer"', "ក");
    });
    expect(fontLoaded).toBe(true);

    // Remembered on the next visit, on another page.
    await page.goto("/rcis/1/checklist");
    await expect(page.locator("html")).toHaveAttribute("lang", "km");
    await expect(page.locator("section.track h2").first()).toContainText("ការវាយតម្លៃ");
    expect(foreign).toEqual([]);

    // And back to English, returning to the same page.
    await page.getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(/\/rcis\/1\/checklist$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("is usable on a 360 px phone", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, "demo.viewer");
    await page.goto("/");
    await expect(page.locator("tr.partner")).toHaveCount(8);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(360);
    await page.locator("tr.partner a").first().click();
    await expect(page.getByTestId("overall")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByTestId("rci-tabs").getByRole("link", { name: "Checklist" }).click();
    await expect(page.locator("section.track")).toHaveCount(6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

test.describe("the header on a phone", () => {
  for (const lang of ["en", "km"]) {
    for (const javaScriptEnabled of [true, false]) {
      test(`is one row of at most 64 px, every link in view behind Menu (${lang}, JavaScript ${javaScriptEnabled})`, async ({ browser }) => {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        // The admin has the most links.
        await signIn(page, "demo.admin");
        await page.goto(`/lang/${lang}?to=%2F`);
        const header = page.locator("header.site");
        expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        const links = header.locator("nav a, nav button");
        await expect(links.first()).toBeHidden();
        await header.locator("details.menu > summary").tap();
        // Opened, every link and the language switch is on the screen: nothing scrolls aside.
        const count = await links.count();
        expect(count).toBeGreaterThanOrEqual(10);
        for (let i = 0; i < count; i++) {
          const box = (await links.nth(i).boundingBox())!;
          expect(box, `link ${i}`).not.toBeNull();
          expect(box.x, `link ${i}`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `link ${i}`).toBeLessThanOrEqual(360);
          expect(box.height, `link ${i}`).toBeGreaterThanOrEqual(44);
        }
        await header.locator('nav a[href="/admin/changes"]').tap();
        await expect(page).toHaveURL(/\/admin\/changes$/);
        await context.close();
      });
    }
  }

  test("on a wide screen every link shows without opening anything", async ({ page }) => {
    await signIn(page, "demo.admin");
    await expect(page.locator("header.site details.menu > summary")).toBeHidden();
    await expect(page.locator('header.site nav a[href="/admin/changes"]')).toBeVisible();
  });
});

test.describe("RCI page", () => {
  test("shows where it stands, then each stage's progress and checklist, and hydrates", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Little Lotus Home" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Little Lotus Home");
    await expect(page.getByTestId("current-stage")).toContainText("Stage 3 · Preparation");
    await expect(page.getByTestId("counts")).toContainText("In care at the start");
    await expect(page.getByTestId("due-next").locator("li").first()).toBeVisible();
    await expect(page.getByTestId("rci-tabs").locator('[aria-current="page"]')).toHaveText("Overview");

    await page.getByTestId("rci-tabs").getByRole("link", { name: "Checklist" }).click();
    await expect(page).toHaveURL(/\/rcis\/3\/checklist$/);
    await expect(page.getByTestId("rci-tabs").locator('[aria-current="page"]')).toHaveText("Checklist");
    await expect(page.locator("section.track")).toHaveCount(6);
    const assessment = page.locator('section.track[data-track="assessment"]');
    await expect(assessment.locator("progress")).toHaveAttribute("value", "100");
    await expect(assessment.locator(".track-progress")).toContainText("signed off");
    // A finished stage is one line; the stage being worked on is open.
    const done = assessment.locator('li.item[data-status="done"]');
    await expect(done.first()).toBeHidden();
    const preparation = page.locator('section.track[data-track="preparation"]');
    await expect(preparation.locator("li.item").first()).toBeVisible();
    await hydrated(page);
    await assessment.locator("summary").first().click();
    await expect(done.first()).toBeVisible();

    // A link to ?open=1: the server renders the page with closed items set aside.
    const toggle = page.getByTestId("toggle-open");
    await expect(toggle).toHaveAttribute("data-open-only", "false");
    await toggle.click();
    await expect(page).toHaveURL(/\/checklist\?open=1$/);
    await expect(toggle).toHaveAttribute("data-open-only", "true");
    await assessment.locator("summary").first().click();
    await expect(assessment.locator("p.empty")).toBeVisible();
    await expect(done.first()).toBeHidden();

    // …and ?all=1 opens every stage with every item.
    await toggle.click();
    await expect(page).toHaveURL(/\/checklist\?all=1$/);
    await expect(done.first()).toBeVisible();
    const items = page.locator("li.item");
    expect(await items.filter({ visible: true }).count()).toBe(await items.count());
  });

  test("an unknown RCI answers not found", async ({ page }) => {
    const response = await page.goto("/rcis/999999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("alert")).toContainText("Not found");
  });
});
