//! Saves sent from a phone's outbox, through the real router: each carries its id, and the
//! server takes an id once — sent again (to this server or another on the same database) it is
//! refused and nothing changes; a save refused for another reason leaves its id free; an id that
//! is not one is refused. Pages name their user so the phone keeps them for that user only.

use app::errors::AppError;
use axum::http::{Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

use crate::common::{body_text, dump, run, stored_item, world, Caller, World};

const ID: &str = "3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b";

/// Posts a form as the adviser with a save id, answering with its status and body.
async fn send(
    w: &World,
    router: &Router,
    endpoint: &str,
    body: &str,
    id: &str,
) -> (StatusCode, String) {
    let mut req: Request<_> = w.request(Caller::Adviser, "POST", &format!("/api/{endpoint}"), body);
    req.headers_mut()
        .insert("homeward-save-id", id.parse().unwrap());
    let response = router.clone().oneshot(req).await.unwrap();
    (response.status(), body_text(response).await)
}

fn visit(rci: i64) -> String {
    let today = app::server::today();
    format!(
        "rci_id={rci}&visit[visited_on]={today}&visit[children_total]=2&visit[children_female]=1\
         &visit[visited_by]=ngo_staff&visit[mode]=visit&visit[notes]=Sent+from+the+outbox"
    )
}

#[test]
fn a_save_sent_again_is_refused_by_any_server_and_changes_nothing() {
    run(async {
        let w = world().await;
        let ((store, first), (_, second)) = w.two_servers("replay").await;
        let rci = w.own_rci;
        let before = store.follow_ups(rci).await.unwrap().len();
        let (status, _) = send(&w, &first, "record_follow_up", &visit(rci), ID).await;
        assert!(status.is_success(), "{status}");
        assert_eq!(store.follow_ups(rci).await.unwrap().len(), before + 1);

        let taken = dump(&store).await;
        for router in [&first, &second] {
            let (status, body) = send(&w, router, "record_follow_up", &visit(rci), ID).await;
            assert_eq!(status, StatusCode::CONFLICT);
            assert_eq!(
                serde_json::from_str::<AppError>(&body).unwrap(),
                AppError::AlreadySaved
            );
            assert_eq!(dump(&store).await, taken, "a replay changed nothing");
        }
        assert_eq!(store.follow_ups(rci).await.unwrap().len(), before + 1);

        // Without an id, the same form is simply another visit.
        let plain = w.request(
            Caller::Adviser,
            "POST",
            "/api/record_follow_up",
            &visit(rci),
        );
        assert!(second
            .clone()
            .oneshot(plain)
            .await
            .unwrap()
            .status()
            .is_success());
        assert_eq!(store.follow_ups(rci).await.unwrap().len(), before + 2);
    })
}

#[test]
fn a_refused_save_leaves_its_id_free_and_an_odd_id_is_refused() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("refused-save").await;
        let (item, version) = w.own_item;
        let rci = w.own_rci;
        let save = |version: i64| {
            format!("rci_id={rci}&item_id={item}&version={version}&status=in_progress&evidence=From+the+outbox")
        };
        // Someone saved first: the outbox's save conflicts, and its id is not taken.
        let (status, _) = send(
            &w,
            &router,
            "update_item",
            &save(version),
            "someone-else-01",
        )
        .await;
        assert!(status.is_success(), "{status}");
        let before = dump(&store).await;
        let (status, body) = send(&w, &router, "update_item", &save(version), ID).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(
            matches!(
                serde_json::from_str::<AppError>(&body).unwrap(),
                AppError::Conflict(_)
            ),
            "{body}"
        );
        assert_eq!(dump(&store).await, before);
        // Re-applied over the newer version with the same id: taken.
        let newer = stored_item(&store, rci, item).await.version;
        let (status, _) = send(&w, &router, "update_item", &save(newer), ID).await;
        assert!(status.is_success(), "{status}");

        let before = dump(&store).await;
        for odd in ["short", "has spaces in it!", &"x".repeat(65)] {
            let (status, body) = send(&w, &router, "update_item", &save(newer + 1), odd).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{odd}");
            assert!(
                matches!(serde_json::from_str::<AppError>(&body).unwrap(), AppError::Invalid(m) if m.en.contains("id is not valid")),
                "{body}"
            );
        }
        assert_eq!(dump(&store).await, before);
    })
}

#[test]
fn pages_name_their_user_and_the_sign_in_page_names_nobody() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("named").await;
        let login = homeward_core::accounts::Login::parse("demo.adviser").unwrap();
        let adviser = store.user_by_login(&login).await.unwrap().unwrap().id;
        let page = |caller, uri: &str| {
            let router = router.clone();
            let req = w.request(caller, "GET", uri, "");
            async move { router.oneshot(req).await.unwrap() }
        };
        let named = page(Caller::Adviser, "/my-work").await;
        assert_eq!(named.status(), StatusCode::OK);
        let user = named.headers()["homeward-user"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(user.parse::<i64>().unwrap(), adviser);
        let other = page(Caller::Director, "/my-work").await;
        assert_ne!(other.headers()["homeward-user"].to_str().unwrap(), user);
        for uri in ["/login", "/my-work"] {
            let anonymous = page(Caller::Anonymous, uri).await;
            assert!(anonymous.headers().get("homeward-user").is_none(), "{uri}");
        }
    })
}
