import { expect, Page } from "@playwright/test";

/** The password of every demo account (see the README: demo only). */
export const DEMO_PASSWORD = "homeward-demo";

/** Every page each demo account sees, its first the page it lands on. */
export const PAGES: Record<string, string[]> = {
  "demo.admin": [
    "/", "/rcis/3", "/rcis/3/checklist?all=1", "/rcis/3/children", "/rcis/3/follow-ups",
    "/rcis/3/activities", "/rcis/3/history", "/rcis/new", "/compare", "/report", "/report?rci=3",
    "/tours", "/tours/1", "/tours/new", "/trainings", "/trainings/1", "/trainings/new",
    "/admin/users", "/admin/changes", "/admin/tokens", "/admin/template", "/admin/readiness", "/import", "/account/password",
  ],
  "demo.adviser": ["/", "/my-work", "/rcis/3", "/rcis/3/checklist?all=1", "/rcis/3/children", "/compare", "/import"],
  "demo.director": ["/rcis/3", "/my-work", "/rcis/3/checklist?all=1", "/rcis/3/history", "/report?rci=3", "/tours"],
  "demo.viewer": ["/", "/compare", "/report", "/trainings"],
};

/** Waits until the WebAssembly bundle has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Signs in through the real sign-in form and waits for the page it leads to. The suite signs
 * in from one address more often than the server's per-address limit allows at once (30, then
 * one every 2 s): told to wait, it waits and tries again, as a person would. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD, next = "/") {
  for (let attempt = 0; ; attempt++) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.locator("#login").fill(login);
    await page.locator("#password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForLoadState();
    const slowed = await page.getByText("Too many password tries from this address").count();
    if (slowed === 0 || attempt === 5) break;
    await page.waitForTimeout(2_500);
  }
  await expect(page).not.toHaveURL(/\/login/);
}

/** The rows of a CSV file (RFC 4180: quoted fields, doubled quotes), without its byte-order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && input[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
