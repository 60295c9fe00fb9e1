//! Tables for spreadsheets. Cells that a spreadsheet would run as a formula are neutralised, so
//! an RCI's name typed as `=HYPERLINK(…)` arrives as text; CSV starts with a byte-order mark so
//! Excel reads Khmer as UTF-8.

/// Whether a spreadsheet would treat this text as a formula (or the start of one).
fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell as a spreadsheet must store it: text that would start a formula gets a leading
/// apostrophe, the usual spreadsheet mark for "this is text". Negative numbers never occur in
/// our tables (counts are never negative), so no number is changed.
pub fn safe_cell(cell: &str) -> String {
    if looks_like_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A table as CSV (RFC 4180: commas, quotes doubled, CRLF line ends), with a UTF-8 byte-order
/// mark and every cell neutralised.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells
            .map(|c| {
                let c = safe_cell(&c);
                if c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().map(|h| h.to_string()));
    for row in rows {
        line(&mut row.iter().cloned());
    }
    out
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
            ],
        );
        assert!(out.starts_with('\u{feff}'));
        let lines: Vec<&str> = out.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "name,note");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\")\",'+1");
        assert_eq!(lines[2], "មណ្ឌលកុមារ,\"a, \"\"b\"\"\nc\"");
        assert_eq!(lines[3], "'@SUM(A1),'-2");
    }

    proptest! {
        /// Whatever the text, the stored cell never starts a formula and keeps the text after
        /// the mark.
        #[test]
        fn no_cell_starts_a_formula(cell in ".*") {
            let safe = safe_cell(&cell);
            prop_assert!(!looks_like_formula(&safe));
            prop_assert!(safe.ends_with(cell.as_str()));
        }
    }
}
