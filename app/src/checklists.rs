//! Checklist display: one section per track with its progress bar and items.

use homeward_core::signoffs::StageState;
use homeward_core::{ChecklistItem, Owner, Progress, StatusKind, Stored, Track};
use leptos::prelude::*;

use crate::components::{field_error, form_error, ProgressBar, TextArea};
use crate::drafts::ErrorSummary;
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;

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
    owner: Option<String>,
    due_on: Option<String>,
) -> Result<i64, AppError> {
    use homeward_store::StoreError;

    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let input = homeward_core::ItemInput {
        status,
        done_on,
        reason,
        evidence,
        responsible,
        owner,
        due_on,
    };
    let change = input.parse(ctx.today)?;
    match ctx
        .store
        .update_item(rci_id, item_id, version, &change, &ctx.by)
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            let newer = ctx
                .store
                .checklist(rci_id)
                .await?
                .into_iter()
                .find(|i| i.id == item_id)
                .ok_or(AppError::NotFound)?;
            let mut fields = newer.value.describe();
            if let Some(who) = &newer.value.updated_by {
                fields.push(("updated by", who.to_string()));
            }
            Err(crate::server::conflict(&fields))
        }
        other => {
            let version = other?;
            crate::rcis::back_to_item(rci_id, crate::rcis::Saved::Item, item_id);
            Ok(version)
        }
    }
}

/// Adds a step of the adviser's own to one track of an RCI.
#[server(endpoint = "add_item")]
pub async fn add_item(
    rci_id: i64,
    track: String,
    title_en: String,
    title_km: String,
) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    // The track is the form's hidden field, not something typed: a bad one refuses the form.
    let track = Track::parse(&track).map_err(AppError::invalid)?;
    let step = homeward_core::CustomStepInput { title_en, title_km }.parse(track)?;
    let id = ctx.store.add_custom_item(rci_id, &step, &ctx.by).await?;
    crate::rcis::back_to_item(rci_id, crate::rcis::Saved::ItemAdded, id);
    Ok(id)
}

/// Hides a step that does not apply to this RCI (it is kept, never deleted), or shows it again.
#[server(endpoint = "set_item_hidden")]
pub async fn set_item_hidden(
    rci_id: i64,
    item_id: i64,
    version: i64,
    hidden: bool,
) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let version = ctx
        .store
        .set_item_hidden(rci_id, item_id, version, hidden, &ctx.by)
        .await?;
    let saved = if hidden {
        crate::rcis::Saved::ItemHidden
    } else {
        crate::rcis::Saved::ItemShown
    };
    crate::rcis::back_to_item(rci_id, saved, item_id);
    Ok(version)
}

#[component]
pub fn TrackSection(
    track: Track,
    progress: Progress,
    items: Vec<Stored<ChecklistItem>>,
    cx: RciContext,
    /// Whether the track starts unfolded: a finished or later stage is one line until opened.
    open: bool,
    /// Where the stage's sign-off stands; none for the organisation track.
    #[prop(default = None)]
    sign_off: Option<StageState>,
    /// What else belongs to this stage (a pointer to the community programmes).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = cx.lang;
    let heading = track_heading(track, lang);
    let all_closed = items.iter().all(|i| !i.value.is_open());
    // Its sign-off in a word, or "complete" when every step is done and none is needed yet.
    let state_word = sign_off
        .as_ref()
        .and_then(crate::signoffs::state_word)
        .or((all_closed && progress.applicable > 0).then_some(Msg::StageComplete));
    let panel = match (track, sign_off) {
        (Track::Stage(stage), Some(state)) => Some(view! {
            <crate::signoffs::SignOffPanel stage state complete=progress.is_complete() cx/>
        }),
        _ => None,
    };
    let (hidden, shown): (Vec<_>, Vec<_>) = items.into_iter().partition(|i| i.value.hidden);
    view! {
        <section class="track" id=format!("track-{}", track.key()) data-track=track.key() data-all-closed=all_closed.to_string()>
            <details class="track-body" open=open>
            <summary>
                <h2>{heading}</h2>
                <div class="track-progress">
                    <ProgressBar progress label=track.title().get(lang).to_string()/>
                    <span class="muted">
                        {Msg::OfDone.text(lang).replace("{done}", &progress.done.to_string()).replace("{total}", &progress.applicable.to_string())}
                        {state_word.map(|w| format!(" · {}", w.text(lang)))}
                    </span>
                </div>
            </summary>
            {panel}
            // Shown by the page's style only while "open items only" is on.
            <p class="empty nothing-open">{Msg::NothingOpen.text(lang)}</p>
            <ul class="items">
                {shown.into_iter().map(|i| view! { <ItemView item=i cx/> }).collect_view()}
            </ul>
            {(cx.can_edit && !hidden.is_empty()).then(|| view! {
                <details class="hidden-items">
                    <summary>{Msg::HiddenItems.text(lang)} " (" {hidden.len()} ")"</summary>
                    <ul class="items">
                        {hidden.into_iter().map(|i| view! { <HiddenItem item=i cx/> }).collect_view()}
                    </ul>
                </details>
            })}
            {cx.can_edit.then(|| view! { <AddItemForm track cx/> })}
            {children.map(|c| c())}
            </details>
        </section>
    }
    .into_any()
}

