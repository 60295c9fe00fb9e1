//! Targets, on track or not. The organisation sets dated goals for an RCI or for all the RCIs
//! of a province ("60 % of the baseline in family placements by 2027-06-30", "Preparation
//! finished by 2027-03-31", "residential care closed by 2027-12-31"), and [`judge`] says from
//! the records whether each is **met**, **missed**, **on track**, **at risk** or **off track**:
//! progress against a straight line from the transition's start to the target date (the rule is
//! in `docs/domain.md`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::counts::{ChildrenCounts, Placement};
use crate::places::Province;
use crate::progress::{Progress, TransitionProgress};
use crate::stages::{Bilingual, Stage, Track};
use crate::values::{parse_date_on, FieldError};

/// What a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Goal {
    /// At least this percent (1–100) of the baseline living in family placements.
    FamilyPlacements {
        /// Whole percent of the children in care when the transition began.
        percent: u8,
    },
    /// Every item of the stage done (or not applicable).
    StageFinished(Stage),
    /// No child left in residential care.
    CareClosed,
}

/// The kinds of goal, as a form offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoalKind {
    /// [`Goal::FamilyPlacements`].
    FamilyPlacements,
    /// [`Goal::StageFinished`].
    StageFinished,
    /// [`Goal::CareClosed`].
    CareClosed,
}

impl GoalKind {
    /// Every kind, in the form's order.
    pub const ALL: [GoalKind; 3] = [
        GoalKind::FamilyPlacements,
        GoalKind::StageFinished,
        GoalKind::CareClosed,
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            GoalKind::FamilyPlacements => "family_placements",
            GoalKind::StageFinished => "stage_finished",
            GoalKind::CareClosed => "care_closed",
        }
    }

    /// The kind a key names.
    pub fn parse(key: &str) -> Option<GoalKind> {
        GoalKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl Goal {
    /// Its kind.
    pub fn kind(self) -> GoalKind {
        match self {
            Goal::FamilyPlacements { .. } => GoalKind::FamilyPlacements,
            Goal::StageFinished(_) => GoalKind::StageFinished,
            Goal::CareClosed => GoalKind::CareClosed,
        }
    }

    /// The goal in words, in both languages ("60 % of the baseline in family placements").
    pub fn words(self) -> Bilingual {
        match self {
            Goal::FamilyPlacements { percent } => Bilingual::new(
                format!("{percent} % of the baseline in family placements"),
                format!("{percent} % នៃចំនួនដំបូង រស់នៅក្នុងគ្រួសារ"),
            ),
            Goal::StageFinished(stage) => {
                let title = stage.title();
                Bilingual::new(
                    format!("stage {} finished", title.en),
                    format!("ដំណាក់កាល {} បានបញ្ចប់", title.km),
                )
            }
            Goal::CareClosed => Bilingual::new(
                "residential care closed (no child in care)",
                "បិទការថែទាំតាមមណ្ឌល (គ្មានកុមារក្នុងមណ្ឌល)",
            ),
        }
    }
}

/// A goal to reach by a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// What is to be reached.
    pub goal: Goal,
    /// The day it is to be reached by.
    pub due_on: NaiveDate,
}

/// Whose records a target is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// One RCI, by id.
    Rci(i64),
    /// Every partner RCI of a province, their figures added together.
    Province(Province),
}

/// How a target stands on a day. The order is from worst to best, so statuses compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TargetStatus {
    /// The day has passed and the goal is not reached.
    Missed,
    /// Well behind the straight line to the goal.
    OffTrack,
    /// A little behind the straight line.
    AtRisk,
    /// On or ahead of the straight line.
    OnTrack,
    /// The records show the goal reached.
    Met,
}

impl TargetStatus {
    /// Every status, worst first.
    pub const ALL: [TargetStatus; 5] = [
        TargetStatus::Missed,
        TargetStatus::OffTrack,
        TargetStatus::AtRisk,
        TargetStatus::OnTrack,
        TargetStatus::Met,
    ];

    /// The stable key used in URLs and exports.
    pub fn key(self) -> &'static str {
        match self {
            TargetStatus::Missed => "missed",
            TargetStatus::OffTrack => "off_track",
            TargetStatus::AtRisk => "at_risk",
            TargetStatus::OnTrack => "on_track",
            TargetStatus::Met => "met",
        }
    }

    /// The status a key names.
    pub fn parse(key: &str) -> Option<TargetStatus> {
        TargetStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Counted in `targets_on_track`: on track or already met.
    pub fn is_on_track(self) -> bool {
        matches!(self, TargetStatus::OnTrack | TargetStatus::Met)
    }

    /// Counted in `targets_off_track`: off track or missed.
    pub fn is_off_track(self) -> bool {
        matches!(self, TargetStatus::OffTrack | TargetStatus::Missed)
    }
}

