//! A spreadsheet as the import reads it: sheets of rows of cells, whatever file it came from,
//! with the limits every file is held to before anything in it is looked at.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::stages::Bilingual;

/// The largest file accepted. A workbook of every partner's records is a few hundred kilobytes;
/// anything near this is not a Homeward import, and reading it would hold a server's memory.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The most an XLSX file may hold once unpacked (it is a zip archive: a small file can unpack
/// into gigabytes).
pub const MAX_UNPACKED_BYTES: u64 = 50 * 1024 * 1024;
/// The most rows (beyond the column names) in all sheets together.
pub const MAX_ROWS: usize = 10_000;
/// The most columns a sheet may use.
pub const MAX_COLUMNS: usize = 64;
/// The most sheets a workbook may hold.
pub const MAX_SHEETS: usize = 16;
/// The most characters in one cell.
pub const MAX_CELL_CHARS: usize = 2_000;
/// The most text (in bytes, as UTF-8) all cells may hold together. A workbook's cells may all
/// name one long shared string, so this bounds the workbook in memory, whatever the file's size.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// One cell, as the file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (a CSV holds nothing else).
    Text(String),
    /// A number the spreadsheet stores as one.
    Number(f64),
    /// A cell the spreadsheet formats as a date.
    Date(NaiveDate),
    /// A formula: refused, because the import stores values and a formula's result depends on
    /// cells Homeward does not read.
    Formula,
    /// A spreadsheet error such as `#REF!`.
    Error,
}

/// One sheet: its name and its rows, the first holding the column names.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name (a CSV file's single sheet takes the file's name).
    pub name: String,
    /// The rows from the first, cells from column A; trailing empty cells may be left out.
    pub rows: Vec<Vec<Cell>>,
    /// The first few merged ranges, as `B4:C4` (a reader keeps at most
    /// [`EXAMPLES`](super::problems::EXAMPLES)): refused, since a merged cell's value belongs to
    /// no one row.
    pub merged: Vec<String>,
    /// How many merged ranges the sheet has in all.
    pub merged_count: usize,
}

/// A whole file, read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Workbook {
    /// The file's name as uploaded, for the history.
    pub file_name: String,
    /// Its sheets, in the file's order.
    pub sheets: Vec<Sheet>,
}

/// Why a file was refused before its rows were looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileError {
    /// Neither an XLSX workbook nor a CSV file.
    WrongType,
    /// Larger than [`MAX_FILE_BYTES`] (or unpacking into more than [`MAX_UNPACKED_BYTES`], or
    /// holding more than [`MAX_TEXT_BYTES`] of text).
    TooLarge,
    /// Reading it would take more memory or time than a reader is given: whatever a file
    /// declares, a reader stops there.
    OverBudget,
    /// More rows than [`MAX_ROWS`].
    TooManyRows,
    /// A sheet uses more columns than [`MAX_COLUMNS`].
    TooManyColumns {
        /// The sheet's name.
        sheet: String,
    },
    /// More sheets than [`MAX_SHEETS`].
    TooManySheets,
    /// A cell longer than [`MAX_CELL_CHARS`].
    CellTooLong {
        /// The sheet's name.
        sheet: String,
        /// The cell's row, counted from 1 as a spreadsheet does.
        row: usize,
    },
    /// The file claims to be a spreadsheet but cannot be read (damaged, or a CSV that is not UTF-8).
    Unreadable,
    /// No sheet holds any row.
    Empty,
}

