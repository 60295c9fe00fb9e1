//! The comparison page: filters, one page of the partners that match, and the totals of them all.

use crate::transformation::grouped;
use homeward_core::comparison::{ComparisonRow, ComparisonTotals, ProvinceRow, Sort, SortKey};
use homeward_core::quarters::Quarter;
use homeward_core::readiness::Level;
use homeward_core::targets::TargetStatus;
use homeward_core::transformation::Currency;
use homeward_core::{Lang, Phase, RiskKind, Stage, Track};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::charts::{QuarterChart, StageChart};
use super::*;
use crate::components::{Flags, PageTitle, Pager, PhaseLabel};
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use homeward_core::paging::Page;

#[component]
pub fn ComparePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let state = move || CompareQuery::from_query(|k| query.read().get(k));
    // A province's target form refused comes back with what was typed.
    let draft = crate::drafts::draft_resource();
    let url_refusal = use_context::<leptos::server::ServerActionError>();
    let saved = query
        .read_untracked()
        .get("saved")
        .filter(|s| s == "target" && url_refusal.is_none());
    view! {
        {saved.map(|_| view! { <p class="saved banner" role="status" data-testid="notice">{Msg::TargetSaved.text(lang)}</p> })}
        <PageTitle text=Msg::CompareTitle.text(lang)/>
        <h1>{Msg::CompareTitle.text(lang)}</h1>
        <p class="muted no-print">{Msg::CompareIntro.text(lang)}</p>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || { let url_refusal = url_refusal.clone(); Suspend::new(async move {
                let refused = crate::drafts::Refused::of(draft.await, url_refusal)
                    .filter(|r| r.draft.endpoint == "set_province_target");
                let q = state();
                let data = match compare_partners(Some(q.query_at(q.page.clone()))).await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let filters = view! { <CompareFilters choices=data.choices q=q.clone() lang/> };
                let q_map = q.clone();
                let measure = super::map::Measure::parse(query.read_untracked().get("map").as_deref());
                let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
                view! {
                    {filters}
                    <div class="charts">
                        <StageChart phases=data.phases lang/>
                        <QuarterChart per_quarter=data.per_quarter reentries=data.reentries_per_quarter lang/>
                    </div>
                    <CompareTable rows=data.rows sums=data.totals page=data.page q lang/>
                    <ProvinceRollup rows=data.provinces can_set=data.sets_targets refused today q=q_map measure lang/>
                }
                .into_any()
            })}}
        </Suspense>
    }
}

