// Homeward's service worker: the app's files and the signed-in user's partner pages stay on the
// phone, so an adviser can read an RCI's overview, checklist, children and follow-ups without a
// signal, and a checklist item, counts or a follow-up visit saved without one is kept in the
// outbox (js/outbox-db.js) until the page sends it. Pages are always asked of the network first;
// a copy is used only when the network fails. Everything kept is the user's own: the server names
// the user on each page (`Homeward-User`), and another user's pages are dropped at once, as they
// are at sign-out.
importScripts("/js/outbox-db.js");

const APP = "homeward-app";
const PAGES = "homeward-pages:";
/** The pages kept for reading offline. */
const KEPT = /^\/(rcis\/\d+(\/(checklist|children|follow-ups))?|my-work|offline|outbox)$/;
/** The forms an adviser may save offline. */
const FORMS = new Set(["/api/update_item", "/api/record_counts", "/api/record_follow_up"]);
/** Parameters that only say what was just saved, or why a form came back: not part of a page. */
const NOTICES = ["saved", "item", "__err", "__path", "__draft"];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method === "POST" && url.pathname === "/logout") {
    event.respondWith(forget().then(() => fetch(request)));
  } else if (request.method === "POST" && FORMS.has(url.pathname)) {
    event.respondWith(save(request));
  } else if (request.method !== "GET") {
    return;
  } else if (/^\/(pkg|js|fonts)\/|^\/favicon\.svg$/.test(url.pathname)) {
    event.respondWith(appFile(request));
  } else if (
    request.mode === "navigate" ||
    request.headers.has("Islands-Router") ||
    (request.headers.get("Accept") || "").includes("text/html")
  ) {
    event.respondWith(page(request, event));
  }
});

/** The page's address without notices: one copy per page, whatever was last saved on it. */
function pageKey(url) {
  const key = new URL(url);
  for (const name of NOTICES) key.searchParams.delete(name);
  key.hash = "";
  return key.href;
}

/** Drops every user's pages (sign-out, or another user signed in). */
async function forget() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PAGES)) await caches.delete(name);
  }
  await Outbox.set("user", null);
}

async function appFile(request) {
  const cache = await caches.open(APP);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url, response.clone());
    return response;
  } catch (offline) {
    const kept = await cache.match(request.url, { ignoreVary: true });
    if (kept) return kept;
    throw offline;
  }
}

/** A page from the network, kept once it has arrived (the page itself is not held back for
 * that); without a network, the copy kept, else the list of what is kept on this phone. */
async function page(request, event) {
  const key = pageKey(request.url);
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const user = await Outbox.get("user");
    const cache = user && (await caches.open(PAGES + user));
    const kept =
      cache &&
      ((await cache.match(key, { ignoreVary: true })) ||
        (await cache.match(key, { ignoreVary: true, ignoreSearch: true })) ||
        (await cache.match(new URL("/offline", location.origin).href, { ignoreVary: true })));
    if (kept) return kept;
    throw offline;
  }
  event.waitUntil(keep(key, response.clone()));
  return response;
}

/** Keeps a copy of a page for its user, noting when; learns from it who is signed in. */
async function keep(key, response) {
  const user = response.headers.get("Homeward-User");
  if (!user) {
    // The sign-in page, or a page that sent there: nobody is signed in any more.
    if (new URL(response.url || key).pathname === "/login") await forget();
    return;
  }
  if ((await Outbox.get("user")) !== user) {
    await forget();
    await Outbox.set("user", user);
  }
  if (response.status !== 200 || !KEPT.test(new URL(response.url).pathname)) return;
  const headers = new Headers(response.headers);
  headers.set("Homeward-Saved-At", new Date().toISOString());
  const copy = new Response(await response.blob(), { status: 200, headers });
  await (await caches.open(PAGES + user)).put(key, copy);
}

/** Sends a save; without a connection keeps it in the outbox and goes back to its page. */
async function save(request) {
  // A save sent from the outbox is never kept again: the page keeps it until it is answered.
  if (request.headers.has("Homeward-Save-Id")) return fetch(request);
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (offline) {
    const user = await Outbox.get("user");
    if (!user) throw offline;
    const body = await copy.text();
    const back = new URL(pageKey(request.referrer || location.origin + "/"));
    const url = new URL(request.url).pathname;
    const waiting = await Outbox.list(user);
    // A second tap on the same form sends nothing new.
    if (!waiting.some((e) => e.state === "waiting" && e.url === url && e.body === body)) {
      await Outbox.add({
        id: crypto.randomUUID(),
        user,
        url,
        body,
        page: back.pathname + back.search,
        savedAt: new Date().toISOString(),
        state: "waiting",
      });
    }
    return Response.redirect(back.href, 303);
  }
}
