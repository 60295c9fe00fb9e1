//! Evidence files through the real router: each role may upload and download exactly what it may
//! edit and read (another RCI's file is "not found", as an RCI is); hostile files are refused with
//! a message saying why and nothing is kept; a photo is kept without its place.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

use crate::common::{body_text, dump, run, world, Caller, World};

/// The upload form as a browser posts it.
pub(crate) fn upload(
    w: &World,
    caller: Caller,
    rci: i64,
    attached: &str,
    name: &str,
    bytes: &[u8],
) -> Request<Body> {
    let boundary = "homeward-files-boundary";
    let field = |name: &str, value: &str| {
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        )
    };
    let mut body = format!(
        "{}{}--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n",
        field("rci", &rci.to_string()),
        field("attached", attached)
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = Request::builder()
        .method("POST")
        .uri("/files")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
    if let Some(cookie) = w.cookie(caller) {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::from(body)).unwrap()
}

/// A phone's JPEG: JFIF, EXIF with a GPS position, then the image.
pub(crate) fn phone_photo() -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let exif = b"Exif\0\0GPSLatitude 12.5388 N GPSLongitude 103.9192 E";
    b.extend_from_slice(&[0xFF, 0xE1]);
    b.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    b.extend_from_slice(exif);
    b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34, 0xFF, 0xD9]);
    b
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

async fn first_item(store: &homeward_store::Store, rci: i64) -> i64 {
    store.checklist(rci).await.unwrap()[0].id
}

#[test]
fn hostile_files_are_refused_with_why_and_nothing_is_kept() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("hostile-evidence").await;
        let rci = w.own_rci;
        let item = format!("item:{}", first_item(&store, rci).await);
        let mut huge = b"%PDF-1.7\n".to_vec();
        huge.resize(20 * 1024 * 1024, b' ');
        huge.extend_from_slice(b"%%EOF");
        let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
            (
                "signed-mou.pdf",
                b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode".to_vec(),
                StatusCode::BAD_REQUEST,
                "only PDF, JPEG or PNG",
            ),
            (
                "plan.svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec(),
                StatusCode::BAD_REQUEST,
                "only PDF, JPEG or PNG",
            ),
            (
                "mou.html",
                b"<!DOCTYPE html><script>alert(document.cookie)</script>".to_vec(),
                StatusCode::BAD_REQUEST,
                "only PDF, JPEG or PNG",
            ),
            (
                "scan.pdf",
                huge,
                StatusCode::PAYLOAD_TOO_LARGE,
                "larger than 10 MB",
            ),
            (
                "cut.pdf",
                b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog".to_vec(),
                StatusCode::BAD_REQUEST,
                "incomplete",
            ),
            ("empty.pdf", Vec::new(), StatusCode::BAD_REQUEST, "empty"),
        ];
        for (name, bytes, status, why) in cases {
            let before = dump(&store).await;
            let response = router
                .clone()
                .oneshot(upload(&w, Caller::Adviser, rci, &item, name, &bytes))
                .await
                .unwrap();
            assert_eq!(response.status(), status, "{name}");
            let text = body_text(response).await;
            assert!(text.contains(why), "{name}: {text}");
            assert!(
                text.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)),
                "{name}: in Khmer too"
            );
            assert_eq!(dump(&store).await, before, "{name} changed nothing");
        }
        // Attached to another RCI's step: refused too.
        let other = format!("item:{}", first_item(&store, w.other_rci).await);
        let before = dump(&store).await;
        let response = router
            .clone()
            .oneshot(upload(
                &w,
                Caller::Admin,
                rci,
                &other,
                "photo.jpg",
                &phone_photo(),
            ))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(dump(&store).await, before);
    })
}

#[test]
fn files_are_uploaded_by_editors_and_read_only_within_scope() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("evidence").await;
        let item = first_item(&store, w.own_rci).await;
        // Who may attach to the director's RCI (which the adviser leads) and to another.
        for (caller, rci, status) in [
            (Caller::Anonymous, w.own_rci, StatusCode::UNAUTHORIZED),
            (Caller::Director, w.own_rci, StatusCode::FORBIDDEN),
            (Caller::Viewer, w.own_rci, StatusCode::FORBIDDEN),
            (Caller::Adviser, w.other_rci, StatusCode::FORBIDDEN),
            (Caller::Director, w.other_rci, StatusCode::NOT_FOUND),
        ] {
            let before = dump(&store).await;
            let response = router
                .clone()
                .oneshot(upload(&w, caller, rci, "", "photo.jpg", &phone_photo()))
                .await
                .unwrap();
            assert_eq!(response.status(), status, "{caller:?} on {rci}");
            assert_eq!(dump(&store).await, before, "{caller:?} changed nothing");
        }
        let response = router
            .clone()
            .oneshot(upload(
                &w,
                Caller::Adviser,
                w.own_rci,
                &format!("item:{item}"),
                "MoU ស្នើ.jpg",
                &phone_photo(),
            ))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let back = response.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert!(back.ends_with(&format!("#item-{item}")), "{back}");
        let files = store.evidence_files(w.own_rci).await.unwrap();
        assert_eq!(files.len(), 1);
        let own = files[0].id;
        router
            .clone()
            .oneshot(upload(
                &w,
                Caller::Admin,
                w.other_rci,
                "",
                "other.jpg",
                &phone_photo(),
            ))
            .await
            .unwrap();
        let theirs = store.evidence_files(w.other_rci).await.unwrap()[0].id;

        let get = |caller, id: i64| {
            let router = router.clone();
            let req = w.request(caller, "GET", &format!("/files/{id}"), "");
            async move { router.oneshot(req).await.unwrap() }
        };
        for caller in [
            Caller::Admin,
            Caller::Adviser,
            Caller::Director,
            Caller::Viewer,
        ] {
            let response = get(caller, own).await;
            assert_eq!(response.status(), StatusCode::OK, "{caller:?}");
            let headers = response.headers().clone();
            assert_eq!(headers[header::CONTENT_TYPE], "image/jpeg");
            assert_eq!(headers[header::CACHE_CONTROL], "no-store");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
            assert!(
                disposition.starts_with("attachment; filename=\"MoU _"),
                "{disposition}"
            );
            assert!(
                disposition.contains("filename*=UTF-8''MoU%20%E1%9E"),
                "{disposition}"
            );
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            assert!(bytes.starts_with(&[0xFF, 0xD8]));
            assert!(!contains(&bytes, b"GPS"), "kept without its place");
        }
        // Another RCI's file, or none: "not found" alike, with nothing of the file.
        for id in [theirs, theirs + 1000] {
            let response = get(Caller::Director, id).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{id}");
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            assert!(!contains(&bytes, &[0xFF, 0xD8]));
        }
        assert_ne!(get(Caller::Anonymous, own).await.status(), StatusCode::OK);
        // The step lists it, as a download, for the director too.
        let page = body_text(
            router
                .clone()
                .oneshot(w.request(
                    Caller::Director,
                    "GET",
                    &format!("/rcis/{}/checklist?all=1", w.own_rci),
                    "",
                ))
                .await
                .unwrap(),
        )
        .await;
        assert!(page.contains(&format!("href=\"/files/{own}\"")), "{page}");
        assert!(
            !page.contains("action=\"/files\""),
            "a director gets no upload form"
        );
        // The history says who attached what.
        let history = store.history(w.own_rci, 5).await.unwrap();
        assert!(
            history
                .iter()
                .any(|h| h.label == "MoU ស្នើ.jpg" && h.by.contains("Adviser")),
            "{history:#?}"
        );
    })
}
