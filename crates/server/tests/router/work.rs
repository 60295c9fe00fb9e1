//! My work through the real router: a step given a due day that has passed shows on its
//! adviser's list, late, with a link straight to it, and in the header's count; it never shows
//! on the list of anyone who does not look after that RCI.

use chrono::Days;
use tower::ServiceExt;

use crate::common::{body_text, run, stored_item, world, Caller};

#[test]
fn a_late_step_is_on_its_advisers_list_and_nobody_elses() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("work").await;
        let (rci, (item, version)) = (w.own_rci, w.own_item);
        let yesterday = app::server::today() - Days::new(1);
        let title = stored_item(&store, rci, item).await.value.title.en;
        let body = format!(
            "rci_id={rci}&item_id={item}&version={version}&status=in_progress&evidence=&responsible=\
             &owner=director&due_on={yesterday}"
        );
        let saved = router
            .clone()
            .oneshot(w.request(Caller::Adviser, "POST", "/api/update_item", &body))
            .await
            .unwrap();
        assert!(
            saved.status().is_success() || saved.status().is_redirection(),
            "{}",
            saved.status()
        );
        let stored = store.checklist(rci).await.unwrap();
        let stored = stored.iter().find(|i| i.id == item).unwrap();
        assert_eq!(stored.value.due_on, Some(yesterday));
        assert_eq!(stored.value.owner, Some(homeward_core::Owner::Director));

        let page = |caller| {
            let router = router.clone();
            let req = w.request(caller, "GET", "/my-work", "");
            async move { body_text(router.oneshot(req).await.unwrap()).await }
        };
        let adviser = page(Caller::Adviser).await;
        let link = format!("href=\"/rcis/{rci}/checklist#item-{item}\"");
        assert!(
            adviser.contains(&link),
            "the adviser's list links to the step: {adviser}"
        );
        assert!(adviser.contains(&title), "{adviser}");
        assert!(adviser.contains("The director&#x27;s") || adviser.contains("The director's"));
        assert!(
            adviser.contains(&format!("{yesterday} · late by 1 day")),
            "{adviser}"
        );
        assert!(
            adviser.contains("data-testid=\"late-count\""),
            "the header counts it"
        );
        assert!(
            !adviser.contains(&format!("data-rci=\"{}\"", w.other_rci)),
            "an RCI the adviser does not advise is not on their list"
        );
        // The director of the RCI reads the same step; the admin's list holds every partner.
        assert!(page(Caller::Director).await.contains(&link));
        let admin = page(Caller::Admin).await;
        assert!(admin.contains(&link));
        // Done, it leaves the list.
        let done = format!(
            "rci_id={rci}&item_id={item}&version={}&status=done&done_on={yesterday}&evidence=&responsible=",
            version + 1
        );
        router
            .clone()
            .oneshot(w.request(Caller::Adviser, "POST", "/api/update_item", &done))
            .await
            .unwrap();
        assert!(!page(Caller::Adviser).await.contains(&link));
    })
}
