//! Importing a spreadsheet through the router: an adviser's file with problems, then fixed and
//! confirmed; the partners export importing unchanged; bad files refused, changing nothing; and
//! each user's file their own.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

use crate::common::{body_text, dump, run, world, Caller, World};

pub fn upload(w: &World, caller: Caller, name: &str, bytes: &[u8]) -> Request<Body> {
    let boundary = "homeward-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = Request::builder()
        .method("POST")
        .uri("/import")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
    if let Some(cookie) = w.cookie(caller) {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::from(body)).unwrap()
}

pub async fn call(router: &axum::Router, req: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(req).await.unwrap();
    let status = response.status();
    (status, body_text(response).await)
}

/// The import page as `caller` sees it.
pub async fn page(w: &World, router: &axum::Router, caller: Caller) -> (StatusCode, String) {
    call(router, w.request(caller, "GET", "/import", "")).await
}

fn fingerprint(page: &str) -> String {
    let at = page
        .find("name=\"fingerprint\" value=\"")
        .expect("a confirm button")
        + 26;
    page[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

#[test]
fn an_adviser_fixes_a_files_problems_and_imports_it() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("import-adviser").await;
        let before = dump(&store).await;
        let revision = store.revision().await.unwrap();
        let bad = "Name (English),Province,Transition start\r\n\
                   Sunrise Home,Batambang,2026-01-05\r\n\
                   Moonrise Home,Kampot,05/01/2026\r\n";
        let (status, _) = call(
            &router,
            upload(&w, Caller::Adviser, "partners.csv", bad.as_bytes()),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, body) = page(&w, &router, Caller::Adviser).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a file with problems");
        let problems = [
            "partners, row 2, Province: unknown province \"Batambang\" — did you mean Battambang?",
            "partners, row 3, Transition start: '05/01/2026' is not a date Homeward can read for certain",
        ];
        let first = body.find(problems[0]).unwrap_or_else(|| panic!("{body}"));
        let second = body.find(problems[1]).unwrap_or_else(|| panic!("{body}"));
        assert!(first < second, "problems in the file's order");
        assert!(
            !body.contains("name=\"fingerprint\""),
            "no import of a file with problems"
        );
        assert_eq!(dump(&store).await, before, "checking changes nothing");
        assert_eq!(
            store.revision().await.unwrap(),
            revision,
            "not even the revision"
        );

        let good = bad
            .replace("Batambang", "Battambang")
            .replace("05/01/2026", "2026-01-05");
        call(
            &router,
            upload(&w, Caller::Adviser, "partners.csv", good.as_bytes()),
        )
        .await;
        let (status, body) = page(&w, &router, Caller::Adviser).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("Sunrise Home") && body.contains("Moonrise Home"));
        let confirm = format!("fingerprint={}", fingerprint(&body));
        let (status, text) = call(
            &router,
            w.request(Caller::Adviser, "POST", "/api/confirm_import", &confirm),
        )
        .await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{status} {text}"
        );

        let rcis = store.rcis().await.unwrap();
        let sunrise = rcis
            .iter()
            .find(|r| r.value.name_en.as_str() == "Sunrise Home")
            .unwrap();
        assert_eq!(sunrise.value.province.as_str(), "Battambang");
        assert_eq!(
            sunrise.value.adviser_id,
            Some(w.adviser_id),
            "the adviser leads what they import"
        );
        let history = store.history(sunrise.id, 5).await.unwrap();
        assert!(
            history[0].label.ends_with("(imported from partners.csv)"),
            "{history:?}"
        );
        let (_, body) = page(&w, &router, Caller::Adviser).await;
        assert!(
            body.contains("Imported.") && body.contains(&format!("/rcis/{}", sunrise.id)),
            "{body}"
        );
    })
}

