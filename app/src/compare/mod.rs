//! The organisation's comparison of every partner's transition: the page management opens on
//! Monday (filters and sort in the URL), its charts, and its CSV and XLSX exports. Directors never
//! reach any of it: it shows other RCIs.
//!
//! `page` holds the page and its table, `charts` its two charts.

pub(crate) mod charts;
mod map;
mod map_shapes;
mod page;
pub mod workbook;

pub use page::ComparePage;

#[cfg(feature = "ssr")]
use homeward_core::comparison::{compare, provinces, totals};
use homeward_core::comparison::{
    ComparisonFilter, ComparisonRow, ComparisonTotals, ProvinceRow, Sort, SortKey,
};
use homeward_core::paging::Page;
use homeward_core::quarters::Quarter;
use homeward_core::targets::TargetStatus;
use homeward_core::Phase;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;

/// One page of the comparison, as its URL asks: the partners that match, sorted, one page of them
/// drawn; the totals, the stage chart and the provinces count every match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonData {
    /// This page's rows.
    pub rows: Vec<ComparisonRow>,
    /// Which page of the matches these are.
    pub page: Page,
    /// Every match added up.
    pub totals: ComparisonTotals,
    /// Every match's phase, for the stage chart.
    pub phases: Vec<Phase>,
    /// Every match added up by province, with the provinces' own targets.
    pub provinces: Vec<ProvinceRow>,
    /// What the filters offer: every partner's province and lead adviser, each once, in order.
    pub choices: Choices,
    /// The last eight quarters, oldest first, by placement (as [`Placement::ALL`]).
    pub per_quarter: Vec<(Quarter, [u32; 5])>,
    /// Placements that returned to residential care in each of those quarters.
    pub reentries_per_quarter: Vec<u32>,
    /// Whether the reader may set and remove targets (an admin).
    pub sets_targets: bool,
}

/// The values the comparison's filters offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    pub provinces: Vec<String>,
    pub advisers: Vec<String>,
}

/// Every partner compared on one day: derived once per revision of the database and kept
/// ([`homeward_store::Store::derived`]), so a page of the comparison costs a page, not the
/// thousands of partners a network may have.
#[cfg(feature = "ssr")]
pub struct Compared {
    /// The day and the risk settings it was derived with.
    made_for: (chrono::NaiveDate, homeward_core::RiskSettings),
    /// Every partner's row, in the comparison's first order (by name).
    pub rows: Vec<ComparisonRow>,
    /// Every partner added up: what the unfiltered comparison, the one most opened, shows.
    everyone: Matches,
    choices: Choices,
    per_quarter: Vec<(Quarter, [u32; 5])>,
    reentries_per_quarter: Vec<u32>,
}

/// What the comparison shows of every partner that matches its filters, whatever the page.
#[cfg(feature = "ssr")]
#[derive(Clone)]
struct Matches {
    totals: ComparisonTotals,
    phases: Vec<Phase>,
    provinces: Vec<ProvinceRow>,
}

#[cfg(feature = "ssr")]
impl Matches {
    fn of(
        shown: &[&ComparisonRow],
        targets: &[homeward_core::targets::SetTarget],
        today: chrono::NaiveDate,
    ) -> Self {
        Matches {
            totals: totals(shown),
            phases: shown.iter().map(|r| r.phase).collect(),
            provinces: provinces(shown, targets, today),
        }
    }
}

/// Every partner compared on `today`: read in a fixed number of queries when anything changed,
/// otherwise as kept.
#[cfg(feature = "ssr")]
pub async fn compared(
    store: &homeward_store::Store,
    settings: &homeward_core::RiskSettings,
    today: chrono::NaiveDate,
) -> Result<std::sync::Arc<Compared>, AppError> {
    let made_for = (today, *settings);
    let fit = |c: &Compared| c.made_for == made_for;
    Ok(store
        .derived(fit, |partners| async move {
            let advisers = store.user_names().await?;
            let rows: Vec<ComparisonRow> = partners
                .iter()
                .map(|(rci, summary)| {
                    let adviser = rci.value.adviser_id.and_then(|a| advisers.get(&a).cloned());
                    let overview = summary.overview(&rci.value, settings, today);
                    ComparisonRow::new(rci.id, &rci.value, adviser, &overview, today)
                })
                .collect();
            let rows = compare(rows, &ComparisonFilter::default(), Sort::default());
            let targets = store.province_targets().await?;
            let everyone = Matches::of(&rows.iter().collect::<Vec<_>>(), &targets, today);
            let distinct = |f: fn(&ComparisonRow) -> Option<&String>| {
                let set: std::collections::BTreeSet<&String> = rows.iter().filter_map(f).collect();
                set.into_iter().cloned().collect()
            };
            let choices = Choices {
                provinces: distinct(|r| Some(&r.province)),
                advisers: distinct(|r| r.adviser.as_ref()),
            };
            let quarters = Quarter::of(today).last(8);
            let histories: Vec<_> = partners
                .iter()
                .map(|(_, summary)| summary.reintegrations.clone())
                .collect();
            Ok(Compared {
                made_for,
                per_quarter: homeward_core::quarters::reintegrated_per_quarter(
                    &histories, &quarters,
                ),
                reentries_per_quarter: homeward_core::placements::reentries_per_quarter(
                    partners.iter().map(|(_, s)| s.placements.as_slice()),
                    &quarters,
                ),
                rows,
                everyone,
                choices,
            })
        })
        .await?)
}

