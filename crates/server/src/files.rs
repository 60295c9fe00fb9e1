//! Evidence files over HTTP: `POST /files` takes one (a multipart form: `rci`, optionally
//! `attached` — `item:12`, `inspection:3`, `follow_up:7` — and `file`), read within its bound and
//! made safe by the core before the store keeps it; `GET /files/{id}` gives it back, only to those
//! who may read its RCI, always as a download.

use app::errors::AppError;
use axum::extract::{Multipart, Path};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use homeward_core::evidence::{clean, AttachedTo, EvidenceError, MAX_FILE_BYTES};
use homeward_core::Bilingual;
use homeward_store::StoreError;

use crate::exports::{refusal, Caller};

/// Where uploads are posted.
pub const PATH: &str = "/files";

/// The largest upload body: the file and the few fields around it.
pub const MAX_UPLOAD: usize = MAX_FILE_BYTES + 64 * 1024;

/// A refused upload: its status and why, in both languages (the form posted without JavaScript
/// shows this page as it is).
fn refused(status: StatusCode, why: Bilingual) -> Response {
    (status, format!("{}\n{}", why.en, why.km)).into_response()
}

fn too_large() -> Response {
    refused(
        StatusCode::PAYLOAD_TOO_LARGE,
        EvidenceError::TooLarge.into(),
    )
}

/// What the form sent: the RCI, what the file is attached to, the file's name and bytes.
struct Upload {
    rci: Option<i64>,
    attached: String,
    file: Option<(String, Vec<u8>)>,
}

/// Reads the form, each field bounded: at most a few short fields and one file of at most
/// [`MAX_FILE_BYTES`].
async fn read_form(form: &mut Multipart) -> Result<Upload, Response> {
    let malformed = || refusal(AppError::invalid(app::i18n::Msg::MalformedRequest));
    let mut upload = Upload {
        rci: None,
        attached: String::new(),
        file: None,
    };
    for _ in 0..8 {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(upload),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(malformed()),
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(crate::imports::file_name);
        let mut bytes = Vec::new();
        let limit = if name == "file" { MAX_FILE_BYTES } else { 64 };
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() > limit => {
                    return Err(if name == "file" {
                        too_large()
                    } else {
                        malformed()
                    })
                }
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
                Err(_) => return Err(malformed()),
            }
        }
        // The short fields as text; the file's bytes are never copied.
        let text = (name != "file")
            .then(|| String::from_utf8(bytes.clone()).ok())
            .flatten();
        match (name.as_str(), text) {
            ("rci", Some(text)) => match text.trim().parse() {
                Ok(rci) => upload.rci = Some(rci),
                Err(_) => return Err(malformed()),
            },
            ("attached", Some(text)) => upload.attached = text,
            ("file", _) => upload.file = Some((file_name.unwrap_or_else(|| "file".into()), bytes)),
            _ => return Err(malformed()),
        }
    }
    Err(malformed())
}

/// Where the browser goes back to once the file is kept: the place it was attached.
fn back(rci: i64, attached: Option<AttachedTo>) -> String {
    use app::rcis::Section;
    match attached {
        Some(AttachedTo::Item(id)) => format!(
            "{}?saved=file&item={id}#item-{id}",
            Section::Checklist.href(rci)
        ),
        Some(AttachedTo::Inspection(id)) => {
            format!("{}?saved=file#inspection-{id}", Section::Overview.href(rci))
        }
        Some(AttachedTo::FollowUp(id)) => {
            format!("{}?saved=file#visit-{id}", Section::FollowUps.href(rci))
        }
        None => format!("{}?saved=file", Section::Overview.href(rci)),
    }
}

/// Takes one file for an RCI the caller may edit: refused (nothing kept) unless it is a whole
/// PDF, JPEG or PNG of at most 10 MB, attached to one of that RCI's records, within the quotas.
pub async fn upload(Caller(ctx): Caller, mut form: Multipart) -> Response {
    let upload = match read_form(&mut form).await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    let malformed = || refusal(AppError::invalid(app::i18n::Msg::MalformedRequest));
    let (Some(rci), Some((name, bytes))) = (upload.rci, upload.file) else {
        return malformed();
    };
    // As for any edit: out of scope is "not found", in scope but read-only "not allowed".
    if !ctx.actor.can_read_rci(rci) {
        return refusal(AppError::NotFound);
    }
    if !ctx.actor.can_edit_rci(rci) {
        return refusal(AppError::Forbidden);
    }
    let attached = match AttachedTo::parse(&upload.attached) {
        Ok(attached) => attached,
        Err(e) => return refused(StatusCode::BAD_REQUEST, e.into()),
    };
    let (kind, kept) = match clean(&bytes) {
        Ok(clean) => clean,
        Err(EvidenceError::TooLarge) => return too_large(),
        Err(e) => return refused(StatusCode::BAD_REQUEST, e.into()),
    };
    let saved = ctx
        .store
        .add_evidence(rci, attached, &name, kind, &kept, &ctx.by, ctx.today)
        .await;
    match saved {
        Ok(id) => {
            tracing::info!(rci, file = id, size = kept.len(), "evidence file kept");
            (StatusCode::SEE_OTHER, [(LOCATION, back(rci, attached))]).into_response()
        }
        Err(StoreError::Evidence(e @ (EvidenceError::RciFull(_) | EvidenceError::AllFull))) => {
            refused(StatusCode::PAYLOAD_TOO_LARGE, e.into())
        }
        Err(e) => refusal(e.into()),
    }
}

/// A file, as a download, to a caller who may read its RCI; "not found" to anyone else, exactly
/// as for a file that does not exist.
pub async fn download(Caller(ctx): Caller, Path(id): Path<i64>) -> Response {
    let found = match ctx.store.evidence_content(id).await {
        Ok(found) => found,
        Err(e) => return refusal(e.into()),
    };
    let Some((rci, file, bytes)) = found.filter(|(rci, _, _)| ctx.actor.can_read_rci(*rci)) else {
        return refusal(AppError::NotFound);
    };
    tracing::debug!(rci, file = file.id, "evidence file sent");
    // An ASCII name for old clients, the real one (Khmer too) percent-encoded for the rest.
    let ascii: String = file
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded =
        percent_encoding::utf8_percent_encode(&file.name, percent_encoding::NON_ALPHANUMERIC);
    (
        [
            (CONTENT_TYPE, file.kind.content_type().to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}
