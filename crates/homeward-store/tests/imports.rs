//! Imports written to a real database: everything in one transaction, named in the history,
//! and nothing at all when a record changed after the plan was made.

use chrono::{Days, NaiveDate};
use homeward_core::accounts::{Actor, Role};
use homeward_core::history::Editor;
use homeward_core::imports::{self, Cell, Context, Directory, Plan, Sheet, Workbook};
use homeward_core::{ItemChange, ItemStatus, Name, Note, RciProfile};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

fn today() -> NaiveDate {
    homeward_core::calendar::cambodia_date(chrono::Utc::now())
}

async fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "homeward", None).await.unwrap())
        .await
        .unwrap();
    (dir, store)
}

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.into(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| Cell::Text(c.to_string())).collect())
            .collect(),
        ..Sheet::default()
    }
}

fn admin() -> Editor {
    Editor {
        user_id: None,
        name: Name::parse("Admin Dara").unwrap(),
        source: None,
    }
}

async fn plan(store: &Store, book: &Workbook) -> Plan {
    let read = imports::read(book);
    let rcis = store.rcis().await.unwrap();
    let directory = Directory::new(rcis.iter().map(|r| (r.id, &r.value)));
    let ids = read.mentioned(&directory);
    let cx = Context {
        known: store.import_context(&ids, |_| true).await.unwrap(),
        template: store.template().await.unwrap(),
        advisers: vec![],
        vocabulary: Default::default(),
        indicators: store.asked_indicators().await.unwrap(),
        actor: Actor {
            user_id: 1,
            role: Role::Admin,
            rci_id: None,
            assigned_rcis: vec![],
        },
        today: today(),
    };
    imports::plan(&read, &directory, &cx)
}

fn book() -> Workbook {
    let start = (today() - Days::new(200)).to_string();
    let done = (today() - Days::new(3)).to_string();
    let counted = (today() - Days::new(2)).to_string();
    let mut counts: Vec<String> = vec!["rci".into(), "as_of".into()];
    let mut values: Vec<String> = vec!["Sunrise Home".into(), counted];
    for field in homeward_core::CountField::ALL {
        let (t, f) = field.form_names();
        counts.extend([t, f]);
        let (total, girls) = if field == homeward_core::CountField::Baseline {
            ("10", "5")
        } else {
            ("1", "0")
        };
        values.extend([total.to_string(), girls.to_string()]);
    }
    let counts: Vec<&str> = counts.iter().map(String::as_str).collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    Workbook {
        file_name: "partners.xlsx".into(),
        sheets: vec![
            sheet(
                "RCIs",
                &[
                    &["name_en", "province", "transition_start"],
                    &["Sunrise Home", "Takeo", &start],
                    &["Hope House", "Kep", &start],
                ],
            ),
            sheet("Children", &[&counts, &values]),
            sheet(
                "Checklist",
                &[
                    &["rci", "step", "status", "done_on"],
                    &["Hope House", "assess_children", "done", &done],
                ],
            ),
            sheet(
                "Staff",
                &[
                    &[
                        "rci",
                        "staff_on",
                        "staff_change",
                        "staff_total",
                        "staff_female",
                    ],
                    &["Hope House", &done, "redeployed", "3", "2"],
                ],
            ),
            sheet(
                "Funding",
                &[
                    &["rci", "funding_on", "donor", "amount", "currency", "to_use"],
                    &[
                        "Hope House",
                        &done,
                        "Friends of Kep",
                        "12,000",
                        "USD",
                        "Family support",
                    ],
                ],
            ),
            sheet(
                "Placements",
                &[
                    &[
                        "rci",
                        "code",
                        "placed_on",
                        "placement_kind",
                        "placed_total",
                        "placed_female",
                        "age_band",
                    ],
                    &[
                        "Hope House",
                        "HH-01",
                        &start,
                        "foster_care",
                        "2",
                        "1",
                        "5_11",
                    ],
                ],
            ),
            sheet(
                "Placement visits",
                &[
                    &["rci", "visit_code", "placement_visited_on", "outcome"],
                    &["Hope House", "HH-01", &done, "at_risk"],
                ],
            ),
        ],
    }
}

