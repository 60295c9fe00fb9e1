//! Saves sent from a phone's outbox. Each carries the id the phone gave it (`Homeward-Save-Id`);
//! the request runs as that save ([`homeward_store::saves::once`]), so the store takes it once
//! and refuses a replay, whichever server it reaches. Pages name their user
//! (`Homeward-User`), so the phone's service worker keeps them for that user only.

use app::errors::AppError;
use app::server::Session;
use axum::body::Body;
use axum::http::{HeaderValue, Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use homeward_core::offline::SaveId;

/// The header an offline save's id comes in.
pub const SAVE_ID: &str = "homeward-save-id";

/// The header naming the signed-in user on a page.
pub const USER: &str = "homeward-user";

/// Runs a request carrying a save's id as that save; refuses an id that is not one (400).
pub async fn take_once(req: Request<Body>, next: Next) -> Response {
    let Some(raw) = req.headers().get(SAVE_ID) else {
        return next.run(req).await;
    };
    let id = raw
        .to_str()
        .map_err(|_| SaveId::refusal())
        .and_then(SaveId::parse);
    match id {
        Ok(id) => homeward_store::saves::once(id, next.run(req)).await,
        Err(why) => {
            let error = AppError::invalid(why);
            (error.status(), axum::Json(error)).into_response()
        }
    }
}

/// Names the signed-in user on every page they are sent.
pub async fn name_the_user(req: Request<Body>, next: Next) -> Response {
    let user = (req.method() == Method::GET)
        .then(|| req.extensions().get::<Session>().map(|s| s.actor.user_id))
        .flatten();
    let mut response = next.run(req).await;
    if let Some(user) = user {
        response.headers_mut().insert(USER, HeaderValue::from(user));
    }
    response
}
