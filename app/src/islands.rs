//! The only parts of Homeward that run in the browser. Everything else is rendered on the server;
//! an island is worth its bytes only where a click must do something no link or form can.
//!
//! Islands see no server context (no language, no session): everything they show comes in as
//! props, already worded in the reader's language.

use leptos::prelude::*;

/// Prints the page. Hidden until the island has hydrated: without JavaScript it could do nothing
/// (the browser's own print still works, with the same print styles).
#[island]
pub fn PrintButton(label: String) -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <button type="button" class="no-print" hidden=move || !ready.get()
            on:click=|_| {
                let _ = window().print();
            }>
            {label}
        </button>
    }
}

/// Marks the page once its islands have hydrated (islands hydrate in document order and this is
/// the last), so tests and curious people can tell.
#[island]
pub fn HydrationMark() -> impl IntoView {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
