import { test, expect, Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

// After "partners" (which counts the demo partners) and the specs that work on one partner:
// this adds sixty partners, imported by the admin (so no adviser's lists grow).

function csv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(",")).join("\r\n") + "\r\n");
}

/** "51–68 of 68 RCIs shown" → [51, 68, 68]; "8 RCIs shown" → [1, 8, 8]. */
async function shown(page: Page): Promise<[number, number, number]> {
  const text = await page.getByTestId("shown").innerText();
  const range = text.match(/^(\d+)–(\d+) of (\d+)/);
  if (range) return [Number(range[1]), Number(range[2]), Number(range[3])];
  const all = Number(text.match(/^(\d+)/)![1]);
  return [1, all, all];
}

/** Walks the comparison's pages with its links, from the first, and checks each. */
async function walkTheComparison(page: Page) {
  await page.goto("/compare");
  const [, , total] = await shown(page);
  expect(total).toBeGreaterThanOrEqual(68);
  await expect(page.getByTestId("totals")).toContainText(`Total (${total})`);
  const rows = page.locator("table[data-testid=compare] tbody tr");
  const seen = new Set<string>();
  const pages = Math.ceil(total / 50);
  for (let n = 1; n <= pages; n++) {
    await expect(page.getByTestId("page-n").first()).toHaveText(`Page ${n} of ${pages}`);
    const [from, to] = await shown(page);
    expect([from, to]).toEqual([(n - 1) * 50 + 1, Math.min(n * 50, total)]);
    await expect(rows).toHaveCount(to - from + 1);
    // Totals count every partner on every page.
    await expect(page.getByTestId("totals")).toContainText(`Total (${total})`);
    for (const id of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-rci")!))) seen.add(id);
    if (n < pages) {
      await page.getByTestId("next").first().click();
      await expect(page).toHaveURL(new RegExp(`page=${n + 1}$`));
    }
  }
  expect(seen.size).toBe(total);
  await expect(page.getByTestId("next")).toHaveCount(0);
  await page.getByTestId("previous").first().click();
  await expect(page.getByTestId("page-n").first()).toHaveText(`Page ${pages - 1} of ${pages}`);
  // A new sort starts from the first page.
  await page.locator("th a[data-sort=overall]").click();
  await expect(page).toHaveURL(/sort=overall&dir=desc$/);
  await expect(page.getByTestId("page-n").first()).toHaveText(`Page 1 of ${pages}`);
  // The export made from a later page holds every partner.
  await page.getByTestId("next").first().click();
  await expect(page).toHaveURL(/page=2$/);
  const href = await page.getByTestId("export-csv").getAttribute("href");
  expect(href).not.toContain("page=");
  const exported = await page.request.get(href!);
  expect((await exported.text()).trim().split("\n").length - 1).toBe(total);
}

test.describe("very many partners", () => {
  test("the admin imports sixty partners; the comparison pages them, with and without JavaScript", async ({ page, browser }) => {
    await signIn(page, "demo.admin", DEMO_PASSWORD, "/import");
    const header = ["Name (English)", "Province", "Transition start"];
    const partners = Array.from({ length: 60 }, (_, i) => [`Paging Home ${String(i + 1).padStart(2, "0")}`, "Kep", "2026-01-05"]);
    await page.getByLabel(/^Spreadsheet/).setInputFiles({ name: "network.csv", mimeType: "text/csv", buffer: csv([header, ...partners]) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("New RCIs: 60");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByRole("status")).toContainText("Imported.");

    await walkTheComparison(page);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await signIn(noScript, "demo.viewer", DEMO_PASSWORD, "/compare");
    await walkTheComparison(noScript);
    // Filtered: the pages follow the filter, and its form starts again from the first page.
    await noScript.goto("/compare?page=2");
    await noScript.getByLabel("Province").selectOption("Kep");
    await noScript.getByRole("button", { name: "Apply" }).click();
    await expect(noScript).toHaveURL(/province=Kep/);
    await expect(noScript).not.toHaveURL(/page=/);
    const [from, to, kep] = await shown(noScript);
    expect(kep).toBeGreaterThanOrEqual(60);
    expect([from, to]).toEqual([1, 50]);
    await context.close();
  });

  test("on a 360 px phone the partners list pages its partners", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, "demo.admin", DEMO_PASSWORD, "/");
    const total = Number(await page.getByTestId("shown-count").innerText());
    expect(total).toBeGreaterThanOrEqual(68);
    await expect(page.locator("tr.partner")).toHaveCount(50);
    await expect(page.locator("p.count")).toContainText("(1–50)");
    // A thumb can hit it.
    expect((await page.getByTestId("next").boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await page.getByTestId("next").click();
    await expect(page).toHaveURL(/\/\?page=2$/);
    await expect(page.locator("tr.partner")).toHaveCount(Math.min(50, total - 50));
    // The pager fits the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await context.close();
  });
});
