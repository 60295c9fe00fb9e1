//! The organisation's checklist template, edited by an admin: steps added to any track, worded
//! in both languages, explained, moved and retired; and the template's changes applied to
//! existing RCIs, one at a time or all at once, after seeing what would change.

use homeward_core::templates::StepInput;
use homeward_core::{Lang, Track};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use crate::components::{refusal, PageTitle, TextArea};
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

/// What applying the template would change for one RCI, worded for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciUpdates {
    pub rci_id: i64,
    pub name: String,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub steps: Vec<StepView>,
    pub updates: Vec<RciUpdates>,
}

/// The template and what applying it would change in each RCI (admins only).
#[server(endpoint = "template_data")]
pub async fn template_data() -> Result<TemplateView, AppError> {
    use homeward_core::templates::StepUpdate;
    let ctx = crate::server::Ctx::admin()?;
    let lang = crate::server::request_lang();
    let steps = ctx
        .store
        .template_steps()
        .await?
        .into_iter()
        .map(|(version, s)| StepView {
            key: s.key.as_str().to_string(),
            version,
            track: s.track.key().to_string(),
            words: StepInput::from_step(&s),
            retired: s.retired,
        })
        .collect();
    let word = |m: Msg| m.text(lang);
    let updates = ctx
        .store
        .template_updates()
        .await?
        .into_iter()
        .map(|(rci_id, name, changes)| RciUpdates {
            rci_id,
            name,
            changes: changes
                .iter()
                .map(|c| match c {
                    StepUpdate::Add(step) => {
                        format!("{} {}", word(Msg::TemplateAdds), step.title.get(lang))
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
    Ok(TemplateView { steps, updates })
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

/// Applies the template's changes to one RCI (`rci` its id) or to every RCI (`rci` = `all`).
#[server(endpoint = "apply_template")]
pub async fn apply_template(rci: String) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let ids: Vec<i64> = match rci.as_str() {
        "all" => ctx
            .store
            .template_updates()
            .await?
            .into_iter()
            .map(|(id, _, _)| id)
            .collect(),
        id => vec![id
            .parse()
            .map_err(|_| AppError::invalid(Msg::MalformedRequest))?],
    };
    for id in ids {
        ctx.store.apply_template(id, &ctx.by).await?;
    }
    crate::server::redirect_saved_then(PATH, "applied", "#apply");
    Ok(())
}

/// A step's words as form fields.
#[component]
fn StepFields(words: StepInput, lang: Lang) -> impl IntoView {
    view! {
        <label>{Msg::ItemTitleEn.text(lang)} <input name="step[title_en]" required maxlength="120" value=words.title_en/></label>
        <label>{Msg::ItemTitleKm.text(lang)} <input name="step[title_km]" maxlength="120" value=words.title_km/></label>
        <label>{Msg::GuidanceEn.text(lang)} <TextArea name="step[guidance_en]" rows=3 maxlength=2000 value=words.guidance_en/></label>
        <label>{Msg::GuidanceKm.text(lang)} <TextArea name="step[guidance_km]" rows=3 maxlength=2000 value=words.guidance_km/></label>
    }
}

#[component]
pub fn TemplatePage() -> impl IntoView {
    let lang = use_lang();
    let saved = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved");
    let add = ServerAction::<AddTemplateStep>::new();
    let edit = ServerAction::<EditTemplateStep>::new();
    let moved = ServerAction::<MoveTemplateStep>::new();
    let retire = ServerAction::<RetireTemplateStep>::new();
    let apply = ServerAction::<ApplyTemplate>::new();
    let data = Resource::new(|| (), |_| template_data());
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
        {refusal(retire.value(), lang)}
        {refusal(apply.value(), lang)}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let tracks = Track::ALL.into_iter().map(|track| {
                    let steps: Vec<StepView> = data.steps.iter().filter(|s| s.track == track.key()).cloned().collect();
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
                                    let retire_label = if s.retired { Msg::TemplateRestore.text(lang) } else { Msg::TemplateRetire.text(lang) };
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
                                                <form method="post" action=RetireTemplateStep::url() class="inline">
                                                    <input type="hidden" name="key" value=s.key.clone()/>
                                                    <input type="hidden" name="version" value=s.version/>
                                                    <input type="hidden" name="retired" value=(!s.retired).to_string()/>
                                                    <button type="submit" class="secondary">{retire_label}</button>
                                                </form>
                                            </div>
                                            <details class="step-edit">
                                                <summary>{Msg::Edit.text(lang)}</summary>
                                                <form method="post" action=EditTemplateStep::url() class="stack">
                                                    <input type="hidden" name="key" value=s.key.clone()/>
                                                    <input type="hidden" name="version" value=s.version/>
                                                    <StepFields words=s.words.clone() lang/>
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
                                    <StepFields words=StepInput::default() lang/>
                                    <button type="submit">{Msg::TemplateAddStep.text(lang)}</button>
                                </form>
                            </details>
                        </section>
                    }
                }).collect_view();
                let pending = data.updates.len();
                view! {
                    {tracks}
                    <section class="panel" id="apply" data-testid="template-apply">
                        <h2>{Msg::TemplateApplyTitle.text(lang)}</h2>
                        <p class="muted">{Msg::TemplateApplyIntro.text(lang)}</p>
                        {(pending == 0).then(|| view! { <p class="empty">{Msg::TemplateAllApplied.text(lang)}</p> })}
                        <ul class="template-updates">
                            {data.updates.into_iter().map(|u| view! {
                                <li data-testid="template-rci">
                                    <a href=format!("/rcis/{}/checklist", u.rci_id)>{u.name.clone()}</a>
                                    <ul class="small">{u.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                                    <form method="post" action=ApplyTemplate::url() class="inline">
                                        <input type="hidden" name="rci" value=u.rci_id.to_string()/>
                                        <button type="submit" class="secondary" aria-label=format!("{} {}", Msg::TemplateApply.text(lang), u.name)>{Msg::TemplateApply.text(lang)}</button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                        {(pending > 0).then(|| view! {
                            <form method="post" action=ApplyTemplate::url()>
                                <input type="hidden" name="rci" value="all"/>
                                <button type="submit" data-testid="template-apply-all">{format!("{} ({pending})", Msg::TemplateApplyAll.text(lang))}</button>
                            </form>
                        })}
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}
