//! Recording and editing study tours and trainings through the real router: valid forms are
//! stored and shown to the right people; each kind of bad input is refused with a message naming
//! the field, and leaves the database exactly as it was.

use app::errors::AppError;
use axum::http::{header, StatusCode};
use tower::ServiceExt;

use crate::common::{body_text, dump, has_khmer, run, world, Caller, World};

/// Posts a form to a server function; `Ok(where it sends the browser)` or the refusal.
async fn save(
    w: &World,
    router: &axum::Router,
    caller: Caller,
    endpoint: &str,
    body: &str,
) -> Result<String, AppError> {
    let uri = format!("/api/{endpoint}");
    let response = router
        .clone()
        .oneshot(w.request(caller, "POST", &uri, body))
        .await
        .unwrap();
    let status = response.status();
    let to = response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string());
    let text = body_text(response).await;
    match to {
        Some(to) if status.is_redirection() || status == StatusCode::OK => Ok(to),
        _ => {
            Err(serde_json::from_str(&text)
                .unwrap_or_else(|_| panic!("{endpoint}: {status} {text}")))
        }
    }
}

async fn page(w: &World, router: &axum::Router, caller: Caller, uri: &str) -> (u16, String) {
    let response = router
        .clone()
        .oneshot(w.request(caller, "GET", uri, ""))
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, body_text(response).await)
}

/// A two-day tour hosted by `hosts`, visited by `visitors` (directors, 1 woman of 2 each), with
/// one action owned by the first visitor; `edit` overrides or adds fields.
fn tour(hosts: &[i64], visitors: &[i64], edit: &[(&str, &str)]) -> String {
    let mut fields: Vec<(String, String)> = vec![
        ("title".into(), "Directors see family-based care".into()),
        ("starts_on".into(), "2026-10-06".into()),
        ("ends_on".into(), "2026-10-07".into()),
        ("location".into(), "Battambang".into()),
        ("new_organisations".into(), "MoSVY, Battambang DoSVY".into()),
        (
            "actions_0_description".into(),
            "Plan a parenting club".into(),
        ),
        ("actions_0_owner".into(), visitors[0].to_string()),
        ("actions_0_due".into(), "2026-12-01".into()),
        ("actions_0_status".into(), "open".into()),
    ];
    for h in hosts {
        fields.push((format!("host_{h}"), "on".into()));
    }
    for (row, v) in visitors.iter().enumerate() {
        for (f, value) in [
            ("rci_id", v.to_string()),
            ("role", "director".into()),
            ("total", "2".into()),
            ("female", "1".into()),
        ] {
            fields.push((format!("visitors_{row}_{f}"), value));
        }
    }
    for (name, value) in edit {
        fields.retain(|(n, _)| n != name);
        fields.push((name.to_string(), value.to_string()));
    }
    fields
        .iter()
        .map(|(n, v)| format!("tour[{n}]={}", v.replace(' ', "+")))
        .collect::<Vec<_>>()
        .join("&")
}