#[component]
fn ItemView(item: Stored<ChecklistItem>, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let editor = cx
        .can_edit
        .then(|| view! { <ItemEditor item=item.clone() cx/> });
    let item_id = item.id;
    let item = item.value;
    let closed = !item.is_open();
    let status_class = format!("status status-{}", item.status.kind());
    let date = item
        .status
        .done_on()
        .map(|d| d.format("%Y-%m-%d").to_string());
    let reason = item.status.reason().map(|r| r.as_str().to_string());
    let saved_here = cx.saved_item == Some(item_id);
    let refused_here = cx.refused.with_value(|r| {
        r.as_ref()
            .is_some_and(|r| r.is_of("update_item", "item_id", item_id))
    });
    let just_saved = saved_here.then(|| {
        let status = item.status.status_kind().label().text(lang);
        view! {
            <p class="saved small" role="status" data-testid="item-saved">
                {Msg::SavedAs.text(lang)} " " {status} {date.clone().map(|d| format!(" {d}"))}
            </p>
        }
    });
    view! {
        <li class="item" id=format!("item-{}", item_id) data-key=item.key.as_str().to_string() data-status=item.status.kind() data-closed=closed.to_string() data-saved=saved_here.then_some("true") data-refused=refused_here.then_some("true")>
            <div class="item-head">
                <span class=status_class>{item.status.status_kind().label().text(lang)} {date.map(|d| format!(" {d}"))}</span>
                <span class="item-title" translate=item.custom.then_some("no")>{item.title.get(lang).to_string()}</span>
                {item.custom.then(|| view! { <span class="tag">{Msg::CustomItem.text(lang)}</span> })}
            </div>
            {just_saved}
            {reason.map(|r| view! { <p class="reason"><strong>{Msg::Reason.text(lang)} ": "</strong><span translate="no">{r}</span></p> })}
            {(!item.evidence.is_empty()).then(|| view! {
                <p class="evidence"><strong>{Msg::Evidence.text(lang)} ": "</strong><span translate="no">{item.evidence.as_str().to_string()}</span></p>
            })}
            <details>
                <summary>{Msg::Guidance.text(lang)}</summary>
                <p>{item.guidance.get(lang).to_string()}</p>
            </details>
            {item.updated_by.map(|who| view! {
                <p class="muted small">{Msg::UpdatedBy.text(lang)} ": " <span translate="no">{who.to_string()}</span>
                    {item.updated_at.map(|at| format!(" · {}", at.format("%Y-%m-%d")))}
                </p>
            })}
            {item.responsible.map(|r| view! {
                <p class="muted small">{Msg::Responsible.text(lang)} ": " <span translate="no">{r.to_string()}</span></p>
            })}
            {item.owner.map(|o| view! {
                <p class="muted small" data-testid="item-owner">{Msg::ItemOwner.text(lang)} ": " {o.label().text(lang)}</p>
            })}
            {item.due_on.filter(|_| !closed).map(|d| {
                let overdue = d < cx.today;
                view! {
                    <p class="small due" class:overdue=overdue data-testid="item-due">
                        {Msg::DueOn.text(lang)} " " <strong>{d.to_string()}</strong>
                        {overdue.then(|| view! { " · " <span class="flag flag-stalled">{Msg::Overdue.text(lang)}</span> })}
                    </p>
                }
            })}
            {editor}
            <crate::evidence::Attachments attached=homeward_core::evidence::AttachedTo::Item(item_id) cx/>
        </li>
    }
    .into_any()
}

