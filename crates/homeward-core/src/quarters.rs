//! Calendar quarters, the period of the organisation's reports to donors and the ministry, and the
//! children reintegrated in each, read from RCIs' dated count snapshots.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::counts::ChildrenCounts;

/// A calendar quarter, written `2026-Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    /// The calendar year.
    pub year: i32,
    /// 1–4.
    pub number: u32,
}

impl Quarter {
    /// The quarter a day falls in.
    pub fn of(day: NaiveDate) -> Self {
        Self {
            year: day.year(),
            number: day.month0() / 3 + 1,
        }
    }

    /// Reads `2026-Q4` (or `2026-q4`); anything else is `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        let (year, q) = raw.trim().split_once(['-', ' '])?;
        let number: u32 = q.strip_prefix(['Q', 'q'])?.parse().ok()?;
        let year: i32 = year.parse().ok()?;
        ((1..=4).contains(&number) && (1900..=9999).contains(&year))
            .then_some(Self { year, number })
    }

    /// `2026-Q4`: the form used in URLs and exports, and read by [`Quarter::parse`].
    pub fn key(self) -> String {
        format!("{}-Q{}", self.year, self.number)
    }

    /// As a page in `lang` names it: the key in English ("2026-Q4"), in words with Khmer
    /// digits in Khmer ("ត្រីមាសទី៤ ឆ្នាំ២០២៦"). URLs and exports keep the key.
    pub fn label(self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.key(),
            crate::Lang::Km => format!(
                "ត្រីមាសទី{} ឆ្នាំ{}",
                crate::calendar::khmer_digits(&self.number.to_string()),
                crate::calendar::khmer_digits(&self.year.to_string())
            ),
        }
    }

    /// The quarter's first day.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1).expect("a valid quarter")
    }

    /// The quarter's last day.
    pub fn end(self) -> NaiveDate {
        self.next().start().pred_opt().expect("a day before")
    }

    /// Whether a day falls in this quarter.
    pub fn contains(self, day: NaiveDate) -> bool {
        Self::of(day) == self
    }

    /// Whether something running from `start` to `end` (inclusive) took place in this quarter.
    pub fn overlaps(self, start: NaiveDate, end: NaiveDate) -> bool {
        start <= self.end() && end >= self.start()
    }

    /// The quarter after this one.
    pub fn next(self) -> Self {
        if self.number == 4 {
            Self {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Self {
                year: self.year,
                number: self.number + 1,
            }
        }
    }

    /// The quarter before this one.
    pub fn previous(self) -> Self {
        if self.number == 1 {
            Self {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Self {
                year: self.year,
                number: self.number - 1,
            }
        }
    }

    /// The `n` quarters up to and including this one, oldest first.
    pub fn last(self, n: usize) -> Vec<Quarter> {
        let mut q = vec![self];
        while q.len() < n {
            q.push(q[q.len() - 1].previous());
        }
        q.reverse();
        q
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key())
    }
}

/// A dated snapshot of the children reintegrated so far: a whole counts snapshot, or only its
/// reintegration figures where that is all the organisation's chart needs to read.
pub trait ReintegrationSnapshot {
    /// The day the figures describe.
    fn as_of(&self) -> NaiveDate;
    /// Children reintegrated so far, by placement (in [`crate::Placement::ALL`] order).
    fn reintegrated(&self) -> [u32; 5];
}

impl ReintegrationSnapshot for ChildrenCounts {
    fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    fn reintegrated(&self) -> [u32; 5] {
        self.reintegrated.map(|s| s.total())
    }
}

/// Only the reintegration figures of one snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reintegrations {
    /// The snapshot's date.
    pub as_of: NaiveDate,
    /// Children reintegrated so far, by placement (in [`crate::Placement::ALL`] order).
    pub by_placement: [u32; 5],
}

impl ReintegrationSnapshot for Reintegrations {
    fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    fn reintegrated(&self) -> [u32; 5] {
        self.by_placement
    }
}

/// Children reintegrated by the end of `day`, by placement, from one RCI's snapshots: the latest
/// snapshot on or before that day (snapshots are cumulative).
fn reintegrated_by<S: ReintegrationSnapshot>(history: &[S], day: NaiveDate) -> [u32; 5] {
    history
        .iter()
        .filter(|c| c.as_of() <= day)
        .max_by_key(|c| c.as_of())
        .map_or([0; 5], ReintegrationSnapshot::reintegrated)
}

/// The snapshots that decide every quarter's figure: the last of each quarter (by date; of two on
/// the same day, the later given), oldest first. [`reintegrated_per_quarter`] gives the same
/// answer from these as from the whole history, which only grows, so an RCI's summary keeps these.
pub fn last_of_each_quarter<S: ReintegrationSnapshot>(history: &[S]) -> Vec<Reintegrations> {
    let mut last: std::collections::BTreeMap<Quarter, Reintegrations> = Default::default();
    for s in history {
        let quarter = Quarter::of(s.as_of());
        if last
            .get(&quarter)
            .is_none_or(|kept| kept.as_of <= s.as_of())
        {
            last.insert(
                quarter,
                Reintegrations {
                    as_of: s.as_of(),
                    by_placement: s.reintegrated(),
                },
            );
        }
    }
    last.into_values().collect()
}

