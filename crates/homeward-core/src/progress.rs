//! Progress per track and overall, the stage an RCI is in, and how long it has been there.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checklists::ChecklistItem;
use crate::signoffs::SignOffs;
use crate::stages::{Stage, Track};

/// Items done out of items that count (hidden and not-applicable items left out).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Items done.
    pub done: u32,
    /// Items that count: neither hidden nor not applicable.
    pub applicable: u32,
}

impl Progress {
    /// Measures a set of items.
    pub fn of<'a>(items: impl IntoIterator<Item = &'a ChecklistItem>) -> Progress {
        items
            .into_iter()
            .filter(|i| i.counts_towards_progress())
            .fold(Progress::default(), |p, i| Progress {
                done: p.done + u32::from(i.status.is_done()),
                applicable: p.applicable + 1,
            })
    }

    /// Whole percent, rounded down so that 100 means truly finished. A track with nothing left to
    /// do (every item not applicable) is complete.
    pub fn percent(&self) -> u8 {
        if self.applicable == 0 {
            return 100;
        }
        (u64::from(self.done) * 100 / u64::from(self.applicable)) as u8
    }

    /// Whether every item that counts is done (so also when none counts).
    pub fn is_complete(&self) -> bool {
        self.done >= self.applicable
    }
}

/// Where an RCI stands in the five stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    /// Working on this stage: the first one, in order, that is not finished (done and signed off).
    In(Stage),
    /// Every stage finished.
    Completed,
}

impl Phase {
    /// The track being worked on; none once every stage is complete.
    pub fn track(self) -> Option<Track> {
        match self {
            Phase::In(stage) => Some(Track::Stage(stage)),
            Phase::Completed => None,
        }
    }
}

/// Progress of one RCI, per track and overall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionProgress {
    /// Each track's progress, in [`Track::ALL`] order.
    pub tracks: Vec<(Track, Progress)>,
    /// Every track together, the organisation track included.
    pub overall: Progress,
    /// The stage being worked on, or completed.
    pub phase: Phase,
}

impl TransitionProgress {
    /// Measures one RCI's checklist; its sign-offs decide which stages are finished.
    pub fn of(items: &[ChecklistItem], sign_offs: &SignOffs) -> Self {
        let tracks = Track::ALL
            .into_iter()
            .map(|t| (t, Progress::of(items.iter().filter(|i| i.track == t))))
            .collect();
        Self {
            tracks,
            overall: Progress::of(items),
            phase: phase(items, sign_offs),
        }
    }

    /// One track's progress.
    pub fn track(&self, track: Track) -> Progress {
        self.tracks
            .iter()
            .find(|(t, _)| *t == track)
            .map(|(_, p)| *p)
            .unwrap_or_default()
    }
}

/// Whether a stage is finished: every item that counts done, and signed off
/// ([`crate::signoffs`]).
pub fn is_finished(items: &[ChecklistItem], sign_offs: &SignOffs, stage: Stage) -> bool {
    sign_offs.approved_on(stage).is_some()
        && Progress::of(items.iter().filter(|i| i.track == Track::Stage(stage))).is_complete()
}

/// The first stage, in order, that is not finished. The organisation track runs alongside the
/// stages and does not hold an RCI back.
pub fn phase(items: &[ChecklistItem], sign_offs: &SignOffs) -> Phase {
    Stage::ALL
        .into_iter()
        .find(|s| !is_finished(items, sign_offs, *s))
        .map(Phase::In)
        .unwrap_or(Phase::Completed)
}

/// The day the RCI entered its current phase: the last sign-off among the stages before it, or
/// the transition's start for the first stage.
pub fn phase_entered_on(
    items: &[ChecklistItem],
    sign_offs: &SignOffs,
    transition_start: NaiveDate,
) -> NaiveDate {
    let current = phase(items, sign_offs);
    Stage::ALL
        .into_iter()
        .filter(|s| current == Phase::Completed || Phase::In(*s) < current)
        .filter_map(|s| sign_offs.approved_on(s))
        .max()
        .map_or(transition_start, |d| d.max(transition_start))
}

/// Days spent in the current phase as of `today` (never negative).
pub fn days_in_phase(
    items: &[ChecklistItem],
    sign_offs: &SignOffs,
    transition_start: NaiveDate,
    today: NaiveDate,
) -> i64 {
    (today - phase_entered_on(items, sign_offs, transition_start))
        .num_days()
        .max(0)
}

