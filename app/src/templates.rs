//! The organisation's checklist template, edited by an admin: steps added to any track, worded
//! in both languages, explained, moved and retired; and the template's changes applied to
//! existing RCIs, one at a time or all at once, after seeing what would change.

use homeward_core::templates::{Standing, StepInput};
use homeward_core::{Lang, Track};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use crate::components::{query_string, refusal, PageTitle, PhaseLabel, TextArea};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

/// Where the page is.
pub const PATH: &str = "/admin/template";

/// One step as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub key: String,
    pub version: i64,
    pub track: String,
    pub words: StepInput,
    pub retired: bool,
}

/// What applying the template would change for one RCI, worded for the reader, and where it
/// leaves the RCI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciUpdates {
    pub rci_id: i64,
    pub name: String,
    pub changes: Vec<String>,
    pub before: Standing,
    pub after: Standing,
    pub moves_back: bool,
}

/// A step an admin is about to retire, and how many RCIs would hide it when the template is
/// next applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retiring {
    pub step: StepView,
    pub hides: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub steps: Vec<StepView>,
    /// The template's stamp: applying is refused if the template changed since.
    pub stamp: i64,
    /// How new steps land in finished stages (`open` or `not_applicable`), and why.
    pub landing: String,
    pub reason: String,
    pub updates: Vec<RciUpdates>,
    pub retiring: Option<Retiring>,
}

/// The landing an admin chose; while none is chosen, new steps in finished stages are not
/// applicable, for a reason worded in the reader's language, so that nobody moves back unasked.
#[cfg(feature = "ssr")]
fn landing_of(
    landing: Option<String>,
    reason: Option<String>,
    lang: Lang,
) -> Result<homeward_core::templates::Landing, AppError> {
    let reason = reason.unwrap_or_else(|| Msg::TemplateLandingReason.text(lang).to_string());
    Ok(homeward_core::templates::Landing::parse(
        landing.as_deref().unwrap_or("not_applicable"),
        &reason,
    )?)
}

/// The template, what applying it would change in each RCI with new steps landing as chosen,
/// and the step about to be retired, if any (admins only).
#[server(endpoint = "template_data")]
pub async fn template_data(
    landing: Option<String>,
    reason: Option<String>,
    retire: Option<String>,
) -> Result<TemplateView, AppError> {
    use homeward_core::templates::{Landing, StepUpdate};
    let ctx = crate::server::Ctx::admin()?;
    let lang = crate::server::request_lang();
    let landing = landing_of(landing, reason, lang)?;
    let stored = ctx.store.template_steps().await?;
    let stamp = homeward_store::templates::stamp_of(&stored);
    let view_of = |version: i64, s: &homeward_core::TemplateItem| StepView {
        key: s.key.as_str().to_string(),
        version,
        track: s.track.key().to_string(),
        words: StepInput::from_step(s),
        retired: s.retired,
    };
    let steps = stored.iter().map(|(v, s)| view_of(*v, s)).collect();
    let template = homeward_store::templates::template_of(stored.clone())?;
    let word = |m: Msg| m.text(lang);
    let updates = ctx
        .store
        .template_plans(&template, &landing)
        .await?
        .into_iter()
        .map(|(rci_id, name, plan)| RciUpdates {
            rci_id,
            name,
            moves_back: plan.moves_back(),
            before: plan.before,
            after: plan.after,
            changes: plan
                .changes
                .iter()
                .map(|c| match c {
                    StepUpdate::Add(item) if item.status.reason().is_some() => {
                        format!("{} {}", word(Msg::TemplateAddsNa), item.title.get(lang))
                    }
                    StepUpdate::Add(item) => {
                        format!("{} {}", word(Msg::TemplateAdds), item.title.get(lang))
                    }
                    StepUpdate::Reword { from, to, .. } => format!(
                        "{} {} → {}",
                        word(Msg::TemplateRewords),
                        from.get(lang),
                        to.title.get(lang)
                    ),
                    StepUpdate::Hide { title, .. } => {
                        format!("{} {}", word(Msg::TemplateHides), title.get(lang))
                    }
                    StepUpdate::Reorder => word(Msg::TemplateReorders).to_string(),
                })
                .collect(),
        })
        .collect();
    // Retiring one step: the template as it would then be, applied as a preview.
    let retiring = match retire {
        Some(raw) => {
            let key = key_of(&raw)?;
            let (version, step) = stored
                .iter()
                .find(|(_, s)| s.key == key && !s.retired)
                .ok_or(AppError::NotFound)?;
            let mut after = homeward_core::Template::default();
            for (_, s) in &stored {
                let mut s = s.clone();
                s.retired |= s.key == key;
                after.add(s).map_err(|_| AppError::Server)?;
            }
            let hides = ctx
                .store
                .template_plans(&after, &Landing::Open)
                .await?
                .iter()
                .filter(|(_, _, plan)| {
                    plan.changes
                        .iter()
                        .any(|c| matches!(c, StepUpdate::Hide { key: k, .. } if *k == key))
                })
                .count();
            Some(Retiring {
                step: view_of(*version, step),
                hides,
            })
        }
        None => None,
    };
    Ok(TemplateView {
        steps,
        stamp,
        landing: landing.key().to_string(),
        reason: match &landing {
            Landing::NotApplicable(reason) => reason.as_str().to_string(),
            Landing::Open => String::new(),
        },
        updates,
        retiring,
    })
}

