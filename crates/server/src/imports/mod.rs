//! The import's files: the upload (a multipart form, bounded before it is read), read into the
//! core's [`Workbook`](homeward_core::imports::Workbook) by a reader process within a budget
//! ([`sandbox`], [`read`]), and the template workbook. What the rows mean, and the page that
//! shows them, are the core's and the app's.

pub mod read;
pub mod sandbox;

use app::errors::AppError;
use app::imports::ssr::Pending;
use axum::extract::Multipart;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use homeward_core::follow_ups::{VisitMode, VisitedBy};
use homeward_core::imports::cells::MAX_FILE_BYTES;
use homeward_core::imports::{FileError, SheetKind, LISTS_SHEET};
use homeward_core::placements::{AgeBand, Outcome};
use homeward_core::readiness::Answer;
use homeward_core::regulation::{Authority, InspectionOutcome};
use homeward_core::transformation::{AssetUse, Currency, StaffMove};
use homeward_core::{Province, StatusKind};
use rust_xlsxwriter::{DataValidation, Format, Formula, XlsxError};

pub use read::read_file;
pub use sandbox::Sandbox;

use crate::exports::{refusal, Caller};
use read::a1;

/// The most characters of an uploaded file's name kept (for the page and the history).
const NAME_CHARS: usize = 120;

/// The largest upload body: the file and the form around it.
pub const MAX_UPLOAD: usize = MAX_FILE_BYTES + 64 * 1024;

/// Takes the user's file, reads it and keeps it for the import page, which it then shows. A
/// file that cannot be read is kept as that refusal, so the page says why.
pub async fn upload(
    Caller(ctx): Caller,
    Extension(reader): Extension<Sandbox>,
    mut form: Multipart,
) -> Response {
    if !ctx.actor.can_edit_anything() {
        return refusal(AppError::NotFound);
    }
    let Some(turn) = reader.turn().await else {
        return refusal(AppError::Busy);
    };
    let malformed = || refusal(AppError::invalid(app::i18n::Msg::MalformedRequest));
    let mut file = None;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(),
            Err(_) => return malformed(),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = file_name(field.file_name().unwrap_or("upload"));
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() > MAX_FILE_BYTES => {
                    return too_large()
                }
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(),
                Err(_) => return malformed(),
            }
        }
        file = Some((name, bytes));
        break;
    }
    let Some((name, bytes)) = file else {
        return malformed();
    };
    let book = match reader.read(turn, &name, bytes).await {
        Ok(book) => book,
        Err(e) => return refusal(e),
    };
    if let Err(e) = &book {
        tracing::info!(file = %name, "import refused: {}", e.message().en);
    }
    let pending = Pending::File {
        file_name: name,
        book,
    };
    if let Err(e) = pending.keep(&ctx.store, ctx.actor.user_id).await {
        return refusal(e);
    }
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("{}#preview", app::imports::PATH))],
    )
        .into_response()
}

/// An uploaded file's name without control characters, shortened if need be but keeping its
/// extension (which says how to read it).
pub(crate) fn file_name(given: &str) -> String {
    let name: String = given.chars().filter(|c| !c.is_control()).collect();
    if name.chars().count() <= NAME_CHARS {
        return name;
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 8 => (stem, format!(".{ext}")),
        _ => (name.as_str(), String::new()),
    };
    let keep = NAME_CHARS - extension.chars().count();
    stem.chars().take(keep).chain(extension.chars()).collect()
}

fn too_large() -> Response {
    let message = FileError::TooLarge.message();
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("{}\n{}", message.en, message.km),
    )
        .into_response()
}

