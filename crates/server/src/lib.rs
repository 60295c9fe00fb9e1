//! The `homeward` server: the axum router around the Leptos app, with sign-in, access checks and
//! security middleware. A library so that tests can drive the very router the binary serves.

pub mod auth;
pub mod compression;
pub mod security;

use app::i18n::LANG_COOKIE;
use app::server::AppState;
use app::{shell, App};
use axum::extract::{Path, Query};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use homeward_core::Lang;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

/// The whole application: pages, server functions, sign-in and static files, behind the
/// authentication, cross-site and header middleware.
pub fn router(state: AppState, leptos_options: LeptosOptions) -> Router {
    router_with_routes(state, leptos_options, generate_route_list(App))
}

/// [`router`] with the page routes already listed. Listing them pauses every resource in the
/// process while it runs (leptos-rs/leptos#4773), so tests list them once, before any page is
/// rendered, and build each test's router from that list.
pub fn router_with_routes(
    state: AppState,
    leptos_options: LeptosOptions,
    routes: Vec<leptos_axum::AxumRouteListing>,
) -> Router {
    let app_state = state.clone();
    Router::new()
        .route("/lang/{code}", get(set_language))
        .route("/login", post(auth::login).with_state(state.clone()))
        .route("/logout", post(auth::logout).with_state(state.clone()))
        .route(
            "/exports/partners.csv",
            get(app::compare::export_csv).with_state(state.clone()),
        )
        .route(
            "/exports/partners.xlsx",
            get(app::compare::export_xlsx).with_state(state.clone()),
        )
        .route(
            "/exports/tours.csv",
            get(app::tours::export_csv).with_state(state.clone()),
        )
        .route(
            "/exports/trainings.csv",
            get(app::trainings::export_csv).with_state(state.clone()),
        )
        .leptos_routes_with_context(
            &leptos_options,
            routes,
            move || provide_context(app_state.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .layer(axum::middleware::from_fn_with_state(
            state,
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn(security::refuse_cross_site))
        .layer(axum::middleware::from_fn(security::security_headers))
        .layer(compression::layer())
        .with_state(leptos_options)
}

#[derive(serde::Deserialize)]
pub struct Back {
    to: Option<String>,
}

/// A path on this site to return to; anything else (another site, a protocol-relative URL)
/// becomes the home page, so no link can send anyone elsewhere.
pub fn local_path(candidate: Option<String>) -> String {
    candidate
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
        .unwrap_or_else(|| "/".to_string())
}

/// Remembers the chosen language in a cookie for a year and returns to the page the user was on.
async fn set_language(Path(code): Path<String>, Query(back): Query<Back>) -> impl IntoResponse {
    let lang = Lang::from_code(&code);
    (
        StatusCode::SEE_OTHER,
        [
            (
                SET_COOKIE,
                format!(
                    "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                    lang.code()
                ),
            ),
            (LOCATION, local_path(back.to)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/rcis/3?x=1".into())), "/rcis/3?x=1");
        assert_eq!(local_path(Some("//evil.example".into())), "/");
        assert_eq!(local_path(Some("https://evil.example".into())), "/");
        assert_eq!(local_path(Some("/\\evil.example".into())), "/");
        assert_eq!(local_path(None), "/");
    }
}