#[component]
fn CompareFilters(choices: Choices, q: CompareQuery, lang: Lang) -> impl IntoView {
    let Choices {
        provinces,
        advisers,
    } = choices;
    let f = q.filter.clone();
    // Provinces are named in the reader's language; advisers' names as they are.
    let options = |values: Vec<String>, chosen: Option<String>, places: bool| {
        values
            .into_iter()
            .map(|v| {
                let selected = chosen.as_deref() == Some(v.as_str());
                let label = if places {
                    crate::labels::place(&v, lang)
                } else {
                    v.clone()
                };
                // Advisers' names are as typed.
                view! { <option value=v selected=selected translate=(!places).then_some("no")>{label}</option> }
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
                    {options(provinces, f.province.clone(), true)}
                </select>
            </label>
            <label>{Msg::Adviser.text(lang)}
                <select name="adviser">
                    <option value="">{Msg::AllAdvisers.text(lang)}</option>
                    {options(advisers, f.adviser.clone(), false)}
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
                    {RiskKind::ALL.into_iter().map(|r| view! {
                        <option value=r.key() selected=f.risk.as_deref() == Some(r.key())>{r.label().text(lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{Msg::TargetsTitle.text(lang)}
                <select name="target">
                    <option value="">{Msg::AnyTarget.text(lang)}</option>
                    {TargetStatus::ALL.into_iter().map(|t| view! {
                        <option value=t.key() selected=f.target == Some(t)>{t.label().text(lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{Msg::ReadinessLevel.text(lang)}
                <select name="readiness">
                    <option value="">{Msg::AnyReadiness.text(lang)}</option>
                    {Level::ALL.iter().map(|l| view! {
                        <option value=l.key() selected=f.readiness == Some(*l)>{l.label().text(lang)}</option>
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
    .into_any()
}

#[component]
fn CompareTable(
    rows: Vec<ComparisonRow>,
    sums: ComparisonTotals,
    page: Page,
    q: CompareQuery,
    lang: Lang,
) -> impl IntoView {
    let (previous, next) = (
        page.previous().map(|n| q.page_href(n)),
        page.next().map(|n| q.page_href(n)),
    );
    // Above the table and below it: the way on is where the reader's eye is.
    let pager = move || {
        view! {
            <Pager
                number=page.number
                pages=Some(page.pages)
                previous=previous.clone()
                next=next.clone()
                words=(Msg::PreviousPage, Msg::NextPage)
                label=Msg::PagesOfPartners.text(lang)
                lang
            />
        }
    };
    let shown = if page.pages > 1 {
        format!(
            "{}–{} {} {}",
            page.start + 1,
            page.end,
            Msg::OfTotal.text(lang),
            page.total
        )
    } else {
        page.total.to_string()
    };
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
    // Shared, not copied, into every row's six cells.
    let track_titles: Vec<std::sync::Arc<str>> = Track::ALL
        .iter()
        .map(|t| t.title().get(lang).into())
        .collect();
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
    view! {
        <p class="muted" data-testid="shown">{format!("{shown} {}", Msg::ShowingCount.text(lang))}</p>
        {pager()}
        {empty.then(|| view! { <p class="empty">{Msg::NoPartnersMatch.text(lang)}</p> })}
        <div class="table-scroll compare-scroll" data-testid="compare-scroll">
        <table class="data compare" data-testid="compare">
            // What a manager compares first (stage, progress, risks) comes first, in view at
            // 1,280 px; each track's progress and the counts follow.
            <thead><tr>
                {head(SortKey::Name, Msg::ColRci.text(lang).into())}
                {head(SortKey::Stage, Msg::ColStage.text(lang).into())}
                {head(SortKey::Overall, Msg::ColProgress.text(lang).into())}
                {head(SortKey::Risks, Msg::ColRisks.text(lang).into())}
                {head(SortKey::Province, Msg::ColProvince.text(lang).into())}
                {head(SortKey::Adviser, Msg::Adviser.text(lang).into())}
                {Track::ALL.into_iter().map(|t| head(SortKey::Track(t), t.title().get(lang).to_string())).collect_view()}
                {head(SortKey::Reintegrated, Msg::ColBaselineReintegrated.text(lang).into())}
                {head(SortKey::ReentryRate, Msg::ColReentryRate.text(lang).into())}
                {head(SortKey::AtRisk, Msg::ColChildrenAtRisk.text(lang).into())}
                {head(SortKey::StaffRedeployed, Msg::ColStaffRedeployed.text(lang).into())}
                {head(SortKey::AssetsRepurposed, Msg::AssetsRepurposed.text(lang).into())}
                {head(SortKey::Funding(Currency::Usd), Msg::ColFundingUsd.text(lang).into())}
                {head(SortKey::Funding(Currency::Khr), Msg::ColFundingKhr.text(lang).into())}
                {head(SortKey::TargetsOnTrack, Msg::ColTargetsOnTrack.text(lang).into())}
                {head(SortKey::TargetsOffTrack, Msg::ColTargetsOffTrack.text(lang).into())}
                {head(SortKey::MouExpires, Msg::ColMouExpires.text(lang).into())}
                {head(SortKey::LastInspection, Msg::ColLastInspection.text(lang).into())}
                {head(SortKey::Readiness, Msg::ReadinessLevel.text(lang).into())}
                {head(SortKey::FollowUpsOverdue, Msg::ColFollowUpsOverdue.text(lang).into())}
                {head(SortKey::DaysSinceUpdate, Msg::ColDaysSinceUpdate.text(lang).into())}
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    // Each cell's text in one piece: no hydration markers between its parts, in
                    // a table of hundreds of rows.
                    let rate = r.reentry_rate_12m.map_or_else(|| "—".to_string(), |rate| crate::labels::rate(rate, lang));
                    let (on_track, off_track) = (r.targets_on_track(), r.targets_off_track());
                    let mou = r.mou_expires_on.map_or_else(|| "—".to_string(), |d| d.to_string());
                    let inspection = r.last_inspection.map_or_else(|| "—".to_string(), |(d, o)| format!("{d} · {}", o.label().text(lang)));
                    let readiness = r.readiness.map_or_else(|| Msg::NotAssessed.text(lang).to_string(), |(d, l)| format!("{} · {d}", l.label().text(lang)));
                    let level = r.readiness.map(|(_, l)| l.key());
                    let days = (r.phase != Phase::Completed).then(|| format!(" · {} {}", r.days_in_phase, Msg::Days.text(lang)));
                    view! {
                    <tr data-rci=r.rci_id>
                        <th scope="row"><a href=format!("/rcis/{}", r.rci_id) translate="no">{r.name}</a></th>
                        <td data-label=Msg::ColStage.text(lang)>
                            <PhaseLabel phase=r.phase lang/>
                            {days.map(|d| view! { <span class="muted small">{d}</span> })}
                            {r.awaiting_sign_off.then(|| view! { <span class="pill awaiting-sign-off" data-testid="awaiting-sign-off">{Msg::AwaitingSignOff.text(lang)}</span> })}
                        </td>
                        <td class="num overall" data-label=Msg::ColProgress.text(lang)><strong>{format!("{}%", r.overall)}</strong></td>
                        <td class="risks" data-label=Msg::ColRisks.text(lang)><Flags flags=r.flags lang/></td>
                        <td class="province" data-label=Msg::ColProvince.text(lang)>{crate::labels::place(&r.province, lang)}</td>
                        <td data-label=Msg::Adviser.text(lang) translate="no">{r.adviser.unwrap_or_else(|| "—".into())}</td>
                        {r.tracks.iter().zip(&track_titles).map(|((_, p), title)| view! {
                            <td class="num" data-label=title.clone()><meter min="0" max="100" value=*p aria-hidden="true"></meter><span class="small">{format!("{p}%")}</span></td>
                        }).collect_view()}
                        <td class="num" data-label=Msg::ColBaselineReintegrated.text(lang)>{format!("{} → {}", r.baseline.text(lang), r.reintegrated.text(lang))}</td>
                        <td class="num reentry" data-label=Msg::ColReentryRate.text(lang)>{rate}</td>
                        <td class="num at-risk" data-label=Msg::ColChildrenAtRisk.text(lang)>{r.children_at_risk}</td>
                        <td class="num staff" data-label=Msg::ColStaffRedeployed.text(lang)>{r.transformation.staff_redeployed.text(lang)}</td>
                        <td class="num assets" data-label=Msg::AssetsRepurposed.text(lang)>{r.transformation.assets_repurposed}</td>
                        <td class="num funding-usd" data-label=Msg::ColFundingUsd.text(lang)>{grouped(r.transformation.funding_usd)}</td>
                        <td class="num funding-khr" data-label=Msg::ColFundingKhr.text(lang)>{grouped(r.transformation.funding_khr)}</td>
                        <td class="num targets-on" data-label=Msg::ColTargetsOnTrack.text(lang)>{on_track}</td>
                        <td class="num targets-off" data-label=Msg::ColTargetsOffTrack.text(lang)>{off_track}</td>
                        <td class="num mou" data-label=Msg::ColMouExpires.text(lang)>{mou}</td>
                        <td class="inspection" data-label=Msg::ColLastInspection.text(lang)>{inspection}</td>
                        <td class="readiness" data-level=level data-label=Msg::ReadinessLevel.text(lang)>{readiness}</td>
                        <td class="num" data-label=Msg::ColFollowUpsOverdue.text(lang)>{opt(r.follow_ups_overdue_days)}</td>
                        <td class="num" data-label=Msg::ColDaysSinceUpdate.text(lang)>{opt(r.days_since_update)}</td>
                    </tr>
                    }
                }).collect_view()}
            </tbody>
            <tfoot><tr data-testid="totals">
                <th scope="row">{format!("{} ({})", Msg::Total.text(lang), sums.rcis)}</th>
                <td></td>
                <td class="num">{sums.mean_overall} "% " <span class="muted small">{Msg::Mean.text(lang)}</span></td>
                <td class="small">{sums.with_risk.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!("{}: {n}", k.label().text(lang))).collect::<Vec<_>>().join(" · ")}</td>
                <td colspan="2"></td>
                {Track::ALL.into_iter().map(|_| view! { <td></td> }).collect_view()}
                <td class="num">{sums.baseline.text(lang)} " → " {sums.reintegrated.text(lang)}</td>
                <td></td>
                <td class="num" data-testid="children-at-risk">{sums.children_at_risk}</td>
                <td class="num" data-testid="staff-redeployed">{sums.transformation.staff_redeployed.text(lang)}</td>
                <td class="num" data-testid="assets-repurposed">{sums.transformation.assets_repurposed}</td>
                <td class="num" data-testid="funding-usd">{grouped(sums.transformation.funding_usd)}</td>
                <td class="num" data-testid="funding-khr">{grouped(sums.transformation.funding_khr)}</td>
                <td class="num" data-testid="targets-on-track">{sums.targets_on_track}</td>
                <td class="num" data-testid="targets-off-track">{sums.targets_off_track}</td>
                <td colspan="3"></td>
                <td class="num" data-testid="overdue-partners">{sums.follow_ups_overdue} " " <span class="muted small">{Msg::PartnersCounted.text(lang)}</span></td>
                <td></td>
            </tr></tfoot>
        </table>
        </div>
        {pager()}
    }
    .into_any()
}

/// Each province's partners added up, with the targets set for the province and, for an admin,
/// the form to set one.
#[component]
fn ProvinceRollup(
    rows: Vec<ProvinceRow>,
    can_set: bool,
    refused: Option<crate::drafts::Refused>,
    today: chrono::NaiveDate,
    q: CompareQuery,
    measure: super::map::Measure,
    lang: Lang,
) -> impl IntoView {
    use crate::targets::{SetProvinceTarget, TargetForm, TargetList};
    use leptos::server_fn::ServerFn;
    let map = view! { <super::map::ProvinceMap rows=rows.clone() q=q.clone() measure lang/> };
    view! {
        <section class="panel provinces" id="provinces" data-testid="provinces">
            <h2>{Msg::ProvincesTitle.text(lang)}</h2>
            <p class="muted">{Msg::ProvincesIntro.text(lang)}</p>
            {map}
            <div class="table-scroll">
            <table class="data">
                <thead><tr>
                    <th scope="col">{Msg::ColProvince.text(lang)}</th>
                    <th scope="col">{Msg::ColPartnersCount.text(lang)}</th>
                    <th scope="col">{Msg::ColInCare.text(lang)}</th>
                    <th scope="col">{Msg::ColInFamilies.text(lang)}</th>
                    <th scope="col">{Msg::ColTargetsMet.text(lang)}</th>
                    <th scope="col">{Msg::ProvinceTargets.text(lang)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|p| {
                        // The same link as the map's: a tap target for provinces too small to tap there.
                        let mut chosen = q.clone();
                        chosen.filter.province = Some(p.province.clone());
                        let href = format!("/compare{}#provinces", super::map::with_measure(chosen.query(), measure));
                        view! {
                        <tr data-province=p.province.clone()>
                            <th scope="row"><a href=href>{crate::labels::place(&p.province, lang)}</a></th>
                            <td class="num rcis">{p.rcis}</td>
                            <td class="num in-care">{p.in_care}</td>
                            <td class="num in-families">{p.in_families}</td>
                            <td class="num targets-met">{format!("{} / {}", p.targets_met, p.targets)}</td>
                            <td>{(!p.own.is_empty()).then(|| view! { <TargetList targets=p.own can_set lang/> })}</td>
                        </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            {can_set.then(|| view! {
                <TargetForm action=SetProvinceTarget::url() scope=("province", String::new()) refused today lang/>
            })}
        </section>
    }
    .into_any()
}
