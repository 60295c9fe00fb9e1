//! The adviser's write paths through the real router: a valid change is stored and shows in the
//! history; each kind of bad input is refused with a message saying what to fix, and leaves the
//! database exactly as it was.

use app::errors::AppError;
use axum::http::StatusCode;
use chrono::Days;
use homeward_store::Store;
use tower::ServiceExt;

use crate::common::{body_text, dump, has_khmer, run, world, Caller, World};

/// Calls a server function as the demo adviser; `Ok(body)` or the error it answered.
async fn call(
    w: &World,
    router: &axum::Router,
    endpoint: &str,
    body: &str,
) -> Result<String, AppError> {
    let uri = format!("/api/{endpoint}");
    // Targets are set by admins; everything else here by the RCI's adviser.
    let caller = if endpoint.ends_with("target") {
        Caller::Admin
    } else {
        Caller::Adviser
    };
    let response = router
        .clone()
        .oneshot(w.request(caller, "POST", &uri, body))
        .await
        .unwrap();
    let status = response.status();
    let text = body_text(response).await;
    if status == StatusCode::OK {
        Ok(text)
    } else {
        let error: AppError =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{endpoint}: {status} {text}"));
        assert_eq!(
            status,
            error.status(),
            "{endpoint}: the status says what the error says"
        );
        Err(error)
    }
}

async fn history_count(store: &Store, rci: i64) -> usize {
    store.history(rci, 1000).await.unwrap().len()
}

fn profile(
    rci: i64,
    version: i64,
    name: &str,
    province: &str,
    start: &str,
    target: &str,
) -> String {
    format!(
        "rci_id={rci}&version={version}&profile[name_en]={name}&profile[province]={province}\
         &profile[transition_start]={start}&profile[transition_target]={target}\
         &profile[has_reintegration_plan]=on"
    )
}

fn counts(rci: i64, values: &[(&str, u32)]) -> String {
    let mut body = format!("rci_id={rci}&counts[as_of]={}", app::server::today());
    for field in homeward_core::CountField::ALL {
        let (t, f) = field.form_names();
        let get = |name: &str| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(0, |(_, v)| *v)
        };
        body.push_str(&format!("&counts[{t}]={}&counts[{f}]={}", get(&t), get(&f)));
    }
    body
}

