//! Who may do what, proved through the very router the binary serves: every server function and
//! every page, for each role and for a caller who is not signed in.
//!
//! The tables below must name every server function and page the app registers; adding one
//! without deciding who may call it makes `every_server_function_is_in_the_table` fail.

use std::collections::BTreeSet;

use app::errors::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Utc;
use tower::ServiceExt;

use crate::common::*;

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
    let edit_own = [Unauthenticated, Ok, Ok, Forbidden, Forbidden];
    let edit_other = [Unauthenticated, Ok, Forbidden, NotFound, Forbidden];
    let today = app::server::today();
    let profile = |rci: i64, version: i64| {
        format!(
            "rci_id={rci}&version={version}&profile[name_en]=Renamed+Home&profile[province]=Pursat\
             &profile[transition_start]=2024-01-01&profile[adviser_id]={}",
            w.adviser_id
        )
    };
    let counts = |rci: i64| {
        let mut body = format!("rci_id={rci}&counts[as_of]={today}");
        for field in homeward_core::CountField::ALL {
            let (t, f) = field.form_names();
            body.push_str(&format!("&counts[{t}]=0&counts[{f}]=0"));
        }
        body
    };
    let visit = |rci: i64| {
        format!(
            "rci_id={rci}&visit[visited_on]={today}&visit[children_total]=2&visit[children_female]=1\
             &visit[visited_by]=ngo_staff&visit[mode]=visit&visit[notes]="
        )
    };
    let placement = |rci: i64| {
        format!(
            "rci_id={rci}&placement[code]=NEW-2026-9&placement[placed_on]={today}\
             &placement[kind]=birth_family&placement[children_total]=1\
             &placement[children_female]=0&placement[age_band]=0_4"
        )
    };
    let placement_visit = |rci: i64, placement: i64| {
        format!(
            "rci_id={rci}&placement_id={placement}&visit[visited_on]={today}&visit[outcome]=stable"
        )
    };
    let staff = |rci: i64| {
        format!(
            "rci_id={rci}&change[changed_on]={today}&change[kind]=redeployed\
             &change[staff_total]=2&change[staff_female]=1"
        )
    };
    let asset = |rci: i64| {
        format!(
            "rci_id={rci}&change[changed_on]={today}&change[asset]=Dormitory&change[now]=day_care"
        )
    };
    let funding = |rci: i64| {
        format!(
            "rci_id={rci}&change[changed_on]={today}&change[donor]=Friends&change[amount]=1000\
             &change[currency]=usd&change[from]=&change[to]=Family+support"
        )
    };
    let target = |rci: i64, scope: &str| {
        let whose = if scope == "province" {
            "Kampot".to_string()
        } else {
            rci.to_string()
        };
        format!(
            "{scope}={whose}&target[goal]=family_placements&target[percent]=60&target[stage]=\
             &target[due_on]={}",
            today + chrono::Days::new(200)
        )
    };
    let admin_only = [Unauthenticated, Ok, Forbidden, NotFound, Forbidden];
    let registration = |rci: i64, version: i64| {
        format!("rci_id={rci}&version={version}&change[mosvy_registration]=KP-017&change[mosvy_registered_on]=2019-05-02")
    };
    let agreement = |rci: i64| {
        format!(
            "rci_id={rci}&change[with]=dosvy&change[signed_on]={today}&change[expires_on]={}",
            today + chrono::Days::new(1000)
        )
    };
    let inspection = |rci: i64| {
        format!(
            "rci_id={rci}&change[inspected_on]={today}&change[by]=DoSVY+Pursat\
             &change[outcome]=improvements_required&change[follow_up_due]={}",
            today + chrono::Days::new(30)
        )
    };
    let closure = |rci: i64| format!("rci_id={rci}&change[noticed_on]={today}&change[kind]=closed");
    let assessment = |rci: i64| {
        format!(
            "rci_id={rci}&change[assessed_on]={today}&change[answer_director_wants_families]=present\
             &change[note_director_wants_families]=Said+so&change[answer_donor_may_withdraw]=absent"
        )
    };
    let indicator =
        "indicator[about]=donor&indicator[polarity]=risk&indicator[title_en]=The+donor+visits\
                     &indicator[title_km]=&indicator[guidance_en]=&indicator[guidance_km]=";
    let hide = |rci: i64, (id, version): (i64, i64)| {
        format!("rci_id={rci}&item_id={id}&version={version}&hidden=true")
    };
    let programme = |rci: i64| {
        format!(
            "rci_id={rci}&programme[kind]=parenting_club&programme[name]=Mothers+club\
             &programme[started_on]=2026-01-05&programme[members_total]=10\
             &programme[members_female]=8&programme[sessions_per_quarter]=6&programme[status]=active"
        )
    };
    let add = |rci: i64| {
        format!("rci_id={rci}&track=preparation&title_en=Meet+the+village+chief&title_km=")
    };
    let read_all = [Unauthenticated, Ok, Ok, Ok, Ok];
    let record = [Unauthenticated, Ok, Ok, Forbidden, Forbidden];
    // A tour hosted by an RCI the director may not see, visited by the director's own.
    let tour = format!(
        "tour[title]=Visit+to+a+transitioned+RCI&tour[starts_on]=2026-01-05&tour[ends_on]=2026-01-06\
         &tour[location]=Battambang&tour[host_{other}]=on&tour[visitors_0_rci_id]={own}\
         &tour[visitors_0_role]=director&tour[visitors_0_total]=1&tour[visitors_0_female]=1"
    );
    let training = format!(
        "training[category]=onsite_coaching&training[title]=Case+files&training[starts_on]=2026-02-02\
         &training[ends_on]=2026-02-02&training[venue]=On+site&training[participants_0_rci_id]={own}\
         &training[participants_0_total]=2&training[participants_0_female]=1"
    );
    vec![
        case("me", String::new(), [Ok, Ok, Ok, Ok, Ok], false),
        case("list_trainings", String::new(), read_all, false),
        case(
            "quarterly_report",
            "quarter=2026-Q4".into(),
            [Unauthenticated, Ok, Ok, NotFound, Ok],
            false,
        ),
        case(
            "quarterly_report",
            format!("quarter=2026-Q4&rci={own}"),
            read_all,
            false,
        ),
        case(
            "quarterly_report",
            format!("quarter=2026-Q4&rci={other}"),
            [Unauthenticated, Ok, Ok, NotFound, Ok],
            false,
        ),
        case(
            "compare_partners",
            String::new(),
            [Unauthenticated, Ok, Ok, NotFound, Ok],
            false,
        ),
        case(
            "form_choices",
            String::new(),
            [Unauthenticated, Ok, Ok, NotFound, NotFound],
            false,
        ),
        case("get_tour", format!("id={}", w.own_tour), read_all, false),
        case(
            "get_tour",
            format!("id={}", w.other_tour),
            [Unauthenticated, Ok, Ok, NotFound, Ok],
            false,
        ),
        case(
            "get_tour",
            "id=99999".into(),
            [Unauthenticated, NotFound, NotFound, NotFound, NotFound],
            false,
        ),
        case("get_training", format!("id={}", w.training), read_all, false),
        case(
            "get_training",
            "id=99999".into(),
            [Unauthenticated, NotFound, NotFound, NotFound, NotFound],
            false,
        ),
        case("save_tour", tour.clone(), record, true),
        case(
            "save_tour",
            format!("id={}&version=1&{tour}", w.own_tour),
            record,
            true,
        ),
        case("save_training", training.clone(), record, true),
        case(
            "save_training",
            format!("id={}&version=1&{training}", w.training),
            record,
            true,
        ),
        case(
            "list_rcis",
            String::new(),
            [Unauthenticated, Ok, Ok, Ok, Ok],
            false,
        ),
        case(
            "get_rci",
            format!("id={own}&section=checklist"),
            [Unauthenticated, Ok, Ok, Ok, Ok],
            false,
        ),
        case(
            "get_rci",
            format!("id={other}&section="),
            [Unauthenticated, Ok, Ok, NotFound, Ok],
            false,
        ),
        case(
            "get_rci",
            format!("id={own}&section=budget"),
            [Unauthenticated, NotFound, NotFound, NotFound, NotFound],
            false,
        ),
        case(
            "get_rci",
            format!("id={own}&section=history&page=10001"),
            [Unauthenticated, NotFound, NotFound, NotFound, NotFound],
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
        case("update_profile", profile(own, w.own_version), edit_own, true),
        case("update_profile", profile(other, w.other_version), edit_other, true),
        case(
            "create_rci",
            "profile[name_en]=New+Home&profile[province]=Kampot&profile[transition_start]=2025-01-01"
                .into(),
            [Unauthenticated, Ok, Ok, Forbidden, Forbidden],
            true,
        ),
        case(
            "list_advisers",
            String::new(),
            [Unauthenticated, Ok, Ok, NotFound, NotFound],
            false,
        ),
        case("add_item", add(own), edit_own, true),
        case("add_item", add(other), edit_other, true),
        case("set_item_hidden", hide(own, w.own_item), edit_own, true),
        case("set_item_hidden", hide(other, w.other_item), edit_other, true),
        // The demo's earlier stages are signed off and none waits: whoever may take the step is
        // told why not (409); the rest are refused as for any edit.
        case(
            "request_sign_off",
            format!("rci_id={own}&stage=assessment"),
            [Unauthenticated, NotNow, NotNow, Forbidden, Forbidden],
            true,
        ),
        case(
            "request_sign_off",
            format!("rci_id={other}&stage=assessment"),
            [Unauthenticated, NotNow, Forbidden, NotFound, Forbidden],
            true,
        ),
        case(
            "request_sign_off",
            format!("rci_id={own}&stage=organisation"),
            [Unauthenticated, Refused, Refused, Forbidden, Forbidden],
            true,
        ),
        case(
            "decide_sign_off",
            format!("rci_id={own}&stage=assessment&decision=approve"),
            [Unauthenticated, NotNow, Forbidden, Forbidden, Forbidden],
            true,
        ),
        case(
            "decide_sign_off",
            format!("rci_id={other}&stage=assessment&decision=approve"),
            [Unauthenticated, NotNow, Forbidden, NotFound, Forbidden],
            true,
        ),
        case("record_counts", counts(own), edit_own, true),
        case("record_counts", counts(other), edit_other, true),
        case("record_follow_up", visit(own), edit_own, true),
        case("record_follow_up", visit(other), edit_other, true),
        case("record_placement", placement(own), edit_own, true),
        case("record_placement", placement(other), edit_other, true),
        case("record_placement_visit", placement_visit(own, w.own_placement), edit_own, true),
        case(
            "record_placement_visit",
            placement_visit(w.other_placement.0, w.other_placement.1),
            edit_other,
            true,
        ),
        // Another RCI's placement named under one's own RCI: as if it did not exist.
        case(
            "record_placement_visit",
            placement_visit(own, w.other_placement.1),
            [Unauthenticated, NotFound, NotFound, Forbidden, Forbidden],
            true,
        ),
        case("record_staff_change", staff(own), edit_own, true),
        case("record_staff_change", staff(other), edit_other, true),
        case("record_asset_change", asset(own), edit_own, true),
        case("record_asset_change", asset(other), edit_other, true),
        case("record_funding_change", funding(own), edit_own, true),
        case("record_funding_change", funding(other), edit_other, true),
        // Targets are the organisation's: only admins set or remove them; a director never
        // reaches another RCI's, nor a province's.
        case("set_rci_target", target(own, "rci_id"), [Unauthenticated, Ok, Forbidden, Forbidden, Forbidden], true),
        case("set_rci_target", target(other, "rci_id"), admin_only, true),
        case("set_province_target", target(0, "province"), admin_only, true),
        case("remove_target", format!("id={}", w.own_target), admin_only, true),
        case("update_registration", registration(own, w.own_version), edit_own, true),
        case("update_registration", registration(other, w.other_version), edit_other, true),
        case("record_agreement", agreement(own), edit_own, true),
        case("record_agreement", agreement(other), edit_other, true),
        case("record_inspection", inspection(own), edit_own, true),
        case("record_inspection", inspection(other), edit_other, true),
        case("record_closure", closure(own), edit_own, true),
        case("record_closure", closure(other), edit_other, true),
        case("record_assessment", assessment(own), edit_own, true),
        case("record_assessment", assessment(other), edit_other, true),
        // The list of indicators is the organisation's: only admins read it here or change it.
        case("indicators_data", String::new(), staff_only, false),
        case("add_indicator", indicator.into(), staff_only, true),
        case(
            "edit_indicator",
            format!("key=director_wants_families&version=1&{indicator}"),
            staff_only,
            true,
        ),
        case(
            "move_indicator",
            "key=director_understands_harm&version=1&direction=up".into(),
            staff_only,
            true,
        ),
        case(
            "retire_indicator",
            "key=organisation_still_admits&version=1&retired=true".into(),
            staff_only,
            true,
        ),
        case("record_programme", programme(own), edit_own, true),
        case("record_programme", programme(other), edit_other, true),
        case(
            "list_tours",
            String::new(),
            [Unauthenticated, Ok, Ok, Ok, Ok],
            false,
        ),
        // Everyone's own list: a director's holds their RCI only (the scope test reads it).
        case("my_work", String::new(), [Unauthenticated, Ok, Ok, Ok, Ok], false),
        // The partners a phone keeps for offline visits: the caller's own (the scope test reads it).
        case("kept_rcis", String::new(), [Unauthenticated, Ok, Ok, Ok, Ok], false),
        case("list_users", String::new(), staff_only, false),
        case("list_changes", String::new(), staff_only, false),
        case(
            "create_user",
            "login=new.person&display_name=New+Person&role=viewer&rci_id=".into(),
            staff_only,
            true,
        ),
        case(
            "update_user",
            format!("user_id={}&version=1&role=viewer&rci_id=&remove_rci=", w.viewer_id),
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
        case("list_api_tokens", String::new(), staff_only, false),
        case(
            "create_api_token",
            format!("token[name]=Board&token[scope]=rcis&token[rci_{own}]=on"),
            staff_only,
            true,
        ),
        // The demo has no token: an admin is told so; anyone else is not told it exists.
        case(
            "revoke_api_token",
            "id=1".into(),
            [Unauthenticated, NotFound, NotFound, NotFound, NotFound],
            true,
        ),
        case("template_data", String::new(), staff_only, false),
        case(
            "add_template_step",
            "track=assessment&step[title_en]=Meet+the+school+heads&step[title_km]=&step[guidance_en]=&step[guidance_km]=".into(),
            staff_only,
            true,
        ),
        case(
            "edit_template_step",
            "key=assess_children&version=1&step[title_en]=Assess+every+child&step[title_km]=&step[guidance_en]=&step[guidance_km]=".into(),
            staff_only,
            true,
        ),
        case(
            "move_template_step",
            "key=assess_families&version=1&direction=up".into(),
            staff_only,
            true,
        ),
        case(
            "retire_template_step",
            "key=welcome_packs&version=1&retired=true".into(),
            staff_only,
            true,
        ),
        case(
            "apply_template",
            "rci=all&stamp=0&landing=open".into(),
            staff_only,
            true,
        ),
        // Nothing uploaded: the preview is empty, a confirmation refused as such.
        case(
            "import_preview",
            String::new(),
            [Unauthenticated, Ok, Ok, NotFound, NotFound],
            false,
        ),
        case(
            "confirm_import",
            "fingerprint=1".into(),
            [Unauthenticated, Refused, Refused, Forbidden, Forbidden],
            true,
        ),
        // Anyone signed in may read their own drafts; another's is none (an empty answer).
        case("form_draft", "id=1".into(), [Unauthenticated, Ok, Ok, Ok, Ok], false),
        case(
            "change_password",
            "current=homeward-demo&new_password=my+new+password&confirm=my+new+password".into(),
            [Unauthenticated, Ok, Ok, Ok, Ok],
            true,
        ),
    ]
}

#[test]
fn every_server_function_is_in_the_table() {
    run(async {
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
    })
}

#[test]
fn each_role_gets_exactly_what_it_may_and_refusals_change_nothing() {
    run(async {
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
                    // Creating an RCI answers by sending the browser to the new RCI's page.
                    let fine = status == StatusCode::OK || status.is_redirection();
                    assert!(fine, "{what}: {status} {text}");
                    continue;
                }
                let error: AppError = serde_json::from_str(&text)
                    .unwrap_or_else(|_| panic!("{what}: expected an error, got {status} {text}"));
                let (wanted, wanted_status) = match expect {
                    Refused => {
                        assert!(matches!(error, AppError::Invalid(_)), "{what}: {error:?}");
                        (error.clone(), StatusCode::BAD_REQUEST)
                    }
                    NotNow => {
                        assert!(matches!(error, AppError::NotNow(_)), "{what}: {error:?}");
                        (error.clone(), StatusCode::CONFLICT)
                    }
                    NotFound => (AppError::NotFound, StatusCode::NOT_FOUND),
                    Forbidden => (AppError::Forbidden, StatusCode::FORBIDDEN),
                    Unauthenticated => (AppError::Unauthenticated, StatusCode::UNAUTHORIZED),
                    Ok => unreachable!(),
                };
                assert_eq!(error, wanted, "{what}");
                assert_eq!(status, wanted_status, "{what}");
                if case.writes {
                    assert_eq!(dump(&store).await, before, "{what} changed the database");
                }
            }
        }
    })
}

