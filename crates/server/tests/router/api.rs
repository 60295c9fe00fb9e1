//! The read-only API (`/api/v1`): every route for every kind of token, through the very router
//! the binary serves, asserting on the bodies: a token limited to one RCI never sees another's
//! name, and no answer carries a note.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Utc;
use homeward_core::api_tokens::{NewToken, TokenScope};
use homeward_core::Name;
use homeward_store::Store;
use serde_json::Value;
use tower::ServiceExt;

use crate::common::*;

/// Who calls the API: no token, one no token has, a revoked one, every partner, one RCI
/// ([`secrets`] in this order, as the table's columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bearer {
    None,
    Unknown,
    Revoked,
    AllPartners,
    OwnRci,
}

/// The secrets of each kind of token, created on `store` by its admin.
async fn secrets(store: &Store, own: i64) -> Vec<(Bearer, Option<String>)> {
    let admin = store
        .user_by_login(&homeward_core::accounts::Login::parse("demo.admin").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let admin =
        &homeward_core::history::Editor::user(admin, Name::parse("Demo Administrator").unwrap());
    let create = |scope| {
        let new = NewToken {
            name: Name::parse("Dashboard").unwrap(),
            scope,
        };
        async move {
            store
                .create_api_token(&new, admin, Utc::now())
                .await
                .unwrap()
        }
    };
    let (revoked_id, revoked) = create(TokenScope::AllPartners).await;
    store
        .revoke_api_token(revoked_id, admin, Utc::now())
        .await
        .unwrap();
    vec![
        (Bearer::None, None),
        (Bearer::Unknown, Some(format!("hw_{}", "0".repeat(64)))),
        (Bearer::Revoked, Some(revoked)),
        (
            Bearer::AllPartners,
            Some(create(TokenScope::AllPartners).await.1),
        ),
        (
            Bearer::OwnRci,
            Some(create(TokenScope::Rcis([own].into())).await.1),
        ),
    ]
}

fn get(uri: &str, secret: Option<&str>) -> Request<Body> {
    let mut req = Request::builder()
        .uri(uri)
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(secret) = secret {
        req = req.header(header::AUTHORIZATION, format!("Bearer {secret}"));
    }
    req.body(Body::empty()).unwrap()
}

async fn call(
    router: &axum::Router,
    uri: &str,
    secret: Option<&str>,
) -> (StatusCode, Value, String) {
    let response = router.clone().oneshot(get(uri, secret)).await.unwrap();
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.to_str().unwrap().starts_with("application/json"));
    assert!(json, "{uri} answered {status} without JSON");
    let text = body_text(response).await;
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{uri}: {e} in {text}"));
    (status, value, text)
}

/// Every route (as the OpenAPI document names it), a path to call, and the status for each
/// bearer in [`BEARERS`] order.
fn table(own: i64, other: i64) -> Vec<(&'static str, String, [u16; 5])> {
    let token = [401, 401, 401, 200, 200];
    vec![
        ("/api/v1/partners", "/api/v1/partners".into(), token),
        (
            "/api/v1/partners/{id}",
            format!("/api/v1/partners/{own}"),
            token,
        ),
        (
            "/api/v1/partners/{id}",
            format!("/api/v1/partners/{other}"),
            [401, 401, 401, 200, 404],
        ),
        (
            "/api/v1/partners/{id}",
            "/api/v1/partners/x".into(),
            [401, 401, 401, 404, 404],
        ),
        (
            "/api/v1/comparison",
            "/api/v1/comparison?sort=overall&dir=desc".into(),
            token,
        ),
        (
            "/api/v1/comparison",
            "/api/v1/comparison?page=2&page=3".into(),
            [401, 401, 401, 400, 400],
        ),
        ("/api/v1/quarters", "/api/v1/quarters".into(), token),
        ("/api/v1/tours", "/api/v1/tours".into(), token),
        ("/api/v1/trainings", "/api/v1/trainings".into(), token),
        (
            "/api/v1/openapi.json",
            "/api/v1/openapi.json".into(),
            [200; 5],
        ),
    ]
}

