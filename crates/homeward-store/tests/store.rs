//! Integration tests against a real SQLite file in a temporary directory.

use chrono::{Days, NaiveDate};
use homeward_core::history::Editor;
use homeward_core::{
    ChildrenCounts, CountField, ItemChange, ItemStatus, Name, Note, Phase, Placement, RciProfile,
    RiskFlag, RiskSettings, SexCount, Stage, Track,
};
use homeward_store::db::scratch;
use homeward_store::{demo, Store, StoreError};

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "homeward", None).await.unwrap())
        .await
        .unwrap();
    (dir, store)
}

#[tokio::test]
async fn opening_a_database_again_leaves_its_revision() {
    let dir = tempfile::tempdir().unwrap();
    let location = scratch(dir.path(), "reopened", None).await.unwrap();
    let store = Store::open(location.clone()).await.unwrap();
    let template = store.template().await.unwrap();
    store
        .create_rci(&profile("Hope House"), &template)
        .await
        .unwrap();
    let revision = store.revision().await.unwrap();
    drop(store);
    // Every start and every command (an import refused, say) opens the database.
    let store = Store::open(location).await.unwrap();
    assert_eq!(
        store.revision().await.unwrap(),
        revision,
        "opening is not a write: readers keep what they hold"
    );
}

fn profile(name: &str) -> RciProfile {
    RciProfile::parse(name, "", "Pursat", "Krakor", today() - Days::new(100)).unwrap()
}

fn adviser() -> Editor {
    Editor {
        user_id: None,
        name: Name::parse("Chan Sokha").unwrap(),
        source: None,
    }
}

/// A database a newer Homeward upgraded is refused with a message saying so, and left as it was.
#[tokio::test]
async fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let location = scratch(dir.path(), "newer", None).await.unwrap();
    let store = Store::open(location.clone()).await.unwrap();
    let future = 99_990_101_000_000_i64;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ($1, 'from a later version', TRUE, $2, 0)",
    )
    .bind(future)
    .bind(vec![0u8])
    .execute(store.pool())
    .await
    .unwrap();
    store.pool().close().await;
    let err = Store::open(location).await.unwrap_err();
    assert!(
        matches!(err, StoreError::NewerDatabase(v) if v == future),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer Homeward"), "{err}");
}

/// A database holding records upgrades with every one of them kept and its references still
/// enforced. SQLite's migration 9 rebuilds each table; on a database whose rows refer to each
/// other (every real one) it used to fail, until migrations ran with reference checks at the end.
#[tokio::test]
async fn a_database_with_records_upgrades_keeping_them() {
    use homeward_store::Location;
    use sqlx::migrate::Migrator;
    let dir = tempfile::tempdir().unwrap();
    let location = scratch(dir.path(), "upgrade", None).await.unwrap();
    let url = match &location {
        Location::Sqlite(path) => format!("sqlite://{}?mode=rwc", path.display()),
        Location::Postgres(url) => url.clone(),
    };
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let before_9 = Migrator {
        migrations: location
            .backend()
            .migrations()
            .iter()
            .filter(|m| m.version < 9)
            .cloned()
            .collect(),
        ..Migrator::DEFAULT
    };
    before_9.run(&pool).await.unwrap();
    let at = "'2026-01-05T08:00:00Z'";
    for sql in [
        format!(
            "INSERT INTO users (id, login, display_name, role, password_hash, created_at, \
             updated_at) VALUES (1, 'sokha', 'Chan Sokha', 'adviser', 'x', {at}, {at})"
        ),
        format!(
            "INSERT INTO rcis (id, name_en, province, transition_start, created_at, updated_at, \
             adviser_id) VALUES (1, 'Hope House', 'Pursat', '2026-01-05', {at}, {at}, 1)"
        ),
        format!(
            "INSERT INTO users (id, login, display_name, role, rci_id, password_hash, \
             created_at, updated_at) VALUES (2, 'dara', 'Dara', 'director', 1, 'x', {at}, {at})"
        ),
        "INSERT INTO checklist_items (rci_id, item_key, track, position, title_en, title_km, \
         guidance_en, guidance_km, status, done_on) VALUES (1, 'assess_children', 'assessment', \
         0, 'Assess each child', 'វាយតម្លៃ', '', '', 'done', '2026-02-01')"
            .to_string(),
    ] {
        sqlx::query(&sql).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let store = Store::open(location).await.unwrap();
    assert_eq!(
        store.rci(1).await.unwrap().value.name_en.to_string(),
        "Hope House"
    );
    assert_eq!(store.rci(1).await.unwrap().value.adviser_id, Some(1));
    let items = store.checklist(1).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].value.key.as_str(), "assess_children");
    assert_eq!(store.user(2).await.unwrap().value.rci_id, Some(1));
    let orphan = sqlx::query(
        "INSERT INTO checklist_items (rci_id, item_key, track, position, title_en, title_km, \
         guidance_en, guidance_km) VALUES (99, 'k', 'assessment', 1, 't', 't', '', '')",
    )
    .execute(store.pool())
    .await;
    assert!(orphan.is_err(), "a row referring to no RCI was accepted");
}

