//! Follow-up visits after reintegration: the list, when the next is due, and the form.

use chrono::NaiveDate;
use homeward_core::follow_ups::{FollowUpInput, FollowUpVisit, VisitMode, VisitedBy};
use homeward_core::Stored;
use leptos::prelude::*;

use crate::components::{field_error, form_error, TextArea};
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
                        let v = v.value;
                        view! {
                            <li>
                                <strong>{v.visited_on.to_string()}</strong> " · " {v.children.text(lang)} " "
                                {Msg::ChildrenVisited.text(lang)} " · " {v.visited_by.label().text(lang)} " · "
                                {v.mode.label().text(lang)}
                                {(!v.notes.is_empty()).then(|| view! { <p class="muted small" translate="no">{v.notes.as_str().to_string()}</p> })}
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
    let today = cx.today.to_string();
    view! {
        <details class="edit">
            <summary>{Msg::AddFollowUp.text(lang)}</summary>
            <ActionForm action=record attr:class="stack" attr:data-testid="follow-up-form">
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label>{Msg::VisitDate.text(lang)}
                    <input type="date" name="visit[visited_on]" value=today required/>
                </label>
                {field_error(value, "visited_on")}
                <div class="pair">
                    <label>{Msg::ChildrenVisited.text(lang)} " (" {Msg::ColTotal.text(lang)} ")"
                        <input type="number" min="0" name="visit[children_total]" required inputmode="numeric"/>
                    </label>
                    <label>{Msg::ColGirls.text(lang)}
                        <input type="number" min="0" name="visit[children_female]" required inputmode="numeric"/>
                    </label>
                </div>
                {field_error(value, "children_total")}
                {field_error(value, "children_female")}
                <label>{Msg::VisitedBy.text(lang)}
                    <select name="visit[visited_by]">
                        {VisitedBy::ALL.into_iter().map(|v| view! { <option value=v.key()>{v.label().text(lang)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{Msg::VisitHow.text(lang)}
                    <select name="visit[mode]">
                        {VisitMode::ALL.into_iter().map(|m| view! { <option value=m.key()>{m.label().text(lang)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{Msg::Notes.text(lang)}
                    <TextArea name="visit[notes]" rows=2 maxlength=2000/>
                </label>
                {field_error(value, "notes")}
                <button type="submit">{Msg::Save.text(lang)}</button>
                {form_error(value, lang)}
            </ActionForm>
        </details>
    }
}
