//! The trainings list: filters in the URL, a CSV of what is shown.

use homeward_core::trainings::TrainingCategory;
use homeward_core::SexCount;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::*;
use crate::components::PageTitle;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::lists::{FilterBar, ListFilter};

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || ListFilter::from_query(|k| query.read().get(k));
    let data = Resource::new(|| (), |_| list_trainings());
    view! {
        <PageTitle text=Msg::TrainingsTitle.text(lang)/>
        <h1>{Msg::TrainingsTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let filter = filter();
                let shown = data.filtered(&filter);
                let years = crate::lists::years(data.trainings.iter().map(|t| t.starts_on));
                let categories = TrainingCategory::ALL
                    .into_iter()
                    .map(|c| (c.key(), c.label().text(lang)))
                    .collect();
                let total = shown.iter().fold(SexCount::ZERO, |sum, t| sum.plus(t.total()));
                let empty = shown.is_empty();
                view! {
                    {data.can_edit.then(|| view! {
                        <p><a class="button" href="/trainings/new">{Msg::NewTraining.text(lang)}</a></p>
                    })}
                    <FilterBar path="/trainings" filter years rcis=data.rcis categories lang/>
                    {empty.then(|| view! { <p class="empty">{Msg::NoTrainings.text(lang)}</p> })}
                    {(!empty).then(|| view! {
                        <table class="data" data-testid="trainings">
                            <thead><tr>
                                <th>{Msg::Title.text(lang)}</th><th>{Msg::Category.text(lang)}</th>
                                <th>{Msg::Dates.text(lang)}</th><th>{Msg::ColRci.text(lang)}</th>
                                <th class="num">{Msg::People.text(lang)}</th>
                            </tr></thead>
                            <tbody>
                                {shown.into_iter().map(|t| {
                                    let total = t.total().text(lang);
                                    view! {
                                        <tr data-testid="training">
                                            <td><a href=format!("/trainings/{}", t.id) translate="no">{t.title}</a></td>
                                            <td>{t.category.label().text(lang)}</td>
                                            <td>{format!("{} – {}", t.starts_on, t.ends_on)}</td>
                                            <td translate="no">{t.participants.into_iter().map(|p| p.rci).collect::<Vec<_>>().join(", ")}</td>
                                            <td class="num">{total}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th colspan="4">{Msg::Total.text(lang)}</th>
                                <th class="num" data-testid="trainings-total">{total.text(lang)}</th>
                            </tr></tfoot>
                        </table>
                    })}
                }
                .into_any()
            })}
        </Suspense>
    }
}
