import { test, expect } from "@playwright/test";
import { get } from "node:http";
import { signIn } from "./helpers";

/**
 * What a phone on prepaid data pays, in bytes as they cross the wire (Brotli, as a browser asks
 * for it). Exact budgets, so they are tests; timings are measured by scripts/bench instead.
 */

/** The bytes of a response as sent, before any decoding. */
function wireBytes(path: string, cookie = ""): Promise<{ status: number; encoding: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(
      { host: "127.0.0.1", port: 3000, path, headers: { "accept-encoding": "br, gzip", cookie } },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, encoding: String(res.headers["content-encoding"] ?? ""), bytes }),
        );
        res.on("error", reject);
      },
    ).on("error", reject);
  });
}

test("the app's code on a first visit, its service worker included, is at most 100 KB as sent", async ({ page }) => {
  await page.goto("/login");
  const assets = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>("link[href^='/pkg/'], script[src^='/pkg/'], script[src^='/js/']"))
      .map((e) => ("href" in e && e.href ? e.href : (e as HTMLScriptElement).src))
      .map((u) => new URL(u).pathname),
  );
  // The code the island script loads (the module and its WebAssembly) and the service worker
  // the offline script registers.
  expect(assets).toContain("/js/offline.js");
  const files = new Set(assets.concat(["/pkg/homeward.js", "/pkg/homeward.wasm", "/pkg/homeward.css", "/sw.js"]));
  let total = 0;
  for (const file of files) {
    const sent = await wireBytes(file);
    expect(sent.status, file).toBe(200);
    expect(sent.encoding, file).toBe("br");
    total += sent.bytes;
  }
  console.log(`app code as sent: ${total} bytes`);
  expect(total).toBeLessThanOrEqual(100_000);
});

test("every demo page is at most 60 KB as sent", async ({ page }) => {
  await signIn(page, "demo.admin");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const path of ["/", "/rcis/3", "/rcis/3/checklist?all=1", "/rcis/3/children", "/rcis/3/follow-ups", "/rcis/3/activities", "/rcis/3/history", "/rcis/1", "/compare", "/report", "/tours", "/tours/1", "/trainings", "/trainings/1", "/admin/users", "/admin/changes"]) {
    const sent = await wireBytes(path, cookie);
    expect(sent.status, path).toBe(200);
    expect(sent.encoding, path).toBe("br");
    console.log(`${path}: ${sent.bytes} bytes`);
    expect(sent.bytes, path).toBeLessThanOrEqual(60_000);
  }
});

test("a second visit downloads no code again: the browser asks, and is told nothing changed", async () => {
  for (const file of ["/pkg/homeward.wasm", "/pkg/homeward.js", "/pkg/homeward.css"]) {
    const first = await new Promise<{ status: number; lastModified: string; cache: string }>((resolve, reject) => {
      get({ host: "127.0.0.1", port: 3000, path: file, headers: { "accept-encoding": "br" } }, (res) => {
        res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            lastModified: String(res.headers["last-modified"] ?? ""),
            cache: String(res.headers["cache-control"] ?? ""),
          }),
        );
      }).on("error", reject);
    });
    expect(first.status, file).toBe(200);
    expect(first.cache, file).toBe("no-cache");
    expect(first.lastModified, file).not.toBe("");
    const again = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      get(
        { host: "127.0.0.1", port: 3000, path: file, headers: { "accept-encoding": "br", "if-modified-since": first.lastModified } },
        (res) => {
          let bytes = 0;
          res.on("data", (c: Buffer) => (bytes += c.length));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
        },
      ).on("error", reject);
    });
    expect(again.status, file).toBe(304);
    expect(again.bytes, file).toBe(0);
  }
});