#[test]
fn every_route_answers_each_token_as_the_table_says_and_only_within_its_reach() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("api").await;
        let (own, other) = (w.own_rci, w.other_rci);
        let name = |id: i64| {
            let store = store.clone();
            async move { store.rci(id).await.unwrap().value.name_en.to_string() }
        };
        let (own_name, other_name) = (name(own).await, name(other).await);
        let every_name: Vec<String> = store
            .rcis()
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.value.name_en.to_string())
            .collect();
        let notes: Vec<String> = store
            .tours()
            .await
            .unwrap()
            .into_iter()
            .flat_map(|t| {
                [
                    t.value.objectives.as_str().to_string(),
                    t.value.title.to_string(),
                ]
            })
            .filter(|n| !n.is_empty())
            .collect();
        assert!(!notes.is_empty());
        let secrets = secrets(&store, own).await;
        for (route, uri, expect) in table(own, other) {
            for ((bearer, secret), status) in secrets.iter().zip(expect) {
                let what = format!("{bearer:?} asking {uri} ({route})");
                let (got, body, text) = call(&router, &uri, secret.as_deref()).await;
                assert_eq!(got.as_u16(), status, "{what}: {text}");
                if status != 200 {
                    assert_eq!(body["status"], status, "{what}: {text}");
                    assert!(
                        body["message"].as_str().is_some_and(|m| !m.is_empty()),
                        "{what}"
                    );
                    continue;
                }
                for note in &notes {
                    assert!(!text.contains(note.as_str()), "{what} carries {note:?}");
                }
                if *bearer == Bearer::OwnRci {
                    assert!(!text.contains(&other_name), "{what} names {other_name}");
                }
                match (route, *bearer) {
                    ("/api/v1/partners", Bearer::AllPartners) => {
                        assert_eq!(body["page"]["total"], every_name.len(), "{what}");
                        for n in &every_name {
                            assert!(text.contains(n.as_str()), "{what} lacks {n}");
                        }
                    }
                    ("/api/v1/partners", Bearer::OwnRci) => {
                        assert_eq!(body["page"]["total"], 1, "{what}");
                        assert_eq!(body["partners"][0]["id"], own, "{what}");
                        assert_eq!(body["partners"][0]["name"], own_name.as_str(), "{what}");
                        assert!(body["partners"][0].get("director").is_none(), "{what}");
                    }
                    ("/api/v1/partners/{id}", _) => {
                        assert_eq!(body["profile"]["id"], body["summary"]["rci_id"], "{what}");
                    }
                    ("/api/v1/comparison", Bearer::AllPartners) => {
                        assert_eq!(body["totals"]["rcis"], every_name.len(), "{what}");
                        let overall: Vec<u64> = body["rows"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|r| r["overall_percent"].as_u64().unwrap())
                            .collect();
                        assert!(
                            overall.windows(2).all(|p| p[0] >= p[1]),
                            "{what}: {overall:?}"
                        );
                    }
                    ("/api/v1/comparison", Bearer::OwnRci) => {
                        assert_eq!(body["totals"]["rcis"], 1, "{what}");
                        assert_eq!(body["rows"][0]["rci_id"], own, "{what}");
                    }
                    ("/api/v1/quarters", _) => {
                        assert_eq!(body["quarters"].as_array().unwrap().len(), 8, "{what}");
                    }
                    ("/api/v1/tours", _) | ("/api/v1/trainings", _) => {
                        assert!(
                            body["all_time"]["activities"].as_u64().unwrap() > 0,
                            "{what}"
                        );
                    }
                    _ => {}
                }
            }
        }
        // A token reads the figures of its own partners only: the demo's tours, counted for
        // the one RCI, are those it took part in.
        let one = secrets[4].1.as_deref();
        let (_, tours, _) = call(&router, "/api/v1/tours", one).await;
        let involving = store.tours_involving(own).await.unwrap().len();
        assert_eq!(tours["all_time"]["activities"], involving);
        let (_, everyone, _) = call(&router, "/api/v1/tours", secrets[3].1.as_deref()).await;
        assert_eq!(
            everyone["all_time"]["activities"],
            store.tours().await.unwrap().len()
        );
        // Refusals say how to authenticate.
        let response = router
            .clone()
            .oneshot(get("/api/v1/partners", None))
            .await
            .unwrap();
        assert_eq!(
            response.headers().get(header::WWW_AUTHENTICATE).unwrap(),
            "Bearer"
        );
        // The scheme's case does not matter; what is not a secret's shape is refused unread.
        let lower = Request::builder()
            .uri("/api/v1/quarters")
            .header(
                header::AUTHORIZATION,
                format!("bearer {}", secrets[3].1.as_deref().unwrap()),
            )
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            router.clone().oneshot(lower).await.unwrap().status(),
            StatusCode::OK
        );
        let (status, _, _) = call(&router, "/api/v1/quarters", Some("hw_short")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // A session does not open the API.
        let with_cookie = w.request(Caller::Admin, "GET", "/api/v1/partners", "");
        let response = router.clone().oneshot(with_cookie).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let (status, body, _) = call(&router, "/api/v1/nothing", secrets[3].1.as_deref()).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found"))
        );
    })
}

