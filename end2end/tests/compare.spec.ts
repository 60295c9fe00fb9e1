import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD, hydrated, parseCsv, signIn } from "./helpers";

test.describe("comparing partners", () => {
  test("a viewer filters by province, sorts by overall progress, and the CSV matches the table", async ({ page }) => {
    await signIn(page, "demo.viewer", DEMO_PASSWORD, "/compare");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare partners");
    const rows = page.locator("tr[data-rci]");
    await expect(rows).toHaveCount(8);
    await expect(page.getByTestId("stage-chart")).toBeVisible();
    await expect(page.getByTestId("quarter-chart")).toBeVisible();

    await page.getByLabel("Province").selectOption("Battambang");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/province=Battambang/);
    await expect(rows).toHaveCount(2);
    for (const province of await rows.locator("td.province").allTextContents()) {
      expect(province).toBe("Battambang");
    }
    await expect(page.getByTestId("totals")).toContainText("(2)");

    await page.locator('th a[data-sort="overall"]').click();
    await expect(page).toHaveURL(/sort=overall&dir=desc/);
    await expect(page).toHaveURL(/province=Battambang/);
    const overall = (await rows.locator("td.overall").allTextContents()).map((t) => parseInt(t, 10));
    expect(overall).toHaveLength(2);
    expect(overall[0]).toBeGreaterThanOrEqual(overall[1]);
    const names = await rows.locator("th a").allTextContents();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-csv").click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = parseCsv(csv);
    const header = lines[0];
    const body = lines.slice(1);
    expect(body.map((l) => l[header.indexOf("name")])).toEqual(names);
    expect(body.map((l) => parseInt(l[header.indexOf("overall_percent")], 10))).toEqual(overall);
    expect(body.every((l) => l[header.indexOf("province")] === "Battambang")).toBe(true);
  });

  test("a director cannot open the comparison", async ({ page }) => {
    await signIn(page, "demo.director", DEMO_PASSWORD, "/rcis/3");
    await expect(page.getByRole("link", { name: "Compare" })).toHaveCount(0);
    const response = await page.goto("/compare");
    expect(response?.status()).toBe(404);
    await expect(page.locator("body")).not.toContainText("Hope Garden");
  });

  test("the print view of one RCI renders with its figures", async ({ page }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/3");
    await expect(page.getByTestId("progress-chart")).toBeVisible();
    const overall = (await page.getByTestId("overall").locator(".percent").textContent())?.trim();
    await page.getByTestId("rci-report-link").click();
    await expect(page).toHaveURL(/\/report\?rci=3/);
    const report = page.getByTestId("report-rci");
    await expect(report).toHaveCount(1);
    await expect(report.locator("h2")).toContainText("Little Lotus Home");
    await expect(page.getByTestId("report-overall")).toHaveText(overall!);
    await expect(page.getByTestId("report-counts")).toBeVisible();
    await expect(page.getByTestId("report-summary")).toHaveCount(0);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("header.site")).toBeHidden();
    await expect(report).toBeVisible();
  });
});

test.describe("the print button", () => {
  test("is an island that speaks the page's language, prints, and waits for JavaScript", async ({ page, browser }) => {
    await signIn(page, "demo.adviser", DEMO_PASSWORD, "/report?rci=3");
    await hydrated(page);
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    await page.goto("/lang/km?to=%2Freport%3Frci%3D3");
    await hydrated(page);
    const print = page.locator("leptos-island button");
    await expect(print).toHaveText("បោះពុម្ព");
    // The browser's print dialog is replaced, to see that the click asked for it.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await print.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // Without JavaScript the button could do nothing, so it is not shown.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await signIn(plain, "demo.adviser", DEMO_PASSWORD, "/report?rci=3");
    await expect(plain.getByTestId("report-rci")).toBeVisible();
    await expect(plain.locator("leptos-island button")).toBeHidden();
    await context.close();
  });
});

test.describe("the quarterly report", () => {
  /** Pages of a PDF, counted by its page objects. */
  const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;

  test("prints one A4 page per RCI after the summary", async ({ page }) => {
    await signIn(page, "demo.viewer", DEMO_PASSWORD, "/report?rci=3");
    await expect(page.getByTestId("report-rci")).toHaveCount(1);
    expect(pages(await page.pdf({ format: "A4" }))).toBe(1);

    await page.goto("/report");
    const rcis = await page.getByTestId("report-rci").count();
    expect(rcis).toBeGreaterThanOrEqual(8);
    expect(pages(await page.pdf({ format: "A4" }))).toBe(rcis + 1);
    // The first page is no longer two-thirds empty: the summary's figures, the stages chart and
    // every partner at a glance fill most of an A4 page (about 1,000 px high at 96 dpi).
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("report-glance").locator("tbody tr")).toHaveCount(rcis);
    await expect(page.getByTestId("report-summary").getByTestId("stage-chart")).toBeVisible();
    const top = (await page.locator(".report-head").boundingBox())!.y;
    const summary = (await page.getByTestId("report-summary").boundingBox())!;
    expect(summary.y + summary.height - top).toBeGreaterThan(600);
  });

  test("names the organisation on every partner's page and numbers the pages in the reader's language", async ({ page }) => {
    await signIn(page, "demo.viewer", DEMO_PASSWORD, "/report");
    await expect(page.getByTestId("report-organisation")).toHaveText("Demo NGO");
    await page.emulateMedia({ media: "print" });
    const running = page.getByTestId("report-rci").locator("p.running");
    await expect(running.first()).toBeVisible();
    expect(await running.allTextContents()).toEqual(
      Array(await running.count()).fill(expect.stringMatching(/^Demo NGO · Quarterly report · /)),
    );
    const pageRules = () =>
      page.evaluate(() =>
        [...document.styleSheets]
          .flatMap((sheet) => [...sheet.cssRules])
          .filter((rule) => rule instanceof CSSPageRule)
          .map((rule) => rule.cssText)
          .join("\n"),
      );
    const named = () => page.locator("body").evaluate((e) => getComputedStyle(e).getPropertyValue("page"));
    expect(await named()).toBe("report-en");
    expect(await pageRules()).toMatch(/@page report-en[^}]*@bottom-right[^}]*"Page " counter\(page\) " of " counter\(pages\)/);
    await page.goto("/lang/km?to=%2Freport");
    expect(await named()).toBe("report-km");
    expect(await pageRules()).toMatch(/@page report-km[^}]*@bottom-right[^}]*"ទំព័រ " counter\(page\)/);
    await page.goto("/lang/en?to=%2Freport");
  });
});