fn training(rcis: &[(i64, &str, &str)], edit: &[(&str, &str)]) -> String {
    let mut fields: Vec<(String, String)> = vec![
        ("category".into(), "social_work".into()),
        ("title".into(), "Case management basics".into()),
        ("starts_on".into(), "2026-09-01".into()),
        ("ends_on".into(), "2026-09-03".into()),
        ("venue".into(), "Phnom Penh".into()),
    ];
    for (row, (rci, total, female)) in rcis.iter().enumerate() {
        fields.push((format!("participants_{row}_rci_id"), rci.to_string()));
        fields.push((format!("participants_{row}_total"), total.to_string()));
        fields.push((format!("participants_{row}_female"), female.to_string()));
    }
    for (name, value) in edit {
        fields.retain(|(n, _)| n != name);
        fields.push((name.to_string(), value.to_string()));
    }
    fields
        .iter()
        .map(|(n, v)| format!("training[{n}]={}", v.replace(' ', "+")))
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn a_recorded_tour_is_stored_and_shown_only_to_those_involved() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("tour-ok").await;
        let ids: Vec<i64> = store.rcis().await.unwrap().iter().map(|r| r.id).collect();
        let hosts: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|i| *i != w.own_rci)
            .take(2)
            .collect();
        let visitors: Vec<i64> = std::iter::once(w.own_rci)
            .chain(
                ids.iter()
                    .copied()
                    .filter(|i| *i != w.own_rci && !hosts.contains(i))
                    .take(2),
            )
            .collect();
        let to = save(
            &w,
            &router,
            Caller::Adviser,
            "save_tour",
            &tour(&hosts, &visitors, &[]),
        )
        .await
        .unwrap();
        let stored = store.tours().await.unwrap();
        let new = stored
            .iter()
            .find(|t| t.value.title.as_str() == "Directors see family-based care")
            .expect("the tour was stored");
        assert_eq!(to, format!("/tours/{}?saved=1", new.id));
        assert_eq!(new.value.dates.days(), 2);
        let mut sorted_hosts = hosts.clone();
        sorted_hosts.sort_unstable();
        assert_eq!(new.value.hosts, sorted_hosts);
        assert_eq!(new.value.visiting_rcis().len(), 3);
        assert_eq!(new.value.total_visitors().to_string(), "6 (3F)");
        assert_eq!(new.value.actions.len(), 1);
        assert_eq!(new.value.organised_with.len(), 2);

        // The director of a visiting RCI sees it, on the tour's page and their RCI's page.
        let (status, body) =
            page(&w, &router, Caller::Director, &format!("/tours/{}", new.id)).await;
        assert_eq!(status, 200);
        assert!(body.contains("Plan a parenting club"));
        let (_, own) = page(
            &w,
            &router,
            Caller::Director,
            &format!("/rcis/{}/activities", w.own_rci),
        )
        .await;
        assert!(own.contains("Directors see family-based care"));
        // …but not a tour their RCI had no part in.
        let (status, _) = page(
            &w,
            &router,
            Caller::Director,
            &format!("/tours/{}", w.other_tour),
        )
        .await;
        assert_eq!(status, 404);
    })
}

#[test]
fn bad_tours_are_refused_with_the_field_and_change_nothing() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("tour-bad").await;
        let (own, other) = (w.own_rci, w.other_rci);
        let before = dump(&store).await;
        let cases: Vec<(String, &str)> = vec![
            (tour(&[other], &[own], &[("title", " ")]), "title"),
            (
                tour(&[other], &[own], &[("ends_on", "2026-10-01")]),
                "ends_on",
            ),
            (
                tour(&[other], &[own], &[("visitors_0_female", "3")]),
                "visitors_0_female",
            ),
            (
                tour(&[other], &[own], &[("visitors_0_total", "")]),
                "visitors_0_total",
            ),
            (
                tour(&[other], &[own], &[("actions_0_due", "")]),
                "actions_0_due",
            ),
            (tour(&[other], &[own, other], &[]), "visitors"),
            (tour(&[], &[own], &[]), "hosts"),
        ];
        for (body, field) in cases {
            match save(&w, &router, Caller::Adviser, "save_tour", &body).await {
                Err(AppError::Field { field: f, message }) => {
                    assert_eq!(f, field, "{message:?}");
                    assert!(!message.en.is_empty() && has_khmer(&message), "{message:?}");
                }
                other => panic!("{field}: {other:?}"),
            }
        }
        // An RCI that does not exist, and a director (who may not see the host RCI) recording.
        assert_eq!(
            save(
                &w,
                &router,
                Caller::Adviser,
                "save_tour",
                &tour(&[99_999], &[own], &[])
            )
            .await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            save(
                &w,
                &router,
                Caller::Director,
                "save_tour",
                &tour(&[other], &[own], &[])
            )
            .await,
            Err(AppError::Forbidden)
        );
        assert_eq!(dump(&store).await, before, "nothing was written");
    })
}