/// How far behind the straight line a target may be, in thousandths of the way, and still be
/// only "at risk" rather than "off track": a tenth of the way.
pub const AT_RISK_MARGIN: u32 = 100;

/// What the records say, as the targets need it: one RCI's, or a province's added together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFacts {
    /// The earliest transition start: the straight line begins here.
    pub transition_start: Option<NaiveDate>,
    /// Children in care when the transition began.
    pub baseline: u32,
    /// Every child in care during the transition (baseline plus admissions).
    pub in_care_ever: u32,
    /// Children still in care.
    pub in_care: u32,
    /// Children living in family placements (birth family, kinship or foster care).
    pub in_families: u32,
    /// Whether counts were ever recorded: without them no count goal is reached.
    pub counted: bool,
    /// Each stage's items done and applicable, in [`Stage::ALL`] order.
    pub stages: [Progress; 5],
}

/// The placements that are a family: a parent, relatives or a foster family.
pub const FAMILY_PLACEMENTS: [Placement; 3] = [
    Placement::BirthFamily,
    Placement::KinshipCare,
    Placement::FosterCare,
];

impl TargetFacts {
    /// One RCI's facts from its transition start, progress and latest counts.
    pub fn of(
        transition_start: NaiveDate,
        progress: &TransitionProgress,
        counts: Option<&ChildrenCounts>,
    ) -> TargetFacts {
        let stages = Stage::ALL.map(|s| progress.track(Track::Stage(s)));
        TargetFacts {
            transition_start: Some(transition_start),
            baseline: counts.map_or(0, |c| c.baseline.total()),
            in_care_ever: counts.map_or(0, |c| c.in_care_ever().total()),
            in_care: counts.map_or(0, |c| c.still_in_care().total()),
            in_families: counts.map_or(0, |c| {
                FAMILY_PLACEMENTS
                    .iter()
                    .map(|p| c.placement(*p).total())
                    .sum()
            }),
            counted: counts.is_some(),
            stages,
        }
    }

    /// Two sets of facts added together (a province's RCIs): counts summed, stages' items
    /// summed, the earlier start kept.
    pub fn plus(&self, other: &TargetFacts) -> TargetFacts {
        let start = match (self.transition_start, other.transition_start) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let mut stages = self.stages;
        for (s, o) in stages.iter_mut().zip(other.stages) {
            s.done = s.done.saturating_add(o.done);
            s.applicable = s.applicable.saturating_add(o.applicable);
        }
        TargetFacts {
            transition_start: start,
            baseline: self.baseline.saturating_add(other.baseline),
            in_care_ever: self.in_care_ever.saturating_add(other.in_care_ever),
            in_care: self.in_care.saturating_add(other.in_care),
            in_families: self.in_families.saturating_add(other.in_families),
            counted: self.counted || other.counted,
            stages,
        }
    }
}

/// How much of the way to `goal` the facts have come, in thousandths (0–1000), and whether it
/// is reached.
pub fn progress(goal: Goal, facts: &TargetFacts) -> (u32, bool) {
    let share = |part: u64, whole: u64| {
        part.saturating_mul(1000)
            .checked_div(whole)
            .map_or(0, |t| t.min(1000) as u32)
    };
    match goal {
        Goal::FamilyPlacements { percent } => {
            let needed = u64::from(facts.baseline) * u64::from(percent);
            let have = u64::from(facts.in_families) * 100;
            let reached = facts.counted && facts.baseline > 0 && have >= needed;
            (if reached { 1000 } else { share(have, needed) }, reached)
        }
        Goal::StageFinished(stage) => {
            let p = facts.stages[stage.number() - 1];
            let reached = p.is_complete();
            let way = if reached {
                1000
            } else {
                share(u64::from(p.done), u64::from(p.applicable))
            };
            (way, reached)
        }
        Goal::CareClosed => {
            let reached = facts.counted && facts.in_care == 0;
            let left = facts.in_care_ever.saturating_sub(facts.in_care);
            let way = if reached {
                1000
            } else {
                share(u64::from(left), u64::from(facts.in_care_ever))
            };
            (way, reached)
        }
    }
}

