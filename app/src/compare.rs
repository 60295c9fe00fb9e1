//! The organisation's comparison of every partner's transition: the page management opens on
//! Monday (filters and sort in the URL), its charts, and its CSV and XLSX exports. Directors never
//! reach any of it: it shows other RCIs.

use homeward_core::comparison::{
    compare, totals, ComparisonFilter, ComparisonRow, ComparisonTotals, Sort, SortKey,
};
use homeward_core::quarters::Quarter;
use homeward_core::{Lang, Phase, Placement, Stage, Track};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::{Flags, PageTitle, PhaseLabel};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

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
    state: &crate::server::AppState,
    today: chrono::NaiveDate,
) -> Result<Vec<ComparisonRow>, AppError> {
    let store = &state.store;
    let advisers: std::collections::HashMap<i64, String> = store
        .users()
        .await?
        .into_iter()
        .map(|u| (u.id, u.value.display_name.to_string()))
        .collect();
    Ok(store
        .rci_overviews(&state.settings, today)
        .await?
        .into_iter()
        .map(|(rci, overview)| {
            let adviser = rci.value.adviser_id.and_then(|a| advisers.get(&a).cloned());
            ComparisonRow::new(rci.id, &rci.value, adviser, &overview, today)
        })
        .collect())
}

/// The organisation's view; "not found" for a director, who must not see other RCIs.
#[cfg(feature = "ssr")]
fn can_compare() -> Result<homeward_core::accounts::Actor, AppError> {
    let actor = crate::server::actor()?;
    if actor.can_compare_partners() {
        Ok(actor)
    } else {
        Err(AppError::NotFound)
    }
}

