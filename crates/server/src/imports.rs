//! The import's files: the upload (a multipart form, bounded before it is read), XLSX and CSV
//! read into the core's [`Workbook`] within its limits, and the template workbook. What the
//! rows mean, and the page that shows them, are the core's and the app's.

use std::io::{Cursor, Read};

use app::errors::AppError;
use app::imports::ssr::Pending;
use app::server::AppState;
use axum::extract::{Multipart, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use calamine::{DataRef, Reader, Xlsx};
use homeward_core::follow_ups::{VisitMode, VisitedBy};
use homeward_core::imports::cells::{
    excel_serial_date, read_csv, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_SHEETS,
    MAX_UNPACKED_BYTES,
};
use homeward_core::imports::{Cell, FileError, Sheet, SheetKind, Workbook, LISTS_SHEET};
use homeward_core::{Province, StatusKind};
use rust_xlsxwriter::{DataValidation, Format, Formula, XlsxError};

use crate::exports::{refusal, Caller};

/// The largest upload body: the file and the form around it.
pub const MAX_UPLOAD: usize = MAX_FILE_BYTES + 64 * 1024;

/// Takes the user's file, reads it and keeps it for the import page, which it then shows. A
/// file that cannot be read is kept as that refusal, so the page says why.
pub async fn upload(
    Caller(ctx): Caller,
    State(state): State<AppState>,
    mut form: Multipart,
) -> Response {
    if !ctx.actor.can_edit_anything() {
        return refusal(AppError::NotFound);
    }
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
        let name: String = field
            .file_name()
            .unwrap_or("upload")
            .chars()
            .filter(|c| !c.is_control())
            .take(120)
            .collect();
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
    let read_name = name.clone();
    let book = tokio::task::spawn_blocking(move || read_file(&read_name, &bytes))
        .await
        .unwrap_or(Err(FileError::Unreadable));
    if let Err(e) = &book {
        tracing::info!(file = %name, "import refused: {}", e.message().en);
    }
    state.imports.put(
        ctx.actor.user_id,
        Pending::File(std::sync::Arc::new((name, book))),
    );
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("{}#preview", app::imports::PATH))],
    )
        .into_response()
}

fn too_large() -> Response {
    let message = FileError::TooLarge.message();
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("{}\n{}", message.en, message.km),
    )
        .into_response()
}

/// Reads an uploaded file as a workbook: XLSX by its zip signature, CSV by its name; anything
/// else (an old `.xls`, a PDF, a picture) is the wrong type.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Workbook, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge);
    }
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(name, bytes)
    } else if (lower.ends_with(".csv") || lower.ends_with(".txt")) && !bytes.contains(&0) {
        read_csv(name, bytes)
    } else {
        Err(FileError::WrongType)
    }
}

/// Unpacks every part of the archive once, counting, so that a small file that unpacks into
/// gigabytes is refused before calamine holds any of it in memory.
fn check_unpacked(bytes: &[u8]) -> Result<(), FileError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileError::Unreadable)?;
    if archive.len() > 1_000 {
        return Err(FileError::TooLarge);
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| FileError::Unreadable)?;
        let left = MAX_UNPACKED_BYTES - total;
        total += std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|_| FileError::Unreadable)?;
        if total > MAX_UNPACKED_BYTES {
            return Err(FileError::TooLarge);
        }
    }
    Ok(())
}

/// A cell's column letters and row number, as a spreadsheet names it (`B4`).
fn a1((row, col): (u32, u32)) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn cell_of(value: DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Bool(b) => Cell::Text(if b { "yes" } else { "no" }.into()),
        DataRef::DateTime(d) if d.is_datetime() => excel_serial_date(d.as_f64().floor())
            .map(Cell::Date)
            .unwrap_or(Cell::Number(d.as_f64())),
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) => Cell::Text(s.split('T').next().unwrap_or_default().to_string()),
        DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(_) => Cell::Error,
    }
}