/// A hidden step, with the button that shows it again.
#[component]
fn HiddenItem(item: Stored<ChecklistItem>, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let show = ServerAction::<SetItemHidden>::new();
    let result = Signal::derive(move || {
        (show.version().get() > 0)
            .then(|| show.value().get())
            .flatten()
    });
    view! {
        <li class="item hidden-item" data-key=item.value.key.as_str().to_string()>
            <span class="item-title" translate=item.value.custom.then_some("no")>{item.value.title.get(lang).to_string()}</span>
            <ActionForm action=show attr:class="inline">
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <input type="hidden" name="item_id" value=item.id/>
                <input type="hidden" name="version" value=item.version/>
                <input type="hidden" name="hidden" value="false"/>
                <button type="submit" class="secondary">{Msg::ShowItem.text(lang)}</button>
                {form_error(result, lang)}
            </ActionForm>
        </li>
    }
}

/// Adds a step of the adviser's own to this track.
#[component]
fn AddItemForm(track: Track, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let add = ServerAction::<AddItem>::new();
    let value = Signal::derive(move || {
        (add.version().get() > 0)
            .then(|| add.value().get())
            .flatten()
    });
    view! {
        <details class="edit add-item">
            <summary>{Msg::AddItem.text(lang)}</summary>
            <ActionForm action=add attr:class="stack">
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <input type="hidden" name="track" value=track.key()/>
                <label>{Msg::ItemTitleEn.text(lang)} <input type="text" name="title_en" required maxlength="120"/></label>
                {field_error(value, "title_en")}
                <label>{Msg::ItemTitleKm.text(lang)} <input type="text" name="title_km" maxlength="120"/></label>
                {field_error(value, "title_km")}
                <button type="submit">{Msg::Add.text(lang)}</button>
                {form_error(value, lang)}
            </ActionForm>
        </details>
    }
}

