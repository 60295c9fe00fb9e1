//! Who may do what, proved through the very router the binary serves: every server function and
//! every page, for each role and for a caller who is not signed in.
//!
//! The tables below must name every server function and page the app registers; adding one
//! without deciding who may call it makes `every_server_function_is_in_the_table` fail.

use std::collections::BTreeSet;
use std::path::PathBuf;

use app::errors::AppError;
use app::server::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chrono::Utc;
use homeward_core::accounts::SessionPolicy;
use homeward_core::RiskSettings;
use homeward_store::{demo, Store};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

/// Who is calling: not signed in, or one of the four demo accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Admin,
    Adviser,
    Director,
    Viewer,
}

const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::Admin,
    Caller::Adviser,
    Caller::Director,
    Caller::Viewer,
];

impl Caller {
    fn login(self) -> Option<&'static str> {
        match self {
            Caller::Anonymous => None,
            Caller::Admin => Some("demo.admin"),
            Caller::Adviser => Some("demo.adviser"),
            Caller::Director => Some("demo.director"),
            Caller::Viewer => Some("demo.viewer"),
        }
    }
}

/// What a call must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Ok,
    NotFound,
    Forbidden,
    Unauthenticated,
}
use Expect::*;

/// The demo data, signed in once per role, copied fresh for every call so calls cannot affect
/// each other.
struct World {
    _dir: tempfile::TempDir,
    template: PathBuf,
    tokens: Vec<(Caller, String)>,
    /// RCI ids by demo position: 3 is the director's own and assigned to the adviser; 5 is neither.
    own_rci: i64,
    other_rci: i64,
    own_item: (i64, i64),
    other_item: (i64, i64),
    viewer_id: i64,
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    let store = Store::open(&template).await.unwrap();
    demo::load(&store, Utc::now().date_naive()).await.unwrap();
    let mut tokens = vec![];
    for caller in CALLERS {
        if let Some(login) = caller.login() {
            let user = store
                .user_by_login(&homeward_core::accounts::Login::parse(login).unwrap())
                .await
                .unwrap()
                .unwrap();
            let token = store.create_session(user.id, Utc::now()).await.unwrap();
            tokens.push((caller, token));
        }
    }
    let director = store
        .user_by_login(&homeward_core::accounts::Login::parse("demo.director").unwrap())
        .await
        .unwrap()
        .unwrap();
    let own_rci = director.value.rci_id.unwrap();
    let adviser = store
        .user_by_login(&homeward_core::accounts::Login::parse("demo.adviser").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(adviser.value.assigned_rcis.contains(&own_rci));
    let other_rci = store
        .rcis()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .find(|id| *id != own_rci && !adviser.value.assigned_rcis.contains(id))
        .unwrap();
    let first_item = |rci: i64| {
        let store = store.clone();
        async move {
            let item = &store.checklist(rci).await.unwrap()[0];
            (item.id, item.version)
        }
    };
    let own_item = first_item(own_rci).await;
    let other_item = first_item(other_rci).await;
    let viewer_id = store
        .user_by_login(&homeward_core::accounts::Login::parse("demo.viewer").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await
        .unwrap();
    store.pool().close().await;
    World {
        _dir: dir,
        template,
        tokens,
        own_rci,
        other_rci,
        own_item,
        other_item,
        viewer_id,
    }
}

impl World {
    /// A fresh copy of the demo database and the router serving it.
    async fn fresh(&self, name: &str) -> (Store, Router) {
        let path = self.template.with_file_name(format!("{name}.db"));
        std::fs::copy(&self.template, &path).unwrap();
        let store = Store::open(&path).await.unwrap();
        let state = AppState {
            store: store.clone(),
            settings: RiskSettings::default(),
            sessions: SessionPolicy::default(),
            secure_cookies: false,
        };
        let options = LeptosOptions::builder().output_name("homeward").build();
        (store, homeward_server::router(state, options))
    }

    fn cookie(&self, caller: Caller) -> Option<String> {
        self.tokens
            .iter()
            .find(|(c, _)| *c == caller)
            .map(|(_, t)| format!("{}={t}", homeward_server::auth::SESSION_COOKIE))
    }

    fn request(&self, caller: Caller, method: &str, uri: &str, body: &str) -> Request<Body> {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000");
        if method == "POST" {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        if let Some(cookie) = self.cookie(caller) {
            req = req.header(header::COOKIE, cookie);
        }
        req.body(Body::from(body.to_string())).unwrap()
    }
}

/// Every row of every table, as SQL literals: two equal dumps mean nothing changed.
async fn dump(store: &Store) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let mut rows = vec![];
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(store.pool())
                .await
                .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let table_rows: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT '{table}|' || {row} FROM \"{table}\" ORDER BY rowid"
        ))
        .fetch_all(store.pool())
        .await
        .unwrap();
        rows.extend(table_rows);
    }
    rows
}

