//! The organisation's readiness indicators, edited by an admin like the checklist template:
//! worded in both languages, explained, marked a positive sign or a risk about the director, the
//! donor, their relationship or the organisation, moved, retired and brought back. Each edit
//! names the version it started from, so two admins never silently overwrite each other.

use homeward_core::readiness::{About, IndicatorInput, Polarity};
use homeward_core::templates::StepInput;
use homeward_core::Lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use crate::components::{refusal, PageTitle};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::templates::StepFields;

/// Where the page is.
pub const PATH: &str = "/admin/readiness";

/// One indicator as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorView {
    pub key: String,
    pub version: i64,
    pub input: IndicatorInput,
    pub retired: bool,
}

/// Every indicator, retired ones included, in order (admins only).
#[server(endpoint = "indicators_data")]
pub async fn indicators_data() -> Result<Vec<IndicatorView>, AppError> {
    let ctx = crate::server::Ctx::admin()?;
    Ok(ctx
        .store
        .indicators()
        .await?
        .into_iter()
        .map(|(version, i)| IndicatorView {
            key: i.key.as_str().to_string(),
            version,
            input: IndicatorInput::from_indicator(&i),
            retired: i.retired,
        })
        .collect())
}

/// The indicator a form names, refused as malformed if it is no key at all.
#[cfg(feature = "ssr")]
fn key_of(raw: &str) -> Result<homeward_core::ItemKey, AppError> {
    homeward_core::ItemKey::parse(raw).map_err(|_| AppError::invalid(Msg::MalformedRequest))
}

/// A refused save of an indicator someone saved first: reload to see theirs.
#[cfg(feature = "ssr")]
fn stale(e: homeward_store::StoreError) -> AppError {
    match e {
        homeward_store::StoreError::Conflict { .. } => crate::server::stale(),
        other => other.into(),
    }
}

#[cfg(feature = "ssr")]
fn back_to(key: &homeward_core::ItemKey) {
    crate::server::redirect_saved_then(PATH, "indicator", &format!("#indicator-{}", key.as_str()));
}

/// Adds an indicator at the end of the list.
#[server(endpoint = "add_indicator")]
pub async fn add_indicator(indicator: IndicatorInput) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let text = indicator.parse()?;
    let key = ctx.store.add_indicator(&text, &ctx.by).await?;
    back_to(&key);
    Ok(())
}

/// New words or kind for an indicator.
#[server(endpoint = "edit_indicator")]
pub async fn edit_indicator(
    key: String,
    version: i64,
    indicator: IndicatorInput,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let key = key_of(&key)?;
    let text = indicator.parse()?;
    ctx.store
        .edit_indicator(&key, version, &text, &ctx.by)
        .await
        .map_err(stale)?;
    back_to(&key);
    Ok(())
}

/// Moves an indicator `up` or `down` among those about the same one.
#[server(endpoint = "move_indicator")]
pub async fn move_indicator(key: String, version: i64, direction: String) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let key = key_of(&key)?;
    let direction = homeward_core::templates::Move::parse(&direction)
        .ok_or_else(|| AppError::invalid(Msg::MalformedRequest))?;
    ctx.store
        .move_indicator(&key, version, direction, &ctx.by)
        .await
        .map_err(stale)?;
    back_to(&key);
    Ok(())
}

/// Retires an indicator (no longer asked), or brings it back.
#[server(endpoint = "retire_indicator")]
pub async fn retire_indicator(key: String, version: i64, retired: bool) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let key = key_of(&key)?;
    ctx.store
        .set_indicator_retired(&key, version, retired, &ctx.by)
        .await
        .map_err(stale)?;
    back_to(&key);
    Ok(())
}

/// Whom it is about and whether it is a positive sign or a risk, as form fields, then its words.
#[component]
fn IndicatorFields(input: IndicatorInput, lang: Lang) -> impl IntoView {
    let words = StepInput {
        title_en: input.title_en,
        title_km: input.title_km,
        guidance_en: input.guidance_en,
        guidance_km: input.guidance_km,
    };
    view! {
        <label>{Msg::IndicatorAbout.text(lang)}
            <select name="indicator[about]">
                {About::ALL.iter().map(|a| view! {
                    <option value=a.key() selected=input.about == a.key()>{a.label().text(lang)}</option>
                }).collect_view()}
            </select>
        </label>
        <label>{Msg::IndicatorSign.text(lang)}
            <select name="indicator[polarity]">
                {Polarity::ALL.iter().map(|p| view! {
                    <option value=p.key() selected=input.polarity == p.key()>{p.label().text(lang)}</option>
                }).collect_view()}
            </select>
        </label>
        <StepFields words prefix="indicator" lang/>
    }
    .into_any()
}

