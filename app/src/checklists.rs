//! Checklist display: one section per track with its progress bar and items.

use homeward_core::{ChecklistItem, ItemStatus, Lang, Progress, Stored, Track};
use leptos::prelude::*;

use crate::components::ProgressBar;
use crate::errors::AppError;
use crate::i18n::Msg;

/// Saves an adviser's change to one checklist item. Refused unless the caller may edit the RCI,
/// the values are valid, and nobody saved the item since the page was loaded.
#[server(endpoint = "update_item")]
pub async fn update_item(
    rci_id: i64,
    item_id: i64,
    version: i64,
    status: String,
    done_on: Option<String>,
    reason: Option<String>,
    evidence: Option<String>,
    responsible: Option<String>,
) -> Result<i64, AppError> {
    use homeward_core::{Name, Note};
    use homeward_store::checklists::ItemChange;
    use homeward_store::StoreError;

    let actor = crate::server::actor()?;
    crate::server::can_edit(&actor, rci_id)?;
    let status = ItemStatus::from_parts(
        &status,
        done_on.as_deref(),
        reason.as_deref().unwrap_or(""),
        crate::server::today(),
    )
    .map_err(|e| AppError::Invalid(e.to_string()))?;
    let responsible = responsible
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| Name::parse_field("responsible", r))
        .transpose()?;
    let change = ItemChange {
        status,
        evidence: Note::parse_field("evidence", evidence.as_deref().unwrap_or(""))?,
        responsible,
    };
    let by = crate::server::session()
        .and_then(|s| Name::parse(&s.display_name).ok())
        .ok_or(AppError::Unauthenticated)?;
    let state = crate::server::state()?;
    match state
        .store
        .update_item(rci_id, item_id, version, &change, &by)
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            let newer = state
                .store
                .checklist(rci_id)
                .await?
                .into_iter()
                .find(|i| i.id == item_id)
                .ok_or(AppError::NotFound)?;
            Err(AppError::Conflict(format!(
                "{} ({}){}",
                newer.value.status.kind(),
                newer
                    .value
                    .updated_by
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                if newer.value.evidence.is_empty() {
                    String::new()
                } else {
                    format!(": {}", newer.value.evidence.as_str())
                }
            )))
        }
        other => Ok(other?),
    }
}

/// The label of a status, by its stored name.
pub fn kind_label(kind: &str) -> Msg {
    match kind {
        "in_progress" => Msg::StatusInProgress,
        "done" => Msg::StatusDone,
        "not_applicable" => Msg::StatusNotApplicable,
        "blocked" => Msg::StatusBlocked,
        _ => Msg::StatusNotStarted,
    }
}

/// Closed items (done or not applicable) are what "show only open items" hides.
fn is_closed(item: &ChecklistItem) -> bool {
    item.hidden || !item.counts_towards_progress() || item.status.is_done()
}

/// What a checklist section needs from its page.
#[derive(Clone, Copy)]
pub struct ChecklistContext {
    pub rci_id: i64,
    pub can_edit: bool,
    pub open_only: RwSignal<bool>,
    /// Bumped after a successful save, so the page reloads its figures.
    pub saved: RwSignal<u32>,
    pub lang: Lang,
}

#[component]
pub fn TrackSection(
    track: Track,
    progress: Progress,
    items: Vec<Stored<ChecklistItem>>,
    cx: ChecklistContext,
) -> impl IntoView {
    let ChecklistContext {
        open_only, lang, ..
    } = cx;
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
                {items.into_iter().filter(|i| !i.value.hidden).map(|i| view! { <ItemView item=i cx/> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn ItemView(item: Stored<ChecklistItem>, cx: ChecklistContext) -> impl IntoView {
    let ChecklistContext {
        open_only, lang, ..
    } = cx;
    let editor = cx
        .can_edit
        .then(|| view! { <ItemEditor item=item.clone() cx/> });
    let item = item.value;
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
                <span class=status_class>{kind_label(item.status.kind()).text(lang)} {date.map(|d| format!(" {d}"))}</span>
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
            {editor}
        </li>
    }
    .into_any()
}

/// The edit form of one item: a plain HTML form that also works before (or without) WebAssembly.
#[component]
fn ItemEditor(item: Stored<ChecklistItem>, cx: ChecklistContext) -> impl IntoView {
    let lang = cx.lang;
    let save = ServerAction::<UpdateItem>::new();
    let result = save.value();
    Effect::new(move |_| {
        if matches!(result.get(), Some(Ok(_))) {
            cx.saved.update(|n| *n += 1);
        }
    });
    let value = item.value;
    let kind = value.status.kind();
    let date = value
        .status
        .done_on()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let reason = value
        .status
        .reason()
        .map(|r| r.as_str().to_string())
        .unwrap_or_default();
    let id = item.id;
    let field = move |name: &str| format!("{name}-{id}");
    view! {
        <details class="edit">
            <summary>{Msg::Edit.text(lang)}</summary>
            <ActionForm action=save attr:class="item-form">
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <input type="hidden" name="item_id" value=item.id/>
                <input type="hidden" name="version" value=item.version/>
                <label for=field("status")>{Msg::Status.text(lang)}</label>
                <select id=field("status") name="status">
                    {ItemStatus::KINDS
                        .into_iter()
                        .map(|k| {
                            view! { <option value=k selected=k == kind>{kind_label(k).text(lang)}</option> }
                        })
                        .collect_view()}
                </select>
                <label for=field("done_on")>{Msg::DoneOn.text(lang)}</label>
                <input id=field("done_on") type="date" name="done_on" value=date/>
                <label for=field("reason")>{Msg::Reason.text(lang)}</label>
                <input id=field("reason") type="text" name="reason" value=reason maxlength="2000"/>
                <label for=field("evidence")>{Msg::Evidence.text(lang)}</label>
                <textarea id=field("evidence") name="evidence" maxlength="2000" rows="2">{value.evidence.as_str().to_string()}</textarea>
                <label for=field("responsible")>{Msg::Responsible.text(lang)}</label>
                <input id=field("responsible") type="text" name="responsible" maxlength="120"
                    value=value.responsible.map(|r| r.to_string()).unwrap_or_default()/>
                <button type="submit" disabled=move || save.pending().get()>{Msg::Save.text(lang)}</button>
            </ActionForm>
            {move || match result.get() {
                Some(Ok(_)) => view! { <p class="saved" role="status">{Msg::Saved.text(lang)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.message(lang)}</p> }.into_any(),
                None => ().into_any(),
            }}
        </details>
    }
    .into_any()
}