#[server(endpoint = "compare_partners")]
pub async fn compare_partners() -> Result<ComparisonData, AppError> {
    can_compare()?;
    let state = crate::server::state()?;
    let today = crate::server::today();
    let histories: Vec<Vec<homeward_core::ChildrenCounts>> = state
        .store
        .all_counts_histories()
        .await?
        .into_values()
        .collect();
    Ok(ComparisonData {
        rows: comparison_rows(&state, today).await?,
        per_quarter: homeward_core::quarters::reintegrated_per_quarter(
            &histories,
            &Quarter::of(today).last(8),
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
pub fn export_table(rows: &[ComparisonRow]) -> (Vec<String>, Vec<Vec<String>>) {
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
    (header, lines)
}

/// The filtered, sorted table for an export request, if the caller may see it.
#[cfg(feature = "ssr")]
async fn export_rows(
    state: &crate::server::AppState,
    session: Option<crate::server::Session>,
    query: &std::collections::HashMap<String, String>,
) -> Result<(Vec<String>, Vec<Vec<String>>), AppError> {
    let session = session
        .filter(|s| !s.must_change_password)
        .ok_or(AppError::Unauthenticated)?;
    if !session.actor.can_compare_partners() {
        return Err(AppError::NotFound);
    }
    let rows = comparison_rows(state, crate::server::today()).await?;
    let q = CompareQuery::from_query(|k| query.get(k).cloned());
    Ok(export_table(&compare(&rows, &q.filter, q.sort)))
}

/// The comparison as CSV (UTF-8 with BOM, formulas neutralised), with the page's filters and sort.
#[cfg(feature = "ssr")]
pub async fn export_csv(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    session: Option<axum::Extension<crate::server::Session>>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    let table = export_rows(&state, session.map(|s| s.0), &query)
        .await
        .map(|(header, lines)| {
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            homeward_core::exports::csv(&header, &lines)
        });
    crate::lists::csv_response("partners.csv", table)
}

/// The comparison as an Excel workbook: every cell written as text or number, never a formula.
#[cfg(feature = "ssr")]
pub async fn export_xlsx(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    session: Option<axum::Extension<crate::server::Session>>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::header;
    let workbook = export_rows(&state, session.map(|s| s.0), &query)
        .await
        .and_then(|(header, lines)| {
            crate::xlsx::workbook("Partners", &header, &lines).map_err(|e| {
                log::error!("xlsx export failed: {e}");
                AppError::Server
            })
        });
    match workbook {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"partners.xlsx\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => crate::lists::csv_response("partners.xlsx", Err(e)),
    }
}

fn risk_label(key: &str) -> Msg {
    match key {
        "no_plan" => Msg::RiskNoPlan,
        "no_budget" => Msg::RiskNoBudget,
        "stalled" => Msg::RiskStalledShort,
        _ => Msg::RiskFollowUpsShort,
    }
}

const RISKS: [&str; 4] = ["no_plan", "no_budget", "stalled", "follow_ups_overdue"];

#[component]
pub fn ComparePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let state = move || CompareQuery::from_query(|k| query.read().get(k));
    let data = Resource::new(|| (), |_| compare_partners());
    view! {
        <PageTitle text=Msg::CompareTitle.text(lang)/>
        <h1>{Msg::CompareTitle.text(lang)}</h1>
        <p class="muted no-print">{Msg::CompareIntro.text(lang)}</p>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let q = state();
                let shown = compare(&data.rows, &q.filter, q.sort);
                let sums = totals(&shown);
                view! {
                    <CompareFilters rows=data.rows.clone() q=q.clone() lang/>
                    <div class="charts">
                        <StageChart rows=shown.clone() lang/>
                        <QuarterChart per_quarter=data.per_quarter lang/>
                    </div>
                    <CompareTable rows=shown sums q lang/>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn CompareFilters(rows: Vec<ComparisonRow>, q: CompareQuery, lang: Lang) -> impl IntoView {
    let distinct = |f: fn(&ComparisonRow) -> Option<String>| {
        let mut v: Vec<String> = rows.iter().filter_map(f).collect();
        v.sort();
        v.dedup();
        v
    };
    let provinces = distinct(|r| Some(r.province.clone()));
    let advisers = distinct(|r| r.adviser.clone());
    let f = q.filter.clone();
    let options = |values: Vec<String>, chosen: Option<String>| {
        values
            .into_iter()
            .map(|v| {
                let selected = chosen.as_deref() == Some(v.as_str());
                let label = v.clone();
                view! { <option value=v selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let exports = q.query();
    let quarter = Quarter::of(homeward_core::calendar::cambodia_date(chrono::Utc::now())).key();
    view! {
        <form method="get" action="/compare" class="filters no-print" data-testid="compare-filters">
            <label>{Msg::FilterProvince.text(lang)}
                <select name="province">
                    <option value="">{Msg::AllProvinces.text(lang)}</option>
                    {options(provinces, f.province.clone())}
                </select>
            </label>
            <label>{Msg::Adviser.text(lang)}
                <select name="adviser">
                    <option value="">{Msg::AllAdvisers.text(lang)}</option>
                    {options(advisers, f.adviser.clone())}
                </select>
            </label>
            <label>{Msg::StageN.text(lang)}
                <select name="stage">
                    <option value="">{Msg::AllStages.text(lang)}</option>
                    {Stage::ALL.into_iter().map(|s| view! {
                        <option value=s.number() selected=f.stage == Some(s.number())>
                            {format!("{} · {}", s.number(), s.title().get(lang))}
                        </option>
                    }).collect_view()}
                    <option value="0" selected=f.stage == Some(0)>{Msg::Completed.text(lang)}</option>
                </select>
            </label>
            <label>{Msg::ColRisks.text(lang)}
                <select name="risk">
                    <option value="">{Msg::AnyRisk.text(lang)}</option>
                    {RISKS.into_iter().map(|r| view! {
                        <option value=r selected=f.risk.as_deref() == Some(r)>{risk_label(r).text(lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            {(q.sort != Sort::default()).then(|| view! {
                <input type="hidden" name="sort" value=q.sort.key.key()/>
                {q.sort.descending.then(|| view! { <input type="hidden" name="dir" value="desc"/> })}
            })}
            <button type="submit">{Msg::Apply.text(lang)}</button>
            <a class="button secondary" href=format!("/exports/partners.csv{exports}") rel="external" download data-testid="export-csv">{Msg::DownloadCsv.text(lang)}</a>
            <a class="button secondary" href=format!("/exports/partners.xlsx{exports}") rel="external" download data-testid="export-xlsx">{Msg::DownloadXlsx.text(lang)}</a>
            <a class="button secondary" href=format!("/report?quarter={quarter}") data-testid="report-link">{Msg::QuarterlyReport.text(lang)}</a>
        </form>
    }
}

#[component]
fn CompareTable(
    rows: Vec<ComparisonRow>,
    sums: ComparisonTotals,
    q: CompareQuery,
    lang: Lang,
) -> impl IntoView {
    let head = move |key: SortKey, label: String| {
        let current = q.sort.key == key;
        let aria = current.then_some(if q.sort.descending {
            "descending"
        } else {
            "ascending"
        });
        let href = format!("/compare{}", q.sorted_by(key).query());
        view! {
            <th scope="col" aria-sort=aria>
                <a href=href data-sort=key.key()>{label} {current.then_some(if q.sort.descending { " ▼" } else { " ▲" })}</a>
            </th>
        }
    };
    let empty = rows.is_empty();
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
    view! {
        <p class="muted" data-testid="shown">{rows.len()} " " {Msg::ShowingCount.text(lang)}</p>
        {empty.then(|| view! { <p class="empty">{Msg::NoPartnersMatch.text(lang)}</p> })}
        <div class="table-scroll compare-scroll" data-testid="compare-scroll">
        <table class="data compare" data-testid="compare">
            <thead><tr>
                {head(SortKey::Name, Msg::ColRci.text(lang).into())}
                {head(SortKey::Province, Msg::ColProvince.text(lang).into())}
                {head(SortKey::Adviser, Msg::Adviser.text(lang).into())}
                {head(SortKey::Stage, Msg::ColStage.text(lang).into())}
                {Track::ALL.into_iter().map(|t| head(SortKey::Track(t), t.title().get(lang).to_string())).collect_view()}
                {head(SortKey::Overall, Msg::ColProgress.text(lang).into())}
                {head(SortKey::Reintegrated, Msg::ColBaselineReintegrated.text(lang).into())}
                {head(SortKey::FollowUpsOverdue, Msg::ColFollowUpsOverdue.text(lang).into())}
                {head(SortKey::DaysSinceUpdate, Msg::ColDaysSinceUpdate.text(lang).into())}
                {head(SortKey::Risks, Msg::ColRisks.text(lang).into())}
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-testid="compare-row" data-rci=r.rci_id>
                        <th scope="row"><a href=format!("/rcis/{}", r.rci_id)>{r.name.clone()}</a></th>
                        <td data-label=Msg::ColProvince.text(lang)>{r.province.clone()}</td>
                        <td data-label=Msg::Adviser.text(lang)>{r.adviser.clone().unwrap_or_else(|| "—".into())}</td>
                        <td data-label=Msg::ColStage.text(lang)>
                            <PhaseLabel phase=r.phase lang/>
                            {(r.phase != Phase::Completed).then(|| view! { <span class="muted small">" · " {r.days_in_phase} " " {Msg::Days.text(lang)}</span> })}
                        </td>
                        {r.tracks.iter().map(|(t, p)| view! {
                            <td class="num" data-label=t.title().get(lang).to_string()><meter min="0" max="100" value=*p aria-label=t.title().get(lang).to_string()></meter><span class="small">{*p} "%"</span></td>
                        }).collect_view()}
                        <td class="num" data-testid="overall" data-label=Msg::ColProgress.text(lang)><strong>{r.overall} "%"</strong></td>
                        <td class="num" data-label=Msg::ColBaselineReintegrated.text(lang)>{r.baseline.to_string()} " → " {r.reintegrated.to_string()}</td>
                        <td class="num" data-label=Msg::ColFollowUpsOverdue.text(lang)>{opt(r.follow_ups_overdue_days)}</td>
                        <td class="num" data-label=Msg::ColDaysSinceUpdate.text(lang)>{opt(r.days_since_update)}</td>
                        <td data-label=Msg::ColRisks.text(lang)><Flags flags=r.flags.clone() lang/></td>
                    </tr>
                }).collect_view()}
            </tbody>
            <tfoot><tr data-testid="totals">
                <th scope="row">{Msg::Total.text(lang)} " (" {sums.rcis} ")"</th>
                <td colspan="3"></td>
                {Track::ALL.into_iter().map(|_| view! { <td></td> }).collect_view()}
                <td class="num">{sums.mean_overall} "% " <span class="muted small">{Msg::Mean.text(lang)}</span></td>
                <td class="num">{sums.baseline.to_string()} " → " {sums.reintegrated.to_string()}</td>
                <td class="num">{sums.follow_ups_overdue}</td>
                <td></td>
                <td class="small">{sums.with_risk.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!("{}: {n}", risk_label(k).text(lang))).collect::<Vec<_>>().join(" · ")}</td>
            </tr></tfoot>
        </table>
        </div>
    }
}

/// How many partners are in each stage: a bar per stage, drawn on the server.
#[component]
fn StageChart(rows: Vec<ComparisonRow>, lang: Lang) -> impl IntoView {
    let mut bars: Vec<(String, usize)> = Stage::ALL
        .into_iter()
        .map(|s| {
            let n = rows.iter().filter(|r| r.phase == Phase::In(s)).count();
            (format!("{}. {}", s.number(), s.title().get(lang)), n)
        })
        .collect();
    bars.push((
        Msg::Completed.text(lang).to_string(),
        rows.iter().filter(|r| r.phase == Phase::Completed).count(),
    ));
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let (w, row_h, label_w) = (420.0_f64, 26.0_f64, 190.0_f64);
    let h = row_h * bars.len() as f64 + 8.0;
    view! {
        <figure class="chart" data-testid="stage-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=Msg::ChartStages.text(lang)>
                {bars.iter().enumerate().map(|(i, (label, n))| {
                    let y = 4.0 + row_h * i as f64;
                    let bar = (w - label_w - 40.0) * *n as f64 / max;
                    view! {
                        <text x=label_w - 6.0 y=y + 17.0 class="tick" text-anchor="end">{label.clone()}</text>
                        <rect x=label_w y=y + 4.0 width=bar height=row_h - 8.0 class=format!("bar stage-{}", i + 1)/>
                        <text x=label_w + bar + 4.0 y=y + 17.0 class="tick" data-testid="stage-count">{*n}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{Msg::ChartStages.text(lang)}</figcaption>
        </figure>
    }
}

/// Children reintegrated in each of the last eight quarters, stacked by placement.
#[component]
fn QuarterChart(per_quarter: Vec<(Quarter, [u32; 5])>, lang: Lang) -> impl IntoView {
    let max = per_quarter
        .iter()
        .map(|(_, p)| p.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (w, h, pad) = (480.0_f64, 220.0_f64, 28.0_f64);
    let slot = (w - 2.0 * pad) / per_quarter.len().max(1) as f64;
    let y = move |v: f64| (h - pad) - (h - 2.0 * pad) * v / max;
    view! {
        <figure class="chart" data-testid="quarter-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=Msg::ChartPerQuarter.text(lang)>
                <line x1=pad y1=h - pad x2=w - pad y2=h - pad class="axis"/>
                <text x=4 y=pad class="tick">{max as u32}</text>
                {per_quarter.iter().enumerate().map(|(i, (q, parts))| {
                    let x = pad + slot * i as f64 + slot * 0.15;
                    let mut base = 0.0;
                    let segments = parts.iter().enumerate().filter(|(_, v)| **v > 0).map(|(k, v)| {
                        let top = base + f64::from(*v);
                        let rect = view! {
                            <rect x=x y=y(top) width=slot * 0.7 height=y(base) - y(top) class=format!("bar placement-{k}")>
                                <title>{format!("{q}: {} {v}", crate::counts::field_label(homeward_core::CountField::Reintegrated(Placement::ALL[k])).text(lang))}</title>
                            </rect>
                        };
                        base = top;
                        rect
                    }).collect_view();
                    view! {
                        {segments}
                        <text x=x + slot * 0.35 y=h - 8.0 class="tick" text-anchor="middle">{format!("Q{} {}", q.number, q.year % 100)}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                {Msg::ChartPerQuarter.text(lang)} ": "
                {Placement::ALL.into_iter().enumerate().map(|(k, p)| view! {
                    <span class=format!("key placement-{k}")>{crate::counts::field_label(homeward_core::CountField::Reintegrated(p)).text(lang)}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
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
            "?province=Siem%20Reap&stage=3&sort=overall&dir=desc"
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
