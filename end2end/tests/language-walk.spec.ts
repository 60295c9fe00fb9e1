import { test, expect, Page } from "@playwright/test";
import { DEMO_PASSWORD, PAGES, signIn } from "./helpers";

// Every page, as each role, in each language: the visible text (what people typed aside, which
// the pages mark `translate="no"`) must be in the page's language. On Khmer pages no Latin word
// may show outside the short list below; on English pages no Khmer.

/** What may stay in Latin letters on a Khmer page (docs/glossary.md, "Conventions"): file
 * types and sizes, the name of a source the guidance or the map cites, the API and its standard. */
const LATIN_ALLOWED = new Set(["Homeward", "CSV", "XLSX", "Excel", "PDF", "JPEG", "PNG", "MB", "xlsx", "csv", "BCN", "API", "OpenAPI", "Natural", "Earth"]);

/** The page's own text: without what people typed (marked `translate="no"`) and without what
 * is deliberately in the other language (marked with its `lang`, such as a Khmer name beside
 * the English one, or the language switch). */
async function ownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const body = document.body.cloneNode(true) as HTMLElement;
    body
      .querySelectorAll(`[translate="no"], [lang]:not([lang="${lang}"]), script, style, noscript`)
      .forEach((e) => e.remove());
    // innerText of a detached node ignores layout: read its text nodes, with the values of
    // the form controls and the labels screen readers announce.
    const words: string[] = [body.textContent ?? ""];
    body.querySelectorAll("[aria-label], [placeholder], [title]").forEach((e) => {
      for (const a of ["aria-label", "placeholder", "title"]) words.push(e.getAttribute(a) ?? "");
    });
    body.querySelectorAll('input[type="submit"], button').forEach((e) => words.push((e as HTMLInputElement).value ?? ""));
    return words.join(" ");
  });
}

for (const [login, paths] of Object.entries(PAGES)) {
  test(`every page ${login} sees speaks the page's language`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, login, DEMO_PASSWORD, paths[0]);
    const strays: string[] = [];
    for (const lang of ["km", "en"]) {
      await page.goto(`/lang/${lang}?to=%2F`);
      for (const path of paths) {
        await page.goto(path);
        const text = await ownText(page);
        const found =
          lang === "km"
            ? [...new Set(text.match(/[A-Za-z]+/g) ?? [])].filter((w) => !LATIN_ALLOWED.has(w))
            : [...new Set(text.match(/[\u1780-\u17FF]+/g) ?? [])];
        if (found.length > 0) strays.push(`${lang} ${path}: ${found.join(" ")}`);
      }
    }
    await page.goto("/lang/en?to=%2F");
    expect(strays, strays.join("\n")).toEqual([]);
  });
}
