//! An adviser's day: across the RCIs they advise, what is due and overdue, most urgent first.
//! Everything here is read from each RCI's summary (and the few organisation-wide records that
//! name an RCI, such as a study tour's actions), never from every record of every RCI, so the
//! page stays fast however many partners there are.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::checklists::{due_next, ChecklistItem, Owner};
use crate::rcis::{RciProfile, RciSummary};
use crate::risks::{next_follow_up_due, RiskFlag, RiskSettings};
use crate::signoffs::StageState;
use crate::stages::{Bilingual, Stage, Track};
use crate::tours::TourAction;
use crate::values::Name;
use crate::Stored;

/// How far ahead "due" looks: a visit, inspection or assessment falling due within this many
/// days is listed before it is late.
pub const LOOK_AHEAD_DAYS: u64 = 30;

/// How many of an RCI's open steps its summary keeps for My work: enough for a day's work, few
/// enough that the summary stays small.
pub const STEPS_KEPT: usize = 5;

/// An open checklist step as an RCI's summary keeps it for My work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueStep {
    /// The item's id: the link goes straight to it.
    pub item_id: i64,
    /// What to do.
    pub title: Bilingual,
    /// Added for this RCI only (its title is what someone typed).
    pub custom: bool,
    /// The day it is due, if set.
    pub due_on: Option<NaiveDate>,
    /// Whose it is, if decided.
    pub owner: Option<Owner>,
}

/// The steps an RCI's summary keeps: those [`due_next`] puts first, at most [`STEPS_KEPT`].
pub fn due_steps(
    items: &[Stored<ChecklistItem>],
    current: Option<crate::stages::Track>,
) -> Vec<DueStep> {
    due_next(items, |i| &i.value, current, STEPS_KEPT)
        .into_iter()
        .map(|i| DueStep {
            item_id: i.id,
            title: i.value.title.clone(),
            custom: i.value.custom,
            due_on: i.value.due_on,
            owner: i.value.owner,
        })
        .collect()
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// An open checklist step of the RCI.
    Step(DueStep),
    /// The RCI's next follow-up visit, due soon.
    FollowUpDue,
    /// Its next inspection, due soon.
    InspectionDue,
    /// Its next readiness assessment, due soon.
    AssessmentDue,
    /// A risk flag: each asks for action.
    Flag(RiskFlag),
    /// A stage's sign-off to act on: ready to ask for, waiting for an admin, or returned with a
    /// note (never open or signed off).
    SignOff(Stage, StageState),
    /// A study tour's follow-up action the RCI owns, past its day.
    TourAction {
        /// The tour: the link goes there.
        tour_id: i64,
        /// The tour's title.
        tour: Name,
        /// What was agreed.
        action: Name,
    },
}

/// A task of one RCI with the day it is (or was) due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    /// The RCI it is about.
    pub rci_id: i64,
    /// What to do.
    pub task: Task,
    /// The day it is due; `None` for work with no day (a step without one, a missing plan).
    pub due_on: Option<NaiveDate>,
}

impl Work {
    /// Past its day on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due_on.is_some_and(|d| d < today)
    }
}

/// The day a flag fell due, where it has one: the days it counts are days late.
fn flag_due(flag: &RiskFlag, settings: &RiskSettings, today: NaiveDate) -> Option<NaiveDate> {
    let ago = |days: i64| today.checked_sub_days(Days::new(days.max(0).unsigned_abs()));
    match flag {
        RiskFlag::Stalled { days } => ago(days - i64::from(settings.stalled_after_days())),
        RiskFlag::FollowUpsOverdue { days }
        | RiskFlag::MouExpired { days }
        | RiskFlag::InspectionOverdue { days }
        | RiskFlag::ImprovementsOverdue { days }
        | RiskFlag::ReadinessOverdue { days } => ago(*days),
        RiskFlag::MouExpiring { days } => {
            today.checked_add_days(Days::new((*days).max(0).unsigned_abs()))
        }
        RiskFlag::NoReintegrationPlan
        | RiskFlag::NoReintegrationBudget
        | RiskFlag::PlacementVisitsOverdue { .. }
        | RiskFlag::ReentryRateHigh { .. }
        | RiskFlag::ReadinessHighRisk => None,
    }
}

