//! Homeward's core: the model of a residential care institution's (RCI's) transition to family-
//! and community-based care, as Cambodian NGOs walk partner RCIs through it.
//!
//! Plain types and pure functions only — no web, no database — so that the app, the command
//! line, reports and other tools share one set of rules. Rules that depend on the day take it as
//! an argument (`today`), so that results can be reproduced.
//!
//! # The model in five minutes
//!
//! - An RCI works through five **stages** in order ([`Stage`]): assessment, family tracing,
//!   preparation, reintegration (with follow-up visits) and community programmes, beside an
//!   **organisation** track (board and donors, staff, buildings, government) — together the
//!   [`Track`]s.
//! - Each track is a list of steps. A [`Template`] holds the organisation's steps
//!   ([`default_template`] is Homeward's); each RCI gets its own copy, a list of
//!   [`ChecklistItem`]s, whose [`ItemStatus`] advisers record (done on a day, in progress, not
//!   applicable with a reason, blocked with a reason).
//! - From the items follow the RCI's [`TransitionProgress`] (per track and overall; steps that do
//!   not apply are left out) and its [`Phase`]: the first stage, in order, that is not finished.
//!   A stage is finished when its steps are done and an admin has signed it off ([`signoffs`]):
//!   the adviser asks, an admin approves or returns it with a note.
//! - Children are counted, never named: [`ChildrenCounts`] holds dated, sex-disaggregated
//!   [`SexCount`]s ("42 (17F)") of children in care, assessed, traced, prepared and reintegrated
//!   by [`Placement`].
//! - [`risks::risk_flags`] says what needs attention on a given day ([`RiskFlag`]): no
//!   reintegration plan or budget from the preparation stage on, no update for a while, follow-up
//!   visits overdue. [`RciSummary`] and [`RciOverview`] bring it all together for one RCI.
//! - Each reintegration can be followed as a placement ([`placements`]): visits say whether it is
//!   stable, at risk, broke down, back in residential care or closed; from them come overdue
//!   visits per placement and the 12-month re-entry rate.
//! - Evidence files ([`evidence`]) are PDFs, JPEGs or PNGs found from their bytes, photos
//!   stripped of where they were taken, before anything keeps them.
//! - Values are parsed once at the edge ([`Name`], [`Note`], [`SexCount`], [`DateRange`]…) and
//!   every refusal can be worded in English and Khmer ([`Bilingual`]).
//!
//! # A worked example
//!
//! Build an RCI's checklist from the template, record progress, and read where it stands:
//!
//! ```
//! use chrono::NaiveDate;
//! use homeward_core::{
//!     default_template, overview, signoffs, ChecklistItem, FollowUpFacts, ItemStatus, Name,
//!     Phase, RciProfile, RiskFlag, RiskSettings, Stage, Track, TransitionProgress,
//! };
//! use homeward_core::signoffs::{Decision, SignOffs};
//!
//! let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
//! let profile = RciProfile::parse("Hope House", "", "Pursat", "Krakor", day("2026-01-12"))?;
//!
//! // The RCI's own copy of every step of the template.
//! let mut items: Vec<ChecklistItem> = default_template()
//!     .items()
//!     .iter()
//!     .map(ChecklistItem::from_template)
//!     .collect();
//!
//! // The adviser records the whole assessment stage done on 2 March.
//! for item in items.iter_mut().filter(|i| i.track == Track::Stage(Stage::Assessment)) {
//!     item.status = ItemStatus::Done { on: day("2026-03-02") };
//! }
//!
//! // Done is not yet finished: the adviser asks for sign-off and an admin approves it.
//! let done = TransitionProgress::of(&items, &SignOffs::default());
//! assert_eq!(done.phase, Phase::In(Stage::Assessment));
//! let assessment = done.track(Track::Stage(Stage::Assessment));
//! let asked = signoffs::request(Stage::Assessment, assessment, None, &Name::parse("Sokha")?, day("2026-03-02"))
//!     .expect("every step is done");
//! let approved = signoffs::decide(Some(&asked), Decision::Approve, &Name::parse("Dara")?, day("2026-03-02"))
//!     .expect("it was asked for");
//! let sign_offs = SignOffs(vec![approved]);
//!
//! let progress = TransitionProgress::of(&items, &sign_offs);
//! assert_eq!(progress.phase, Phase::In(Stage::FamilyTracing));
//! assert_eq!(progress.track(Track::Stage(Stage::Assessment)).percent(), 100);
//! assert_eq!(progress.track(Track::Stage(Stage::FamilyTracing)).percent(), 0);
//!
//! // Nothing recorded since March: by late November the transition has stalled.
//! let today = day("2026-11-26");
//! let now = overview(
//!     &profile,
//!     &items,
//!     &sign_offs,
//!     None,
//!     FollowUpFacts::default(),
//!     Some(day("2026-03-02")),
//!     &RiskSettings::default(),
//!     today,
//! );
//! assert_eq!(now.flags, [RiskFlag::Stalled { days: 269 }]);
//! assert_eq!(now.days_in_phase, 269);
//! # Ok::<(), homeward_core::ValueError>(())
//! ```
//!
//! # Whether children stay home
//!
//! Each reintegration can also be followed on its own ([`placements`]): a [`placements::CaseCode`]
//! stands for the child or sibling group (never a name), and each follow-up visit records how the
//! placement is going. The 12-month re-entry rate counts the placements that returned to
//! residential care within a year, among those a year old or already back:
//!
//! ```
//! use chrono::NaiveDate;
//! use homeward_core::placements::{
//!     figures, AgeBand, CaseCode, Followed, Outcome, PlacementRecord, PlacementVisit,
//! };
//! use homeward_core::{FollowUpCadence, Placement, SexCount};
//!
//! let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
//! let placement = |code: &str, on: &str, visits: &[(&str, Outcome)]| Followed {
//!     placement: PlacementRecord {
//!         code: CaseCode::parse(code).unwrap(),
//!         placed_on: day(on),
//!         kind: Placement::KinshipCare,
//!         children: SexCount::new(2, 1).unwrap(),
//!         age_band: AgeBand::FiveToEleven,
//!     },
//!     visits: visits
//!         .iter()
//!         .map(|(d, outcome)| PlacementVisit { visited_on: day(d), outcome: *outcome })
//!         .collect(),
//! };
//! let placements = [
//!     placement("HG-2025-01", "2025-03-01", &[("2025-04-01", Outcome::Stable)]),
//!     placement("HG-2025-02", "2025-05-01", &[("2025-08-01", Outcome::ReEntered)]),
//!     placement("HG-2026-03", "2026-10-15", &[("2026-11-10", Outcome::AtRisk)]),
//! ];
//! assert!(CaseCode::parse("Sok Dara").is_err(), "a name is never a code");
//!
//! let seen = figures(&placements, &FollowUpCadence::default(), day("2026-11-30"));
//! assert_eq!(seen.followed, 2, "the re-entered one is no longer followed");
//! assert_eq!((seen.at_risk, seen.children_at_risk), (1, 2));
//! assert_eq!(seen.reentry_rate_12m.map(|r| r.percent()), Some(50));
//! ```
//!
//! # Whether the organisation changes
//!
//! The organisation track as data ([`transformation`]): staff retrained, redeployed or who left,
//! buildings repurposed, donors' money redirected. Dollars and riel are totalled apart, never
//! converted, and amounts are parsed with a bound before anything can overflow:
//!
//! ```
//! use chrono::NaiveDate;
//! use homeward_core::transformation::{figures, FundingChangeInput, Transformation};
//!
//! let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
//! let form = |amount: &str, currency: &str| FundingChangeInput {
//!     changed_on: "2026-09-01".into(),
//!     donor: "Friends of Pursat".into(),
//!     amount: amount.into(),
//!     currency: currency.into(),
//!     to: "family support".into(),
//!     ..FundingChangeInput::default()
//! };
//! assert_eq!(form("12.50", "usd").parse(today).unwrap_err().field, "amount");
//! let records = Transformation {
//!     funding: vec![
//!         form("12,000", "usd").parse(today)?,
//!         form("48 000 000", "khr").parse(today)?,
//!     ],
//!     ..Transformation::default()
//! };
//! let seen = figures(&records, today);
//! assert_eq!((seen.funding_usd, seen.funding_khr), (12_000, 48_000_000));
//! # Ok::<(), homeward_core::FieldError>(())
//! ```
//!
//! # Whether each partner is on track
//!
//! The organisation sets [`targets`] for an RCI or a province; [`targets::judge`] says how each
//! stands on a day, against a straight line from the transition's start to the target's date:
//!
//! ```
//! use chrono::NaiveDate;
//! use homeward_core::targets::{judge, TargetFacts, TargetInput, TargetStatus};
//!
//! let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
//! let today = day("2026-07-02");
//! let target = TargetInput {
//!     goal: "family_placements".into(),
//!     percent: "60".into(),
//!     due_on: "2027-01-01".into(),
//!     ..TargetInput::default()
//! }
//! .parse(today)?;
//! // Half the way to the date: 30 % of the baseline should be home by now.
//! let facts = |home: u32| TargetFacts {
//!     transition_start: Some(day("2026-01-01")),
//!     baseline: 40,
//!     in_care_ever: 40,
//!     in_care: 40 - home,
//!     in_families: home,
//!     counted: true,
//!     ..TargetFacts::default()
//! };
//! assert_eq!(judge(&target, &facts(18), today, today), TargetStatus::OnTrack);
//! assert_eq!(judge(&target, &facts(4), today, today), TargetStatus::OffTrack);
//! assert_eq!(judge(&target, &facts(24), today, today), TargetStatus::Met);
//! # Ok::<(), homeward_core::FieldError>(())
//! ```
//!
//! # How ready the director and the donor are
//!
//! An adviser marks each of the organisation's [`readiness`] indicators present, absent or not
//! known; the answers give a level (the rule is in `docs/domain.md`), and a later assessment
//! says what changed:
//!
//! ```
//! use std::collections::HashMap;
//! use chrono::NaiveDate;
//! use homeward_core::readiness::{
//!     answer_field, changes, default_indicators, parse_assessment, Level, Polarity,
//! };
//!
//! let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
//! let list = default_indicators();
//! // Every positive sign present, every risk absent.
//! let form = |on: &str, risks: &str| {
//!     let mut form = HashMap::from([("assessed_on".to_string(), on.to_string())]);
//!     for i in &list {
//!         let answer = match i.polarity {
//!             Polarity::Positive => "present",
//!             Polarity::Risk => risks,
//!         };
//!         form.insert(answer_field(&i.key), answer.to_string());
//!     }
//!     form
//! };
//! let before = parse_assessment(&form("2026-01-10", "present"), &list, today)?;
//! let after = parse_assessment(&form("2026-11-20", "absent"), &list, today)?;
//! assert_eq!(before.level(&list), Some(Level::HighRisk));
//! assert_eq!(after.level(&list), Some(Level::Favourable));
//! assert_eq!(changes(&before, &after).len(), 9, "every risk, gone");
//! # Ok::<(), homeward_core::FieldError>(())
//! ```
//!
//! `examples/progress_from_csv.rs` does the same for a whole spreadsheet: it reads each RCI's
//! item statuses from a CSV file and prints every RCI's progress, stage and risks
//! (`cargo run -p homeward-core --example progress_from_csv -- FILE.csv`).

