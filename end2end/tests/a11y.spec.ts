import { test, expect, Page } from "@playwright/test";
import { join } from "node:path";
import { DEMO_PASSWORD, PAGES, signIn } from "./helpers";

/** axe-core's WCAG 2.0/2.1 level A and AA rules (or only the rules named), run on the page as it
 * stands. */
async function violations(page: Page, rules?: string[]): Promise<string[]> {
  await page.addScriptTag({ path: join(__dirname, "..", "node_modules", "axe-core", "axe.min.js") });
  return page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const runOnly = rules
      ? { type: "rule", values: rules }
      : { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] };
    const result = await axe.run(document, { runOnly });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, rules);
}

// The app's Content-Security-Policy refuses inline scripts: axe is injected past it.
test.use({ bypassCSP: true });

test("the sign-in page has no WCAG 2 AA violation", async ({ page }) => {
  await page.goto("/login");
  expect(await violations(page)).toEqual([]);
});

test("no page has a WCAG 2 AA violation, in English or Khmer", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "demo.admin", DEMO_PASSWORD);
  const pages = [
    "/", "/rcis/3", "/rcis/3/checklist", "/rcis/3/checklist?all=1", "/rcis/3/children",
    "/rcis/3/follow-ups", "/rcis/3/activities", "/rcis/3/history", "/rcis/new", "/compare", "/report", "/report?rci=3", "/my-work", "/offline", "/outbox",
    "/tours", "/tours/1", "/tours/new", "/trainings", "/trainings/1", "/trainings/new",
    "/admin/users", "/admin/changes", "/admin/tokens", "/admin/template", "/admin/readiness", "/account/password",
  ];
  for (const lang of ["en", "km"]) {
    await page.goto(`/lang/${lang}?to=%2F`);
    for (const path of pages) {
      await page.goto(path);
      expect(await violations(page), `${lang} ${path}`).toEqual([]);
    }
  }
  await page.goto("/lang/en?to=%2F");
});

test("on a phone every target is large enough (axe's target-size), with every section opened", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, "demo.admin", DEMO_PASSWORD);
  // Every page the admin reaches (the report is printed, not tapped).
  const pages = PAGES["demo.admin"].filter((path) => !path.startsWith("/report"));
  for (const lang of ["en", "km"]) {
    await page.goto(`/lang/${lang}?to=%2F`);
    for (const path of pages) {
      await page.goto(path);
      // Every section and form opened; the header's menu (which lies over the page) stays shut.
      await page.evaluate(() => document.querySelectorAll("details:not(.menu)").forEach((d) => d.setAttribute("open", "")));
      expect(await violations(page, ["target-size"]), `${lang} ${path}`).toEqual([]);
    }
  }
  await page.goto("/lang/en?to=%2F");
  await context.close();
});