/// The file routes' rows: uploading to the director's RCI (which the adviser leads) and to
/// another, downloading a file of each. A refused upload keeps nothing; a refused download
/// says "not found" (or asks to sign in) with none of the file.
#[test]
fn file_routes_answer_each_role_as_the_table_says() {
    use StatusCode as S;
    const SAVED: S = S::SEE_OTHER;
    // A link followed before signing in leads to the sign-in page, as every page's does.
    const SIGN_IN: S = S::SEE_OTHER;
    let uploads = |w: &World| {
        [
            (
                w.own_rci,
                [S::UNAUTHORIZED, SAVED, SAVED, S::FORBIDDEN, S::FORBIDDEN],
            ),
            (
                w.other_rci,
                [
                    S::UNAUTHORIZED,
                    SAVED,
                    S::FORBIDDEN,
                    S::NOT_FOUND,
                    S::FORBIDDEN,
                ],
            ),
        ]
    };
    run(async {
        let w = world().await;
        let mut n = 0;
        for (rci, expect) in uploads(&w) {
            for (caller, status) in CALLERS.into_iter().zip(expect) {
                n += 1;
                let (store, router) = w.fresh(&format!("upload{n}")).await;
                let before = dump(&store).await;
                let photo = crate::files::phone_photo();
                let request = crate::files::upload(&w, caller, rci, "", "mou.jpg", &photo);
                let response = router.oneshot(request).await.unwrap();
                let what = format!("{caller:?} uploading to RCI {rci}");
                assert_eq!(response.status(), status, "{what}");
                let kept = store.evidence_files(rci).await.unwrap();
                if status == SAVED {
                    assert_eq!(kept.len(), 1, "{what}");
                } else {
                    assert_eq!(dump(&store).await, before, "{what} changed the database");
                }
            }
        }

        let (store, router) = w.fresh("downloads").await;
        let mut files = vec![];
        for rci in [w.own_rci, w.other_rci] {
            let response = router
                .clone()
                .oneshot(crate::files::upload(
                    &w,
                    Caller::Admin,
                    rci,
                    "",
                    "mou.jpg",
                    &crate::files::phone_photo(),
                ))
                .await
                .unwrap();
            assert_eq!(response.status(), SAVED);
            files.push(store.evidence_files(rci).await.unwrap()[0].id);
        }
        let downloads = [
            (files[0], [SIGN_IN, S::OK, S::OK, S::OK, S::OK]),
            (files[1], [SIGN_IN, S::OK, S::OK, S::NOT_FOUND, S::OK]),
        ];
        for (file, expect) in downloads {
            for (caller, status) in CALLERS.into_iter().zip(expect) {
                let uri = format!("/files/{file}");
                let response = router
                    .clone()
                    .oneshot(w.request(caller, "GET", &uri, ""))
                    .await
                    .unwrap();
                assert_eq!(response.status(), status, "{caller:?} downloading {file}");
                if caller == Caller::Anonymous {
                    let to = response.headers()[header::LOCATION].to_str().unwrap();
                    assert!(to.starts_with("/login"), "{to}");
                }
                let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                    .await
                    .unwrap();
                let photo = bytes.starts_with(&[0xFF, 0xD8]);
                assert_eq!(photo, status == S::OK, "{caller:?} downloading {file}");
            }
        }
    })
}