#[test]
fn valid_changes_are_stored_and_appear_in_history() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("valid").await;
        let rci = w.own_rci;
        let before = history_count(&store, rci).await;
        let today = app::server::today();
        let (item, version) = w.own_item;

        call(&w, &router, "update_item", &format!(
            "rci_id={rci}&item_id={item}&version={version}&status=done&done_on={today}&evidence=Signed+minutes&responsible=Dara"
        )).await.unwrap();
        let stored = store
            .checklist(rci)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.id == item)
            .unwrap();
        assert_eq!(stored.value.status.done_on(), Some(today));
        assert_eq!(stored.value.evidence.as_str(), "Signed minutes");
        assert_eq!(
            stored.value.updated_by.unwrap().as_str(),
            "Demo Adviser (Chan Sokha)"
        );

        call(
            &w,
            &router,
            "update_profile",
            // The lead adviser is sent back unchanged, as the form does.
            &format!(
                "{}&profile[adviser_id]={}",
                profile(
                    rci,
                    w.own_version,
                    "Little+Lotus+Family+Centre",
                    "Battambang",
                    "2024-01-01",
                    "2027-01-01",
                ),
                w.adviser_id
            ),
        )
        .await
        .unwrap();
        let p = store.rci(rci).await.unwrap();
        assert_eq!(p.value.name_en.as_str(), "Little Lotus Family Centre");
        assert_eq!(p.version, w.own_version + 1);

        // The registration is saved with the standing, at the profile's version; the profile's
        // own form no longer changes it, even when a crafted post names it.
        let registration = format!(
            "rci_id={rci}&version={}&change[mosvy_registration]=BTB-2019-044&change[mosvy_registered_on]=2019-05-02",
            w.own_version + 1
        );
        call(&w, &router, "update_registration", &registration)
            .await
            .unwrap();
        let crafted = format!(
            "{}&profile[adviser_id]={}&profile[mosvy_registration]=FAKE-1",
            profile(
                rci,
                w.own_version + 2,
                "Little+Lotus+Family+Centre",
                "Battambang",
                "2024-01-01",
                "2027-01-01"
            ),
            w.adviser_id
        );
        call(&w, &router, "update_profile", &crafted).await.unwrap();
        let p = store.rci(rci).await.unwrap();
        assert_eq!(p.version, w.own_version + 3);
        assert_eq!(p.value.mosvy_registration.unwrap().as_str(), "BTB-2019-044");
        assert_eq!(
            p.value.mosvy_registered_on.unwrap().to_string(),
            "2019-05-02"
        );

        call(
            &w,
            &router,
            "record_counts",
            &counts(
                rci,
                &[
                    ("baseline_total", 30),
                    ("baseline_female", 12),
                    ("assessed_total", 30),
                    ("assessed_female", 12),
                    ("birth_family_total", 4),
                    ("birth_family_female", 2),
                ],
            ),
        )
        .await
        .unwrap();
        let latest = store.latest_counts(rci).await.unwrap().unwrap().value;
        assert_eq!(latest.reintegrated_total().total(), 4);

        call(&w, &router, "record_follow_up", &format!(
            "rci_id={rci}&visit[visited_on]={today}&visit[children_total]=3&visit[children_female]=1&visit[visited_by]=dosvy&visit[mode]=phone&visit[notes]=All+well"
        )).await.unwrap();
        assert_eq!(
            store.follow_ups(rci).await.unwrap()[0]
                .value
                .children
                .total(),
            3
        );

        let id: i64 = call(
            &w,
            &router,
            "add_item",
            &format!("rci_id={rci}&track=preparation&title_en=Meet+the+commune+council&title_km="),
        )
        .await
        .unwrap()
        .parse()
        .unwrap();
        let added = store
            .checklist(rci)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.id == id)
            .unwrap();
        assert!(added.value.custom);

        call(
            &w,
            &router,
            "set_item_hidden",
            &format!("rci_id={rci}&item_id={id}&version=1&hidden=true"),
        )
        .await
        .unwrap();
        assert!(
            store
                .checklist(rci)
                .await
                .unwrap()
                .into_iter()
                .find(|i| i.id == id)
                .unwrap()
                .value
                .hidden
        );

        let history = store.history(rci, 1000).await.unwrap();
        assert_eq!(
            history.len(),
            // The crafted profile save changed nothing, so it left no entry.
            before + 7,
            "one history entry per saved change"
        );
        let item_change = history
            .iter()
            .find(|h| h.changes.iter().any(|c| c.after == format!("done {today}")))
            .unwrap();
        assert_eq!(item_change.by, "Demo Adviser (Chan Sokha)");
        let status = item_change
            .changes
            .iter()
            .find(|c| c.field == "status")
            .unwrap();
        assert_eq!(status.before, "not_started");
        let renamed = history
            .iter()
            .flat_map(|h| &h.changes)
            .find(|c| c.field == "name (English)")
            .unwrap();
        assert_eq!(
            (renamed.before.as_str(), renamed.after.as_str()),
            ("Little Lotus Home", "Little Lotus Family Centre")
        );
    })
}

