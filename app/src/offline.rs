//! Working offline. Two pages the phone's script (`js/offline.js`, with the service worker
//! `sw.js`) completes with what only the phone knows: Available offline (`/offline`), the
//! partner pages kept on this phone for the signed-in user and when each was kept; and the
//! Outbox (`/outbox`), saves made without a connection, waiting or refused. The server words
//! every label here, in the reader's language; the script only fills in values and times.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::PageTitle;
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::rcis::Section;
use crate::work::RciNames;

/// The sections of an RCI kept for a visit: what an adviser reads and updates on one.
pub const KEPT_SECTIONS: [Section; 4] = [
    Section::Overview,
    Section::Checklist,
    Section::Children,
    Section::FollowUps,
];

/// The forms that may be saved without a connection, by their server function's address, with
/// what the Outbox calls them.
const OFFLINE_FORMS: [(&str, Msg); 3] = [
    ("/api/update_item", Msg::OfflineFormItem),
    ("/api/record_counts", Msg::OfflineFormCounts),
    ("/api/record_follow_up", Msg::OfflineFormFollowUp),
];

/// The RCIs whose pages this user keeps for visits: an adviser's, a director's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptPartners {
    pub rcis: Vec<(i64, RciNames)>,
}

#[server(endpoint = "kept_rcis")]
pub async fn kept_rcis() -> Result<KeptPartners, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    let own = ctx.actor.own_rcis().unwrap_or_default();
    let rcis = ctx.store.rci_summaries_of(&own).await?;
    Ok(KeptPartners {
        rcis: rcis
            .iter()
            .map(|(r, _)| (r.id, RciNames::of(&r.value)))
            .collect(),
    })
}

#[component]
pub fn AvailableOfflinePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| kept_rcis());
    view! {
        <PageTitle text=Msg::OfflineTitle.text(lang)/>
        <h1>{Msg::OfflineTitle.text(lang)}</h1>
        <p class="muted">{Msg::OfflineIntro.text(lang)}</p>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                if data.rcis.is_empty() {
                    return view! { <p class="empty">{Msg::OfflineNone.text(lang)}</p> }.into_any();
                }
                view! {
                    <button type="button" data-keep-all hidden>{Msg::OfflineKeepAll.text(lang)}</button>
                    <ul class="kept" data-kept data-testid="kept">
                        {data.rcis.into_iter().map(|(id, names)| view! {
                            <li>
                                <strong translate="no">{names.in_lang(lang)}</strong>
                                <ul>
                                    {KEPT_SECTIONS.into_iter().map(|s| view! {
                                        <li data-page=s.href(id)>
                                            <a href=s.href(id)>{s.label().text(lang)}</a>
                                            " · " <span data-kept-at data-never=Msg::OfflineNotKept.text(lang)>
                                                {Msg::OfflineNotKept.text(lang)}
                                            </span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let word = |m: Msg| m.text(lang);
    view! {
        <PageTitle text=word(Msg::OutboxTitle)/>
        <h1>{word(Msg::OutboxTitle)}</h1>
        <p class="muted">{word(Msg::OutboxIntro)}</p>
        <p class="empty" data-outbox-empty>{word(Msg::OutboxEmpty)}</p>
        <ol class="outbox" data-outbox data-testid="outbox"></ol>
        // One entry, worded here; the script copies it for each save the phone holds.
        <template id="outbox-entry">
            <li class="panel outbox-entry">
                <p>
                    <strong data-what></strong>
                    {OFFLINE_FORMS.into_iter().map(|(url, m)| view! { <span data-form=url hidden>{word(m)}</span> }).collect_view()}
                    " · " <a data-page></a>
                </p>
                <p class="muted small">{word(Msg::OutboxSavedAt)} " " <span data-saved-at></span></p>
                <p class="state" data-state-text="waiting">{word(Msg::OutboxWaiting)}</p>
                <p class="state conflict" data-state-text="conflict" role="alert">{word(Msg::OutboxConflict)}</p>
                <p class="state refused" data-state-text="refused" role="alert">{word(Msg::OutboxRefused)}</p>
                <h3>{word(Msg::OutboxTyped)}</h3>
                <dl class="facts" data-typed></dl>
                <p class="theirs" data-theirs></p>
                <p class="actions">
                    <button type="button" data-reapply>{word(Msg::OutboxReapply)}</button>
                    " " <button type="button" class="secondary" data-drop>{word(Msg::OutboxDrop)}</button>
                </p>
            </li>
        </template>
    }
}