/// The edit form of one item: a plain HTML form that also works before (or without) WebAssembly.
/// Refused, it comes back open at its error summary with what was typed.
#[component]
fn ItemEditor(item: Stored<ChecklistItem>, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let save = ServerAction::<UpdateItem>::new();
    let hide = ServerAction::<SetItemHidden>::new();
    // Many items share these actions: an error that came back in the URL is shown by the form it
    // belongs to (its draft names the item), so each form shows only errors of its own.
    let result = Signal::derive(move || {
        (save.version().get() > 0)
            .then(|| save.value().get())
            .flatten()
    });
    let hide_result = Signal::derive(move || {
        (hide.version().get() > 0)
            .then(|| hide.value().get())
            .flatten()
    });
    let id = item.id;
    let refused = cx
        .refused
        .get_value()
        .filter(|r| r.is_of("update_item", "item_id", id));
    let kept =
        |name: &str, now: String| refused.as_ref().and_then(|r| r.value(name)).unwrap_or(now);
    let value = item.value;
    let kind = kept("status", value.status.kind().to_string());
    // Marked done today unless another day is chosen: the obvious default, so that choosing
    // "Done" alone saves.
    let date = kept(
        "done_on",
        value
            .status
            .done_on()
            .unwrap_or(cx.today)
            .format("%Y-%m-%d")
            .to_string(),
    );
    let reason = kept(
        "reason",
        value
            .status
            .reason()
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
    );
    let evidence = kept("evidence", value.evidence.as_str().to_string());
    let responsible = kept(
        "responsible",
        value.responsible.map(|r| r.to_string()).unwrap_or_default(),
    );
    let owner = kept(
        "owner",
        value.owner.map(|o| o.key().to_string()).unwrap_or_default(),
    );
    let due = kept(
        "due_on",
        value.due_on.map(|d| d.to_string()).unwrap_or_default(),
    );
    // The version the typed change was based on: saved by someone else since, it is refused.
    let version = kept("version", item.version.to_string());
    let field = move |name: &str| format!("{name}-{id}");
    let message = |name: &str| crate::drafts::field_message(refused.as_ref(), name, lang);
    let messages = [
        "status",
        "done_on",
        "reason",
        "evidence",
        "responsible",
        "owner",
        "due_on",
    ]
    .map(message);
    let [status_message, done_message, reason_message, evidence_message, responsible_message, owner_message, due_message] =
        messages;
    let open = refused.is_some();
    let summary = refused.map(|refused| view! { <ErrorSummary refused anchor=field lang/> });
    view! {
        <details class="edit" open=open>
            <summary>{Msg::Edit.text(lang)}</summary>
            <ActionForm action=save attr:class="item-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <input type="hidden" name="item_id" value=item.id/>
                <input type="hidden" name="version" value=version/>
                <label for=field("status")>{Msg::Status.text(lang)}</label>
                {status_message}
                <select id=field("status") name="status">
                    {StatusKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! { <option value=k.key() selected=k.key() == kind>{k.label().text(lang)}</option> }
                        })
                        .collect_view()}
                </select>
                <label for=field("done_on")>{Msg::DoneOn.text(lang)}</label>
                {done_message}
                <input id=field("done_on") type="date" name="done_on" value=date/>
                <label for=field("reason")>{Msg::Reason.text(lang)}</label>
                {reason_message}
                <input id=field("reason") type="text" name="reason" value=reason maxlength="2000"/>
                <label for=field("evidence")>{Msg::Evidence.text(lang)}</label>
                {evidence_message}
                <TextArea id=field("evidence") name="evidence" maxlength=2000 rows=2 value=evidence/>
                <label for=field("responsible")>{Msg::Responsible.text(lang)}</label>
                {responsible_message}
                <input id=field("responsible") type="text" name="responsible" maxlength="120" value=responsible/>
                <label for=field("owner")>{Msg::ItemOwner.text(lang)}</label>
                {owner_message}
                <select id=field("owner") name="owner">
                    <option value="">"—"</option>
                    {Owner::ALL
                        .iter()
                        .map(|o| view! { <option value=o.key() selected=o.key() == owner>{o.label().text(lang)}</option> })
                        .collect_view()}
                </select>
                <label for=field("due_on")>{Msg::DueOn.text(lang)}</label>
                {due_message}
                <input id=field("due_on") type="date" name="due_on" value=due/>
                <button type="submit">{Msg::Save.text(lang)}</button>
                {form_error(result, lang)}
            </ActionForm>
            <ActionForm action=hide attr:class="hide-item">
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <input type="hidden" name="item_id" value=item.id/>
                <input type="hidden" name="version" value=item.version/>
                <input type="hidden" name="hidden" value="true"/>
                <button type="submit" class="secondary">{Msg::HideItem.text(lang)}</button>
                {form_error(hide_result, lang)}
            </ActionForm>
        </details>
    }
    .into_any()
}

/// A track's heading: "Stage 2 · Family tracing", or the organisation track's name.
pub fn track_heading(track: Track, lang: homeward_core::Lang) -> String {
    match track {
        Track::Stage(stage) => format!(
            "{} {} · {}",
            Msg::StageN.text(lang),
            stage.number(),
            stage.title().get(lang)
        ),
        Track::Organisation => track.title().get(lang).to_string(),
    }
}
