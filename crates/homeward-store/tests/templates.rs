//! The organisation's template edited and applied: new RCIs get the current steps, existing ones
//! get the changes only when applied, no recorded status is lost, and every edit is in the history.

use chrono::Days;
use homeward_core::history::{Editor, Entity, HistoryFilter};
use homeward_core::signoffs::Decision;
use homeward_core::templates::{Landing, Move, StepInput, StepUpdate};
use homeward_core::{ItemChange, ItemKey, ItemStatus, Name, Note, RciProfile, Stage, Track};
use homeward_store::db::scratch;
use homeward_store::templates::stamp_of;
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

/// What applying the organisation's template would do, new steps landing open.
async fn pending(store: &Store) -> Vec<(i64, String, homeward_core::templates::Plan)> {
    let template = store.template().await.unwrap();
    store
        .template_plans(&template, &Landing::Open)
        .await
        .unwrap()
}

async fn stamp(store: &Store) -> i64 {
    stamp_of(&store.template_steps().await.unwrap())
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
        owner: None,
        due_on: None,
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
    let plans = pending(&store).await;
    assert_eq!(plans.len(), 1, "only the old RCI: {plans:?}");
    let changes = &plans[0].2.changes;
    assert!(changes
        .iter()
        .any(|c| matches!(c, StepUpdate::Add(s) if s.key == added)));
    assert!(changes
        .iter()
        .any(|c| matches!(c, StepUpdate::Hide { key, .. } if key.as_str() == "assess_families")));
    store
        .apply_template(old, stamp(&store).await, &Landing::Open, &by)
        .await
        .unwrap();
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
    assert!(pending(&store).await.is_empty(), "nothing left to apply");

    let filter = HistoryFilter {
        entity: Some(Entity::TemplateStep),
        ..Default::default()
    };
    let history = store.changes(&filter, 50, 0).await.unwrap();
    assert_eq!(
        history.len(),
        5,
        "added, two retired, reworded, moved: {history:#?}"
    );
    assert!(history.iter().all(|h| h.by == "Admin Dara"));
}

#[tokio::test]
async fn a_step_added_to_a_finished_stage_lands_as_chosen_and_a_stale_preview_is_refused() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let profile = RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(90)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let by = admin();
    // Assessment finished: the RCI works on family tracing.
    let done: Vec<_> = store
        .checklist(rci)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.value.track == Track::Stage(Stage::Assessment))
        .collect();
    for item in &done {
        let change = ItemChange {
            status: ItemStatus::Done { on: today },
            evidence: Note::parse("").unwrap(),
            responsible: None,
            owner: None,
            due_on: None,
        };
        store
            .update_item(rci, item.id, item.version, &change, &by)
            .await
            .unwrap();
    }
    store
        .request_sign_off(rci, Stage::Assessment, &by, today)
        .await
        .unwrap();
    store
        .decide_sign_off(rci, Stage::Assessment, Decision::Approve, &by, today)
        .await
        .unwrap();
    let phase = |items: &[homeward_core::Stored<homeward_core::ChecklistItem>], offs| {
        let items: Vec<_> = items.iter().map(|i| i.value.clone()).collect();
        homeward_core::progress::phase(&items, offs)
    };
    let offs = store.sign_offs(rci).await.unwrap();
    let before = phase(&store.checklist(rci).await.unwrap(), &offs);
    assert_eq!(
        before,
        homeward_core::progress::Phase::In(Stage::FamilyTracing)
    );

    let stale = stamp(&store).await;
    store
        .add_template_step(
            Track::Stage(Stage::Assessment),
            &words("Meet the school heads", "ជួបនាយកសាលា"),
            &by,
        )
        .await
        .unwrap();
    let landing = Landing::NotApplicable(Note::parse("Added after the assessment").unwrap());
    let revision = store.revision().await.unwrap();
    assert!(matches!(
        store.apply_template(rci, stale, &landing, &by).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(store.revision().await.unwrap(), revision, "nothing changed");

    let plans = store
        .template_plans(&store.template().await.unwrap(), &landing)
        .await
        .unwrap();
    assert_eq!(
        plans[0].2.before, plans[0].2.after,
        "the preview: no move back"
    );
    store
        .apply_template(rci, stamp(&store).await, &landing, &by)
        .await
        .unwrap();
    let after = store.checklist(rci).await.unwrap();
    let offs_after = store.sign_offs(rci).await.unwrap();
    assert_eq!(offs_after, offs, "the sign-off stands");
    assert_eq!(
        phase(&after, &offs_after),
        before,
        "still in family tracing"
    );
    let added = after
        .iter()
        .find(|i| i.value.key.as_str() == "meet_the_school_heads")
        .unwrap();
    assert_eq!(
        added.value.status.reason().map(Note::as_str),
        Some("Added after the assessment")
    );
}
