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

#[test]
fn each_request_logs_method_path_status_latency_and_user_but_no_secret() {
    let logs = Captured::default();
    let subscriber = homeward_server::logs::json_subscriber(logs.clone());
    let (token, adviser) = tracing::subscriber::with_default(subscriber, || {
        run(async {
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
        })
    });
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let answered = |method: &str, path: &str| {
        lines
            .iter()
            .find(|l| {
                l["message"] == "answered"
                    && l["span"]["method"] == method
                    && l["span"]["path"] == path
            })
            .unwrap_or_else(|| panic!("no log of {method} {path} in {text}"))
    };
    let login = answered("POST", "/login");
    assert_eq!(login["status"], 303);
    assert!(login["latency_ms"].as_f64().unwrap() > 0.0);
    assert!(login["span"].get("user").is_none(), "{login}");
    let page = answered("GET", "/rcis/3");
    assert_eq!(page["status"], 200);
    assert_eq!(page["span"]["user"], adviser);
    for secret in [
        DEMO_PASSWORD,
        token.split('=').nth(1).unwrap(),
        "saved=profile",
    ] {
        assert!(!text.contains(secret), "the logs hold {secret:?}");
    }
}
