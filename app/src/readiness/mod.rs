//! Readiness (see `homeward_core::readiness`): an RCI's latest level, what changed, its levels
//! over time and the assessment form on its overview; the organisation's list of indicators on
//! its own admin page.

pub mod indicators;

use std::collections::HashMap;

use homeward_core::readiness::{
    answer_field, changes, note_field, About, Answer, Assessed, Indicator, Level, Recorded,
};
use homeward_core::Lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::components::ChartFrame;
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;
use crate::transformation::Kept;

/// Records a readiness assessment of an RCI the caller may edit, answering the indicators the
/// organisation asks today.
#[server(endpoint = "record_assessment")]
pub async fn record_assessment(
    rci_id: i64,
    change: HashMap<String, String>,
) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let asked = ctx.store.asked_indicators().await?;
    let assessment = homeward_core::readiness::parse_assessment(&change, &asked, ctx.today)?;
    let (id, _) = ctx
        .store
        .record_assessment(rci_id, &assessment, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Assessment);
    Ok(id)
}

/// A readiness level as a badge.
#[component]
pub fn LevelBadge(level: Level, lang: Lang) -> impl IntoView {
    view! {
        <span class=format!("badge level-{}", level.key()) data-level=level.key()>{level.label().text(lang)}</span>
    }
}

/// An indicator's words in the reader's language, by its key; the key itself for one no longer
/// in the list.
fn wording(list: &[Indicator], key: &homeward_core::ItemKey, lang: Lang) -> String {
    list.iter().find(|i| &i.key == key).map_or_else(
        || key.as_str().to_string(),
        |i| i.text.get(lang).to_string(),
    )
}

/// The RCI's readiness: the latest level, its day and change, what changed, levels over time,
/// and (for an editor) the form.
#[component]
pub fn ReadinessPanel(
    latest: Option<(Assessed, Option<Level>)>,
    assessed: Vec<Assessed>,
    last_two: Vec<Recorded>,
    indicators: Vec<Indicator>,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let word = |m: Msg| m.text(lang);
    let moved = match last_two.as_slice() {
        [latest, before, ..] => changes(&before.assessment, &latest.assessment),
        _ => vec![],
    };
    let summary = match latest {
        Some((a, before)) => view! {
            <p data-testid="readiness-level">
                <LevelBadge level=a.level lang/> " · " {word(Msg::AssessedOn)} " " <strong>{a.assessed_on.to_string()}</strong>
                {before.map(|b| view! { " · " {word(Msg::ReadinessBefore)} " " {b.label().text(lang)} })}
                {a.changed.map(|n| format!(" · {} {n}", word(Msg::AnswersChanged)))}
            </p>
        }
        .into_any(),
        None => view! { <p class="empty" data-testid="readiness-level">{word(Msg::NoAssessment)}</p> }.into_any(),
    };
    let changed = (!moved.is_empty()).then(|| {
        view! {
            <h3>{word(Msg::ReadinessChanges)}</h3>
            <ul class="records" data-testid="readiness-changes">
                {moved.into_iter().map(|c| view! {
                    <li>{wording(&indicators, &c.key, lang)} ": " {c.from.label().text(lang)} " → " <strong>{c.to.label().text(lang)}</strong></li>
                }).collect_view()}
            </ul>
        }
    });
    let asked: Vec<Indicator> = indicators.iter().filter(|i| !i.retired).cloned().collect();
    let last = last_two.into_iter().next();
    view! {
        <section class="panel readiness" id="readiness" data-testid="readiness">
            <h2>{word(Msg::ReadinessTitle)}</h2>
            <p class="muted">{word(Msg::ReadinessIntro)}</p>
            {summary}
            {changed}
            <LevelChart assessed=assessed.clone() lang/>
            {(!assessed.is_empty()).then(|| view! {
                <ul class="records" data-testid="assessments">
                    {assessed.iter().rev().map(|a| view! {
                        <li><strong>{a.assessed_on.to_string()}</strong> " · " <LevelBadge level=a.level lang/></li>
                    }).collect_view()}
                </ul>
            })}
            {cx.can_edit.then(|| view! { <AssessmentForm asked last cx/> })}
        </section>
    }
    .into_any()
}