/// Reads every sheet cell by cell (never as one rectangle: a file naming a cell at row
/// 1,000,000 would have it allocated), stopping at the first limit passed.
fn read_xlsx(name: &str, bytes: &[u8]) -> Result<Workbook, FileError> {
    check_unpacked(bytes)?;
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileError::Unreadable)?;
    let names = xlsx.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(FileError::TooManySheets);
    }
    let mut sheets = Vec::with_capacity(names.len());
    let mut text_bytes = 0u64;
    for sheet_name in names {
        let merged = xlsx
            .merge_cells_by_sheet_name(&sheet_name)
            .unwrap_or_default()
            .into_iter()
            .map(|d| format!("{}:{}", a1(d.start), a1(d.end)))
            .collect();
        let mut reader = xlsx
            .worksheet_cells_reader(&sheet_name)
            .map_err(|_| FileError::Unreadable)?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        while let Some(record) = reader
            .next_cell_with_formula()
            .map_err(|_| FileError::Unreadable)?
        {
            let (r, c) = (record.pos.0 as usize, record.pos.1 as usize);
            if r > MAX_ROWS {
                return Err(FileError::TooManyRows);
            }
            if c >= MAX_COLUMNS {
                return Err(FileError::TooManyColumns { sheet: sheet_name });
            }
            let cell = match record.formula {
                Some(f) if !f.is_empty() => Cell::Formula,
                _ => cell_of(record.value),
            };
            if let Cell::Text(t) = &cell {
                if t.chars().count() > MAX_CELL_CHARS {
                    return Err(FileError::CellTooLong {
                        sheet: sheet_name,
                        row: r + 1,
                    });
                }
                text_bytes += t.len() as u64;
                if text_bytes > MAX_UNPACKED_BYTES {
                    return Err(FileError::TooLarge);
                }
            }
            if rows.len() <= r {
                rows.resize_with(r + 1, Vec::new);
            }
            if rows[r].len() <= c {
                rows[r].resize(c + 1, Cell::Empty);
            }
            rows[r][c] = cell;
        }
        sheets.push(Sheet {
            name: sheet_name,
            rows,
            merged,
        });
    }
    let book = Workbook {
        file_name: name.to_string(),
        sheets,
    };
    book.check()?;
    Ok(book)
}

/// The template workbook: a sheet per kind of record with its columns in both languages
/// (required ones marked `*`), drop-down lists for provinces, statuses, visitors, visit or call,
/// yes/no, advisers and steps, and a hidden sheet holding the lists.
pub fn template(advisers: &[String], steps: &[String]) -> Result<Vec<u8>, XlsxError> {
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
        ("advisers", advisers.to_vec()),
        ("steps", steps.to_vec()),
    ];
    let list_for = |key: &str| -> Option<&str> {
        Some(match key {
            "province" => "provinces",
            "status" => "statuses",
            "visited_by" => "visitors",
            "mode" => "modes",
            "has_reintegration_plan" | "has_reintegration_budget" => "yes_no",
            "adviser" => "advisers",
            "step" => "steps",
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
        Ok::<_, homeward_store::StoreError>((users, template))
    };
    let (users, steps) = match lists.await {
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
    match template(&advisers, &steps) {
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
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(a1((0, 0)), "A1");
        assert_eq!(a1((3, 1)), "B4");
        assert_eq!(a1((0, 26)), "AA1");
    }

    #[test]
    fn the_template_reads_back_as_four_empty_sheets() {
        let bytes = template(
            &["Sokha Chan".into()],
            &["Trace parents and relatives".into()],
        )
        .unwrap();
        let book = read_file("template.xlsx", &bytes).unwrap();
        let read = homeward_core::imports::read(&book);
        assert_eq!(read.notes, vec![], "every sheet's columns are known");
        assert_eq!(book.sheets.len(), 5);
    }

    #[test]
    fn files_that_are_not_spreadsheets_are_refused_by_their_bytes() {
        assert_eq!(read_file("a.xlsx", b"%PDF-1.4"), Err(FileError::WrongType));
        assert_eq!(
            read_file("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
            Err(FileError::WrongType)
        );
        assert_eq!(
            read_file("a.xlsx", b"PK\x03\x04broken"),
            Err(FileError::Unreadable)
        );
        assert_eq!(read_file("a.csv", b"name\x00"), Err(FileError::WrongType));
    }
}
