//! What a hostile caller holding a demo account can send, through the very router the binary
//! serves: each request is refused with the right status and a clear message, and changes
//! nothing; the server stays up, sign-in guessing is bounded, redirects stay on this site, and
//! every change leaves a trace.

use std::net::SocketAddr;

use app::errors::AppError;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use homeward_core::accounts::{Login, NewUser, Role};
use homeward_core::history::Editor;
use homeward_core::{Lang, Name};
use homeward_store::Store;
use tower::ServiceExt;

use crate::common::*;

/// Sends a request and returns its status, headers and body.
async fn send(
    router: &axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, body_text(response).await)
}

/// A server function's refusal: its status must be the one its error carries.
async fn refusal(router: &axum::Router, req: Request<Body>) -> (StatusCode, AppError) {
    let (status, _, text) = send(router, req).await;
    let error: AppError =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not an error: {status} {text}"));
    assert_eq!(status, error.status(), "{error:?}");
    (status, error)
}

async fn user_id(store: &Store, login: &str) -> i64 {
    store
        .user_by_login(&Login::parse(login).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

#[test]
fn row_numbers_and_lists_from_the_request_are_bounded() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("rows").await;
        let before = dump(&store).await;
        let own = w.own_rci;
        let training = "training[category]=other&training[title]=T&training[starts_on]=2026-02-02\
                        &training[ends_on]=2026-02-02&training[venue]=Office";
        let tour = format!(
            "tour[title]=T&tour[starts_on]=2026-01-05&tour[ends_on]=2026-01-05\
             &tour[location]=Pursat&tour[host_{own}]=on"
        );
        let organisations: Vec<String> = (0..21).map(|i| format!("NGO+{i}")).collect();
        let cases = [
            (
                "save_training",
                format!("{training}&training[participants_1000000000_total]=1"),
                "participants",
            ),
            (
                "save_training",
                format!("{training}&training[participants_18446744073709551614_total]=1"),
                "participants",
            ),
            (
                "save_training",
                format!("{training}&training[participants_200_total]=1"),
                "participants",
            ),
            (
                "save_tour",
                format!("{tour}&tour[visitors_10000000_total]="),
                "visitors",
            ),
            (
                "save_tour",
                format!("{tour}&tour[actions_99999999999999999999999_due]="),
                "actions",
            ),
            (
                "save_tour",
                format!(
                    "{tour}&tour[new_organisations]={}",
                    organisations.join("%2C")
                ),
                "new_organisations",
            ),
        ];
        for (endpoint, body, field) in cases {
            let started = std::time::Instant::now();
            let req = w.request(Caller::Adviser, "POST", &format!("/api/{endpoint}"), &body);
            let (status, error) = refusal(&router, req).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            match error {
                AppError::Field { field: f, message } => {
                    assert_eq!(f, field, "{body}");
                    assert!(message.en.contains("at most"), "{message:?}");
                    assert!(has_khmer(&message));
                }
                other => panic!("{body}: {other:?}"),
            }
            assert!(
                started.elapsed().as_secs() < 2,
                "{body} took {:?}",
                started.elapsed()
            );
        }
        // Still serving, and nothing was written.
        let (status, _, _) = send(&router, w.request(Caller::Adviser, "POST", "/api/me", "")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(dump(&store).await, before);
    })
}