/// What a refused call must say: the field it names (if any) and words from its message.
enum Refusal {
    Field(&'static str, &'static str),
    Invalid(&'static str),
    NotFound,
    Conflict(&'static str),
}

#[test]
fn bad_input_is_refused_clearly_and_changes_nothing() {
    run(async {
        let w = world().await;
        let rci = w.own_rci;
        let (item, version) = w.own_item;
        let tomorrow = app::server::today() + Days::new(1);
        let v = w.own_version;
        let cases: Vec<(&str, String, Refusal)> = vec![
            ("update_profile", profile(rci, v, "++", "Pursat", "2024-01-01", ""), Refusal::Field("name_en", "must not be empty")),
            ("update_profile", profile(rci, v, "Home", &"P".repeat(121), "2024-01-01", ""), Refusal::Field("province", "too long")),
            ("update_profile", profile(rci, v, "Home", "Pursat", "2024-01-01", "2023-12-31"), Refusal::Field("transition_target", "before the start date")),
            ("update_profile", profile(rci, v, "Home", "Pursat", "someday", ""), Refusal::Field("transition_start", "not a date")),
            ("update_profile", profile(rci, v - 1, "Home", "Pursat", "2024-01-01", ""), Refusal::Conflict("Little Lotus Home")),
            ("update_profile", profile(99_999, 1, "Home", "Pursat", "2024-01-01", ""), Refusal::NotFound),
            ("record_counts", counts(rci, &[("baseline_total", 5), ("baseline_female", 6)]), Refusal::Field("baseline_female", "more than the total")),
            ("record_counts", counts(rci, &[("baseline_total", 5), ("baseline_female", 2), ("traced_total", 9)]), Refusal::Field("traced_total", "more than the 5 children in care")),
            ("record_counts", counts(rci, &[("baseline_total", -1)].map(|(n, _)| (n, 0))).replace("baseline_total]=0", "baseline_total]=-3"), Refusal::Field("baseline_total", "whole number")),
            ("record_follow_up", format!("rci_id={rci}&visit[visited_on]={tomorrow}&visit[children_total]=2&visit[children_female]=1&visit[visited_by]=dosvy&visit[mode]=visit"), Refusal::Field("visited_on", "in the future")),
            ("record_follow_up", format!("rci_id={rci}&visit[visited_on]=2025-01-01&visit[children_total]=2&visit[children_female]=3&visit[visited_by]=dosvy&visit[mode]=visit"), Refusal::Field("children_female", "more than the total")),
            ("record_placement", format!("rci_id={rci}&placement[code]=Sok+Dara&placement[placed_on]=2026-01-05&placement[kind]=birth_family&placement[children_total]=1&placement[children_female]=0&placement[age_band]=0_4"), Refusal::Field("code", "never a child's name")),
            ("record_placement", format!("rci_id={rci}&placement[code]=LL-2026-01&placement[placed_on]=2026-01-05&placement[kind]=birth_family&placement[children_total]=1&placement[children_female]=0&placement[age_band]=0_4"), Refusal::Field("code", "already used")),
            ("record_placement", format!("rci_id={rci}&placement[code]=LL-9&placement[placed_on]={tomorrow}&placement[kind]=birth_family&placement[children_total]=1&placement[children_female]=0&placement[age_band]=0_4"), Refusal::Field("placed_on", "in the future")),
            ("record_placement_visit", format!("rci_id={rci}&placement_id={}&visit[visited_on]=2020-01-01&visit[outcome]=stable", w.own_placement), Refusal::Field("visited_on", "between the reintegration")),
            ("record_placement_visit", format!("rci_id={rci}&placement_id={}&visit[visited_on]={}&visit[outcome]=gone", w.own_placement, app::server::today()), Refusal::Field("outcome", "choose how")),
            ("record_staff_change", format!("rci_id={rci}&change[changed_on]={tomorrow}&change[kind]=left&change[staff_total]=1&change[staff_female]=0"), Refusal::Field("changed_on", "in the future")),
            ("record_staff_change", format!("rci_id={rci}&change[changed_on]=2026-01-05&change[kind]=left&change[staff_total]=2&change[staff_female]=3"), Refusal::Field("staff_female", "more than the total")),
            ("record_asset_change", format!("rci_id={rci}&change[changed_on]=2026-01-05&change[asset]=+&change[now]=school"), Refusal::Field("asset", "must not be empty")),
            ("record_funding_change", format!("rci_id={rci}&change[changed_on]=2026-01-05&change[donor]=Friends&change[amount]=12.50&change[currency]=usd&change[to]=Family"), Refusal::Field("amount", "whole units")),
            ("record_funding_change", format!("rci_id={rci}&change[changed_on]=2026-01-05&change[donor]=Friends&change[amount]={}&change[currency]=usd&change[to]=Family", "9".repeat(40)), Refusal::Field("amount", "largest accepted")),
            ("record_funding_change", format!("rci_id={rci}&change[changed_on]=2026-01-05&change[donor]=Friends&change[amount]=100&change[currency]=eur&change[to]=Family"), Refusal::Field("currency", "US dollars or riel")),
            ("set_rci_target", format!("rci_id={rci}&target[goal]=family_placements&target[percent]=0&target[due_on]={tomorrow}"), Refusal::Field("percent", "from 1 to 100")),
            ("set_rci_target", format!("rci_id={rci}&target[goal]=stage_finished&target[stage]=organisation&target[due_on]={tomorrow}"), Refusal::Field("stage", "choose the stage")),
            ("set_rci_target", format!("rci_id={rci}&target[goal]=care_closed&target[due_on]=2020-01-01"), Refusal::Field("due_on", "already passed")),
            ("set_rci_target", format!("rci_id={rci}&target[goal]=everything&target[due_on]={tomorrow}"), Refusal::Field("goal", "choose the goal")),
            ("set_rci_target", format!("rci_id=99999&target[goal]=care_closed&target[due_on]={tomorrow}"), Refusal::NotFound),
            ("set_province_target", format!("province=Batambang&target[goal]=care_closed&target[due_on]={tomorrow}"), Refusal::Field("province", "did you mean Battambang")),
            ("remove_target", "id=999999".into(), Refusal::NotFound),
            ("update_registration", format!("rci_id={rci}&version={v}&change[mosvy_registration]=KP-017&change[mosvy_registered_on]={tomorrow}"), Refusal::Field("mosvy_registered_on", "in the future")),
            ("update_registration", format!("rci_id={rci}&version={v}&change[mosvy_registration]={}", "K".repeat(121)), Refusal::Field("mosvy_registration", "too long")),
            ("update_registration", format!("rci_id={rci}&version={}&change[mosvy_registration]=KP-017", v - 1), Refusal::Conflict("Little Lotus Home")),
            ("record_agreement", format!("rci_id={rci}&change[with]=mosvy&change[signed_on]=2025-01-01&change[expires_on]=2024-01-01"), Refusal::Field("expires_on", "must end after it was signed")),
            ("record_agreement", format!("rci_id={rci}&change[with]=ministry&change[signed_on]=2025-01-01&change[expires_on]=2028-01-01"), Refusal::Field("with", "choose from the list")),
            ("record_inspection", format!("rci_id={rci}&change[inspected_on]=2026-01-05&change[by]=DoSVY&change[outcome]=serious_concerns&change[follow_up_due]="), Refusal::Field("follow_up_due", "when the improvements are due")),
            ("record_inspection", format!("rci_id={rci}&change[inspected_on]={tomorrow}&change[by]=DoSVY&change[outcome]=satisfactory"), Refusal::Field("inspected_on", "in the future")),
            ("record_inspection", format!("rci_id={rci}&change[inspected_on]=2026-01-05&change[by]=+&change[outcome]=satisfactory"), Refusal::Field("by", "must not be empty")),
            ("record_closure", format!("rci_id={rci}&change[noticed_on]=2026-01-05&change[kind]=sold"), Refusal::Field("kind", "choose from the list")),
            ("update_item", format!("rci_id={rci}&item_id={item}&version={version}&status=done&done_on="), Refusal::Field("done_on", "needs the date")),
            ("update_item", format!("rci_id={rci}&item_id={item}&version={version}&status=blocked&reason=+"), Refusal::Field("reason", "must not be empty")),
            ("update_item", format!("rci_id={rci}&item_id={item}&version={version}&status=in_progress&evidence={}", "e".repeat(2001)), Refusal::Field("evidence", "too long")),
            ("update_item", format!("rci_id={rci}&item_id=999999&version=1&status=in_progress"), Refusal::NotFound),
            ("update_item", format!("rci_id={rci}&item_id={}&version={}&status=in_progress", w.other_item.0, w.other_item.1), Refusal::NotFound),
            ("add_item", format!("rci_id={rci}&track=preparation&title_en=+&title_km="), Refusal::Field("title_en", "must not be empty")),
            ("add_item", format!("rci_id={rci}&track=holidays&title_en=Party&title_km="), Refusal::Invalid("holidays")),
            // Implausible dates, a count the form shows but the request left out, a hidden
            // direction override in a name.
            ("update_profile", profile(rci, v, "Home", "Pursat", "0001-01-01", ""), Refusal::Field("transition_start", "must lie between 1990-01-01")),
            ("update_profile", profile(rci, v, "Home", "Pursat", "-5000-01-01", ""), Refusal::Field("transition_start", "must lie between")),
            ("update_profile", profile(rci, v, "Home", "Pursat", "2024-01-01", "9999-12-31"), Refusal::Field("transition_target", "must lie between")),
            ("update_profile", profile(rci, v, "Home%E2%80%AEesuoH", "Pursat", "2024-01-01", ""), Refusal::Field("name_en", "control characters")),
            ("record_counts", format!("rci_id={rci}&counts[as_of]={}", app::server::today()), Refusal::Field("baseline_total", "must not be empty")),
            ("record_follow_up", format!("rci_id={rci}&visit[visited_on]=1900-01-01&visit[children_total]=2&visit[children_female]=1&visit[visited_by]=dosvy&visit[mode]=visit"), Refusal::Field("visited_on", "must lie between")),
        ];
        for (n, (endpoint, body, refusal)) in cases.into_iter().enumerate() {
            let (store, router) = w.fresh(&format!("bad{n}")).await;
            let before = dump(&store).await;
            let error = call(&w, &router, endpoint, &body).await.expect_err(&body);
            match (&refusal, &error) {
                (Refusal::Field(field, words), AppError::Field { field: f, message }) => {
                    assert_eq!(f, field, "{endpoint} {body}");
                    assert!(message.en.contains(words), "{endpoint}: {message:?}");
                    assert!(has_khmer(message), "{endpoint}: {message:?}");
                }
                (Refusal::Invalid(words), AppError::Invalid(message)) => {
                    assert!(message.en.contains(words), "{endpoint}: {message:?}");
                    assert!(has_khmer(message), "{endpoint}: {message:?}");
                }
                (Refusal::NotFound, AppError::NotFound) => {}
                (Refusal::Conflict(words), AppError::Conflict(newer)) => {
                    assert!(
                        newer.en.contains(words),
                        "the newer value is shown: {newer:?}"
                    );
                    assert!(has_khmer(newer), "{newer:?}");
                }
                (_, other) => panic!("{endpoint} {body}: unexpected {other:?}"),
            }
            assert_eq!(
                dump(&store).await,
                before,
                "{endpoint} {body} changed the database"
            );
        }
    })
}

#[test]
fn a_stale_item_save_shows_the_newer_value() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("stale").await;
        let (item, version) = w.own_item;
        let rci = w.own_rci;
        let save = |evidence: &str| {
            format!("rci_id={rci}&item_id={item}&version={version}&status=in_progress&evidence={evidence}")
        };
        call(&w, &router, "update_item", &save("First+adviser"))
            .await
            .unwrap();
        let before = dump(&store).await;
        match call(&w, &router, "update_item", &save("Second+adviser")).await {
            Err(AppError::Conflict(newer)) => {
                // Named by its labels, worded in both languages: no stored codes.
                assert!(newer.en.contains("Evidence: First adviser"), "{newer:?}");
                assert!(newer.en.contains("Status: In progress"), "{newer:?}");
                assert!(newer.km.contains("First adviser"), "{newer:?}");
                assert!(
                    !newer.km.contains("in_progress") && !newer.km.contains("Evidence"),
                    "{newer:?}"
                );
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(dump(&store).await, before);
    })
}

#[test]
fn a_form_refused_without_javascript_comes_back_with_what_was_typed_for_its_author_only() {
    run(async {
        use axum::http::header::{ACCEPT, LOCATION, REFERER};
        let w = world().await;
        let (store, router) = w.fresh("draft").await;
        let (item, version) = w.own_item;
        let page = format!("/rcis/{}/checklist", w.own_rci);
        // Not applicable without a reason: refused.
        let body = format!(
            "rci_id={}&item_id={item}&version={version}&status=not_applicable&done_on=&reason=\
             &evidence=Letter+%3C%2Ftextarea%3E+from+DoSVY&responsible=Sokha+Chan",
            w.own_rci
        );
        let mut req = w.request(Caller::Adviser, "POST", "/api/update_item", &body);
        req.headers_mut()
            .insert(ACCEPT, "text/html".parse().unwrap());
        req.headers_mut().insert(
            REFERER,
            format!("http://127.0.0.1:3000{page}").parse().unwrap(),
        );
        let before = dump(&store).await;
        let response = router.clone().oneshot(req).await.unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        let location = response.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(
            location.contains("__err=")
                && location.contains("&__draft=")
                && location.ends_with("#error-summary"),
            "{location}"
        );
        assert_eq!(dump(&store).await, before, "nothing saved");

        // The adviser's page: the item's form open at the summary, each typed value back (the
        // evidence as text, never as markup).
        let path = location
            .trim_start_matches("http://127.0.0.1:3000")
            .split('#')
            .next()
            .unwrap()
            .to_string();
        let get = |caller| {
            let router = router.clone();
            let request = w.request(caller, "GET", &path, "");
            async move { body_text(router.oneshot(request).await.unwrap()).await }
        };
        let html = get(Caller::Adviser).await;
        assert!(html.contains(r#"id="error-summary""#), "no summary");
        assert!(
            html.contains(&format!(r##"href="#reason-{item}""##)),
            "links to the reason"
        );
        assert!(
            html.contains("Letter &lt;/textarea&gt; from DoSVY"),
            "evidence kept"
        );
        assert!(html.contains(r#"value="Sokha Chan""#), "responsible kept");
        assert!(
            html.contains(r#"<option value="not_applicable" selected"#),
            "status kept"
        );
        // The same link followed by someone else shows nothing typed.
        let other = get(Caller::Admin).await;
        assert!(!other.contains("Sokha Chan") && !other.contains("error-summary"));
    })
}