/// SQLite's own settings (PostgreSQL has no file, journal mode or per-connection foreign keys).
#[tokio::test]
async fn opening_a_file_creates_it_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("homeward.db");
    let store = Store::open(&path).await.unwrap();
    assert!(path.exists());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    // Re-opening applies no migration twice.
    drop(store);
    Store::open(&path).await.unwrap();
}

#[tokio::test]
async fn a_new_rci_starts_with_the_whole_template_not_started() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let id = store
        .create_rci(&profile("Hope House"), &template)
        .await
        .unwrap();
    let items = store.checklist(id).await.unwrap();
    assert_eq!(items.len(), template.items().len());
    assert!(items
        .iter()
        .all(|i| i.value.status == ItemStatus::NotStarted));
    let rci = store.rci(id).await.unwrap();
    assert_eq!(rci.value, profile("Hope House"));
    let overview = store
        .rci_overview(&rci, &RiskSettings::default(), today())
        .await
        .unwrap();
    assert_eq!(overview.progress.phase, Phase::In(Stage::Assessment));
    assert_eq!(overview.progress.overall.done, 0);
}

#[tokio::test]
async fn an_unknown_rci_is_not_found() {
    let (_dir, store) = open().await;
    assert!(matches!(store.rci(999).await, Err(StoreError::NotFound)));
    let counts = ChildrenCounts::empty(today());
    assert!(matches!(
        store.record_counts(999, counts, &adviser(), today()).await,
        Err(StoreError::NotFound)
    ));
}

/// The partners' profiles and summaries are kept between reads, and the next read after any
/// write — by this server or by another process on the same database — sees it.
#[tokio::test]
async fn the_partners_read_follows_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let location = scratch(dir.path(), "partners", None).await.unwrap();
    let store = Store::open(location.clone()).await.unwrap();
    let template = store.template().await.unwrap();
    let id = store
        .create_rci(&profile("Hope House"), &template)
        .await
        .unwrap();
    let first = store.rci_summaries().await.unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &first,
        &store.rci_summaries().await.unwrap()
    ));
    let done_so_far = |partners: &homeward_store::Partners| partners[0].1.progress.overall.done;
    assert_eq!(done_so_far(&first), 0);

    // Another process (`homeward` on the command line, or a second server) marks an item done.
    let elsewhere = Store::open(location).await.unwrap();
    let item = elsewhere.checklist(id).await.unwrap().remove(0);
    let done = ItemChange {
        status: ItemStatus::Done { on: today() },
        evidence: Note::default(),
        responsible: None,
        owner: None,
        due_on: None,
    };
    elsewhere
        .update_item(id, item.id, item.version, &done, &adviser())
        .await
        .unwrap();
    assert_eq!(done_so_far(&store.rci_summaries().await.unwrap()), 1);

    // This store renames it; a new RCI appears too.
    let mut renamed = store.rci(id).await.unwrap();
    renamed.value.name_en = Name::parse("Hope House Battambang").unwrap();
    store
        .update_profile(id, renamed.version, &renamed.value, &adviser())
        .await
        .unwrap();
    store
        .create_rci(&profile("Akphivath"), &template)
        .await
        .unwrap();
    let names: Vec<String> = store
        .rci_summaries()
        .await
        .unwrap()
        .iter()
        .map(|(rci, _)| rci.value.name_en.to_string())
        .collect();
    assert_eq!(names, ["Akphivath", "Hope House Battambang"]);
}

