//! Logs through `tracing`: one span per request (method, path, status, latency, user id) and
//! the events inside it, human-readable by default or one JSON object per line for a log
//! collector. Only the path is logged, never the query, a body, a cookie or a password.

use std::time::Instant;

use axum::body::Body;
use axum::middleware::Next;
use axum::response::Response;
use http::Request;
use tracing::field::Empty;
use tracing::Instrument;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// What is logged unless `RUST_LOG` says otherwise: Homeward's events and requests, and only
/// warnings of the libraries (sqlx logs every statement at info).
const DEFAULT_FILTER: &str = "info,sqlx=warn,tower_http=warn";

/// Installs the process's log subscriber, writing to standard error.
pub fn init(json: bool) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    // Colours only on a terminal: a log file or the journal gets plain text.
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    if json {
        logs.json()
            .flatten_event(true)
            .with_current_span(true)
            .init();
    } else {
        logs.init();
    }
}

/// A JSON subscriber writing to `writer`, at `info` and above: what `init(true)` installs, for
/// tests to read what a request logs.
pub fn json_subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(DEFAULT_FILTER))
        .with_writer(writer)
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .finish()
}

/// Runs a request inside its span and logs its outcome once it is answered. The user id is
/// filled in by [`crate::auth::authenticate`] once it knows who is asking.
pub async fn requests(req: Request<Body>, next: Next) -> Response {
    let span = tracing::info_span!(
        "request",
        method = %req.method(),
        path = %req.uri().path(),
        user = Empty,
    );
    let started = Instant::now();
    let response = next.run(req).instrument(span.clone()).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let status = response.status().as_u16();
    span.in_scope(|| {
        if response.status().is_server_error() {
            tracing::warn!(status, latency_ms, "answered");
        } else {
            tracing::info!(status, latency_ms, "answered");
        }
    });
    response
}

/// Names the signed-in user on the request's span (their id, never their login or name).
pub fn record_user(user_id: i64) {
    tracing::Span::current().record("user", user_id);
}
