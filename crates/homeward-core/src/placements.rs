//! Children after reintegration, each placement followed. A reintegration is recorded once, as a
//! *placement*: a case code the adviser chooses for the child or sibling group (never a name),
//! the day they went home, the kind of placement, the children by sex and their age band. Each
//! follow-up visit to it says how it is going. From these the core counts, per RCI and on any day,
//! the placements being followed, those overdue a visit, at risk, broken down and re-entered, and
//! the 12-month re-entry rate: whether reintegrated children stay home.
//!
//! The rules (also in `docs/domain.md`):
//! - A placement is *followed* from the day it is made until a visit records it closed (goals met)
//!   or returned to residential care; while followed, a visit falls due every
//!   [`FollowUpCadence::every_days`] after the placement or its last visit, for
//!   [`FollowUpCadence::for_days`] after the placement.
//! - Its *state* on a day is the outcome of its latest visit on or before that day (none yet:
//!   awaiting its first visit).
//! - **12-month re-entry rate** on day `d`: of the placements made at least 12 months before `d`,
//!   or made later but already re-entered by `d`, the share that returned to residential care
//!   within 12 months of being made (on or before `d`). A placement counts once, by its first
//!   re-entry. With no such placement the rate is unknown, not zero.

use std::fmt;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::counts::Placement;
use crate::quarters::Quarter;
use crate::risks::FollowUpCadence;
use crate::stages::Bilingual;
use crate::values::{parse_date_on, Count, FieldError, SexCount};

/// Why a placement's case code was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum CaseCodeError {
    /// Blank.
    #[error("a case code is required")]
    Empty,
    /// Not 2–20 letters, digits, `-`, `_` or `/` with at least one digit: a name is never a code.
    #[error(
        "a case code is 2–20 letters, digits, - _ or /, with at least one digit (never a child's name): {0}"
    )]
    Malformed(String),
}

impl CaseCodeError {
    /// The Khmer wording of the refusal.
    pub fn khmer(&self) -> String {
        match self {
            CaseCodeError::Empty => "ត្រូវការលេខកូដករណី".into(),
            CaseCodeError::Malformed(code) => format!(
                "លេខកូដករណីមាន 2–20 អក្សរ លេខ - _ ឬ / យ៉ាងហោចណាស់មានលេខមួយ (មិនមែនឈ្មោះកុមារទេ)៖ {code}"
            ),
        }
    }
}

/// The code an adviser gives a reintegrated child or sibling group, so that visits can be
/// recorded against it without a name: letters, digits, `-`, `_` and `/`, with at least one
/// digit, which no name has. The key from codes to children stays in the case files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseCode(String);

impl CaseCode {
    /// Refuses a blank code, one outside 2–20 characters, one with any other character (a space
    /// included), and one without a digit.
    pub fn parse(raw: &str) -> Result<CaseCode, CaseCodeError> {
        let code = raw.trim();
        if code.is_empty() {
            return Err(CaseCodeError::Empty);
        }
        let allowed = code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'));
        let length = (2..=20).contains(&code.chars().count());
        if !(allowed && length && code.chars().any(|c| c.is_ascii_digit())) {
            let shown: String = code.chars().take(40).collect();
            return Err(CaseCodeError::Malformed(shown));
        }
        Ok(CaseCode(code.to_ascii_uppercase()))
    }

    /// The code, upper-cased.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CaseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CaseCode {
    type Error = CaseCodeError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        CaseCode::parse(&raw)
    }
}

impl From<CaseCode> for String {
    fn from(code: CaseCode) -> String {
        code.0
    }
}

/// The age band of the children of a placement (the youngest's, for a sibling group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AgeBand {
    /// 0–4 years.
    UnderFive,
    /// 5–11 years.
    FiveToEleven,
    /// 12–17 years.
    TwelveToSeventeen,
    /// 18 and over: a care leaver.
    Adult,
}

