//! Stage sign-off through the real router: a stage not done cannot be asked for; once asked, an
//! admin (and nobody else) signs it off or returns it with a note, which the adviser reads on My
//! work; only a signed-off stage moves the RCI on, and undoing a step withdraws the sign-off.

use app::errors::AppError;
use axum::http::StatusCode;
use homeward_core::history::Editor;
use homeward_core::{ItemChange, ItemStatus, Name, Note, Phase, RiskSettings, Track};
use homeward_store::Store;
use tower::ServiceExt;

use crate::common::{body_text, dump, run, world, Caller, World};

/// Posts a form as `caller`: the page it sends the browser back to, or the error it answered.
async fn post(
    w: &World,
    router: &axum::Router,
    caller: Caller,
    endpoint: &str,
    body: &str,
) -> Result<String, AppError> {
    let response = router
        .clone()
        .oneshot(w.request(caller, "POST", &format!("/api/{endpoint}"), body))
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = body_text(response).await;
    if status.is_success() || status.is_redirection() {
        return Ok(location);
    }
    let error: AppError = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status} {text}"));
    assert_eq!(status, error.status(), "{endpoint}: {error:?}");
    Err(error)
}

async fn page(w: &World, router: &axum::Router, caller: Caller, uri: &str) -> String {
    let response = router
        .clone()
        .oneshot(w.request(caller, "GET", uri, ""))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{uri}");
    body_text(response).await
}

async fn phase(store: &Store, rci: i64) -> Phase {
    let profile = store.rci(rci).await.unwrap();
    store
        .rci_overview(&profile, &RiskSettings::default(), app::server::today())
        .await
        .unwrap()
        .progress
        .phase
}

/// Sets every counting step of a stage to `status`, as its adviser would.
async fn mark(store: &Store, rci: i64, track: Track, status: ItemStatus) {
    let changes: Vec<_> = store
        .checklist(rci)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.value.track == track && i.value.counts_towards_progress())
        .map(|i| {
            let change = ItemChange {
                status: status.clone(),
                evidence: Note::default(),
                responsible: None,
                owner: None,
                due_on: None,
            };
            (i.id, i.version, change)
        })
        .collect();
    let by = Editor {
        user_id: None,
        name: Name::parse("Test adviser").unwrap(),
        source: None,
    };
    store.update_items(rci, &changes, &by).await.unwrap();
}