#[test]
fn steps_of_an_rci_not_ones_own_are_refused_and_ones_own_are_imported() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("import-steps").await;
        let own = store.rci(w.own_rci).await.unwrap().value.name_en;
        let other = store.rci(w.other_rci).await.unwrap().value.name_en;
        let today = app::server::today();
        let csv = format!(
            "RCI,Step,Status,Done on\r\n{own},trace_relatives,Done,{today}\r\n{other},trace_relatives,Done,{today}\r\n"
        );
        call(
            &router,
            upload(&w, Caller::Adviser, "steps.csv", csv.as_bytes()),
        )
        .await;
        let (status, body) = page(&w, &router, Caller::Adviser).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains(&format!(
                "row 3, RCI (name or MoSVY number): you may not change {other}"
            )),
            "{body}"
        );

        let csv = format!("RCI,Step,Status,Done on\r\n{own},trace_relatives,Done,{today}\r\n");
        call(
            &router,
            upload(&w, Caller::Adviser, "steps.csv", csv.as_bytes()),
        )
        .await;
        let (status, body) = page(&w, &router, Caller::Adviser).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let confirm = format!("fingerprint={}", fingerprint(&body));
        call(
            &router,
            w.request(Caller::Adviser, "POST", "/api/confirm_import", &confirm),
        )
        .await;
        let step = store
            .checklist(w.own_rci)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.value.key.as_str() == "trace_relatives")
            .unwrap();
        assert_eq!(step.value.status.done_on(), Some(today));
    })
}

#[test]
fn the_partners_export_imports_unchanged() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("import-round-trip").await;
        let before = dump(&store).await;
        let revision = store.revision().await.unwrap();
        for export in ["partners.csv", "partners.xlsx"] {
            let response = router
                .clone()
                .oneshot(w.request(Caller::Admin, "GET", &format!("/exports/{export}"), ""))
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
                .await
                .unwrap();
            let (status, _) = call(&router, upload(&w, Caller::Admin, export, &bytes)).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let (status, body) = page(&w, &router, Caller::Admin).await;
            assert_eq!(status, StatusCode::OK, "{export}: {body}");
            assert!(
                body.contains("This file holds nothing Homeward does not already have."),
                "{export}: {body}"
            );
            assert!(
                body.contains("Rows already in Homeward: 8"),
                "{export}: every demo partner: {body}"
            );
            assert!(
                !body.contains("name=\"fingerprint\""),
                "{export}: nothing to confirm"
            );
        }
        assert_eq!(dump(&store).await, before);
        assert_eq!(
            store.revision().await.unwrap(),
            revision,
            "not even the revision"
        );
    })
}

/// A workbook with a formula in one cell and two merged cells.
fn workbook_with_formula_and_merge() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("RCIs").unwrap();
    ws.write_string(0, 0, "Name (English)").unwrap();
    ws.write_string(0, 1, "Province").unwrap();
    ws.write_string(0, 2, "Transition start").unwrap();
    ws.write_string(1, 0, "Sunrise Home").unwrap();
    ws.write_formula(1, 1, "=\"Kampot\"").unwrap();
    ws.write_string(1, 2, "2026-01-05").unwrap();
    ws.merge_range(2, 0, 2, 1, "Merged", &rust_xlsxwriter::Format::new())
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn bad_files_are_refused_with_a_reason_and_change_nothing() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("import-bad").await;
        let before = dump(&store).await;
        let revision = store.revision().await.unwrap();

        let big = vec![b'a'; 6 << 20];
        let (status, text) = call(&router, upload(&w, Caller::Admin, "big.csv", &big)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{text}");
        assert!(text.contains("at most 5 MB"), "{text}");

        call(
            &router,
            upload(
                &w,
                Caller::Admin,
                "old.xls",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old",
            ),
        )
        .await;
        let (status, body) = page(&w, &router, Caller::Admin).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains("save it as an Excel workbook (.xlsx) or as CSV (UTF-8)"),
            "{body}"
        );

        call(
            &router,
            upload(
                &w,
                Caller::Admin,
                "formula.xlsx",
                &workbook_with_formula_and_merge(),
            ),
        )
        .await;
        let (status, body) = page(&w, &router, Caller::Admin).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("RCIs: merged cells (A3:B3)"), "{body}");
        assert!(body.contains("RCIs, row 2, Province: a formula"), "{body}");

        call(&router, upload(&w, Caller::Admin, "empty.csv", b" , \r\n")).await;
        let (_, body) = page(&w, &router, Caller::Admin).await;
        assert!(body.contains("the file is empty"), "{body}");

        for caller in [Caller::Director, Caller::Viewer] {
            let (status, _) = call(&router, upload(&w, caller, "a.csv", b"name\r\nX\r\n")).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{caller:?}");
            let (status, _) = page(&w, &router, caller).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{caller:?}");
        }
        let (status, _) = call(
            &router,
            upload(&w, Caller::Anonymous, "a.csv", b"name\r\nX\r\n"),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(dump(&store).await, before);
        assert_eq!(
            store.revision().await.unwrap(),
            revision,
            "not even the revision"
        );
    })
}