#[tokio::test]
async fn an_import_writes_everything_at_once_and_the_history_names_the_file() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let start = today() - Days::new(300);
    let hope = RciProfile::parse("Hope House", "", "Kampot", "", start).unwrap();
    let hope_id = store.create_rci(&hope, &template).await.unwrap();

    let plan = plan(&store, &book()).await;
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let ids = store.import(&plan, &template, &admin()).await.unwrap();
    assert_eq!(ids[1], hope_id);

    let sunrise = store.rci(ids[0]).await.unwrap().value;
    assert_eq!(sunrise.province.as_str(), "Takeo");
    let counts = store.latest_counts(ids[0]).await.unwrap().unwrap().value;
    assert_eq!(counts.baseline.to_string(), "10 (5F)");
    assert_eq!(
        store.rci(hope_id).await.unwrap().value.province.as_str(),
        "Kep"
    );
    let item = store.checklist(hope_id).await.unwrap();
    let assess = item
        .iter()
        .find(|i| i.value.key.as_str() == "assess_children")
        .unwrap();
    assert!(assess.value.status.is_done());
    let history = store.history(hope_id, 10).await.unwrap();
    let imported: Vec<_> = history.iter().filter(|h| h.by == "Admin Dara").collect();
    assert_eq!(
        imported.len(),
        6,
        "the profile, the step, the staff, the funding, the placement and its visit: {history:#?}"
    );
    let placements = store.placements(hope_id).await.unwrap();
    assert_eq!(placements[0].value.placement.code.as_str(), "HH-01");
    assert_eq!(placements[0].value.visits.len(), 1);
    let changes = store.transformation(hope_id).await.unwrap();
    assert_eq!(changes.staff[0].staff.to_string(), "3 (2F)");
    assert_eq!(changes.funding[0].amount, 12_000);
    let summary = store.summary(hope_id).await.unwrap();
    assert_eq!(summary.transformation, changes, "the summary is refreshed");
    assert!(
        imported
            .iter()
            .all(|h| h.label.ends_with("(imported from partners.xlsx)")),
        "{imported:#?}"
    );

    // The same file again changes nothing.
    let again = self::plan(&store, &book()).await;
    assert!(!again.changes_anything(), "{:?}", again.rcis);
    assert_eq!(again.unchanged_rows, 8);
}

#[tokio::test]
async fn a_step_saved_after_the_preview_refuses_the_whole_import() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let hope = RciProfile::parse("Hope House", "", "Kampot", "", today() - Days::new(300)).unwrap();
    let hope_id = store.create_rci(&hope, &template).await.unwrap();
    let plan = plan(&store, &book()).await;

    // Someone blocks the step between the preview and the confirmation.
    let item = store.checklist(hope_id).await.unwrap();
    let assess = item
        .iter()
        .find(|i| i.value.key.as_str() == "assess_children")
        .unwrap();
    let blocked = ItemChange {
        status: ItemStatus::Blocked {
            reason: Note::parse("waiting for DoSVY").unwrap(),
        },
        evidence: Note::parse("").unwrap(),
        responsible: None,
        owner: None,
        due_on: None,
    };
    store
        .update_item(hope_id, assess.id, assess.version, &blocked, &admin())
        .await
        .unwrap();
    let rcis_before = store.rci_count().await.unwrap();

    let err = store.import(&plan, &template, &admin()).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    assert_eq!(
        store.rci_count().await.unwrap(),
        rcis_before,
        "Sunrise was not created"
    );
    assert_eq!(
        store.rci(hope_id).await.unwrap().value.province.as_str(),
        "Kampot"
    );
}

#[tokio::test]
async fn standing_and_readiness_import_once_and_again_unchanged() {
    let (_dir, store) = open().await;
    let template = store.template().await.unwrap();
    let profile =
        RciProfile::parse("Sunrise Home", "", "Kampot", "", today() - Days::new(300)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let on = (today() - Days::new(20)).to_string();
    let inspected = (today() - Days::new(30)).to_string();
    let book = Workbook {
        file_name: "standing.xlsx".into(),
        sheets: vec![
            sheet(
                "Inspections",
                &[
                    &["rci", "inspected_on", "inspected_by", "inspection_outcome"],
                    &["Sunrise Home", &inspected, "DoSVY Kampot", "satisfactory"],
                ],
            ),
            sheet(
                "Readiness",
                &[
                    &[
                        "rci",
                        "assessed_on",
                        "indicator",
                        "answer",
                        "indicator_note",
                    ],
                    &[
                        "Sunrise Home",
                        &on,
                        "director_wants_families",
                        "present",
                        "Said so",
                    ],
                    &["Sunrise Home", &on, "donor_may_withdraw", "present", ""],
                ],
            ),
        ],
    };
    let first = plan(&store, &book).await;
    assert!(
        first.problems.is_empty(),
        "{:?}",
        first.problems.lines(homeward_core::Lang::En)
    );
    store.import(&first, &template, &admin()).await.unwrap();
    assert_eq!(store.regulation(rci).await.unwrap().inspections.len(), 1);
    let recorded = store.assessments(rci).await.unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].assessment.answers.len(), 20);
    let summary = store.summary(rci).await.unwrap();
    assert_eq!(summary.readiness.len(), 1);

    // The same file again: every row already kept, nothing to write.
    let again = plan(&store, &book).await;
    assert!(!again.changes_anything());
    assert_eq!(again.unchanged_rows, 3);
}
