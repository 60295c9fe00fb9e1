//! Text people type comes back as text, never as markup. Leptos writes the children of
//! `<textarea>` and `<title>` unescaped when it renders on the server, so the app escapes them
//! itself (`components::TextArea`, `components::PageTitle`); these pages prove it.

use homeward_core::{Name, Note};
use tower::ServiceExt;

use crate::common::*;

/// Ends a textarea and opens an element, if written unescaped.
const IN_TEXTAREA: &str = "</textarea><b id=x>x</b>";
/// Ends the title and opens an element, if written unescaped.
const IN_TITLE: &str = "</title><b id=x>x</b>";

fn escaped(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;")
}

/// `application/x-www-form-urlencoded`, every byte but letters and digits as `%XX`.
fn form_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn saved_text_comes_back_as_text_in_textareas_and_titles() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("markup").await;
        let by = homeward_core::history::Editor::system();
        // Checklist evidence, saved as an admin through the server function.
        let (item, version) = w.own_item;
        let body = format!(
            "rci_id={}&item_id={item}&version={version}&status=in_progress&evidence={}&responsible=",
            w.own_rci,
            form_value(IN_TEXTAREA)
        );
        let response = router
            .clone()
            .oneshot(w.request(Caller::Admin, "POST", "/api/update_item", &body))
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        // The RCI's name, the tour's title, objectives and outcomes, the training's title.
        let rci = store.rci(w.own_rci).await.unwrap();
        let mut profile = rci.value.clone();
        profile.name_en = Name::parse(IN_TITLE).unwrap();
        store
            .update_profile(w.own_rci, rci.version, &profile, &by)
            .await
            .unwrap();
        let tour = store
            .tours()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.id == w.own_tour)
            .unwrap();
        let mut t = tour.value.clone();
        t.title = Name::parse(IN_TITLE).unwrap();
        t.objectives = Note::parse(IN_TEXTAREA).unwrap();
        t.outcomes = Note::parse(&format!("{IN_TEXTAREA} 2")).unwrap();
        store
            .update_tour(tour.id, tour.version, &t, &by)
            .await
            .unwrap();
        let training = store
            .trainings()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.id == w.training)
            .unwrap();
        let mut t = training.value.clone();
        t.title = Name::parse(IN_TITLE).unwrap();
        store
            .update_training(training.id, training.version, &t, &by)
            .await
            .unwrap();

        let title = format!("<title>{}</title>", escaped(IN_TITLE));
        let textarea = |rest: &str| format!(">{}{rest}</textarea>", escaped(IN_TEXTAREA));
        let pages = [
            (
                format!("/rcis/{}/checklist", w.own_rci),
                vec![
                    format!("<title>{} · Checklist</title>", escaped(IN_TITLE)),
                    textarea(""),
                ],
            ),
            (
                format!("/tours/{}", w.own_tour),
                vec![title.clone(), textarea(""), textarea(" 2")],
            ),
            (format!("/trainings/{}", w.training), vec![title.clone()]),
        ];
        for (uri, wanted) in pages {
            let response = router
                .clone()
                .oneshot(w.request(Caller::Admin, "GET", &uri, ""))
                .await
                .unwrap();
            let html = body_text(response).await;
            for live in ["<b id=x>", "<b id=\"x\">", "<b id='x'>"] {
                assert!(!html.contains(live), "{uri} holds {live}: {html}");
            }
            for text in wanted {
                assert!(html.contains(&text), "{uri} lacks {text}: {html}");
            }
        }
    })
}

/// In an RCI's history only what people typed is marked not to be translated: a step's title is,
/// the app's own name for a record ("Profile") is not.
#[test]
fn history_marks_only_typed_labels_as_not_to_be_translated() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("history-labels").await;
        let (item, version) = w.own_item;
        let rci = w.own_rci;
        let title = stored_item(&store, rci, item).await.value.title.en;
        let saves = [
            (
                "update_item",
                format!("rci_id={rci}&item_id={item}&version={version}&status=in_progress&evidence=Seen"),
            ),
            (
                "update_profile",
                format!(
                    "rci_id={rci}&version={}&profile[name_en]=Renamed+Home&profile[province]=Pursat\
                     &profile[transition_start]=2024-01-01&profile[adviser_id]={}",
                    w.own_version, w.adviser_id
                ),
            ),
        ];
        for (endpoint, body) in saves {
            let uri = format!("/api/{endpoint}");
            let response = router
                .clone()
                .oneshot(w.request(Caller::Admin, "POST", &uri, &body))
                .await
                .unwrap();
            assert!(response.status().is_success() || response.status().is_redirection());
        }
        let uri = format!("/rcis/{rci}/history");
        let page = body_text(
            router
                .clone()
                .oneshot(w.request(Caller::Admin, "GET", &uri, ""))
                .await
                .unwrap(),
        )
        .await
        .replace("<!>", "");
        let typed = format!("<span translate=\"no\">{}</span>", escaped(&title));
        assert!(page.contains(&typed), "the step's title is typed: {page}");
        assert!(page.contains(": Profile"), "{page}");
        assert!(!page.contains("translate=\"no\">Profile"), "{page}");
    })
}
