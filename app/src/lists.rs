//! What the study-tours and trainings lists share: the RCIs to choose from, the filters (kept in
//! the URL, so a view can be bookmarked, shared and exported as it is shown) and the filter bar.

use chrono::{Datelike, NaiveDate};
use homeward_core::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;
use crate::i18n::Msg;

/// An RCI as lists and forms offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciChoice {
    pub id: i64,
    pub name: String,
    pub province: String,
}

/// What the tour and training forms offer: every RCI and the organisations named before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOptions {
    pub rcis: Vec<RciChoice>,
    pub organisations: Vec<String>,
}

/// The RCIs the caller may see, by name.
#[cfg(feature = "ssr")]
pub async fn rci_choices(
    actor: &homeward_core::accounts::Actor,
    store: &homeward_store::Store,
) -> Result<Vec<RciChoice>, AppError> {
    let mut choices: Vec<RciChoice> = store
        .rcis()
        .await?
        .into_iter()
        .filter(|r| actor.can_read_rci(r.id))
        .map(|r| RciChoice {
            id: r.id,
            name: r.value.name_en.to_string(),
            province: r.value.province.to_string(),
        })
        .collect();
    choices.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(choices)
}

/// The choices of the tour and training forms, for those who may record them.
#[server(endpoint = "form_choices")]
pub async fn form_choices() -> Result<FormOptions, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    if !ctx.actor.can_edit_anything() {
        return Err(AppError::NotFound);
    }
    Ok(FormOptions {
        rcis: rci_choices(&ctx.actor, &ctx.store).await?,
        organisations: ctx
            .store
            .organisations()
            .await?
            .into_iter()
            .map(|o| o.to_string())
            .collect(),
    })
}

/// The list filters as the URL carries them (`?year=2026&province=Battambang&rci=3&category=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFilter {
    pub year: Option<i32>,
    pub province: Option<String>,
    pub rci: Option<i64>,
    pub category: Option<String>,
}

impl ListFilter {
    /// Reads the filters from query values; a blank or unreadable value means "all".
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |k: &str| crate::components::query_value(&get, k);
        Self {
            year: value("year").and_then(|y| y.parse().ok()),
            province: value("province"),
            rci: value("rci").and_then(|r| r.parse().ok()),
            category: value("category"),
        }
    }

    /// The query string that reproduces these filters (for the export link).
    pub fn query(&self) -> String {
        crate::components::query_string(vec![
            ("year", self.year.map(|y| y.to_string())),
            ("province", self.province.clone()),
            ("rci", self.rci.map(|r| r.to_string())),
            ("category", self.category.clone()),
        ])
    }

    /// Whether an entry on these days, involving these RCIs, in this category, is kept. The year
    /// matches if the entry starts or ends in it; the province if any involved RCI is there.
    pub fn keeps(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        rcis: &[i64],
        category: Option<&str>,
        choices: &[RciChoice],
    ) -> bool {
        let province_of = |id: &i64| {
            choices
                .iter()
                .find(|c| c.id == *id)
                .map(|c| c.province.as_str())
        };
        self.year
            .is_none_or(|y| start.year() == y || end.year() == y)
            && self
                .province
                .as_deref()
                .is_none_or(|p| rcis.iter().any(|r| province_of(r) == Some(p)))
            && self.rci.is_none_or(|r| rcis.contains(&r))
            && self.category.as_deref().is_none_or(|c| category == Some(c))
    }
}

/// The years that entries starting on these days fall in, newest first.
pub fn years(starts: impl Iterator<Item = NaiveDate>) -> Vec<i32> {
    let mut y: Vec<i32> = starts.map(|d| d.year()).collect();
    y.sort_unstable();
    y.dedup();
    y.reverse();
    y
}

