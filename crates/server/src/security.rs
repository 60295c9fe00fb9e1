//! Request-level protections that apply to every route: cross-site form posts are refused, and
//! every response carries the standard security headers.

use app::errors::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::http::header::{
    HeaderValue, CACHE_CONTROL, HOST, ORIGIN, REFERER, STRICT_TRANSPORT_SECURITY,
};
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The host (and port) part of an `http(s)://host[:port]/...` URL.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Whether a state-changing request comes from one of our own pages: its `Origin` (or, failing
/// that, its `Referer`) must name the host the request was sent to. Safe methods always pass.
pub fn same_origin(
    method: &Method,
    host: Option<&str>,
    origin: Option<&str>,
    referer: Option<&str>,
) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let Some(host) = host else { return false };
    match (origin, referer) {
        (Some(o), _) if o != "null" => url_host(o) == Some(host),
        (_, Some(r)) => url_host(r) == Some(host),
        _ => false,
    }
}

/// Refuses cross-site posts with 403 before they reach any handler.
pub async fn refuse_cross_site(req: Request<Body>, next: Next) -> Response {
    let headers = req.headers();
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let allowed = same_origin(req.method(), header(HOST), header(ORIGIN), header(REFERER));
    if allowed {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response()
    }
}

/// Paths of the app's own static files: the same for everyone, so they may be cached.
fn is_static(path: &str) -> bool {
    path == "/favicon.svg"
        || ["/pkg/", "/fonts/", "/js/"]
            .iter()
            .any(|dir| path.starts_with(dir))
}

/// Adds the security headers every response should carry. The page's Content-Security-Policy
/// (which needs the per-page nonce) is set by the app's shell; this sets a strict one for
/// everything else that has none. Everything but the static files holds partner data or
/// depends on who asks, so no browser or proxy may keep it (`no-store`). Over HTTPS
/// (`secure`), browsers are told to use nothing else for this site.
pub async fn security_headers(
    State(secure): State<bool>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let cacheable = is_static(req.uri().path());
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let fixed = [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers
        .entry("content-security-policy")
        .or_insert(HeaderValue::from_static(
            "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ));
    // The app's files keep their names from one version to the next, so a browser may keep
    // them but must ask whether they changed: a second visit costs a 304, not the code again.
    let cache = if cacheable { "no-cache" } else { "no-store" };
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    if secure {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// Server functions answer a refusal as the JSON of an [`AppError`] with status 500, whatever the
/// refusal. This gives the answer the status of the error it carries (404, 403, 409…), in one
/// place for every server function. Redirects (a form posted without JavaScript) are left as
/// they are: the browser must follow them back to the form.
pub async fn server_fn_status(req: Request<Body>, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST_: Option<&str> = Some("127.0.0.1:3000");

    #[test]
    fn safe_methods_always_pass() {
        assert!(same_origin(
            &Method::GET,
            None,
            Some("http://evil.example"),
            None
        ));
    }

    #[test]
    fn posts_need_a_matching_origin_or_referer() {
        let post = Method::POST;
        assert!(same_origin(
            &post,
            HOST_,
            Some("http://127.0.0.1:3000"),
            None
        ));
        assert!(same_origin(
            &post,
            HOST_,
            None,
            Some("http://127.0.0.1:3000/rcis/1?x=1")
        ));
        assert!(!same_origin(
            &post,
            HOST_,
            Some("http://evil.example"),
            None
        ));
        assert!(!same_origin(
            &post,
            HOST_,
            Some("http://127.0.0.1:3000.evil.example"),
            None
        ));
        assert!(!same_origin(
            &post,
            HOST_,
            None,
            Some("https://evil.example/127.0.0.1:3000")
        ));
        assert!(!same_origin(&post, HOST_, Some("null"), None));
        assert!(!same_origin(&post, HOST_, None, None));
        assert!(!same_origin(
            &post,
            None,
            Some("http://127.0.0.1:3000"),
            None
        ));
    }
}
