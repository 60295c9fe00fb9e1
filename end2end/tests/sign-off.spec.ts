import { test, expect, Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

// Stage sign-off on a phone: an adviser works through a new partner's assessment, follows My
// work's first overdue link to its late last step, attaches a photo of the signed MoU to it and
// asks for the stage to be signed off; an admin returns it with a note, which the adviser reads
// on My work; asked again, the admin signs it off and only then does the partner move on.

const PHONE = { width: 360, height: 740 };

async function phone(browser: Browser, javaScript: boolean, login: string, next: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, login, DEMO_PASSWORD, next);
  await expect(page).toHaveURL(new RegExp(`${next}$`));
  return page;
}

/** A phone's JPEG: JFIF, EXIF with the GPS position of a family's home, then the image. */
function photo(): Buffer {
  const exif = Buffer.from("Exif\0\0GPSLatitude 12.5388 N GPSLongitude 103.9192 E");
  const length = Buffer.alloc(2);
  length.writeUInt16BE(exif.length + 2);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1"),
    Buffer.from([0xff, 0xe1]), length, exif,
    Buffer.from([0xff, 0xda, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34, 0xff, 0xd9]),
  ]);
}

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

for (const javaScript of [true, false]) {
  const how = javaScript ? "with" : "without";
  test(`a stage moves on only once an admin signs it off (${how} JavaScript)`, async ({ browser }) => {
    test.setTimeout(120_000);
    // The adviser adds a partner (they lead it) and works through its assessment.
    const adviser = await phone(browser, javaScript, "demo.adviser", "/rcis/new");
    const name = `Sign-off Home ${how} JS ${Date.now()}`;
    await adviser.locator('input[name="profile[name_en]"]').fill(name);
    await adviser.locator('select[name="profile[province]"]').selectOption("Kampot");
    await adviser.locator('input[name="profile[transition_start]"]').fill("2026-01-05");
    await adviser.getByRole("button", { name: "Create" }).click();
    await expect(adviser).toHaveURL(/\/rcis\/\d+$/);
    const rci = adviser.url().match(/\/rcis\/(\d+)$/)![1];
    await expect(adviser.getByTestId("current-stage")).toContainText("Assessment");

    await adviser.goto(`/rcis/${rci}/checklist`);
    const assessment = adviser.locator('section.track[data-track="assessment"]');
    const signOff = adviser.getByTestId("sign-off-assessment");
    await expect(signOff).toHaveCount(0);
    // Every step but the last is done; the last is given a day long gone, so it is the most
    // urgent thing on the adviser's My work.
    for (;;) {
      const open = assessment.locator('li.item[data-closed="false"]');
      if ((await open.count()) === 1) break;
      const item = open.first();
      await item.locator("details.edit summary").first().click();
      await item.getByLabel("Status").selectOption("done");
      await item.getByRole("button", { name: "Save" }).click();
      await expect(adviser.getByTestId("notice")).toHaveText("Checklist item saved.");
    }
    const late = assessment.locator('li.item[data-closed="false"]');
    const itemId = (await late.getAttribute("id"))!;
    await late.locator("details.edit summary").first().click();
    await late.getByLabel("Due on").fill("1990-01-01");
    await late.getByRole("button", { name: "Save" }).click();
    await expect(adviser.getByTestId("notice")).toHaveText("Checklist item saved.");

    // The adviser opens My work and follows its first overdue link straight to that step.
    await adviser.goto("/my-work");
    const first = adviser.locator("ol.work li.overdue").first();
    await expect(first).toHaveAttribute("data-rci", rci);
    await expect(first).toContainText("1990-01-01");
    await fitsThePhone(adviser);
    await first.locator("a.work-link").click();
    await expect(adviser).toHaveURL(new RegExp(`/rcis/${rci}/checklist#${itemId}$`));

    // A photo of the signed MoU goes with the step: kept without the place the phone wrote
    // into it.
    const last = adviser.locator(`#${itemId}`);
    await last.locator("details.attach summary").click();
    await last.getByLabel("File (PDF, JPEG or PNG").setInputFiles({ name: "signed-mou.jpg", mimeType: "image/jpeg", buffer: photo() });
    await expect(last).toContainText("Never a photo of a child");
    await last.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(adviser).toHaveURL(new RegExp(`/rcis/${rci}/checklist\\?saved=file&item=\\d+#${itemId}$`));
    await expect(adviser.getByTestId("notice")).toHaveText("File attached.");
    const link = adviser.locator(`#${itemId} [data-testid="files"] a`);
    await expect(link).toHaveText("signed-mou.jpg");
    const download = await adviser.request.get((await link.getAttribute("href"))!);
    expect(download.headers()["content-disposition"]).toContain("attachment");
    const kept = await download.body();
    expect(kept.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(kept.includes(Buffer.from("GPS"))).toBe(false);
    await last.locator("details.edit summary").first().click();
    await last.getByLabel("Status").selectOption("done");
    await last.getByRole("button", { name: "Save" }).click();
    await expect(adviser.getByTestId("notice")).toHaveText("Checklist item saved.");

    // Done is not finished: the stage asks for sign-off and the partner stays in assessment.
    await expect(signOff).toHaveAttribute("data-state", "ready");
    await expect(signOff).toContainText("Every item is done");
    await expect(adviser.getByTestId("current-stage")).toContainText("Assessment");
    await fitsThePhone(adviser);
    await signOff.getByRole("button", { name: "Ask for sign-off" }).click();
    await expect(adviser.getByTestId("notice")).toContainText("Sign-off asked for");
    await expect(signOff).toHaveAttribute("data-state", "awaiting");
    await expect(signOff.getByRole("button", { name: "Sign off" })).toHaveCount(0);

    // The admin returns it, saying what is missing (a note is required).
    const admin = await phone(browser, javaScript, "demo.admin", `/rcis/${rci}/checklist`);
    const waiting = admin.getByTestId("sign-off-assessment");
    await expect(waiting).toHaveAttribute("data-state", "awaiting");
    await expect(waiting).toContainText("Demo Adviser");
    await fitsThePhone(admin);
    await waiting.getByRole("button", { name: "Return with this note" }).click();
    await expect(admin.getByRole("alert").first()).toContainText("say what is missing");
    await expect(admin.getByTestId("sign-off-assessment")).toHaveAttribute("data-state", "awaiting");
    const note = `Attach the <b>feasibility</b> report (${how} JS)`;
    await admin.getByTestId("sign-off-assessment").getByLabel("What is missing").fill(note);
    await admin.getByTestId("sign-off-assessment").getByRole("button", { name: "Return with this note" }).click();
    await expect(admin.getByTestId("notice")).toContainText("Stage returned");
    await expect(admin.getByTestId("sign-off-assessment")).toHaveAttribute("data-state", "returned");

    // The adviser reads the note on My work, as typed, and the link leads to the stage.
    await adviser.goto("/my-work");
    const entry = adviser.locator(`ol.work li[data-rci="${rci}"]`, { hasText: "sign-off returned" });
    await expect(entry.getByTestId("returned-note")).toHaveText(note);
    await fitsThePhone(adviser);
    await entry.locator("a.work-link").click();
    await expect(adviser).toHaveURL(new RegExp(`/rcis/${rci}/checklist#track-assessment$`));
    await expect(adviser.getByTestId("sign-off-note")).toHaveText(note);
    await adviser.getByTestId("sign-off-assessment").getByRole("button", { name: "Ask for sign-off" }).click();
    await expect(adviser.getByTestId("sign-off-assessment")).toHaveAttribute("data-state", "awaiting");

    // Signed off: the partner moves on to family tracing; the history has every step.
    await admin.goto(`/rcis/${rci}/checklist`);
    await admin.getByTestId("sign-off-assessment").getByRole("button", { name: "Sign off" }).click();
    await expect(admin.getByTestId("notice")).toContainText("Stage signed off");
    await expect(admin.getByTestId("current-stage")).toContainText("Family tracing");
    await expect(admin.locator('section.track[data-track="assessment"] .track-progress')).toContainText("signed off");
    await admin.goto(`/rcis/${rci}/history`);
    const history = admin.getByTestId("history");
    await expect(history).toContainText("Sign-off of Stage 1 · Assessment");
    await expect(history.locator("li", { hasText: "Sign-off of Stage 1 · Assessment" })).toHaveCount(4);
    await admin.context().close();
    await adviser.context().close();
  });
}
