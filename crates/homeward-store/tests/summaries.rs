//! Each RCI's stored summary (what the organisation's pages read) equals a fresh computation by
//! the core from its records, whatever sequence of edits came before.

use chrono::{Days, NaiveDate};
use homeward_core::follow_ups::{FollowUpVisit, VisitMode, VisitedBy};
use homeward_core::history::Editor;
use homeward_core::quarters::last_of_each_quarter;
use homeward_core::{
    ChildrenCounts, CountField, CustomStepInput, ItemChange, ItemStatus, Name, Note, Placement,
    RciProfile, RiskSettings, SexCount, Track,
};
use homeward_store::db::scratch;
use homeward_store::Store;
use proptest::prelude::*;

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn adviser() -> Editor {
    Editor {
        user_id: None,
        name: Name::parse("Chan Sokha").unwrap(),
        source: None,
    }
}

/// One edit an adviser might make to one of three RCIs (`rci` and `item` pick among them).
#[derive(Debug, Clone)]
enum Edit {
    Item {
        rci: usize,
        item: usize,
        status: u8,
        days_ago: u64,
    },
    Hide {
        rci: usize,
        item: usize,
        hidden: bool,
    },
    AddStep {
        rci: usize,
        track: usize,
    },
    Counts {
        rci: usize,
        baseline: u32,
        reintegrated: u32,
        days_ago: u64,
    },
    FollowUp {
        rci: usize,
        days_ago: u64,
    },
    Profile {
        rci: usize,
        plan: bool,
        start_days_ago: u64,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..3usize, 0..60usize, 0..5u8, 0..400u64)
            .prop_map(|(rci, item, status, days_ago)| Edit::Item { rci, item, status, days_ago }),
        1 => (0..3usize, 0..60usize, any::<bool>())
            .prop_map(|(rci, item, hidden)| Edit::Hide { rci, item, hidden }),
        1 => (0..3usize, 0..6usize).prop_map(|(rci, track)| Edit::AddStep { rci, track }),
        2 => (0..3usize, 0..40u32, 0..40u32, 0..400u64).prop_map(
            |(rci, baseline, reintegrated, days_ago)| Edit::Counts { rci, baseline, reintegrated, days_ago }
        ),
        1 => (0..3usize, 0..400u64).prop_map(|(rci, days_ago)| Edit::FollowUp { rci, days_ago }),
        1 => (0..3usize, any::<bool>(), 0..900u64)
            .prop_map(|(rci, plan, start_days_ago)| Edit::Profile { rci, plan, start_days_ago }),
    ]
}