test.describe("the comparison fits its screen", () => {
  test("at 1280 px the table scrolls in its box, keeping the RCI column and the totals in view", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, "demo.viewer", DEMO_PASSWORD, "/compare");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const box = page.getByTestId("compare-scroll");
    await box.evaluate((el) => el.scrollIntoView({ block: "start" }));
    const name = page.locator("tr[data-rci]").first().locator("th");
    const left = (await name.boundingBox())!.x;
    // Scrolled to its last column, the box still shows which RCI each row is.
    await box.evaluate((el) => el.scrollTo(el.scrollWidth, 0));
    expect(Math.abs((await name.boundingBox())!.x - left)).toBeLessThan(2);
    await expect(page.locator("table.compare thead th").last()).toBeInViewport();
    await expect(page.getByTestId("totals").locator("th")).toBeInViewport();
    await context.close();
  });

  test("at 1280 px a partner's stage, progress and risks are in view before any scrolling", async ({ browser }) => {
    for (const lang of ["en", "km"]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, "demo.viewer", DEMO_PASSWORD, "/compare");
      await page.goto(`/lang/${lang}?to=%2Fcompare`);
      const box = (await page.getByTestId("compare-scroll").boundingBox())!;
      for (const key of ["stage", "overall", "risks"]) {
        const head = (await page.locator(`table.compare thead a[data-sort="${key}"]`).boundingBox())!;
        expect(head.x + head.width, `${lang} ${key}`).toBeLessThanOrEqual(box.x + box.width);
      }
      const risks = page.locator("tr[data-rci] td.risks").first();
      expect(((await risks.boundingBox())!.x), lang).toBeLessThan(box.x + box.width);
      await context.close();
    }
  });

  test("on a 360 px phone each partner is a card", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, "demo.viewer", DEMO_PASSWORD, "/compare");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expect(page.locator("table.compare thead")).toBeHidden();
    const card = page.locator("tr[data-rci]").first();
    expect(await card.evaluate((row) => getComputedStyle(row).display)).toBe("block");
    const overall = card.locator("td.overall");
    expect(await overall.evaluate((cell) => getComputedStyle(cell, "::before").content)).toContain("Overall progress");
    await context.close();
  });

  for (const javaScript of [true, false]) {
    test(`the map shades provinces and a tap on one filters the comparison (${javaScript ? "with" : "without"} JavaScript, 360 px)`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await signIn(page, "demo.viewer", DEMO_PASSWORD, "/compare");
      const map = page.getByTestId("province-map");
      await expect(map.locator("[data-province]")).toHaveCount(25);
      await expect(map.locator('path[data-province="Kep"]')).toHaveClass(/shade-0/);
      const battambang = map.locator('a[data-province="Battambang"]');
      await expect(battambang).toHaveAttribute("aria-label", "Battambang: 2 (Partners)");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // Shaded by children in family placements, then one province opened from the map.
      await map.getByRole("link", { name: "In family placements" }).click();
      await expect(page).toHaveURL(/map=in_families/);
      await expect(map).toHaveAttribute("data-measure", "in_families");
      await battambang.dispatchEvent("click");
      await expect(page).toHaveURL(/province=Battambang/);
      await expect(page).toHaveURL(/map=in_families/);
      const rows = page.locator("tr[data-rci]");
      await expect(rows).toHaveCount(2);
      for (const province of await rows.locator("td.province").allTextContents()) {
        expect(province).toBe("Battambang");
      }
      // Only Battambang is shaded now: the map follows the filters.
      await expect(map.locator("a[data-province]")).toHaveCount(1);
      // In Khmer the provinces are named in Khmer.
      await page.goto("/lang/km?to=%2Fcompare");
      await expect(map.locator('a[data-province="Battambang"]')).toHaveAttribute("aria-label", /^បាត់ដំបង៖ 2/);
      await page.goto("/lang/en?to=%2Fcompare");
      await context.close();
    });
  }
});
