//! Bounds on what one request may cost the server: its body, the shape of its form, its time, and
//! how often one address may try a password.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use app::i18n::{lang_from_cookie_header, Msg};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::{CONTENT_TYPE, COOKIE, RETRY_AFTER};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The largest request body accepted. A tour with 200 rows of Khmer text is well under it.
pub const MAX_BODY: usize = 1 << 20;

/// How long a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A refusal as plain text in the reader's language, with its status.
fn refuse(headers: &HeaderMap, status: StatusCode, msg: Msg) -> Response {
    let lang = headers
        .get(COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(lang_from_cookie_header)
        .unwrap_or_default();
    (status, msg.text(lang)).into_response()
}

/// Why a form body was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum FormProblem {
    /// A name or value that is not UTF-8 once percent-decoded.
    NotUtf8,
    /// The same field twice: which value counts would be a guess.
    Repeated(String),
}

/// Checks a URL-encoded form body: every name and value UTF-8, no name twice. Invalid UTF-8 is
/// refused rather than silently stored as U+FFFD.
pub fn check_form_body(body: &[u8]) -> Result<(), FormProblem> {
    let decode = |raw: &[u8]| {
        let spaced: Vec<u8> = raw
            .iter()
            .map(|b| if *b == b'+' { b' ' } else { *b })
            .collect();
        percent_encoding::percent_decode(&spaced)
            .decode_utf8()
            .map(|text| text.into_owned())
            .map_err(|_| FormProblem::NotUtf8)
    };
    let mut seen = HashSet::new();
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &[][..]),
        };
        let name = decode(name)?;
        decode(value)?;
        if !seen.insert(name.clone()) {
            return Err(FormProblem::Repeated(name));
        }
    }
    Ok(())
}

/// Refuses, before any handler runs, a state-changing request whose body is larger than
/// [`MAX_BODY`] (413) or is not a well-formed URL-encoded form (400): another content type,
/// invalid UTF-8, a field sent twice. Such a request changes nothing. The import's and the
/// evidence files' uploads are the exceptions: multipart files, bounded and checked by their
/// handlers.
pub async fn check_forms(req: Request<Body>, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // A spreadsheet or an evidence file comes as a multipart upload, bounded by its own handler.
    if req.uri().path() == app::imports::PATH || req.uri().path() == crate::files::PATH {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return refuse(&parts.headers, StatusCode::PAYLOAD_TOO_LARGE, Msg::TooLarge);
    };
    if !bytes.is_empty() {
        let is_form = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                v.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !is_form {
            return refuse(&parts.headers, StatusCode::BAD_REQUEST, Msg::NotAForm);
        }
        if let Err(problem) = check_form_body(&bytes) {
            let msg = match problem {
                FormProblem::NotUtf8 => Msg::NotUtf8,
                FormProblem::Repeated(_) => Msg::RepeatedField,
            };
            return refuse(&parts.headers, StatusCode::BAD_REQUEST, msg);
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Where passwords are tried: signing in and changing one's password.
const PASSWORD_PATHS: [&str; 2] = ["/login", "/api/change_password"];

/// Password tries one client address may make at once: enough for an office behind one address
/// signing in at the start of the day.
pub const PASSWORD_BURST: u32 = 30;

/// Then one more try per this many seconds.
pub const PASSWORD_EVERY_SECONDS: u64 = 2;

/// Password tries per client address ([`PASSWORD_BURST`], then one every
/// [`PASSWORD_EVERY_SECONDS`]). The per-login lockout stops guessing one account; this stops one
/// address guessing many.
#[derive(Clone)]
pub struct PasswordTries(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl Default for PasswordTries {
    fn default() -> Self {
        let quota = Quota::with_period(Duration::from_secs(PASSWORD_EVERY_SECONDS))
            .expect("a non-zero period")
            .allow_burst(NonZeroU32::new(PASSWORD_BURST).expect("non-zero"));
        Self(Arc::new(RateLimiter::keyed(quota)))
    }
}

impl PasswordTries {
    /// Lets the try through, or says how long this address must wait.
    fn check(&self, address: IpAddr) -> Result<(), Duration> {
        check_rate(&self.0, &address)
    }
}

/// Lets `key` through `limiter`, or says how long it must wait. Keys that stopped asking are
/// forgotten now and then, so the table stays small.
pub(crate) fn check_rate<K: std::hash::Hash + Eq + Clone>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
) -> Result<(), Duration> {
    if limiter.len() > 10_000 {
        limiter.retain_recent();
    }
    limiter.check_key(key).map_err(|not_until| {
        not_until.wait_time_from(governor::clock::Clock::now(
            &governor::clock::DefaultClock::default(),
        ))
    })
}

/// A refusal for asking too often, saying in whole seconds when to ask again (`Retry-After`).
pub(crate) fn retry_after(mut response: Response, wait: Duration) -> Response {
    if let Ok(value) = wait.as_secs().max(1).to_string().parse() {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

/// Refuses password tries from an address that has sent too many (429 with `Retry-After`).
pub async fn limit_password_tries(
    axum::extract::State(tries): axum::extract::State<PasswordTries>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if req.method() != Method::POST || !PASSWORD_PATHS.contains(&req.uri().path()) {
        return next.run(req).await;
    }
    // Without a peer address (only in tests that call the router directly) all tries share one.
    let address = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    match tries.check(address) {
        Ok(()) => next.run(req).await,
        Err(wait) => retry_after(
            refuse(
                req.headers(),
                StatusCode::TOO_MANY_REQUESTS,
                Msg::TooManyTries,
            ),
            wait,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_must_be_utf8_without_repeated_fields() {
        assert_eq!(check_form_body(b"a=1&b=%E1%9E%80+x&c="), Ok(()));
        assert_eq!(check_form_body(b""), Ok(()));
        assert_eq!(check_form_body(b"a=%FF"), Err(FormProblem::NotUtf8));
        assert_eq!(check_form_body(b"%C3%28=1"), Err(FormProblem::NotUtf8));
        assert_eq!(
            check_form_body(b"a=1&b=2&a=3"),
            Err(FormProblem::Repeated("a".into()))
        );
        // The same name however it is encoded.
        assert_eq!(
            check_form_body(b"tour%5Btitle%5D=x&tour[title]=y"),
            Err(FormProblem::Repeated("tour[title]".into()))
        );
    }
}
