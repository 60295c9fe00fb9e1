//! One training's page, with its participants per RCI.

use leptos::prelude::*;

use super::form::TrainingForm;
use super::*;
use crate::components::PageTitle;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;

#[component]
pub fn TrainingPage() -> impl IntoView {
    let lang = use_lang();
    let (detail, saved) = crate::lists::record_of_page(get_training);
    view! {
        <p class="crumbs"><a href="/trainings">"← " {Msg::TrainingsTitle.text(lang)}</a></p>
        {move || saved().then(|| view! { <p class="saved banner" role="status" data-testid="notice">{Msg::TrainingSaved.text(lang)}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let t = d.training.clone();
                let total = t.total().text(lang);
                view! {
                    <PageTitle text=t.title.clone()/>
                    <h1 translate="no">{t.title.clone()}</h1>
                    <p class="muted">
                        {t.category.label().text(lang)} " · " {format!("{} – {}", t.starts_on, t.ends_on)} " · " <span translate="no">{t.venue.clone()}</span>
                    </p>
                    {(!t.trainers.is_empty()).then(|| view! { <p><strong>{Msg::Trainers.text(lang)} ": "</strong><span translate="no">{t.trainers.clone()}</span></p> })}
                    <table class="data" data-testid="participants">
                        <thead><tr>
                            <th>{Msg::ColRci.text(lang)}</th><th class="num">{Msg::People.text(lang)}</th>
                            <th>{Msg::Scores.text(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {t.participants.into_iter().map(|p| view! {
                                <tr>
                                    <td><a href=format!("/rcis/{}", p.rci_id) translate="no">{p.rci}</a></td>
                                    <td class="num">{p.people.text(lang)}</td>
                                    <td>{scores_text(p.scores)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr><th>{Msg::Total.text(lang)}</th><th class="num">{total}</th><th></th></tr></tfoot>
                    </table>
                    {d.choices.map(|choices| view! {
                        <details class="edit">
                            <summary>{Msg::EditTraining.text(lang)}</summary>
                            <TrainingForm training=Some(d.training) rcis=choices.rcis lang/>
                        </details>
                    })}
                }
                .into_any()
            })}
        </Suspense>
    }
}