#[tokio::test]
async fn item_updates_are_stored_and_stale_versions_refused() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let id = store
        .create_rci(&profile("Hope House"), &template)
        .await
        .unwrap();
    let item = store.checklist(id).await.unwrap().remove(0);
    let done = ItemChange {
        status: ItemStatus::Done { on: today() },
        evidence: Note::parse("Assessment forms filed").unwrap(),
        responsible: Some(adviser().name),
        owner: None,
        due_on: None,
    };
    let v2 = store
        .update_item(id, item.id, item.version, &done, &adviser())
        .await
        .unwrap();
    assert_eq!(v2, item.version + 1);
    let saved = store.checklist(id).await.unwrap().remove(0);
    assert_eq!(saved.value.status, done.status);
    assert_eq!(saved.value.evidence.as_str(), "Assessment forms filed");
    assert_eq!(saved.value.updated_by, Some(adviser().name));

    // A second editor still holding the old version is refused and changes nothing.
    let other = ItemChange {
        status: ItemStatus::InProgress,
        evidence: Note::default(),
        responsible: None,
        owner: None,
        due_on: None,
    };
    let err = store
        .update_item(id, item.id, item.version, &other, &adviser())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { current_version } if current_version == v2));
    assert_eq!(store.checklist(id).await.unwrap().remove(0), saved);

    // An item id of another RCI is not found through this RCI.
    let other_rci = store
        .create_rci(&profile("Other"), &template)
        .await
        .unwrap();
    let foreign = store.checklist(other_rci).await.unwrap().remove(0);
    assert!(matches!(
        store
            .update_item(id, foreign.id, foreign.version, &other, &adviser())
            .await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn counts_round_trip_and_incoherent_counts_are_refused() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let id = store
        .create_rci(&profile("Hope House"), &template)
        .await
        .unwrap();
    let mut counts = ChildrenCounts::empty(today() - Days::new(5));
    counts.baseline = SexCount::new(30, 12).unwrap();
    counts.assessed = SexCount::new(30, 12).unwrap();
    counts.set(
        CountField::Reintegrated(Placement::KinshipCare),
        SexCount::new(4, 2).unwrap(),
    );
    store
        .record_counts(id, counts, &adviser(), today())
        .await
        .unwrap();
    assert_eq!(
        store.latest_counts(id).await.unwrap().unwrap().value,
        counts
    );

    let mut bad = counts;
    bad.as_of = today();
    bad.traced = SexCount::new(31, 0).unwrap();
    let err = store
        .record_counts(id, bad, &adviser(), today())
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("traced: 31 is more than the 30"),
        "{err}"
    );
    assert_eq!(store.counts_history(id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn demo_data_loads_once_with_varied_stages_and_flags() {
    let (_dir, store) = open().await;
    assert_eq!(demo::load_if_empty(&store, today()).await.unwrap(), 8);
    assert_eq!(demo::load_if_empty(&store, today()).await.unwrap(), 0);
    let all = store
        .rci_overviews(&RiskSettings::default(), today())
        .await
        .unwrap();
    assert_eq!(all.len(), 8);
    let provinces: std::collections::BTreeSet<_> = all
        .iter()
        .map(|(r, _)| r.value.province.to_string())
        .collect();
    assert_eq!(
        provinces.into_iter().collect::<Vec<_>>(),
        ["Battambang", "Pailin", "Phnom Penh", "Pursat", "Siem Reap"]
    );
    let phases: std::collections::BTreeSet<_> = all.iter().map(|(_, o)| o.progress.phase).collect();
    assert!(phases.len() >= 5, "demo covers most stages: {phases:?}");
    let has = |name: &str, flag: fn(&RiskFlag) -> bool| {
        all.iter()
            .find(|(r, _)| r.value.name_en.as_str() == name)
            .map(|(_, o)| o.flags.iter().any(flag))
            .unwrap()
    };
    assert!(has("New Life Children's Village", |f| matches!(
        f,
        RiskFlag::Stalled { .. }
    )));
    assert!(has("Bright Future Children Centre", |f| matches!(
        f,
        RiskFlag::FollowUpsOverdue { .. }
    )));
    assert!(has("Little Lotus Home", |f| *f == RiskFlag::NoReintegrationPlan));
    assert!(has("Bright Future Children Centre", |f| *f
        == RiskFlag::ReadinessHighRisk));
    assert!(has("Pailin Family Care Centre", |f| matches!(
        f,
        RiskFlag::ReadinessOverdue { .. }
    )));
    assert!(!has("Mekong Kids Home", |_| true));
    batch_overviews_equal_single_ones(&store).await;
    // Every RCI has counts, and every demo progress is what its checklist says.
    for (rci, o) in &all {
        assert!(o.latest_counts.is_some(), "{}", rci.value.name_en);
        let items = store.checklist(rci.id).await.unwrap();
        let done = items
            .iter()
            .filter(|i| i.value.status.is_done() && i.value.track != Track::Organisation)
            .count();
        let stage_done: u32 = o
            .progress
            .tracks
            .iter()
            .filter(|(t, _)| *t != Track::Organisation)
            .map(|(_, p)| p.done)
            .sum();
        assert_eq!(done as u32, stage_done);
    }
}

/// Two advisers save the same item from pages loaded at the same version, at the same moment:
/// exactly one save wins, the other is told of the conflict, and nothing is lost silently.
#[tokio::test]
async fn two_concurrent_editors_of_one_item_never_lose_an_update() {
    let (_dir, store) = open().await;
    let id = store
        .create_rci(
            &profile("Twin Editors Home"),
            &store.template().await.unwrap(),
        )
        .await
        .unwrap();
    let item = store.checklist(id).await.unwrap().remove(0);
    for round in 0..10 {
        let current = store
            .checklist(id)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.id == item.id)
            .unwrap();
        let change = |text: &str| ItemChange {
            status: ItemStatus::InProgress,
            evidence: Note::parse(text).unwrap(),
            responsible: None,
            owner: None,
            due_on: None,
        };
        let (a, b) = (change(&format!("A{round}")), change(&format!("B{round}")));
        let by = adviser();
        let (ra, rb) = tokio::join!(
            store.update_item(id, item.id, current.version, &a, &by),
            store.update_item(id, item.id, current.version, &b, &by),
        );
        let oks = [&ra, &rb].iter().filter(|r| r.is_ok()).count();
        assert_eq!(oks, 1, "round {round}: {ra:?} {rb:?}");
        let loser = if ra.is_ok() { &rb } else { &ra };
        assert!(
            matches!(loser, Err(StoreError::Conflict { .. })),
            "{loser:?}"
        );
        let saved = store
            .checklist(id)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.id == item.id)
            .unwrap();
        let winner = if ra.is_ok() { "A" } else { "B" };
        assert_eq!(saved.value.evidence.as_str(), format!("{winner}{round}"));
        assert_eq!(saved.version, current.version + 1);
    }
    // Every winning save, and only those, is in the history.
    assert_eq!(store.history(id, 100).await.unwrap().len(), 1 + 10);
}

/// Several items saved at once are all saved, or, when one was saved by someone else since, none.
#[tokio::test]
async fn items_saved_together_are_saved_all_or_none() {
    let (_dir, store) = open().await;
    let id = store
        .create_rci(&profile("Batch Home"), &store.template().await.unwrap())
        .await
        .unwrap();
    let items = store.checklist(id).await.unwrap();
    let change = |text: &str| ItemChange {
        status: ItemStatus::InProgress,
        evidence: Note::parse(text).unwrap(),
        responsible: None,
        owner: None,
        due_on: None,
    };
    let versions = store
        .update_items(
            id,
            &[
                (items[0].id, items[0].version, change("first")),
                (items[1].id, items[1].version, change("second")),
            ],
            &adviser(),
        )
        .await
        .unwrap();
    assert_eq!(versions, [items[0].version + 1, items[1].version + 1]);
    let saved = store.checklist(id).await.unwrap();
    assert_eq!(saved[1].value.evidence.as_str(), "second");
    // The second change's version is stale: the first, valid on its own, is not saved either.
    let err = store
        .update_items(
            id,
            &[
                (items[2].id, items[2].version, change("third")),
                (items[1].id, items[1].version, change("stale")),
            ],
            &adviser(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }));
    assert_eq!(store.checklist(id).await.unwrap(), saved);
    assert_eq!(
        store.summary(id).await.unwrap(),
        store.computed_summary(id).await.unwrap()
    );
}

