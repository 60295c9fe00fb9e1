//! Targets, stored: an RCI's judged from its summary, a province's kept apart, both in the
//! history, removed with a trace, and a target for an RCI that does not exist refused with
//! nothing stored.

use chrono::Days;
use homeward_core::history::{Editor, Entity};
use homeward_core::targets::{Goal, Scope, TargetInput, TargetStatus};
use homeward_core::{Name, Province, RciProfile, RiskSettings};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

#[tokio::test]
async fn targets_are_stored_judged_and_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "targets", None).await.unwrap())
        .await
        .unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let profile =
        RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(400)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let by = Editor {
        user_id: None,
        name: Name::parse("Admin Dara").unwrap(),
        source: None,
    };
    let form = |goal: &str, percent: &str, stage: &str, days: u64| TargetInput {
        goal: goal.into(),
        percent: percent.into(),
        stage: stage.into(),
        due_on: (today + Days::new(days)).to_string(),
    };
    let closed = form("care_closed", "", "", 30).parse(today).unwrap();
    let prep = form("stage_finished", "", "preparation", 300)
        .parse(today)
        .unwrap();
    let first = store
        .set_target(Scope::Rci(rci), &closed, &by)
        .await
        .unwrap();
    store.set_target(Scope::Rci(rci), &prep, &by).await.unwrap();
    let kampot = Province::parse("Kampot").unwrap();
    let share = form("family_placements", "50", "", 365)
        .parse(today)
        .unwrap();
    store
        .set_target(Scope::Province(kampot), &share, &by)
        .await
        .unwrap();

    // The RCI's summary carries its own targets, judged on the day: 400 days into a 430-day
    // line with no counts, closing care is off track.
    let seen = store
        .summary(rci)
        .await
        .unwrap()
        .overview(&profile, &RiskSettings::default(), today)
        .targets;
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].target, closed);
    assert_eq!(seen[0].status, TargetStatus::OffTrack);
    assert_eq!(
        seen[1].target.goal,
        Goal::StageFinished(homeward_core::Stage::Preparation)
    );
    assert_eq!(
        store.summary(rci).await.unwrap(),
        store.computed_summary(rci).await.unwrap()
    );
    let provinces = store.province_targets().await.unwrap();
    assert_eq!(provinces.len(), 1);
    assert_eq!(provinces[0].scope, Scope::Province(kampot));
    assert_eq!(provinces[0].target, share);

    // Removed: gone from the summary, both steps in the history.
    let removed = store.remove_target(first, &by).await.unwrap();
    assert_eq!(removed.scope, Scope::Rci(rci));
    assert_eq!(store.summary(rci).await.unwrap().targets.len(), 1);
    let history = store.history_page(rci, 50, 0).await.unwrap();
    let target_changes = history
        .iter()
        .filter(|e| e.entity == Entity::Target && e.entity_id == first)
        .count();
    assert!(target_changes >= 2, "set and removed: {history:?}");

    // Refused, nothing stored: an RCI that does not exist, a target that does not exist.
    let refused = store.set_target(Scope::Rci(99_999), &closed, &by).await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let refused = store.remove_target(first, &by).await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert_eq!(store.summary(rci).await.unwrap().targets.len(), 1);
    assert_eq!(store.province_targets().await.unwrap().len(), 1);
}
