//! The study tours page: every tour the caller may see, filtered by year and RCI (the filters
//! live in the URL, so a view can be bookmarked and works without WebAssembly), and its CSV.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

/// One tour as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourRow {
    pub id: i64,
    pub title: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub location: String,
    pub organised_with: Vec<String>,
    pub hosts: Vec<(i64, String)>,
    pub visitors: Vec<(i64, String)>,
    pub people: String,
    pub open_actions: usize,
}

/// The tours page's data: the tours and the RCIs to filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToursData {
    pub tours: Vec<TourRow>,
    pub rcis: Vec<(i64, String)>,
}

/// Every tour the caller may see: directors only those their RCI hosted or visited.
#[server(endpoint = "list_tours")]
pub async fn list_tours() -> Result<ToursData, AppError> {
    let actor = crate::server::actor()?;
    let state = crate::server::state()?;
    let rcis: Vec<(i64, String)> = state
        .store
        .rcis()
        .await?
        .into_iter()
        .filter(|r| actor.can_read_rci(r.id))
        .map(|r| (r.id, r.value.name_en.to_string()))
        .collect();
    let all_rcis = state.store.rcis().await?;
    let name = |id: i64| {
        all_rcis
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.value.name_en.to_string())
            .unwrap_or_default()
    };
    let tours = state
        .store
        .tours()
        .await?
        .into_iter()
        .filter(|t| {
            t.value.hosts.iter().any(|h| actor.can_read_rci(*h))
                || t.value
                    .visiting_rcis()
                    .iter()
                    .any(|v| actor.can_read_rci(*v))
        })
        .map(|t| {
            let v = t.value;
            TourRow {
                id: t.id,
                title: v.title.to_string(),
                starts_on: v.dates.start(),
                ends_on: v.dates.end(),
                location: v.location.to_string(),
                organised_with: v.organised_with.iter().map(|o| o.to_string()).collect(),
                hosts: v.hosts.iter().map(|h| (*h, name(*h))).collect(),
                visitors: v
                    .visiting_rcis()
                    .into_iter()
                    .map(|r| (r, name(r)))
                    .collect(),
                people: v.total_visitors().to_string(),
                open_actions: v
                    .actions
                    .iter()
                    .filter(|a| a.status != homeward_core::tours::ActionStatus::Done)
                    .count(),
            }
        })
        .collect();
    Ok(ToursData { tours, rcis })
}

/// Keeps the tours of one year and one RCI (either filter empty: all).
pub fn filter_tours(tours: &[TourRow], year: Option<i32>, rci: Option<i64>) -> Vec<TourRow> {
    use chrono::Datelike;
    tours
        .iter()
        .filter(|t| year.is_none_or(|y| t.starts_on.year() == y || t.ends_on.year() == y))
        .filter(|t| {
            rci.is_none_or(|r| {
                t.hosts.iter().any(|(h, _)| *h == r) || t.visitors.iter().any(|(v, _)| *v == r)
            })
        })
        .cloned()
        .collect()
}

#[component]
pub fn ToursPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let year = move || query.read().get("year").and_then(|y| y.parse::<i32>().ok());
    let rci = move || query.read().get("rci").and_then(|r| r.parse::<i64>().ok());
    let data = Resource::new(|| (), |_| list_tours());
    view! {
        <Title text=Msg::ToursTitle.text(lang)/>
        <h1>{Msg::ToursTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let shown = filter_tours(&data.tours, year(), rci());
                let years: Vec<i32> = {
                    use chrono::Datelike;
                    let mut y: Vec<i32> = data.tours.iter().map(|t| t.starts_on.year()).collect();
                    y.sort_unstable();
                    y.dedup();
                    y.reverse();
                    y
                };
                let empty = shown.is_empty();
                view! {
                    <form method="get" class="filters" action="/tours">
                        <label>{Msg::Year.text(lang)}
                            <select name="year">
                                <option value="">{Msg::AllYears.text(lang)}</option>
                                {years.into_iter().map(|y| view! { <option value=y selected=year() == Some(y)>{y}</option> }).collect_view()}
                            </select>
                        </label>
                        <label>{Msg::ColRci.text(lang)}
                            <select name="rci">
                                <option value="">{Msg::AllRcis.text(lang)}</option>
                                {data.rcis.into_iter().map(|(id, n)| view! { <option value=id selected=rci() == Some(id)>{n}</option> }).collect_view()}
                            </select>
                        </label>
                        <button type="submit">{Msg::Apply.text(lang)}</button>
                    </form>
                    {empty.then(|| view! { <p class="empty">{Msg::NoTours.text(lang)}</p> })}
                    <ul class="tours">
                        {shown.into_iter().map(|t| view! {
                            <li class="panel tour" data-testid="tour">
                                <h2>{t.title}</h2>
                                <p class="muted">{format!("{} – {}", t.starts_on, t.ends_on)} " · " {t.location}
                                    {(!t.organised_with.is_empty()).then(|| format!(" · {}", t.organised_with.join(", ")))}
                                </p>
                                <p><strong>{Msg::Hosts.text(lang)} ": "</strong>
                                    {t.hosts.into_iter().map(|(id, n)| view! { <a href=format!("/rcis/{id}")>{n}</a> " " }).collect_view()}
                                </p>
                                <p><strong>{Msg::Visitors.text(lang)} ": "</strong>
                                    {t.visitors.into_iter().map(|(id, n)| view! { <a href=format!("/rcis/{id}")>{n}</a> " " }).collect_view()}
                                    " (" {t.people} ")"
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn row(id: i64, start: &str, hosts: &[i64], visitors: &[i64]) -> TourRow {
        let day = NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
        TourRow {
            id,
            title: format!("tour {id}"),
            starts_on: day,
            ends_on: day,
            location: "Battambang".into(),
            organised_with: vec![],
            hosts: hosts.iter().map(|h| (*h, String::new())).collect(),
            visitors: visitors.iter().map(|v| (*v, String::new())).collect(),
            people: String::new(),
            open_actions: 0,
        }
    }

    #[test]
    fn tours_filter_by_year_and_by_rci_hosting_or_visiting() {
        let tours = [
            row(1, "2025-12-08", &[1], &[2, 3]),
            row(2, "2026-03-01", &[6], &[3]),
        ];
        let ids = |v: Vec<TourRow>| v.into_iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(filter_tours(&tours, None, None)), [1, 2]);
        assert_eq!(ids(filter_tours(&tours, Some(2026), None)), [2]);
        assert_eq!(ids(filter_tours(&tours, None, Some(3))), [1, 2]);
        assert_eq!(ids(filter_tours(&tours, None, Some(1))), [1]);
        assert_eq!(
            ids(filter_tours(&tours, Some(2025), Some(6))),
            Vec::<i64>::new()
        );
    }
}