/// Overall progress at the end of each month from the transition's start to `today`, read from
/// the dates items were done. Items count as they apply today (an item later found not
/// applicable is left out of every month), so the line shows when the work was done, on today's
/// measure, and ends at today's overall progress.
pub fn progress_over_time(
    items: &[ChecklistItem],
    transition_start: NaiveDate,
    today: NaiveDate,
) -> Vec<(NaiveDate, u8)> {
    use chrono::{Datelike, Months};
    let counted: Vec<&ChecklistItem> = items
        .iter()
        .filter(|i| i.counts_towards_progress())
        .collect();
    let at = |day: NaiveDate| Progress {
        done: counted
            .iter()
            .filter(|i| i.status.done_on().is_some_and(|d| d <= day))
            .count() as u32,
        applicable: counted.len() as u32,
    };
    let mut points = Vec::new();
    let mut month = transition_start.with_day(1).unwrap_or(transition_start);
    while month <= today {
        let end = (month + Months::new(1))
            .pred_opt()
            .unwrap_or(month)
            .min(today);
        points.push((end, at(end).percent()));
        month = month + Months::new(1);
    }
    points
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::checklists::{default_template, ItemStatus};
    use crate::signoffs::{SignOff, SignOffKind};
    use crate::values::{Name, Note};
    use proptest::prelude::*;

    pub(crate) fn fresh() -> Vec<ChecklistItem> {
        default_template()
            .items()
            .iter()
            .map(ChecklistItem::from_template)
            .collect()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn finish_stage(items: &mut [ChecklistItem], stage: Stage, on: &str) {
        for i in items.iter_mut().filter(|i| i.track == Track::Stage(stage)) {
            i.status = ItemStatus::Done { on: day(on) };
        }
    }

    /// Sign-offs approving each stage on the given day.
    fn approved(stages: &[(Stage, &str)]) -> SignOffs {
        SignOffs(
            stages
                .iter()
                .map(|(stage, on)| SignOff {
                    stage: *stage,
                    kind: SignOffKind::Approved,
                    on: day(on),
                    by: Name::parse("Admin").unwrap(),
                    note: Note::default(),
                })
                .collect(),
        )
    }

    /// Every stage whose items are all done, approved: what the checklist alone would say.
    fn all_done_approved(items: &[ChecklistItem]) -> SignOffs {
        let done: Vec<(Stage, &str)> = Stage::ALL
            .into_iter()
            .filter(|s| {
                Progress::of(items.iter().filter(|i| i.track == Track::Stage(*s))).is_complete()
            })
            .map(|s| (s, "2026-01-01"))
            .collect();
        approved(&done)
    }

    #[test]
    fn a_fresh_rci_is_in_assessment_with_no_progress() {
        let items = fresh();
        let p = TransitionProgress::of(&items, &SignOffs::default());
        assert_eq!(p.phase, Phase::In(Stage::Assessment));
        assert_eq!(p.overall.done, 0);
        assert_eq!(p.overall.percent(), 0);
        assert_eq!(p.tracks.len(), 6);
    }

    #[test]
    fn percent_excludes_not_applicable_and_hidden_items() {
        let mut items: Vec<_> = fresh()
            .into_iter()
            .filter(|i| i.track == Track::Stage(Stage::Assessment))
            .collect();
        assert_eq!(items.len(), 5);
        items[0].status = ItemStatus::Done {
            on: day("2025-01-01"),
        };
        items[1].status = ItemStatus::NotApplicable {
            reason: Note::parse("n/a").unwrap(),
        };
        items[2].hidden = true;
        let p = Progress::of(&items);
        assert_eq!(
            p,
            Progress {
                done: 1,
                applicable: 3
            }
        );
        assert_eq!(p.percent(), 33);
    }

    #[test]
    fn a_track_with_nothing_to_do_is_complete() {
        assert_eq!(Progress::default().percent(), 100);
        assert!(Progress::default().is_complete());
    }

    #[test]
    fn phase_moves_on_when_a_stage_is_done_and_signed_off_and_records_when() {
        let mut items = fresh();
        let start = day("2024-01-15");
        finish_stage(&mut items, Stage::Assessment, "2024-06-20");
        assert_eq!(
            phase(&items, &SignOffs::default()),
            Phase::In(Stage::Assessment)
        );
        let offs = approved(&[(Stage::Assessment, "2024-06-30")]);
        assert_eq!(phase(&items, &offs), Phase::In(Stage::FamilyTracing));
        assert_eq!(phase_entered_on(&items, &offs, start), day("2024-06-30"));
        assert_eq!(days_in_phase(&items, &offs, start, day("2024-07-10")), 10);
    }

    #[test]
    fn the_organisation_track_does_not_hold_the_phase_back() {
        let mut items = fresh();
        for s in Stage::ALL {
            finish_stage(&mut items, s, "2025-03-01");
        }
        let offs = all_done_approved(&items);
        assert_eq!(phase(&items, &offs), Phase::Completed);
        assert!(!TransitionProgress::of(&items, &offs)
            .track(Track::Organisation)
            .is_complete());
    }

    #[test]
    fn later_work_does_not_skip_an_unfinished_stage() {
        let mut items = fresh();
        finish_stage(&mut items, Stage::FamilyTracing, "2024-03-01");
        let offs = approved(&[(Stage::FamilyTracing, "2024-03-02")]);
        assert_eq!(phase(&items, &offs), Phase::In(Stage::Assessment));
        assert_eq!(
            phase_entered_on(&items, &offs, day("2024-01-01")),
            day("2024-01-01")
        );
    }

    #[test]
    fn days_in_phase_is_never_negative() {
        let items = fresh();
        assert_eq!(
            days_in_phase(
                &items,
                &SignOffs::default(),
                day("2027-01-01"),
                day("2026-01-01")
            ),
            0
        );
    }

    fn arb_status() -> impl Strategy<Value = ItemStatus> {
        prop_oneof![
            Just(ItemStatus::NotStarted),
            Just(ItemStatus::InProgress),
            (0u64..2000).prop_map(|d| ItemStatus::Done {
                on: day("2020-01-01") + chrono::Days::new(d)
            }),
            Just(ItemStatus::NotApplicable {
                reason: Note::parse("n/a").unwrap()
            }),
            Just(ItemStatus::Blocked {
                reason: Note::parse("waiting").unwrap()
            }),
        ]
    }

    fn arb_items() -> impl Strategy<Value = Vec<ChecklistItem>> {
        let n = fresh().len();
        (
            proptest::collection::vec(arb_status(), n),
            proptest::collection::vec(any::<bool>(), n),
        )
            .prop_map(|(statuses, hidden)| {
                let mut items = fresh();
                for ((item, status), h) in items.iter_mut().zip(statuses).zip(hidden) {
                    item.status = status;
                    item.hidden = h && !item.custom;
                }
                items
            })
    }

    proptest! {
        #[test]
        fn progress_stays_within_bounds(items in arb_items()) {
            let p = TransitionProgress::of(&items, &all_done_approved(&items));
            prop_assert!(p.overall.percent() <= 100);
            prop_assert!(p.overall.done <= p.overall.applicable);
            for (_, t) in &p.tracks {
                prop_assert!(t.percent() <= 100);
            }
            let sum: u32 = p.tracks.iter().map(|(_, t)| t.applicable).sum();
            prop_assert_eq!(sum, p.overall.applicable);
        }

        #[test]
        fn progress_never_falls_when_an_item_is_done(items in arb_items(), pick in any::<proptest::sample::Index>()) {
            let offs = all_done_approved(&items);
            let before = TransitionProgress::of(&items, &offs);
            let mut after_items = items.clone();
            let i = pick.index(after_items.len());
            after_items[i].status = ItemStatus::Done { on: day("2026-01-01") };
            let after = TransitionProgress::of(&after_items, &offs);
            prop_assert!(after.overall.percent() >= before.overall.percent());
            for ((t, a), (_, b)) in after.tracks.iter().zip(&before.tracks) {
                prop_assert!(a.percent() >= b.percent(), "{:?} fell", t);
            }
            prop_assert!(after.phase >= before.phase, "phase went back");
        }

        #[test]
        fn the_phase_is_the_first_stage_not_done_and_signed_off(items in arb_items(), signed in proptest::collection::vec(any::<bool>(), 5)) {
            let every = all_done_approved(&items);
            let offs = SignOffs(every.0.into_iter().filter(|s| signed[s.stage as usize]).collect());
            let p = TransitionProgress::of(&items, &offs);
            let finished = |s: Stage| p.track(s.into()).is_complete() && offs.approved_on(s).is_some();
            match p.phase {
                Phase::Completed => {
                    for s in Stage::ALL { prop_assert!(finished(s)); }
                }
                Phase::In(current) => {
                    prop_assert!(!finished(current));
                    for s in Stage::ALL.into_iter().filter(|s| *s < current) {
                        prop_assert!(finished(s));
                    }
                }
            }
        }

        #[test]
        fn phase_entered_is_never_before_the_start(items in arb_items(), offset in 0u64..3000) {
            let start = day("2019-01-01") + chrono::Days::new(offset);
            prop_assert!(phase_entered_on(&items, &all_done_approved(&items), start) >= start);
        }
    }

    #[test]
    fn progress_over_time_rises_with_done_dates_and_ends_at_today() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut items = fresh();
        let n = items.len();
        for (k, item) in items.iter_mut().enumerate().take(n / 2) {
            item.status = ItemStatus::Done {
                on: day("2026-01-10") + chrono::Days::new(30 * (k as u64 % 3)),
            };
        }
        let points = progress_over_time(&items, day("2025-12-15"), day("2026-04-20"));
        let dates: Vec<String> = points.iter().map(|(d, _)| d.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2025-12-31",
                "2026-01-31",
                "2026-02-28",
                "2026-03-31",
                "2026-04-20"
            ]
        );
        assert_eq!(points[0].1, 0);
        assert!(points.windows(2).all(|w| w[0].1 <= w[1].1), "{points:?}");
        assert_eq!(points.last().unwrap().1, Progress::of(&items).percent());
    }
}
