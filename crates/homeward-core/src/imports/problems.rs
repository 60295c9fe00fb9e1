//! The problems found in a file, grouped as a person would read them: the same problem in many
//! rows is one entry naming its first few rows and how many in all, and only so many entries are
//! kept. A file of 10,000 bad rows then costs a refusal of a few kilobytes and a few hundred
//! entries in memory, not a page of megabytes.

use std::collections::HashMap;

use crate::stages::{Bilingual, Lang};

/// How many rows (or merged ranges) a repeated problem names before it only counts the rest.
pub const EXAMPLES: usize = 5;
/// How many different problems are kept; the rest are only counted.
pub const MAX_KINDS: usize = 100;

/// One problem with a file, where it is and what is wrong, in both languages; found once or in
/// several rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The sheet's name as the file has it; `None` for the file as a whole.
    pub sheet: Option<String>,
    /// The first rows it was found in ([`EXAMPLES`] at most), counted from 1 as a spreadsheet
    /// shows them; empty for a problem of a sheet or of the file.
    pub rows: Vec<usize>,
    /// How many times it was found in all.
    pub count: usize,
    /// The column's name.
    pub column: Option<Bilingual>,
    /// What is wrong.
    pub message: Bilingual,
}

impl Problem {
    /// A problem found once: in a row, or (`row` `None`) in a sheet or the file as a whole.
    pub fn new(
        sheet: Option<String>,
        row: Option<usize>,
        column: Option<Bilingual>,
        message: Bilingual,
    ) -> Problem {
        Problem {
            sheet,
            rows: row.into_iter().collect(),
            count: 1,
            column,
            message,
        }
    }

    /// The problem as one line: "RCIs, row 7, Province: unknown province …", or for a repeated
    /// one "RCIs, rows 2, 3, 4, 5, 6 and 995 more, Province: …".
    pub fn text(&self, lang: Lang) -> String {
        let mut place = Vec::new();
        if let Some(sheet) = &self.sheet {
            place.push(sheet.clone());
        }
        if !self.rows.is_empty() {
            let rows: Vec<String> = self.rows.iter().map(usize::to_string).collect();
            let rows = rows.join(", ");
            let more = self.count.saturating_sub(self.rows.len());
            place.push(match (lang, self.count, more) {
                (Lang::En, 1, _) => format!("row {rows}"),
                (Lang::En, _, 0) => format!("rows {rows}"),
                (Lang::En, _, more) => format!("rows {rows} and {more} more"),
                (Lang::Km, _, 0) => format!("ជួរទី {rows}"),
                (Lang::Km, _, more) => format!("ជួរទី {rows} និង {more} ជួរទៀត"),
            });
        }
        if let Some(column) = &self.column {
            place.push(column.get(lang).to_string());
        }
        let message = self.message.get(lang);
        match (place.is_empty(), lang) {
            (true, _) => message.to_string(),
            (false, Lang::En) => format!("{}: {message}", place.join(", ")),
            (false, Lang::Km) => format!("{}៖ {message}", place.join(" ")),
        }
    }

    /// What makes two problems the same problem, wherever they were found.
    fn key(&self) -> (Option<String>, Option<String>, String) {
        (
            self.sheet.clone(),
            self.column.as_ref().map(|c| c.en.clone()),
            self.message.en.clone(),
        )
    }
}

/// Every problem of a file, grouped and bounded: one or more and nothing is imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    kinds: Vec<Problem>,
    index: HashMap<(Option<String>, Option<String>, String), usize>,
    /// Problems of kinds beyond [`MAX_KINDS`]: counted, not kept.
    others: usize,
}

impl Problems {
    /// Adds one more problem: to the entry of the same problem if there is one, as a new entry
    /// while fewer than [`MAX_KINDS`] are kept, and otherwise only to the count.
    pub fn push(&mut self, problem: Problem) {
        let key = problem.key();
        if let Some(&at) = self.index.get(&key) {
            let kept = &mut self.kinds[at];
            kept.count += problem.count;
            let room = EXAMPLES.saturating_sub(kept.rows.len());
            kept.rows.extend(problem.rows.into_iter().take(room));
        } else if self.kinds.len() < MAX_KINDS {
            self.index.insert(key, self.kinds.len());
            self.kinds.push(problem);
        } else {
            self.others += problem.count;
        }
    }

    /// Whether the file has no problem at all.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.others == 0
    }

    /// How many problems were found, every repetition counted.
    pub fn total(&self) -> usize {
        self.kinds.iter().map(|p| p.count).sum::<usize>() + self.others
    }

    /// The kept problems, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.kinds.iter()
    }

    /// Puts the kept problems in order (by sheet and first row, say).
    pub fn sort_by_key<K: Ord>(&mut self, key: impl FnMut(&Problem) -> K) {
        self.kinds.sort_by_key(key);
        self.index = self
            .kinds
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key(), i))
            .collect();
    }

    /// Every kept problem as a line, then how many more there are, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut lines: Vec<String> = self.kinds.iter().map(|p| p.text(lang)).collect();
        if self.others > 0 {
            let more = Bilingual::new(
                format!("and {} other problems", self.others),
                format!("និងបញ្ហាផ្សេងទៀត {} ទៀត", self.others),
            );
            lines.push(more.get(lang).to_string());
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(row: usize, message: &str) -> Problem {
        Problem::new(
            Some("RCIs".into()),
            Some(row),
            Some(Bilingual::new("Province", "ខេត្ត")),
            Bilingual::new(message, message),
        )
    }

    #[test]
    fn a_repeated_problem_names_a_few_rows_and_counts_the_rest() {
        let mut problems = Problems::default();
        for row in 2..1_002 {
            problems.push(at(row, "a formula"));
        }
        problems.push(at(7, "unknown province"));
        assert_eq!(problems.total(), 1_001);
        assert_eq!(
            problems.lines(Lang::En),
            vec![
                "RCIs, rows 2, 3, 4, 5, 6 and 995 more, Province: a formula",
                "RCIs, row 7, Province: unknown province",
            ]
        );
        assert_eq!(
            problems.lines(Lang::Km)[0],
            "RCIs ជួរទី 2, 3, 4, 5, 6 និង 995 ជួរទៀត ខេត្ត៖ a formula"
        );
    }

    #[test]
    fn only_so_many_different_problems_are_kept() {
        let mut problems = Problems::default();
        for row in 0..10_000 {
            problems.push(at(row + 2, &format!("unknown province \"{row}\"")));
        }
        assert_eq!(problems.iter().count(), MAX_KINDS);
        assert_eq!(problems.total(), 10_000);
        let lines = problems.lines(Lang::En);
        assert_eq!(lines.len(), MAX_KINDS + 1);
        assert_eq!(lines[MAX_KINDS], "and 9900 other problems");
    }

    proptest! {
        /// However many problems of however many kinds, every one is counted, at most
        /// `MAX_KINDS` kinds are kept and each names at most `EXAMPLES` rows.
        #[test]
        fn every_problem_is_counted_and_what_is_kept_is_bounded(
            found in proptest::collection::vec((0usize..300, 1usize..20_000), 0..2_000)
        ) {
            let mut problems = Problems::default();
            for (kind, row) in &found {
                problems.push(at(*row, &format!("problem {kind}")));
            }
            prop_assert_eq!(problems.total(), found.len());
            prop_assert_eq!(problems.is_empty(), found.is_empty());
            prop_assert!(problems.iter().count() <= MAX_KINDS);
            prop_assert!(problems.iter().all(|p| p.rows.len() <= EXAMPLES && p.rows.len() <= p.count));
        }
    }
}