#[test]
fn a_director_sees_only_their_own_rci_in_lists() {
    run(async {
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
    })
}

#[test]
fn exports_follow_the_same_access_as_the_lists() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("exports").await;
        let tours = store.tours().await.unwrap();
        let title = |id: i64| {
            tours
                .iter()
                .find(|t| t.id == id)
                .unwrap()
                .value
                .title
                .to_string()
        };
        let get = |caller, uri: &'static str| {
            let router = router.clone();
            let req = w.request(caller, "GET", uri, "");
            async move { router.oneshot(req).await.unwrap() }
        };
        let anonymous = get(Caller::Anonymous, "/exports/tours.csv").await;
        assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
        for (caller, sees_other) in [
            (Caller::Admin, true),
            (Caller::Adviser, true),
            (Caller::Director, false),
            (Caller::Viewer, true),
        ] {
            let response = get(caller, "/exports/tours.csv").await;
            assert_eq!(response.status(), StatusCode::OK, "{caller:?}");
            assert!(response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/csv"));
            let csv = body_text(response).await;
            assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
            assert!(csv.contains(&title(w.own_tour)), "{caller:?}");
            assert_eq!(csv.contains(&title(w.other_tour)), sees_other, "{caller:?}");
            let trainings = body_text(get(caller, "/exports/trainings.csv").await).await;
            let own = store
                .rci(w.own_rci)
                .await
                .unwrap()
                .value
                .name_en
                .to_string();
            assert!(trainings.contains(&own), "{caller:?}: {trainings}");
            for rci in store.rcis().await.unwrap() {
                let seen = trainings.contains(&format!(",{},", rci.value.name_en));
                if caller == Caller::Director && rci.id != w.own_rci {
                    assert!(!seen, "the director's export shows {}", rci.value.name_en);
                }
            }
        }
    })
}