/// The step a form names, refused as malformed if it is no key at all.
#[cfg(feature = "ssr")]
fn key_of(raw: &str) -> Result<homeward_core::ItemKey, AppError> {
    homeward_core::ItemKey::parse(raw).map_err(|_| AppError::invalid(Msg::MalformedRequest))
}

/// A refused save of a step someone saved first: reload to see theirs.
#[cfg(feature = "ssr")]
fn step_conflict(e: homeward_store::StoreError) -> AppError {
    match e {
        homeward_store::StoreError::Conflict { .. } => crate::server::stale(),
        other => other.into(),
    }
}

/// Adds a step at the end of a track.
#[server(endpoint = "add_template_step")]
pub async fn add_template_step(track: String, step: StepInput) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let track = Track::parse(&track).map_err(|e| AppError::Invalid(e.into()))?;
    let text = step.parse()?;
    let key = ctx.store.add_template_step(track, &text, &ctx.by).await?;
    crate::server::redirect_saved_then(PATH, "step", &format!("#step-{}", key.as_str()));
    Ok(())
}

/// New words for a step.
#[server(endpoint = "edit_template_step")]
pub async fn edit_template_step(
    key: String,
    version: i64,
    step: StepInput,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let key = key_of(&key)?;
    let text = step.parse()?;
    ctx.store
        .edit_template_step(&key, version, &text, &ctx.by)
        .await
        .map_err(step_conflict)?;
    crate::server::redirect_saved_then(PATH, "step", &format!("#step-{}", key.as_str()));
    Ok(())
}

/// Moves a step `up` or `down` within its track.
#[server(endpoint = "move_template_step")]
pub async fn move_template_step(
    key: String,
    version: i64,
    direction: String,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let key = key_of(&key)?;
    let direction = homeward_core::templates::Move::parse(&direction)
        .ok_or_else(|| AppError::invalid(Msg::MalformedRequest))?;
    ctx.store
        .move_template_step(&key, version, direction, &ctx.by)
        .await
        .map_err(step_conflict)?;
    crate::server::redirect_saved_then(PATH, "step", &format!("#step-{}", key.as_str()));
    Ok(())
}

/// Retires a step, or brings it back.
#[server(endpoint = "retire_template_step")]
pub async fn retire_template_step(
    key: String,
    version: i64,
    retired: bool,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let key = key_of(&key)?;
    ctx.store
        .set_template_step_retired(&key, version, retired, &ctx.by)
        .await
        .map_err(step_conflict)?;
    crate::server::redirect_saved_then(PATH, "step", &format!("#step-{}", key.as_str()));
    Ok(())
}

/// Applies the template's changes to one RCI (`rci` its id) or to every RCI (`rci` = `all`),
/// new steps in finished stages landing as chosen; refused if the template changed since the
/// admin saw the impact (`stamp`).
#[server(endpoint = "apply_template")]
pub async fn apply_template(
    rci: String,
    stamp: i64,
    landing: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let landing =
        homeward_core::templates::Landing::parse(&landing, reason.as_deref().unwrap_or(""))?;
    let ids: Vec<i64> = match rci.as_str() {
        "all" => {
            let template = ctx.store.template().await?;
            ctx.store
                .template_plans(&template, &landing)
                .await?
                .into_iter()
                .map(|(id, _, _)| id)
                .collect()
        }
        id => vec![id
            .parse()
            .map_err(|_| AppError::invalid(Msg::MalformedRequest))?],
    };
    for id in ids {
        ctx.store
            .apply_template(id, stamp, &landing, &ctx.by)
            .await
            .map_err(step_conflict)?;
    }
    crate::server::redirect_saved_then(PATH, "applied", "#apply");
    Ok(())
}