#![warn(missing_docs)]

pub mod accounts;
pub mod activities;
pub mod api_tokens;
pub mod calendar;
pub mod checklists;
pub mod comparison;
pub mod counts;
pub mod evidence;
pub mod exports;
pub mod follow_ups;
pub mod forms;
pub mod history;
pub mod imports;
pub mod offline;
pub mod paging;
pub mod placements;
pub mod places;
pub mod programmes;
pub mod progress;
pub mod quarters;
pub mod rcis;
pub mod readiness;
pub mod regulation;
pub mod risks;
pub mod signoffs;
pub mod stages;
pub mod targets;
pub mod templates;
pub mod tours;
pub mod trainings;
pub mod transformation;
pub mod values;
pub mod work;

pub use checklists::{
    default_template, ChecklistItem, CustomStep, CustomStepInput, ItemChange, ItemInput, ItemKey,
    ItemStatus, Owner, StatusKind, Template, TemplateItem,
};
pub use counts::{ChildrenCounts, CountField, CountsError, Placement};
pub use places::{Province, UnknownProvince};
pub use progress::{Phase, Progress, TransitionProgress};
pub use rcis::{overview, FollowUpFacts, ProfileInput, RciOverview, RciProfile, RciSummary};
pub use risks::{FollowUpCadence, RiskFlag, RiskKind, RiskSettings};
pub use stages::{Bilingual, Lang, Stage, Track};
pub use values::{Count, DateRange, FieldError, Name, Note, SexCount, Stored, ValueError};

/// Each of the core's refusals can be shown in either language: English is its `Display`, Khmer
/// its `khmer()`.
macro_rules! bilingual_errors {
    ($($error:ty),*) => {$(
        impl From<$error> for Bilingual {
            fn from(e: $error) -> Self {
                Bilingual::new(e.to_string(), e.khmer())
            }
        }
    )*};
}

bilingual_errors!(
    ValueError,
    CountsError,
    checklists::ChecklistError,
    accounts::AccountError,
    stages::UnknownTrack,
    UnknownProvince,
    placements::CaseCodeError
);
