//! Forms as a browser sends them: a flat map of field names to text. Lists of rows (a tour's
//! visitors, a training's participants) name each cell `<list>_<row>_<field>`, so a plain HTML
//! form without JavaScript can send them and an error can point at the exact cell.

use std::collections::HashMap;

use crate::stages::Bilingual;
use crate::values::FieldError;

/// A submitted form: field name → text.
pub type Form = HashMap<String, String>;

/// One field's text; a missing field reads as empty, like an empty input.
pub(crate) fn text<'a>(form: &'a Form, name: &str) -> &'a str {
    form.get(name).map(String::as_str).unwrap_or("")
}

/// The name of one cell of a list of rows.
pub fn cell_name(list: &str, row: usize, field: &str) -> String {
    format!("{list}_{row}_{field}")
}

/// The most rows any list of a form may have (a tour's visitors or actions, a training's
/// participants). The row number comes from the request, so it must be bounded before it sizes
/// a loop: far more than any real tour or training, far less than would hurt the server.
pub const MAX_ROWS: usize = 200;

/// How many rows a list has: one more than the highest row number sent (rows in between that
/// were not sent read as blank). A row number of [`MAX_ROWS`] or more is refused.
pub(crate) fn row_count(form: &Form, list: &str) -> Result<usize, FieldError> {
    let prefix = format!("{list}_");
    let mut count = 0;
    for row in form
        .keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter_map(|rest| rest.split_once('_'))
        .map(|(row, _)| row)
        .filter(|row| !row.is_empty() && row.bytes().all(|b| b.is_ascii_digit()))
    {
        match row.parse::<usize>() {
            Ok(row) if row < MAX_ROWS => count = count.max(row + 1),
            _ => return Err(too_many(list, MAX_ROWS)),
        }
    }
    Ok(count)
}

/// The refusal of a list longer than its limit, at the list's field.
pub(crate) fn too_many(field: &str, max: usize) -> FieldError {
    FieldError::new(
        field,
        Bilingual::new(
            format!("too many rows: at most {max}"),
            format!("ជួរច្រើនពេក៖ យ៉ាងច្រើន {max}"),
        ),
    )
}

/// The values of every field called `<prefix><anything>` that is present and not blank, e.g. the
/// ticked checkboxes `host_1`, `host_6`. Sorted by field name, so the result does not depend on
/// the map's order.
pub(crate) fn ticked<'a>(form: &'a Form, prefix: &str) -> Vec<(&'a str, &'a str)> {
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
        assert_eq!(row_count(&f, "visitors"), Ok(3));
        assert_eq!(row_count(&f, "actions"), Ok(1));
        assert_eq!(row_count(&f, "participants"), Ok(0));
        assert_eq!(text(&f, &cell_name("visitors", 0, "rci_id")), "2");
        assert_eq!(text(&f, "missing"), "");
    }

    #[test]
    fn row_numbers_from_the_request_are_bounded() {
        let last = format!("participants_{}_total", MAX_ROWS - 1);
        assert_eq!(
            row_count(&form(&[(&last, "1")]), "participants"),
            Ok(MAX_ROWS)
        );
        for forged in [
            format!("participants_{MAX_ROWS}_total"),
            "participants_1000000000_total".to_string(),
            "participants_18446744073709551614_total".to_string(),
            "participants_99999999999999999999999999_total".to_string(),
        ] {
            let err = row_count(&form(&[(&forged, "1")]), "participants").unwrap_err();
            assert_eq!(err.field, "participants");
            assert!(err.message.en.contains("200"), "{err:?}");
        }
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
