//! Evidence files, stored: each RCI's quota and everyone's refuse the file that would pass them
//! with nothing kept, and an inspection, read with its id, takes a file like a step does.

use chrono::Days;
use homeward_core::evidence::{clean, AttachedTo, EvidenceError, Quotas};
use homeward_core::history::Editor;
use homeward_core::regulation::InspectionInput;
use homeward_core::{Name, RciProfile};
use homeward_store::db::scratch;
use homeward_store::{Store, StoreError};

/// A PDF of `size` bytes, as the core keeps it.
fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(size - 6, b' ');
    bytes.extend_from_slice(b"%%EOF\n");
    let (_, kept) = clean(&bytes).unwrap();
    assert_eq!(kept.len(), size);
    kept
}

#[tokio::test]
async fn quotas_refuse_the_file_that_would_pass_them_and_keep_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "evidence", None).await.unwrap())
        .await
        .unwrap()
        .with_quotas(Quotas {
            per_rci: 1000,
            total: 1500,
        });
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let mut rcis = vec![];
    for name in ["Hope House", "Little Lotus", "Bright Futures"] {
        let profile = RciProfile::parse(name, "", "Kampot", "", today - Days::new(100)).unwrap();
        rcis.push(store.create_rci(&profile, &template).await.unwrap());
    }
    let by = Editor {
        user_id: None,
        name: Name::parse("Adviser Sokha").unwrap(),
        source: None,
    };
    let add = |rci: i64, size: usize| {
        let store = store.clone();
        let by = by.clone();
        async move {
            store
                .add_evidence(
                    rci,
                    None,
                    "mou.pdf",
                    homeward_core::evidence::FileKind::Pdf,
                    &pdf(size),
                    &by,
                    today,
                )
                .await
        }
    };
    add(rcis[0], 600).await.unwrap();
    // 600 + 500 passes the RCI's 1000: refused, with the limit in the message.
    let refused = add(rcis[0], 500).await.unwrap_err();
    assert!(matches!(
        refused,
        StoreError::Evidence(EvidenceError::RciFull(1000))
    ));
    // Exactly at the RCI's quota is taken.
    add(rcis[0], 400).await.unwrap();
    // Everyone's 1000 + 600 passes the total of 1500, though the other RCI has room.
    let refused = add(rcis[1], 600).await.unwrap_err();
    assert!(matches!(
        refused,
        StoreError::Evidence(EvidenceError::AllFull)
    ));
    add(rcis[1], 500).await.unwrap();
    assert!(matches!(
        add(rcis[2], 100).await.unwrap_err(),
        StoreError::Evidence(EvidenceError::AllFull)
    ));
    let mut sizes = vec![];
    for rci in rcis {
        let files = store.evidence_files(rci).await.unwrap();
        sizes.push(files.iter().map(|f| f.size).collect::<Vec<_>>());
    }
    assert_eq!(sizes, vec![vec![600, 400], vec![500], vec![]]);
}

#[tokio::test]
async fn an_inspection_read_with_its_id_takes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "inspection-files", None).await.unwrap())
        .await
        .unwrap();
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let template = store.template().await.unwrap();
    let profile =
        RciProfile::parse("Hope House", "", "Kampot", "", today - Days::new(100)).unwrap();
    let rci = store.create_rci(&profile, &template).await.unwrap();
    let by = Editor {
        user_id: None,
        name: Name::parse("Adviser Sokha").unwrap(),
        source: None,
    };
    let inspection = InspectionInput {
        inspected_on: (today - Days::new(3)).to_string(),
        by: "DoSVY Kampot".into(),
        outcome: "satisfactory".into(),
        follow_up_due: String::new(),
    }
    .parse(today)
    .unwrap();
    let id = store
        .record_inspection(rci, &inspection, &by)
        .await
        .unwrap();
    assert_eq!(
        store.inspections(rci).await.unwrap(),
        vec![(id, inspection)]
    );
    let file = store
        .add_evidence(
            rci,
            Some(AttachedTo::Inspection(id)),
            "report.pdf",
            homeward_core::evidence::FileKind::Pdf,
            &pdf(100),
            &by,
            today,
        )
        .await
        .unwrap();
    let files = store.evidence_files(rci).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].id, file);
    assert_eq!(files[0].attached, Some(AttachedTo::Inspection(id)));
}