/// A button posting one small change to an indicator.
#[component]
fn IndicatorButton(
    action: String,
    key: String,
    version: i64,
    field: &'static str,
    value: &'static str,
    label: String,
    text: String,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <input type="hidden" name="key" value=key/>
            <input type="hidden" name="version" value=version/>
            <input type="hidden" name=field value=value/>
            <button type="submit" class="secondary" aria-label=label>{text}</button>
        </form>
    }
}

#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let lang = use_lang();
    let saved = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved");
    let add = ServerAction::<AddIndicator>::new();
    let edit = ServerAction::<EditIndicator>::new();
    let moved = ServerAction::<MoveIndicator>::new();
    let retired = ServerAction::<RetireIndicator>::new();
    let data = Resource::new(|| (), |_| indicators_data());
    view! {
        <PageTitle text=Msg::IndicatorsTitle.text(lang)/>
        <h1>{Msg::IndicatorsTitle.text(lang)}</h1>
        <p class="muted">{Msg::IndicatorsIntro.text(lang)}</p>
        {saved.map(|_| view! { <p class="saved" role="status" data-testid="notice">{Msg::Saved.text(lang)}</p> })}
        {refusal(add.value(), lang)}
        {refusal(edit.value(), lang)}
        {refusal(moved.value(), lang)}
        {refusal(retired.value(), lang)}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let list = match data.await {
                    Ok(list) => list,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let groups = About::ALL.iter().map(|about| {
                    let group: Vec<IndicatorView> = list.iter().filter(|i| i.input.about == about.key()).cloned().collect();
                    view! { <IndicatorGroup about=*about group lang/> }
                }).collect_view();
                let blank = IndicatorInput {
                    about: About::Director.key().into(),
                    polarity: Polarity::Positive.key().into(),
                    ..IndicatorInput::default()
                };
                view! {
                    {groups}
                    <section class="panel">
                        <details class="step-add">
                            <summary>{format!("+ {}", Msg::AddIndicator.text(lang))}</summary>
                            <form method="post" action=AddIndicator::url() class="stack" data-testid="indicator-add">
                                <IndicatorFields input=blank lang/>
                                <button type="submit">{Msg::AddIndicator.text(lang)}</button>
                            </form>
                        </details>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The indicators about one: each movable, retirable and editable.
#[component]
fn IndicatorGroup(about: About, group: Vec<IndicatorView>, lang: Lang) -> impl IntoView {
    view! {
        <section class="panel template-track" data-about=about.key()>
            <h2>{about.label().text(lang)}</h2>
            <ol class="template-steps">
                {group.into_iter().map(|i| {
                    let (title, other, other_lang) = match lang {
                        Lang::En => (i.input.title_en.clone(), i.input.title_km.clone(), "km"),
                        Lang::Km => (i.input.title_km.clone(), i.input.title_en.clone(), "en"),
                    };
                    let guidance = match lang {
                        Lang::En => i.input.guidance_en.clone(),
                        Lang::Km => i.input.guidance_km.clone(),
                    };
                    let sign = Polarity::parse(&i.input.polarity).map(|p| p.label().text(lang));
                    let button = |action: String, field, value, label: Msg, text: String| view! {
                        <IndicatorButton action key=i.key.clone() version=i.version field value
                            label=format!("{} {}", label.text(lang), title) text/>
                    };
                    let retire = if i.retired {
                        button(RetireIndicator::url().to_string(), "retired", "false", Msg::TemplateRestore, Msg::TemplateRestore.text(lang).to_string())
                    } else {
                        button(RetireIndicator::url().to_string(), "retired", "true", Msg::TemplateRetire, Msg::TemplateRetire.text(lang).to_string())
                    };
                    view! {
                        <li id=format!("indicator-{}", i.key) data-key=i.key.clone() data-retired=i.retired.to_string() class="template-step">
                            <p>
                                <strong>{title.clone()}</strong> " " <span class="tag">{sign}</span>
                                {i.retired.then(|| view! { " " <span class="badge">{Msg::TemplateRetired.text(lang)}</span> })}
                                <br/><span class="muted small" lang=other_lang>{other}</span>
                            </p>
                            {(!guidance.is_empty()).then(|| view! { <p class="small">{guidance}</p> })}
                            <div class="step-actions">
                                {button(MoveIndicator::url().to_string(), "direction", "up", Msg::MoveUp, "↑".into())}
                                {button(MoveIndicator::url().to_string(), "direction", "down", Msg::MoveDown, "↓".into())}
                                {retire}
                            </div>
                            <details class="step-edit">
                                <summary>{Msg::Edit.text(lang)}</summary>
                                <form method="post" action=EditIndicator::url() class="stack">
                                    <input type="hidden" name="key" value=i.key.clone()/>
                                    <input type="hidden" name="version" value=i.version/>
                                    <IndicatorFields input=i.input.clone() lang/>
                                    <button type="submit">{Msg::Save.text(lang)}</button>
                                </form>
                            </details>
                        </li>
                    }
                    .into_any()
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}
