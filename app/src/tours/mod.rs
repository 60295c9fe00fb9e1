//! Study tours: the list of every tour the caller may see (filters in the URL, CSV export), one
//! tour's page, and the form that records or edits a tour.
//!
//! One module per page: `list` (the list), `detail` (a tour's page), `form` (record or edit).

mod detail;
mod form;
mod list;

pub use detail::TourPage;
pub use form::NewTourPage;
pub use list::ToursPage;

use std::collections::HashMap;

use chrono::NaiveDate;
use homeward_core::tours::StudyTour;
use homeward_core::{SexCount, Stored};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;
use crate::lists::{FormOptions, ListFilter, RciChoice};

/// One tour as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourRow {
    pub id: i64,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub location: String,
    pub organised_with: Vec<String>,
    pub hosts: Vec<(i64, String)>,
    pub visitors: Vec<(i64, String)>,
    pub people: SexCount,
    pub open_actions: usize,
}

impl TourRow {
    fn rci_ids(&self) -> Vec<i64> {
        self.hosts
            .iter()
            .chain(&self.visitors)
            .map(|(id, _)| *id)
            .collect()
    }
}

/// The tours page's data: the tours, the RCIs to filter by, and whether the caller may record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToursData {
    pub tours: Vec<TourRow>,
    pub rcis: Vec<RciChoice>,
    pub can_edit: bool,
}

impl ToursData {
    /// The tours these filters keep.
    pub fn filtered(&self, filter: &ListFilter) -> Vec<TourRow> {
        self.tours
            .iter()
            .filter(|t| filter.keeps(t.starts_on, t.ends_on, &t.rci_ids(), None, &self.rcis))
            .cloned()
            .collect()
    }
}

/// Every RCI's name by id, and the ids the caller may read.
#[cfg(feature = "ssr")]
async fn rcis_for(
    actor: &homeward_core::accounts::Actor,
    store: &homeward_store::Store,
) -> Result<(HashMap<i64, String>, std::collections::BTreeSet<i64>), AppError> {
    let rcis = store.rcis().await?;
    let readable = rcis
        .iter()
        .map(|r| r.id)
        .filter(|id| actor.can_read_rci(*id))
        .collect();
    let names = rcis
        .into_iter()
        .map(|r| (r.id, r.value.name_en.to_string()))
        .collect();
    Ok((names, readable))
}

/// Every tour the caller may see, as they may see it ([`StudyTour::seen_by`]): for a director
/// only tours their RCI hosted or visited, with only their own RCI's people and actions counted.
#[cfg(feature = "ssr")]
pub async fn tours_for(
    actor: &homeward_core::accounts::Actor,
    store: &homeward_store::Store,
) -> Result<ToursData, AppError> {
    let (names, readable) = rcis_for(actor, store).await?;
    let named = |id: i64| (id, names.get(&id).cloned().unwrap_or_default());
    let tours = store
        .tours()
        .await?
        .into_iter()
        .filter_map(|t| Some((t.id, t.value.seen_by(&readable)?)))
        .map(|(id, seen)| {
            let v = seen.tour;
            TourRow {
                id,
                title: v.title.to_string(),
                starts_on: v.dates.start(),
                ends_on: v.dates.end(),
                location: v.location.to_string(),
                organised_with: v.organised_with.iter().map(|o| o.to_string()).collect(),
                hosts: v.hosts.iter().map(|h| named(*h)).collect(),
                visitors: seen.visiting_rcis.into_iter().map(named).collect(),
                people: v.total_visitors(),
                open_actions: v
                    .actions
                    .iter()
                    .filter(|a| a.status != homeward_core::tours::ActionStatus::Done)
                    .count(),
            }
        })
        .collect();
    Ok(ToursData {
        tours,
        rcis: crate::lists::rci_choices(actor, store).await?,
        can_edit: actor.can_edit_anything(),
    })
}

#[server(endpoint = "list_tours")]
pub async fn list_tours() -> Result<ToursData, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    tours_for(&ctx.actor, &ctx.store).await
}