/// How far along the straight line from `start` to `due` one should be on `today`, in
/// thousandths: 0 on the start (or before), 1000 on the due day (or when it is not after the start).
pub fn expected(start: NaiveDate, due: NaiveDate, today: NaiveDate) -> u32 {
    let span = (due - start).num_days();
    if span <= 0 {
        return 1000;
    }
    let gone = (today - start).num_days().clamp(0, span);
    (gone * 1000 / span) as u32
}

/// How a target stands on `today`: met when the records show the goal reached (late or not);
/// otherwise missed after its day; otherwise measured against the straight line from the
/// transition's start (or the day the target was set, without one) to the target's day.
pub fn judge(
    target: &Target,
    facts: &TargetFacts,
    set_on: NaiveDate,
    today: NaiveDate,
) -> TargetStatus {
    let (way, reached) = progress(target.goal, facts);
    if reached {
        return TargetStatus::Met;
    }
    if today > target.due_on {
        return TargetStatus::Missed;
    }
    let start = facts.transition_start.unwrap_or(set_on);
    let should = expected(start, target.due_on, today);
    if way >= should {
        TargetStatus::OnTrack
    } else if way + AT_RISK_MARGIN >= should {
        TargetStatus::AtRisk
    } else {
        TargetStatus::OffTrack
    }
}

/// A stored target and how it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judged {
    /// The target's id in the store.
    pub id: i64,
    /// The target.
    pub target: Target,
    /// The day it was set.
    pub set_on: NaiveDate,
    /// How it stands on the day.
    pub status: TargetStatus,
}

/// A target as stored: its id, whose it is, the goal, the day it was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTarget {
    /// The target's id in the store.
    pub id: i64,
    /// Whose records it is judged on.
    pub scope: Scope,
    /// The goal and its day.
    pub target: Target,
    /// The day it was set.
    pub set_on: NaiveDate,
}

impl SetTarget {
    /// This target judged on `facts` on `today`.
    pub fn judge(&self, facts: &TargetFacts, today: NaiveDate) -> Judged {
        Judged {
            id: self.id,
            target: self.target,
            set_on: self.set_on,
            status: judge(&self.target, facts, self.set_on, today),
        }
    }
}

/// How many of `judged` are on track (or met) and off track (or missed).
pub fn tally(judged: &[Judged]) -> (u32, u32) {
    let on = judged.iter().filter(|j| j.status.is_on_track()).count() as u32;
    let off = judged.iter().filter(|j| j.status.is_off_track()).count() as u32;
    (on, off)
}

/// A target as the admin's form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetInput {
    /// A [`GoalKind`] key.
    pub goal: String,
    /// For family placements: whole percent of the baseline.
    pub percent: String,
    /// For a stage: its track key ("preparation").
    pub stage: String,
    /// YYYY-MM-DD.
    pub due_on: String,
}

fn refuse(field: &str, en: impl Into<String>, km: impl Into<String>) -> FieldError {
    FieldError::new(field, Bilingual::new(en, km))
}

impl TargetInput {
    /// A target due on or after `today`, naming the field to fix.
    pub fn parse(&self, today: NaiveDate) -> Result<Target, FieldError> {
        let kind = GoalKind::parse(self.goal.trim())
            .ok_or_else(|| refuse("goal", "choose the goal from the list", "សូមជ្រើសរើសគោលដៅពីបញ្ជី"))?;
        let goal = match kind {
            GoalKind::FamilyPlacements => {
                let raw = self.percent.trim().trim_end_matches('%').trim();
                let percent = raw
                    .parse::<u8>()
                    .ok()
                    .filter(|p| (1..=100).contains(p))
                    .ok_or_else(|| {
                        refuse(
                            "percent",
                            "write a whole percent from 1 to 100",
                            "សូមសរសេរភាគរយជាលេខគត់ពី 1 ដល់ 100",
                        )
                    })?;
                Goal::FamilyPlacements { percent }
            }
            GoalKind::StageFinished => {
                let stage = Stage::ALL
                    .into_iter()
                    .find(|s| Track::Stage(*s).key() == self.stage.trim())
                    .ok_or_else(|| {
                        refuse(
                            "stage",
                            "choose the stage from the list",
                            "សូមជ្រើសរើសដំណាក់កាលពីបញ្ជី",
                        )
                    })?;
                Goal::StageFinished(stage)
            }
            GoalKind::CareClosed => Goal::CareClosed,
        };
        let due_on =
            parse_date_on("target date", &self.due_on, today).map_err(FieldError::at("due_on"))?;
        if due_on < today {
            return Err(refuse(
                "due_on",
                format!("the target date {due_on} has already passed"),
                format!("កាលបរិច្ឆេទគោលដៅ {due_on} បានកន្លងផុតហើយ"),
            ));
        }
        Ok(Target { goal, due_on })
    }
}

