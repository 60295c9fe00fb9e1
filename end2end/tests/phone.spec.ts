import { test, expect, Browser, Page } from "@playwright/test";
import { PAGES, signIn } from "./helpers";

// A 360 px phone, where advisers work: every page and every form, opened, fits the screen (no
// sideways panning) and every control is a tap target of at least 44 × 44 px. With and without
// JavaScript, in both languages.

const PHONE = { width: 360, height: 740 };

async function phone(browser: Browser, javaScriptEnabled: boolean, lang: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  // The admin sees every page and has the most links.
  await signIn(page, "demo.admin");
  await page.goto(`/lang/${lang}?to=%2F`);
  return page;
}

/** Opens every disclosure on the page: each form an adviser can open. */
async function openEverything(page: Page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
}

/** What sticks out past the right edge of the screen (none when the page fits). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const edge = root.clientWidth + 1;
    const out: string[] = [`the page is ${root.scrollWidth} px wide`];
    document.querySelectorAll("body *").forEach((e) => {
      const box = e.getBoundingClientRect();
      const parent = e.parentElement?.getBoundingClientRect();
      if (box.width > 0 && box.right > edge && parent && parent.right <= edge) {
        out.push(`${e.tagName.toLowerCase()}.${e.className} (${Math.round(box.width)} px)`);
      }
    });
    return out.slice(0, 6);
  });
}

/** Visible controls smaller than 44 × 44 px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll(
      'header.site a, header.site button, nav.tabs a, button, summary, select, a.button, input[type="submit"], input[type="text"], input[type="date"], input[type="number"]',
    );
    const small: string[] = [];
    controls.forEach((e) => {
      const box = e.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return;
      if (box.width < 43.5 || box.height < 43.5) {
        small.push(`${e.tagName.toLowerCase()} "${(e.textContent ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    });
    return [...new Set(small)].slice(0, 8);
  });
}

for (const javaScript of [true, false]) {
  for (const lang of ["en", "km"]) {
    const how = `${lang}, ${javaScript ? "with" : "without"} JavaScript`;

    test(`every page and every opened form fits a 360 px phone (${how})`, async ({ browser }) => {
      test.setTimeout(120_000);
      const page = await phone(browser, javaScript, lang);
      const problems: string[] = [];
      for (const path of [...PAGES["demo.admin"], "/rcis/3/checklist"]) {
        await page.goto(path);
        const closed = await overflowing(page);
        if (closed.length) problems.push(`${path}: ${closed.join("; ")}`);
        await openEverything(page);
        const opened = await overflowing(page);
        if (opened.length) problems.push(`${path}, opened: ${opened.join("; ")}`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });

    test(`every control is a 44 px tap target on a phone (${how})`, async ({ browser }) => {
      test.setTimeout(120_000);
      const page = await phone(browser, javaScript, lang);
      const problems: string[] = [];
      for (const path of [...PAGES["demo.admin"], "/rcis/3/checklist"]) {
        await page.goto(path);
        await openEverything(page);
        const small = await smallTargets(page);
        if (small.length) problems.push(`${path}: ${small.join("; ")}`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
}

for (const lang of ["en", "km"]) {
  test(`every section tab of an RCI is in view on a phone (${lang})`, async ({ browser }) => {
    const page = await phone(browser, true, lang);
    await page.goto("/rcis/3");
    const tabs = page.locator("nav.tabs a");
    expect(await tabs.count()).toBe(6);
    for (let i = 0; i < 6; i++) {
      const box = (await tabs.nth(i).boundingBox())!;
      expect(box.x + box.width, `tab ${i}`).toBeLessThanOrEqual(360);
    }
    await tabs.last().tap();
    await expect(page).toHaveURL(/\/rcis\/3\/history$/);
    await page.context().close();
  });
}

test("choosing Done alone marks an item done today, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  // Bright Future (id 2), the organisation's own track: no other journey works on it.
  await signIn(page, "demo.adviser", undefined, "/rcis/2/checklist");
  const item = page.locator('section.track[data-track="organisation"] li.item[data-closed="false"]').first();
  const key = await item.getAttribute("data-key");
  await item.locator("details.edit summary").click();
  await item.getByLabel("Status").selectOption("done");
  await item.getByRole("button", { name: "Save" }).click();
  // Today in Cambodia (UTC+7), where the server dates the work.
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const saved = page.locator(`li.item[data-key="${key}"]`);
  await expect(saved.getByTestId("item-saved")).toHaveText(`Saved just now: Done ${today}`);
  await context.close();
});

test("a checklist item's editor has one field a row, labels above, hiding apart and secondary", async ({ browser }) => {
  for (const lang of ["en", "km"]) {
    const page = await phone(browser, false, lang);
    await page.goto("/rcis/3/checklist?all=1");
    const editor = page.locator("li.item details.edit").first();
    await editor.locator("summary").click();
    const form = editor.locator("form.item-form");
    const fields = ["status", "done_on", "reason", "evidence", "responsible"];
    let bottom = 0;
    for (const name of fields) {
      const label = (await form.locator(`label[for^="${name}-"]`).boundingBox())!;
      const field = (await form.locator(`[name="${name}"]`).boundingBox())!;
      // The label sits above its field, the field below the previous one: one field a row.
      expect(label.y + label.height, `${lang} ${name}: label above`).toBeLessThanOrEqual(field.y + 1);
      expect(label.y, `${lang} ${name}: below the previous field`).toBeGreaterThanOrEqual(bottom - 1);
      expect(field.x + field.width, `${lang} ${name}: in view`).toBeLessThanOrEqual(361);
      bottom = field.y + field.height;
    }
    const save = (await form.locator('button[type="submit"]').boundingBox())!;
    const hide = editor.locator("form.hide-item button");
    const hideBox = (await hide.boundingBox())!;
    expect(hideBox.y - (save.y + save.height), `${lang}: hiding set apart`).toBeGreaterThanOrEqual(16);
    // Secondary: not the filled primary colour of Save.
    const colours = await Promise.all(
      [form.locator('button[type="submit"]'), hide].map((b) => b.evaluate((e) => getComputedStyle(e).backgroundColor)),
    );
    expect(colours[1], lang).not.toEqual(colours[0]);
    await page.context().close();
  }
});

test("overdue follow-ups are counted as partners in the totals, not as days", async ({ page }) => {
  await signIn(page, "demo.viewer");
  await page.goto("/compare");
  await expect(page.getByTestId("overdue-partners")).toHaveText(/^\d+ partners$/);
  await page.goto("/report");
  const row = page.getByTestId("overdue-partners").locator("xpath=..");
  await expect(row.locator("th")).toHaveText("Partners with follow-ups overdue");
  await expect(page.locator(".report-summary")).not.toContainText("(days)");
});

// A refused form comes back as the GOV.UK pattern has it: opened at an error summary that links
// to the field to fix, the field's own message beside it, and every value typed still there.
for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  test(`a refused checklist item comes back open at its error summary, everything typed kept (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, "demo.adviser", undefined, "/rcis/2/checklist");
    const first = page.locator('section.track[data-track="organisation"] li.item[data-closed="false"]').first();
    const li = page.locator(`li.item[data-key="${await first.getAttribute("data-key")}"]`);
    await li.locator("details.edit summary").click();
    await li.getByLabel("Status").selectOption("not_applicable");
    await li.getByLabel("Evidence").fill("Letter from the provincial DoSVY");
    await li.getByLabel("Responsible").fill("Sokha");
    await li.getByRole("button", { name: "Save" }).click();

    const summary = li.getByTestId("error-summary");
    await expect(summary).toContainText("There is a problem");
    await expect(summary).toBeInViewport();
    await expect(page).toHaveURL(/#error-summary$/);
    await expect(li.locator("details.edit")).toHaveAttribute("open", "");
    await expect(li.getByLabel("Status")).toHaveValue("not_applicable");
    await expect(li.getByLabel("Evidence")).toHaveValue("Letter from the provincial DoSVY");
    await expect(li.getByLabel("Responsible")).toHaveValue("Sokha");
    await expect(li.locator('.field-error[data-field="reason"]')).toBeVisible();
    // Shown once, at the form: not again at the top of the page.
    await expect(page.locator("p.error.banner")).toHaveCount(0);
    await summary.getByRole("link").click();
    await expect(page).toHaveURL(/#reason-\d+$/);
    await expect(li.getByLabel("Reason")).toBeInViewport();

    await li.getByLabel("Reason").fill("The organisation has no board");
    await li.getByRole("button", { name: "Save" }).click();
    await expect(li.getByTestId("item-saved")).toContainText("Not applicable");
    await expect(li).toContainText("Letter from the provincial DoSVY");
    await expect(li).toContainText("The organisation has no board");
    await context.close();
  });

  test(`refused counts come back open at the error, the numbers typed kept (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, "demo.adviser", undefined, "/rcis/2/children");
    const form = page.getByTestId("counts-form");
    await page.locator("details.counts-edit summary").click();
    await form.getByLabel("Counts as of").fill("2099-01-01");
    const first = form.locator('input[type="number"]').first();
    await first.fill("41");
    await form.getByRole("button", { name: "Save" }).click();

    const summary = form.getByTestId("error-summary");
    await expect(summary).toBeInViewport();
    await expect(summary.getByRole("link")).toHaveAttribute("href", "#counts-as_of");
    await expect(form.getByLabel("Counts as of")).toHaveValue("2099-01-01");
    await expect(form.locator('input[type="number"]').first()).toHaveValue("41");
    await context.close();
  });
}