/// Words in both languages and their guidance as form fields named `<prefix>[title_en]` and so
/// on: a template step's, a readiness indicator's.
#[component]
pub(crate) fn StepFields(words: StepInput, prefix: &'static str, lang: Lang) -> impl IntoView {
    let name = move |field: &str| format!("{prefix}[{field}]");
    view! {
        <label>{Msg::ItemTitleEn.text(lang)} <input name=name("title_en") required maxlength="120" value=words.title_en/></label>
        <label>{Msg::ItemTitleKm.text(lang)} <input name=name("title_km") maxlength="120" value=words.title_km/></label>
        <label>{Msg::GuidanceEn.text(lang)} <TextArea name=name("guidance_en") rows=3 maxlength=2000 value=words.guidance_en/></label>
        <label>{Msg::GuidanceKm.text(lang)} <TextArea name=name("guidance_km") rows=3 maxlength=2000 value=words.guidance_km/></label>
    }
}

/// An RCI's stage and overall progress, as "Stage 4 · Preparation · 80 %".
#[component]
fn StandingLabel(standing: Standing, lang: Lang) -> impl IntoView {
    view! {
        <span class="standing">
            <PhaseLabel phase=standing.phase lang/>
            {format!(" · {} %", standing.overall.percent())}
        </span>
    }
}

/// The hidden fields that carry the chosen landing into an apply form.
#[component]
fn LandingFields(landing: String, reason: String, stamp: i64) -> impl IntoView {
    view! {
        <input type="hidden" name="stamp" value=stamp/>
        <input type="hidden" name="landing" value=landing/>
        <input type="hidden" name="reason" value=reason/>
    }
}

/// Where the apply section goes back to, keeping the landing chosen.
fn apply_href(landing: &str, reason: &str) -> String {
    let query = query_string(vec![
        ("landing", Some(landing.to_string())),
        ("reason", (landing != "open").then(|| reason.to_string())),
    ]);
    format!("{PATH}{query}#apply")
}

