//! The sign-in page: a plain form posted to the server's `/login` handler, so it works on any
//! phone with or without WebAssembly.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::PageTitle;
use crate::i18n::{use_lang, Msg};

/// The message for a failure code the server put in the URL.
fn failure(code: &str) -> Option<Msg> {
    match code {
        "wrong" => Some(Msg::LoginWrong),
        "locked" => Some(Msg::LoginLocked),
        "disabled" => Some(Msg::LoginDisabled),
        "busy" => Some(Msg::Busy),
        "server" => Some(Msg::ServerProblem),
        _ => None,
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || query.read().get("error").and_then(|c| failure(&c));
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <PageTitle text=Msg::SignIn.text(lang)/>
        <section class="login">
            <h1>{Msg::SignIn.text(lang)}</h1>
            {move || error().map(|m| view! { <p class="error" role="alert">{m.text(lang)}</p> })}
            {move || (query.read().get("changed").as_deref() == Some("1"))
                .then(|| view! { <p class="saved" role="status">{Msg::PasswordChanged.text(lang)}</p> })}
            <form method="post" action="/login" class="stack">
                <input type="hidden" name="next" value=next/>
                <label for="login">{Msg::LoginName.text(lang)}</label>
                <input id="login" name="login" type="text" autocomplete="username" required autocapitalize="none"/>
                <label for="password">{Msg::Password.text(lang)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit">{Msg::SignIn.text(lang)}</button>
            </form>
        </section>
    }
}
