//! Readiness, stored: the first list of indicators on first use, an admin's edits versioned and
//! in the history, assessments with the level they gave in the summary (whose flags follow them),
//! the level kept when the list changes later.

use std::collections::HashMap;

use chrono::Days;
use homeward_core::history::{Editor, Entity, HistoryFilter};
use homeward_core::readiness::{
    answer_field, parse_assessment, Indicator, IndicatorInput, Level, Polarity,
};
use homeward_core::templates::Move;
use homeward_core::{Name, RciProfile, RiskFlag, RiskSettings};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

fn by() -> Editor {
    Editor {
        user_id: None,
        name: Name::parse("Adviser Sokha").unwrap(),
        source: None,
    }
}

/// A form answering the first `positives` positive signs and `risks` risks present, every other
/// indicator absent.
fn form(
    list: &[Indicator],
    on: chrono::NaiveDate,
    positives: usize,
    risks: usize,
) -> HashMap<String, String> {
    let mut seen = (0, 0);
    let mut form = HashMap::from([("assessed_on".to_string(), on.to_string())]);
    for i in list {
        let (n, of) = match i.polarity {
            Polarity::Positive => (&mut seen.0, positives),
            Polarity::Risk => (&mut seen.1, risks),
        };
        *n += 1;
        let answer = if *n <= of { "present" } else { "absent" };
        form.insert(answer_field(&i.key), answer.to_string());
    }
    form
}

#[tokio::test]
async fn assessments_are_stored_levelled_flagged_and_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "readiness", None).await.unwrap())
        .await
        .unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let profile =
        RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(400)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let overview = |store: &Store| {
        let (store, profile) = (store.clone(), profile.clone());
        async move {
            store
                .summary(rci)
                .await
                .unwrap()
                .overview(&profile, &RiskSettings::default(), today)
        }
    };
    // Never assessed in 400 days: overdue by 35.
    assert!(overview(&store)
        .await
        .flags
        .contains(&RiskFlag::ReadinessOverdue { days: 35 }));

    let list: Vec<Indicator> = store
        .indicators()
        .await
        .unwrap()
        .into_iter()
        .map(|(_, i)| i)
        .collect();
    assert_eq!(list.len(), 20);

    let first = parse_assessment(&form(&list, today - Days::new(100), 3, 4), &list, today).unwrap();
    let (_, level) = store.record_assessment(rci, &first, &by()).await.unwrap();
    assert_eq!(level, Level::HighRisk);
    let second = parse_assessment(&form(&list, today - Days::new(5), 9, 1), &list, today).unwrap();
    store.record_assessment(rci, &second, &by()).await.unwrap();

    let now = overview(&store).await;
    let (latest, before) = now.readiness.unwrap();
    assert_eq!(
        (latest.level, before),
        (Level::Favourable, Some(Level::HighRisk))
    );
    // Six more positive signs present, three fewer risks.
    assert_eq!(latest.changed, Some(9));
    assert!(!now.flags.iter().any(|f| matches!(
        f,
        RiskFlag::ReadinessOverdue { .. } | RiskFlag::ReadinessHighRisk
    )));
    let recorded = store.assessments(rci).await.unwrap();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].assessment.assessed_on, today - Days::new(5));
    assert_eq!(recorded[0].assessment.answers.len(), 20);

    let history = store.history(rci, 50).await.unwrap();
    assert_eq!(
        history
            .iter()
            .filter(|e| e.entity == Entity::Readiness)
            .count(),
        2,
        "{history:#?}"
    );

    // An RCI that does not exist: refused, nothing stored.
    assert!(matches!(
        store.record_assessment(rci + 99, &first, &by()).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.assessments(rci + 99).await.unwrap().len(), 0);
}

#[tokio::test]
async fn the_list_is_edited_with_versions_and_past_levels_stay() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "indicators", None).await.unwrap())
        .await
        .unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let profile = RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(30)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let list = store.indicators().await.unwrap();
    let (version, first) = list[0].clone();

    let input = IndicatorInput {
        about: "donor".into(),
        polarity: "risk".into(),
        title_en: "The donor visits with tourists".into(),
        ..IndicatorInput::default()
    };
    let key = store
        .add_indicator(&input.parse().unwrap(), &by())
        .await
        .unwrap();
    assert_eq!(key.as_str(), "the_donor_visits_with_tourists");

    let mut reworded = IndicatorInput::from_indicator(&first);
    reworded.title_en = "The director wants every child in a family".into();
    store
        .edit_indicator(&first.key, version, &reworded.parse().unwrap(), &by())
        .await
        .unwrap();
    // A second admin still holding the old version is refused, nothing changed.
    let stale = store
        .set_indicator_retired(&first.key, version, true, &by())
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict { .. })));
    let now = store.indicators().await.unwrap();
    assert!(!now[0].1.retired);
    assert_eq!(
        now[0].1.text.en,
        "The director wants every child in a family"
    );

    // Moved down within the director's indicators: swaps with the second.
    store
        .move_indicator(&first.key, now[0].0, Move::Down, &by())
        .await
        .unwrap();
    let moved = store.indicators().await.unwrap();
    assert_eq!(moved[1].1.key, first.key);
    assert_eq!(moved.len(), 21);

    // An assessment, then its only positive sign retired: the level it gave stays.
    let answers = HashMap::from([
        ("assessed_on".to_string(), today.to_string()),
        (answer_field(&first.key), "present".to_string()),
    ]);
    let asked: Vec<Indicator> = moved.iter().map(|(_, i)| i.clone()).collect();
    let assessment = parse_assessment(&answers, &asked, today).unwrap();
    let (_, level) = store
        .record_assessment(rci, &assessment, &by())
        .await
        .unwrap();
    assert_eq!(level, Level::Favourable);
    store
        .set_indicator_retired(&first.key, moved[1].0, true, &by())
        .await
        .unwrap();
    let summary = store.summary(rci).await.unwrap();
    assert_eq!(summary.readiness[0].level, Level::Favourable);

    let filter = HistoryFilter {
        entity: Some(Entity::Indicator),
        ..Default::default()
    };
    let history = store.changes(&filter, 50, 0).await.unwrap();
    assert_eq!(
        history.len(),
        4,
        "added, reworded, moved, retired: {history:#?}"
    );
}