/// The comparison's page its URL (`query`, as `province=…&page=2`) asks for.
#[server(endpoint = "compare_partners")]
pub async fn compare_partners(query: Option<String>) -> Result<ComparisonData, AppError> {
    let ctx = crate::server::Ctx::organisation()?;
    let q = CompareQuery::parse(query.as_deref().unwrap_or_default());
    let all = compared(&ctx.store, &ctx.settings, ctx.today).await?;
    let everyone = q.filter == ComparisonFilter::default();
    // The rows are kept in the first order: the view most opened needs neither filter nor sort.
    let shown = if everyone && q.sort == Sort::default() {
        all.rows.iter().collect()
    } else {
        compare(all.rows.iter().collect(), &q.filter, q.sort)
    };
    let matches = if everyone {
        all.everyone.clone()
    } else {
        let targets = ctx.store.province_targets().await?;
        Matches::of(&shown, &targets, ctx.today)
    };
    let page = Page::of(shown.len(), q.page.as_deref());
    Ok(ComparisonData {
        totals: matches.totals,
        phases: matches.phases,
        provinces: matches.provinces,
        rows: page.take(shown).into_iter().cloned().collect(),
        page,
        choices: all.choices.clone(),
        per_quarter: all.per_quarter.clone(),
        reentries_per_quarter: all.reentries_per_quarter.clone(),
        sets_targets: ctx.actor.can_set_targets(),
    })
}

/// The page's state as the URL carries it: `?province=…&adviser=…&stage=3&risk=stalled&sort=overall&dir=desc&page=2`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareQuery {
    pub filter: ComparisonFilter,
    pub sort: Sort,
    /// The page of rows asked for, as typed: [`homeward_core::paging::Page::of`] reads it.
    pub page: Option<String>,
}

impl CompareQuery {
    /// The state a query string (`province=…&page=2`, with or without its `?`) carries.
    pub fn parse(query: &str) -> Self {
        let pairs: std::collections::HashMap<String, String> =
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        Self::from_query(|k| pairs.get(k).cloned())
    }

    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |k: &str| crate::components::query_value(&get, k);
        Self {
            filter: ComparisonFilter {
                province: value("province"),
                adviser: value("adviser"),
                stage: value("stage").and_then(|s| s.parse().ok()),
                risk: value("risk"),
                target: value("target").and_then(|t| TargetStatus::parse(&t)),
                readiness: value("readiness")
                    .and_then(|l| homeward_core::readiness::Level::parse(&l)),
            },
            sort: Sort {
                key: value("sort")
                    .and_then(|s| SortKey::parse(&s))
                    .unwrap_or(SortKey::Name),
                descending: value("dir").as_deref() == Some("desc"),
            },
            page: value("page"),
        }
    }

    /// The query string of this view's filters and sort, from its first page: what the exports
    /// (every row) and a new sort start from.
    pub fn query(&self) -> String {
        self.query_at(None)
    }

    /// This view's address at page `number`.
    pub fn page_href(&self, number: usize) -> String {
        format!("/compare{}", self.query_at(Some(number.to_string())))
    }

    /// This view's query string at page `page` (as the URL had it).
    fn query_at(&self, page: Option<String>) -> String {
        let f = &self.filter;
        let sorted = self.sort != Sort::default();
        crate::components::query_string(vec![
            ("province", f.province.clone()),
            ("adviser", f.adviser.clone()),
            ("stage", f.stage.map(|s| s.to_string())),
            ("risk", f.risk.clone()),
            ("target", f.target.map(|t| t.key().to_string())),
            ("readiness", f.readiness.map(|l| l.key().to_string())),
            ("sort", sorted.then(|| self.sort.key.key().to_string())),
            (
                "dir",
                (sorted && self.sort.descending).then(|| "desc".to_string()),
            ),
            ("page", page.filter(|n| n != "1")),
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
            page: None,
        }
    }
}

