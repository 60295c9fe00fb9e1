import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

// An adviser's day on a phone: signing in opens My work; a step given a day already passed
// shows there, late, and its link leads straight to it; a director's list holds only their RCI.

const PHONE = { width: 360, height: 740 };

/** A day `days` after today in Cambodia (UTC+7), where the server counts its days. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  const rci = javaScript ? 3 : 4;
  test(`an adviser's late step leads from My work straight to it (${how} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // Signing in from the sign-in page itself: an adviser starts on My work.
    await page.goto("/login");
    await page.locator("#login").fill("demo.adviser");
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/my-work$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My work: what is due");
    const before = Number((await page.getByTestId("work-summary").innerText()).split(" ")[0]);

    // Give the first open step with no day yet a day two days gone, and the director.
    await page.goto(`/rcis/${rci}/checklist`);
    const item = page.locator('li.item[data-closed="false"]').filter({ hasNot: page.getByTestId("item-due") }).first();
    const id = (await item.getAttribute("id"))!.replace("item-", "");
    const title = await item.locator(".item-title").innerText();
    await item.locator("details.edit > summary").click();
    await item.getByLabel("Whose step").selectOption("director");
    await item.getByLabel("Due on").fill(inDays(-2));
    await item.getByRole("button", { name: "Save" }).click();
    const saved = page.locator(`#item-${id}`);
    await expect(saved.getByTestId("item-due")).toContainText(`Due on ${inDays(-2)}`);
    await expect(saved.getByTestId("item-due")).toContainText("Overdue");
    await expect(saved.getByTestId("item-owner")).toContainText("The director's");

    // My work lists it, late, and counts one more late thing.
    await page.goto("/my-work");
    const entry = page.locator(`ol.work li[data-rci="${rci}"]`, { hasText: title });
    await expect(entry).toHaveClass(/overdue/);
    await expect(entry).toContainText(`${inDays(-2)} · late by 2 days`);
    await expect(entry).toContainText("The director's");
    const after = Number((await page.getByTestId("work-summary").innerText()).split(" ")[0]);
    expect(after).toBe(before + 1);
    await page.locator("details.menu > summary").click();
    await expect(page.getByTestId("late-count")).toHaveText(String(after));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    // The most urgent entry comes first: late ones before any that are not.
    const classes = await page.locator("ol.work li").evaluateAll((li) => li.map((l) => l.classList.contains("overdue")));
    expect(classes.indexOf(false) === -1 || classes.lastIndexOf(true) < classes.indexOf(false)).toBe(true);

    await entry.locator("a.work-link").click();
    await expect(page).toHaveURL(new RegExp(`/rcis/${rci}/checklist#item-${id}$`));
    await expect(page.locator(`#item-${id}`)).toBeVisible();
    await context.close();
  });
}

test("a director's My work holds their own RCI only, read in Khmer too", async ({ page }) => {
  await signIn(page, "demo.director", undefined, "/my-work");
  const entries = page.locator("ol.work li");
  await expect(entries.first()).toBeVisible();
  for (const rci of await entries.evaluateAll((li) => li.map((l) => l.getAttribute("data-rci")))) {
    expect(rci).toBe("3");
  }
  await expect(page.locator("ol.work form")).toHaveCount(0);
  await page.goto("/lang/km?to=%2Fmy-work");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ការងាររបស់ខ្ញុំ៖ អ្វីដែលត្រូវធ្វើ");
  await page.goto("/lang/en?to=%2Fmy-work");
});
