import { test, expect, Page, CDPSession } from "@playwright/test";
import { appendFileSync } from "node:fs";

/**
 * Benchmark, not a test (run by scripts/bench, never by scripts/test): the first visit of
 * pages on an emulated slow-3G phone — 1.6 Mbit/s down, 750 kbit/s up, 300 ms round trip,
 * cold cache, signed in — as Chromium's network emulation measures it. Each result is a line
 * of JSON appended to $BENCH_OUT for scripts/bench to tabulate.
 */
const PAGES = (process.env.BENCH_PAGES ?? "/rcis/3,/rcis/3/checklist").split(",");
const OUT = process.env.BENCH_OUT ?? "/dev/stdout";

async function throttle(cdp: CDPSession) {
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 300,
    downloadThroughput: (1.6 * 1_000_000) / 8,
    uploadThroughput: (750 * 1000) / 8,
  });
}

/** Bytes that crossed the wire for everything the page loaded (headers and bodies as sent). */
function countBytes(cdp: CDPSession): () => number {
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
  });
  return () => bytes;
}

async function signedIn(page: Page) {
  await page.goto("/login?next=%2F");
  await page.locator("#login").fill(process.env.BENCH_LOGIN ?? "demo.adviser");
  await page.locator("#password").fill("homeward-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

for (const path of PAGES) {
  test(`slow 3G first visit of ${path}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true });
    const page = await context.newPage();
    await signedIn(page);
    // A cold cache, the session cookie kept: what a phone has after signing in yesterday.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await throttle(cdp);
    const bytes = countBytes(cdp);
    await page.goto(path, { waitUntil: "commit" });
    await page.waitForLoadState("networkidle");
    // Readable: the first paint with content. Idle: the end of the last response of the page.
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const ends = performance
        .getEntriesByType("resource")
        .map((r) => (r as PerformanceResourceTiming).responseEnd);
      return {
        readable: paint ? paint.startTime : -1,
        loaded: nav.loadEventEnd,
        idle: Math.max(nav.responseEnd, ...ends),
      };
    });
    const hydrated = (await page.locator("body").getAttribute("data-hydrated")) === "true";
    const result = {
      path,
      readable_ms: Math.round(timing.readable),
      idle_ms: Math.round(timing.idle),
      load_ms: Math.round(timing.loaded),
      kb: Math.round(bytes() / 1000),
      hydrated,
    };
    appendFileSync(OUT, JSON.stringify(result) + "\n");
    await context.close();
  });
}
