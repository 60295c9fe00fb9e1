//! Excel workbooks for the exports. Every cell is written as a number or as text, never as a
//! formula, and text that a spreadsheet would read as one is neutralised as in the CSV.

use app::compare::workbook::Sheet;
use homeward_core::exports::safe_cell;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Whether a cell is a plain non-negative whole number, stored as a number so it can be summed.
fn is_count(cell: &str) -> bool {
    !cell.is_empty() && cell.len() <= 9 && cell.bytes().all(|b| b.is_ascii_digit())
}

/// Sheets, each with a bold, frozen header row.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, safe_cell(h), &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell.parse::<u32>() {
                    Ok(n) if is_count(cell) => ws.write_number(r, c, f64::from(n))?,
                    _ => ws.write_string(r, c, safe_cell(cell))?,
                };
            }
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofit();
    }
    book.save_to_buffer()
}