/// Children reintegrated during each quarter, by placement (indexed as
/// [`Placement::ALL`](crate::Placement::ALL)), over all the RCIs whose snapshot histories are
/// given. A quarter's figure is the growth of each RCI's cumulative count over the quarter; a
/// correction downwards counts as none, never as negative.
pub fn reintegrated_per_quarter<S: ReintegrationSnapshot>(
    histories: &[Vec<S>],
    quarters: &[Quarter],
) -> Vec<(Quarter, [u32; 5])> {
    quarters
        .iter()
        .map(|q| {
            let mut sum = [0u32; 5];
            for history in histories {
                let before = reintegrated_by(history, q.previous().end());
                let after = reintegrated_by(history, q.end());
                for (i, s) in sum.iter_mut().enumerate() {
                    *s += after[i].saturating_sub(before[i]);
                }
            }
            (*q, sum)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_quarter_is_named_in_the_readers_language() {
        let q = Quarter::parse("2026-Q4").unwrap();
        assert_eq!(q.label(crate::Lang::En), "2026-Q4");
        assert_eq!(q.label(crate::Lang::Km), "ត្រីមាសទី៤ ឆ្នាំ២០២៦");
    }

    use super::*;
    use crate::counts::{CountField, Placement};
    use crate::values::SexCount;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn quarters_read_write_and_bound_their_days() {
        let q = Quarter::parse("2026-Q4").unwrap();
        assert_eq!((q.start(), q.end()), (day("2026-10-01"), day("2026-12-31")));
        assert_eq!(q.key(), "2026-Q4");
        assert_eq!(q.next().key(), "2027-Q1");
        assert_eq!(Quarter::parse("2027-q1").unwrap().previous(), q);
        assert_eq!(Quarter::of(day("2026-03-31")).key(), "2026-Q1");
        for bad in ["2026-Q5", "2026-Q0", "Q4-2026", "2026", "", "20x6-Q1"] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
        assert!(q.overlaps(day("2026-09-30"), day("2026-10-01")));
        assert!(q.overlaps(day("2026-12-31"), day("2027-01-02")));
        assert!(!q.overlaps(day("2026-09-01"), day("2026-09-30")));
        let keys: Vec<String> = q.last(3).into_iter().map(Quarter::key).collect();
        assert_eq!(keys, ["2026-Q2", "2026-Q3", "2026-Q4"]);
    }

    fn snapshot(as_of: &str, birth: u32, kin: u32) -> ChildrenCounts {
        let mut c = ChildrenCounts::empty(day(as_of));
        c.set(CountField::Baseline, SexCount::new(50, 20).unwrap());
        c.set(
            CountField::Reintegrated(Placement::BirthFamily),
            SexCount::new(birth, 0).unwrap(),
        );
        c.set(
            CountField::Reintegrated(Placement::KinshipCare),
            SexCount::new(kin, 0).unwrap(),
        );
        c
    }

    #[test]
    fn each_quarter_counts_the_growth_of_each_rcis_cumulative_figures() {
        let a = vec![
            snapshot("2026-02-01", 2, 0),
            snapshot("2026-05-10", 5, 1),
            snapshot("2026-06-30", 6, 1),
        ];
        // A correction downwards in Q3 counts as zero.
        let b = vec![snapshot("2026-04-01", 0, 3), snapshot("2026-08-01", 0, 2)];
        let q = Quarter::parse("2026-Q3").unwrap().last(3);
        let got = reintegrated_per_quarter(&[a, b], &q);
        assert_eq!(got[0].1, [2, 0, 0, 0, 0]);
        assert_eq!(got[1].1, [4, 4, 0, 0, 0]);
        assert_eq!(got[2].1, [0, 0, 0, 0, 0]);
    }

    proptest! {
        /// Without corrections downwards, the quarters add up to the latest cumulative figure.
        #[test]
        fn quarters_add_up_to_the_latest_total(steps in proptest::collection::vec(0u32..5, 1..12)) {
            let mut total = 0;
            let history: Vec<ChildrenCounts> = steps.iter().enumerate().map(|(i, s)| {
                total += s;
                let as_of = day("2024-01-15") + chrono::Duration::days(60 * i as i64);
                snapshot(&as_of.to_string(), total, 0)
            }).collect();
            let first = Quarter::of(day("2024-01-15"));
            let last = Quarter::of(history.last().unwrap().as_of);
            let mut quarters = vec![first];
            while *quarters.last().unwrap() < last {
                quarters.push(quarters.last().unwrap().next());
            }
            let per = reintegrated_per_quarter(&[history], &quarters);
            prop_assert_eq!(per.iter().map(|(_, p)| p[0]).sum::<u32>(), total);
        }

        /// The last snapshot of each quarter gives every quarter the same figure as the whole
        /// history, whatever its order of days, same-day corrections and downward corrections.
        #[test]
        fn the_last_of_each_quarter_is_enough(
            snapshots in proptest::collection::vec((0i64..900, 0u32..40, 0u32..40), 0..30)
        ) {
            let start = day("2024-01-01");
            let history: Vec<ChildrenCounts> = snapshots.iter().map(|(d, birth, kin)| {
                snapshot(&(start + chrono::Duration::days(*d)).to_string(), *birth, *kin)
            }).collect();
            let mut quarters = vec![Quarter::of(start).previous()];
            while quarters.len() < 14 {
                quarters.push(quarters.last().unwrap().next());
            }
            prop_assert_eq!(
                reintegrated_per_quarter(&[last_of_each_quarter(&history)], &quarters),
                reintegrated_per_quarter(&[history], &quarters)
            );
        }
    }
}