#[tokio::test]
async fn history_pages_follow_each_other_newest_first() {
    let (_dir, store) = open().await;
    let id = store
        .create_rci(&profile("Paged Home"), &store.template().await.unwrap())
        .await
        .unwrap();
    let mut version = store.rci(id).await.unwrap().version;
    for n in 0..7 {
        let mut p = store.rci(id).await.unwrap().value;
        p.director = Some(Name::parse(&format!("Director {n}")).unwrap());
        version = store
            .update_profile(id, version, &p, &adviser())
            .await
            .unwrap();
    }
    let all = store.history(id, 100).await.unwrap();
    assert_eq!(all.len(), 8, "the creation and seven saves");
    let mut paged = Vec::new();
    for page in 0..3 {
        paged.extend(store.history_page(id, 3, page * 3).await.unwrap());
    }
    assert_eq!(paged, all);
    assert!(store.history_page(id, 3, 300).await.unwrap().is_empty());
    assert!(all.windows(2).all(|w| w[0].at >= w[1].at));
}

#[tokio::test]
async fn history_cannot_be_rewritten() {
    let (_dir, store) = open().await;
    store
        .create_rci(&profile("Evidence Home"), &store.template().await.unwrap())
        .await
        .unwrap();
    let update = sqlx::query("UPDATE history SET after_value = 'forged'")
        .execute(store.pool())
        .await;
    assert!(update.is_err(), "history rows cannot be changed");
    let delete = sqlx::query("DELETE FROM history")
        .execute(store.pool())
        .await;
    assert!(delete.is_err(), "history rows cannot be deleted");
}

