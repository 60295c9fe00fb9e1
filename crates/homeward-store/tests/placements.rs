//! Reintegrations followed one by one, stored: a placement by case code, visits to it, the
//! figures the core computes from them, and every refusal changing nothing.

use chrono::Days;
use homeward_core::comparison::ComparisonRow;
use homeward_core::history::{Editor, Entity};
use homeward_core::placements::{figures, Outcome, PlacementInput, PlacementVisitInput, Rate};
use homeward_core::{FollowUpCadence, Name, RciProfile, RiskFlag, RiskSettings};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

fn adviser() -> Editor {
    Editor {
        user_id: None,
        name: Name::parse("Adviser Sokha").unwrap(),
        source: None,
    }
}

#[tokio::test]
async fn placements_and_their_visits_are_stored_followed_and_refused_at_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "placements", None).await.unwrap())
        .await
        .unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let start = today - Days::new(800);
    let profile = |name: &str| RciProfile::parse(name, "", "Kampot", "", start).unwrap();
    let rci = store
        .create_rci(&profile("Hope House"), &template)
        .await
        .unwrap();
    let other = store
        .create_rci(&profile("Other House"), &template)
        .await
        .unwrap();
    let by = adviser();
    let form = |code: &str, days_ago: u64| PlacementInput {
        code: code.into(),
        placed_on: (today - Days::new(days_ago)).to_string(),
        kind: "birth_family".into(),
        children_total: "2".into(),
        children_female: "1".into(),
        age_band: "5_11".into(),
    };
    let old = store
        .record_placement(rci, &form("hh-2024-01", 500).parse(today).unwrap(), &by)
        .await
        .unwrap();
    let recent = store
        .record_placement(rci, &form("HH-2026-02", 40).parse(today).unwrap(), &by)
        .await
        .unwrap();

    // The same code again in this RCI is refused at the code field; another RCI may use it.
    let before = store.revision().await.unwrap();
    let again = store
        .record_placement(rci, &form("HH-2024-01", 10).parse(today).unwrap(), &by)
        .await;
    assert!(
        matches!(again, Err(StoreError::Field(ref f)) if f.field == "code"),
        "{again:?}"
    );
    assert_eq!(store.revision().await.unwrap(), before, "nothing written");
    store
        .record_placement(other, &form("HH-2024-01", 10).parse(today).unwrap(), &by)
        .await
        .unwrap();

    let visit = |days_ago: u64, outcome: &str| {
        let input = PlacementVisitInput {
            visited_on: (today - Days::new(days_ago)).to_string(),
            outcome: outcome.into(),
        };
        move |p: &homeward_core::placements::PlacementRecord| input.parse(p, today)
    };
    store
        .record_placement_visit(rci, old, visit(450, "stable"), &by)
        .await
        .unwrap();
    store
        .record_placement_visit(rci, old, visit(300, "re_entered"), &by)
        .await
        .unwrap();
    store
        .record_placement_visit(rci, recent, visit(5, "at_risk"), &by)
        .await
        .unwrap();
    // A visit before the placement was made, and a placement of another RCI, change nothing.
    let before = store.revision().await.unwrap();
    let early = store
        .record_placement_visit(rci, recent, visit(60, "stable"), &by)
        .await;
    assert!(matches!(early, Err(StoreError::Field(ref f)) if f.field == "visited_on"));
    let elsewhere = store
        .record_placement_visit(other, recent, visit(5, "stable"), &by)
        .await;
    assert!(matches!(elsewhere, Err(StoreError::NotFound)));
    assert_eq!(store.revision().await.unwrap(), before);

    let placements = store.placements(rci).await.unwrap();
    assert_eq!(placements.len(), 2);
    assert_eq!(
        placements[0].value.placement.code.as_str(),
        "HH-2026-02",
        "newest first"
    );
    assert_eq!(placements[1].value.visits.len(), 2);
    assert_eq!(placements[1].value.visits[1].outcome, Outcome::ReEntered);
    let followed: Vec<_> = placements.into_iter().map(|p| p.value).collect();
    let seen = figures(&followed, &FollowUpCadence::default(), today);
    assert_eq!((seen.followed, seen.at_risk, seen.reentries), (1, 1, 1));
    assert_eq!(seen.reentry_rate_12m, Some(Rate { count: 1, of: 1 }));

    // The stored summary was rewritten by each save: the organisation's pages judge the
    // placements from it, flag the re-entry rate and count the children at risk.
    let summary = store.summary(rci).await.unwrap();
    assert_eq!(summary, store.computed_summary(rci).await.unwrap());
    let rci_profile = store.rci(rci).await.unwrap().value;
    let overview = summary.overview(&rci_profile, &RiskSettings::default(), today);
    assert_eq!(overview.placements, seen);
    assert!(overview.flags.contains(&RiskFlag::ReentryRateHigh {
        rate: Rate { count: 1, of: 1 }
    }));
    let row = ComparisonRow::new(rci, &rci_profile, None, &overview, today);
    assert_eq!((row.children_at_risk, row.placements_at_risk), (2, 1));
    let others = store.summary(other).await.unwrap();
    assert_eq!(others.placements.len(), 1, "each RCI's own placements only");

    let history = store.history(rci, 100).await.unwrap();
    let placement_changes = history
        .iter()
        .filter(|h| h.entity == Entity::Placement)
        .count();
    assert_eq!(placement_changes, 5, "two placements and three visits");
    assert!(history
        .iter()
        .all(|h| h.entity != Entity::Placement || h.label.starts_with("HH-")));
}