impl FileError {
    /// The message in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            FileError::WrongType => Bilingual::new(
                "this is not a spreadsheet Homeward reads: save it as an Excel workbook (.xlsx) or as CSV (UTF-8)",
                "នេះមិនមែនជាតារាងដែល Homeward អានបានទេ៖ សូមរក្សាទុកជា Excel (.xlsx) ឬ CSV (UTF-8)",
            ),
            FileError::TooLarge => Bilingual::new(
                format!("the file is too large: at most {} MB", MAX_FILE_BYTES / 1024 / 1024),
                format!("ឯកសារធំពេក៖ យ៉ាងច្រើន {} MB", MAX_FILE_BYTES / 1024 / 1024),
            ),
            FileError::OverBudget => Bilingual::new(
                "Homeward stopped reading this file: it needs more memory or time than any partner's records do. Save it again as a new workbook (.xlsx) or as CSV (UTF-8), with values only",
                "Homeward បានឈប់អានឯកសារនេះ៖ វាត្រូវការអង្គចងចាំ ឬពេលវេលាច្រើនជាងកំណត់ត្រារបស់ដៃគូណាមួយ។ សូមរក្សាទុកវាម្តងទៀតជាសៀវភៅបញ្ជីថ្មី (.xlsx) ឬជា CSV (UTF-8) ដោយមានតែតម្លៃ",
            ),
            FileError::TooManyRows => Bilingual::new(
                format!("the file has more than {MAX_ROWS} rows: split it into several files"),
                format!("ឯកសារមានច្រើនជាង {MAX_ROWS} ជួរ៖ សូមបំបែកវាជាឯកសារច្រើន"),
            ),
            FileError::TooManyColumns { sheet } => Bilingual::new(
                format!("sheet {sheet} uses more than {MAX_COLUMNS} columns"),
                format!("សន្លឹក {sheet} ប្រើច្រើនជាង {MAX_COLUMNS} ជួរឈរ"),
            ),
            FileError::TooManySheets => Bilingual::new(
                format!("the workbook has more than {MAX_SHEETS} sheets"),
                format!("សៀវភៅបញ្ជីមានច្រើនជាង {MAX_SHEETS} សន្លឹក"),
            ),
            FileError::CellTooLong { sheet, row } => Bilingual::new(
                format!("sheet {sheet}, row {row}: a cell holds more than {MAX_CELL_CHARS} characters"),
                format!("សន្លឹក {sheet} ជួរទី {row}៖ ក្រឡាមួយមានច្រើនជាង {MAX_CELL_CHARS} តួអក្សរ"),
            ),
            FileError::Unreadable => Bilingual::new(
                "the file cannot be read: it may be damaged, or a CSV file not saved as UTF-8",
                "មិនអាចអានឯកសារបានទេ៖ វាអាចខូច ឬជា CSV ដែលមិនបានរក្សាទុកជា UTF-8",
            ),
            FileError::Empty => Bilingual::new(
                "the file is empty: there is nothing to import",
                "ឯកសារទទេ៖ គ្មានអ្វីត្រូវនាំចូលទេ",
            ),
        }
    }
}

/// Reads a CSV file (UTF-8, with or without a byte-order mark) as one sheet named after the
/// file, every cell text. Bounded: stops at the row limit, refuses a too long cell.
pub fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Workbook, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::Unreadable)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let name = sheet_name_of(file_name);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| FileError::Unreadable)?;
        if rows.len() > MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        if record.len() > MAX_COLUMNS {
            return Err(FileError::TooManyColumns { sheet: name });
        }
        let mut row = Vec::with_capacity(record.len());
        for field in record.iter() {
            if field.chars().count() > MAX_CELL_CHARS {
                return Err(FileError::CellTooLong {
                    sheet: name,
                    row: rows.len() + 1,
                });
            }
            row.push(if field.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(crate::exports::unmark_cell(field))
            });
        }
        rows.push(row);
    }
    let workbook = Workbook {
        file_name: file_name.to_string(),
        sheets: vec![Sheet {
            name,
            rows,
            merged: vec![],
            merged_count: 0,
        }],
    };
    workbook.check()?;
    Ok(workbook)
}

/// A CSV file's one sheet is named after the file, without its extension.
fn sheet_name_of(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = base.rsplit_once('.').map(|(s, _)| s).unwrap_or(base);
    stem.chars().take(40).collect()
}

impl Workbook {
    /// Refuses a workbook over the limits, or one with no row at all.
    pub fn check(&self) -> Result<(), FileError> {
        if self.sheets.len() > MAX_SHEETS {
            return Err(FileError::TooManySheets);
        }
        let mut rows = 0;
        for sheet in &self.sheets {
            if sheet.rows.iter().any(|r| r.len() > MAX_COLUMNS) {
                return Err(FileError::TooManyColumns {
                    sheet: sheet.name.clone(),
                });
            }
            rows += sheet.rows.len().saturating_sub(1);
        }
        if rows > MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        if self
            .sheets
            .iter()
            .all(|s| s.rows.iter().all(|r| r.iter().all(|c| *c == Cell::Empty)))
        {
            return Err(FileError::Empty);
        }
        Ok(())
    }
}

/// Khmer digits (០–៩) as the ASCII digits a number or date is parsed from.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '០'..='៩' => char::from(b'0' + (c as u32 - '០' as u32) as u8),
            other => other,
        })
        .collect()
}

/// The day an Excel serial number stands for (days since 1899-12-30, the 1900 date system),
/// if it is a whole day within the years a record could mean.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if serial.fract() != 0.0 || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial as u64))
}

/// Why a cell could not be read as the column needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellError {
    /// A formula.
    Formula,
    /// A spreadsheet error value.
    Error,
    /// A date written in a way that could mean two days (01/03/2026) or none.
    AmbiguousDate(String),
}

impl CellError {
    /// The message in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            CellError::Formula => Bilingual::new(
                "a formula: copy the column and paste it back as values",
                "រូបមន្ត៖ សូមចម្លងជួរឈរ ហើយបិទភ្ជាប់វិញជាតម្លៃ",
            ),
            CellError::Error => Bilingual::new(
                "the spreadsheet shows an error in this cell",
                "តារាងបង្ហាញកំហុសនៅក្រឡានេះ",
            ),
            CellError::AmbiguousDate(given) => Bilingual::new(
                format!("'{given}' is not a date Homeward can read for certain: write it as year-month-day, 2026-03-01"),
                format!("'{given}' មិនមែនជាកាលបរិច្ឆេទដែល Homeward អានបានច្បាស់ទេ៖ សូមសរសេរជា ឆ្នាំ-ខែ-ថ្ងៃ 2026-03-01"),
            ),
        }
    }
}

