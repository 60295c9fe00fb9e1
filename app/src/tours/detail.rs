//! One study tour's page.

use homeward_core::Lang;
use leptos::prelude::*;

use super::form::TourForm;
use super::*;
use crate::components::PageTitle;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;

#[component]
pub fn TourPage() -> impl IntoView {
    let lang = use_lang();
    let (detail, saved) = crate::lists::record_of_page(get_tour);
    view! {
        <p class="crumbs"><a href="/tours">"← " {Msg::ToursTitle.text(lang)}</a></p>
        {move || saved().then(|| view! { <p class="saved banner" role="status" data-testid="notice">{Msg::TourSaved.text(lang)}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <TourView detail=d lang/> }.into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TourView(detail: TourDetail, lang: Lang) -> impl IntoView {
    let TourDetail {
        tour,
        visiting_rcis,
        partial,
        names,
        readable,
        choices,
        today,
    } = detail;
    let t = tour.value.clone();
    let link = move |id: i64| rci_link(id, names.get(&id).cloned().unwrap_or_default(), &readable);
    let link2 = link.clone();
    view! {
        <PageTitle text=t.title.to_string()/>
        <h1 translate="no">{t.title.to_string()}</h1>
        <p class="muted">
            {format!("{} – {} ({} ", t.dates.start(), t.dates.end(), t.dates.days())} {Msg::Days.text(lang)} ") · " <span translate="no">{t.location.to_string()}</span>
        </p>
        <section class="panel" data-testid="tour-detail">
            {(!t.organised_with.is_empty()).then(|| view! {
                <p><strong>{Msg::OrganisedWith.text(lang)} ": "</strong>
                    <span translate="no">{t.organised_with.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ")}</span></p>
            })}
            <p><strong>{Msg::Hosts.text(lang)} ": "</strong>
                {t.hosts.iter().map(|h| view! { {link(*h)} " " }).collect_view()}
            </p>
            {partial.then(|| view! {
                <p><strong>{Msg::Visitors.text(lang)} ": "</strong>
                    {visiting_rcis.iter().map(|v| view! { {link2(*v)} " " }).collect_view()}
                </p>
                <p class="muted small" data-testid="own-numbers-only">{Msg::OwnNumbersOnly.text(lang)}</p>
            })}
            <table class="data">
                <caption>{Msg::Visitors.text(lang)} " · " {t.total_visitors().text(lang)}</caption>
                <thead><tr><th>{Msg::ColRci.text(lang)}</th><th>{Msg::WhoCame.text(lang)}</th><th>{Msg::People.text(lang)}</th></tr></thead>
                <tbody>
                    {t.visitors.iter().map(|v| view! {
                        <tr><td>{link(v.rci_id)}</td><td>{v.role.label().text(lang)}</td><td>{v.people.text(lang)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!t.objectives.is_empty()).then(|| view! { <h2>{Msg::Objectives.text(lang)}</h2><p class="note" translate="no">{t.objectives.as_str().to_string()}</p> })}
            {(!t.outcomes.is_empty()).then(|| view! { <h2>{Msg::Outcomes.text(lang)}</h2><p class="note" translate="no">{t.outcomes.as_str().to_string()}</p> })}
            <h2>{Msg::FollowUpActions.text(lang)}</h2>
            {t.actions.is_empty().then(|| view! { <p class="empty">{Msg::NoActions.text(lang)}</p> })}
            <ul class="visits" data-testid="actions">
                {t.actions.iter().map(|a| view! {
                    <li>
                        <strong translate="no">{a.description.to_string()}</strong> " · " {link(a.owner_rci_id)} " · "
                        {Msg::Due.text(lang)} " " {a.due.to_string()} " · " {a.status.label().text(lang)}
                        {a.is_overdue(today).then(|| view! { " " <span class="flag flag-stalled">{Msg::Overdue.text(lang)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {choices.map(|choices| view! {
            <details class="edit">
                <summary>{Msg::EditTour.text(lang)}</summary>
                <TourForm tour=Some(tour) choices lang/>
            </details>
        })}
    }
}
