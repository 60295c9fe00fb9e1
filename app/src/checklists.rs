//! Checklist display: one section per track with its progress bar and items.

use homeward_core::{ChecklistItem, ItemStatus, Lang, Progress, Stored, Track};
use leptos::prelude::*;

use crate::components::ProgressBar;
use crate::i18n::Msg;

/// The label of an item's status.
pub fn status_label(status: &ItemStatus) -> Msg {
    match status {
        ItemStatus::NotStarted => Msg::StatusNotStarted,
        ItemStatus::InProgress => Msg::StatusInProgress,
        ItemStatus::Done { .. } => Msg::StatusDone,
        ItemStatus::NotApplicable { .. } => Msg::StatusNotApplicable,
        ItemStatus::Blocked { .. } => Msg::StatusBlocked,
    }
}

/// Closed items (done or not applicable) are what "show only open items" hides.
fn is_closed(item: &ChecklistItem) -> bool {
    item.hidden || !item.counts_towards_progress() || item.status.is_done()
}

#[component]
pub fn TrackSection(
    track: Track,
    progress: Progress,
    items: Vec<Stored<ChecklistItem>>,
    open_only: RwSignal<bool>,
    lang: Lang,
) -> impl IntoView {
    let heading = match track {
        Track::Stage(stage) => format!(
            "{} {} · {}",
            Msg::StageN.text(lang),
            stage.number(),
            stage.title().get(lang)
        ),
        Track::Organisation => track.title().get(lang).to_string(),
    };
    let all_closed = items.iter().all(|i| is_closed(&i.value));
    view! {
        <section class="track" data-track=track.key()>
            <h2>{heading}</h2>
            <div class="track-progress">
                <ProgressBar progress label=track.title().get(lang).to_string()/>
                <span class="muted">
                    {progress.done} " " {Msg::OfDone.text(lang)} " " {progress.applicable}
                </span>
            </div>
            <p class="empty" hidden=move || !(open_only.get() && all_closed)>
                {Msg::NothingOpen.text(lang)}
            </p>
            <ul class="items">
                {items.into_iter().filter(|i| !i.value.hidden).map(|i| view! { <ItemView item=i.value open_only lang/> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn ItemView(item: ChecklistItem, open_only: RwSignal<bool>, lang: Lang) -> impl IntoView {
    let closed = is_closed(&item);
    let status_class = format!("status status-{}", item.status.kind());
    let date = item
        .status
        .done_on()
        .map(|d| d.format("%Y-%m-%d").to_string());
    let reason = item.status.reason().map(|r| r.as_str().to_string());
    view! {
        <li class="item" data-key=item.key.as_str().to_string() data-status=item.status.kind() hidden=move || open_only.get() && closed>
            <div class="item-head">
                <span class=status_class>{status_label(&item.status).text(lang)} {date.map(|d| format!(" {d}"))}</span>
                <span class="item-title">{item.title.get(lang).to_string()}</span>
                {item.custom.then(|| view! { <span class="tag">{Msg::CustomItem.text(lang)}</span> })}
            </div>
            {reason.map(|r| view! { <p class="reason"><strong>{Msg::Reason.text(lang)} ": "</strong>{r}</p> })}
            {(!item.evidence.is_empty()).then(|| view! {
                <p class="evidence"><strong>{Msg::Evidence.text(lang)} ": "</strong>{item.evidence.as_str().to_string()}</p>
            })}
            <details>
                <summary>{Msg::Guidance.text(lang)}</summary>
                <p>{item.guidance.get(lang).to_string()}</p>
            </details>
            {item.updated_by.map(|who| view! {
                <p class="muted small">{Msg::UpdatedBy.text(lang)} ": " {who.to_string()}
                    {item.updated_at.map(|at| format!(" · {}", at.format("%Y-%m-%d")))}
                </p>
            })}
            {item.responsible.map(|r| view! {
                <p class="muted small">{Msg::Responsible.text(lang)} ": " {r.to_string()}</p>
            })}
        </li>
    }
    .into_any()
}
