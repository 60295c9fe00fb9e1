//! The quarterly report the organisation sends to donors and the ministry: a summary of the
//! whole partner set, then one A4 page per RCI (stage progress, counts, follow-ups, tours and
//! trainings attended, programmes), in the page's language, printed from the browser.

use homeward_core::comparison::{ComparisonRow, ComparisonTotals};
use homeward_core::quarters::Quarter;
use homeward_core::{ChildrenCounts, CountField, Lang, Phase, Placement, SexCount};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::{PageTitle, PhaseLabel, ProgressBar};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::targets::StatusBadge;
use crate::transformation::money;
use homeward_core::transformation::Currency;

/// One RCI's page of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciReport {
    pub row: ComparisonRow,
    /// The latest counts on or before the quarter's last day.
    pub counts: Option<ChildrenCounts>,
    /// Children reintegrated during the quarter, by placement.
    pub reintegrated: [u32; 5],
    pub visits: usize,
    pub visited_children: SexCount,
    /// Tours and trainings during the quarter, with how the RCI took part.
    pub took_part: Vec<(String, String)>,
    /// Programmes: name, kind and status labels' keys, members.
    pub programmes: Vec<(String, String, SexCount)>,
}

/// The whole report; `summary` only for those who may compare partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterReport {
    /// The organisation whose report it is.
    pub organisation: String,
    pub quarter: Quarter,
    pub today: chrono::NaiveDate,
    pub totals: Option<ComparisonTotals>,
    pub rcis: Vec<RciReport>,
}

