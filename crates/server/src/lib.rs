//! The `homeward` server: the axum router around the Leptos app, with sign-in, access checks and
//! security middleware. A library so that tests can drive the very router the binary serves.

pub mod api;
pub mod auth;
pub mod compression;
pub mod drafts;
pub mod exports;
pub mod files;
pub mod imports;
pub mod limits;
pub mod logs;
pub mod offline;
pub mod security;
pub mod serve;
mod xlsx;

use app::i18n::LANG_COOKIE;
use app::server::AppState;
use app::{shell, App};
use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use homeward_core::Lang;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

/// The whole application: pages, server functions, sign-in and static files, behind the
/// authentication, cross-site and header middleware. Uploaded spreadsheets are read by
/// `reader`'s processes.
pub fn router(state: AppState, leptos_options: LeptosOptions, reader: imports::Sandbox) -> Router {
    router_with_routes(state, leptos_options, generate_route_list(App), reader)
}

/// [`router`] with the page routes already listed. Listing them pauses every resource in the
/// process while it runs (leptos-rs/leptos#4773), so tests list them once, before any page is
/// rendered, and build each test's router from that list.
pub fn router_with_routes(
    state: AppState,
    leptos_options: LeptosOptions,
    routes: Vec<leptos_axum::AxumRouteListing>,
    reader: imports::Sandbox,
) -> Router {
    let app_state = state.clone();
    let secure = state.secure_cookies;
    Router::new()
        .route(auth::HEALTH, get(healthz))
        .route(auth::READY, get(readyz).with_state(state.clone()))
        .route("/lang/{code}", get(set_language))
        .nest(api::PREFIX, api::router(state.clone()))
        .route("/login", post(auth::login).with_state(state.clone()))
        .route("/logout", post(auth::logout).with_state(state.clone()))
        .route(
            "/exports/partners.csv",
            get(exports::partners_csv).with_state(state.clone()),
        )
        .route(
            "/exports/partners.xlsx",
            get(exports::partners_xlsx).with_state(state.clone()),
        )
        .route(
            app::imports::PATH,
            post(imports::upload).with_state(state.clone()).layer((
                axum::extract::DefaultBodyLimit::max(imports::MAX_UPLOAD),
                axum::Extension(reader),
            )),
        )
        .route(
            files::PATH,
            post(files::upload)
                .with_state(state.clone())
                .layer(axum::extract::DefaultBodyLimit::max(files::MAX_UPLOAD)),
        )
        .route(
            "/files/{id}",
            get(files::download).with_state(state.clone()),
        )
        .route(
            app::imports::TEMPLATE_PATH,
            get(imports::template_download).with_state(state.clone()),
        )
        .route(
            "/exports/tours.csv",
            get(exports::tours_csv).with_state(state.clone()),
        )
        .route(
            "/exports/trainings.csv",
            get(exports::trainings_csv).with_state(state.clone()),
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
        // The app's own files, precompressed at build time. Served here rather than by
        // leptos_axum's fallback, which drops `If-Modified-Since`: a second visit then gets a
        // 304 instead of the code again.
        .nest_service(
            "/pkg",
            static_dir(&leptos_options, &leptos_options.site_pkg_dir),
        )
        .nest_service("/fonts", static_dir(&leptos_options, "fonts"))
        .nest_service("/js", static_dir(&leptos_options, "js"))
        .fallback(leptos_axum::file_and_error_handler(shell))
        .layer(axum::middleware::from_fn(security::server_fn_status))
        .layer(axum::middleware::from_fn(offline::take_once))
        .layer(axum::middleware::from_fn(offline::name_the_user))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            drafts::keep_refused_forms,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state,
            auth::authenticate,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits::REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn_with_state(
            limits::PasswordTries::default(),
            limits::limit_password_tries,
        ))
        .layer(axum::middleware::from_fn(limits::check_forms))
        .layer(axum::middleware::from_fn(security::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(
            secure,
            security::security_headers,
        ))
        .layer(axum::middleware::from_fn(logs::requests))
        .layer(compression::layer())
        .with_state(leptos_options)
}

/// The process is up (for a service manager or load balancer): no database involved.
async fn healthz() -> &'static str {
    "ok"
}

/// The server can answer requests: its database answers. 503 while it does not, so a load
/// balancer stops sending users here.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!("not ready: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// A folder of the built site, served with its precompressed `.br`/`.gz` twins and conditional
/// requests.
fn static_dir(options: &LeptosOptions, dir: &str) -> tower_http::services::ServeDir {
    tower_http::services::ServeDir::new(format!("{}/{dir}", options.site_root))
        .precompressed_br()
        .precompressed_gzip()
}

#[derive(serde::Deserialize)]
pub struct Back {
    to: Option<String>,
}

/// A path on this site to return to; anything else becomes the home page, so no link can send
/// anyone elsewhere. Browsers strip tabs and newlines from a URL and read `\\` as `/`, so
/// `/\t/evil.example` would lead to `//evil.example`: control characters, white space and
/// backslashes are refused outright, and what is left must still be this site when resolved
/// the way a browser resolves it (the WHATWG URL parser).
pub fn local_path(candidate: Option<String>) -> String {
    candidate
        .filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/".to_string())
}

fn is_local_path(path: &str) -> bool {
    if path
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return false;
    }
    if !path.starts_with('/') || path.starts_with("//") {
        return false;
    }
    let Ok(base) = url::Url::parse("http://homeward.invalid/") else {
        return false;
    };
    base.join(path)
        .is_ok_and(|resolved| resolved.origin() == base.origin())
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
        assert_eq!(local_path(None), "/");
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "https:evil.example",
            "/\\evil.example",
            "/%5Cevil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            " //evil.example",
            "\t//evil.example",
        ] {
            let back = local_path(Some(hostile.into()));
            let resolved = url::Url::parse("http://homeward.invalid/")
                .unwrap()
                .join(&back)
                .unwrap();
            assert_eq!(
                resolved.host_str(),
                Some("homeward.invalid"),
                "{hostile:?} led to {back:?}"
            );
        }
    }
}