/// The overviews read for all RCIs at once (one row per RCI) equal those read one RCI at a time
/// (one row per item), field by field.
async fn batch_overviews_equal_single_ones(store: &Store) {
    let all = store
        .rci_overviews(&RiskSettings::default(), today())
        .await
        .unwrap();
    assert_eq!(all.len() as i64, store.rci_count().await.unwrap());
    for (rci, batch) in &all {
        let single = store
            .rci_overview(rci, &RiskSettings::default(), today())
            .await
            .unwrap();
        assert_eq!(&single, batch, "{}", rci.value.name_en);
    }
}

#[tokio::test]
async fn generated_partners_read_alike_in_batch_and_one_by_one() {
    let (_dir, store) = open().await;
    homeward_store::generate::generate(&store, 30, 7, today())
        .await
        .unwrap();
    batch_overviews_equal_single_ones(&store).await;
}

/// A stage moves the RCI on only once asked for and approved; a refusal changes nothing; undoing
/// a step withdraws the approval, and the history keeps every step.
#[tokio::test]
async fn a_stage_is_finished_once_signed_off_and_reopening_it_withdraws_the_sign_off() {
    use homeward_core::history::Entity;
    use homeward_core::signoffs::{Decision, SignOffKind};
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let rci = store
        .create_rci(&profile("Hope House"), &template)
        .await
        .unwrap();
    let by = adviser();
    let phase = |store: Store| async move {
        store
            .rci_overview(
                &store.rci(rci).await.unwrap(),
                &RiskSettings::default(),
                today(),
            )
            .await
            .unwrap()
            .progress
            .phase
    };

    let revision = store.revision().await.unwrap();
    assert!(matches!(
        store
            .request_sign_off(rci, Stage::Assessment, &by, today())
            .await,
        Err(StoreError::SignOff(_))
    ));
    assert_eq!(store.revision().await.unwrap(), revision, "nothing changed");

    let steps: Vec<_> = store
        .checklist(rci)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.value.track == Track::Stage(Stage::Assessment))
        .collect();
    let done = |item: &homeward_core::Stored<homeward_core::ChecklistItem>, status| {
        (
            item.id,
            item.version,
            ItemChange {
                status,
                evidence: Note::default(),
                responsible: None,
                owner: None,
                due_on: None,
            },
        )
    };
    let changes: Vec<_> = steps
        .iter()
        .map(|i| done(i, ItemStatus::Done { on: today() }))
        .collect();
    store.update_items(rci, &changes, &by).await.unwrap();
    assert_eq!(phase(store.clone()).await, Phase::In(Stage::Assessment));

    store
        .request_sign_off(rci, Stage::Assessment, &by, today())
        .await
        .unwrap();
    let note = Note::parse("Attach the feasibility report").unwrap();
    store
        .decide_sign_off(
            rci,
            Stage::Assessment,
            Decision::Return(note.clone()),
            &by,
            today(),
        )
        .await
        .unwrap();
    let returned = store.sign_offs(rci).await.unwrap();
    assert_eq!(
        returned.of(Stage::Assessment).map(|s| (s.kind, &s.note)),
        Some((SignOffKind::Returned, &note))
    );
    assert!(matches!(
        store
            .decide_sign_off(rci, Stage::Assessment, Decision::Approve, &by, today())
            .await,
        Err(StoreError::SignOff(_))
    ));
    store
        .request_sign_off(rci, Stage::Assessment, &by, today())
        .await
        .unwrap();
    store
        .decide_sign_off(rci, Stage::Assessment, Decision::Approve, &by, today())
        .await
        .unwrap();
    assert_eq!(phase(store.clone()).await, Phase::In(Stage::FamilyTracing));

    // A step undone: the stage is open again and its approval withdrawn.
    let first = store
        .checklist(rci)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.id == steps[0].id)
        .unwrap();
    store
        .update_items(rci, &[done(&first, ItemStatus::InProgress)], &by)
        .await
        .unwrap();
    assert!(store.sign_offs(rci).await.unwrap().0.is_empty());
    assert_eq!(phase(store.clone()).await, Phase::In(Stage::Assessment));

    let steps: Vec<String> = store
        .history(rci, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == Entity::SignOff && h.label == "sign-off of assessment")
        .flat_map(|h| h.changes)
        .filter(|c| c.field == "sign-off")
        .map(|c| c.after)
        .collect();
    assert_eq!(
        steps,
        [
            "withdrawn",
            "approved",
            "requested",
            "returned",
            "requested"
        ],
        "newest first"
    );
}
