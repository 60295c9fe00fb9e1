//! Sign-in, sign-out and the session check that runs before every request.

use app::server::{AppState, Session};
use axum::body::Body;
use axum::extract::{FromRequest, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Form;
use chrono::Utc;
use homeward_core::accounts::{AccountError, Login};
use homeward_store::StoreError;

use crate::local_path;

/// The session cookie: an opaque random token; the database keeps only its hash.
pub const SESSION_COOKIE: &str = "homeward_session";

/// The session cookie's name over HTTPS. The `__Host-` prefix makes browsers accept it only when
/// it is `Secure`, for the whole site and from this very host, so no other site or subdomain can
/// plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-homeward_session";

/// The session cookie's name for this server.
pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The session cookie's attributes; `Secure` over HTTPS.
fn cookie_attributes(secure: bool) -> &'static str {
    if secure {
        "Path=/; HttpOnly; SameSite=Lax; Secure"
    } else {
        "Path=/; HttpOnly; SameSite=Lax"
    }
}

/// Where a user holding a one-time password is sent until they choose their own.
const PASSWORD_PAGE: &str = "/account/password";

/// Reads one cookie from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Whether the process is up, for a service manager (public, no database).
pub const HEALTH: &str = "/healthz";
/// Whether the server can answer, its database included (public).
pub const READY: &str = "/readyz";

/// Paths anyone may fetch: the sign-in page, the language switch, static assets and the health
/// checks.
fn is_public(path: &str) -> bool {
    path == "/login"
        || path == "/favicon.svg"
        || path == "/sw.js"
        || path == HEALTH
        || path == READY
        || ["/lang/", "/pkg/", "/fonts/", "/js/"]
            .iter()
            .any(|p| path.starts_with(p))
}

/// Finds the caller's session and puts it in the request for pages and server functions.
/// A page asked for without a session is redirected to the sign-in page; server functions
/// answer for themselves (they refuse a caller without a session).
pub async fn authenticate(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let now = Utc::now();
    let mut session = None;
    if let Some(token) = cookie(req.headers(), session_cookie(state.secure_cookies)) {
        match state.store.session_user(&token, &state.sessions, now).await {
            Ok(found) => {
                session = found.map(|(actor, user)| Session {
                    actor,
                    display_name: user.display_name.to_string(),
                    must_change_password: user.must_change_password,
                })
            }
            Err(e) => tracing::error!("session lookup failed: {e}"),
        }
    }
    let path = req.uri().path().to_string();
    let page = req.method() == Method::GET && !is_public(&path) && !path.starts_with("/api/");
    match session {
        Some(session) => {
            crate::logs::record_user(session.actor.user_id);
            if session.must_change_password && page && path != PASSWORD_PAGE {
                return (StatusCode::SEE_OTHER, [(LOCATION, PASSWORD_PAGE)]).into_response();
            }
            req.extensions_mut().insert(session);
        }
        None if page => {
            let wanted = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            let to = format!(
                "/login{}",
                app::components::query_string(vec![("next", Some(wanted))])
            );
            return (StatusCode::SEE_OTHER, [(LOCATION, to)]).into_response();
        }
        None => {}
    }
    next.run(req).await
}

#[derive(serde::Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    next: Option<String>,
}

/// Why sign-in failed, as a short code the sign-in page turns into a message in the user's language.
fn failure_code(e: &StoreError) -> &'static str {
    match e {
        StoreError::Account(AccountError::LockedOut { .. }) => "locked",
        StoreError::Account(AccountError::Disabled) => "disabled",
        StoreError::Account(_) | StoreError::NotFound => "wrong",
        StoreError::Busy => "busy",
        _ => "server",
    }
}

/// Checks the login and password (with lockout), then starts a session and returns to the page
/// the user wanted. Every try, good or bad, is recorded by the store.
pub async fn login(State(state): State<AppState>, req: Request<Body>) -> Response {
    let remote = app::server::address_of(req.extensions()).unwrap_or_default();
    let Ok(Form(form)) = Form::<LoginForm>::from_request(req, &()).await else {
        return (StatusCode::BAD_REQUEST, "Login and password are required.").into_response();
    };
    let now = Utc::now();
    // No page asked for (the sign-in page opened directly): each role's own first page.
    let next = form
        .next
        .filter(|p| !p.trim().is_empty())
        .map(|p| local_path(Some(p)));
    let result = match Login::parse(&form.login) {
        Ok(login) => {
            state
                .store
                .verify_login(&login, &form.password, now, &remote)
                .await
        }
        Err(_) => Err(StoreError::Account(AccountError::WrongCredentials)),
    };
    let actor = match result {
        Ok(actor) => actor,
        Err(e) => {
            if failure_code(&e) == "server" {
                tracing::error!("sign-in failed: {e}");
            }
            let to = format!(
                "/login{}",
                app::components::query_string(vec![
                    ("error", Some(failure_code(&e).to_string())),
                    ("next", next),
                ])
            );
            return (StatusCode::SEE_OTHER, [(LOCATION, to)]).into_response();
        }
    };
    match state.store.create_session(actor.user_id, now).await {
        Ok(token) => {
            let max_age = state.sessions.absolute.num_seconds();
            let set = format!(
                "{}={token}; {}; Max-Age={max_age}",
                session_cookie(state.secure_cookies),
                cookie_attributes(state.secure_cookies)
            );
            let next = next.unwrap_or_else(|| app::work::first_page(actor.role).to_string());
            (StatusCode::SEE_OTHER, [(SET_COOKIE, set), (LOCATION, next)]).into_response()
        }
        Err(e) => {
            tracing::error!("could not start a session: {e}");
            (
                StatusCode::SEE_OTHER,
                [(LOCATION, "/login?error=server".to_string())],
            )
                .into_response()
        }
    }
}

/// Ends the session in the database (so a copied cookie is useless) and clears the cookie.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let name = session_cookie(state.secure_cookies);
    if let Some(token) = cookie(&headers, name) {
        if let Err(e) = state.store.delete_session(&token).await {
            tracing::error!("could not end a session: {e}");
        }
    }
    let clear = format!(
        "{name}=; {}; Max-Age=0",
        cookie_attributes(state.secure_cookies)
    );
    (
        StatusCode::SEE_OTHER,
        [(SET_COOKIE, clear), (LOCATION, "/login".to_string())],
    )
        .into_response()
}
