//! Running for years: health checks a service manager and a load balancer can ask without an
//! account, and request logs that say who asked for what without a password or a cookie.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use homeward_store::demo::DEMO_PASSWORD;
use tower::ServiceExt;

use crate::common::{body_text, login_request, run, world, Caller};

async fn get(router: &axum::Router, path: &str) -> (StatusCode, String) {
    let req = Request::builder().uri(path).body(Body::empty()).unwrap();
    let response = router.clone().oneshot(req).await.unwrap();
    (response.status(), body_text(response).await)
}

#[test]
fn health_needs_no_account_and_readiness_needs_the_database() {
    run(async {
        let world = world().await;
        let (store, router) = world.fresh("health").await;
        assert_eq!(
            get(&router, "/healthz").await,
            (StatusCode::OK, "ok".into())
        );
        assert_eq!(
            get(&router, "/readyz").await,
            (StatusCode::OK, "ready".into())
        );
        store.pool().close().await;
        assert_eq!(
            get(&router, "/readyz").await,
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable".into()
            )
        );
        assert_eq!(
            get(&router, "/healthz").await,
            (StatusCode::OK, "ok".into())
        );
    });
}

/// Log lines written to memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'w> tracing_subscriber::fmt::MakeWriter<'w> for Captured {
    type Writer = Captured;

    fn make_writer(&'w self) -> Self::Writer {
        self.clone()
    }
}

/// Every test's logs, as the server would write them with `--log-json`: one subscriber for the
/// whole test binary (a per-thread one missed lines while other tests ran at the same time).
fn logs() -> &'static Captured {
    static LOGS: std::sync::OnceLock<Captured> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Captured::default();
        tracing::subscriber::set_global_default(homeward_server::logs::json_subscriber(
            logs.clone(),
        ))
        .expect("no other subscriber in the tests");
        logs
    })
}

#[test]
fn each_request_logs_method_path_status_latency_and_user_but_no_secret() {
    let logs = logs();
    let (token, adviser) = run(async {
        let world = world().await;
        let (_store, router) = world.fresh("logs").await;
        let signed_in = router
            .clone()
            .oneshot(login_request("demo.adviser", DEMO_PASSWORD))
            .await
            .unwrap();
        assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
        let req = world.request(Caller::Adviser, "GET", "/rcis/3?saved=profile", "");
        assert_eq!(
            router.clone().oneshot(req).await.unwrap().status(),
            StatusCode::OK
        );
        (world.cookie(Caller::Adviser).unwrap(), world.adviser_id)
    });
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let answered = |method: &str, path: &str, user: Option<i64>| {
        lines
            .iter()
            .find(|l| {
                l["message"] == "answered"
                    && l["span"]["method"] == method
                    && l["span"]["path"] == path
                    && l["span"].get("user").and_then(|u| u.as_i64()) == user
            })
            .unwrap_or_else(|| panic!("no log of {method} {path} by {user:?}"))
    };
    let login = answered("POST", "/login", None);
    assert_eq!(login["status"], 303);
    assert!(login["latency_ms"].as_f64().unwrap() > 0.0);
    let page = answered("GET", "/rcis/3", Some(adviser));
    assert_eq!(page["status"], 200);
    for secret in [
        DEMO_PASSWORD,
        token.split('=').nth(1).unwrap(),
        "saved=profile",
    ] {
        assert!(!text.contains(secret), "the logs hold {secret:?}");
    }
}

/// Stopping (SIGTERM from a service manager resolves the same `shutdown` future) lets a request
/// already being answered finish, and refuses new connections.
#[test]
fn stopping_finishes_the_requests_in_flight() {
    use std::io::{Read, Write};
    run(async {
        let slow = axum::Router::new().route(
            "/slow",
            axum::routing::get(|| async {
                tokio::time::sleep(std::time::Duration::from_millis(600)).await;
                "finished"
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(homeward_server::serve::serve(
            listener,
            slow,
            homeward_server::serve::ConnectionLimits::default(),
            homeward_server::serve::Clients::Direct,
            async {
                let _ = stopped.await;
            },
        ));
        let request = tokio::task::spawn_blocking(move || {
            let mut client = std::net::TcpStream::connect(addr).unwrap();
            client
                .write_all(b"GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut answer = String::new();
            client.read_to_string(&mut answer).unwrap();
            answer
        });
        // Stop while the request is being answered.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        stop.send(()).unwrap();
        let answer = request.await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("finished"), "{answer}");
        tokio::time::timeout(std::time::Duration::from_secs(5), server)
            .await
            .expect("the server stops once its requests are answered")
            .unwrap();
        assert!(
            std::net::TcpStream::connect(addr).is_err(),
            "a stopped server takes no new connections"
        );
    })
}
