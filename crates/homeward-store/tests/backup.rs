//! Backups: every table, a restore that gives back the very records, a snapshot that holds
//! every write acknowledged before it began, and refusals that change nothing.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use homeward_core::history::Editor;
use homeward_core::{ChildrenCounts, CountField, Name, SexCount};
use homeward_store::backup::{LEFT_OUT, TABLES};
use homeward_store::db::scratch;
use homeward_store::{demo, generate, Backend, Store, StoreError};

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn open(dir: &tempfile::TempDir, name: &str) -> Store {
    Store::open(scratch(dir.path(), name, None).await.unwrap())
        .await
        .unwrap()
}

/// The records after the header line (which says when the backup was taken).
fn records(backup: &[u8]) -> &[u8] {
    let start = backup.iter().position(|b| *b == b'\n').unwrap() + 1;
    &backup[start..]
}

async fn backup(store: &Store) -> Vec<u8> {
    let mut out = vec![];
    store.backup(&mut out).await.unwrap();
    out
}

#[tokio::test]
async fn backups_hold_every_table_but_sessions_and_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir, "a.db").await;
    let catalog = match store.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    let mut tables: Vec<String> = sqlx::query_scalar(catalog)
        .fetch_all(store.pool())
        .await
        .unwrap();
    tables.retain(|t| t != "_sqlx_migrations");
    tables.sort();
    let mut known: Vec<String> = TABLES
        .iter()
        .chain(LEFT_OUT)
        .map(|t| t.to_string())
        .collect();
    known.sort();
    assert_eq!(
        tables, known,
        "a new table must be in backups or left out on purpose"
    );
}

#[tokio::test]
async fn a_restored_backup_gives_back_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let original = open(&dir, "original.db").await;
    demo::load(&original, today()).await.unwrap();
    generate::generate(&original, 12, 7, today()).await.unwrap();
    let file = attach_evidence(&original).await;
    let (secret, scope) = add_api_tokens(&original).await;
    let first = backup(&original).await;

    let copy = open(&dir, "copy.db").await;
    let moved = copy.restore(first.as_slice()).await.unwrap();
    assert!(moved.rows() > 1_000, "{moved:?}");
    assert_eq!(copy.integrity_check().await.unwrap(), "ok");
    let second = backup(&copy).await;
    assert_eq!(
        String::from_utf8_lossy(records(&second)),
        String::from_utf8_lossy(records(&first))
    );
    // Evidence files come back byte for byte; dashboards' tokens go on working.
    assert_eq!(
        copy.evidence_content(file).await.unwrap(),
        original.evidence_content(file).await.unwrap()
    );
    let found = copy
        .api_token_scope(&secret, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(found.map(|(_, s)| s), Some(scope));
    // Summaries are computed again, to the same figures.
    for rci in original.rcis().await.unwrap() {
        assert_eq!(
            copy.summary(rci.id).await.unwrap(),
            original.summary(rci.id).await.unwrap()
        );
    }
}

/// Two dashboards' tokens, one for every partner and one for the first RCI; returns the second's
/// secret and scope.
async fn add_api_tokens(store: &Store) -> (String, homeward_core::api_tokens::TokenScope) {
    use homeward_core::api_tokens::{NewToken, TokenScope};
    let admin = store.users().await.unwrap()[0].id;
    let admin = &Editor::user(admin, Name::parse("Admin").unwrap());
    let first = store.rcis().await.unwrap()[0].id;
    let mut secret = String::new();
    let scopes = [TokenScope::AllPartners, TokenScope::Rcis([first].into())];
    for scope in &scopes {
        let new = NewToken {
            name: Name::parse("Dashboard").unwrap(),
            scope: scope.clone(),
        };
        secret = store
            .create_api_token(&new, admin, chrono::Utc::now())
            .await
            .unwrap()
            .1;
    }
    (secret, scopes[1].clone())
}

/// A scanned MoU attached to the first RCI's first step; returns its id.
async fn attach_evidence(store: &Store) -> i64 {
    use homeward_core::evidence::{clean, AttachedTo};
    let rci = store.rcis().await.unwrap()[0].id;
    let item = store.checklist(rci).await.unwrap()[0].id;
    let (kind, bytes) = clean(b"%PDF-1.7\n\xe2\x9c\x93 signed\n%%EOF\n").unwrap();
    let by = Editor {
        user_id: None,
        name: Name::parse("Chan Sokha").unwrap(),
        source: None,
    };
    store
        .add_evidence(
            rci,
            Some(AttachedTo::Item(item)),
            "mou ស្នើ.pdf",
            kind,
            &bytes,
            &by,
            today(),
        )
        .await
        .unwrap()
}

