//! A form posted without the app's code (or by the router, which posts it the same way) that a
//! server function refuses comes back to its page with the error in the URL. This keeps what was
//! typed, so the page can show it again at the field: the form's fields go into the database as
//! a draft of the signed-in user, and the way back to the page names it (`__draft=<id>`) and
//! opens the page at the error summary (`#error-summary`). Passwords are never kept.

use app::server::{AppState, Session};
use axum::body::Body;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, Method, Request};
use axum::middleware::Next;
use axum::response::Response;
use homeward_store::drafts::Draft;

/// Keeps the fields of a refused form post to a server function, for the page it goes back to.
pub async fn keep_refused_forms(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let endpoint = req.uri().path().strip_prefix("/api/").map(str::to_string);
    let user_id = req.extensions().get::<Session>().map(|s| s.actor.user_id);
    let (Some(endpoint), Some(user_id), true) = (endpoint, user_id, req.method() == Method::POST)
    else {
        return next.run(req).await;
    };
    // The body was read and bounded by `limits::check_forms` already.
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::limits::MAX_BODY).await else {
        return next.run(Request::from_parts(parts, Body::empty())).await;
    };
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes.clone())))
        .await;
    let Some(back) = refused_back_to(&response) else {
        return response;
    };
    let draft = Draft {
        endpoint,
        fields: form_urlencoded::parse(&bytes)
            .filter(|(name, _)| !name.contains("password"))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect(),
    };
    match state
        .store
        .keep_draft(user_id, &draft, chrono::Utc::now())
        .await
    {
        Ok(id) => {
            if let Ok(location) =
                HeaderValue::from_str(&format!("{back}&__draft={id}#error-summary"))
            {
                response.headers_mut().insert(LOCATION, location);
            }
        }
        // The refusal still reaches the page; only the typed values are lost.
        Err(e) => tracing::warn!(error = %e, "a refused form could not be kept"),
    }
    response
}

/// The way back to the page of a refused form: a redirect carrying the error in its query.
fn refused_back_to(response: &Response) -> Option<String> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(LOCATION)?.to_str().ok()?;
    let (path, query) = location.split_once('?')?;
    if !query.split('&').any(|pair| pair.starts_with("__err=")) {
        return None;
    }
    // A form refused again on the page of its last refusal names only its newest draft.
    let query: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.starts_with("__draft="))
        .collect();
    Some(format!("{path}?{}", query.join("&")))
}