/// One RCI's work on `today`: its flags, its kept steps, and visits, inspections and
/// assessments falling due within [`LOOK_AHEAD_DAYS`] (once late, they are flags).
pub fn of_rci(
    rci_id: i64,
    profile: &RciProfile,
    summary: &RciSummary,
    settings: &RiskSettings,
    today: NaiveDate,
) -> Vec<Work> {
    let overview = summary.overview(profile, settings, today);
    let soon = |due: NaiveDate| due >= today && due <= today + Days::new(LOOK_AHEAD_DAYS);
    let work = |task: Task, due_on: Option<NaiveDate>| Work {
        rci_id,
        task,
        due_on,
    };
    let mut out: Vec<Work> = overview
        .flags
        .iter()
        .map(|f| work(Task::Flag(*f), flag_due(f, settings, today)))
        .collect();
    let closed = summary.regulation.closure(today).is_some();
    let completed = overview.progress.phase == crate::progress::Phase::Completed;
    let follow_up = next_follow_up_due(
        summary.follow_ups.first_reintegration,
        summary.follow_ups.last_follow_up,
        settings.follow_up,
        today,
    );
    if let Some(due) = follow_up.filter(|d| soon(*d)) {
        out.push(work(Task::FollowUpDue, Some(due)));
    }
    if !closed {
        let due = crate::regulation::inspection_due(
            &summary.regulation,
            &settings.regulation,
            profile.transition_start,
            today,
        );
        if soon(due) {
            out.push(work(Task::InspectionDue, Some(due)));
        }
    }
    if !closed && !completed {
        let due = crate::readiness::assessment_due(
            &summary.readiness,
            &settings.readiness,
            profile.transition_start,
            today,
        );
        if soon(due) {
            out.push(work(Task::AssessmentDue, Some(due)));
        }
    }
    for stage in Stage::ALL {
        let state = crate::signoffs::state(
            overview.progress.track(Track::Stage(stage)),
            summary.sign_offs.of(stage),
        );
        // Asked for or returned since its day; ready from today.
        let due = match &state {
            StageState::Open | StageState::SignedOff(_) => continue,
            StageState::Ready => today,
            StageState::Awaiting(s) | StageState::Returned(s) => s.on,
        };
        out.push(work(Task::SignOff(stage, state), Some(due)));
    }
    out.extend(
        summary
            .due_steps
            .iter()
            .map(|s| work(Task::Step(s.clone()), s.due_on)),
    );
    out
}

/// A study tour's action, as work of the RCI that owns it once it is past its day.
pub fn tour_action(
    tour_id: i64,
    tour: &Name,
    action: &TourAction,
    today: NaiveDate,
) -> Option<Work> {
    action.is_overdue(today).then(|| Work {
        rci_id: action.owner_rci_id,
        task: Task::TourAction {
            tour_id,
            tour: tour.clone(),
            action: action.description.clone(),
        },
        due_on: Some(action.due),
    })
}

/// Everyone's work across `rcis` on `today`: each RCI's own, and the late tour actions of those
/// RCIs (actions of others are left out), in the order to do it.
pub fn across<'a>(
    rcis: impl IntoIterator<Item = (i64, &'a RciProfile, &'a RciSummary)>,
    actions: &[(i64, Name, TourAction)],
    settings: &RiskSettings,
    today: NaiveDate,
) -> Vec<Work> {
    let mut ids = std::collections::HashSet::new();
    let mut work = Vec::new();
    for (id, profile, summary) in rcis {
        ids.insert(id);
        work.extend(of_rci(id, profile, summary, settings, today));
    }
    work.extend(
        actions
            .iter()
            .filter(|(_, _, a)| ids.contains(&a.owner_rci_id))
            .filter_map(|(tour, title, a)| tour_action(*tour, title, a, today)),
    );
    in_order(work)
}

