//! Follow-up visits after reintegration: the list, when the next is due, and the form.

use chrono::NaiveDate;
use homeward_core::follow_ups::{FollowUpInput, FollowUpVisit, VisitMode, VisitedBy};
use homeward_core::Stored;
use leptos::prelude::*;

use crate::components::{field_error, form_error, TextArea};
use crate::drafts::{ErrorSummary, Refused};
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;

/// Records a follow-up visit to an RCI the caller may edit.
#[server(endpoint = "record_follow_up")]
pub async fn record_follow_up(rci_id: i64, visit: FollowUpInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let visit = visit.parse(ctx.today)?;
    let id = ctx.store.record_follow_up(rci_id, &visit, &ctx.by).await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::FollowUp);
    Ok(id)
}

#[component]
pub fn FollowUpsPanel(
    visits: Vec<Stored<FollowUpVisit>>,
    next_due: Option<NaiveDate>,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let empty = visits.is_empty();
    let form = cx.can_edit.then(|| view! { <FollowUpForm cx/> });
    view! {
        <section class="panel follow-ups" data-testid="follow-ups">
            <h2>{Msg::FollowUpsTitle.text(lang)}</h2>
            {next_due.map(|d| view! {
                <p class="muted">{Msg::NextFollowUpDue.text(lang)} " " <strong data-testid="next-due">{d.to_string()}</strong></p>
            })}
            {empty.then(|| view! { <p class="empty">{Msg::NoFollowUps.text(lang)}</p> })}
            <ul class="visits">
                {visits
                    .into_iter()
                    .map(|v| {
                        let id = v.id;
                        let v = v.value;
                        view! {
                            <li id=format!("visit-{id}")>
                                <strong>{v.visited_on.to_string()}</strong> " · " {v.children.text(lang)} " "
                                {Msg::ChildrenVisited.text(lang)} " · " {v.visited_by.label().text(lang)} " · "
                                {v.mode.label().text(lang)}
                                {(!v.notes.is_empty()).then(|| view! { <p class="muted small" translate="no">{v.notes.as_str().to_string()}</p> })}
                                <crate::evidence::Attachments attached=homeward_core::evidence::AttachedTo::FollowUp(id) cx/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {form}
        </section>
    }
}

#[component]
fn FollowUpForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let record = ServerAction::<RecordFollowUp>::new();
    let value = Signal::derive(move || record.value().get());
    // Refused, the form comes back open at its error summary with what was typed.
    let refused = cx
        .refused
        .get_value()
        .filter(|r| r.is_of("record_follow_up", "rci_id", cx.rci_id));
    let kept = |name: &str| Refused::kept(refused.as_ref(), &format!("visit[{name}]"), "");
    let [visited_by, mode, total, female, notes] = [
        "visited_by",
        "mode",
        "children_total",
        "children_female",
        "notes",
    ]
    .map(kept);
    let visited_on = Refused::kept(refused.as_ref(), "visit[visited_on]", cx.today);
    let anchor = |field: &str| format!("visit-{field}");
    let open = refused.is_some();
    let summary = refused.map(|refused| view! { <ErrorSummary refused anchor lang/> });
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddFollowUp.text(lang)}</summary>
            <ActionForm action=record attr:class="stack" attr:data-testid="follow-up-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label>{Msg::VisitDate.text(lang)}
                    <input id="visit-visited_on" type="date" name="visit[visited_on]" value=visited_on required/>
                </label>
                {field_error(value, "visited_on")}
                <div class="pair">
                    <label>{Msg::ChildrenVisited.text(lang)} " (" {Msg::ColTotal.text(lang)} ")"
                        <input id="visit-children_total" type="number" min="0" name="visit[children_total]" required inputmode="numeric"
                            value=total/>
                    </label>
                    <label>{Msg::ColGirls.text(lang)}
                        <input id="visit-children_female" type="number" min="0" name="visit[children_female]" required inputmode="numeric"
                            value=female/>
                    </label>
                </div>
                {field_error(value, "children_total")}
                {field_error(value, "children_female")}
                <label>{Msg::VisitedBy.text(lang)}
                    <select name="visit[visited_by]">
                        {VisitedBy::ALL.into_iter().map(|v| view! { <option value=v.key() selected=v.key() == visited_by>{v.label().text(lang)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{Msg::VisitHow.text(lang)}
                    <select name="visit[mode]">
                        {VisitMode::ALL.into_iter().map(|m| view! { <option value=m.key() selected=m.key() == mode>{m.label().text(lang)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{Msg::Notes.text(lang)}
                    <TextArea id="visit-notes" name="visit[notes]" rows=2 maxlength=2000 value=notes/>
                </label>
                {field_error(value, "notes")}
                <button type="submit">{Msg::Save.text(lang)}</button>
                {form_error(value, lang)}
            </ActionForm>
        </details>
    }
}
