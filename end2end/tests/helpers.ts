import { expect, Page } from "@playwright/test";

/** The password of every demo account (see the README: demo only). */
export const DEMO_PASSWORD = "homeward-demo";

/** Waits until the WebAssembly bundle has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Signs in through the real sign-in form and waits for the page it leads to. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD, next = "/") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator("#login").fill(login);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