impl AgeBand {
    /// Every band, youngest first.
    pub const ALL: [AgeBand; 4] = [
        AgeBand::UnderFive,
        AgeBand::FiveToEleven,
        AgeBand::TwelveToSeventeen,
        AgeBand::Adult,
    ];

    /// The stable key used in forms, storage and exports.
    pub fn key(self) -> &'static str {
        match self {
            AgeBand::UnderFive => "0_4",
            AgeBand::FiveToEleven => "5_11",
            AgeBand::TwelveToSeventeen => "12_17",
            AgeBand::Adult => "18_plus",
        }
    }

    /// The band a key names.
    pub fn parse(key: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.key() == key)
    }
}

/// How a placement is going, as a follow-up visit finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Settled; nothing gives concern.
    Stable,
    /// Still at home, with concerns that need support.
    AtRisk,
    /// Broke down: the child moved to another family placement (not back to an institution).
    BrokeDown,
    /// Returned to residential care: a re-entry.
    ReEntered,
    /// The case is closed, its goals met.
    Closed,
}

impl Outcome {
    /// Every outcome, in the order a visit form offers them.
    pub const ALL: [Outcome; 5] = [
        Outcome::Stable,
        Outcome::AtRisk,
        Outcome::BrokeDown,
        Outcome::ReEntered,
        Outcome::Closed,
    ];

    /// The stable key used in forms, storage and exports.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Stable => "stable",
            Outcome::AtRisk => "at_risk",
            Outcome::BrokeDown => "broke_down",
            Outcome::ReEntered => "re_entered",
            Outcome::Closed => "closed",
        }
    }

    /// The outcome a key names.
    pub fn parse(key: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.key() == key)
    }

    /// Whether following the placement ends with this outcome.
    pub fn ends_following(self) -> bool {
        match self {
            Outcome::ReEntered | Outcome::Closed => true,
            Outcome::Stable | Outcome::AtRisk | Outcome::BrokeDown => false,
        }
    }
}

/// One reintegration: who (by code), when, where to, how many children and how old.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementRecord {
    /// The child's or sibling group's code.
    pub code: CaseCode,
    /// The day the children went home.
    pub placed_on: NaiveDate,
    /// Where the children went.
    pub kind: Placement,
    /// How many children, and of them girls.
    pub children: SexCount,
    /// How old they are (the youngest, for siblings).
    pub age_band: AgeBand,
}

/// A follow-up visit to one placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementVisit {
    /// The day of the visit.
    pub visited_on: NaiveDate,
    /// How it found the placement.
    pub outcome: Outcome,
}

/// A placement and its visits (in any order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followed {
    /// The reintegration.
    pub placement: PlacementRecord,
    /// Its follow-up visits.
    pub visits: Vec<PlacementVisit>,
}

impl Followed {
    /// Visits up to `day`, oldest first.
    fn visits_by(&self, day: NaiveDate) -> Vec<PlacementVisit> {
        let mut visits: Vec<PlacementVisit> = self
            .visits
            .iter()
            .filter(|v| v.visited_on <= day && v.visited_on >= self.placement.placed_on)
            .copied()
            .collect();
        visits.sort_by_key(|v| (v.visited_on, v.outcome));
        visits
    }

    /// How it is going on `day`: its latest visit's outcome, none before the first visit (and
    /// none before it was made).
    pub fn outcome_on(&self, day: NaiveDate) -> Option<Outcome> {
        self.visits_by(day).last().map(|v| v.outcome)
    }

    /// The day it first returned to residential care, if it did by `day`.
    pub fn reentered_on(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.visits_by(day)
            .into_iter()
            .find(|v| v.outcome == Outcome::ReEntered)
            .map(|v| v.visited_on)
    }

    /// Whether it is followed on `day`: made by then, and no visit has ended it.
    pub fn is_followed(&self, day: NaiveDate) -> bool {
        self.placement.placed_on <= day
            && !self
                .visits_by(day)
                .iter()
                .any(|v| v.outcome.ends_following())
    }