impl Cell {
    /// The cell as text for a text column: a whole number without decimals, a date as
    /// YYYY-MM-DD.
    pub fn text(&self) -> Result<String, CellError> {
        Ok(match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Formula => return Err(CellError::Formula),
            Cell::Error => return Err(CellError::Error),
        })
    }

    /// The cell as text for a number column: Khmer digits read as digits.
    pub fn number_text(&self) -> Result<String, CellError> {
        self.text().map(|t| ascii_digits(&t))
    }

    /// The cell as YYYY-MM-DD text for a date column: a date cell, an Excel serial number (a
    /// date whose format was lost), or text as year-month-day (`2026-03-01`, `2026/3/1`, in
    /// either language's digits). Day-first or month-first text is refused: `01/03/2026` is
    /// 1 March in Cambodia and 3 January in a US-set spreadsheet. Anything else is passed on as
    /// written, for the field's own check to refuse.
    pub fn date_text(&self) -> Result<String, CellError> {
        match self {
            Cell::Date(d) => Ok(d.to_string()),
            Cell::Number(n) => Ok(excel_serial_date(*n)
                .map(|d| d.to_string())
                .unwrap_or_else(|| n.to_string())),
            other => {
                let text = ascii_digits(&other.text()?);
                let parts: Vec<&str> = text.split(['-', '/', '.']).map(str::trim).collect();
                let numeric = parts.len() == 3
                    && parts.iter().all(|p| {
                        !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())
                    });
                if numeric && parts[0].len() == 4 {
                    let ymd = (parts[0].parse(), parts[1].parse(), parts[2].parse());
                    if let (Ok(y), Ok(m), Ok(d)) = ymd {
                        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                            return Ok(date.to_string());
                        }
                    }
                } else if numeric {
                    return Err(CellError::AmbiguousDate(text.chars().take(40).collect()));
                }
                Ok(text)
            }
        }
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_are_read_in_every_form_a_spreadsheet_gives_them() {
        assert_eq!(
            Cell::Date(day("2026-03-01")).date_text(),
            Ok("2026-03-01".into())
        );
        assert_eq!(Cell::Number(46082.0).date_text(), Ok("2026-03-01".into()));
        assert_eq!(
            Cell::Text("2026/3/1".into()).date_text(),
            Ok("2026-03-01".into())
        );
        assert_eq!(
            Cell::Text("២០២៦-០៣-០១".into()).date_text(),
            Ok("2026-03-01".into())
        );
        assert!(matches!(
            Cell::Text("01/03/2026".into()).date_text(),
            Err(CellError::AmbiguousDate(_))
        ));
        assert_eq!(
            Cell::Text("next week".into()).date_text(),
            Ok("next week".into())
        );
        assert_eq!(Cell::Formula.date_text(), Err(CellError::Formula));
    }

    #[test]
    fn numbers_read_in_either_languages_digits() {
        assert_eq!(Cell::Text("១២".into()).number_text(), Ok("12".into()));
        assert_eq!(Cell::Number(42.0).number_text(), Ok("42".into()));
        assert_eq!(Cell::Number(4.5).number_text(), Ok("4.5".into()));
    }

    #[test]
    fn a_csv_file_is_one_sheet_and_is_bounded() {
        let book = read_csv(
            "partners.csv",
            "\u{feff}name,province\r\nHope,Kampot\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(book.sheets[0].name, "partners");
        assert_eq!(
            book.sheets[0].rows[1],
            vec![Cell::Text("Hope".into()), Cell::Text("Kampot".into())]
        );
        let long = format!("a\n{}\n", "x".repeat(MAX_CELL_CHARS + 1));
        assert_eq!(
            read_csv("f.csv", long.as_bytes()),
            Err(FileError::CellTooLong {
                sheet: "f".into(),
                row: 2
            })
        );
        let many = "a\n".repeat(MAX_ROWS + 3);
        assert_eq!(
            read_csv("f.csv", many.as_bytes()),
            Err(FileError::TooManyRows)
        );
        assert_eq!(read_csv("f.csv", b"\xff\xfe"), Err(FileError::Unreadable));
        assert_eq!(read_csv("f.csv", b" , \n,\n"), Err(FileError::Empty));
        let wide = format!("{}\n", "a,".repeat(MAX_COLUMNS + 1));
        assert!(matches!(
            read_csv("f.csv", wide.as_bytes()),
            Err(FileError::TooManyColumns { .. })
        ));
    }
}