#[test]
fn signing_in_sets_a_safe_cookie_and_signing_out_ends_the_session() {
    run(async {
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
            async move { body_text(router.oneshot(me_request(cookie)).await.unwrap()).await }
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
    })
}

#[test]
fn the_sixth_wrong_password_in_a_row_is_told_to_wait() {
    run(async {
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
    })
}

#[test]
fn pages_carry_the_security_headers() {
    run(async {
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
    })
}

#[test]
fn a_one_time_password_opens_only_the_password_change() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("one-time").await;
        let one_time = store.one_time_password();
        store
            .set_password(
                w.viewer_id,
                &one_time,
                true,
                &homeward_core::history::Editor::system(),
            )
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
    })
}

#[test]
fn the_director_page_shows_no_edit_controls() {
    run(async {
        let w = world().await;
        let (_, router) = w.fresh("controls").await;
        let uri = format!("/rcis/{}/checklist", w.own_rci);
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
    })
}

#[test]
fn cross_site_posts_are_refused_and_change_nothing() {
    run(async {
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
    })
}

/// Whether `body` holds `prefix` followed by `id` as a whole number (`/rcis/1`, not `/rcis/12`).
fn names_id(body: &str, prefix: &str, id: i64) -> bool {
    let needle = format!("{prefix}{id}");
    body.match_indices(&needle).any(|(at, _)| {
        !body[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// Whether `n` appears as a number of its own (not inside a longer run of digits, such as the
/// nanoseconds of a timestamp).
fn shows_number(body: &str, n: u32) -> bool {
    let n = n.to_string();
    body.match_indices(&n).any(|(at, _)| {
        let before = body[..at].chars().next_back();
        let after = body[at + n.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn a_director_receives_nothing_outside_their_scope() {
    use homeward_core::quarters::Quarter;
    use homeward_core::SexCount;

    run(async {
        let w = world().await;
        let (store, router) = w.fresh("scope").await;
        let by = homeward_core::history::Editor::system();
        let tours = store.tours().await.unwrap();
        // RCIs on a tour with the director's own: the director met them, so their names are
        // theirs to see; every other RCI is out of scope and gets a name that is easy to find.
        let met: BTreeSet<i64> = tours
            .iter()
            .filter(|t| t.value.involves(w.own_rci))
            .flat_map(|t| t.value.rcis())
            .collect();
        let others: Vec<i64> = store
            .rcis()
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .filter(|id| *id != w.own_rci)
            .collect();
        let out_of_scope: Vec<i64> = others
            .iter()
            .copied()
            .filter(|id| !met.contains(id))
            .collect();
        assert!(out_of_scope.contains(&w.other_rci));
        for id in &out_of_scope {
            sqlx::query("UPDATE rcis SET name_en = $1, name_km = $2 WHERE id = $3")
                .bind(format!("Outofscope-{id}"))
                .bind(format!("ក្រៅវិសាលភាព-{id}"))
                .bind(id)
                .execute(store.pool())
                .await
                .unwrap();
        }
        // Other RCIs' people, on the director's tour and on the other tour, in numbers that
        // appear nowhere else.
        let distinctive = [(9187, 6143), (8761, 5347)];
        for (t, (total, female)) in [(w.own_tour, distinctive[0]), (w.other_tour, distinctive[1])] {
            let stored = tours.iter().find(|s| s.id == t).unwrap();
            let mut tour = stored.value.clone();
            for v in tour.visitors.iter_mut().filter(|v| v.rci_id != w.own_rci) {
                v.people = SexCount::new(total, female).unwrap();
            }
            store
                .update_tour(t, stored.version, &tour, &by)
                .await
                .unwrap();
        }
        let own_tour = tours.iter().find(|t| t.id == w.own_tour).unwrap();
        let others_actions: Vec<String> = own_tour
            .value
            .actions
            .iter()
            .filter(|a| a.owner_rci_id != w.own_rci)
            .map(|a| a.description.to_string())
            .collect();
        assert!(
            !others_actions.is_empty(),
            "the demo tour has another RCI's action"
        );

        let today = app::server::today();
        let mut bodies: Vec<(String, String)> = vec![];
        let mut get = |what: String, text: String| bodies.push((what, text));
        // Every server function, with every argument the access table tries, and the report
        // of the quarters the demo tour and training fall in.
        let mut calls: Vec<(&str, String)> = cases(&w)
            .into_iter()
            .filter(|c| !c.writes || c.expect[3] != Ok)
            .map(|c| (c.endpoint, c.body))
            .collect();
        for day in [
            today,
            today - chrono::Days::new(30),
            today - chrono::Days::new(60),
        ] {
            let quarter = Quarter::of(day).key();
            calls.push((
                "quarterly_report",
                format!("quarter={quarter}&rci={}", w.own_rci),
            ));
        }
        for (endpoint, body) in calls {
            let uri = format!("/api/{endpoint}");
            let response = router
                .clone()
                .oneshot(w.request(Caller::Director, "POST", &uri, &body))
                .await
                .unwrap();
            get(format!("{uri} {body}"), body_text(response).await);
        }
        // Every page a director may open (and a few they may not), with hydration data.
        let own = w.own_rci;
        let mut pages = vec![
            "/".to_string(),
            "/account/password".into(),
            "/tours".into(),
            "/trainings".into(),
            "/compare".into(),
            "/report".into(),
            "/my-work".into(),
            "/offline".into(),
            "/outbox".into(),
            format!("/rcis/{own}"),
            format!("/rcis/{own}/checklist?all=1"),
            format!("/rcis/{own}/children"),
            format!("/rcis/{own}/follow-ups"),
            format!("/rcis/{own}/activities"),
            format!("/rcis/{own}/history"),
            format!("/tours/{}", w.own_tour),
            format!("/tours/{}", w.other_tour),
            format!("/trainings/{}", w.training),
            format!("/tours?rci={}", w.other_rci),
            format!("/trainings?rci={}", w.other_rci),
        ];
        for day in [
            today,
            today - chrono::Days::new(30),
            today - chrono::Days::new(60),
        ] {
            pages.push(format!(
                "/report?quarter={}&rci={own}",
                Quarter::of(day).key()
            ));
        }
        pages.extend(
            [
                "/exports/tours.csv",
                "/exports/trainings.csv",
                "/exports/partners.csv",
            ]
            .map(String::from),
        );
        for uri in pages {
            let response = router
                .clone()
                .oneshot(w.request(Caller::Director, "GET", &uri, ""))
                .await
                .unwrap();
            get(uri, body_text(response).await);
        }

        for (what, body) in &bodies {
            assert!(!body.contains("Outofscope-"), "{what} names an RCI: {body}");
            assert!(!body.contains("ក្រៅវិសាលភាព-"), "{what} names an RCI: {body}");
            for (total, female) in distinctive {
                for n in [total, female] {
                    assert!(!shows_number(body, n), "{what} shows {n}: {body}");
                }
            }
            for action in &others_actions {
                assert!(!body.contains(action.as_str()), "{what} shows “{action}”");
            }
            for id in &others {
                assert!(
                    !names_id(body, "/rcis/", *id),
                    "{what} links RCI {id}: {body}"
                );
                assert!(
                    !names_id(body, "\"rci_id\":", *id),
                    "{what} has RCI {id}: {body}"
                );
            }
        }
        // The bodies are real answers: the director's own tour, with their own people.
        let page = |uri: String| {
            bodies
                .iter()
                .find(|(what, _)| *what == uri)
                .map(|(_, b)| b.clone())
                .unwrap()
        };
        let tour = page(format!("/tours/{}", w.own_tour));
        assert!(tour.contains(own_tour.value.title.as_str()), "{tour}");
        let own_people: Vec<SexCount> = own_tour
            .value
            .visitors
            .iter()
            .filter(|v| v.rci_id == w.own_rci)
            .map(|v| v.people)
            .collect();
        assert!(!own_people.is_empty());
        for people in own_people {
            assert!(
                tour.contains(&format!("<td>{people}</td>")),
                "{people}: {tour}"
            );
        }
        assert!(tour.contains("data-testid=\"own-numbers-only\""), "{tour}");
        let tours_csv = page("/exports/tours.csv".into());
        assert!(
            tours_csv.contains(own_tour.value.title.as_str()),
            "{tours_csv}"
        );
    })
}

/// A one-time password an admin creates on one server is shown by whichever server answers the
/// next page, once, and never to another user.
#[test]
fn a_one_time_password_made_on_one_server_is_shown_once_by_another() {
    run(async {
        let w = world().await;
        let ((_, first), (_, second)) = w.two_servers("flash").await;
        let made = first
            .clone()
            .oneshot(w.request(
                Caller::Admin,
                "POST",
                "/api/reset_password",
                &format!("user_id={}", w.viewer_id),
            ))
            .await
            .unwrap();
        assert!(made.status().is_success() || made.status().is_redirection());
        let password: String = serde_json::from_str(&body_text(made).await).unwrap_or_default();
        let page = |router: &axum::Router, caller| {
            let req = w.request(caller, "GET", "/admin/users", "");
            let router = router.clone();
            async move { body_text(router.oneshot(req).await.unwrap()).await }
        };
        let shown = page(&second, Caller::Admin).await;
        assert!(
            !password.is_empty() && shown.contains(&password),
            "the other server shows it"
        );
        assert!(
            !page(&first, Caller::Admin).await.contains(&password),
            "once"
        );
        assert!(
            !page(&second, Caller::Admin).await.contains(&password),
            "once"
        );
    })
}
