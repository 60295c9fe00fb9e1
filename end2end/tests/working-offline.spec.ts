import { test, expect, Browser, Page } from "@playwright/test";
// Named to run after the specs that count the demo partners: it adds one of its own.
import { DEMO_PASSWORD, signIn } from "./helpers";

// Working offline on a phone: an adviser reads a partner's checklist without a signal, marks two
// steps done and records a follow-up visit; the header counts 3 waiting; when the signal returns
// each is saved exactly once and the count goes back to none.

const PHONE = { width: 360, height: 740 };

/** A day `days` after today in Cambodia (UTC+7), where the server counts its days. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function adviserPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "demo.adviser", DEMO_PASSWORD, "/rcis/new");
  return page;
}

/** A new partner the adviser leads (the demo's partners stay as other journeys expect them). */
async function newPartner(page: Page, name: string): Promise<string> {
  await page.goto("/rcis/new");
  await page.locator('input[name="profile[name_en]"]').fill(name);
  await page.locator('select[name="profile[province]"]').selectOption("Kampong Cham");
  await page.locator('input[name="profile[transition_start]"]').fill("2026-01-05");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/rcis\/\d+$/);
  return page.url().match(/\/rcis\/(\d+)$/)![1];
}

/** Opens a page while online once the service worker controls the tab, so the phone keeps it. */
async function keep(page: Page, path: string) {
  await page.goto(path);
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test("an adviser saves offline and each save is sent once when the signal returns", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await adviserPhone(browser);
  const rci = await newPartner(page, `Offline Home ${Date.now()}`);
  await keep(page, `/rcis/${rci}/follow-ups`);
  await keep(page, `/rcis/${rci}/checklist`);

  // No signal: the checklist still reads, from the phone.
  await page.context().setOffline(true);
  await page.reload();
  const assessment = page.locator('section.track[data-track="assessment"]');
  await expect(assessment.locator("li.item").first()).toBeVisible();
  const items = await assessment.locator("li.item").evaluateAll((li) => li.slice(0, 2).map((l) => l.id));
  for (const id of items) {
    const item = page.locator(`#${id}`);
    await item.locator("details.edit summary").first().click();
    await item.getByLabel("Status").selectOption("done");
    await item.getByLabel("Evidence").fill(`Seen on the visit (${id})`);
    await item.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("offline-note")).toBeVisible();
  }
  await page.goto(`/rcis/${rci}/follow-ups`);
  await page.locator("details", { hasText: "Record a follow-up visit" }).locator("summary").click();
  const form = page.getByTestId("follow-up-form");
  await form.getByLabel(/Date of the visit/).fill(inDays(-1));
  await form.locator('input[name="visit[children_total]"]').fill("4");
  await form.locator('input[name="visit[children_female]"]').fill("2");
  await form.locator('textarea[name="visit[notes]"]').fill("Visited without a signal.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("offline-note")).toBeVisible();
  const waiting = page.getByTestId("waiting");
  await expect(waiting).toBeVisible();
  await expect(waiting.locator(".count")).toHaveText("3");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  // A reload keeps them: nothing typed offline is lost.
  await page.reload();
  await expect(waiting.locator(".count")).toHaveText("3");

  // The signal returns: all three are sent, in order, once.
  await page.context().setOffline(false);
  await expect(waiting).toBeHidden({ timeout: 20_000 });
  await page.goto(`/rcis/${rci}/checklist`);
  for (const id of items) {
    await expect(page.locator(`#${id}`)).toHaveAttribute("data-closed", "true");
  }
  await page.goto(`/rcis/${rci}/follow-ups`);
  await expect(page.getByTestId("follow-ups").locator("li", { hasText: "Visited without a signal." })).toHaveCount(1);
  await page.goto(`/rcis/${rci}/history`);
  const history = page.getByTestId("history");
  for (const id of items) {
    await expect(history.locator("ins", { hasText: `Seen on the visit (${id})` })).toHaveCount(1);
  }
  // Another tap on reconnecting sends nothing again.
  await page.evaluate(() => dispatchEvent(new Event("online")));
  await page.reload();
  await expect(history.locator("ins", { hasText: `Seen on the visit (${items[0]})` })).toHaveCount(1);
  await page.context().close();
});
