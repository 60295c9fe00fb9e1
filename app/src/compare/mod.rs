//! The organisation's comparison of every partner's transition: the page management opens on
//! Monday (filters and sort in the URL), its charts, and its CSV and XLSX exports. Directors never
//! reach any of it: it shows other RCIs.
//!
//! `page` holds the page and its table, `charts` its two charts.

mod charts;
mod page;

pub use page::ComparePage;

use homeward_core::comparison::{ComparisonFilter, ComparisonRow, Sort, SortKey};
use homeward_core::quarters::Quarter;
use homeward_core::{Phase, Track};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;

/// The comparison page's data: every partner's row and the children reintegrated per quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonData {
    pub rows: Vec<ComparisonRow>,
    /// The last eight quarters, oldest first, by placement (as [`Placement::ALL`]).
    pub per_quarter: Vec<(Quarter, [u32; 5])>,
}

/// Every partner's comparison row on `today`, read in a fixed number of queries.
#[cfg(feature = "ssr")]
pub async fn comparison_rows(
    store: &homeward_store::Store,
    settings: &homeward_core::RiskSettings,
    today: chrono::NaiveDate,
) -> Result<Vec<ComparisonRow>, AppError> {
    rows_of(store, &store.rci_summaries().await?, settings, today).await
}

/// The comparison rows of partners whose summaries are already read.
#[cfg(feature = "ssr")]
async fn rows_of(
    store: &homeward_store::Store,
    partners: &[(
        homeward_core::Stored<homeward_core::RciProfile>,
        homeward_core::RciSummary,
    )],
    settings: &homeward_core::RiskSettings,
    today: chrono::NaiveDate,
) -> Result<Vec<ComparisonRow>, AppError> {
    let advisers = store.user_names().await?;
    Ok(partners
        .iter()
        .map(|(rci, summary)| {
            let adviser = rci.value.adviser_id.and_then(|a| advisers.get(&a).cloned());
            let overview = summary.overview(&rci.value, settings, today);
            ComparisonRow::new(rci.id, &rci.value, adviser, &overview, today)
        })
        .collect())
}

#[server(endpoint = "compare_partners")]
pub async fn compare_partners() -> Result<ComparisonData, AppError> {
    let ctx = crate::server::Ctx::organisation()?;
    let partners = ctx.store.rci_summaries().await?;
    let histories: Vec<_> = partners
        .iter()
        .map(|(_, summary)| summary.reintegrations.clone())
        .collect();
    Ok(ComparisonData {
        rows: rows_of(&ctx.store, &partners, &ctx.settings, ctx.today).await?,
        per_quarter: homeward_core::quarters::reintegrated_per_quarter(
            &histories,
            &Quarter::of(ctx.today).last(8),
        ),
    })
}

/// The page's state as the URL carries it: `?province=…&adviser=…&stage=3&risk=stalled&sort=overall&dir=desc`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareQuery {
    pub filter: ComparisonFilter,
    pub sort: Sort,
}

impl CompareQuery {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |k: &str| crate::components::query_value(&get, k);
        Self {
            filter: ComparisonFilter {
                province: value("province"),
                adviser: value("adviser"),
                stage: value("stage").and_then(|s| s.parse().ok()),
                risk: value("risk"),
            },
            sort: Sort {
                key: value("sort")
                    .and_then(|s| SortKey::parse(&s))
                    .unwrap_or(SortKey::Name),
                descending: value("dir").as_deref() == Some("desc"),
            },
        }
    }

    /// The query string that reproduces this state (empty values left out).
    pub fn query(&self) -> String {
        let f = &self.filter;
        let sorted = self.sort != Sort::default();
        crate::components::query_string(vec![
            ("province", f.province.clone()),
            ("adviser", f.adviser.clone()),
            ("stage", f.stage.map(|s| s.to_string())),
            ("risk", f.risk.clone()),
            ("sort", sorted.then(|| self.sort.key.key().to_string())),
            (
                "dir",
                (sorted && self.sort.descending).then(|| "desc".to_string()),
            ),
        ])
    }

    /// The same view sorted by `key`: a second click on the current column reverses it; numbers
    /// start highest first, names A to Z.
    pub fn sorted_by(&self, key: SortKey) -> Self {
        let descending = if self.sort.key == key {
            !self.sort.descending
        } else {
            !matches!(key, SortKey::Name | SortKey::Province | SortKey::Adviser)
        };
        Self {
            filter: self.filter.clone(),
            sort: Sort { key, descending },
        }
    }
}

