//! The read-only JSON API under `/api/v1` for the organisation's dashboards: partners, the
//! comparison, quarterly figures, tours and trainings, each as far as the caller's token reaches
//! ([`homeward_core::api_tokens`]). A token comes as `Authorization: Bearer hw_…`; sessions do
//! not open the API, and the API opens nothing else. Every answer is JSON, refusals included
//! ([`schema::Problem`]); the OpenAPI document at `/api/v1/openapi.json` is generated from the
//! handlers and their types ([`routes::ApiDoc`]).

pub mod routes;
pub mod schema;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use app::errors::AppError;
use app::server::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use homeward_core::api_tokens::{TokenScope, SECRET_PREFIX};
use homeward_core::Lang;

/// Where the API lives.
pub const PREFIX: &str = "/api/v1";

/// Requests one token (or one address sending no valid token) may make at once: a dashboard
/// loading every figure, several times over.
pub const BURST: u32 = 60;

/// Then one more request per this many milliseconds: two a second, far more than a dashboard
/// refreshing every minute needs.
pub const EVERY_MILLIS: u64 = 500;

/// The API's state: the app's, and how often each caller has asked.
#[derive(Clone)]
pub struct ApiState {
    app: AppState,
    limits: Arc<DefaultKeyedRateLimiter<Caller>>,
}

/// Who a request is counted against: a token, or the address of one that sent none that works.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Caller {
    Token(i64),
    Address(IpAddr),
}

/// The API's routes, to be nested at [`PREFIX`].
pub fn router<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    let quota = Quota::with_period(Duration::from_millis(EVERY_MILLIS))
        .expect("a non-zero period")
        .allow_burst(NonZeroU32::new(BURST).expect("non-zero"));
    let state = ApiState {
        app,
        limits: Arc::new(RateLimiter::keyed(quota)),
    };
    Router::new()
        .route("/openapi.json", get(routes::openapi))
        .route("/partners", get(routes::partners))
        .route("/partners/{id}", get(routes::partner))
        .route("/comparison", get(routes::comparison))
        .route("/quarters", get(routes::quarters))
        .route("/tours", get(routes::tours))
        .route("/trainings", get(routes::trainings))
        .fallback(|| async { refusal(AppError::NotFound) })
        .with_state(state)
}

/// The caller of a route: a live token, with what it may read. Anyone else is refused with
/// 401 before the handler runs; a caller over its rate with 429.
pub struct Reader {
    pub scope: TokenScope,
    app: AppState,
}

impl Reader {
    pub fn app(&self) -> &AppState {
        &self.app
    }
}

impl FromRequestParts<ApiState> for Reader {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, Response> {
        // Only what has the shape of a secret is looked up: anything else costs no query.
        let secret = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, secret)| secret.trim())
            .filter(|s| is_secret(s));
        let found = match secret {
            Some(secret) => state
                .app
                .store
                .api_token_scope(secret, chrono::Utc::now())
                .await
                .map_err(|e| refusal(e.into()))?,
            None => None,
        };
        let caller = match &found {
            Some((id, _)) => Caller::Token(*id),
            // Without a peer address (only tests that call the router directly) all share one.
            None => Caller::Address(
                parts
                    .extensions
                    .get::<ConnectInfo<SocketAddr>>()
                    .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip()),
            ),
        };
        if let Err(wait) = crate::limits::check_rate(&state.limits, &caller) {
            let too_many = AppError::TooManyTries(homeward_core::Bilingual::new(
                "too many requests: try again in a moment",
                "សំណើច្រើនពេក៖ សូមព្យាយាមម្តងទៀតបន្តិចទៀត",
            ));
            return Err(crate::limits::retry_after(refusal(too_many), wait));
        }
        match found {
            Some((_, scope)) => Ok(Reader {
                scope,
                app: state.app.clone(),
            }),
            None => {
                let mut response = problem(
                    StatusCode::UNAUTHORIZED,
                    "a token is needed, one an admin created and has not revoked: \
                     `Authorization: Bearer hw_…`"
                        .to_string(),
                );
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, "Bearer".parse().expect("a header value"));
                Err(response)
            }
        }
    }
}

/// Whether `text` has the shape of a token's secret: the prefix, then 64 hex digits.
fn is_secret(text: &str) -> bool {
    text.strip_prefix(SECRET_PREFIX)
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A refusal as JSON: its status, a stable code and the message in English.
pub fn refusal(e: AppError) -> Response {
    problem(e.status(), e.message(Lang::En))
}

fn problem(status: StatusCode, message: String) -> Response {
    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthenticated",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::CONFLICT => "conflict",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        _ => "server_error",
    };
    let problem = schema::Problem {
        status: status.as_u16(),
        code: code.to_string(),
        message,
    };
    (status, Json(problem)).into_response()
}