/// Puts work in the order to do it: late or due first, soonest day first (the longest late at
/// the top), then work with no day; ties by RCI, keeping each RCI's own order.
pub fn in_order(mut work: Vec<Work>) -> Vec<Work> {
    work.sort_by_key(|w| (w.due_on.is_none(), w.due_on, w.rci_id));
    work
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklists::{default_template, ItemStatus};
    use crate::regulation::{Inspection, InspectionOutcome};
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn rci(start: &str) -> (RciProfile, RciSummary, Vec<Stored<ChecklistItem>>) {
        let profile = RciProfile::parse("Hope", "", "Pursat", "", day(start)).unwrap();
        let items: Vec<Stored<ChecklistItem>> = default_template()
            .items()
            .iter()
            .enumerate()
            .map(|(n, t)| Stored {
                id: n as i64 + 1,
                version: 1,
                value: ChecklistItem::from_template(t),
            })
            .collect();
        let values: Vec<ChecklistItem> = items.iter().map(|i| i.value.clone()).collect();
        let summary = RciSummary::of(
            &profile,
            &values,
            &Default::default(),
            None,
            Default::default(),
            Some(day("2026-11-20")),
            &[] as &[crate::quarters::Reintegrations],
        );
        (profile, summary, items)
    }

    #[test]
    fn an_rcis_work_lists_flags_steps_and_what_falls_due_soon() {
        let today = day("2026-12-01");
        let (profile, mut summary, mut items) = rci("2025-12-20");
        items[0].value.due_on = Some(day("2026-11-25"));
        items[0].value.owner = Some(Owner::Director);
        summary.due_steps = due_steps(&items, summary.progress.phase.track());
        let work = in_order(of_rci(
            7,
            &profile,
            &summary,
            &RiskSettings::default(),
            today,
        ));
        // The step promised for 25 November is late and first; the inspection (a year after
        // the start) and the first assessment fall due within the month.
        assert_eq!(work[0].due_on, Some(day("2026-11-25")));
        assert!(work[0].is_overdue(today));
        assert!(
            matches!(&work[0].task, Task::Step(s) if s.owner == Some(Owner::Director) && s.item_id == 1)
        );
        let due = |task: Task| work.iter().find(|w| w.task == task).and_then(|w| w.due_on);
        assert_eq!(due(Task::InspectionDue), Some(day("2026-12-20")));
        assert_eq!(due(Task::AssessmentDue), Some(day("2026-12-20")));
        assert!(work.iter().all(|w| w.rci_id == 7));
        assert_eq!(
            work.iter()
                .filter(|w| matches!(w.task, Task::Step(_)))
                .count(),
            STEPS_KEPT
        );
    }

    #[test]
    fn a_stage_done_is_work_until_signed_off_and_a_returned_one_carries_its_note() {
        use crate::signoffs::{SignOff, SignOffKind, SignOffs};
        use crate::values::Note;
        let today = day("2026-12-01");
        let (profile, _, mut items) = rci("2026-06-01");
        for i in items.iter_mut().filter(|i| {
            matches!(
                i.value.track,
                Track::Stage(Stage::Assessment | Stage::FamilyTracing)
            )
        }) {
            i.value.status = ItemStatus::Done {
                on: day("2026-11-01"),
            };
        }
        let values: Vec<ChecklistItem> = items.iter().map(|i| i.value.clone()).collect();
        let returned = SignOff {
            stage: Stage::Assessment,
            kind: SignOffKind::Returned,
            on: day("2026-11-20"),
            by: Name::parse("Admin").unwrap(),
            note: Note::parse("Attach the feasibility report").unwrap(),
        };
        let offs = SignOffs(vec![returned.clone()]);
        let summary = RciSummary::of(
            &profile,
            &values,
            &offs,
            None,
            Default::default(),
            Some(today),
            &[] as &[crate::quarters::Reintegrations],
        );
        let work = in_order(of_rci(
            3,
            &profile,
            &summary,
            &RiskSettings::default(),
            today,
        ));
        let sign_offs: Vec<&Work> = work
            .iter()
            .filter(|w| matches!(w.task, Task::SignOff(..)))
            .collect();
        assert_eq!(sign_offs.len(), 2, "{work:#?}");
        assert_eq!(
            sign_offs[0].task,
            Task::SignOff(Stage::Assessment, StageState::Returned(returned))
        );
        assert_eq!(sign_offs[0].due_on, Some(day("2026-11-20")));
        assert_eq!(
            sign_offs[1].task,
            Task::SignOff(Stage::FamilyTracing, StageState::Ready)
        );
        assert_eq!(sign_offs[1].due_on, Some(today));
    }

    #[test]
    fn a_late_inspection_is_a_flag_not_a_due_one() {
        let today = day("2026-12-01");
        let (profile, mut summary, _) = rci("2024-01-10");
        summary.regulation.inspections.push(Inspection {
            inspected_on: day("2025-11-01"),
            by: Name::parse("DoSVY").unwrap(),
            outcome: InspectionOutcome::Satisfactory,
            follow_up_due: None,
        });
        let work = of_rci(1, &profile, &summary, &RiskSettings::default(), today);
        let late = work
            .iter()
            .find(|w| matches!(w.task, Task::Flag(RiskFlag::InspectionOverdue { .. })))
            .unwrap();
        assert_eq!(late.due_on, Some(day("2026-11-01")));
        assert!(!work.iter().any(|w| w.task == Task::InspectionDue));
        // Done steps are no work.
        let (profile, mut summary, mut items) = rci("2026-06-01");
        for i in &mut items {
            i.value.status = ItemStatus::Done {
                on: day("2026-11-01"),
            };
        }
        summary.due_steps = due_steps(&items, summary.progress.phase.track());
        assert!(summary.due_steps.is_empty());
        assert!(
            !of_rci(1, &profile, &summary, &RiskSettings::default(), today)
                .iter()
                .any(|w| matches!(w.task, Task::Step(_)))
        );
    }

    #[test]
    fn late_tour_actions_join_the_work_of_their_rci_only() {
        let today = day("2026-12-01");
        let (profile, summary, _) = rci("2026-10-01");
        let action = |owner: i64, due: &str, status| TourAction {
            description: Name::parse("Share the plan").unwrap(),
            owner_rci_id: owner,
            due: day(due),
            status,
        };
        let tour = Name::parse("Battambang tour").unwrap();
        let actions = vec![
            (
                4,
                tour.clone(),
                action(1, "2026-11-01", crate::tours::ActionStatus::Open),
            ),
            (
                4,
                tour.clone(),
                action(1, "2026-12-20", crate::tours::ActionStatus::Open),
            ),
            (
                4,
                tour.clone(),
                action(1, "2026-10-01", crate::tours::ActionStatus::Done),
            ),
            (
                5,
                tour.clone(),
                action(2, "2026-11-01", crate::tours::ActionStatus::Open),
            ),
        ];
        let work = across(
            [(1, &profile, &summary)],
            &actions,
            &RiskSettings::default(),
            today,
        );
        let tours: Vec<_> = work
            .iter()
            .filter(|w| matches!(w.task, Task::TourAction { .. }))
            .collect();
        assert_eq!(tours.len(), 1, "only RCI 1's late, open action");
        assert_eq!(tours[0].due_on, Some(day("2026-11-01")));
        assert_eq!(work[0], *tours[0], "the latest comes first");
    }

    proptest! {
        /// Work is ordered by its day, undated work last, whatever order it came in.
        #[test]
        fn the_order_is_by_day_with_undated_last(days in proptest::collection::vec(proptest::option::of(0u64..400), 0..40)) {
            let work: Vec<Work> = days.iter().enumerate().map(|(n, d)| Work {
                rci_id: n as i64,
                task: Task::FollowUpDue,
                due_on: d.map(|d| day("2026-01-01") + Days::new(d)),
            }).collect();
            let ordered = in_order(work.clone());
            prop_assert_eq!(ordered.len(), work.len());
            for pair in ordered.windows(2) {
                match (pair[0].due_on, pair[1].due_on) {
                    (None, Some(_)) => prop_assert!(false, "undated before dated"),
                    (Some(a), Some(b)) => prop_assert!(a <= b),
                    _ => {}
                }
            }
        }
    }
}