    /// The day its next visit falls due, seen on `day`: every `cadence` interval after the
    /// placement or its last visit, while followed and within the cadence's span after the
    /// placement. None when nothing more is due.
    pub fn next_due(&self, cadence: &FollowUpCadence, day: NaiveDate) -> Option<NaiveDate> {
        if !self.is_followed(day) {
            return None;
        }
        let last = self
            .visits_by(day)
            .last()
            .map_or(self.placement.placed_on, |v| v.visited_on);
        let due = last.checked_add_days(Days::new(u64::from(cadence.every_days())))?;
        let until = self
            .placement
            .placed_on
            .checked_add_days(Days::new(u64::from(cadence.for_days())))?;
        (due <= until).then_some(due)
    }

    /// Days its visit is overdue on `day`, if it is.
    pub fn overdue_days(&self, cadence: &FollowUpCadence, day: NaiveDate) -> Option<i64> {
        let due = self.next_due(cadence, day)?;
        (day > due).then(|| (day - due).num_days())
    }
}

/// A share of placements: `count` of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rate {
    /// Placements counted.
    pub count: u32,
    /// Placements they are counted among.
    pub of: u32,
}

impl Rate {
    /// Whole percent, rounded to the nearest (a rate of 1 in 3 is 33 %).
    pub fn percent(&self) -> u32 {
        if self.of == 0 {
            return 0;
        }
        let (count, of) = (u64::from(self.count), u64::from(self.of));
        ((count * 200 + of) / (2 * of)) as u32
    }

    /// Whether the rate is above `percent` (exactly, not rounded).
    pub fn exceeds(&self, percent: u32) -> bool {
        u64::from(self.count) * 100 > u64::from(percent) * u64::from(self.of)
    }
}

/// One RCI's placements seen on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementFigures {
    /// Placements being followed.
    pub followed: u32,
    /// Children in them.
    pub children_followed: u32,
    /// Followed placements whose visit is overdue.
    pub overdue: u32,
    /// Followed placements whose latest visit found them at risk.
    pub at_risk: u32,
    /// Children in those.
    pub children_at_risk: u32,
    /// Placements that broke down (moved to another family) by the day, ever.
    pub breakdowns: u32,
    /// Placements that returned to residential care by the day, ever.
    pub reentries: u32,
    /// The 12-month re-entry rate; none while no placement is old enough or has re-entered.
    pub reentry_rate_12m: Option<Rate>,
}

/// The 12-month re-entry rate on `day` (the rule is in the module's documentation).
pub fn reentry_rate_12m(placements: &[Followed], day: NaiveDate) -> Option<Rate> {
    let mut rate = Rate { count: 0, of: 0 };
    for f in placements {
        let made = f.placement.placed_on;
        if made > day {
            continue;
        }
        let year_on = made
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        let within = f.reentered_on(day).filter(|r| *r <= year_on);
        if year_on <= day || within.is_some() {
            rate.of += 1;
            rate.count += u32::from(within.is_some());
        }
    }
    (rate.of > 0).then_some(rate)
}

/// One RCI's placements on `day`.
pub fn figures(
    placements: &[Followed],
    cadence: &FollowUpCadence,
    day: NaiveDate,
) -> PlacementFigures {
    let mut out = PlacementFigures::default();
    for f in placements.iter().filter(|f| f.placement.placed_on <= day) {
        let children = f.placement.children.total();
        let ever = |o: Outcome| f.visits_by(day).iter().any(|v| v.outcome == o);
        out.breakdowns += u32::from(ever(Outcome::BrokeDown));
        out.reentries += u32::from(ever(Outcome::ReEntered));
        if !f.is_followed(day) {
            continue;
        }
        out.followed += 1;
        out.children_followed = out.children_followed.saturating_add(children);
        out.overdue += u32::from(f.overdue_days(cadence, day).is_some());
        if f.outcome_on(day) == Some(Outcome::AtRisk) {
            out.at_risk += 1;
            out.children_at_risk = out.children_at_risk.saturating_add(children);
        }
    }
    out.reentry_rate_12m = reentry_rate_12m(placements, day);
    out
}

