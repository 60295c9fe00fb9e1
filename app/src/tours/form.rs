//! The form that records a study tour or edits one.

use homeward_core::tours::{ActionStatus, StudyTour, VisitorRole};
use homeward_core::{Lang, SexCount, Stored};
use leptos::prelude::*;

use super::*;
use crate::components::{field_error, form_error, PageTitle, TextArea};
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::lists::FormOptions;

/// Recording a new tour.
#[component]
pub fn NewTourPage() -> impl IntoView {
    let lang = use_lang();
    let choices = Resource::new(|| (), |_| crate::lists::form_choices());
    view! {
        <PageTitle text=Msg::NewTour.text(lang)/>
        <p class="crumbs"><a href="/tours">"← " {Msg::ToursTitle.text(lang)}</a></p>
        <h1>{Msg::NewTour.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(choices) => view! { <TourForm tour=None choices lang/> }.into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}

/// One tour: who hosted, who came, what was agreed, and (for editors) the form to change it.
/// The tour form, empty or filled in. Blank rows for more visitors and actions are always
/// there, so it works without JavaScript.
#[component]
pub(super) fn TourForm(
    tour: Option<Stored<StudyTour>>,
    choices: FormOptions,
    lang: Lang,
) -> impl IntoView {
    let save = ServerAction::<SaveTour>::new();
    let value = Signal::derive(move || save.value().get());
    let (id, version, t) = match tour {
        Some(s) => (Some(s.id), Some(s.version), Some(s.value)),
        None => (None, None, None),
    };
    let text = |f: fn(&StudyTour) -> String| t.as_ref().map(f).unwrap_or_default();
    let title = text(|t| t.title.to_string());
    let starts_on = text(|t| t.dates.start().to_string());
    let ends_on = text(|t| t.dates.end().to_string());
    let place = text(|t| t.location.to_string());
    let objectives = text(|t| t.objectives.as_str().to_string());
    let outcomes = text(|t| t.outcomes.as_str().to_string());
    let orgs: Vec<String> = t
        .as_ref()
        .map(|t| t.organised_with.iter().map(|o| o.to_string()).collect())
        .unwrap_or_default();
    let hosts: Vec<i64> = t.as_ref().map(|t| t.hosts.clone()).unwrap_or_default();
    let mut visitors: Vec<Option<homeward_core::tours::Visitors>> = t
        .as_ref()
        .map(|t| t.visitors.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    visitors.extend([None, None, None]);
    let mut actions: Vec<Option<homeward_core::tours::TourAction>> = t
        .as_ref()
        .map(|t| t.actions.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    actions.extend([None, None]);
    let rcis = choices.rcis;
    let rci_select = {
        let rcis = rcis.clone();
        move |name: String, chosen: Option<i64>, label: String| {
            view! {
                <select name=format!("tour[{name}]") aria-label=label>
                    <option value="">"—"</option>
                    {rcis.iter().map(|r| view! { <option value=r.id selected=chosen == Some(r.id) translate="no">{r.name.clone()}</option> }).collect_view()}
                </select>
                {field_error(value, name)}
            }
        }
    };
    let rci_select2 = rci_select.clone();
    view! {
        <ActionForm action=save attr:class="stack panel" attr:data-testid="tour-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v/> })}
            <label>{Msg::Title.text(lang)}
                <input type="text" name="tour[title]" required maxlength="120" value=title/>
            </label>
            {field_error(value, "title")}
            <div class="row">
                <label>{Msg::StartsOn.text(lang)}
                    <input type="date" name="tour[starts_on]" required value=starts_on/>
                </label>
                <label>{Msg::EndsOn.text(lang)}
                    <input type="date" name="tour[ends_on]" required value=ends_on/>
                </label>
            </div>
            {field_error(value, "starts_on")}
            {field_error(value, "ends_on")}
            <label>{Msg::Location.text(lang)}
                <input type="text" name="tour[location]" required maxlength="120" value=place/>
            </label>
            {field_error(value, "location")}
            <fieldset>
                <legend>{Msg::OrganisedWith.text(lang)}</legend>
                {choices.organisations.into_iter().enumerate().map(|(i, o)| {
                    let checked = orgs.contains(&o);
                    view! {
                        <label class="check"><input type="checkbox" name=format!("tour[org_{i}]") value=o.clone() checked=checked/> <span translate="no">{o}</span></label>
                    }
                }).collect_view()}
                <label>{Msg::OtherOrganisations.text(lang)}
                    <input type="text" name="tour[new_organisations]" maxlength="500" placeholder=Msg::OrganisationsExample.text(lang)/>
                </label>
                {field_error(value, "new_organisations")}
            </fieldset>
            <fieldset data-testid="hosts">
                <legend>{Msg::Hosts.text(lang)}</legend>
                {rcis.iter().map(|r| view! {
                    <label class="check"><input type="checkbox" name=format!("tour[host_{}]", r.id) checked=hosts.contains(&r.id)/> <span translate="no">{r.name.clone()}</span></label>
                }).collect_view()}
                {field_error(value, "hosts")}
            </fieldset>
            <fieldset data-testid="visitors">
                <legend>{Msg::Visitors.text(lang)}</legend>
                <table class="data form-rows">
                    <thead><tr>
                        <th>{Msg::ColRci.text(lang)}</th><th>{Msg::WhoCame.text(lang)}</th>
                        <th>{Msg::People.text(lang)}</th><th>{Msg::Women.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {visitors.into_iter().enumerate().map(|(row, v)| {
                            let cell = move |f: &str| format!("visitors_{row}_{f}");
                            // Each cell's label: its column and row, for screen readers.
                            let label = move |m: Msg| format!("{} {}", m.text(lang), row + 1);
                            let role = v.as_ref().map(|v| v.role);
                            let people = |f: fn(&SexCount) -> u32| v.as_ref().map(|v| f(&v.people).to_string()).unwrap_or_default();
                            view! {
                                <tr data-testid="visitor-row">
                                    <td data-label=Msg::ColRci.text(lang)>{rci_select(cell("rci_id"), v.as_ref().map(|v| v.rci_id), label(Msg::ColRci))}</td>
                                    <td data-label=Msg::WhoCame.text(lang)>
                                        <select name=format!("tour[{}]", cell("role")) aria-label=label(Msg::WhoCame)>
                                            {VisitorRole::ALL.into_iter().map(|r| view! { <option value=r.key() selected=role == Some(r)>{r.label().text(lang)}</option> }).collect_view()}
                                        </select>
                                        {field_error(value, cell("role"))}
                                    </td>
                                    <td data-label=Msg::People.text(lang)>
                                        <input type="number" min="0" inputmode="numeric" name=format!("tour[{}]", cell("total")) value=people(SexCount::total) aria-label=label(Msg::People)/>
                                        {field_error(value, cell("total"))}
                                    </td>
                                    <td data-label=Msg::Women.text(lang)>
                                        <input type="number" min="0" inputmode="numeric" name=format!("tour[{}]", cell("female")) value=people(SexCount::female) aria-label=label(Msg::Women)/>
                                        {field_error(value, cell("female"))}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {field_error(value, "visitors")}
            </fieldset>
            <label>{Msg::Objectives.text(lang)}
                <TextArea name="tour[objectives]" rows=3 maxlength=4000 value=objectives/>
            </label>
            {field_error(value, "objectives")}
            <label>{Msg::Outcomes.text(lang)}
                <TextArea name="tour[outcomes]" rows=3 maxlength=4000 value=outcomes/>
            </label>
            {field_error(value, "outcomes")}
            <fieldset data-testid="actions-form">
                <legend>{Msg::FollowUpActions.text(lang)}</legend>
                <table class="data form-rows">
                    <thead><tr>
                        <th>{Msg::Action.text(lang)}</th><th>{Msg::Owner.text(lang)}</th>
                        <th>{Msg::Due.text(lang)}</th><th>{Msg::Status.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {actions.into_iter().enumerate().map(|(row, a)| {
                            let cell = move |f: &str| format!("actions_{row}_{f}");
                            let label = move |m: Msg| format!("{} {}", m.text(lang), row + 1);
                            let status = a.as_ref().map(|a| a.status);
                            view! {
                                <tr data-testid="action-row">
                                    <td data-label=Msg::Action.text(lang)>
                                        <input type="text" maxlength="120" name=format!("tour[{}]", cell("description")) value=a.as_ref().map(|a| a.description.to_string()) aria-label=label(Msg::Action)/>
                                        {field_error(value, cell("description"))}
                                    </td>
                                    <td data-label=Msg::Owner.text(lang)>{rci_select2(cell("owner"), a.as_ref().map(|a| a.owner_rci_id), label(Msg::Owner))}</td>
                                    <td data-label=Msg::Due.text(lang)>
                                        <input type="date" name=format!("tour[{}]", cell("due")) value=a.as_ref().map(|a| a.due.to_string()) aria-label=label(Msg::Due)/>
                                        {field_error(value, cell("due"))}
                                    </td>
                                    <td data-label=Msg::Status.text(lang)>
                                        <select name=format!("tour[{}]", cell("status")) aria-label=label(Msg::Status)>
                                            {ActionStatus::ALL.into_iter().map(|s| view! { <option value=s.key() selected=status == Some(s)>{s.label().text(lang)}</option> }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {field_error(value, "actions")}
            </fieldset>
            <button type="submit">{Msg::Save.text(lang)}</button>
            {form_error(value, lang)}
        </ActionForm>
    }
}
