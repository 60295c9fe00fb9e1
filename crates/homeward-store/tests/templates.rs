//! The organisation's template edited and applied: new RCIs get the current steps, existing ones
//! get the changes only when applied, no recorded status is lost, and every edit is in the history.

use chrono::Days;
use homeward_core::history::{Editor, Entity, HistoryFilter};
use homeward_core::templates::{Move, StepInput, StepUpdate};
use homeward_core::{ItemChange, ItemKey, ItemStatus, Name, Note, RciProfile, Stage, Track};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

async fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "homeward", None).await.unwrap())
        .await
        .unwrap();
    (dir, store)
}

fn admin() -> Editor {
    Editor {
        user_id: None,
        name: Name::parse("Admin Dara").unwrap(),
        source: None,
    }
}

fn words(en: &str, km: &str) -> homeward_core::templates::StepText {
    StepInput {
        title_en: en.into(),
        title_km: km.into(),
        guidance_en: "Ask for the enrolment list.".into(),
        guidance_km: String::new(),
    }
    .parse()
    .unwrap()
}

fn key(k: &str) -> ItemKey {
    ItemKey::parse(k).unwrap()
}

#[tokio::test]
async fn template_changes_reach_new_rcis_at_once_and_existing_ones_when_applied() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    // Reading the template again writes nothing: the revision readers follow stays put.
    let revision = store.revision().await.unwrap();
    assert_eq!(store.template().await.unwrap(), template);
    assert_eq!(
        store.revision().await.unwrap(),
        revision,
        "a read is not a write"
    );
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let profile = RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(90)).unwrap();
    let old = store.create_rci(&profile, &template).await.unwrap();
    let steps_before = store.checklist(old).await.unwrap().len();

    // The RCI worked on one step the organisation then retires, and never started another.
    let checklist = store.checklist(old).await.unwrap();
    let worked = checklist
        .iter()
        .find(|i| i.value.key.as_str() == "assess_children")
        .unwrap();
    let change = ItemChange {
        status: ItemStatus::Blocked {
            reason: Note::parse("waiting for DoSVY").unwrap(),
        },
        evidence: Note::parse("").unwrap(),
        responsible: None,
    };
    store
        .update_item(old, worked.id, worked.version, &change, &admin())
        .await
        .unwrap();

    let by = admin();
    let added = store
        .add_template_step(
            Track::Stage(Stage::Assessment),
            &words("Meet the school heads", "ជួបនាយកសាលា"),
            &by,
        )
        .await
        .unwrap();
    assert_eq!(added.as_str(), "meet_the_school_heads");
    let version = |steps: &[(i64, homeward_core::TemplateItem)], k: &str| {
        steps.iter().find(|(_, s)| s.key.as_str() == k).unwrap().0
    };
    let steps = store.template_steps().await.unwrap();
    store
        .set_template_step_retired(
            &key("assess_children"),
            version(&steps, "assess_children"),
            true,
            &by,
        )
        .await
        .unwrap();
    store
        .set_template_step_retired(
            &key("assess_families"),
            version(&steps, "assess_families"),
            true,
            &by,
        )
        .await
        .unwrap();
    store
        .edit_template_step(
            &key("assess_communities"),
            version(&steps, "assess_communities"),
            &words("Assess each community", ""),
            &by,
        )
        .await
        .unwrap();
    store
        .move_template_step(&added, version(&steps, added.as_str()), Move::Up, &by)
        .await
        .unwrap();
    // A second admin's save from the page read before these is refused.
    let stale = store
        .edit_template_step(
            &key("assess_communities"),
            version(&steps, "assess_communities"),
            &words("Something else", ""),
            &by,
        )
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );

    // A new RCI gets the template as it now is.
    let new = store
        .create_rci(
            &RciProfile::parse("New Light", "", "Takeo", "", today).unwrap(),
            &store.template().await.unwrap(),
        )
        .await
        .unwrap();
    let fresh = store.checklist(new).await.unwrap();
    assert!(fresh.iter().any(|i| i.value.key == added));
    assert!(
        !fresh
            .iter()
            .any(|i| i.value.key.as_str() == "assess_children"),
        "retired"
    );

    // The old RCI has not changed until the template is applied; then it gains, rewords and
    // hides, and keeps its blocked step as it was.
    assert_eq!(store.checklist(old).await.unwrap().len(), steps_before);
    let pending = store.template_updates().await.unwrap();
    assert_eq!(pending.len(), 1, "only the old RCI: {pending:?}");
    let changes = &pending[0].2;
    assert!(changes
        .iter()
        .any(|c| matches!(c, StepUpdate::Add(s) if s.key == added)));
    assert!(changes
        .iter()
        .any(|c| matches!(c, StepUpdate::Hide { key, .. } if key.as_str() == "assess_families")));
    store.apply_template(old, &by).await.unwrap();
    let after = store.checklist(old).await.unwrap();
    assert_eq!(after.len(), steps_before + 1, "a step added, none removed");
    let blocked = after
        .iter()
        .find(|i| i.value.key.as_str() == "assess_children")
        .unwrap();
    assert!(matches!(blocked.value.status, ItemStatus::Blocked { .. }) && !blocked.value.hidden);
    assert!(
        after
            .iter()
            .find(|i| i.value.key.as_str() == "assess_families")
            .unwrap()
            .value
            .hidden
    );
    assert_eq!(
        after
            .iter()
            .find(|i| i.value.key.as_str() == "assess_communities")
            .unwrap()
            .value
            .title
            .en,
        "Assess each community"
    );
    let keys: Vec<&str> = after.iter().map(|i| i.value.key.as_str()).collect();
    let at = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    assert!(
        at(added.as_str()) < at("transition_feasibility"),
        "moved up: {keys:?}"
    );
    assert!(
        at(added.as_str()) < at("trace_relatives"),
        "in its own stage: {keys:?}"
    );
    assert!(
        store.template_updates().await.unwrap().is_empty(),
        "nothing left to apply"
    );

    let filter = HistoryFilter {
        entity: Some(Entity::TemplateStep),
        ..Default::default()
    };
    let history = store.changes(&filter, 50).await.unwrap();
    assert_eq!(
        history.len(),
        5,
        "added, two retired, reworded, moved: {history:#?}"
    );
    assert!(history.iter().all(|h| h.by == "Admin Dara"));
}