/// The template workbook: a sheet per kind of record with its columns in both languages
/// (required ones marked `*`), drop-down lists for provinces, statuses, visitors, visit or call,
/// yes/no, advisers, steps and readiness indicators, and a hidden sheet holding the lists.
pub fn template(
    advisers: &[String],
    steps: &[String],
    indicators: &[String],
) -> Result<Vec<u8>, XlsxError> {
    use app::labels::Label;
    let mut book = rust_xlsxwriter::Workbook::new();
    let head = Format::new().set_bold().set_text_wrap();
    let both = |b: homeward_core::Bilingual| format!("{} / {}", b.en, b.km);
    let lists: Vec<(&str, Vec<String>)> = vec![
        (
            "provinces",
            Province::all().map(|p| both(p.names())).collect(),
        ),
        (
            "statuses",
            StatusKind::ALL
                .iter()
                .map(|s| both(s.label().into()))
                .collect(),
        ),
        (
            "visitors",
            VisitedBy::ALL
                .iter()
                .map(|v| both(v.label().into()))
                .collect(),
        ),
        (
            "modes",
            VisitMode::ALL
                .iter()
                .map(|m| both(m.label().into()))
                .collect(),
        ),
        ("yes_no", vec!["yes / មាន".into(), "no / គ្មាន".into()]),
        (
            "staff_moves",
            StaffMove::ALL
                .iter()
                .map(|m| both(m.label().into()))
                .collect(),
        ),
        (
            "asset_uses",
            AssetUse::ALL
                .iter()
                .map(|u| both(u.label().into()))
                .collect(),
        ),
        (
            "placements",
            homeward_core::Placement::ALL
                .iter()
                .map(|p| both(p.label().into()))
                .collect(),
        ),
        (
            "age_bands",
            AgeBand::ALL
                .iter()
                .map(|a| both(a.label().into()))
                .collect(),
        ),
        (
            "outcomes",
            Outcome::ALL
                .iter()
                .map(|o| both(o.label().into()))
                .collect(),
        ),
        (
            "currencies",
            Currency::ALL.iter().map(|c| c.code().to_string()).collect(),
        ),
        (
            "authorities",
            Authority::ALL
                .iter()
                .map(|a| both(a.label().into()))
                .collect(),
        ),
        (
            "inspection_outcomes",
            InspectionOutcome::ALL
                .iter()
                .map(|o| both(o.label().into()))
                .collect(),
        ),
        (
            "answers",
            Answer::ALL.iter().map(|a| both(a.label().into())).collect(),
        ),
        (
            "owners",
            homeward_core::Owner::ALL
                .iter()
                .map(|o| both(o.label().into()))
                .collect(),
        ),
        ("advisers", advisers.to_vec()),
        ("steps", steps.to_vec()),
        ("indicators", indicators.to_vec()),
    ];
    let list_for = |key: &str| -> Option<&str> {
        Some(match key {
            "province" => "provinces",
            "status" => "statuses",
            "visited_by" => "visitors",
            "mode" => "modes",
            "staff_change" => "staff_moves",
            "now_used_as" => "asset_uses",
            "currency" => "currencies",
            "placement_kind" => "placements",
            "age_band" => "age_bands",
            "outcome" => "outcomes",
            "has_reintegration_plan" | "has_reintegration_budget" => "yes_no",
            "adviser" => "advisers",
            "step" => "steps",
            "agreement_with" => "authorities",
            "inspection_outcome" => "inspection_outcomes",
            "answer" => "answers",
            "owner" => "owners",
            "indicator" => "indicators",
            _ => return None,
        })
    };
    for kind in SheetKind::ALL {
        let ws = book.add_worksheet();
        ws.set_name(kind.title().en)?;
        for (c, column) in kind.columns().iter().enumerate() {
            let c = c as u16;
            let mark = if column.required { " *" } else { "" };
            ws.write_string_with_format(0, c, format!("{}{mark}", column.header()), &head)?;
            ws.set_column_width(c, 24)?;
            if let Some(list) = list_for(&column.key) {
                let (i, (_, values)) = lists
                    .iter()
                    .enumerate()
                    .find(|(_, (k, _))| *k == list)
                    .expect("every list is written");
                if values.is_empty() {
                    continue;
                }
                let letter = a1((0, i as u32)).trim_end_matches('1').to_string();
                let range = format!("={LISTS_SHEET}!${letter}$2:${letter}${}", values.len() + 1);
                let validation = DataValidation::new()
                    .allow_list_formula(Formula::new(range))
                    .ignore_blank(true);
                ws.add_data_validation(1, c, 1_000, c, &validation)?;
            }
        }
        ws.set_row_height(0, 45)?;
        ws.set_freeze_panes(1, 0)?;
    }
    let ws = book.add_worksheet();
    ws.set_name(LISTS_SHEET)?;
    for (c, (key, values)) in lists.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *key, &head)?;
        for (r, value) in values.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, value)?;
        }
    }
    ws.set_hidden(true);
    book.save_to_buffer()
}

/// Downloads the template, with this organisation's advisers and checklist steps in its lists.
pub async fn template_download(Caller(ctx): Caller) -> Response {
    if !ctx.actor.can_edit_anything() {
        return refusal(AppError::NotFound);
    }
    let lists = async {
        let users = ctx.store.users().await?;
        let template = ctx.store.template().await?;
        let indicators = ctx.store.asked_indicators().await?;
        Ok::<_, homeward_store::StoreError>((users, template, indicators))
    };
    let (users, steps, indicators) = match lists.await {
        Ok(lists) => lists,
        Err(e) => return refusal(e.into()),
    };
    let advisers: Vec<String> = users
        .into_iter()
        .filter(|u| {
            u.value.active
                && matches!(
                    u.value.role,
                    homeward_core::accounts::Role::Admin | homeward_core::accounts::Role::Adviser
                )
        })
        .map(|u| u.value.display_name.to_string())
        .collect();
    let steps: Vec<String> = steps.items().iter().map(|s| s.title.en.clone()).collect();
    let indicators: Vec<String> = indicators
        .into_iter()
        .map(|i| format!("{} / {}", i.text.en, i.text.km))
        .collect();
    match template(&advisers, &steps, &indicators) {
        Ok(bytes) => crate::exports::file(
            "homeward-import-template.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes,
        ),
        Err(e) => {
            tracing::error!("template workbook failed: {e}");
            refusal(AppError::Server)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_file_name_keeps_its_extension() {
        let long = format!("{}.csv", "partners ".repeat(20));
        let kept = file_name(&long);
        assert_eq!(kept.chars().count(), NAME_CHARS);
        assert!(kept.ends_with("partners.csv"), "{kept}");
        assert_eq!(file_name("a\u{7}b.xlsx"), "ab.xlsx");
        assert_eq!(file_name(&"x".repeat(300)).chars().count(), NAME_CHARS);
    }

    #[test]
    fn the_template_reads_back_as_empty_sheets_one_per_kind() {
        let bytes = template(
            &["Sokha Chan".into()],
            &["Trace parents and relatives".into()],
            &["The donor sends volunteers or visitors to the RCI".into()],
        )
        .unwrap();
        let book = read_file("template.xlsx", &bytes).unwrap();
        let read = homeward_core::imports::read(&book);
        assert_eq!(read.notes, vec![], "every sheet's columns are known");
        // One sheet per kind of record, and the hidden lists.
        let kinds = homeward_core::imports::SheetKind::ALL.len();
        assert_eq!(kinds, 12);
        assert_eq!(book.sheets.len(), kinds + 1);
    }
}