/// One RCI's placements at the end of each of `quarters`, in their order.
pub fn quarterly(
    placements: &[Followed],
    cadence: &FollowUpCadence,
    quarters: &[Quarter],
) -> Vec<(Quarter, PlacementFigures)> {
    quarters
        .iter()
        .map(|q| (*q, figures(placements, cadence, q.end())))
        .collect()
}

/// Placements that returned to residential care during each of `quarters`, over every RCI's
/// placements given: each counted once, in the quarter of its first re-entry.
pub fn reentries_per_quarter<'a>(
    rcis: impl IntoIterator<Item = &'a [Followed]>,
    quarters: &[Quarter],
) -> Vec<u32> {
    let mut out = vec![0u32; quarters.len()];
    for f in rcis.into_iter().flatten() {
        if let Some(on) = f.reentered_on(NaiveDate::MAX) {
            if let Some(i) = quarters.iter().position(|q| q.contains(on)) {
                out[i] += 1;
            }
        }
    }
    out
}

/// A placement as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlacementInput {
    /// The case code.
    pub code: String,
    /// The day the children went home (YYYY-MM-DD).
    pub placed_on: String,
    /// A [`Placement`] key.
    pub kind: String,
    /// Children placed.
    pub children_total: String,
    /// Of them, girls.
    pub children_female: String,
    /// An [`AgeBand`] key.
    pub age_band: String,
}

/// A refusal of a list's field whose value is not one of the list's keys.
fn choose(field: &'static str, en: &str, km: &str) -> FieldError {
    FieldError::new(field, Bilingual::new(en, km))
}

impl PlacementInput {
    /// A placement made by `today` (and not before the plausible past), of at least one child,
    /// with a code no name fits, naming the field to fix.
    pub fn parse(&self, today: NaiveDate) -> Result<PlacementRecord, FieldError> {
        let code = CaseCode::parse(&self.code).map_err(FieldError::at("code"))?;
        let placed_on = parse_date_on("reintegration date", &self.placed_on, today)
            .map_err(FieldError::at("placed_on"))?;
        if placed_on > today {
            return Err(FieldError::new(
                "placed_on",
                Bilingual::new(
                    format!("the reintegration date {placed_on} is in the future"),
                    format!("កាលបរិច្ឆេទសមាហរណកម្ម {placed_on} ស្ថិតនៅថ្ងៃអនាគត"),
                ),
            ));
        }
        let kind = Placement::ALL
            .into_iter()
            .find(|p| p.key() == self.kind)
            .ok_or_else(|| {
                choose(
                    "kind",
                    "choose a placement from the list",
                    "សូមជ្រើសរើសការដាក់ឱ្យនៅពីបញ្ជី",
                )
            })?;
        let count = |field: &'static str, label: &str, raw: &str| {
            Count::parse_field(label, raw)
                .map(|c| c.get())
                .map_err(FieldError::at(field))
        };
        let total = count("children_total", "children placed", &self.children_total)?;
        let female = count("children_female", "girls placed", &self.children_female)?;
        if total == 0 {
            return Err(choose(
                "children_total",
                "a placement is of at least one child",
                "ការដាក់ឱ្យនៅត្រូវមានកុមារយ៉ាងហោចណាស់ម្នាក់",
            ));
        }
        let children = SexCount::new_field("children placed", total, female)
            .map_err(FieldError::at("children_female"))?;
        let age_band = AgeBand::parse(&self.age_band).ok_or_else(|| {
            choose(
                "age_band",
                "choose an age band from the list",
                "សូមជ្រើសរើសក្រុមអាយុពីបញ្ជី",
            )
        })?;
        Ok(PlacementRecord {
            code,
            placed_on,
            kind,
            children,
            age_band,
        })
    }
}

/// A follow-up visit to a placement as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlacementVisitInput {
    /// The day of the visit (YYYY-MM-DD).
    pub visited_on: String,
    /// An [`Outcome`] key.
    pub outcome: String,
}

