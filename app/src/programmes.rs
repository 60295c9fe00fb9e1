//! An RCI's community programmes, and the tours and trainings it took part in: what its last
//! stage (community programmes) and its staff's preparation look like in practice.

use homeward_core::programmes::{Programme, ProgrammeInput, ProgrammeKind, ProgrammeStatus};
use homeward_core::{Lang, SexCount, Stored};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::{field_error, form_error};
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;

/// A tour or training the RCI took part in, as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TookPart {
    pub title: String,
    /// The tour's or training's page.
    pub href: String,
    pub dates: String,
    /// "host", "visitor" or the training's category key.
    pub how: String,
    pub people: Option<SexCount>,
    /// Follow-up actions this RCI owns that are past due.
    pub overdue_actions: Vec<String>,
}

/// Adds a community programme to an RCI the caller may edit.
#[server(endpoint = "record_programme")]
pub async fn record_programme(rci_id: i64, programme: ProgrammeInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let programme = programme.parse(ctx.today)?;
    let id = ctx
        .store
        .create_programme(rci_id, &programme, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Programme);
    Ok(id)
}

#[component]
pub fn ProgrammesPanel(programmes: Vec<Stored<Programme>>, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let running = programmes.iter().filter(|p| p.value.is_running()).count();
    let empty = programmes.is_empty();
    view! {
        <section class="panel programmes" data-testid="programmes">
            <h2>{Msg::ProgrammesTitle.text(lang)}</h2>
            <p class="muted">{running} " " {Msg::ProgrammesRunning.text(lang)}</p>
            {empty.then(|| view! { <p class="empty">{Msg::NoProgrammes.text(lang)}</p> })}
            <ul class="visits">
                {programmes
                    .into_iter()
                    .map(|p| {
                        let p = p.value;
                        view! {
                            <li>
                                <strong translate="no">{p.name.to_string()}</strong> " · " {p.kind.label().text(lang)} " · "
                                {p.status.label().text(lang)} " · " {p.members.text(lang)} " "
                                {Msg::Members.text(lang)} " · " {p.sessions_per_quarter} " " {Msg::SessionsPerQuarter.text(lang)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {cx.can_edit.then(|| view! { <ProgrammeForm cx/> })}
        </section>
    }
}

#[component]
fn ProgrammeForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let record = ServerAction::<RecordProgramme>::new();
    let value = Signal::derive(move || record.value().get());
    let number = move |name: &'static str, label: Msg| {
        view! {
            <label>{label.text(lang)}
                <input type="number" min="0" inputmode="numeric" required name=format!("programme[{name}]")/>
            </label>
            {field_error(value, name)}
        }
    };
    view! {
        <details class="edit">
            <summary>{Msg::AddProgramme.text(lang)}</summary>
            <ActionForm action=record attr:class="stack" attr:data-testid="programme-form">
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label>{Msg::ProgrammeKindLabel.text(lang)}
                    <select name="programme[kind]">
                        {ProgrammeKind::ALL.into_iter().map(|k| view! { <option value=k.key()>{k.label().text(lang)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{Msg::DisplayName.text(lang)}
                    <input type="text" name="programme[name]" required maxlength="120"/>
                </label>
                {field_error(value, "name")}
                <label>{Msg::StartedOn.text(lang)}
                    <input type="date" name="programme[started_on]" required/>
                </label>
                {field_error(value, "started_on")}
                {number("members_total", Msg::Members)}
                {number("members_female", Msg::ColGirls)}
                {number("sessions_per_quarter", Msg::SessionsPerQuarter)}
                <label>{Msg::Status.text(lang)}
                    <select name="programme[status]">
                        {ProgrammeStatus::ALL.into_iter().map(|s| view! { <option value=s.key()>{s.label().text(lang)}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit">{Msg::Save.text(lang)}</button>
                {form_error(value, lang)}
            </ActionForm>
        </details>
    }
}

/// The study tours and trainings this RCI took part in.
#[component]
pub fn TookPartPanel(entries: Vec<TookPart>, trained: SexCount, lang: Lang) -> impl IntoView {
    let empty = entries.is_empty();
    view! {
        <section class="panel took-part" data-testid="took-part">
            <h2>{Msg::TookPartTitle.text(lang)}</h2>
            <p class="muted">{Msg::PeopleTrained.text(lang)} " " <strong data-testid="trained">{trained.text(lang)}</strong></p>
            {empty.then(|| view! { <p class="empty">{Msg::NothingTakenPart.text(lang)}</p> })}
            <ul class="visits">
                {entries
                    .into_iter()
                    .map(|e| view! {
                        <li>
                            <a href=e.href translate="no"><strong>{e.title}</strong></a> " · " {e.dates} " · " {e.how}
                            {e.people.map(|p| format!(" · {}", p.text(lang)))}
                            {e.overdue_actions.into_iter().map(|a| view! {
                                <p class="flag flag-stalled">{Msg::OverdueAction.text(lang)} ": " <span translate="no">{a}</span></p>
                            }).collect_view()}
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