/// The filter bar of a list page: a plain GET form, so it works before WebAssembly loads, plus
/// the link that downloads what is shown as CSV.
#[component]
pub fn FilterBar(
    /// The list page's path, e.g. `/tours`.
    path: &'static str,
    filter: ListFilter,
    years: Vec<i32>,
    rcis: Vec<RciChoice>,
    /// Category keys and labels, for lists that have categories.
    #[prop(optional)]
    categories: Vec<(&'static str, &'static str)>,
    lang: Lang,
) -> impl IntoView {
    let mut provinces: Vec<String> = rcis.iter().map(|r| r.province.clone()).collect();
    provinces.sort();
    provinces.dedup();
    let export = format!("/exports{path}.csv{}", filter.query());
    let has_categories = !categories.is_empty();
    view! {
        <form method="get" class="filters" action=path>
            <label>{Msg::Year.text(lang)}
                <select name="year">
                    <option value="">{Msg::AllYears.text(lang)}</option>
                    {years.into_iter().map(|y| view! { <option value=y selected=filter.year == Some(y)>{y}</option> }).collect_view()}
                </select>
            </label>
            <label>{Msg::FilterProvince.text(lang)}
                <select name="province">
                    <option value="">{Msg::AllProvinces.text(lang)}</option>
                    {provinces.into_iter().map(|p| {
                        let selected = filter.province.as_deref() == Some(p.as_str());
                        let label = crate::labels::place(&p, lang);
                        view! { <option value=p selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{Msg::ColRci.text(lang)}
                <select name="rci">
                    <option value="">{Msg::AllRcis.text(lang)}</option>
                    {rcis.into_iter().map(|r| view! { <option value=r.id selected=filter.rci == Some(r.id) translate="no">{r.name}</option> }).collect_view()}
                </select>
            </label>
            {has_categories.then(|| view! {
                <label>{Msg::Category.text(lang)}
                    <select name="category">
                        <option value="">{Msg::AllCategories.text(lang)}</option>
                        {categories.into_iter().map(|(key, label)| view! {
                            <option value=key selected=filter.category.as_deref() == Some(key)>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            <button type="submit">{Msg::Apply.text(lang)}</button>
            <a class="button secondary" href=export rel="external" download data-testid="export-csv">
                {Msg::DownloadCsv.text(lang)}
            </a>
        </form>
    }
}

/// The record a detail page (`/tours/{id}`, `/trainings/{id}`) shows, read again after each
/// save (which comes back as `?saved=`), and whether the page follows a save.
pub fn record_of_page<T, F, Fut>(
    fetch: F,
) -> (
    Resource<Result<T, AppError>>,
    impl Fn() -> bool + Copy + Send + Sync + 'static,
)
where
    T: Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    F: Fn(i64) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = leptos_router::hooks::use_params_map();
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.read().get("saved");
    let record = Resource::new(
        move || {
            (
                params.read().get("id").and_then(|s| s.parse::<i64>().ok()),
                saved(),
            )
        },
        move |(id, _)| async move {
            match id {
                Some(id) => fetch(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    (record, move || saved().is_some())
}

/// A list as the exports write it: a header of stable keys, then one line per row shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str], rows: Vec<Vec<String>>) -> Self {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn filters_by_year_province_rci_and_category() {
        let choices = vec![
            RciChoice {
                id: 1,
                name: "Hope".into(),
                province: "Battambang".into(),
            },
            RciChoice {
                id: 2,
                name: "Lotus".into(),
                province: "Siem Reap".into(),
            },
        ];
        let keeps = |f: ListFilter| {
            f.keeps(
                day("2025-12-30"),
                day("2026-01-02"),
                &[2],
                Some("social_work"),
                &choices,
            )
        };
        assert!(keeps(ListFilter::default()));
        assert!(keeps(ListFilter {
            year: Some(2026),
            ..Default::default()
        }));
        assert!(keeps(ListFilter {
            year: Some(2025),
            ..Default::default()
        }));
        assert!(!keeps(ListFilter {
            year: Some(2024),
            ..Default::default()
        }));
        assert!(keeps(ListFilter {
            province: Some("Siem Reap".into()),
            ..Default::default()
        }));
        assert!(!keeps(ListFilter {
            province: Some("Battambang".into()),
            ..Default::default()
        }));
        assert!(!keeps(ListFilter {
            rci: Some(1),
            ..Default::default()
        }));
        assert!(!keeps(ListFilter {
            category: Some("other".into()),
            ..Default::default()
        }));
    }

    #[test]
    fn filters_round_trip_through_the_query() {
        let f = ListFilter::from_query(|k| match k {
            "year" => Some("2026".into()),
            "province" => Some("Phnom Penh".into()),
            "rci" => Some("x".into()),
            "category" => Some(" ".into()),
            _ => None,
        });
        assert_eq!(
            f,
            ListFilter {
                year: Some(2026),
                province: Some("Phnom Penh".into()),
                rci: None,
                category: None
            }
        );
        assert_eq!(f.query(), "?year=2026&province=Phnom+Penh");
    }
}