#[test]
fn an_edit_from_a_stale_page_is_refused_and_a_fresh_one_saved() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("tour-edit").await;
        let (own, other) = (w.own_rci, w.other_rci);
        let body = |version: i64, title: &str| {
            format!(
                "id={}&version={version}&{}",
                w.own_tour,
                tour(&[other], &[own], &[("title", title)])
            )
        };
        let to = save(
            &w,
            &router,
            Caller::Admin,
            "save_tour",
            &body(1, "Renamed tour"),
        )
        .await;
        assert_eq!(to, Ok(format!("/tours/{}?saved=2", w.own_tour)));
        let before = dump(&store).await;
        let stale = save(
            &w,
            &router,
            Caller::Adviser,
            "save_tour",
            &body(1, "Lost update"),
        )
        .await;
        assert!(
            matches!(stale, Err(AppError::Conflict(ref m))
                if m.en == "Not saved: someone else changed this since you opened the page. Reload the page to see it, then make your change again."
                    && m.km.starts_with("មិនបានរក្សាទុក៖")),
            "{stale:?}"
        );
        assert_eq!(dump(&store).await, before);
        let tours = store.tours().await.unwrap();
        let edited = tours.iter().find(|t| t.id == w.own_tour).unwrap();
        assert_eq!(
            (edited.version, edited.value.title.as_str()),
            (2, "Renamed tour")
        );
    })
}

#[test]
fn a_training_adds_to_its_rcis_totals_and_bad_ones_change_nothing() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("training").await;
        let (own, other) = (w.own_rci, w.other_rci);
        let trained = store.trained_people(own).await.unwrap();
        let before = dump(&store).await;
        let cases: Vec<(String, &str)> = vec![
            (training(&[(own, "4", "3")], &[("title", "")]), "title"),
            (
                training(&[(own, "4", "3")], &[("ends_on", "2026-08-01")]),
                "ends_on",
            ),
            (training(&[(own, "4", "5")], &[]), "participants_0_female"),
            (
                training(&[(own, "4", "3")], &[("category", "yoga")]),
                "category",
            ),
            (
                training(&[(own, "4", "3")], &[("participants_0_pre_score", "50")]),
                "participants_0_post_score",
            ),
            (
                training(&[(own, "4", "3"), (own, "1", "0")], &[]),
                "participants_1_rci_id",
            ),
        ];
        for (body, field) in cases {
            match save(&w, &router, Caller::Adviser, "save_training", &body).await {
                Err(AppError::Field { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(
            save(
                &w,
                &router,
                Caller::Adviser,
                "save_training",
                &training(&[(99_999, "1", "0")], &[])
            )
            .await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            save(
                &w,
                &router,
                Caller::Director,
                "save_training",
                &training(&[(own, "1", "0")], &[])
            )
            .await,
            Err(AppError::Forbidden)
        );
        assert_eq!(dump(&store).await, before, "nothing was written");

        let to = save(
            &w,
            &router,
            Caller::Adviser,
            "save_training",
            &training(&[(own, "4", "3"), (other, "2", "0")], &[]),
        )
        .await
        .unwrap();
        assert!(to.starts_with("/trainings/"), "{to}");
        let after = store.trained_people(own).await.unwrap();
        assert_eq!(
            (after.total(), after.female()),
            (trained.total() + 4, trained.female() + 3)
        );
        // The director's RCI page shows the new total; the training's page shows only their RCI.
        let (_, rci_page) = page(
            &w,
            &router,
            Caller::Director,
            &format!("/rcis/{own}/activities"),
        )
        .await;
        assert!(rci_page.contains(&after.to_string()), "{after}");
        let (status, training_page) = page(&w, &router, Caller::Director, &to).await;
        assert_eq!(status, 200);
        let other_name = store.rci(other).await.unwrap().value.name_en.to_string();
        assert!(
            !training_page.contains(&other_name),
            "another RCI's participants leaked"
        );
        let (_, adviser_view) = page(&w, &router, Caller::Adviser, &to).await;
        assert!(adviser_view.contains(&other_name));
    })
}
