// Keeps what was typed into a form the server refused. Forms are plain posts: a refusal comes
// back as the same page with the error in its URL (?__path=/api/<function>&__err=…), which would
// otherwise show the form empty again. On submit the form's values are kept for this tab; when
// the page comes back refused, they are put back into the form that was sent (forms sharing one
// function, such as checklist items, are told apart by their hidden fields) and it is opened.
// Without JavaScript the form comes back empty, with the same message.
(() => {
  const storeKey = (form) => "homeward-form:" + new URL(form.action, location.href).pathname;
  const isPost = (form) => form instanceof HTMLFormElement && form.method.toLowerCase() === "post";

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!isPost(form)) return;
    const values = [...new FormData(form)].filter(([, v]) => typeof v === "string");
    try {
      sessionStorage.setItem(storeKey(form), JSON.stringify(values));
    } catch (_) {
      // Private windows may refuse storage: the form then simply comes back empty.
    }
  });

  const refused = new URLSearchParams(location.search).get("__path");
  if (!refused) return;
  for (const form of document.querySelectorAll("form")) {
    if (!isPost(form) || new URL(form.action, location.href).pathname !== refused) continue;
    let values;
    try {
      values = JSON.parse(sessionStorage.getItem(storeKey(form)) || "null");
    } catch (_) {
      values = null;
    }
    if (!Array.isArray(values)) continue;
    const sent = new Map(values);
    const hidden = [...form.querySelectorAll("input[type=hidden][name]")];
    if (!hidden.every((input) => sent.get(input.name) === input.value)) continue;
    for (const element of form.elements) {
      if (!element.name || element.type === "hidden" || element.type === "submit") continue;
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = values.some(([n, v]) => n === element.name && v === element.value);
      } else if (sent.has(element.name)) {
        element.value = sent.get(element.name);
      }
    }
    const details = form.closest("details");
    if (details) details.open = true;
    break;
  }
})();