fn counts(baseline: u32) -> ChildrenCounts {
    let mut c = ChildrenCounts::empty(today());
    c.set(CountField::Baseline, SexCount::new(baseline, 0).unwrap());
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_during_saves_holds_every_save_acknowledged_before_it_began() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir, "busy.db").await;
    demo::load(&store, today()).await.unwrap();
    let rci = store.rcis().await.unwrap()[0].id;
    let acknowledged = Arc::new(Mutex::new(Vec::<i64>::new()));
    let writer = {
        let (store, acknowledged) = (store.clone(), acknowledged.clone());
        tokio::spawn(async move {
            let by = Editor {
                user_id: None,
                name: Name::parse("Chan Sokha").unwrap(),
                source: None,
            };
            for n in 0..400 {
                let id = store
                    .record_counts(rci, counts(n), &by, today())
                    .await
                    .unwrap();
                acknowledged.lock().unwrap().push(id);
            }
        })
    };
    while acknowledged.lock().unwrap().len() < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let before = acknowledged.lock().unwrap().clone();
    let taken = backup(&store).await;
    let during = acknowledged.lock().unwrap().len();
    writer.await.unwrap();
    assert!(
        during < 400,
        "the saves had all finished before the backup ended"
    );

    let restored = open(&dir, "restored.db").await;
    restored.restore(taken.as_slice()).await.unwrap();
    assert_eq!(restored.integrity_check().await.unwrap(), "ok");
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM children_counts WHERE rci_id = $1")
        .bind(rci)
        .fetch_all(restored.pool())
        .await
        .unwrap();
    for id in &before {
        assert!(
            ids.contains(id),
            "snapshot {id}, saved before the backup, is missing"
        );
    }
}

#[tokio::test]
async fn a_refused_restore_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let original = open(&dir, "original.db").await;
    demo::load(&original, today()).await.unwrap();
    let whole = backup(&original).await;

    // Into a database that holds records: refused, and they stay as they were.
    let before = backup(&original).await;
    let err = original.restore(whole.as_slice()).await.unwrap_err();
    assert!(err.to_string().contains("empty database"), "{err}");
    assert_eq!(records(&backup(&original).await), records(&before));

    let empty = open(&dir, "empty.db").await;
    let text = String::from_utf8(whole.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let cut = lines[..lines.len() - 3].join("\n");
    let other_format = text.replacen("homeward-backup", "something-else", 1);
    let bad_value = text.replacen("\n[", "\n[{\"x\":1},", 1);
    for (what, file) in [
        ("cut short", cut.as_str()),
        ("another format", other_format.as_str()),
        ("a value of the wrong kind", bad_value.as_str()),
        ("empty", ""),
        ("not JSON", "PK\u{3}\u{4} a spreadsheet"),
    ] {
        let err = empty.restore(file.as_bytes()).await.unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{what}: {err:?}");
        assert!(err.to_string().starts_with("not a backup"), "{what}: {err}");
        assert!(
            empty.is_empty().await.unwrap(),
            "{what} left records behind"
        );
    }
}

/// One file moves an organisation from SQLite to PostgreSQL and back: demo and generated data →
/// backup → restore into the other database → backup again → the same records. Needs a
/// PostgreSQL server (`HOMEWARD_TEST_POSTGRES`, which `scripts/test` sets for its second pass).
#[tokio::test]
async fn a_backup_moves_between_sqlite_and_postgresql() {
    if std::env::var(homeward_store::db::TEST_POSTGRES).is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(&dir.path().join("from.db")).await.unwrap();
    assert_eq!(sqlite.backend(), Backend::Sqlite);
    demo::load(&sqlite, today()).await.unwrap();
    generate::generate(&sqlite, 8, 3, today()).await.unwrap();
    let file = attach_evidence(&sqlite).await;
    let (secret, scope) = add_api_tokens(&sqlite).await;
    let first = backup(&sqlite).await;

    let postgres = open(&dir, "moved").await;
    assert_eq!(postgres.backend(), Backend::Postgres);
    postgres.restore(first.as_slice()).await.unwrap();
    let second = backup(&postgres).await;
    assert_eq!(
        String::from_utf8_lossy(records(&second)),
        String::from_utf8_lossy(records(&first))
    );
    assert_eq!(
        postgres.evidence_content(file).await.unwrap(),
        sqlite.evidence_content(file).await.unwrap()
    );
    let found = postgres
        .api_token_scope(&secret, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(found.map(|(_, s)| s), Some(scope));
    // New records on PostgreSQL go on from the restored ids.
    let rci = postgres.rcis().await.unwrap()[0].id;
    let by = Editor {
        user_id: None,
        name: Name::parse("Chan Sokha").unwrap(),
        source: None,
    };
    postgres
        .record_counts(rci, counts(3), &by, today())
        .await
        .unwrap();

    let back = Store::open(&dir.path().join("back.db")).await.unwrap();
    back.restore(backup(&postgres).await.as_slice())
        .await
        .unwrap();
    assert_eq!(back.integrity_check().await.unwrap(), "ok");
    assert_eq!(
        records(&backup(&back).await),
        records(&backup(&postgres).await)
    );
}
