// The outbox: saves made without a connection, kept in IndexedDB until they are sent. Shared by
// the service worker (which keeps a save the network refused) and the pages (which send them,
// count them and list them on the Outbox page). Each save is { seq, id, user, url, body, page,
// savedAt, state: "waiting" | "conflict" | "refused", error }; `id` goes with it as the
// `Homeward-Save-Id` header, so the server takes each save once however often it is sent.
const Outbox = (() => {
  const open = () =>
    new Promise((resolve, reject) => {
      const req = indexedDB.open("homeward-offline", 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
        req.result.createObjectStore("meta");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const run = async (store, mode, work) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const result = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  };
  return {
    /** Every save of `user`, oldest first. */
    list: async (user) =>
      ((await run("outbox", "readonly", (s) => s.getAll())) || []).filter((e) => e.user === user),
    add: (entry) => run("outbox", "readwrite", (s) => s.add(entry)),
    put: (entry) => run("outbox", "readwrite", (s) => s.put(entry)),
    remove: (seq) => run("outbox", "readwrite", (s) => s.delete(seq)),
    /** What the worker remembers between requests: the signed-in user, the last refresh. */
    get: (key) => run("meta", "readonly", (s) => s.get(key)),
    set: (key, value) => run("meta", "readwrite", (s) => s.put(value, key)),
  };
})();