/// The bulk apply, asked for: which RCIs, and which of them would move back a stage.
#[component]
fn ConfirmApplyAll(data: TemplateView, lang: Lang) -> impl IntoView {
    let n = data.updates.len().to_string();
    let back: Vec<RciUpdates> = data
        .updates
        .iter()
        .filter(|u| u.moves_back)
        .cloned()
        .collect();
    view! {
        <section class="panel confirm" id="confirm" data-testid="confirm" aria-labelledby="confirm-title">
            <h2 id="confirm-title">{Msg::TemplateConfirmAll.text(lang).replace("{n}", &n)}</h2>
            {if back.is_empty() {
                view! { <p>{Msg::TemplateConfirmNoneBack.text(lang)}</p> }.into_any()
            } else {
                view! {
                    <p class="error">{Msg::TemplateConfirmMovesBack.text(lang)}</p>
                    <ul>
                        {back.into_iter().map(|u| view! {
                            <li translate="no">{u.name}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form method="post" action=ApplyTemplate::url() class="confirm-actions">
                <input type="hidden" name="rci" value="all"/>
                <LandingFields landing=data.landing.clone() reason=data.reason.clone() stamp=data.stamp/>
                <button type="submit" data-testid="template-apply-all-confirm">{Msg::TemplateConfirmAllYes.text(lang).replace("{n}", &n)}</button>
                <a class="button secondary" href=apply_href(&data.landing, &data.reason)>{Msg::Cancel.text(lang)}</a>
            </form>
        </section>
    }
}

/// A retirement, asked for: what it does to new RCIs and to existing ones.
#[component]
fn ConfirmRetire(retiring: Retiring, lang: Lang) -> impl IntoView {
    let title = match lang {
        Lang::En => retiring.step.words.title_en.clone(),
        Lang::Km => retiring.step.words.title_km.clone(),
    };
    let key = retiring.step.key.clone();
    view! {
        <section class="panel confirm" id="confirm" data-testid="confirm" aria-labelledby="confirm-title">
            <h2 id="confirm-title">{Msg::TemplateRetireConfirm.text(lang).replace("{title}", &title)}</h2>
            <p>{Msg::TemplateRetireExplain.text(lang).replace("{n}", &retiring.hides.to_string())}</p>
            <form method="post" action=RetireTemplateStep::url() class="confirm-actions">
                <input type="hidden" name="key" value=key.clone()/>
                <input type="hidden" name="version" value=retiring.step.version/>
                <input type="hidden" name="retired" value="true"/>
                <button type="submit">{Msg::TemplateRetireYes.text(lang)}</button>
                <a class="button secondary" href=format!("{PATH}#step-{key}")>{Msg::Cancel.text(lang)}</a>
            </form>
        </section>
    }
}

/// Each RCI the template would change: what, and its stage and progress before and after.
#[component]
fn ApplySection(data: TemplateView, lang: Lang) -> impl IntoView {
    let pending = data.updates.len();
    let open = data.landing == "open";
    let (landing, reason, stamp) = (data.landing.clone(), data.reason.clone(), data.stamp);
    view! {
        <section class="panel" id="apply" data-testid="template-apply">
            <h2>{Msg::TemplateApplyTitle.text(lang)}</h2>
            <p class="muted">{Msg::TemplateApplyIntro.text(lang)}</p>
            <form method="get" action=format!("{PATH}#apply") class="stack landing" data-testid="template-landing">
                <fieldset>
                    <legend>{Msg::TemplateLandingLegend.text(lang)}</legend>
                    <label class="choice">
                        <input type="radio" name="landing" value="not_applicable" checked=!open/>
                        {Msg::TemplateLandingNa.text(lang)}
                    </label>
                    <label>{Msg::Reason.text(lang)}
                        <input type="text" name="reason" maxlength="2000" value=if open { Msg::TemplateLandingReason.text(lang).to_string() } else { reason.clone() }/>
                    </label>
                    <label class="choice">
                        <input type="radio" name="landing" value="open" checked=open/>
                        {Msg::TemplateLandingOpen.text(lang)}
                    </label>
                </fieldset>
                <button type="submit" class="secondary">{Msg::TemplateShowImpact.text(lang)}</button>
            </form>
            {(pending == 0).then(|| view! { <p class="empty">{Msg::TemplateAllApplied.text(lang)}</p> })}
            <ul class="template-updates">
                {data.updates.into_iter().map(|u| {
                    let (landing, reason) = (landing.clone(), reason.clone());
                    view! {
                        <li data-testid="template-rci" data-moves-back=u.moves_back.to_string()>
                            <a href=format!("/rcis/{}/checklist", u.rci_id) translate="no">{u.name.clone()}</a>
                            <p class="small" data-testid="template-impact">
                                {Msg::TemplateStanding.text(lang)} ": "
                                <StandingLabel standing=u.before lang/>
                                " → "
                                <StandingLabel standing=u.after lang/>
                                {u.moves_back.then(|| view! { " " <strong class="badge warn">{Msg::TemplateMovesBack.text(lang)}</strong> })}
                            </p>
                            <ul class="small">{u.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                            <form method="post" action=ApplyTemplate::url() class="inline">
                                <input type="hidden" name="rci" value=u.rci_id.to_string()/>
                                <LandingFields landing reason stamp/>
                                <button type="submit" class="secondary" aria-label=format!("{} {}", Msg::TemplateApply.text(lang), u.name)>{Msg::TemplateApply.text(lang)}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(pending > 0).then(|| view! {
                <form method="get" action=format!("{PATH}#confirm")>
                    <input type="hidden" name="landing" value=landing.clone()/>
                    <input type="hidden" name="reason" value=reason.clone()/>
                    <input type="hidden" name="confirm" value="all"/>
                    <button type="submit" data-testid="template-apply-all">{format!("{} ({pending})", Msg::TemplateApplyAll.text(lang))}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

#[component]
pub fn TemplatePage() -> impl IntoView {
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let saved = query.get("saved");
    let confirm_all = query.get("confirm").as_deref() == Some("all");
    let (landing, reason, retire) = (
        query.get("landing"),
        query.get("reason"),
        query.get("retire"),
    );
    let edit = ServerAction::<EditTemplateStep>::new();
    let add = ServerAction::<AddTemplateStep>::new();
    let moved = ServerAction::<MoveTemplateStep>::new();
    let retired = ServerAction::<RetireTemplateStep>::new();
    let apply = ServerAction::<ApplyTemplate>::new();
    let data = Resource::new(
        || (),
        move |_| template_data(landing.clone(), reason.clone(), retire.clone()),
    );
    view! {
        <PageTitle text=Msg::TemplateTitle.text(lang)/>
        <h1>{Msg::TemplateTitle.text(lang)}</h1>
        <p class="muted">{Msg::TemplateIntro.text(lang)}</p>
        {saved.map(|s| view! {
            <p class="saved" role="status" data-testid="notice">
                {if s == "applied" { Msg::TemplateApplied.text(lang) } else { Msg::Saved.text(lang) }}
            </p>
        })}
        {refusal(add.value(), lang)}
        {refusal(edit.value(), lang)}
        {refusal(moved.value(), lang)}
        {refusal(retired.value(), lang)}
        {refusal(apply.value(), lang)}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let confirm = match data.retiring.clone() {
                    Some(retiring) => Some(view! { <ConfirmRetire retiring lang/> }.into_any()),
                    None => (confirm_all && !data.updates.is_empty())
                        .then(|| view! { <ConfirmApplyAll data=data.clone() lang/> }.into_any()),
                };
                let tracks = Track::ALL.into_iter().map(|track| {
                    let steps: Vec<StepView> = data.steps.iter().filter(|s| s.track == track.key()).cloned().collect();
                    view! { <TrackSteps track steps lang/> }
                }).collect_view();
                view! {
                    {confirm}
                    {tracks}
                    <ApplySection data lang/>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// One track of the template: its steps, each movable, retirable and editable, and a form to add
/// one.
#[component]
fn TrackSteps(track: Track, steps: Vec<StepView>, lang: Lang) -> impl IntoView {
    view! {
        <section class="panel template-track" data-track=track.key()>
            <h2>{crate::checklists::track_heading(track, lang)}</h2>
            <ol class="template-steps">
                {steps.into_iter().map(|s| {
                    let (title, other, other_lang) = match lang {
                        Lang::En => (s.words.title_en.clone(), s.words.title_km.clone(), "km"),
                        Lang::Km => (s.words.title_km.clone(), s.words.title_en.clone(), "en"),
                    };
                    let guidance = match lang {
                        Lang::En => s.words.guidance_en.clone(),
                        Lang::Km => s.words.guidance_km.clone(),
                    };
                    let up = format!("{} {}", Msg::MoveUp.text(lang), title);
                    let down = format!("{} {}", Msg::MoveDown.text(lang), title);
                    // Retiring is asked for first (it reaches every RCI); using a step again is not.
                    let retire = if s.retired {
                        view! {
                            <form method="post" action=RetireTemplateStep::url() class="inline">
                                <input type="hidden" name="key" value=s.key.clone()/>
                                <input type="hidden" name="version" value=s.version/>
                                <input type="hidden" name="retired" value="false"/>
                                <button type="submit" class="secondary">{Msg::TemplateRestore.text(lang)}</button>
                            </form>
                        }.into_any()
                    } else {
                        view! {
                            <a class="button secondary" href=format!("{PATH}?retire={}#confirm", s.key)>{Msg::TemplateRetire.text(lang)}</a>
                        }.into_any()
                    };
                    view! {
                        <li id=format!("step-{}", s.key) data-key=s.key.clone() data-retired=s.retired.to_string() class="template-step">
                            <p>
                                <strong>{title}</strong>
                                {s.retired.then(|| view! { " " <span class="badge">{Msg::TemplateRetired.text(lang)}</span> })}
                                <br/><span class="muted small" lang=other_lang>{other}</span>
                            </p>
                            {(!guidance.is_empty()).then(|| view! { <p class="small">{guidance}</p> })}
                            <div class="step-actions">
                                <form method="post" action=MoveTemplateStep::url() class="inline">
                                    <input type="hidden" name="key" value=s.key.clone()/>
                                    <input type="hidden" name="version" value=s.version/>
                                    <input type="hidden" name="direction" value="up"/>
                                    <button type="submit" class="secondary" aria-label=up>"↑"</button>
                                </form>
                                <form method="post" action=MoveTemplateStep::url() class="inline">
                                    <input type="hidden" name="key" value=s.key.clone()/>
                                    <input type="hidden" name="version" value=s.version/>
                                    <input type="hidden" name="direction" value="down"/>
                                    <button type="submit" class="secondary" aria-label=down>"↓"</button>
                                </form>
                                {retire}
                            </div>
                            <details class="step-edit">
                                <summary>{Msg::Edit.text(lang)}</summary>
                                <form method="post" action=EditTemplateStep::url() class="stack">
                                    <input type="hidden" name="key" value=s.key.clone()/>
                                    <input type="hidden" name="version" value=s.version/>
                                    <StepFields words=s.words.clone() prefix="step" lang/>
                                    <button type="submit">{Msg::Save.text(lang)}</button>
                                </form>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <details class="step-add">
                <summary>{format!("+ {}", Msg::TemplateAddStep.text(lang))}</summary>
                <form method="post" action=AddTemplateStep::url() class="stack">
                    <input type="hidden" name="track" value=track.key()/>
                    <StepFields words=StepInput::default() prefix="step" lang/>
                    <button type="submit">{Msg::TemplateAddStep.text(lang)}</button>
                </form>
            </details>
        </section>
    }
    .into_any()
}