/// Applies one edit through the store's own write paths. Edits the core refuses (a reintegration
/// larger than the baseline, say) are skipped: they change nothing.
async fn apply(store: &Store, ids: &[i64], edit: Edit) {
    let by = adviser();
    let day = |ago: u64| today() - Days::new(ago);
    match edit {
        Edit::Item {
            rci,
            item,
            status,
            days_ago,
        } => {
            let items = store.checklist(ids[rci]).await.unwrap();
            let it = &items[item % items.len()];
            let status = match status {
                0 => ItemStatus::NotStarted,
                1 => ItemStatus::InProgress,
                2 => ItemStatus::Done { on: day(days_ago) },
                3 => ItemStatus::NotApplicable {
                    reason: Note::parse("Closed before").unwrap(),
                },
                _ => ItemStatus::Blocked {
                    reason: Note::parse("No budget").unwrap(),
                },
            };
            let change = ItemChange {
                status,
                evidence: Note::parse("").unwrap(),
                responsible: None,
                owner: None,
                due_on: None,
            };
            store
                .update_item(ids[rci], it.id, it.version, &change, &by)
                .await
                .unwrap();
        }
        Edit::Hide { rci, item, hidden } => {
            let items = store.checklist(ids[rci]).await.unwrap();
            let it = &items[item % items.len()];
            store
                .set_item_hidden(ids[rci], it.id, it.version, hidden, &by)
                .await
                .unwrap();
        }
        Edit::AddStep { rci, track } => {
            let step = CustomStepInput {
                title_en: "Visit the commune".into(),
                title_km: String::new(),
            }
            .parse(Track::ALL[track])
            .unwrap();
            store.add_custom_item(ids[rci], &step, &by).await.unwrap();
        }
        Edit::Counts {
            rci,
            baseline,
            reintegrated,
            days_ago,
        } => {
            let mut counts = ChildrenCounts::empty(day(days_ago));
            counts.baseline = SexCount::new(baseline, baseline / 2).unwrap();
            counts.set(
                CountField::Reintegrated(Placement::BirthFamily),
                SexCount::new(reintegrated, 0).unwrap(),
            );
            if ChildrenCounts::new(counts, today()).is_ok() {
                store
                    .record_counts(ids[rci], counts, &by, today())
                    .await
                    .unwrap();
            }
        }
        Edit::FollowUp { rci, days_ago } => {
            let visit = FollowUpVisit {
                visited_on: day(days_ago),
                children: SexCount::new(2, 1).unwrap(),
                visited_by: VisitedBy::NgoStaff,
                mode: VisitMode::Visit,
                notes: Note::parse("").unwrap(),
            };
            store.record_follow_up(ids[rci], &visit, &by).await.unwrap();
        }
        Edit::Profile {
            rci,
            plan,
            start_days_ago,
        } => {
            let current = store.rci(ids[rci]).await.unwrap();
            let mut profile = current.value;
            profile.has_reintegration_plan = plan;
            profile.transition_start = day(start_days_ago);
            store
                .update_profile(ids[rci], current.version, &profile, &by)
                .await
                .unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn stored_summaries_equal_fresh_ones_after_any_edits(edits in prop::collection::vec(edit(), 1..30)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(scratch(dir.path(), "homeward", None).await.unwrap()).await.unwrap();
            let template = store.template().await.unwrap();
            let mut ids = Vec::new();
            for name in ["Hope House", "Lotus Home", "Sunrise Shelter"] {
                let profile = RciProfile::parse(name, "", "Pursat", "", today() - Days::new(500)).unwrap();
                ids.push(store.create_rci(&profile, &template).await.unwrap());
            }
            for edit in edits {
                apply(&store, &ids, edit).await;
            }
            let stored = store.summaries().await.unwrap();
            assert_eq!(stored.len(), ids.len());
            for id in &ids {
                assert_eq!(&stored[id], &store.computed_summary(*id).await.unwrap(), "RCI {id}");
                // The quarters the database picked are the ones the core picks from every snapshot.
                let history: Vec<_> = store.counts_history(*id).await.unwrap().into_iter().map(|c| c.value).collect();
                assert_eq!(stored[id].reintegrations, last_of_each_quarter(&history), "RCI {id}");
            }
            // The partners list reads the summaries; one RCI's page reads its own: the same.
            for (rci, overview) in store.rci_overviews(&RiskSettings::default(), today()).await.unwrap() {
                assert_eq!(overview, store.rci_overview(&rci, &RiskSettings::default(), today()).await.unwrap());
            }
            // Rebuilding changes nothing.
            assert_eq!(store.reindex().await.unwrap(), ids.len());
            assert_eq!(store.summaries().await.unwrap(), stored);
        });
    }
}

/// A view derived from every partner is derived once while nothing is written, again after a
/// write (here or through another handle on the same database), and again when the reader says
/// it no longer fits (another day).
#[tokio::test]
async fn a_derived_view_is_kept_until_a_write_or_another_day() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let location = scratch(dir.path(), "derived", None).await.unwrap();
    let store = Store::open(location.clone()).await.unwrap();
    let other = Store::open(location).await.unwrap();
    let template = store.template().await.unwrap();
    let profile = RciProfile::parse("Hope House", "", "Pursat", "", today()).unwrap();
    let id = store.create_rci(&profile, &template).await.unwrap();
    let derivations = AtomicUsize::new(0);
    // The view: the partners' names on a day.
    let names = |day: NaiveDate| {
        let derivations = &derivations;
        let store = &store;
        async move {
            store
                .derived(
                    |v: &(NaiveDate, Vec<String>)| v.0 == day,
                    |partners| async move {
                        derivations.fetch_add(1, Ordering::SeqCst);
                        Ok((
                            day,
                            partners
                                .iter()
                                .map(|(r, _)| r.value.name_en.to_string())
                                .collect(),
                        ))
                    },
                )
                .await
                .unwrap()
        }
    };
    assert_eq!(names(today()).await.1, ["Hope House"]);
    assert_eq!(names(today()).await.1, ["Hope House"]);
    assert_eq!(
        derivations.load(Ordering::SeqCst),
        1,
        "kept while nothing changed"
    );
    let renamed = RciProfile::parse("Lotus Home", "", "Pursat", "", today()).unwrap();
    other
        .update_profile(id, 1, &renamed, &adviser())
        .await
        .unwrap();
    assert_eq!(
        names(today()).await.1,
        ["Lotus Home"],
        "a write elsewhere is seen"
    );
    assert_eq!(derivations.load(Ordering::SeqCst), 2);
    let tomorrow = today() + Days::new(1);
    assert_eq!(names(tomorrow).await.0, tomorrow);
    assert_eq!(
        derivations.load(Ordering::SeqCst),
        3,
        "derived again for another day"
    );
}
