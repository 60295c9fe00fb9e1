//! Reintegrations followed one by one (see `homeward_core::placements`): the RCI's figures (who is
//! followed, overdue, at risk, back in residential care, the 12-month re-entry rate), each
//! placement with how it is going, and the forms to record a placement and a visit to one.

use homeward_core::placements::{
    AgeBand, Followed, Outcome, PlacementFigures, PlacementInput, PlacementVisitInput,
};
use homeward_core::{FollowUpCadence, Placement, Stored};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::drafts::{field_message, ErrorSummary, Refused};
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;

/// Records a reintegration of an RCI the caller may edit, as a placement.
#[server(endpoint = "record_placement")]
pub async fn record_placement(rci_id: i64, placement: PlacementInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let placement = placement.parse(ctx.today)?;
    let id = ctx
        .store
        .record_placement(rci_id, &placement, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Placement);
    Ok(id)
}

/// Records a follow-up visit to one of the RCI's placements.
#[server(endpoint = "record_placement_visit")]
pub async fn record_placement_visit(
    rci_id: i64,
    placement_id: i64,
    visit: PlacementVisitInput,
) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let today = ctx.today;
    let id = ctx
        .store
        .record_placement_visit(rci_id, placement_id, |p| visit.parse(p, today), &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::PlacementVisit);
    Ok(id)
}

/// The RCI's placements: its figures, each placement, and the forms.
#[component]
pub fn PlacementsPanel(
    placements: Vec<Stored<Followed>>,
    figures: PlacementFigures,
    cadence: FollowUpCadence,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let word = |m: Msg| m.text(lang);
    let rate = figures.reentry_rate_12m.map_or_else(
        || word(Msg::RateUnknown).to_string(),
        |r| crate::labels::rate(r, lang),
    );
    let empty = placements.is_empty();
    view! {
        <section class="panel placements" data-testid="placements">
            <h2>{word(Msg::PlacementsTitle)}</h2>
            <p class="muted">{word(Msg::PlacementsIntro)}</p>
            <dl class="figures" data-testid="placement-figures">
                <div><dt>{word(Msg::PlacementsFollowed)}</dt><dd data-testid="followed">{figures.followed}</dd></div>
                <div><dt>{word(Msg::PlacementsOverdue)}</dt><dd data-testid="overdue">{figures.overdue}</dd></div>
                <div><dt>{word(Msg::PlacementsAtRisk)}</dt><dd data-testid="at-risk">{figures.at_risk}</dd></div>
                <div><dt>{word(Msg::PlacementsBreakdowns)}</dt><dd>{figures.breakdowns}</dd></div>
                <div><dt>{word(Msg::PlacementsReentries)}</dt><dd data-testid="reentries">{figures.reentries}</dd></div>
                <div><dt>{word(Msg::ReentryRate)}</dt><dd data-testid="reentry-rate">{rate}</dd></div>
            </dl>
            {empty.then(|| view! { <p class="empty">{word(Msg::NoPlacements)}</p> })}
            <ul class="placement-list">
                {placements.into_iter().map(|p| view! { <PlacementView p cadence cx/> }).collect_view()}
            </ul>
            {cx.can_edit.then(|| view! { <PlacementForm cx/> })}
        </section>
    }
    .into_any()
}

/// One placement: its code, when and where the children went, how it is going, when it is next
/// due; and, for an editor, the form to record a visit.
#[component]
fn PlacementView(p: Stored<Followed>, cadence: FollowUpCadence, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let id = p.id;
    let f = p.value;
    let placement = &f.placement;
    let state = match f.outcome_on(cx.today) {
        Some(o) => o.label().text(lang),
        None => Msg::AwaitingFirstVisit.text(lang),
    };
    let due = match (f.overdue_days(&cadence, cx.today), f.next_due(&cadence, cx.today)) {
        (Some(days), _) => Some(view! {
            <strong class="flag">{Msg::OverdueBy.text(lang).replace("{days}", &days.to_string())}</strong>
        }.into_any()),
        (None, Some(due)) => Some(view! { <span>{Msg::NextVisitDue.text(lang)} " " {due.to_string()}</span> }.into_any()),
        (None, None) => None,
    };
    let outcome = f.outcome_on(cx.today).map_or("none", |o| o.key());
    view! {
        <li class="placement" data-code=placement.code.to_string() data-outcome=outcome>
            <p>
                <strong translate="no">{placement.code.to_string()}</strong>
                " · " {placement.placed_on.to_string()}
                " · " {placement.kind.label().text(lang)}
                " · " {placement.children.text(lang)}
                " · " {placement.age_band.label().text(lang)}
            </p>
            <p class="small">
                <span class="state" data-testid="placement-state">{state}</span>
                {due.map(|d| view! { " · " {d} })}
            </p>
            {cx.can_edit.then(|| view! { <PlacementVisitForm placement_id=id cx/> })}
        </li>
    }
    .into_any()
}