/// The report of `quarter` (e.g. `2026-Q4`) for every partner, or for one RCI. A director may
/// print only their own RCI's page.
#[server(endpoint = "quarterly_report")]
pub async fn quarterly_report(
    quarter: String,
    rci: Option<i64>,
) -> Result<QuarterReport, AppError> {
    use homeward_core::quarters::reintegrated_per_quarter;

    let ctx = match rci {
        Some(id) => crate::server::Ctx::read(id)?,
        None => crate::server::Ctx::organisation()?,
    };
    let quarter = Quarter::parse(&quarter).ok_or_else(|| AppError::invalid(Msg::BadQuarter))?;
    let (store, today) = (&ctx.store, ctx.today);
    let lang = crate::server::request_lang();
    let all = crate::compare::compared(store, &ctx.settings, today).await?;
    let mut rows: Vec<_> = all
        .rows
        .iter()
        .filter(|r| rci.is_none_or(|id| r.rci_id == id))
        .cloned()
        .collect();
    if rci.is_some() && rows.is_empty() {
        return Err(AppError::NotFound);
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let mut histories = store.all_counts_histories().await?;
    let mut visits = store
        .follow_ups_between(quarter.start(), quarter.end())
        .await?;
    let mut programmes = store.all_programmes().await?;
    let tours = store.tours().await?;
    let trainings = store.trainings().await?;
    // Each RCI's tours and trainings of the quarter, gathered in one pass over them (not every
    // tour for every RCI: thousands of each make that millions of checks).
    let mut took_part: std::collections::HashMap<i64, Vec<(String, String)>> =
        std::collections::HashMap::new();
    for t in tours
        .iter()
        .map(|t| &t.value)
        .filter(|t| quarter.overlaps(t.dates.start(), t.dates.end()))
    {
        let mut involved = t.visiting_rcis();
        involved.extend(&t.hosts);
        involved.sort_unstable();
        involved.dedup();
        for id in involved {
            let how = if t.hosts.contains(&id) {
                Msg::TourHosted
            } else {
                Msg::TourVisited
            };
            took_part
                .entry(id)
                .or_default()
                .push((t.title.to_string(), how.text(lang).to_string()));
        }
    }
    for t in trainings
        .iter()
        .map(|t| &t.value)
        .filter(|t| quarter.overlaps(t.dates.start(), t.dates.end()))
    {
        for (i, p) in t.participants.iter().enumerate() {
            // An RCI counted once per training, with its first row.
            if t.participants[..i].iter().any(|q| q.rci_id == p.rci_id) {
                continue;
            }
            took_part.entry(p.rci_id).or_default().push((
                t.title.to_string(),
                format!(
                    "{} · {}",
                    Msg::TrainingAttended.text(lang),
                    p.people.text(lang)
                ),
            ));
        }
    }
    let rcis = rows
        .iter()
        .map(|row| {
            let id = row.rci_id;
            let history = histories.remove(&id).unwrap_or_default();
            let its_visits = visits.remove(&id).unwrap_or_default();
            let took_part = took_part.remove(&id).unwrap_or_default();
            RciReport {
                row: row.clone(),
                counts: history.iter().rfind(|c| c.as_of <= quarter.end()).cloned(),
                reintegrated: reintegrated_per_quarter(std::slice::from_ref(&history), &[quarter])
                    [0]
                .1,
                visits: its_visits.len(),
                visited_children: its_visits
                    .iter()
                    .fold(SexCount::ZERO, |s, v| s.plus(v.children)),
                took_part,
                programmes: programmes
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| {
                        (
                            p.name.to_string(),
                            format!(
                                "{} · {}",
                                p.kind.label().text(lang),
                                p.status.label().text(lang)
                            ),
                            p.members,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(QuarterReport {
        organisation: crate::server::state()?.organisation,
        quarter,
        today,
        totals: rci
            .is_none()
            .then(|| homeward_core::comparison::totals(&rows)),
        rcis,
    })
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        let quarter = q.get("quarter").unwrap_or_else(|| {
            Quarter::of(homeward_core::calendar::cambodia_date(chrono::Utc::now())).key()
        });
        (quarter, q.get("rci").and_then(|r| r.parse::<i64>().ok()))
    };
    let report = Resource::new(params, |(quarter, rci)| quarterly_report(quarter, rci));
    view! {
        <PageTitle text=Msg::QuarterlyReport.text(lang)/>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(r) => view! { <ReportView report=r rci=params().1 lang/> }.into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(report: QuarterReport, rci: Option<i64>, lang: Lang) -> impl IntoView {
    let q = report.quarter;
    let choices = Quarter::of(report.today).last(8);
    let long = |d| homeward_core::calendar::long_date(d, lang);
    let period = format!(
        "{} ({} – {})",
        q.label(lang),
        long(q.start()),
        long(q.end())
    );
    let organisation = report.organisation.clone();
    view! {
        <div class="report" data-testid="report" data-lang=lang.code()>
            <form method="get" action="/report" class="filters no-print">
                {rci.map(|id| view! { <input type="hidden" name="rci" value=id/> })}
                <label>{Msg::Quarter.text(lang)}
                    <select name="quarter">
                        {choices.into_iter().rev().map(|c| view! { <option value=c.key() selected=c == q>{c.label(lang)}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit">{Msg::Apply.text(lang)}</button>
                <crate::islands::PrintButton label=Msg::Print.text(lang).to_string()/>
            </form>
            <header class="report-head">
                {(!report.organisation.is_empty()).then(|| view! {
                    <p class="organisation" translate="no" data-testid="report-organisation">{report.organisation.clone()}</p>
                })}
                <h1>{Msg::QuarterlyReport.text(lang)} " · " {period.clone()}</h1>
                <p class="muted">{Msg::ProgressAsOf.text(lang)} " " {long(report.today)}</p>
            </header>
            {report.totals.map(|t| view! { <ReportSummary totals=t rcis=report.rcis.clone() lang/> })}
            {report.rcis.into_iter().map(|r| {
                // Printed atop each partner's page: whose report, and which.
                let running = format!("{} · {}", Msg::QuarterlyReport.text(lang), q.label(lang));
                let organisation = organisation.clone();
                let dot = (!organisation.is_empty()).then_some(" · ");
                view! {
                    <RciPage r lang>
                        <p class="running print-only muted small">
                            <span translate="no">{organisation}</span>
                            {dot}
                            {running}
                        </p>
                    </RciPage>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn ReportSummary(totals: ComparisonTotals, rcis: Vec<RciReport>, lang: Lang) -> impl IntoView {
    let mut reintegrated = [0u32; 5];
    for r in &rcis {
        for (sum, n) in reintegrated.iter_mut().zip(r.reintegrated) {
            *sum += n;
        }
    }
    let visits: usize = rcis.iter().map(|r| r.visits).sum();
    let visited = rcis
        .iter()
        .fold(SexCount::ZERO, |s, r| s.plus(r.visited_children));
    let phases: Vec<Phase> = rcis.iter().map(|r| r.row.phase).collect();
    view! {
        <section class="panel report-summary" data-testid="report-summary">
            <h2>{Msg::AllPartners.text(lang)} " (" {totals.rcis} ")"</h2>
            <table class="data">
                <tbody>
                    <tr><th scope="row">{Msg::ColBaselineReintegrated.text(lang)}</th><td class="num">{totals.baseline.text(lang)} " → " {totals.reintegrated.text(lang)}</td></tr>
                    <tr><th scope="row">{Msg::ReintegratedThisQuarter.text(lang)}</th><td class="num" data-testid="reintegrated-quarter">{reintegrated.iter().sum::<u32>()}</td></tr>
                    <tr><th scope="row">{Msg::VisitsThisQuarter.text(lang)}</th><td class="num">{visits} " · " {visited.text(lang)}</td></tr>
                    <tr><th scope="row">{Msg::ColProgress.text(lang)} " (" {Msg::Mean.text(lang)} ")"</th><td class="num">{totals.mean_overall} "%"</td></tr>
                    <tr><th scope="row">{Msg::PartnersFollowUpsOverdue.text(lang)}</th><td class="num" data-testid="overdue-partners">{totals.follow_ups_overdue}</td></tr>
                    <tr><th scope="row">{Msg::ColChildrenAtRisk.text(lang)}</th><td class="num" data-testid="report-at-risk">{totals.children_at_risk}</td></tr>
                    <tr><th scope="row">{Msg::TargetsTitle.text(lang)}</th><td class="num" data-testid="report-targets">{format!("{}: {} · {}: {}", Msg::TargetOnTrack.text(lang), totals.targets_on_track, Msg::TargetOffTrack.text(lang), totals.targets_off_track)}</td></tr>
                </tbody>
            </table>
            <crate::compare::charts::StageChart phases lang/>
            // Every partner at a glance: what a manager reads first, before each partner's page.
            <div class="table-scroll">
            <table class="data glance" data-testid="report-glance">
                <caption>{Msg::AllPartners.text(lang)}</caption>
                <thead><tr>
                    <th scope="col">{Msg::ColRci.text(lang)}</th>
                    <th scope="col">{Msg::ColStage.text(lang)}</th>
                    <th scope="col">{Msg::ColProgress.text(lang)}</th>
                    <th scope="col">{Msg::ReintegratedThisQuarter.text(lang)}</th>
                    <th scope="col">{Msg::ColReentryRate.text(lang)}</th>
                    <th scope="col">{Msg::ColRisks.text(lang)}</th>
                </tr></thead>
                <tbody>
                    {rcis.iter().map(|r| view! {
                        <tr>
                            <th scope="row" translate="no">{r.row.name.clone()}</th>
                            <td><PhaseLabel phase=r.row.phase lang/></td>
                            <td class="num">{format!("{}%", r.row.overall)}</td>
                            <td class="num">{r.reintegrated.iter().sum::<u32>()}</td>
                            <td class="num">{r.row.reentry_rate_12m.map_or_else(|| "—".to_string(), |rate| crate::labels::rate(rate, lang))}</td>
                            // Each risk by its short name: one line a partner, so the summary stays one page.
                            <td class="small">{r.row.flags.iter().map(|f| f.kind().label().text(lang)).collect::<Vec<_>>().join(" · ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn RciPage(r: RciReport, lang: Lang, children: Children) -> impl IntoView {
    let row = r.row;
    let placements = Placement::ALL
        .into_iter()
        .zip(r.reintegrated)
        .filter(|(_, n)| *n > 0)
        .map(|(p, n)| format!("{} {n}", CountField::Reintegrated(p).label().text(lang)))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="report-rci" data-testid="report-rci" data-rci=row.rci_id>
            {children()}
            <h2><span translate="no">{row.name.clone()}</span> {row.name_km.clone().map(|km| view! { " · " <span lang="km">{km}</span> })}</h2>
            <p class="muted">{crate::labels::place(&row.province, lang)} {row.adviser.clone().map(|a| view! { " · " <span translate="no">{a}</span> })}</p>
            <p><PhaseLabel phase=row.phase lang/> " · " {Msg::ColProgress.text(lang)} " " <strong data-testid="report-overall">{row.overall} "%"</strong></p>
            <table class="data">
                <tbody>
                    {row.tracks.iter().map(|(t, p)| view! {
                        <tr>
                            <th scope="row">{t.title().get(lang).to_string()}</th>
                            <td><ProgressBar progress=homeward_core::Progress { done: u32::from(*p), applicable: 100 } label=t.title().get(lang).to_string()/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{Msg::CountsTitle.text(lang)}</h3>
            {match r.counts {
                Some(c) => view! {
                    <table class="data" data-testid="report-counts">
                        <tbody>
                            {CountField::ALL.into_iter().map(|f| view! {
                                <tr><th scope="row">{f.label().text(lang)}</th><td class="num">{c.get(f).text(lang)}</td></tr>
                            }).collect_view()}
                        </tbody>
                        <caption>{Msg::AsOf.text(lang)} " " {c.as_of.to_string()}</caption>
                    </table>
                }.into_any(),
                None => view! { <p class="empty">{Msg::NoCountsYet.text(lang)}</p> }.into_any(),
            }}
            <p>
                <strong>{Msg::ReintegratedThisQuarter.text(lang)} ": "</strong>
                {r.reintegrated.iter().sum::<u32>()} {(!placements.is_empty()).then(|| format!(" ({placements})"))}
            </p>
            <p><strong>{Msg::VisitsThisQuarter.text(lang)} ": "</strong>{r.visits} " · " {r.visited_children.text(lang)}</p>
            <p data-testid="report-reentry">
                <strong>{Msg::ColReentryRate.text(lang)} ": "</strong>
                {row.reentry_rate_12m.map_or_else(|| Msg::RateUnknown.text(lang).to_string(), |rate| crate::labels::rate(rate, lang))}
                " · " <strong>{Msg::ColChildrenAtRisk.text(lang)} ": "</strong>{row.children_at_risk}
            </p>
            <p data-testid="report-change">
                <strong>{Msg::ColStaffRedeployed.text(lang)} ": "</strong>{row.transformation.staff_redeployed.text(lang)}
                " · " <strong>{Msg::AssetsRepurposed.text(lang)} ": "</strong>{row.transformation.assets_repurposed}
                " · " <strong>{Msg::FundingRedirected.text(lang)} ": "</strong>
                {format!("{} · {}", money(row.transformation.funding_usd, Currency::Usd, lang), money(row.transformation.funding_khr, Currency::Khr, lang))}
            </p>
            <p data-testid="report-standing">
                <strong>{Msg::ColMouExpires.text(lang)} ": "</strong>{row.mou_expires_on.map_or_else(|| "—".to_string(), |d| d.to_string())}
                " · " <strong>{Msg::ColLastInspection.text(lang)} ": "</strong>
                {row.last_inspection.map_or_else(|| "—".to_string(), |(d, o)| format!("{d} · {}", o.label().text(lang)))}
                " · " <strong>{Msg::ReadinessLevel.text(lang)} ": "</strong>
                <span data-testid="report-readiness">{row.readiness.map_or_else(|| Msg::NotAssessed.text(lang).to_string(), |(d, l)| format!("{} · {d}", l.label().text(lang)))}</span>
            </p>
            <p data-testid="report-targets">
                <strong>{Msg::TargetsTitle.text(lang)} ": "</strong>
                {row.targets.is_empty().then(|| Msg::NoTargets.text(lang))}
                {row.targets.iter().map(|t| view! { <StatusBadge status=*t lang/> " " }).collect_view()}
            </p>
            <p><strong>{Msg::ColRisks.text(lang)} ": "</strong><crate::components::Flags flags=row.flags.clone() lang/></p>
            <h3>{Msg::TookPartTitle.text(lang)}</h3>
            {r.took_part.is_empty().then(|| view! { <p class="empty">{Msg::NothingThisQuarter.text(lang)}</p> })}
            <ul>{r.took_part.into_iter().map(|(title, how)| view! { <li><span translate="no">{title}</span> " · " {how}</li> }).collect_view()}</ul>
            <h3>{Msg::ProgrammesTitle.text(lang)}</h3>
            {r.programmes.is_empty().then(|| view! { <p class="empty">{Msg::NoProgrammes.text(lang)}</p> })}
            <ul>{r.programmes.into_iter().map(|(name, what, members)| view! { <li><span translate="no">{name}</span> " · " {what} " · " {members.text(lang)}</li> }).collect_view()}</ul>
        </section>
    }
    .into_any()
}