impl PlacementVisitInput {
    /// A visit on or after the placement was made and not after `today`, with a known outcome.
    pub fn parse(
        &self,
        placement: &PlacementRecord,
        today: NaiveDate,
    ) -> Result<PlacementVisit, FieldError> {
        let visited_on = parse_date_on("visit date", &self.visited_on, today)
            .map_err(FieldError::at("visited_on"))?;
        if visited_on > today || visited_on < placement.placed_on {
            return Err(FieldError::new(
                "visited_on",
                Bilingual::new(
                    format!(
                        "the visit date must fall between the reintegration ({}) and today",
                        placement.placed_on
                    ),
                    format!(
                        "កាលបរិច្ឆេទចុះតាមដានត្រូវនៅចន្លោះថ្ងៃសមាហរណកម្ម ({}) និងថ្ងៃនេះ",
                        placement.placed_on
                    ),
                ),
            ));
        }
        let outcome = Outcome::parse(&self.outcome).ok_or_else(|| {
            choose(
                "outcome",
                "choose how the placement is going",
                "សូមជ្រើសរើសស្ថានភាពនៃការដាក់ឱ្យនៅ",
            )
        })?;
        Ok(PlacementVisit {
            visited_on,
            outcome,
        })
    }
}

impl PlacementRecord {
    /// The placement as text, for the change history (its keys, worded by the page).
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("case code", self.code.to_string()),
            ("reintegrated on", self.placed_on.to_string()),
            ("placement", self.kind.key().to_string()),
            ("children", self.children.to_string()),
            ("age band", self.age_band.key().to_string()),
        ]
    }
}

