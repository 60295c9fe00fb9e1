//! Every page the app serves, and what each role (and a visitor not signed in) gets.

use std::collections::BTreeSet;

use axum::http::header;
use tower::ServiceExt;

use crate::common::*;

/// Every page route, and what each caller gets: a page (200), a redirect to sign in (303),
/// or "not found" (404).
#[test]
fn pages_answer_each_role_as_the_table_says() {
    run(async {
        let w = world().await;
        let (own, other) = (w.own_rci, w.other_rci);
        let table: Vec<(String, &str, [u16; 5])> = vec![
            ("/".into(), "/", [303, 200, 200, 200, 200]),
            ("/login".into(), "/login", [200, 200, 200, 200, 200]),
            (
                "/account/password".into(),
                "/account/password",
                [303, 200, 200, 200, 200],
            ),
            (
                "/admin/users".into(),
                "/admin/users",
                [303, 200, 404, 404, 404],
            ),
            (
                "/admin/changes".into(),
                "/admin/changes",
                [303, 200, 404, 404, 404],
            ),
            (
                "/admin/tokens".into(),
                "/admin/tokens",
                [303, 200, 404, 404, 404],
            ),
            (
                "/admin/changes?kind=nonsense".into(),
                "/admin/changes",
                [303, 400, 404, 404, 404],
            ),
            ("/rcis/new".into(), "/rcis/new", [303, 200, 200, 404, 404]),
            ("/tours".into(), "/tours", [303, 200, 200, 200, 200]),
            ("/my-work".into(), "/my-work", [303, 200, 200, 200, 200]),
            ("/offline".into(), "/offline", [303, 200, 200, 200, 200]),
            ("/outbox".into(), "/outbox", [303, 200, 200, 200, 200]),
            ("/compare".into(), "/compare", [303, 200, 200, 404, 200]),
            ("/report".into(), "/report", [303, 200, 200, 404, 200]),
            (
                format!("/report?quarter=2026-Q4&rci={own}"),
                "/report",
                [303, 200, 200, 200, 200],
            ),
            (
                format!("/report?rci={other}"),
                "/report",
                [303, 200, 200, 404, 200],
            ),
            // Who asks is checked before what they ask: a director may not open the
            // organisation's report at all, whatever its quarter.
            (
                "/report?quarter=2026-Q9".into(),
                "/report",
                [303, 400, 400, 404, 400],
            ),
            (
                format!("/report?quarter=2026-Q9&rci={own}"),
                "/report",
                [303, 400, 400, 400, 400],
            ),
            ("/tours/new".into(), "/tours/new", [303, 200, 200, 404, 404]),
            ("/import".into(), "/import", [303, 200, 200, 404, 404]),
            (
                "/admin/template".into(),
                "/admin/template",
                [303, 200, 404, 404, 404],
            ),
            (
                "/admin/readiness".into(),
                "/admin/readiness",
                [303, 200, 404, 404, 404],
            ),
            (
                format!("/tours/{}", w.own_tour),
                "/tours/{id}",
                [303, 200, 200, 200, 200],
            ),
            (
                format!("/tours/{}", w.other_tour),
                "/tours/{id}",
                [303, 200, 200, 404, 200],
            ),
            ("/trainings".into(), "/trainings", [303, 200, 200, 200, 200]),
            (
                "/trainings/new".into(),
                "/trainings/new",
                [303, 200, 200, 404, 404],
            ),
            (
                format!("/trainings/{}", w.training),
                "/trainings/{id}",
                [303, 200, 200, 200, 200],
            ),
            (
                "/trainings/99999".into(),
                "/trainings/{id}",
                [303, 404, 404, 404, 404],
            ),
            (
                format!("/rcis/{own}"),
                "/rcis/{id}",
                [303, 200, 200, 200, 200],
            ),
            (
                format!("/rcis/{other}"),
                "/rcis/{id}",
                [303, 200, 200, 404, 200],
            ),
            (
                "/rcis/99999".into(),
                "/rcis/{id}",
                [303, 404, 404, 404, 404],
            ),
            (
                format!("/rcis/{own}/checklist"),
                "/rcis/{id}/{section}",
                [303, 200, 200, 200, 200],
            ),
            (
                format!("/rcis/{own}/history?page=1"),
                "/rcis/{id}/{section}",
                [303, 200, 200, 200, 200],
            ),
            (
                format!("/rcis/{other}/children"),
                "/rcis/{id}/{section}",
                [303, 200, 200, 404, 200],
            ),
            (
                format!("/rcis/{own}/budget"),
                "/rcis/{id}/{section}",
                [303, 404, 404, 404, 404],
            ),
            (
                format!("/rcis/{own}/history?page=4294967295"),
                "/rcis/{id}/{section}",
                [303, 404, 404, 404, 404],
            ),
        ];
        let routes: BTreeSet<String> = routes().iter().map(|r| r.path().to_string()).collect();
        let listed: BTreeSet<String> = table.iter().map(|(_, r, _)| r.to_string()).collect();
        assert_eq!(routes, listed, "every page needs rows in the access table");

        let (_, router) = w.fresh("pages").await;
        for (uri, _, expected) in &table {
            for (caller, want) in CALLERS.into_iter().zip(expected) {
                let response = router
                    .clone()
                    .oneshot(w.request(caller, "GET", uri, ""))
                    .await
                    .unwrap();
                assert_eq!(
                    response.status().as_u16(),
                    *want,
                    "{caller:?} opening {uri}"
                );
                if *want == 303 {
                    let to = response.headers()[header::LOCATION].to_str().unwrap();
                    assert!(to.starts_with("/login?next="), "{caller:?} {uri} → {to}");
                }
            }
        }
    })
}