async fn body_text(response: axum::response::Response) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One call of a server function and what each caller must get.
struct Case {
    endpoint: &'static str,
    body: String,
    /// For anonymous, admin, adviser, director, viewer.
    expect: [Expect; 5],
    writes: bool,
}

fn cases(w: &World) -> Vec<Case> {
    let (own, other) = (w.own_rci, w.other_rci);
    let item = |rci: i64, (id, version): (i64, i64)| {
        format!(
            "rci_id={rci}&item_id={id}&version={version}&status=in_progress&evidence=Visited&responsible="
        )
    };
    let case = |endpoint, body: String, expect, writes| Case {
        endpoint,
        body,
        expect,
        writes,
    };
    let staff_only = [Unauthenticated, Ok, NotFound, NotFound, NotFound];
    vec![
        case("me", String::new(), [Ok, Ok, Ok, Ok, Ok], false),
        case(
            "list_rcis",
            String::new(),
            [Unauthenticated, Ok, Ok, Ok, Ok],
            false,
        ),
        case(
            "get_rci",
            format!("id={own}"),
            [Unauthenticated, Ok, Ok, Ok, Ok],
            false,
        ),
        case(
            "get_rci",
            format!("id={other}"),
            [Unauthenticated, Ok, Ok, NotFound, Ok],
            false,
        ),
        case(
            "update_item",
            item(own, w.own_item),
            [Unauthenticated, Ok, Ok, Forbidden, Forbidden],
            true,
        ),
        case(
            "update_item",
            item(other, w.other_item),
            [Unauthenticated, Ok, Forbidden, NotFound, Forbidden],
            true,
        ),
        case("list_users", String::new(), staff_only, false),
        case(
            "create_user",
            "login=new.person&display_name=New+Person&role=viewer&rci_id=".into(),
            staff_only,
            true,
        ),
        case(
            "update_user",
            format!("user_id={}&version=1&role=viewer&rci_id=", w.viewer_id),
            staff_only,
            true,
        ),
        case(
            "reset_password",
            format!("user_id={}", w.viewer_id),
            staff_only,
            true,
        ),
        case(
            "set_user_active",
            format!("user_id={}&active=false", w.viewer_id),
            staff_only,
            true,
        ),
        case(
            "change_password",
            "current=homeward-demo&new_password=my+new+password&confirm=my+new+password".into(),
            [Unauthenticated, Ok, Ok, Ok, Ok],
            true,
        ),
    ]
}

#[tokio::test]
async fn every_server_function_is_in_the_table() {
    let w = world().await;
    let _ = w.fresh("registry").await;
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let listed: BTreeSet<String> = cases(&w)
        .iter()
        .map(|c| format!("/api/{}", c.endpoint))
        .collect();
    assert_eq!(
        registered, listed,
        "every server function needs rows in the access table (and every row a function)"
    );
}

