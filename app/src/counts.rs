//! Children counts: the latest pipeline (sex-disaggregated), how it changed over time, and the
//! form that records a new dated snapshot.

use std::collections::HashMap;

use homeward_core::{ChildrenCounts, CountField, Lang, Placement, SexCount};
use leptos::prelude::*;

use crate::components::{field_error, form_error, ChartFrame};
use crate::drafts::{ErrorSummary, Refused};
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;

/// Records a dated snapshot of an RCI's pipeline. The core's invariants decide; the error names
/// the number to fix.
#[server(endpoint = "record_counts")]
pub async fn record_counts(rci_id: i64, counts: HashMap<String, String>) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let counts = ChildrenCounts::from_form(&counts, ctx.today)?;
    let id = ctx
        .store
        .record_counts(rci_id, counts, &ctx.by, ctx.today)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Counts);
    Ok(id)
}

/// The column heads of a counts table: total and girls.
#[component]
fn CountsHead(lang: Lang) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th></th>
                <th scope="col">{Msg::ColTotal.text(lang)}</th>
                <th scope="col">{Msg::ColGirls.text(lang)}</th>
            </tr>
        </thead>
    }
}

/// The form for a new snapshot, filled in with the latest one so only changes need typing.
#[component]
pub fn CountsForm(latest: Option<ChildrenCounts>, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let record = ServerAction::<RecordCounts>::new();
    let value = Signal::derive(move || record.value().get());
    let base = latest.unwrap_or_else(|| ChildrenCounts::empty(cx.today));
    // Refused, the form comes back open at its error summary with what was typed.
    let refused = cx
        .refused
        .get_value()
        .filter(|r| r.is_of("record_counts", "rci_id", cx.rci_id));
    let kept = {
        let refused = refused.clone();
        move |name: &str, otherwise: String| {
            Refused::kept(refused.as_ref(), &format!("counts[{name}]"), otherwise)
        }
    };
    let anchor = |field: &str| format!("counts-{field}");
    let as_of = kept("as_of", cx.today.to_string());
    let open = refused.is_some();
    let summary = refused.map(|refused| view! { <ErrorSummary refused anchor lang/> });
    let rows = CountField::ALL.into_iter().map(move |field| {
        let (total, female) = field.form_names();
        let current = base.get(field);
        view! {
            <tr>
                <th scope="row">{field.label().text(lang)}</th>
                <td>
                    <input type="number" min="0" inputmode="numeric" required id=anchor(&total)
                        name=format!("counts[{total}]") value=kept(&total, current.total().to_string())
                        aria-label=format!("{} ({})", field.label().text(lang), Msg::ColTotal.text(lang))/>
                    {field_error(value, total.clone())}
                </td>
                <td>
                    <input type="number" min="0" inputmode="numeric" required id=anchor(&female)
                        name=format!("counts[{female}]") value=kept(&female, current.female().to_string())
                        aria-label=format!("{} ({})", field.label().text(lang), Msg::ColGirls.text(lang))/>
                    {field_error(value, female.clone())}
                </td>
            </tr>
        }
    });
    view! {
        <details class="edit counts-edit" open=open>
            <summary>{Msg::RecordCounts.text(lang)}</summary>
            <ActionForm action=record attr:class="stack" attr:data-testid="counts-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label>{Msg::CountsDate.text(lang)}
                    <input id="counts-as_of" type="date" name="counts[as_of]" value=as_of required/>
                </label>
                {field_error(value, "as_of")}
                <table class="counts-table">
                    <CountsHead lang/>
                    <tbody>{rows.collect_view()}</tbody>
                </table>
                {field_error(value, "reintegrated_total")}
                {field_error(value, "reintegrated_female")}
                <button type="submit">{Msg::Save.text(lang)}</button>
                {form_error(value, lang)}
            </ActionForm>
        </details>
    }
}