/// Records a visit to one placement.
#[component]
fn PlacementVisitForm(placement_id: i64, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let refused = cx
        .refused
        .get_value()
        .filter(|r| r.is_of("record_placement_visit", "placement_id", placement_id));
    let kept = |name: &str, otherwise: String| {
        Refused::kept(refused.as_ref(), &format!("visit[{name}]"), otherwise)
    };
    let (visited_on, outcome) = (
        kept("visited_on", cx.today.to_string()),
        kept("outcome", String::new()),
    );
    let field = move |name: &str| format!("placement-{placement_id}-{name}");
    let messages = ["visited_on", "outcome"].map(|f| field_message(refused.as_ref(), f, lang));
    let [date_message, outcome_message] = messages;
    let open = refused.is_some();
    let summary = refused.map(|refused| view! { <ErrorSummary refused anchor=field lang/> });
    view! {
        <details class="edit" open=open>
            <summary>{Msg::RecordPlacementVisit.text(lang)}</summary>
            <form method="post" action=RecordPlacementVisit::url() class="stack">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <input type="hidden" name="placement_id" value=placement_id/>
                <label for=field("visited_on")>{Msg::VisitDate.text(lang)}</label>
                {date_message}
                <input id=field("visited_on") type="date" name="visit[visited_on]" value=visited_on required/>
                <label for=field("outcome")>{Msg::HowIsItGoing.text(lang)}</label>
                {outcome_message}
                <select id=field("outcome") name="visit[outcome]" required>
                    <option value="">"—"</option>
                    {Outcome::ALL.into_iter().map(|o| view! {
                        <option value=o.key() selected=o.key() == outcome>{o.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}

/// Records a new placement: a code (never a name), the day, where, how many, how old.
#[component]
fn PlacementForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let refused = cx
        .refused
        .get_value()
        .filter(|r| r.is_of("record_placement", "rci_id", cx.rci_id));
    let kept = |name: &str, otherwise: String| {
        Refused::kept(refused.as_ref(), &format!("placement[{name}]"), otherwise)
    };
    let code = kept("code", String::new());
    let placed_on = kept("placed_on", cx.today.to_string());
    let kind = kept("kind", String::new());
    let total = kept("children_total", String::new());
    let female = kept("children_female", "0".into());
    let age_band = kept("age_band", String::new());
    let field = |name: &str| format!("placement-{name}");
    let fields = [
        "code",
        "placed_on",
        "kind",
        "children_total",
        "children_female",
        "age_band",
    ];
    let [code_m, date_m, kind_m, total_m, female_m, age_m] =
        fields.map(|f| field_message(refused.as_ref(), f, lang));
    let open = refused.is_some();
    let summary = refused.map(|refused| view! { <ErrorSummary refused anchor=field lang/> });
    view! {
        <details class="edit add-placement" open=open>
            <summary>{Msg::AddPlacement.text(lang)}</summary>
            <form method="post" action=RecordPlacement::url() class="stack" data-testid="placement-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label for="placement-code">{Msg::CaseCode.text(lang)}</label>
                // The example is a code: the same in every language.
                <p class="muted small">{Msg::CaseCodeHint.text(lang)} " " <code translate="no">"BF-2026-07"</code></p>
                {code_m}
                <input id="placement-code" type="text" name="placement[code]" value=code required maxlength="20" autocomplete="off"/>
                <label for="placement-placed_on">{Msg::ReintegratedOn.text(lang)}</label>
                {date_m}
                <input id="placement-placed_on" type="date" name="placement[placed_on]" value=placed_on required/>
                <label for="placement-kind">{Msg::PlacementKind.text(lang)}</label>
                {kind_m}
                <select id="placement-kind" name="placement[kind]" required>
                    <option value="">"—"</option>
                    {Placement::ALL.into_iter().map(|p| view! {
                        <option value=p.key() selected=p.key() == kind>{p.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <div class="pair">
                    <label>{Msg::ChildrenPlaced.text(lang)} " (" {Msg::ColTotal.text(lang)} ")"
                        <input id="placement-children_total" type="number" min="1" inputmode="numeric" name="placement[children_total]" value=total required/>
                    </label>
                    <label>{Msg::ColGirls.text(lang)}
                        <input id="placement-children_female" type="number" min="0" inputmode="numeric" name="placement[children_female]" value=female required/>
                    </label>
                </div>
                {total_m}
                {female_m}
                <label for="placement-age_band">{Msg::AgeBandLabel.text(lang)}</label>
                {age_m}
                <select id="placement-age_band" name="placement[age_band]" required>
                    <option value="">"—"</option>
                    {AgeBand::ALL.into_iter().map(|b| view! {
                        <option value=b.key() selected=b.key() == age_band>{b.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}