/// Exports and pages (like the app's code) travel compressed to a browser that accepts it, and
/// come back byte for byte.
#[test]
fn exports_and_pages_are_compressed() {
    run(async {
        let w = world().await;
        let (_, router) = w.fresh("compression").await;
        let fetch = |uri: &str, encoding: &str| {
            let mut req = w.request(Caller::Viewer, "GET", uri, "");
            req.headers_mut()
                .insert(header::ACCEPT_ENCODING, encoding.parse().unwrap());
            router.clone().oneshot(req)
        };
        let bytes = |r: axum::response::Response| axum::body::to_bytes(r.into_body(), 10 << 20);
        let csv = "/exports/partners.csv";

        let plain = fetch(csv, "identity").await.unwrap();
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let plain = bytes(plain).await.unwrap();
        assert!(plain.len() > 1024, "the demo export is worth compressing");

        let gzip = fetch(csv, "gzip").await.unwrap();
        assert_eq!(gzip.headers()[header::CONTENT_ENCODING], "gzip");
        let packed = bytes(gzip).await.unwrap();
        assert!(
            packed.len() < plain.len(),
            "{} of {}",
            packed.len(),
            plain.len()
        );
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&packed[..]),
            &mut unpacked,
        )
        .unwrap();
        assert_eq!(unpacked, plain);

        let brotli = fetch(csv, "gzip, deflate, br").await.unwrap();
        assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");

        let page = fetch("/compare", "gzip").await.unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(page.headers()[header::CONTENT_ENCODING], "gzip");
        let mut html = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&bytes(page).await.unwrap()[..]),
            &mut html,
        )
        .unwrap();
        assert!(html.contains("<table"));
    })
}

/// Pages are rendered on the server and carry their data once, as HTML: no copy of it as JSON
/// for hydration (only the few islands hydrate, and they get what they need as props).
#[test]
fn pages_carry_their_data_once() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("once").await;
        let name = store
            .rci(w.own_rci)
            .await
            .unwrap()
            .value
            .name_en
            .to_string();
        for section in [
            "",
            "/checklist",
            "/children",
            "/follow-ups",
            "/activities",
            "/history",
        ] {
            let uri = format!("/rcis/{}{section}", w.own_rci);
            let req = w.request(Caller::Adviser, "GET", &uri, "");
            let html = body_text(router.clone().oneshot(req).await.unwrap()).await;
            assert!(html.contains(&name), "{uri} rendered");
            for json in [
                "\"counts_history\"",
                "\"progress_over_time\"",
                "\"items\":[",
                "\"name_en\"",
                "\"entries\"",
            ] {
                assert!(
                    !html.contains(json),
                    "{uri} carries its data again as JSON: {json}"
                );
            }
            assert!(
                html.contains("<leptos-island"),
                "{uri}'s islands are marked for hydration"
            );
        }
    })
}