#[test]
fn malformed_bodies_are_refused_with_400_or_413_and_change_nothing() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("bodies").await;
        let before = dump(&store).await;
        let (item, version) = w.own_item;
        let good = format!(
            "rci_id={}&item_id={item}&version={version}&status=in_progress&evidence=ok",
            w.own_rci
        );
        let post = |content_type: Option<&str>, body: Vec<u8>| {
            let mut req = Request::builder()
                .method("POST")
                .uri("/api/update_item")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "http://127.0.0.1:3000")
                .header(header::COOKIE, w.cookie(Caller::Admin).unwrap());
            if let Some(ct) = content_type {
                req = req.header(header::CONTENT_TYPE, ct);
            }
            req.body(Body::from(body)).unwrap()
        };
        let form = Some("application/x-www-form-urlencoded");
        let cases: Vec<(Option<&str>, Vec<u8>, StatusCode, &str)> = vec![
            (
                Some("text/plain"),
                good.clone().into_bytes(),
                StatusCode::BAD_REQUEST,
                "not a form",
            ),
            (
                None,
                good.clone().into_bytes(),
                StatusCode::BAD_REQUEST,
                "not a form",
            ),
            (
                Some("application/json"),
                b"{\"rci_id\":3}".to_vec(),
                StatusCode::BAD_REQUEST,
                "not a form",
            ),
            (
                form,
                format!("{good}&evidence=twice").into_bytes(),
                StatusCode::BAD_REQUEST,
                "twice",
            ),
            (
                form,
                good.replace("evidence=ok", "evidence=%FF%FE").into_bytes(),
                StatusCode::BAD_REQUEST,
                "UTF-8",
            ),
            (
                form,
                good.replace("evidence=ok", "ev%C3%28idence=ok")
                    .into_bytes(),
                StatusCode::BAD_REQUEST,
                "UTF-8",
            ),
            (
                form,
                format!("{good}&pad={}", "x".repeat(2 << 20)).into_bytes(),
                StatusCode::PAYLOAD_TOO_LARGE,
                "too large",
            ),
        ];
        for (content_type, body, wanted, words) in cases {
            let (status, _, text) = send(&router, post(content_type, body)).await;
            assert_eq!(status, wanted, "{content_type:?}: {text}");
            assert!(text.contains(words), "{content_type:?}: {text}");
        }
        // A server function's own arguments that do not parse: 400, not 500.
        let (status, error) = refusal(
            &router,
            w.request(
                Caller::Admin,
                "POST",
                "/api/update_item",
                "rci_id=three&item_id=1&version=1&status=x",
            ),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{error:?}");
        assert_eq!(dump(&store).await, before);
        // The same request, well formed, goes through.
        let (status, _, text) = send(&router, post(form, good.into_bytes())).await;
        assert_eq!(status, StatusCode::OK, "{text}");
    })
}

#[test]
fn redirects_never_leave_the_site() {
    run(async {
        let w = world().await;
        let (_, router) = w.fresh("redirects").await;
        for to in [
            "/%09/evil.example",
            "/%0A/evil.example",
            "/%0D%0A/evil.example",
            "//evil.example",
            "/%5Cevil.example",
            "https:evil.example",
            "/%20/evil.example",
        ] {
            let req = w.request(Caller::Anonymous, "GET", &format!("/lang/km?to={to}"), "");
            let (status, headers, _) = send(&router, req).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{to}");
            assert_eq!(headers[header::LOCATION], "/", "{to}");
            let login = login_request_to("demo.viewer", "homeward-demo", to);
            let (status, headers, _) = send(&router, login).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{to}");
            assert_eq!(headers[header::LOCATION], "/", "{to}");
        }
        let req = w.request(Caller::Anonymous, "GET", "/lang/km?to=/rcis/3%3Fx%3D1", "");
        let (_, headers, _) = send(&router, req).await;
        assert_eq!(
            headers[header::LOCATION],
            "/rcis/3?x=1",
            "a local path is kept"
        );
    })
}

/// A sign-in from a given address, as the server's accept loop marks it.
fn login_from(address: [u8; 4], login: &str, password: &str) -> Request<Body> {
    let mut req = login_request(login, password);
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((address, 40000))));
    req
}