#[test]
fn a_confirmation_of_another_preview_or_another_users_file_imports_nothing() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("import-stale").await;
        let csv = "Name (English),Province,Transition start\r\nSunrise Home,Kampot,2026-01-05\r\n";
        call(&router, upload(&w, Caller::Admin, "a.csv", csv.as_bytes())).await;
        let (_, body) = page(&w, &router, Caller::Admin).await;
        let right = fingerprint(&body);
        let before = dump(&store).await;
        let revision = store.revision().await.unwrap();

        let (_, adviser_page) = page(&w, &router, Caller::Adviser).await;
        assert!(
            !adviser_page.contains("Sunrise Home"),
            "the admin's file is theirs alone"
        );
        let (status, _) = call(
            &router,
            w.request(
                Caller::Adviser,
                "POST",
                "/api/confirm_import",
                &format!("fingerprint={right}"),
            ),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "the adviser has no file to confirm"
        );

        let (status, text) = call(
            &router,
            w.request(
                Caller::Admin,
                "POST",
                "/api/confirm_import",
                "fingerprint=12345",
            ),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{text}");
        assert_eq!(dump(&store).await, before);
        assert_eq!(
            store.revision().await.unwrap(),
            revision,
            "not even the revision"
        );
    })
}

#[test]
fn the_command_line_import_counts_problems_in_words_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partners.csv");
    std::fs::write(
        &file,
        "Name (English),Province,Transition start\r\nSunrise Home,Batambang,2026-01-05\r\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_homeward"))
        .arg("import")
        .arg(&file)
        .env("HOMEWARD_DB", dir.path().join("homeward.db"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("problem: partners, row 2, Province: unknown province \"Batambang\""),
        "{said}"
    );
    assert!(said.contains("1 problem: nothing was imported"), "{said}");
}

/// The file waits in the database, not in one server's memory: uploaded to one server, it is
/// previewed and confirmed on another, and that one's list of what was imported shows on the
/// first.
#[test]
fn a_file_uploaded_to_one_server_is_confirmed_on_another() {
    run(async {
        let w = world().await;
        let ((store, first), (_, second)) = w.two_servers("two").await;
        let file = "Name (English),Province,Transition start\nTonle Home,Kampot,2026-01-05\n";
        let (status, _) = call(
            &first,
            upload(&w, Caller::Adviser, "two.csv", file.as_bytes()),
        )
        .await;
        assert!(status.is_redirection(), "{status}");
        let (status, body) = page(&w, &second, Caller::Adviser).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(
            body.contains("Tonle Home"),
            "the other server previews it: {body}"
        );
        // Nobody else's: another user's page on either server holds no file.
        let (_, admin) = page(&w, &second, Caller::Admin).await;
        assert!(!admin.contains("Tonle Home"));
        let confirm = format!("fingerprint={}", fingerprint(&body));
        let (status, text) = call(
            &second,
            w.request(Caller::Adviser, "POST", "/api/confirm_import", &confirm),
        )
        .await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{status} {text}"
        );
        assert!(store
            .rcis()
            .await
            .unwrap()
            .iter()
            .any(|r| r.value.name_en.as_str() == "Tonle Home"));
        let (_, after) = page(&w, &first, Caller::Adviser).await;
        assert!(
            after.contains("Tonle Home") && !after.contains("name=\"fingerprint\""),
            "{after}"
        );
    })
}
