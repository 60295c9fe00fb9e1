import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** The benchmarks in ./bench, run by scripts/bench against a server it starts itself. */
export default defineConfig({
  ...base,
  testDir: "./bench",
  use: { ...base.use, baseURL: process.env.BENCH_BASE ?? "http://127.0.0.1:3107" },
});