#[test]
fn parallel_guesses_get_five_checks_and_one_address_is_slowed() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("guesses").await;
        // Thirty guesses at once, each from its own address: the per-login lockout alone.
        let guesses: Vec<_> = (0..30u8)
            .map(|i| {
                let router = router.clone();
                tokio::spawn(async move {
                    let req = login_from([10, 0, 0, i], "demo.adviser", "a wrong guess");
                    router.oneshot(req).await.unwrap()
                })
            })
            .collect();
        for guess in guesses {
            let response = guess.await.unwrap();
            let to = response.headers()[header::LOCATION]
                .to_str()
                .unwrap()
                .to_string();
            assert!(
                to.starts_with("/login?error=wrong") || to.starts_with("/login?error=locked"),
                "{to}"
            );
        }
        let checked: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE login = 'demo.adviser' AND outcome = 'wrong_password'",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(checked, 5, "at most five password checks");

        // One address trying many logins is told to wait, with Retry-After; another is not.
        let mut refused = None;
        let burst = homeward_server::limits::PASSWORD_BURST;
        for i in 0..burst + 5 {
            let (status, headers, text) = send(
                &router,
                login_from([192, 0, 2, 1], &format!("nobody.{i}"), "guess-guess"),
            )
            .await;
            if status == StatusCode::TOO_MANY_REQUESTS {
                assert!(headers.contains_key(header::RETRY_AFTER));
                assert!(text.contains("Too many"), "{text}");
                refused = Some(i);
                break;
            }
            assert_eq!(status, StatusCode::SEE_OTHER);
        }
        // A burst, then one try every 2 s: the next try is refused (on a slow machine, the one after).
        assert!(
            refused.is_some_and(|i| i == burst || i == burst + 1),
            "refused at {refused:?}"
        );
        let (status, _, _) = send(
            &router,
            login_from([192, 0, 2, 2], "nobody.x", "guess-guess"),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "another address is not slowed"
        );

        // Wrong current passwords count toward the same lockout as sign-ins.
        for _ in 0..5 {
            let req = w.request(
                Caller::Viewer,
                "POST",
                "/api/change_password",
                "current=guess-guess-guess&new_password=another+password&confirm=another+password",
            );
            let (status, _) = refusal(&router, req).await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
        }
        let req = w.request(
            Caller::Viewer,
            "POST",
            "/api/change_password",
            "current=homeward-demo&new_password=another+password&confirm=another+password",
        );
        let (status, error) = refusal(&router, req).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{error:?}");
        let (_, headers, _) = send(
            &router,
            login_from([10, 1, 1, 1], "demo.viewer", "homeward-demo"),
        )
        .await;
        assert!(headers[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/login?error=locked"));
    })
}

#[test]
fn only_an_admin_changes_who_may_edit_an_rci() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("lead").await;
        let second = NewUser::new(
            Login::parse("second.adviser").unwrap(),
            Name::parse("Second Adviser").unwrap(),
            Role::Adviser,
            None,
            vec![],
            Lang::En,
        )
        .unwrap();
        let second = store
            .create_user(
                &second,
                &store.one_time_password(),
                false,
                &Editor::system(),
            )
            .await
            .unwrap();
        let first = user_id(&store, "demo.adviser").await;
        let profile = |version: i64, adviser: i64| {
            format!(
                "rci_id={}&version={version}&profile[name_en]=Little+Lotus+Home&profile[province]=Pursat\
                 &profile[transition_start]=2024-01-01&profile[adviser_id]={adviser}",
                w.own_rci
            )
        };
        // An assigned adviser cannot hand the RCI to someone else.
        let before = dump(&store).await;
        let req = w.request(
            Caller::Adviser,
            "POST",
            "/api/update_profile",
            &profile(w.own_version, second),
        );
        let (status, error) = refusal(&router, req).await;
        assert_eq!(
            (status, error),
            (StatusCode::FORBIDDEN, AppError::Forbidden)
        );
        assert_eq!(dump(&store).await, before);
        // Nor name another when creating one.
        let req = w.request(
            Caller::Adviser,
            "POST",
            "/api/create_rci",
            &format!("profile[name_en]=New+Home&profile[province]=Kampot&profile[transition_start]=2025-01-01&profile[adviser_id]={second}"),
        );
        assert_eq!(refusal(&router, req).await.0, StatusCode::FORBIDDEN);
        assert_eq!(dump(&store).await, before);

        // An admin names the second adviser: the assignment goes with the lead.
        let req = w.request(
            Caller::Admin,
            "POST",
            "/api/update_profile",
            &profile(w.own_version, second),
        );
        assert_eq!(send(&router, req).await.0, StatusCode::OK);
        assert!(store
            .user(second)
            .await
            .unwrap()
            .value
            .assigned_rcis
            .contains(&w.own_rci));
        let req = w.request(
            Caller::Admin,
            "POST",
            "/api/update_profile",
            &profile(w.own_version + 1, first),
        );
        assert_eq!(send(&router, req).await.0, StatusCode::OK);
        assert!(
            !store
                .user(second)
                .await
                .unwrap()
                .value
                .assigned_rcis
                .contains(&w.own_rci),
            "moved back"
        );
        assert!(store
            .user(first)
            .await
            .unwrap()
            .value
            .assigned_rcis
            .contains(&w.own_rci));

        // The Users page removes an assignment.
        let adviser = store.user(first).await.unwrap();
        let body = format!(
            "user_id={first}&version={}&role=adviser&rci_id=&remove_rci={}",
            adviser.version, w.own_rci
        );
        let (status, _, text) = send(
            &router,
            w.request(Caller::Admin, "POST", "/api/update_user", &body),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let assigned = store.user(first).await.unwrap().value.assigned_rcis;
        assert!(!assigned.contains(&w.own_rci), "{assigned:?}");
        assert_eq!(assigned.len(), adviser.value.assigned_rcis.len() - 1);
    })
}

