//! The comparison's charts: partners per stage, children reintegrated per quarter.

use homeward_core::quarters::Quarter;
use homeward_core::{Lang, Phase, Placement, Stage};
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::labels::Label;

/// How many partners are in each stage: a bar per stage, drawn on the server.
#[component]
pub(crate) fn StageChart(phases: Vec<Phase>, lang: Lang) -> impl IntoView {
    let mut bars: Vec<(String, usize)> = Stage::ALL
        .into_iter()
        .map(|s| {
            let n = phases.iter().filter(|p| **p == Phase::In(s)).count();
            (format!("{}. {}", s.number(), s.title().get(lang)), n)
        })
        .collect();
    bars.push((
        Msg::Completed.text(lang).to_string(),
        phases.iter().filter(|p| **p == Phase::Completed).count(),
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
pub(super) fn QuarterChart(
    per_quarter: Vec<(Quarter, [u32; 5])>,
    /// Placements returned to residential care in each quarter, marked above its bar.
    reentries: Vec<u32>,
    lang: Lang,
) -> impl IntoView {
    let max = per_quarter
        .iter()
        .map(|(_, p)| p.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let reentry_word = Msg::ChartReentries.text(lang);
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
                                <title>{format!("{}: {} {v}", q.label(lang), homeward_core::CountField::Reintegrated(Placement::ALL[k]).label().text(lang))}</title>
                            </rect>
                        };
                        base = top;
                        rect
                    }).collect_view();
                    let back = reentries.get(i).copied().filter(|n| *n > 0).map(|n| view! {
                        <g class="reentries" data-reentries=n>
                            <circle cx=x + slot * 0.35 cy=y(base) - 12.0 r=9/>
                            <text x=x + slot * 0.35 y=y(base) - 8.0 text-anchor="middle">{n}</text>
                            <title>{format!("{}: {n} {reentry_word}", q.label(lang))}</title>
                        </g>
                    });
                    view! {
                        {segments}
                        {back}
                        <text x=x + slot * 0.35 y=h - 8.0 class="tick" text-anchor="middle">{match lang {
                            Lang::En => format!("Q{} {}", q.number, q.year % 100),
                            Lang::Km => homeward_core::calendar::khmer_digits(&format!("ត្រី{}/{:02}", q.number, q.year % 100)),
                        }}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                {Msg::ChartPerQuarter.text(lang)} ": "
                {Placement::ALL.into_iter().enumerate().map(|(k, p)| view! {
                    <span class=format!("key placement-{k}")>{homeward_core::CountField::Reintegrated(p).label().text(lang)}</span>
                }).collect_view()}
                <span class="key reentries">{reentry_word}</span>
            </figcaption>
        </figure>
    }
}
