//! One training's page, with its participants per RCI.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::form::TrainingForm;
use super::*;
use crate::components::PageTitle;
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;

#[component]
pub fn TrainingPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let saved = move || query.read().get("saved");
    let detail = Resource::new(
        move || {
            (
                params.read().get("id").and_then(|s| s.parse::<i64>().ok()),
                saved(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(id) => get_training(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="crumbs"><a href="/trainings">"← " {Msg::TrainingsTitle.text(lang)}</a></p>
        {move || saved().map(|_| view! { <p class="saved banner" role="status" data-testid="notice">{Msg::TrainingSaved.text(lang)}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let t = d.training.clone();
                let total = t.total().to_string();
                view! {
                    <PageTitle text=t.title.clone()/>
                    <h1>{t.title.clone()}</h1>
                    <p class="muted">
                        {t.category.label().text(lang)} " · " {format!("{} – {}", t.starts_on, t.ends_on)} " · " {t.venue.clone()}
                    </p>
                    {(!t.trainers.is_empty()).then(|| view! { <p><strong>{Msg::Trainers.text(lang)} ": "</strong>{t.trainers.clone()}</p> })}
                    <table class="data" data-testid="participants">
                        <thead><tr>
                            <th>{Msg::ColRci.text(lang)}</th><th class="num">{Msg::People.text(lang)}</th>
                            <th>{Msg::Scores.text(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {t.participants.into_iter().map(|p| view! {
                                <tr>
                                    <td><a href=format!("/rcis/{}", p.rci_id)>{p.rci}</a></td>
                                    <td class="num">{p.people.to_string()}</td>
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