#[test]
fn every_change_is_in_the_history_by_user_and_an_admin_can_list_them() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("audit").await;
        let admin = user_id(&store, "demo.admin").await;
        let viewer = w.viewer_id;
        let (own, other) = (w.own_rci, w.other_rci);
        let calls = [
            ("save_tour", format!("id={}&version=1&tour[title]=Renamed+tour&tour[starts_on]=2026-01-05&tour[ends_on]=2026-01-06&tour[location]=Battambang&tour[host_{own}]=on&tour[visitors_0_rci_id]={other}&tour[visitors_0_role]=director&tour[visitors_0_total]=1&tour[visitors_0_female]=1", w.own_tour)),
            ("save_training", format!("training[category]=other&training[title]=Case+files&training[starts_on]=2026-02-02&training[ends_on]=2026-02-02&training[venue]=Office&training[participants_0_rci_id]={own}&training[participants_0_total]=2&training[participants_0_female]=1")),
            ("record_programme", format!("rci_id={own}&programme[kind]=parenting_club&programme[name]=Mothers+club&programme[started_on]=2026-01-05&programme[members_total]=10&programme[members_female]=8&programme[sessions_per_quarter]=6&programme[status]=active")),
            ("create_user", "login=new.person&display_name=New+Person&role=viewer&rci_id=".to_string()),
            ("update_user", format!("user_id={viewer}&version=1&role=director&rci_id={own}")),
            ("reset_password", format!("user_id={viewer}")),
            ("set_user_active", format!("user_id={viewer}&active=false")),
        ];
        let mut one_time = String::new();
        for (endpoint, body) in &calls {
            let req = w.request(Caller::Admin, "POST", &format!("/api/{endpoint}"), body);
            let (status, _, text) = send(&router, req).await;
            assert!(
                status == StatusCode::OK || status.is_redirection(),
                "{endpoint}: {status} {text}"
            );
            if *endpoint == "reset_password" {
                one_time = serde_json::from_str(&text).unwrap();
            }
        }
        let kinds: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT entity FROM history WHERE user_id = $1 ORDER BY entity",
        )
        .bind(admin)
        .fetch_all(store.pool())
        .await
        .unwrap();
        assert_eq!(kinds, ["password", "programme", "tour", "training", "user"]);
        let renamed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM history WHERE entity = 'tour' AND field = 'title' AND after_value = 'Renamed tour' AND before_value <> ''",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(renamed, 1, "an edit records the title before and after");
        let leaked: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM history WHERE after_value LIKE $1 OR before_value LIKE $2",
        )
        .bind(format!("%{one_time}%"))
        .bind(format!("%{one_time}%"))
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(leaked, 0, "no password in the history");
        // History is append-only in the database itself.
        assert!(sqlx::query("UPDATE history SET after_value = 'x'")
            .execute(store.pool())
            .await
            .is_err());
        assert!(sqlx::query("DELETE FROM history")
            .execute(store.pool())
            .await
            .is_err());

        // The admin's list, filtered by kind and by user; nobody else may read it.
        let list = |caller, body: &str| w.request(caller, "POST", "/api/list_changes", body);
        let (status, _, text) = send(
            &router,
            list(Caller::Admin, &format!("kind=user&user={admin}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let data: serde_json::Value = serde_json::from_str(&text).unwrap();
        let changes = data["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 3, "create, role and active: {text}");
        assert!(
            changes
                .iter()
                .all(|c| c["entity"] == "User" && c["by"] == "Demo Administrator"),
            "{text}"
        );
        let (status, _, text) =
            send(&router, list(Caller::Admin, "kind=tour&from=2000-01-01")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(text.contains("Renamed tour"));
        let page = w.request(Caller::Admin, "GET", "/admin/changes?kind=password", "");
        let (status, _, html) = send(&router, page).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("one-time password set"),
            "the page words the change"
        );
        for caller in [Caller::Adviser, Caller::Director] {
            assert_eq!(
                refusal(&router, list(caller, "")).await.0,
                StatusCode::NOT_FOUND
            );
        }
        // The viewer was deactivated above: their session ended with it.
        assert_eq!(
            refusal(&router, list(Caller::Viewer, "")).await.0,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            refusal(&router, list(Caller::Admin, "kind=everything"))
                .await
                .0,
            StatusCode::BAD_REQUEST
        );
    })
}

#[test]
fn over_https_the_cookie_is_host_only_and_partner_data_is_never_cached() {
    run(async {
        let w = world().await;
        let (_, router) = w.fresh_with("https", true).await;
        let (status, headers, _) =
            send(&router, login_request("demo.viewer", "homeward-demo")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let set = headers[header::SET_COOKIE].to_str().unwrap().to_string();
        assert!(set.starts_with("__Host-homeward_session="), "{set}");
        assert!(
            set.contains("; Secure") && set.contains("Path=/") && !set.contains("Domain"),
            "{set}"
        );
        assert!(headers[header::STRICT_TRANSPORT_SECURITY]
            .to_str()
            .unwrap()
            .contains("max-age="));
        let cookie = set.split(';').next().unwrap().to_string();
        let me = me_request;
        assert!(send(&router, me(cookie.clone()))
            .await
            .2
            .contains("Demo Viewer"));
        let plain = cookie.replace("__Host-", "");
        assert_eq!(
            send(&router, me(plain)).await.2,
            "null",
            "only the __Host- cookie counts"
        );

        let (_, plain_router) = w.fresh("http").await;
        for uri in [
            "/",
            "/compare",
            "/exports/partners.csv",
            "/exports/tours.csv",
        ] {
            let (status, headers, _) =
                send(&plain_router, w.request(Caller::Viewer, "GET", uri, "")).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{uri}");
            assert!(
                !headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
                "not over plain HTTP"
            );
        }
        let (_, headers, _) = send(
            &plain_router,
            w.request(Caller::Anonymous, "GET", "/favicon.svg", ""),
        )
        .await;
        // The app's own files may be kept, but are checked again on each visit.
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    })
}

#[test]
fn csv_cells_cannot_start_a_formula_even_split_at_semicolons() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("csv").await;
        let mut tour = store.tour(w.own_tour).await.unwrap();
        tour.value.title = Name::parse("Visit; =HYPERLINK(\"http://x\")").unwrap();
        store
            .update_tour(w.own_tour, tour.version, &tour.value, &Editor::system())
            .await
            .unwrap();
        let (status, _, csv) = send(
            &router,
            w.request(Caller::Admin, "GET", "/exports/tours.csv", ""),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            csv.contains("\"Visit; '=HYPERLINK(\"\"http://x\"\")\""),
            "{csv}"
        );
        for line in csv.trim_start_matches('\u{feff}').lines() {
            assert!(
                line.starts_with('"') && line.ends_with('"'),
                "every field quoted: {line}"
            );
        }
    })
}