/// The tours list as the export writes it: the page's rows under the same filters and access.
#[cfg(feature = "ssr")]
pub async fn export(
    ctx: crate::server::Ctx,
    query: &HashMap<String, String>,
) -> Result<crate::lists::Table, AppError> {
    let data = tours_for(&ctx.actor, &ctx.store).await?;
    let filter = ListFilter::from_query(|k| query.get(k).cloned());
    let join = |v: &[(i64, String)]| {
        v.iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rows = data
        .filtered(&filter)
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.title.clone(),
                t.starts_on.to_string(),
                t.ends_on.to_string(),
                t.location.clone(),
                t.organised_with.join("; "),
                join(&t.hosts),
                join(&t.visitors),
                t.people.total().to_string(),
                t.people.female().to_string(),
                t.open_actions.to_string(),
            ]
        })
        .collect();
    Ok(crate::lists::Table::new(
        &[
            "id",
            "title",
            "starts_on",
            "ends_on",
            "location",
            "organised_with",
            "hosts",
            "visiting_rcis",
            "visitors_total",
            "visitors_female",
            "open_actions",
        ],
        rows,
    ))
}

/// One tour's page: the tour as the caller may see it, the names of the RCIs in it (no others)
/// and those the caller may open, and for editors the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourDetail {
    pub tour: Stored<StudyTour>,
    pub visiting_rcis: Vec<i64>,
    /// Whether other RCIs' people and actions were left out.
    pub partial: bool,
    pub names: HashMap<i64, String>,
    pub readable: Vec<i64>,
    pub choices: Option<FormOptions>,
    pub today: NaiveDate,
}

#[server(endpoint = "get_tour")]
pub async fn get_tour(id: i64) -> Result<TourDetail, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    let (mut names, readable) = rcis_for(&ctx.actor, &ctx.store).await?;
    let stored = ctx.store.tour(id).await?;
    let seen = stored.value.seen_by(&readable).ok_or(AppError::NotFound)?;
    let rcis = seen.tour.rcis();
    names.retain(|id, _| rcis.contains(id));
    let choices = if ctx.actor.can_edit_anything() {
        Some(crate::lists::form_choices().await?)
    } else {
        None
    };
    Ok(TourDetail {
        tour: Stored {
            id: stored.id,
            version: stored.version,
            value: seen.tour,
        },
        visiting_rcis: seen.visiting_rcis,
        partial: seen.partial,
        names,
        readable: rcis
            .into_iter()
            .filter(|id| readable.contains(id))
            .collect(),
        choices,
        today: ctx.today,
    })
}

/// Records a new tour (no `id`) or saves an edited one (`id` and the `version` it was read at),
/// then opens its page.
#[server(endpoint = "save_tour")]
pub async fn save_tour(
    id: Option<i64>,
    version: Option<i64>,
    tour: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::recorder()?;
    let tour = StudyTour::from_form(&tour)?;
    for rci in tour.hosts.iter().chain(tour.visiting_rcis().iter()) {
        crate::server::can_read(&ctx.actor, *rci)?;
    }
    let (store, by) = (&ctx.store, &ctx.by);
    let (id, version) = match id {
        None => (store.create_tour(&tour, by).await?, 1),
        Some(id) => {
            let version = version.ok_or(AppError::NotFound)?;
            match store.update_tour(id, version, &tour, by).await {
                Err(homeward_store::StoreError::Conflict { .. }) => {
                    return Err(crate::server::stale())
                }
                other => (id, other?),
            }
        }
    };
    leptos_axum::redirect(&format!("/tours/{id}?saved={version}"));
    Ok(())
}

/// An RCI's name, linked to its page only if the reader may open it (a director may not open
/// the other RCIs on their tours).
fn rci_link(id: i64, name: String, readable: &[i64]) -> AnyView {
    if readable.contains(&id) {
        view! { <a href=format!("/rcis/{id}") translate="no">{name}</a> }.into_any()
    } else {
        view! { <span translate="no">{name}</span> }.into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            people: SexCount::ZERO,
            open_actions: 0,
        }
    }

    #[test]
    fn tours_filter_by_year_and_by_rci_hosting_or_visiting() {
        let data = ToursData {
            tours: vec![
                row(1, "2025-12-08", &[1], &[2, 3]),
                row(2, "2026-03-01", &[6], &[3]),
            ],
            rcis: vec![],
            can_edit: false,
        };
        let ids = |year: Option<i32>, rci: Option<i64>| {
            data.filtered(&ListFilter {
                year,
                rci,
                ..Default::default()
            })
            .into_iter()
            .map(|t| t.id)
            .collect::<Vec<_>>()
        };
        assert_eq!(ids(None, None), [1, 2]);
        assert_eq!(ids(Some(2026), None), [2]);
        assert_eq!(ids(None, Some(3)), [1, 2]);
        assert_eq!(ids(None, Some(1)), [1]);
        assert_eq!(ids(Some(2025), Some(6)), Vec::<i64>::new());
    }
}
