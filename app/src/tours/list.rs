//! The study tours list: filters in the URL, a CSV of what is shown.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::*;
use crate::components::PageTitle;
use crate::i18n::{use_lang, Msg};
use crate::lists::{FilterBar, ListFilter};

#[component]
pub fn ToursPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || ListFilter::from_query(|k| query.read().get(k));
    let data = Resource::new(|| (), |_| list_tours());
    view! {
        <PageTitle text=Msg::ToursTitle.text(lang)/>
        <h1>{Msg::ToursTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let filter = filter();
                let shown = data.filtered(&filter);
                let years = crate::lists::years(data.tours.iter().map(|t| t.starts_on));
                let empty = shown.is_empty();
                let readable: Vec<i64> = data.rcis.iter().map(|r| r.id).collect();
                let rci = move |(id, name): (i64, String)| view! { {rci_link(id, name, &readable)} " " };
                view! {
                    {data.can_edit.then(|| view! {
                        <p><a class="button" href="/tours/new">{Msg::NewTour.text(lang)}</a></p>
                    })}
                    <FilterBar path="/tours" filter years rcis=data.rcis lang/>
                    {empty.then(|| view! { <p class="empty">{Msg::NoTours.text(lang)}</p> })}
                    <ul class="tours">
                        {shown.into_iter().map(|t| view! {
                            <li class="panel tour" data-testid="tour">
                                <h2><a href=format!("/tours/{}", t.id) translate="no">{t.title}</a></h2>
                                <p class="muted">{format!("{} – {}", t.starts_on, t.ends_on)} " · " <span translate="no">{t.location}</span>
                                    {(!t.organised_with.is_empty()).then(|| view! { " · " <span translate="no">{t.organised_with.join(", ")}</span> })}
                                </p>
                                <p><strong>{Msg::Hosts.text(lang)} ": "</strong>
                                    {t.hosts.into_iter().map(rci.clone()).collect_view()}
                                </p>
                                <p><strong>{Msg::Visitors.text(lang)} ": "</strong>
                                    {t.visitors.into_iter().map(rci.clone()).collect_view()}
                                    " (" {t.people.text(lang)} ")"
                                </p>
                                <p class="muted small">{Msg::OpenActions.text(lang)} ": " {t.open_actions}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </Suspense>
    }
}
