//! Evidence files on an RCI's page: each record's attached files, as downloads, and for an
//! editor a plain multipart form posting one more to `/files` (the server's; see its `files`
//! module), which works the same with or without JavaScript.

use homeward_core::evidence::{AttachedTo, EvidenceFile};
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::rcis::RciContext;

/// A file's size as people read it: kilobytes under a megabyte, else megabytes.
fn size_text(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The files attached to one record, and the form to attach another.
#[component]
pub fn Attachments(attached: AttachedTo, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let files: Vec<EvidenceFile> = cx.files.with_value(|all| {
        all.iter()
            .filter(|f| f.attached == Some(attached))
            .cloned()
            .collect()
    });
    let target = format!("{}:{}", attached.key(), attached.id());
    let field = format!("file-{}-{}", attached.key(), attached.id());
    let list = (!files.is_empty()).then(|| {
        view! {
            <ul class="files" data-testid="files">
                {files.into_iter().map(|f| view! {
                    <li>
                        <a href=format!("/files/{}", f.id) download translate="no">{f.name}</a>
                        <span class="muted small">{format!(" · {} · {}", size_text(f.size), f.uploaded_on)}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let form = cx.can_edit.then(|| {
        view! {
            <details class="attach">
                <summary>{Msg::AttachFile.text(lang)}</summary>
                <form method="post" action="/files" enctype="multipart/form-data" class="stack">
                    <input type="hidden" name="rci" value=cx.rci_id/>
                    <input type="hidden" name="attached" value=target/>
                    <label for=field.clone()>{Msg::FileToAttach.text(lang)}</label>
                    <input id=field type="file" name="file" required
                        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"/>
                    <p class="muted small">{Msg::NeverAChildsPhoto.text(lang)}</p>
                    <button type="submit">{Msg::Attach.text(lang)}</button>
                </form>
            </details>
        }
    });
    view! { <div class="attachments">{list}{form}</div> }
}