/// Levels over time: one point per assessment on three rows, favourable at the top.
#[component]
fn LevelChart(assessed: Vec<Assessed>, lang: Lang) -> impl IntoView {
    if assessed.len() < 2 {
        return ().into_any();
    }
    let frame = ChartFrame {
        w: 600.0,
        h: 140.0,
        pad: 28.0,
    };
    let ChartFrame { w, h, pad } = frame;
    // Favourable 2, mixed 1, high risk 0: higher is readier.
    let height = |l: Level| match l {
        Level::Favourable => 2.0,
        Level::Mixed => 1.0,
        Level::HighRisk => 0.0,
    };
    let line = frame.points(assessed.iter().map(|a| height(a.level)), 2.0);
    let row = |l: Level| h - pad - (h - 2.0 * pad) * height(l) / 2.0;
    let first = assessed[0].assessed_on.to_string();
    let last = assessed[assessed.len() - 1].assessed_on.to_string();
    let title = Msg::ReadinessOverTime.text(lang);
    view! {
        <figure class="chart" data-testid="readiness-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=title>
                {Level::ALL.iter().map(|l| view! {
                    <line x1=pad y1=row(*l) x2=w - pad y2=row(*l) class="grid"/>
                    <text x=w - pad y=row(*l) - 4.0 class="tick" text-anchor="end">{l.label().text(lang)}</text>
                }).collect_view()}
                <text x=pad y=h - 8.0 class="tick">{first}</text>
                <text x=w - pad y=h - 8.0 class="tick" text-anchor="end">{last}</text>
                <polyline points=line class="series reintegrated"/>
            </svg>
            <figcaption>{title}</figcaption>
        </figure>
    }
    .into_any()
}

/// The assessment form: every indicator asked, grouped by whom it is about, each answered
/// present, absent or not known with a note; it starts from the last assessment's answers, so
/// only what changed needs marking. Refused, it keeps what was typed.
#[component]
fn AssessmentForm(asked: Vec<Indicator>, last: Option<Recorded>, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "record_assessment", "assessment");
    let (open, summary) = k.summary();
    let before = |i: &Indicator| {
        last.as_ref()
            .and_then(|r| r.assessment.answers.iter().find(|a| a.key == i.key))
            .map_or((Answer::Unknown, String::new()), |a| {
                (a.answer, a.note.as_str().to_string())
            })
    };
    let groups = About::ALL.iter().map(|about| {
        let group: Vec<&Indicator> = asked.iter().filter(|i| i.about == *about).collect();
        let fields = group.into_iter().map(|i| {
            let (answer, note) = before(i);
            let name = answer_field(&i.key);
            let chosen = k.value(&name, answer.key());
            let note_name = note_field(&i.key);
            let polarity = i.polarity;
            view! {
                <fieldset class="indicator" id=k.id(&name) data-indicator=i.key.as_str().to_string() data-polarity=polarity.key()>
                    <legend>{i.text.get(lang).to_string()} " " <span class="tag">{polarity.label().text(lang)}</span></legend>
                    {(!i.guidance.get(lang).is_empty()).then(|| view! { <p class="hint">{i.guidance.get(lang).to_string()}</p> })}
                    {k.message(&name)}
                    <div class="choices">
                        {Answer::ALL.iter().map(|a| view! {
                            <label class="choice">
                                <input type="radio" name=format!("change[{name}]") value=a.key() checked=chosen == a.key()/>
                                {a.label().text(lang)}
                            </label>
                        }).collect_view()}
                    </div>
                    {k.message(&note_name)}
                    <label class="note">{Msg::Notes.text(lang)}
                        <input type="text" id=k.id(&note_name) name=format!("change[{note_name}]") maxlength="2000" value=k.value(&note_name, note)/>
                    </label>
                </fieldset>
            }
        }).collect_view();
        view! {
            <h3>{about.label().text(lang)}</h3>
            {fields}
        }
    }).collect_view();
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddAssessment.text(lang)}</summary>
            <form method="post" action=RecordAssessment::url() class="stack assessment" data-testid="assessment-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <p class="hint">{Msg::AssessmentHint.text(lang)}</p>
                <label for=k.id("assessed_on")>{Msg::AssessmentDate.text(lang)}</label>
                {k.message("assessed_on")}
                <input id=k.id("assessed_on") type="date" name="change[assessed_on]" value=k.value("assessed_on", cx.today) required/>
                {groups}
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}
