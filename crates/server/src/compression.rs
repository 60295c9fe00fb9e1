//! Compression of what is worth compressing. Advisers often work from a phone on a slow
//! provincial connection. Pages are compressed too: every route renders its whole page before
//! sending it (`SsrMode::Async`), so a compressor holds nothing back that would otherwise have
//! streamed (tower-rs/tower-http#292), and HTML shrinks to a fifth or less.

use axum::http::header::CONTENT_TYPE;
use axum::http::{Extensions, HeaderMap, StatusCode, Version};
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;

/// Response types that shrink well: pages, the app's code and styles, exports, server function
/// answers. (XLSX is already a zip; images and fonts are compressed formats.)
const COMPRESSIBLE: [&str; 7] = [
    "text/html",
    "application/wasm",
    "text/javascript",
    "application/javascript",
    "text/css",
    "text/csv",
    "application/json",
];

/// Brotli or gzip, as the browser accepts, for [`COMPRESSIBLE`] responses over 1 KB.
pub fn layer() -> CompressionLayer<impl Predicate> {
    let compressible = |_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions| {
        headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| COMPRESSIBLE.iter().any(|c| t.starts_with(c)))
    };
    CompressionLayer::new().compress_when(SizeAbove::new(1024).and(compressible))
}
