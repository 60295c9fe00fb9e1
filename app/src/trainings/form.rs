//! The form that records a training or edits one.

use homeward_core::trainings::TrainingCategory;
use homeward_core::Lang;
use leptos::prelude::*;

use super::*;
use crate::components::{field_error, form_error, PageTitle};
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::lists::RciChoice;

/// Recording a new training.
#[component]
pub fn NewTrainingPage() -> impl IntoView {
    let lang = use_lang();
    let choices = Resource::new(|| (), |_| crate::lists::form_choices());
    view! {
        <PageTitle text=Msg::NewTraining.text(lang)/>
        <p class="crumbs"><a href="/trainings">"← " {Msg::TrainingsTitle.text(lang)}</a></p>
        <h1>{Msg::NewTraining.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(choices) => view! { <TrainingForm training=None rcis=choices.rcis lang/> }.into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}

/// One training: participants per RCI with their scores, and (for editors) the form.
/// The training form, empty or filled in, with blank participant rows to add more RCIs.
#[component]
pub(super) fn TrainingForm(
    training: Option<TrainingRow>,
    rcis: Vec<RciChoice>,
    lang: Lang,
) -> impl IntoView {
    let save = ServerAction::<SaveTraining>::new();
    let value = Signal::derive(move || save.value().get());
    let t = training.as_ref();
    let text = |f: fn(&TrainingRow) -> String| t.map(f).unwrap_or_default();
    let ids = t.map(|t| (t.id, t.version));
    let category = t.map(|t| t.category);
    let title = text(|t| t.title.clone());
    let starts_on = text(|t| t.starts_on.to_string());
    let ends_on = text(|t| t.ends_on.to_string());
    let venue = text(|t| t.venue.clone());
    let trainers = text(|t| t.trainers.clone());
    let mut rows: Vec<Option<ParticipantRow>> = t
        .map(|t| t.participants.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    rows.extend([None, None, None]);
    view! {
        <ActionForm action=save attr:class="stack panel" attr:data-testid="training-form">
            {ids.map(|(id, version)| view! {
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=version/>
            })}
            <label>{Msg::Category.text(lang)}
                <select name="training[category]">
                    {TrainingCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.key() selected=category == Some(c)>{c.label().text(lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            {field_error(value, "category")}
            <label>{Msg::Title.text(lang)}
                <input type="text" name="training[title]" required maxlength="120" value=title/>
            </label>
            {field_error(value, "title")}
            <div class="row">
                <label>{Msg::StartsOn.text(lang)}
                    <input type="date" name="training[starts_on]" required value=starts_on/>
                </label>
                <label>{Msg::EndsOn.text(lang)}
                    <input type="date" name="training[ends_on]" required value=ends_on/>
                </label>
            </div>
            {field_error(value, "starts_on")}
            {field_error(value, "ends_on")}
            <label>{Msg::Venue.text(lang)}
                <input type="text" name="training[venue]" required maxlength="120" value=venue/>
            </label>
            {field_error(value, "venue")}
            <label>{Msg::Trainers.text(lang)}
                <input type="text" name="training[trainers]" maxlength="500" value=trainers/>
            </label>
            {field_error(value, "trainers")}
            <fieldset data-testid="participants-form">
                <legend>{Msg::Participants.text(lang)}</legend>
                <table class="data form-rows">
                    <thead><tr>
                        <th>{Msg::ColRci.text(lang)}</th><th>{Msg::People.text(lang)}</th><th>{Msg::Women.text(lang)}</th>
                        <th>{Msg::PreScore.text(lang)}</th><th>{Msg::PostScore.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(row, p)| {
                            let cell = move |f: &str| format!("participants_{row}_{f}");
                            // Each cell's label: its column and row, for screen readers.
                            let label = move |m: Msg| format!("{} {}", m.text(lang), row + 1);
                            let number = move |f: &'static str, heading: Msg, current: Option<u32>, max: u32| view! {
                                <input type="number" min="0" max=max inputmode="numeric" name=format!("training[{}]", cell(f)) value=current.map(|v| v.to_string()) aria-label=label(heading)/>
                                {field_error(value, cell(f))}
                            };
                            let chosen = p.as_ref().map(|p| p.rci_id);
                            let people = p.as_ref().map(|p| p.people);
                            let scores = p.as_ref().and_then(|p| p.scores);
                            view! {
                                <tr data-testid="participant-row">
                                    <td data-label=Msg::ColRci.text(lang)>
                                        <select name=format!("training[{}]", cell("rci_id")) aria-label=label(Msg::ColRci)>
                                            <option value="">"—"</option>
                                            {rcis.iter().map(|r| view! { <option value=r.id selected=chosen == Some(r.id) translate="no">{r.name.clone()}</option> }).collect_view()}
                                        </select>
                                        {field_error(value, cell("rci_id"))}
                                    </td>
                                    <td data-label=Msg::People.text(lang)>{number("total", Msg::People, people.map(|p| p.total()), 10_000)}</td>
                                    <td data-label=Msg::Women.text(lang)>{number("female", Msg::Women, people.map(|p| p.female()), 10_000)}</td>
                                    <td data-label=Msg::PreScore.text(lang)>{number("pre_score", Msg::PreScore, scores.map(|s| u32::from(s.0)), 100)}</td>
                                    <td data-label=Msg::PostScore.text(lang)>{number("post_score", Msg::PostScore, scores.map(|s| u32::from(s.1)), 100)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </fieldset>
            <button type="submit">{Msg::Save.text(lang)}</button>
            {form_error(value, lang)}
        </ActionForm>
    }
}