#[test]
fn a_stage_moves_on_only_once_an_admin_signs_it_off() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("sign-off").await;
        let rci = w.own_rci;
        let Phase::In(stage) = phase(&store, rci).await else {
            panic!("the demo's RCI is mid-transition");
        };
        let track = Track::Stage(stage);
        let ask = format!("rci_id={rci}&stage={}", track.key());
        let decide = |decision: &str, note: &str| {
            format!(
                "rci_id={rci}&stage={}&decision={decision}&note={note}",
                track.key()
            )
        };

        // Steps still open: refused with why, and nothing changes.
        let before = dump(&store).await;
        let refused = post(&w, &router, Caller::Adviser, "request_sign_off", &ask).await;
        let Err(AppError::NotNow(why)) = refused else {
            panic!("{refused:?}");
        };
        assert!(why.en.contains("must be done"), "{why:?}");
        assert_eq!(
            dump(&store).await,
            before,
            "a refused request changes nothing"
        );

        mark(
            &store,
            rci,
            track,
            ItemStatus::Done {
                on: app::server::today(),
            },
        )
        .await;
        let checklist = format!("/rcis/{rci}/checklist");
        let adviser_page = page(&w, &router, Caller::Adviser, &checklist).await;
        assert!(
            adviser_page.contains(&format!(
                "data-testid=\"sign-off-{}\" data-state=\"ready\"",
                track.key()
            )),
            "{adviser_page}"
        );
        assert_eq!(
            phase(&store, rci).await,
            Phase::In(stage),
            "done is not finished"
        );

        let back = post(&w, &router, Caller::Adviser, "request_sign_off", &ask)
            .await
            .unwrap();
        assert!(back.contains("saved=sign_off_requested"), "{back}");
        let admin_page = page(&w, &router, Caller::Admin, &checklist).await;
        assert!(admin_page.contains("data-state=\"awaiting\""));
        assert!(
            admin_page.contains("name=\"decision\" value=\"approve\""),
            "the admin may decide"
        );
        let adviser_page = page(&w, &router, Caller::Adviser, &checklist).await;
        assert!(adviser_page.contains("data-state=\"awaiting\""));
        assert!(
            !adviser_page.contains("name=\"decision\""),
            "the adviser may not decide"
        );
        let compare = page(&w, &router, Caller::Admin, "/compare").await;
        let row = compare
            .split(&format!("data-rci=\"{rci}\""))
            .nth(1)
            .and_then(|r| r.split("</tr>").next())
            .unwrap();
        assert!(row.contains("awaiting sign-off"), "{row}");

        // Nobody but an admin decides; a return says what is missing.
        for caller in [Caller::Adviser, Caller::Director, Caller::Viewer] {
            let before = dump(&store).await;
            let answer = post(
                &w,
                &router,
                caller,
                "decide_sign_off",
                &decide("approve", ""),
            )
            .await;
            assert_eq!(answer, Err(AppError::Forbidden), "{caller:?}");
            assert_eq!(dump(&store).await, before);
        }
        let unexplained = post(
            &w,
            &router,
            Caller::Admin,
            "decide_sign_off",
            &decide("return", "+"),
        )
        .await;
        assert!(
            matches!(&unexplained, Err(AppError::Field { field, .. }) if field == "note"),
            "{unexplained:?}"
        );
        let note = "Attach+the+<b>feasibility</b>+report";
        post(
            &w,
            &router,
            Caller::Admin,
            "decide_sign_off",
            &decide("return", note),
        )
        .await
        .unwrap();
        assert_eq!(phase(&store, rci).await, Phase::In(stage));
        let work = page(&w, &router, Caller::Adviser, "/my-work").await;
        assert!(
            work.contains("Attach the &lt;b&gt;feasibility&lt;/b&gt; report"),
            "the adviser reads the note on My work, as text: {work}"
        );
        assert!(work.contains(&format!(
            "href=\"/rcis/{rci}/checklist#track-{}\"",
            track.key()
        )));

        // Asked again and signed off: the RCI moves on, and the history has every step.
        post(&w, &router, Caller::Adviser, "request_sign_off", &ask)
            .await
            .unwrap();
        let back = post(
            &w,
            &router,
            Caller::Admin,
            "decide_sign_off",
            &decide("approve", ""),
        )
        .await
        .unwrap();
        assert!(back.contains("saved=sign_off_approved"), "{back}");
        assert_eq!(
            phase(&store, rci).await,
            stage.next().map_or(Phase::Completed, Phase::In)
        );
        let again = post(
            &w,
            &router,
            Caller::Admin,
            "decide_sign_off",
            &decide("approve", ""),
        )
        .await;
        assert!(matches!(again, Err(AppError::NotNow(_))), "{again:?}");
        let history = page(&w, &router, Caller::Admin, &format!("/rcis/{rci}/history")).await;
        assert!(history.contains("Stage sign-off"), "{history}");
        assert!(history.contains("signed off"));

        // A step undone: the stage is open again, its sign-off withdrawn.
        mark(&store, rci, track, ItemStatus::InProgress).await;
        assert_eq!(phase(&store, rci).await, Phase::In(stage));
        assert!(store.sign_offs(rci).await.unwrap().of(stage).is_none());
        let mut req = w.request(Caller::Admin, "GET", &format!("/rcis/{rci}/history"), "");
        let cookie = format!(
            "{}; {}=km",
            w.cookie(Caller::Admin).unwrap(),
            app::i18n::LANG_COOKIE
        );
        req.headers_mut()
            .insert(axum::http::header::COOKIE, cookie.parse().unwrap());
        let khmer = body_text(router.clone().oneshot(req).await.unwrap()).await;
        assert!(
            khmer.contains("បានដកវិញ"),
            "the withdrawal is worded in Khmer too"
        );
    })
}