impl Target {
    /// The target as the history records it.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("goal", self.goal.kind().key().to_string())];
        match self.goal {
            Goal::FamilyPlacements { percent } => out.push(("percent", percent.to_string())),
            Goal::StageFinished(stage) => out.push(("track", Track::Stage(stage).key().into())),
            Goal::CareClosed => {}
        }
        out.push(("target date", self.due_on.to_string()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn facts(baseline: u32, in_families: u32, in_care: u32) -> TargetFacts {
        TargetFacts {
            transition_start: Some(day("2026-01-01")),
            baseline,
            in_care_ever: baseline,
            in_care,
            in_families,
            counted: true,
            ..TargetFacts::default()
        }
    }

    fn target(goal: Goal, due: &str) -> Target {
        Target {
            goal,
            due_on: day(due),
        }
    }

    #[test]
    fn a_target_is_judged_against_the_straight_line() {
        let sixty = target(Goal::FamilyPlacements { percent: 60 }, "2027-01-01");
        let set = day("2026-01-01");
        // Half the year gone: 30 % of the baseline should be home; 18 of 40 is 45 % (three
        // quarters of the way): on track.
        let mid = day("2026-07-02");
        assert_eq!(
            judge(&sixty, &facts(40, 18, 22), set, mid),
            TargetStatus::OnTrack
        );
        // 10 of 40 is 25 %: 417 thousandths against 500, within the margin.
        assert_eq!(
            judge(&sixty, &facts(40, 10, 30), set, mid),
            TargetStatus::AtRisk
        );
        // 4 of 40 is far behind.
        assert_eq!(
            judge(&sixty, &facts(40, 4, 36), set, mid),
            TargetStatus::OffTrack
        );
        // 24 of 40 is 60 %: met, even after the day.
        assert_eq!(
            judge(&sixty, &facts(40, 24, 16), set, day("2027-03-01")),
            TargetStatus::Met
        );
        assert_eq!(
            judge(&sixty, &facts(40, 23, 17), set, day("2027-01-02")),
            TargetStatus::Missed
        );
    }

    #[test]
    fn without_counts_no_count_goal_is_met() {
        let closed = target(Goal::CareClosed, "2027-01-01");
        let none = TargetFacts {
            transition_start: Some(day("2026-01-01")),
            ..TargetFacts::default()
        };
        assert_eq!(
            judge(&closed, &none, day("2026-01-01"), day("2026-01-01")),
            TargetStatus::OnTrack
        );
        assert_eq!(
            judge(&closed, &none, day("2026-01-01"), day("2026-12-01")),
            TargetStatus::OffTrack
        );
        assert_eq!(
            judge(
                &closed,
                &facts(10, 10, 0),
                day("2026-01-01"),
                day("2026-12-01")
            ),
            TargetStatus::Met
        );
    }

    #[test]
    fn a_stage_goal_reads_the_stage_progress() {
        let mut f = facts(10, 0, 10);
        f.stages[2] = Progress {
            done: 3,
            applicable: 4,
        };
        let prep = target(Goal::StageFinished(Stage::Preparation), "2026-05-01");
        assert_eq!(progress(prep.goal, &f), (750, false));
        assert_eq!(
            judge(&prep, &f, day("2026-01-01"), day("2026-04-01")),
            TargetStatus::OnTrack
        );
        f.stages[2].done = 4;
        assert_eq!(
            judge(&prep, &f, day("2026-01-01"), day("2026-09-01")),
            TargetStatus::Met
        );
    }

    #[test]
    fn a_province_adds_its_rcis_up() {
        let a = facts(10, 2, 8);
        let mut b = facts(30, 15, 15);
        b.transition_start = Some(day("2025-06-01"));
        let both = a.plus(&b);
        assert_eq!(
            (both.baseline, both.in_families, both.in_care),
            (40, 17, 23)
        );
        assert_eq!(both.transition_start, Some(day("2025-06-01")));
    }

    #[test]
    fn the_form_refuses_at_the_field() {
        let today = day("2026-12-01");
        let form = |goal: &str, percent: &str, stage: &str, due: &str| TargetInput {
            goal: goal.into(),
            percent: percent.into(),
            stage: stage.into(),
            due_on: due.into(),
        };
        assert_eq!(
            form("family_placements", "60 %", "", "2027-06-30")
                .parse(today)
                .unwrap(),
            target(Goal::FamilyPlacements { percent: 60 }, "2027-06-30")
        );
        assert_eq!(
            form("stage_finished", "", "preparation", "2027-03-31")
                .parse(today)
                .unwrap(),
            target(Goal::StageFinished(Stage::Preparation), "2027-03-31")
        );
        for (f, field) in [
            (form("", "", "", "2027-01-01"), "goal"),
            (form("family_placements", "0", "", "2027-01-01"), "percent"),
            (
                form("family_placements", "101", "", "2027-01-01"),
                "percent",
            ),
            (
                form("family_placements", "99999999999", "", "2027-01-01"),
                "percent",
            ),
            (
                form("stage_finished", "", "organisation", "2027-01-01"),
                "stage",
            ),
            (form("care_closed", "", "", "2026-11-30"), "due_on"),
            (form("care_closed", "", "", "someday"), "due_on"),
            (form("care_closed", "", "", "9999-01-01"), "due_on"),
        ] {
            let err = f.parse(today).unwrap_err();
            assert_eq!(err.field, field, "{f:?}");
            assert!(!err.message.km.is_empty());
        }
    }

    fn any_goal() -> impl Strategy<Value = Goal> {
        prop_oneof![
            (1u8..=100).prop_map(|percent| Goal::FamilyPlacements { percent }),
            (0usize..5).prop_map(|i| Goal::StageFinished(Stage::ALL[i])),
            Just(Goal::CareClosed),
        ]
    }

    fn any_facts() -> impl Strategy<Value = TargetFacts> {
        (
            0u32..200,
            0u32..200,
            0u32..200,
            any::<bool>(),
            0u32..20,
            0u32..20,
        )
            .prop_map(|(baseline, a, b, counted, done, applicable)| {
                let in_families = a.min(baseline);
                let in_care = b.min(baseline - in_families);
                TargetFacts {
                    transition_start: Some(day("2026-01-01")),
                    baseline,
                    in_care_ever: baseline,
                    in_care,
                    in_families,
                    counted,
                    stages: [Progress {
                        done: done.min(applicable),
                        applicable,
                    }; 5],
                }
            })
    }

    proptest! {
        /// A reached goal is met whatever the day; an unreached one is missed exactly after its day.
        #[test]
        fn met_and_missed_follow_the_records_and_the_day(
            goal in any_goal(), f in any_facts(), due in 0i64..800, today in 0i64..1200,
        ) {
            let start = day("2026-01-01");
            let t = Target { goal, due_on: start + chrono::Days::new(due as u64) };
            let on = start + chrono::Days::new(today as u64);
            let status = judge(&t, &f, start, on);
            let (_, reached) = progress(goal, &f);
            prop_assert_eq!(status == TargetStatus::Met, reached);
            prop_assert_eq!(status == TargetStatus::Missed, !reached && on > t.due_on);
        }

        /// More children home (or fewer in care) never makes a family-placement or closure
        /// target look worse, and a later day with the same records never makes it look better.
        #[test]
        fn more_progress_never_worse_and_more_time_never_better(
            percent in 1u8..=100, f in any_facts(), extra in 0u32..50, due in 1i64..800,
            today in 0i64..800, later in 0i64..400,
        ) {
            let start = day("2026-01-01");
            let on = start + chrono::Days::new(today as u64);
            for goal in [Goal::FamilyPlacements { percent }, Goal::CareClosed] {
                let t = Target { goal, due_on: start + chrono::Days::new(due as u64) };
                let mut better = f.clone();
                let moved = extra.min(better.in_care);
                better.in_care -= moved;
                better.in_families += moved;
                prop_assert!(judge(&t, &better, start, on) >= judge(&t, &f, start, on));
                let after = on + chrono::Days::new(later as u64);
                prop_assert!(judge(&t, &f, start, after) <= judge(&t, &f, start, on));
            }
        }

        /// On the transition's first day nothing is behind yet.
        #[test]
        fn nothing_is_behind_on_the_first_day(goal in any_goal(), f in any_facts(), due in 1i64..800) {
            let start = day("2026-01-01");
            let t = Target { goal, due_on: start + chrono::Days::new(due as u64) };
            prop_assert!(judge(&t, &f, start, start) >= TargetStatus::OnTrack);
        }
    }
}
