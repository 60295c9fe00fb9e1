//! Forms as a browser sends them: a flat map of field names to text. Lists of rows (a tour's
//! visitors, a training's participants) name each cell `<list>_<row>_<field>`, so a plain HTML
//! form without JavaScript can send them and an error can point at the exact cell.

use std::collections::HashMap;

/// A submitted form: field name → text.
pub type Form = HashMap<String, String>;

/// One field's text; a missing field reads as empty, like an empty input.
pub fn text<'a>(form: &'a Form, name: &str) -> &'a str {
    form.get(name).map(String::as_str).unwrap_or("")
}

/// The name of one cell of a list of rows.
pub fn cell_name(list: &str, row: usize, field: &str) -> String {
    format!("{list}_{row}_{field}")
}

/// How many rows a list has: one more than the highest row number sent (rows in between that
/// were not sent read as blank).
pub fn row_count(form: &Form, list: &str) -> usize {
    let prefix = format!("{list}_");
    form.keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter_map(|rest| rest.split_once('_'))
        .filter_map(|(row, _)| row.parse::<usize>().ok())
        .map(|row| row + 1)
        .max()
        .unwrap_or(0)
}

/// The values of every field called `<prefix><anything>` that is present and not blank, e.g. the
/// ticked checkboxes `host_1`, `host_6`. Sorted by field name, so the result does not depend on
/// the map's order.
pub fn ticked<'a>(form: &'a Form, prefix: &str) -> Vec<(&'a str, &'a str)> {
    let mut found: Vec<(&str, &str)> = form
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?, v.as_str())))
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Form {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn rows_are_counted_from_the_highest_row_sent() {
        let f = form(&[
            ("visitors_0_rci_id", "2"),
            ("visitors_2_total", "1"),
            ("visitors_x_total", "1"),
            ("actions_0_due", ""),
        ]);
        assert_eq!(row_count(&f, "visitors"), 3);
        assert_eq!(row_count(&f, "actions"), 1);
        assert_eq!(row_count(&f, "participants"), 0);
        assert_eq!(text(&f, &cell_name("visitors", 0, "rci_id")), "2");
        assert_eq!(text(&f, "missing"), "");
    }

    #[test]
    fn ticked_boxes_are_sorted_and_blanks_ignored() {
        let f = form(&[
            ("host_6", "on"),
            ("host_1", "on"),
            ("host_3", " "),
            ("title", "x"),
        ]);
        assert_eq!(ticked(&f, "host_"), [("1", "on"), ("6", "on")]);
    }
}