/// The comparison as the CSV writes it: each column's key, each value as stored.
pub fn export_table(rows: &[ComparisonRow]) -> crate::lists::Table {
    let columns = workbook::Column::all();
    crate::lists::Table {
        header: columns.iter().map(|c| c.key()).collect(),
        rows: rows
            .iter()
            .map(|r| columns.iter().map(|c| c.cell(r, None)).collect())
            .collect(),
    }
}

/// The comparison as the exports write it: the page's rows, filtered and sorted as its URL says.
#[cfg(feature = "ssr")]
pub async fn export(
    ctx: crate::server::Ctx,
    query: &std::collections::HashMap<String, String>,
) -> Result<crate::lists::Table, AppError> {
    let ctx = ctx.across_partners()?;
    let all = compared(&ctx.store, &ctx.settings, ctx.today).await?;
    let q = CompareQuery::from_query(|k| query.get(k).cloned());
    Ok(export_table(&compare(all.rows.clone(), &q.filter, q.sort)))
}

/// The comparison as the workbook writes it for a reader in `lang`: the page's rows, filtered
/// and sorted as its URL says, with what the export is and its data dictionary.
#[cfg(feature = "ssr")]
pub async fn export_workbook(
    ctx: crate::server::Ctx,
    query: &std::collections::HashMap<String, String>,
    organisation: &str,
    lang: homeward_core::Lang,
) -> Result<Vec<workbook::Sheet>, AppError> {
    use crate::i18n::Msg;
    use crate::labels::Label;
    let ctx = ctx.across_partners()?;
    let all = compared(&ctx.store, &ctx.settings, ctx.today).await?;
    let q = CompareQuery::from_query(|k| query.get(k).cloned());
    let word = |m: Msg| m.text(lang).to_string();
    let f = &q.filter;
    let stage = f.stage.map(|n| {
        homeward_core::Stage::ALL
            .into_iter()
            .find(|s| s.number() == n)
            .map_or(word(Msg::Completed), |s| {
                crate::checklists::track_heading(homeward_core::Track::Stage(s), lang)
            })
    });
    let risk = f.risk.as_deref().map(|key| {
        homeward_core::RiskKind::ALL
            .into_iter()
            .find(|r| r.key() == key)
            .map_or(key.to_string(), |r| word(r.label()))
    });
    let filters: Vec<String> = [
        (
            Msg::FilterProvince,
            f.province.as_deref().map(|p| crate::labels::place(p, lang)),
        ),
        (Msg::Adviser, f.adviser.clone()),
        (Msg::StageN, stage),
        (Msg::ColRisks, risk),
        (Msg::TargetsTitle, f.target.map(|t| word(t.label()))),
        (Msg::ReadinessLevel, f.readiness.map(|l| word(l.label()))),
    ]
    .into_iter()
    .filter_map(|(m, v)| v.map(|v| format!("{}: {v}", word(m))))
    .collect();
    let shown = compare(all.rows.clone(), &q.filter, q.sort);
    let now = homeward_core::calendar::cambodia_time(chrono::Utc::now());
    let about = vec![
        (word(Msg::ExportTitle), String::new()),
        (word(Msg::ExportOrganisation), organisation.to_string()),
        (
            word(Msg::ExportMadeAt),
            format!(
                "{} {}",
                now.format("%Y-%m-%d %H:%M"),
                word(Msg::PhnomPenhTime)
            ),
        ),
        (
            word(Msg::ExportFilters),
            if filters.is_empty() {
                word(Msg::ExportNoFilters)
            } else {
                filters.join("; ")
            },
        ),
        (word(Msg::ExportRows), shown.len().to_string()),
    ];
    Ok(workbook::sheets(&shown, about, lang))
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
            "page" => Some("4".into()),
            _ => None,
        });
        assert_eq!(q.filter.stage, Some(3));
        assert_eq!(
            q.query(),
            "?province=Siem+Reap&stage=3&sort=overall&dir=desc",
            "exports and new sorts start from the first page"
        );
        assert_eq!(
            q.page_href(2),
            "/compare?province=Siem+Reap&stage=3&sort=overall&dir=desc&page=2"
        );
        assert_eq!(
            q.page_href(1),
            "/compare?province=Siem+Reap&stage=3&sort=overall&dir=desc"
        );
        assert_eq!(
            q.sorted_by(SortKey::Name).page,
            None,
            "a new sort starts at page 1"
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
