// Working offline, in the page: registers the service worker (sw.js), shows how many saves wait
// in the outbox (js/outbox-db.js), sends them in order once the connection is back, and fills the
// Outbox and Available offline pages. Every word shown comes from the page, in its language.
(() => {
  if (!("serviceWorker" in navigator) || !("indexedDB" in window)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});

  const user = () => Outbox.get("user").catch(() => null);
  const lang = () => (document.documentElement.lang === "km" ? "km" : "en");
  const when = (iso) => new Date(iso).toLocaleString(lang() === "km" ? "km-KH" : "en-GB");

  /** The count in the header and the note on a page whose saves wait. */
  async function show() {
    const who = await user();
    const entries = who ? await Outbox.list(who) : [];
    const waiting = entries.filter((e) => e.state === "waiting").length;
    const stuck = entries.length - waiting;
    for (const link of document.querySelectorAll("[data-outbox-count]")) {
      const n = waiting + stuck;
      const count = link.querySelector(".count");
      if (count.textContent !== String(n)) count.textContent = String(n);
      if (link.hidden !== (n === 0)) link.hidden = n === 0;
    }
    const here = location.pathname;
    for (const note of document.querySelectorAll("[data-offline-note]")) {
      const mine = entries.some((e) => e.state === "waiting" && e.page.split("?")[0] === here);
      if (note.hidden === mine) note.hidden = !mine;
    }
    const list = document.querySelector("[data-outbox]");
    if (list && list.dataset.shown !== JSON.stringify(entries)) outboxPage(list, entries);
    const kept = document.querySelector("[data-kept]");
    if (kept && !kept.dataset.shown) keptPage(kept, who);
  }

  let sending = false;
  /** Sends every waiting save of the signed-in user, oldest first; stops at the first that
   * cannot reach the server, so they arrive in the order they were made. */
  async function send() {
    const who = await user();
    if (sending || !who || !navigator.onLine) return;
    sending = true;
    try {
      for (const entry of await Outbox.list(who)) {
        if (entry.state !== "waiting") continue;
        let response;
        try {
          response = await fetch(entry.url, {
            method: "POST",
            body: entry.body,
            headers: { "Content-Type": "application/x-www-form-urlencoded", "Homeward-Save-Id": entry.id },
            redirect: "manual",
            credentials: "same-origin",
          });
        } catch (_) {
          break;
        }
        if (response.ok || response.type === "opaqueredirect") {
          await Outbox.remove(entry.seq);
          continue;
        }
        if (response.status === 401) break;
        let error = null;
        try {
          error = await response.json();
        } catch (_) {}
        const kind = typeof error === "string" ? error : error && Object.keys(error)[0];
        // Taken already (another tab, or a reply lost on the way): nothing more to send.
        if (kind === "AlreadySaved") {
          await Outbox.remove(entry.seq);
          continue;
        }
        entry.state = kind === "Conflict" ? "conflict" : "refused";
        entry.error = error;
        await Outbox.put(entry);
      }
    } finally {
      sending = false;
    }
    await show();
  }

  /** The form a save came from, as its page holds it now (from the phone's copy when offline):
   * the one posting to the same address with the same hidden fields, its version aside. */
  async function formOf(entry) {
    try {
      const page = await fetch(entry.page, { credentials: "same-origin", headers: { Accept: "text/html" } });
      const doc = new DOMParser().parseFromString(await page.text(), "text/html");
      const fields = new URLSearchParams(entry.body);
      return [...doc.querySelectorAll(`form[action="${entry.url}"]`)].find((form) =>
        [...form.querySelectorAll("input[type=hidden][name]")]
          .filter((i) => i.name !== "version")
          .every((i) => fields.get(i.name) === i.value),
      );
    } catch (_) {
      return undefined;
    }
  }

  /** What a save holds, worded as its form words it: each filled field's label and the value
   * typed, or the chosen option's words. */
  function typed(entry, form) {
    const shown = [];
    for (const [name, value] of new URLSearchParams(entry.body)) {
      const field = form && [...form.elements].find((e) => e.name === name);
      if (!field || field.type === "hidden" || value === "") continue;
      const label = (field.id && form.querySelector(`label[for="${field.id}"]`)?.textContent) || name;
      const option = field.tagName === "SELECT" ? [...field.options].find((o) => o.value === value) : null;
      shown.push([label.trim(), option ? option.textContent.trim() : value, !option]);
    }
    return shown;
  }

  /** The Outbox page: each waiting or refused save, with what was typed and what to do. */
  async function outboxPage(list, entries) {
    list.dataset.shown = JSON.stringify(entries);
    const template = document.getElementById("outbox-entry");
    list.replaceChildren();
    for (const entry of entries) {
      const li = template.content.firstElementChild.cloneNode(true);
      li.dataset.state = entry.state;
      li.querySelector("[data-what]").textContent = li.querySelector(`[data-form="${entry.url}"]`)?.textContent || entry.url;
      for (const form of li.querySelectorAll("[data-form]")) form.remove();
      const link = li.querySelector("a[data-page]");
      link.href = entry.page;
      link.textContent = entry.page;
      li.querySelector("[data-saved-at]").textContent = when(entry.savedAt);
      for (const state of li.querySelectorAll("[data-state-text]")) state.hidden = state.dataset.stateText !== entry.state;
      const mine = li.querySelector("[data-typed]");
      for (const [label, value, typedByHand] of typed(entry, await formOf(entry))) {
        const dt = document.createElement("dt");
        dt.textContent = label;
        const dd = document.createElement("dd");
        dd.textContent = value;
        // Only what a person typed is left untranslated; the app's own words are not.
        if (typedByHand) dd.setAttribute("translate", "no");
        mine.append(dt, dd);
      }
      const theirs = li.querySelector("[data-theirs]");
      const said = entry.error && typeof entry.error === "object" ? Object.values(entry.error)[0] : null;
      theirs.textContent = said ? said[lang()] || said.en || said.message?.[lang()] || "" : "";
      theirs.hidden = !theirs.textContent;
      li.querySelector("[data-reapply]").hidden = entry.state !== "conflict";
      li.querySelector("[data-reapply]").addEventListener("click", () => reapply(entry));
      li.querySelector("[data-drop]").addEventListener("click", async () => {
        await Outbox.remove(entry.seq);
        await show();
      });
      list.append(li);
    }
    document.querySelector("[data-outbox-empty]").hidden = entries.length > 0;
  }

  /** Sends a conflicting save again over what was saved meanwhile: its version becomes the
   * one the page holds now (the form with the same hidden fields), with a new save id. */
  async function reapply(entry) {
    const form = await formOf(entry);
    const fields = new URLSearchParams(entry.body);
    const version = form && form.querySelector("input[name=version]");
    if (version) fields.set("version", version.value);
    Object.assign(entry, { id: crypto.randomUUID(), body: fields.toString(), state: "waiting", error: null });
    await Outbox.put(entry);
    await send();
  }

  /** Available offline: when each page was last kept on this phone. Opened with a signal, it
   * keeps again the pages not kept yet or kept more than half a day ago (the button: all now). */
  const STALE_MS = 12 * 3_600_000;
  async function keptPage(list, who) {
    list.dataset.shown = "1";
    const items = [...list.querySelectorAll("[data-page]")];
    const keptAt = async () => {
      const cache = who ? await caches.open("homeward-pages:" + who) : null;
      const at = new Map();
      for (const item of items) {
        const kept = cache && (await cache.match(new URL(item.dataset.page, location.href).href, { ignoreVary: true }));
        at.set(item, kept ? kept.headers.get("Homeward-Saved-At") : null);
      }
      return at;
    };
    const render = (at) => {
      for (const [item, when_] of at) {
        const cell = item.querySelector("[data-kept-at]");
        cell.textContent = when_ ? when(when_) : cell.dataset.never;
        item.dataset.kept = when_ ? "yes" : "no";
      }
    };
    const keepAll = async (which) => {
      for (const item of which) {
        await fetch(item.dataset.page, { credentials: "same-origin", headers: { Accept: "text/html" } }).catch(() => {});
      }
      render(await keptAt());
    };
    const at = await keptAt();
    render(at);
    const button = document.querySelector("[data-keep-all]");
    if (button && !button.dataset.bound) {
      button.dataset.bound = "1";
      button.hidden = false;
      button.addEventListener("click", async () => {
        button.disabled = true;
        await keepAll(items);
        button.disabled = false;
      });
    }
    if (navigator.onLine) {
      await keepAll(items.filter((item) => !at.get(item) || Date.now() - Date.parse(at.get(item)) > STALE_MS));
    }
  }

  addEventListener("online", send);
  // The islands router rewrites the page in place: show the counts again when it does.
  new MutationObserver(() => show()).observe(document.body, { childList: true, subtree: true });
  show().then(send);
})();
