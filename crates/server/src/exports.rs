//! The downloads: the comparison (CSV and XLSX), study tours and trainings (CSV), each with its
//! page's filters and its page's access. The app builds each table; this module checks who asks
//! (through [`Caller`], before any work) and writes the file.

use std::collections::HashMap;

use app::errors::AppError;
use app::lists::Table;
use app::server::{AppState, Ctx, Session};
use axum::extract::{FromRequestParts, Query, State};
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Response};
use homeward_core::Lang;

/// The signed-in caller of a download, as the context a server function would get. Anyone
/// else is refused with 401 before the handler runs.
pub struct Caller(pub Ctx);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        Ctx::of(parts.extensions.get::<Session>(), state)
            .map(Caller)
            .map_err(refusal)
    }
}

type Filters = Query<HashMap<String, String>>;

pub async fn partners_csv(Caller(ctx): Caller, Query(query): Filters) -> Response {
    csv("partners.csv", app::compare::export(ctx, &query).await)
}

/// The comparison as a workbook for people, in the reader's language (see
/// [`app::compare::workbook`]).
pub async fn partners_xlsx(
    State(state): State<AppState>,
    Caller(ctx): Caller,
    headers: header::HeaderMap,
    Query(query): Filters,
) -> Response {
    let lang = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(app::i18n::lang_from_cookie_header)
        .unwrap_or_default();
    let sheets = app::compare::export_workbook(ctx, &query, &state.organisation, lang).await;
    let workbook = sheets.and_then(|sheets| {
        crate::xlsx::workbook(&sheets).map_err(|e| {
            tracing::error!("xlsx export failed: {e}");
            AppError::Server
        })
    });
    match workbook {
        Ok(bytes) => file(
            "partners.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes,
        ),
        Err(e) => refusal(e),
    }
}

pub async fn tours_csv(Caller(ctx): Caller, Query(query): Filters) -> Response {
    csv("study-tours.csv", app::tours::export(ctx, &query).await)
}

pub async fn trainings_csv(Caller(ctx): Caller, Query(query): Filters) -> Response {
    csv("trainings.csv", app::trainings::export(ctx, &query).await)
}

/// A CSV download (UTF-8 with a byte-order mark so Excel reads Khmer; formulas neutralised).
fn csv(name: &str, table: Result<Table, AppError>) -> Response {
    match table {
        Ok(t) => {
            let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
            let body = homeward_core::exports::csv(&header, &t.rows);
            file(name, "text/csv; charset=utf-8", body.into_bytes())
        }
        Err(e) => refusal(e),
    }
}

pub(crate) fn file(name: &str, content_type: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A refused download: the error's status and its message as plain text.
pub(crate) fn refusal(e: AppError) -> Response {
    (e.status(), e.message(Lang::En)).into_response()
}
