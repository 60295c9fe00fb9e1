//! Tables for spreadsheets. Cells that a spreadsheet would run as a formula are neutralised, so
//! an RCI's name typed as `=HYPERLINK(…)` arrives as text; CSV starts with a byte-order mark so
//! Excel reads Khmer as UTF-8.

/// Characters that make a spreadsheet read the text after them as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet must store it: text that would start a formula gets a leading
/// apostrophe, the usual spreadsheet mark for "this is text". That holds at the start of the cell
/// and after every `;` (and the spaces after it), because a spreadsheet set to `;` as its list
/// separator splits a CSV line there and would run what follows. Negative numbers never occur in
/// our tables (counts are never negative), so no number is changed.
pub fn safe_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 1);
    let mut starts_part = true;
    for c in cell.chars() {
        if starts_part && FORMULA_START.contains(&c) {
            out.push('\'');
        }
        out.push(c);
        starts_part = c == ';' || (starts_part && c == ' ');
    }
    out
}

/// The text a cell held before [`safe_cell`] marked it: the apostrophe it put before a formula's
/// first character is taken away again, so an exported file imports unchanged. Only apostrophes
/// in the places `safe_cell` puts them are removed; a text that itself began with `'=` loses
/// its apostrophe, the price of a mark spreadsheets understand.
pub fn unmark_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut starts_part = true;
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if starts_part && c == '\'' && chars.peek().is_some_and(|n| FORMULA_START.contains(n)) {
            continue;
        }
        out.push(c);
        starts_part = c == ';' || (starts_part && c == ' ');
    }
    out
}

/// A table as CSV (RFC 4180, CRLF line ends, every field quoted, so that neither `,` nor `;` as a
/// spreadsheet's separator can split a cell), with a UTF-8 byte-order mark and every cell
/// neutralised.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::Always)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    let lines = std::iter::once(header.iter().map(|h| h.to_string()).collect::<Vec<_>>())
        .chain(rows.iter().cloned());
    for line in lines {
        writer
            .write_record(line.iter().map(|c| safe_cell(c)))
            .expect("writing to memory cannot fail");
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are text, so the table is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_become_text_and_khmer_stays_intact() {
        let out = csv(
            &["name", "note"],
            &[
                vec!["=HYPERLINK(\"http://x\")".into(), "+1".into()],
                vec!["មណ្ឌលកុមារ".into(), "a, \"b\"\nc".into()],
                vec!["@SUM(A1)".into(), "-2".into()],
                vec!["Hope; =cmd|' /C calc'!A0".into(), "x;-1;@y".into()],
            ],
        );
        assert!(out.starts_with('\u{feff}'));
        let lines: Vec<&str> = out.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "\"name\",\"note\"");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1\"");
        assert_eq!(lines[2], "\"មណ្ឌលកុមារ\",\"a, \"\"b\"\"\nc\"");
        assert_eq!(lines[3], "\"'@SUM(A1)\",\"'-2\"");
        assert_eq!(lines[4], "\"Hope; '=cmd|' /C calc'!A0\",\"x;'-1;'@y\"");
    }

    /// Whether any part of the cell a spreadsheet might see as a field of its own (the whole
    /// cell, or what follows a `;`, leading spaces aside) starts a formula.
    fn starts_a_formula(cell: &str) -> bool {
        cell.split(';')
            .any(|part| part.trim_start_matches(' ').starts_with(FORMULA_START))
    }

    proptest! {
        /// Whatever the text, no part of the stored cell starts a formula, and removing the
        /// marks gives the text back.
        #[test]
        fn no_cell_starts_a_formula(cell in "[=+@; a\\-\t]{0,12}|.*") {
            let safe = safe_cell(&cell);
            prop_assert!(!starts_a_formula(&safe), "{:?} -> {:?}", cell, safe);
            prop_assert_eq!(safe.chars().filter(|c| *c != '\'').collect::<String>(),
                cell.chars().filter(|c| *c != '\'').collect::<String>());
        }

        /// What an export marked reads back as it was (text with no apostrophe of its own
        /// before a formula character, which is every name and note in practice).
        #[test]
        fn marks_come_off_again(cell in "[=+@; a\\-\t']{0,12}|.*") {
            prop_assume!(!cell.contains("'=") && !cell.contains("'+") && !cell.contains("'-")
                && !cell.contains("'@") && !cell.contains("'\t") && !cell.contains("'\r"));
            prop_assert_eq!(unmark_cell(&safe_cell(&cell)), cell);
        }
    }
}