/// Children reintegrated and still in care at each snapshot: a server-rendered SVG line chart,
/// readable before (and without) WebAssembly, with the numbers in a table for screen readers.
#[component]
pub fn CountsChart(history: Vec<ChildrenCounts>, lang: Lang) -> impl IntoView {
    if history.len() < 2 {
        return ().into_any();
    }
    let frame = ChartFrame {
        w: 600.0,
        h: 180.0,
        pad: 28.0,
    };
    let ChartFrame { w, h, pad } = frame;
    let max = history
        .iter()
        .map(|c| c.in_care_ever().total())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let line = |value: fn(&ChildrenCounts) -> u32| {
        frame.points(history.iter().map(|c| f64::from(value(c))), max)
    };
    let reintegrated = line(|c| c.reintegrated_total().total());
    let in_care = line(|c| c.still_in_care().total());
    let first = history
        .first()
        .map(|c| c.as_of.to_string())
        .unwrap_or_default();
    let last = history
        .last()
        .map(|c| c.as_of.to_string())
        .unwrap_or_default();
    view! {
        <figure class="chart" data-testid="counts-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=Msg::CountsOverTime.text(lang)>
                <line x1=pad y1=h - pad x2=w - pad y2=h - pad class="axis"/>
                <text x=pad y=h - 8.0 class="tick">{first}</text>
                <text x=w - pad y=h - 8.0 class="tick" text-anchor="end">{last}</text>
                <text x=4 y=pad class="tick">{max as u32}</text>
                <polyline points=in_care class="series in-care"/>
                <polyline points=reintegrated class="series reintegrated"/>
            </svg>
            <figcaption>
                <span class="key in-care">{Msg::CountStillInCare.text(lang)}</span>
                <span class="key reintegrated">{Msg::CountReintegrated.text(lang)}</span>
            </figcaption>
            <div class="sr-only">
            <table>
                <caption>{Msg::CountsOverTime.text(lang)}</caption>
                <tbody>
                    {history
                        .iter()
                        .map(|c| view! {
                            <tr>
                                <th scope="row">{c.as_of.to_string()}</th>
                                <td>{c.reintegrated_total().text(lang)}</td>
                                <td>{c.still_in_care().text(lang)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            </div>
        </figure>
    }
    .into_any()
}

#[component]
pub fn CountsPanel(counts: Option<ChildrenCounts>, lang: Lang) -> impl IntoView {
    let Some(counts) = counts else {
        return view! {
            <section class="counts">
                <h2>{Msg::ChildrenTitle.text(lang)}</h2>
                <p class="empty">{Msg::NoCounts.text(lang)}</p>
            </section>
        }
        .into_any();
    };
    let row = |label: Msg, value: SexCount, class: &'static str| {
        view! {
            <tr class=class>
                <th scope="row">{label.text(lang)}</th>
                <td>{value.total()}</td>
                <td>{value.female()}</td>
            </tr>
        }
    };
    let pipeline = [
        CountField::Baseline,
        CountField::Admissions,
        CountField::Assessed,
        CountField::Traced,
        CountField::Prepared,
        CountField::ReintegratedTotal,
    ];
    view! {
        <section class="counts">
            <h2>{Msg::ChildrenTitle.text(lang)}</h2>
            <p class="muted">{Msg::CountsAsOf.text(lang)} " " {counts.as_of.format("%Y-%m-%d").to_string()}</p>
            <table class="counts-table" data-testid="counts">
                <CountsHead lang/>
                <tbody>
                    {pipeline.into_iter().map(|f| row(f.label(), counts.get(f), "")).collect_view()}
                    {Placement::ALL
                        .into_iter()
                        .map(|p| {
                            let f = CountField::Reintegrated(p);
                            row(f.label(), counts.get(f), "sub")
                        })
                        .collect_view()}
                    {row(Msg::CountStillInCare, counts.still_in_care(), "total")}
                </tbody>
            </table>
            <p class="muted small">{Msg::PrivacyNote.text(lang)}</p>
        </section>
    }
    .into_any()
}