#[test]
fn the_openapi_document_describes_every_route_of_the_table() {
    run(async {
        let w = world().await;
        let (_, router) = w.fresh("api-doc").await;
        let (status, doc, _) = call(&router, "/api/v1/openapi.json", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(doc["openapi"], "3.1.0");
        let documented: std::collections::BTreeSet<String> =
            doc["paths"].as_object().unwrap().keys().cloned().collect();
        let tested: std::collections::BTreeSet<String> = table(1, 2)
            .into_iter()
            .map(|(route, _, _)| route.to_string())
            .filter(|r| r != "/api/v1/openapi.json")
            .collect();
        assert_eq!(documented, tested);
        assert!(doc["components"]["securitySchemes"]["token"]["scheme"] == "bearer");
        for schema in [
            "Partners",
            "Partner",
            "Comparison",
            "Quarters",
            "Activities",
            "Trainings",
            "Problem",
        ] {
            assert!(
                doc["components"]["schemas"][schema].is_object(),
                "{schema} missing"
            );
        }
        // Every answer is described, refusals included.
        for (path, item) in doc["paths"].as_object().unwrap() {
            let responses = item["get"]["responses"].as_object().unwrap();
            assert!(
                responses.contains_key("200") && responses.contains_key("401"),
                "{path}"
            );
            assert!(
                responses
                    .values()
                    .all(|r| r["description"].as_str().is_some_and(|d| !d.is_empty())),
                "{path}"
            );
        }
    })
}

#[test]
fn a_token_over_its_rate_waits_while_others_go_on() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("api-rate").await;
        let secrets = secrets(&store, w.own_rci).await;
        let (busy, other) = (secrets[3].1.as_deref(), secrets[4].1.as_deref());
        let uri = format!("/api/v1/partners/{}", w.own_rci);
        for n in 0..homeward_server::api::BURST {
            let (status, _, _) = call(&router, &uri, busy).await;
            assert_eq!(status, StatusCode::OK, "request {n}");
        }
        let response = router.clone().oneshot(get(&uri, busy)).await.unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
        let body: Value = serde_json::from_str(&body_text(response).await).unwrap();
        assert_eq!(body["code"], "too_many_requests");
        let (status, _, _) = call(&router, &uri, other).await;
        assert_eq!(status, StatusCode::OK);
    })
}

/// The admin's page: a token created there is shown once, works, and stops when revoked.
#[test]
fn an_admin_creates_a_token_sees_it_once_and_revokes_it() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("api-admin").await;
        let own = w.own_rci;
        let send = |caller, method: &'static str, uri: String, body: String| {
            let router = router.clone();
            let req = w.request(caller, method, &uri, &body);
            async move {
                let response = router.oneshot(req).await.unwrap();
                (response.status(), body_text(response).await)
            }
        };
        let (status, _) = send(
            Caller::Admin,
            "POST",
            "/api/create_api_token".into(),
            format!("token[name]=Donor+board&token[scope]=rcis&token[rci_{own}]=on"),
        )
        .await;
        assert!(status.is_success() || status.is_redirection(), "{status}");
        // A user created meanwhile: each page shows its own one-time message, not the other's.
        let (status, _) = send(
            Caller::Admin,
            "POST",
            "/api/create_user".into(),
            "login=new.person&display_name=New+Person&role=viewer&rci_id=".into(),
        )
        .await;
        assert!(status.is_success() || status.is_redirection(), "{status}");
        let (_, users) = send(Caller::Admin, "GET", "/admin/users".into(), String::new()).await;
        assert!(users.contains("One-time password") && !users.contains("hw_"));
        let (_, page) = send(Caller::Admin, "GET", "/admin/tokens".into(), String::new()).await;
        assert!(!page.contains("One-time password"));
        let start = page.find("hw_").expect("the secret is shown once");
        let secret: String = page[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        assert_eq!(secret.len(), 67);
        assert!(page.contains("Donor board"));
        let (_, again) = send(Caller::Admin, "GET", "/admin/tokens".into(), String::new()).await;
        assert!(!again.contains(&secret), "the secret is shown only once");
        assert!(again.contains("Donor board") && again.contains("Never"));
        let hashes: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM api_tokens")
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert!(hashes.iter().all(|h| !h.contains(&secret[3..])));

        let (status, body, _) = call(&router, "/api/v1/partners", Some(&secret)).await;
        assert_eq!(
            (status, body["page"]["total"].as_u64()),
            (StatusCode::OK, Some(1))
        );
        let (_, used) = send(Caller::Admin, "GET", "/admin/tokens".into(), String::new()).await;
        assert!(!used.contains("Never"), "its last use is shown");

        // A list naming no RCI is refused and keeps nothing.
        let before = dump(&store).await;
        let (status, _) = send(
            Caller::Admin,
            "POST",
            "/api/create_api_token".into(),
            "token[name]=Empty&token[scope]=rcis".into(),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(dump(&store).await, before);

        let id = store.api_tokens().await.unwrap()[0].id;
        let (status, _) = send(
            Caller::Admin,
            "POST",
            "/api/revoke_api_token".into(),
            format!("id={id}"),
        )
        .await;
        assert!(status.is_success() || status.is_redirection(), "{status}");
        let (status, _, _) = call(&router, "/api/v1/partners", Some(&secret)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (_, revoked) = send(Caller::Admin, "GET", "/admin/tokens".into(), String::new()).await;
        assert!(revoked.contains("Revoked"));
        // Who created it, what it reads and who revoked it are in the change history, worded.
        let (_, changes) = send(
            Caller::Admin,
            "GET",
            "/admin/changes?kind=api_token".into(),
            String::new(),
        )
        .await;
        let own_name = store.rci(own).await.unwrap().value.name_en.to_string();
        assert!(changes.contains("Donor board") && changes.contains("May read"));
        assert!(
            changes.contains(&format!("<span translate=\"no\">{own_name}</span>")),
            "the RCI by name"
        );
        assert!(changes.contains("Demo Administrator") && changes.contains("Active"));
    })
}
