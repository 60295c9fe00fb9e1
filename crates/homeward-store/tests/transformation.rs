//! The organisation changing, stored: staff, assets and funding records, the RCI's summary and
//! history, and a record for an RCI that does not exist refused with nothing stored.

use chrono::Days;
use homeward_core::history::{Editor, Entity};
use homeward_core::transformation::{AssetChangeInput, FundingChangeInput, StaffChangeInput};
use homeward_core::{Name, RciProfile, RiskSettings, SexCount};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

#[tokio::test]
async fn changes_are_stored_summarised_and_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "transformation", None).await.unwrap())
        .await
        .unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let profile =
        RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(400)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let by = Editor {
        user_id: None,
        name: Name::parse("Adviser Sokha").unwrap(),
        source: None,
    };
    let on = (today - Days::new(10)).to_string();
    let staff = StaffChangeInput {
        changed_on: on.clone(),
        kind: "redeployed".into(),
        staff_total: "3".into(),
        staff_female: "2".into(),
    };
    store
        .record_staff_change(rci, &staff.parse(today).unwrap(), &by)
        .await
        .unwrap();
    let asset = AssetChangeInput {
        changed_on: on.clone(),
        asset: "Boys' dormitory".into(),
        now: "day_care".into(),
    };
    store
        .record_asset_change(rci, &asset.parse(today).unwrap(), &by)
        .await
        .unwrap();
    for (amount, currency) in [("12,000", "usd"), ("48000000", "khr"), ("500", "usd")] {
        let funding = FundingChangeInput {
            changed_on: on.clone(),
            donor: "Friends of Kampot".into(),
            amount: amount.into(),
            currency: currency.into(),
            from: String::new(),
            to: "Family support".into(),
        };
        store
            .record_funding_change(rci, &funding.parse(today).unwrap(), &by)
            .await
            .unwrap();
    }

    // The summary carries them: the overview totals each currency apart.
    let seen = store
        .summary(rci)
        .await
        .unwrap()
        .overview(&profile, &RiskSettings::default(), today)
        .transformation;
    assert_eq!(seen.staff_redeployed, SexCount::new(3, 2).unwrap());
    assert_eq!(seen.assets_repurposed, 1);
    assert_eq!((seen.funding_usd, seen.funding_khr), (12_500, 48_000_000));
    assert_eq!(
        store.summary(rci).await.unwrap(),
        store.computed_summary(rci).await.unwrap()
    );

    let records = store.transformation(rci).await.unwrap();
    assert_eq!(records.funding.len(), 3);
    assert_eq!(records.assets[0].asset.as_str(), "Boys' dormitory");
    assert_eq!(records.funding[0].from.as_str(), "residential care");

    let history = store.history_page(rci, 50, 0).await.unwrap();
    for entity in [Entity::Staff, Entity::Asset, Entity::Funding] {
        assert!(
            history.iter().any(|e| e.entity == entity),
            "{entity:?} in the history"
        );
    }

    // An RCI that does not exist: refused, nothing stored.
    let refused = store
        .record_staff_change(99_999, &staff.parse(today).unwrap(), &by)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert_eq!(store.transformation(rci).await.unwrap().staff.len(), 1);
}
