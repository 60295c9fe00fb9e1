#![recursion_limit = "256"]

//! Entry point of the WebAssembly bundle: brings the page's few islands to life. Everything else
//! is rendered on the server and needs no code in the browser.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // The islands are exports of the app crate: naming it keeps them linked (without this line
    // they are dropped silently and nothing hydrates).
    #[allow(unused_imports)]
    use app::*;
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