#[tokio::test]
async fn each_role_gets_exactly_what_it_may_and_refusals_change_nothing() {
    let w = world().await;
    let mut n = 0;
    for case in cases(&w) {
        for (caller, expect) in CALLERS.into_iter().zip(case.expect) {
            n += 1;
            let (store, router) = w.fresh(&format!("call{n}")).await;
            let before = dump(&store).await;
            let uri = format!("/api/{}", case.endpoint);
            let response = router
                .oneshot(w.request(caller, "POST", &uri, &case.body))
                .await
                .unwrap();
            let status = response.status();
            let text = body_text(response).await;
            let what = format!("{caller:?} calling {} with {:?}", case.endpoint, case.body);
            if expect == Ok {
                assert_eq!(status, StatusCode::OK, "{what}: {text}");
                continue;
            }
            let error: AppError = serde_json::from_str(&text)
                .unwrap_or_else(|_| panic!("{what}: expected an error, got {status} {text}"));
            let wanted = match expect {
                NotFound => AppError::NotFound,
                Forbidden => AppError::Forbidden,
                Unauthenticated => AppError::Unauthenticated,
                Ok => unreachable!(),
            };
            assert_eq!(error, wanted, "{what}");
            if case.writes {
                assert_eq!(dump(&store).await, before, "{what} changed the database");
            }
        }
    }
}

#[tokio::test]
async fn a_director_sees_only_their_own_rci_in_lists() {
    let w = world().await;
    let (store, router) = w.fresh("list").await;
    let response = router
        .oneshot(w.request(Caller::Director, "POST", "/api/list_rcis", ""))
        .await
        .unwrap();
    let text = body_text(response).await;
    let own = store.rci(w.own_rci).await.unwrap();
    assert!(text.contains(own.value.name_en.as_str()));
    for rci in store.rcis().await.unwrap() {
        if rci.id != w.own_rci {
            assert!(
                !text.contains(rci.value.name_en.as_str()),
                "{} leaked",
                rci.value.name_en
            );
        }
    }
}

/// Every page route, and what each caller gets: a page (200), a redirect to sign in (303),
/// or "not found" (404).
#[tokio::test]
async fn pages_answer_each_role_as_the_table_says() {
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
    ];
    let routes: BTreeSet<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|r| r.path().to_string())
        .collect();
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
}

#[tokio::test]
async fn the_director_page_shows_no_edit_controls() {
    let w = world().await;
    let (_, router) = w.fresh("controls").await;
    let uri = format!("/rcis/{}", w.own_rci);
    let page = |caller| {
        let router = router.clone();
        let req = w.request(caller, "GET", &uri, "");
        async move { body_text(router.oneshot(req).await.unwrap()).await }
    };
    let director = page(Caller::Director).await;
    let adviser = page(Caller::Adviser).await;
    assert!(adviser.contains("name=\"status\""), "the adviser can edit");
    assert!(
        director.contains("data-testid=\"current-stage\""),
        "the page rendered"
    );
    assert!(
        !director.contains("name=\"status\""),
        "no edit form for a director"
    );
    assert!(!director.contains("/api/update_item"));
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    let w = world().await;
    let (store, router) = w.fresh("csrf").await;
    let before = dump(&store).await;
    let (id, version) = w.own_item;
    let body = format!(
        "rci_id={}&item_id={id}&version={version}&status=in_progress&evidence=x",
        w.own_rci
    );
    for (origin, referer) in [
        (Some("http://evil.example"), None),
        (None, Some("http://evil.example/page")),
        (None, None),
    ] {
        let mut req = Request::builder()
            .method("POST")
            .uri("/api/update_item")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, w.cookie(Caller::Admin).unwrap());
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        if let Some(r) = referer {
            req = req.header(header::REFERER, r);
        }
        let response = router
            .clone()
            .oneshot(req.body(Body::from(body.clone())).unwrap())
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{origin:?} {referer:?}"
        );
    }
    let response = router
        .clone()
        .oneshot(
            Request::builder()
                .method("POST")
                .uri("/login")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "http://evil.example")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("login=demo.admin&password=homeward-demo"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(dump(&store).await, before);
}

