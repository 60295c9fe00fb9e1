//! Compression of what is worth compressing. Advisers often work from a phone on a slow
//! provincial connection, and the app's WebAssembly is ~2.7 MB as built: a fraction of that once
//! compressed. Pages are left as they are: they stream (each Suspense part arrives when ready),
//! and the compressor would hold a stream back until its end (tower-rs/tower-http#292).

use axum::http::header::CONTENT_TYPE;
use axum::http::{Extensions, HeaderMap, StatusCode, Version};
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;

/// Response types sent whole that shrink well: the app's code and styles, exports, server
/// function answers. (XLSX is already a zip; images and fonts are compressed formats.)
const COMPRESSIBLE: [&str; 6] = [
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
