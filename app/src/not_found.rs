//! "Not found" pages, answered with HTTP 404 so that nothing distinguishes a missing RCI from
//! one the caller may not see.

use leptos::prelude::*;

use crate::components::PageTitle;
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

/// Sets the response status for an error met while rendering on the server.
pub fn set_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// What a page shows instead of its content when its data was refused: the message, with the
/// matching HTTP status.
pub fn error_page(error: &AppError, lang: homeward_core::Lang) -> AnyView {
    set_status(error);
    view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any()
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    set_status(&AppError::NotFound);
    view! {
        <PageTitle text=Msg::NotFound.text(lang)/>
        <p class="error" role="alert">{Msg::NotFound.text(lang)}</p>
        <p><a href="/">{Msg::BackToPartners.text(lang)}</a></p>
    }
}