/// The table as exported: a header of stable keys and one line per partner shown.
pub fn export_table(rows: &[ComparisonRow]) -> crate::lists::Table {
    let mut header: Vec<String> = [
        "rci_id",
        "name",
        "name_km",
        "province",
        "adviser",
        "stage",
        "days_in_stage",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    header.extend(
        Track::ALL
            .into_iter()
            .map(|t| format!("{}_percent", t.key())),
    );
    header.extend(
        [
            "overall_percent",
            "baseline_total",
            "baseline_female",
            "reintegrated_total",
            "reintegrated_female",
            "follow_ups_overdue_days",
            "days_since_update",
            "risks",
        ]
        .map(String::from),
    );
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let lines = rows
        .iter()
        .map(|r| {
            let mut line = vec![
                r.rci_id.to_string(),
                r.name.clone(),
                r.name_km.clone().unwrap_or_default(),
                r.province.clone(),
                r.adviser.clone().unwrap_or_default(),
                match r.phase {
                    Phase::In(stage) => stage.number().to_string(),
                    Phase::Completed => "completed".into(),
                },
                r.days_in_phase.to_string(),
            ];
            line.extend(r.tracks.iter().map(|(_, p)| p.to_string()));
            line.extend([
                r.overall.to_string(),
                r.baseline.total().to_string(),
                r.baseline.female().to_string(),
                r.reintegrated.total().to_string(),
                r.reintegrated.female().to_string(),
                opt(r.follow_ups_overdue_days),
                opt(r.days_since_update),
                r.flags
                    .iter()
                    .map(|f| f.key())
                    .collect::<Vec<_>>()
                    .join(";"),
            ]);
            line
        })
        .collect();
    crate::lists::Table {
        header,
        rows: lines,
    }
}

/// The comparison as the exports write it: the page's rows, filtered and sorted as its URL says.
#[cfg(feature = "ssr")]
pub async fn export(
    ctx: crate::server::Ctx,
    query: &std::collections::HashMap<String, String>,
) -> Result<crate::lists::Table, AppError> {
    let ctx = ctx.across_partners()?;
    let rows = comparison_rows(&ctx.store, &ctx.settings, ctx.today).await?;
    let q = CompareQuery::from_query(|k| query.get(k).cloned());
    let shown = homeward_core::comparison::compare(rows, &q.filter, q.sort);
    Ok(export_table(&shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_state_round_trips_and_sorting_toggles() {
        let q = CompareQuery::from_query(|k| match k {
            "province" => Some("Siem Reap".into()),
            "stage" => Some("3".into()),
            "sort" => Some("overall".into()),
            "dir" => Some("desc".into()),
            _ => None,
        });
        assert_eq!(q.filter.stage, Some(3));
        assert_eq!(
            q.query(),
            "?province=Siem+Reap&stage=3&sort=overall&dir=desc"
        );
        let again = q.sorted_by(SortKey::Overall);
        assert!(!again.sort.descending, "a second click reverses");
        assert!(
            q.sorted_by(SortKey::Reintegrated).sort.descending,
            "numbers start highest"
        );
        assert!(
            !q.sorted_by(SortKey::Name).sort.descending,
            "names start at A"
        );
        assert_eq!(CompareQuery::default().query(), "");
    }
}