fn login_request(login: &str, password: &str) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri("/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "login={login}&password={password}&next=/rcis/3"
        )))
        .unwrap()
}

#[tokio::test]
async fn signing_in_sets_a_safe_cookie_and_signing_out_ends_the_session() {
    let w = world().await;
    let (store, router) = w.fresh("login").await;
    let response = router
        .clone()
        .oneshot(login_request("demo.viewer", "homeward-demo"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/rcis/3");
    let set = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    assert!(!set.contains("Secure"), "not over plain HTTP");
    let cookie = set.split(';').next().unwrap().to_string();

    let me = |cookie: String| {
        let router = router.clone();
        async move {
            let req = Request::builder()
                .method("POST")
                .uri("/api/me")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "http://127.0.0.1:3000")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap();
            body_text(router.oneshot(req).await.unwrap()).await
        }
    };
    assert!(me(cookie.clone()).await.contains("Demo Viewer"));
    let out = Request::builder()
        .method("POST")
        .uri("/logout")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::COOKIE, cookie.clone())
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(out).await.unwrap();
    assert!(response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(me(cookie).await, "null", "the old cookie no longer works");

    let wrong = router
        .clone()
        .oneshot(login_request("demo.viewer", "not-the-password"))
        .await
        .unwrap();
    let to = wrong.headers()[header::LOCATION].to_str().unwrap();
    assert!(to.starts_with("/login?error=wrong"), "{to}");
    assert!(wrong.headers().get(header::SET_COOKIE).is_none());
    let history = store.login_history(5).await.unwrap();
    assert_eq!(history[0].outcome, "wrong_password");
    assert_eq!(history[1].outcome, "success");
}

#[tokio::test]
async fn the_sixth_wrong_password_in_a_row_is_told_to_wait() {
    let w = world().await;
    let (_, router) = w.fresh("lockout").await;
    for _ in 0..5 {
        router
            .clone()
            .oneshot(login_request("demo.adviser", "guess-guess"))
            .await
            .unwrap();
    }
    let response = router
        .oneshot(login_request("demo.adviser", "homeward-demo"))
        .await
        .unwrap();
    let to = response.headers()[header::LOCATION].to_str().unwrap();
    assert!(to.starts_with("/login?error=locked"), "{to}");
}

#[tokio::test]
async fn pages_carry_the_security_headers() {
    let w = world().await;
    let (_, router) = w.fresh("headers").await;
    let response = router
        .oneshot(w.request(Caller::Anonymous, "GET", "/login", ""))
        .await
        .unwrap();
    let h = response.headers().clone();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce for the hydration scripts");
    let body = body_text(response).await;
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "the page's inline scripts carry the policy's nonce"
    );
}

#[tokio::test]
async fn a_one_time_password_opens_only_the_password_change() {
    let w = world().await;
    let (store, router) = w.fresh("one-time").await;
    let one_time = store.one_time_password();
    store
        .set_password(w.viewer_id, &one_time, true)
        .await
        .unwrap();
    let token = store.create_session(w.viewer_id, Utc::now()).await.unwrap();
    let cookie = format!("{}={token}", homeward_server::auth::SESSION_COOKIE);
    let call = |method: &str, uri: &str, body: String| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(body))
            .unwrap()
    };
    let page = router
        .clone()
        .oneshot(call("GET", "/", String::new()))
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(page.headers()[header::LOCATION], "/account/password");
    let list = router
        .clone()
        .oneshot(call("POST", "/api/list_rcis", String::new()))
        .await
        .unwrap();
    let error: AppError = serde_json::from_str(&body_text(list).await).unwrap();
    assert_eq!(error, AppError::Unauthenticated);
    let body = format!(
        "current={}&new_password=viewer-own-pass&confirm=viewer-own-pass",
        one_time.as_str()
    );
    let changed = router
        .oneshot(call("POST", "/api/change_password", body))
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert!(
        !store
            .user(w.viewer_id)
            .await
            .unwrap()
            .value
            .must_change_password
    );
}
