import { test, expect, Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

// Named to run after the specs that count the demo partners: it adds partners of its own.

// Working offline on a phone: an adviser reads a partner's checklist without a signal, marks two
// steps done and records a follow-up visit; the header counts 3 waiting; when the signal returns
// each is saved exactly once and the count goes back to none.

const PHONE = { width: 360, height: 740 };

/** A day `days` after today in Cambodia (UTC+7), where the server counts its days. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function phone(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, login, DEMO_PASSWORD, "/my-work");
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
  // Kept once the page has arrived: wait for the copy before the signal goes.
  await expect.poll(() => page.evaluate(async (p) => !!(await caches.match(new URL(p, location.href).href)), path)).toBe(true);
}

test("an adviser saves offline and each save is sent once when the signal returns", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await phone(browser, "demo.adviser");
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

/** Saves one checklist item's evidence through its form on the page already open. */
async function saveEvidence(page: Page, id: string, evidence: string) {
  const item = page.locator(`#${id}`);
  await item.locator("details.edit summary").first().click();
  await item.getByLabel("Status").selectOption("in_progress");
  await item.getByLabel("Evidence").fill(evidence);
  await item.getByRole("button", { name: "Save" }).click();
}

test("a save another adviser overtook waits on the Outbox with both versions", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await phone(browser, "demo.adviser");
  const rci = await newPartner(page, `Outbox Home ${Date.now()}`);
  await keep(page, `/rcis/${rci}/checklist`);
  const id = (await page.locator('section.track[data-track="assessment"] li.item').first().getAttribute("id"))!;

  await page.context().setOffline(true);
  await saveEvidence(page, id, "Mine: the family agreed on the visit");
  await expect(page.getByTestId("offline-note")).toBeVisible();

  // Meanwhile someone else saves the same step.
  const admin = await phone(browser, "demo.admin");
  await admin.goto(`/rcis/${rci}/checklist`);
  await saveEvidence(admin, id, "Theirs: phoned the family");
  await expect(admin.getByTestId("notice")).toHaveText("Checklist item saved.");

  // Back online, the save conflicts: it waits on the Outbox with both versions.
  await page.context().setOffline(false);
  await page.evaluate(() => dispatchEvent(new Event("online")));
  await page.goto("/outbox");
  const entry = page.getByTestId("outbox").locator("li.outbox-entry");
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute("data-state", "conflict");
  await expect(entry.locator("[data-what]")).toHaveText("Checklist item");
  await expect(entry).toContainText("Someone else saved this first");
  await expect(entry.locator("[data-typed]")).toContainText("Mine: the family agreed on the visit");
  await expect(entry.locator("[data-typed]")).toContainText("In progress");
  await expect(entry.locator("[data-theirs]")).toContainText("Theirs: phoned the family");
  await expect(page.getByTestId("waiting").locator(".count")).toHaveText("1");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);

  // Mine over theirs: sent over the newer version, and the Outbox empties.
  await entry.getByRole("button", { name: "Save mine over it" }).click();
  await expect(entry).toHaveCount(0);
  await expect(page.getByTestId("waiting")).toBeHidden();
  await page.goto(`/rcis/${rci}/checklist`);
  await expect(page.locator(`#${id}`)).toContainText("Mine: the family agreed on the visit");
  await admin.context().close();
  await page.context().close();
});

test("after one user signs out, the next sees nothing the phone kept for the first", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await phone(browser, "demo.adviser");
  const rci = await newPartner(page, `Kept Home ${Date.now()}`);
  await keep(page, `/rcis/${rci}/checklist`);
  await page.goto("/offline");
  // Opened with a signal, the page keeps the partner's other sections too, saying when.
  for (const section of ["", "/checklist", "/children", "/follow-ups"]) {
    const kept = page.getByTestId("kept").locator(`li[data-page="/rcis/${rci}${section}"]`);
    await expect(kept).toHaveAttribute("data-kept", "yes");
    await expect(kept.locator("[data-kept-at]")).not.toHaveText("not kept yet");
  }
  const pagesOf = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("homeward-pages:")));
  expect(await pagesOf()).toHaveLength(1);

  // The adviser signs out; the director signs in on the same phone.
  await page.locator("details.menu > summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await pagesOf()).toHaveLength(0);
  await page.locator("#login").fill("demo.director");
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("me")).toContainText("Demo Director");
  await page.goto("/rcis/3");
  const kept2 = await pagesOf();
  expect(kept2.length).toBeLessThanOrEqual(1);
  for (const name of kept2) {
    const urls = await page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url), name);
    expect(urls.some((u) => u.includes(`/rcis/${rci}`))).toBe(false);
  }
  await expect(page.getByTestId("waiting")).toBeHidden();

  // Without a signal the adviser's partner is simply not there for the director.
  await page.context().setOffline(true);
  const opened = await page.goto(`/rcis/${rci}/checklist`).then(() => true, () => false);
  if (opened) await expect(page.locator("body")).not.toContainText("Kept Home");
  await page.context().close();
});
