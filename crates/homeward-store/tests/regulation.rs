//! An RCI's standing with MoSVY, stored: agreements, inspections and closure notices in the
//! summary (whose flags follow them) and the history; a record for an RCI that does not exist
//! refused with nothing stored.

use chrono::Days;
use homeward_core::history::{Editor, Entity};
use homeward_core::regulation::{AgreementInput, ClosureInput, InspectionInput};
use homeward_core::{Name, RciProfile, RiskFlag, RiskSettings};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

#[tokio::test]
async fn standing_is_stored_flagged_and_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "regulation", None).await.unwrap())
        .await
        .unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let profile =
        RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(800)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let by = Editor {
        user_id: None,
        name: Name::parse("Adviser Sokha").unwrap(),
        source: None,
    };
    let flags = |store: &Store| {
        let store = store.clone();
        let profile = profile.clone();
        async move {
            store
                .summary(rci)
                .await
                .unwrap()
                .overview(&profile, &RiskSettings::default(), today)
                .flags
        }
    };
    // Never inspected in 800 days: overdue.
    assert!(flags(&store)
        .await
        .contains(&RiskFlag::InspectionOverdue { days: 435 }));

    let agreement = AgreementInput {
        with: "dosvy".into(),
        signed_on: (today - Days::new(1000)).to_string(),
        expires_on: (today + Days::new(30)).to_string(),
    };
    store
        .record_agreement(rci, &agreement.parse(today).unwrap(), &by)
        .await
        .unwrap();
    let inspection = InspectionInput {
        inspected_on: (today - Days::new(10)).to_string(),
        by: "DoSVY Kampot".into(),
        outcome: "improvements_required".into(),
        follow_up_due: (today - Days::new(2)).to_string(),
    };
    store
        .record_inspection(rci, &inspection.parse(today).unwrap(), &by)
        .await
        .unwrap();
    assert_eq!(
        flags(&store).await[..2],
        [
            RiskFlag::MouExpiring { days: 30 },
            RiskFlag::ImprovementsOverdue { days: 2 }
        ]
    );
    let closure = ClosureInput {
        noticed_on: today.to_string(),
        kind: "community_service".into(),
    };
    store
        .record_closure(rci, &closure.parse(today).unwrap(), &by)
        .await
        .unwrap();
    assert!(flags(&store).await.is_empty(), "closed: nothing to flag");
    assert_eq!(
        store.summary(rci).await.unwrap(),
        store.computed_summary(rci).await.unwrap()
    );
    let records = store.regulation(rci).await.unwrap();
    assert_eq!(records.inspections[0].by.as_str(), "DoSVY Kampot");
    assert_eq!(records.closures.len(), 1);
    let history = store.history_page(rci, 50, 0).await.unwrap();
    let changes = history
        .iter()
        .filter(|e| e.entity == Entity::Regulation)
        .count();
    assert_eq!(changes, 3, "{history:?}");

    let refused = store
        .record_inspection(99_999, &inspection.parse(today).unwrap(), &by)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert_eq!(store.regulation(rci).await.unwrap().inspections.len(), 1);
}
