//! An uploaded file read into the core's [`Workbook`]: XLSX with calamine, cell by cell, or CSV
//! with the core's reader, each within the core's limits. This runs in the reader process
//! ([`super::sandbox`]), whose memory and time are bounded whatever the file declares: calamine
//! trusts the counts a workbook declares (it reserves them), so the checks here bound what a
//! valid file holds and the sandbox bounds everything else.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};
use homeward_core::imports::cells::{
    excel_serial_date, read_csv, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_SHEETS,
    MAX_TEXT_BYTES, MAX_UNPACKED_BYTES,
};
use homeward_core::imports::problems::EXAMPLES;
use homeward_core::imports::{Cell, FileError, Sheet, Workbook};

/// The most characters of a sheet's name kept: Excel allows 31, and every problem names it.
const SHEET_NAME_CHARS: usize = 40;

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
pub(super) fn a1((row, col): (u32, u32)) -> String {
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
        DataRef::Float(f) if f.is_finite() => Cell::Number(f),
        DataRef::Float(_) => Cell::Error,
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
        let shown: String = sheet_name.chars().take(SHEET_NAME_CHARS).collect();
        let ranges = xlsx
            .merge_cells_by_sheet_name(&sheet_name)
            .unwrap_or_default();
        let merged_count = ranges.len();
        let merged = ranges
            .into_iter()
            .take(EXAMPLES)
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
                return Err(FileError::TooManyColumns { sheet: shown });
            }
            let cell = match record.formula {
                Some(f) if !f.is_empty() => Cell::Formula,
                _ => cell_of(record.value),
            };
            if let Cell::Text(t) = &cell {
                if t.chars().count() > MAX_CELL_CHARS {
                    return Err(FileError::CellTooLong {
                        sheet: shown,
                        row: r + 1,
                    });
                }
                text_bytes += t.len() as u64;
                if text_bytes > MAX_TEXT_BYTES {
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
            name: shown,
            rows,
            merged,
            merged_count,
        });
    }
    let book = Workbook {
        file_name: name.to_string(),
        sheets,
    };
    book.check()?;
    Ok(book)
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