#[test]
fn the_server_drops_slow_connections_and_caps_open_ones() {
    use std::io::{Read, Write};
    run(async {
        let w = world().await;
        let (_, router) = w.fresh("serve").await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let limits = homeward_server::serve::ConnectionLimits {
            max_connections: 1,
            header_read_timeout: std::time::Duration::from_millis(800),
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(homeward_server::serve::serve(
            listener,
            router,
            limits,
            homeward_server::serve::Clients::Direct,
            async {
                let _ = stopped.await;
            },
        ));
        let outcome = tokio::task::spawn_blocking(move || {
            // A client that opens a connection and sends half a request holds the only slot...
            let mut slow = std::net::TcpStream::connect(addr).unwrap();
            slow.write_all(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .unwrap();
            let started = std::time::Instant::now();
            let mut waiting = std::net::TcpStream::connect(addr).unwrap();
            waiting
                .write_all(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut answer = String::new();
            waiting.read_to_string(&mut answer).unwrap();
            // ...until its headers are overdue and it is dropped; then the waiting one is served.
            let waited = started.elapsed();
            slow.set_read_timeout(Some(std::time::Duration::from_secs(5)))
                .unwrap();
            let mut rest = Vec::new();
            let slow_closed = match slow.read_to_end(&mut rest) {
                Result::Ok(_) => true,
                Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
            };
            (answer, waited, slow_closed)
        })
        .await
        .unwrap();
        let (answer, waited, slow_closed) = outcome;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(
            waited >= std::time::Duration::from_millis(700),
            "served after {waited:?}: the cap held it"
        );
        assert!(slow_closed, "the slow connection was closed");
        stop.send(()).unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(5), server)
            .await
            .expect("the server stops when told")
            .unwrap();
    })
}
