//! Targets (see `homeward_core::targets`): each RCI's on its overview and each province's on the
//! comparison, with how each stands; only admins set or remove them, with one form for both.

use homeward_core::targets::{GoalKind, Judged, TargetInput, TargetStatus};
use homeward_core::{Lang, Province, Stage, Track};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::drafts::{field_message, ErrorSummary, Refused};
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;

/// Sets a target for an RCI: admins only (others who may read the RCI are told they may not).
#[server(endpoint = "set_rci_target")]
pub async fn set_rci_target(rci_id: i64, target: TargetInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::read(rci_id)?.setting_targets()?;
    let target = target.parse(ctx.today)?;
    let id = ctx
        .store
        .set_target(homeward_core::targets::Scope::Rci(rci_id), &target, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Target);
    Ok(id)
}

/// Sets a target for every partner of a province, judged on them added together: admins only.
#[server(endpoint = "set_province_target")]
pub async fn set_province_target(province: String, target: TargetInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::organisation()?.setting_targets()?;
    let province = Province::parse(&province).map_err(homeward_core::FieldError::at("province"))?;
    let target = target.parse(ctx.today)?;
    let id = ctx
        .store
        .set_target(
            homeward_core::targets::Scope::Province(province),
            &target,
            &ctx.by,
        )
        .await?;
    back_to_provinces("target");
    Ok(id)
}

/// Removes a target, an RCI's or a province's: admins only.
#[server(endpoint = "remove_target")]
pub async fn remove_target(id: i64) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::organisation()?.setting_targets()?;
    use homeward_core::targets::Scope;
    match ctx.store.remove_target(id, &ctx.by).await?.scope {
        Scope::Rci(rci) => crate::rcis::back_to_rci(rci, crate::rcis::Saved::TargetRemoved),
        Scope::Province(_) => back_to_provinces("target_removed"),
    }
    Ok(())
}

/// Back to the comparison's province roll-up, which confirms the save (`saved` is a
/// [`crate::rcis::Saved`] key).
#[cfg(feature = "ssr")]
fn back_to_provinces(saved: &str) {
    crate::server::redirect_saved_then("/compare", saved, "#provinces");
}

/// How a target stands, as a badge whose class carries the status.
#[component]
pub fn StatusBadge(status: TargetStatus, lang: Lang) -> impl IntoView {
    view! {
        <span class=format!("badge target-{}", status.key()) data-status=status.key()>{status.label().text(lang)}</span>
    }
}

/// A list of targets: each goal, its day, its status, and for an admin a button to remove it.
#[component]
pub fn TargetList(targets: Vec<Judged>, can_set: bool, lang: Lang) -> impl IntoView {
    view! {
        <ul class="records targets" data-testid="targets">
            {targets.into_iter().map(|j| view! {
                <li data-target=j.id>
                    <StatusBadge status=j.status lang/> " "
                    {j.target.goal.words().get(lang).to_string()} " · "
                    <span class="muted">{Msg::TargetBy.text(lang)} " " {j.target.due_on.to_string()}</span>
                    {can_set.then(|| view! {
                        <form method="post" action=RemoveTarget::url() class="inline">
                            <input type="hidden" name="id" value=j.id/>
                            <button type="submit" class="link" data-testid="remove-target">{Msg::RemoveTarget.text(lang)}</button>
                        </form>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// An RCI's targets on its overview, and the admin's form.
#[component]
pub fn TargetsPanel(
    targets: Vec<Judged>,
    can_set: bool,
    cx: crate::rcis::RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let refused = cx
        .refused
        .get_value()
        .filter(|r| r.is_of("set_rci_target", "rci_id", cx.rci_id));
    let empty = targets.is_empty();
    view! {
        <section class="panel targets-panel" data-testid="targets-panel">
            <h2>{Msg::TargetsTitle.text(lang)}</h2>
            {empty.then(|| view! { <p class="empty">{Msg::NoTargets.text(lang)}</p> })}
            <TargetList targets can_set lang/>
            {can_set.then(|| view! {
                <TargetForm action=SetRciTarget::url() scope=("rci_id", cx.rci_id.to_string()) refused today=cx.today lang/>
            })}
        </section>
    }
    .into_any()
}

/// The form that sets a target: a goal, its percent or stage when it needs one, its day. Every
/// field is shown, so it works without JavaScript; what was typed comes back with a refusal.
#[component]
pub fn TargetForm(
    action: &'static str,
    /// The hidden field naming whose target it is: `rci_id` or `province`.
    scope: (&'static str, String),
    refused: Option<Refused>,
    today: chrono::NaiveDate,
    lang: Lang,
) -> impl IntoView {
    let kept = |name: &str, otherwise: &str| {
        Refused::kept(refused.as_ref(), &format!("target[{name}]"), otherwise)
    };
    let goal = kept("goal", "");
    let stage = kept("stage", "");
    let (percent, due_on) = (kept("percent", ""), kept("due_on", ""));
    let message = |field: &str| field_message(refused.as_ref(), field, lang);
    let prefix = if scope.0 == "province" {
        "province-target"
    } else {
        "target"
    };
    let id = move |field: &str| format!("{prefix}-{field}");
    let summary = refused.clone().map(|refused| {
        view! { <ErrorSummary refused anchor=move |f: &str| format!("{prefix}-{f}") lang/> }
    });
    let province = (scope.0 == "province").then(|| {
        let chosen = kept("province", "");
        view! {
            <label for=id("province")>{Msg::ColProvince.text(lang)}</label>
            {message("province")}
            <select id=id("province") name="province" required>
                <option value="">"—"</option>
                {Province::all().map(|p| view! {
                    <option value=p.en() selected=p.en() == chosen>{p.name(lang)}</option>
                }).collect_view()}
            </select>
        }
    });
    let hidden = (scope.0 != "province")
        .then(|| view! { <input type="hidden" name=scope.0 value=scope.1.clone()/> });
    view! {
        <details class="edit" open=refused.is_some()>
            <summary>{Msg::SetTarget.text(lang)}</summary>
            <form method="post" action=action class="stack" data-testid=format!("{prefix}-form")>
                {summary}
                {hidden}
                {province}
                <label for=id("goal")>{Msg::TargetGoal.text(lang)}</label>
                {message("goal")}
                <select id=id("goal") name="target[goal]" required>
                    <option value="">"—"</option>
                    {GoalKind::ALL.into_iter().map(|k| view! {
                        <option value=k.key() selected=k.key() == goal>{k.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <label for=id("percent")>{Msg::TargetPercent.text(lang)}</label>
                <p class="hint">{Msg::TargetPercentHint.text(lang)}</p>
                {message("percent")}
                <input id=id("percent") type="number" min="1" max="100" inputmode="numeric" name="target[percent]" value=percent/>
                <label for=id("stage")>{Msg::StageN.text(lang)}</label>
                <p class="hint">{Msg::TargetStageHint.text(lang)}</p>
                {message("stage")}
                <select id=id("stage") name="target[stage]">
                    <option value="">"—"</option>
                    {Stage::ALL.into_iter().map(|s| {
                        let key = Track::Stage(s).key();
                        view! { <option value=key selected=key == stage>{format!("{} · {}", s.number(), s.title().get(lang))}</option> }
                    }).collect_view()}
                </select>
                <label for=id("due_on")>{Msg::TargetDue.text(lang)}</label>
                {message("due_on")}
                <input id=id("due_on") type="date" name="target[due_on]" min=today.to_string() value=due_on required/>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}