impl PlacementVisit {
    /// The visit as text, for the change history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("visited on", self.visited_on.to_string()),
            ("outcome", self.outcome.key().to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn placed(code: &str, on: &str, visits: &[(&str, Outcome)]) -> Followed {
        Followed {
            placement: PlacementRecord {
                code: CaseCode::parse(code).unwrap(),
                placed_on: day(on),
                kind: Placement::BirthFamily,
                children: SexCount::new(2, 1).unwrap(),
                age_band: AgeBand::FiveToEleven,
            },
            visits: visits
                .iter()
                .map(|(d, o)| PlacementVisit {
                    visited_on: day(d),
                    outcome: *o,
                })
                .collect(),
        }
    }

    #[test]
    fn forms_are_refused_at_the_field_to_fix() {
        let today = day("2026-12-01");
        let form = PlacementInput {
            code: "hg-2026-04".into(),
            placed_on: "2026-11-02".into(),
            kind: "kinship_care".into(),
            children_total: "2".into(),
            children_female: "1".into(),
            age_band: "5_11".into(),
        };
        let placement = form.parse(today).unwrap();
        assert_eq!(placement.code.as_str(), "HG-2026-04");
        assert_eq!(placement.kind, Placement::KinshipCare);
        let refused = |change: fn(&mut PlacementInput)| {
            let mut f = form.clone();
            change(&mut f);
            f.parse(today).unwrap_err().field
        };
        assert_eq!(refused(|f| f.code = "Sok Dara".into()), "code");
        assert_eq!(refused(|f| f.placed_on = "2026-12-02".into()), "placed_on");
        assert_eq!(refused(|f| f.kind = "orphanage".into()), "kind");
        assert_eq!(refused(|f| f.children_total = "0".into()), "children_total");
        assert_eq!(
            refused(|f| f.children_female = "3".into()),
            "children_female"
        );
        assert_eq!(refused(|f| f.age_band = "teen".into()), "age_band");

        let visit = |on: &str, outcome: &str| {
            PlacementVisitInput {
                visited_on: on.into(),
                outcome: outcome.into(),
            }
            .parse(&placement, today)
        };
        assert_eq!(
            visit("2026-11-20", "at_risk").unwrap().outcome,
            Outcome::AtRisk
        );
        assert_eq!(
            visit("2026-11-01", "stable").unwrap_err().field,
            "visited_on",
            "before it"
        );
        assert_eq!(
            visit("2026-12-02", "stable").unwrap_err().field,
            "visited_on",
            "future"
        );
        assert_eq!(visit("2026-11-20", "gone").unwrap_err().field, "outcome");
    }

    #[test]
    fn a_case_code_is_never_a_name() {
        assert_eq!(
            CaseCode::parse(" bf-2026/07 ").unwrap().as_str(),
            "BF-2026/07"
        );
        assert_eq!(CaseCode::parse(""), Err(CaseCodeError::Empty));
        for name in [
            "Sok Dara",
            "Dara",
            "សុខ12",
            "A",
            "123456789012345678901",
            "x 1",
        ] {
            assert!(CaseCode::parse(name).is_err(), "{name}");
        }
        let khmer = CaseCode::parse("Dara").unwrap_err().khmer();
        assert!(khmer.contains("លេខកូដ"));
    }

    #[test]
    fn the_reentry_rate_counts_placements_a_year_old_or_already_back() {
        let today = day("2026-12-01");
        let placements = [
            // A year old and still home: in the denominator only.
            placed("BF-1", "2025-06-01", &[("2025-07-01", Outcome::Stable)]),
            // Back in care within the year: counted.
            placed("BF-2", "2025-09-01", &[("2026-02-01", Outcome::ReEntered)]),
            // Back in care after the year: not a 12-month re-entry.
            placed("BF-3", "2024-01-01", &[("2025-06-01", Outcome::ReEntered)]),
            // Recent and back already: counted at once.
            placed("BF-4", "2026-09-01", &[("2026-10-01", Outcome::ReEntered)]),
            // Recent and home: not yet counted either way.
            placed("BF-5", "2026-10-01", &[("2026-11-01", Outcome::Stable)]),
        ];
        let rate = reentry_rate_12m(&placements, today).unwrap();
        assert_eq!(rate, Rate { count: 2, of: 4 });
        assert_eq!(rate.percent(), 50);
        assert!(rate.exceeds(10) && !rate.exceeds(50));
        assert_eq!(
            reentry_rate_12m(&placements[4..], today),
            None,
            "unknown, not 0 %"
        );
        // Seen before BF-2's return, its re-entry does not exist yet, and only BF-3 had its year.
        let earlier = reentry_rate_12m(&placements, day("2026-01-15")).unwrap();
        assert_eq!(earlier, Rate { count: 0, of: 1 });
    }

    #[test]
    fn each_placement_is_followed_until_closed_or_back_in_care_and_due_per_placement() {
        let cadence = FollowUpCadence::new(30, 365).unwrap();
        let today = day("2026-12-01");
        let placements = [
            placed("A1", "2026-10-01", &[("2026-10-20", Outcome::AtRisk)]),
            placed("A2", "2026-11-15", &[]),
            placed("A3", "2026-06-01", &[("2026-07-01", Outcome::Closed)]),
            placed(
                "A4",
                "2026-05-01",
                &[
                    ("2026-06-01", Outcome::BrokeDown),
                    ("2026-11-20", Outcome::Stable),
                ],
            ),
            placed("A5", "2025-01-01", &[("2025-03-01", Outcome::ReEntered)]),
        ];
        // A1 was due 2026-11-19: 12 days overdue. A2 is due 2026-12-15.
        assert_eq!(placements[0].overdue_days(&cadence, today), Some(12));
        assert_eq!(placements[1].overdue_days(&cadence, today), None);
        assert_eq!(
            placements[1].next_due(&cadence, today),
            Some(day("2026-12-15"))
        );
        assert_eq!(placements[2].next_due(&cadence, today), None, "closed");
        let f = figures(&placements, &cadence, today);
        assert_eq!(f.followed, 3, "A1, A2 and A4");
        assert_eq!(f.children_followed, 6);
        assert_eq!(f.overdue, 1);
        assert_eq!((f.at_risk, f.children_at_risk), (1, 2));
        assert_eq!((f.breakdowns, f.reentries), (1, 1));
        assert_eq!(f.reentry_rate_12m, Some(Rate { count: 1, of: 1 }));

        // Per quarter, each seen on its last day: A4's breakdown is in Q2, before A1 was made.
        let quarters = Quarter::of(today).last(3);
        let by_quarter = quarterly(&placements, &cadence, &quarters);
        assert_eq!(by_quarter.len(), 3);
        let (q2, f2) = by_quarter[0];
        assert_eq!(q2.end(), day("2026-06-30"));
        assert_eq!(
            (f2.followed, f2.breakdowns),
            (2, 1),
            "A3 and A4 followed, A4 broken down"
        );
        // Seen at this quarter's end, 31 December, with no visit meanwhile: all three are late.
        let f4 = by_quarter[2].1;
        assert_eq!((f4.followed, f4.overdue), (3, 3));
    }

    fn arb_followed() -> impl Strategy<Value = Followed> {
        let outcome = proptest::sample::select(Outcome::ALL.to_vec());
        (
            0u64..1500,
            proptest::collection::vec((0u64..800, outcome), 0..6),
        )
            .prop_map(|(start, visits)| {
                let placed_on = day("2022-01-01") + Days::new(start);
                Followed {
                    placement: PlacementRecord {
                        code: CaseCode::parse("P1").unwrap(),
                        placed_on,
                        kind: Placement::KinshipCare,
                        children: SexCount::new(1, 0).unwrap(),
                        age_band: AgeBand::UnderFive,
                    },
                    visits: visits
                        .into_iter()
                        .map(|(after, outcome)| PlacementVisit {
                            visited_on: placed_on + Days::new(after),
                            outcome,
                        })
                        .collect(),
                }
            })
    }

    proptest! {
        #[test]
        fn figures_stay_within_their_placements(
            placements in proptest::collection::vec(arb_followed(), 0..20),
            offset in 0u64..2500,
        ) {
            let today = day("2022-01-01") + Days::new(offset);
            let cadence = FollowUpCadence::default();
            let f = figures(&placements, &cadence, today);
            let made = placements.iter().filter(|p| p.placement.placed_on <= today).count() as u32;
            prop_assert!(f.followed <= made);
            prop_assert!(f.overdue <= f.followed && f.at_risk <= f.followed);
            prop_assert!(f.reentries <= made && f.breakdowns <= made);
            if let Some(rate) = f.reentry_rate_12m {
                prop_assert!(rate.count <= rate.of && rate.of <= made && rate.of > 0);
                prop_assert!(rate.percent() <= 100);
                prop_assert!(rate.count <= f.reentries);
            }
        }

        #[test]
        fn reentries_per_quarter_add_up_to_the_reentries_between(
            placements in proptest::collection::vec(arb_followed(), 0..20),
        ) {
            let quarters = Quarter::of(day("2035-12-31")).last(60);
            let per = reentries_per_quarter([placements.as_slice()], &quarters);
            let all = figures(&placements, &FollowUpCadence::default(), day("2035-12-31")).reentries;
            prop_assert_eq!(per.iter().sum::<u32>(), all);
        }

        #[test]
        fn one_more_reentry_within_the_year_never_lowers_the_rate(
            placements in proptest::collection::vec(arb_followed(), 1..20),
            pick in any::<proptest::sample::Index>(),
            after in 0u64..365,
        ) {
            let today = day("2030-01-01");
            let before = reentry_rate_12m(&placements, today).unwrap();
            let mut changed = placements.clone();
            let i = pick.index(changed.len());
            let on = changed[i].placement.placed_on + Days::new(after);
            changed[i].visits.push(PlacementVisit { visited_on: on, outcome: Outcome::ReEntered });
            let after = reentry_rate_12m(&changed, today).unwrap();
            prop_assert_eq!(after.of, before.of, "every placement is a year old by then");
            prop_assert!(after.count >= before.count);
        }
    }
}
