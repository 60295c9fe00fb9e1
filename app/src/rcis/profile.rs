//! An RCI's profile: the facts shown at the top of its page, the form that edits them, and the
//! page that creates a new partner RCI.

use homeward_core::{Lang, ProfileInput, Province, RciProfile, Stored};
use leptos::prelude::*;

use super::{CreateRci, RciContext, UpdateProfile};
use crate::components::{field_error, form_error, PageTitle};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

/// The read-only facts of the profile.
#[component]
pub fn ProfileFacts(profile: RciProfile, adviser: Option<String>, lang: Lang) -> impl IntoView {
    let text = |v: &Option<homeward_core::Name>| v.as_ref().map(|n| n.to_string());
    // A Khmer page names the district and commune in Khmer where the profile has it.
    let place = |en: &Option<homeward_core::Name>, km: &Option<homeward_core::Name>| match lang {
        Lang::Km => text(km).or_else(|| text(en)),
        Lang::En => text(en).or_else(|| text(km)),
    };
    let rows: Vec<(Msg, Option<String>)> = vec![
        (
            Msg::District,
            place(&profile.district, &profile.district_km),
        ),
        (Msg::Commune, place(&profile.commune, &profile.commune_km)),
        (Msg::Director, text(&profile.director)),
        (Msg::Contact, text(&profile.contact)),
        (Msg::Adviser, adviser),
        (
            Msg::TransitionStarted,
            Some(profile.transition_start.to_string()),
        ),
        (
            Msg::TransitionTarget,
            profile.transition_target.map(|d| d.to_string()),
        ),
        (
            Msg::ReintegrationPlan,
            Some(yes_no(profile.has_reintegration_plan, lang)),
        ),
        (
            Msg::ReintegrationBudget,
            Some(yes_no(profile.has_reintegration_budget, lang)),
        ),
    ];
    view! {
        <dl class="facts" data-testid="profile">
            <div>
                <dt>{Msg::ColProvince.text(lang)}</dt>
                <dd>{crate::labels::place(profile.province.as_str(), lang)}</dd>
            </div>
            {rows
                .into_iter()
                .filter_map(|(label, value)| value.map(|v| (label, v)))
                .map(|(label, value)| view! { <div><dt>{label.text(lang)}</dt><dd translate="no">{value}</dd></div> })
                .collect_view()}
        </dl>
    }
}

fn yes_no(value: bool, lang: Lang) -> String {
    if value { Msg::Yes } else { Msg::No }
        .text(lang)
        .to_string()
}

/// The profile's fields, filled in; shared by the edit form and the new-RCI page.
#[component]
fn ProfileFields<T: Clone + Send + Sync + 'static>(
    input: ProfileInput,
    advisers: Vec<(i64, String)>,
    value: Signal<Option<Result<T, AppError>>>,
    lang: Lang,
) -> impl IntoView {
    let text = |name: &'static str, label: Msg, current: String, required: bool| {
        view! {
            <label>
                {label.text(lang)}
                <input type="text" name=format!("profile[{name}]") value=current required=required maxlength="120"/>
            </label>
            {field_error(value, name)}
        }
    };
    let date = |name: &'static str, label: Msg, current: String, required: bool| {
        view! {
            <label>
                {label.text(lang)}
                <input type="date" name=format!("profile[{name}]") value=current required=required/>
            </label>
            {field_error(value, name)}
        }
    };
    let chosen = input.adviser_id.clone();
    let chosen_province = Province::parse(&input.province).ok();
    view! {
        {text("name_en", Msg::NameEn, input.name_en, true)}
        {text("name_km", Msg::NameKm, input.name_km, false)}
        <label>
            {Msg::ColProvince.text(lang)}
            <select name="profile[province]" required>
                <option value="">"—"</option>
                // A province stored before the list existed stays shown until one is chosen.
                {(!input.province.is_empty() && chosen_province.is_none()).then(|| {
                    let (value, label) = (input.province.clone(), input.province.clone());
                    view! { <option value=value selected>{label}</option> }
                })}
                {Province::all()
                    .map(|p| view! { <option value=p.en() selected=chosen_province == Some(p)>{p.name(lang)}</option> })
                    .collect_view()}
            </select>
        </label>
        {field_error(value, "province")}
        {text("district", Msg::District, input.district, false)}
        {text("district_km", Msg::DistrictKm, input.district_km, false)}
        {text("commune", Msg::Commune, input.commune, false)}
        {text("commune_km", Msg::CommuneKm, input.commune_km, false)}
        {text("director", Msg::Director, input.director, false)}
        {text("contact", Msg::Contact, input.contact, false)}
        {if advisers.is_empty() {
            // Not the caller's choice: the lead adviser is sent back as it is.
            view! {
                <input type="hidden" name="profile[adviser_id]" value=chosen/>
                <p class="muted small">{Msg::AdviserAdminOnly.text(lang)}</p>
            }
            .into_any()
        } else {
            view! {
                <label>
                    {Msg::Adviser.text(lang)}
                    <select name="profile[adviser_id]">
                        <option value="">"—"</option>
                        {advisers
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id selected=chosen == id.to_string() translate="no">{name}</option> })
                            .collect_view()}
                    </select>
                </label>
            }
            .into_any()
        }}
        {field_error(value, "adviser_id")}
        {date("transition_start", Msg::TransitionStarted, input.transition_start, true)}
        {date("transition_target", Msg::TransitionTarget, input.transition_target, false)}
        <label class="check">
            <input type="checkbox" name="profile[has_reintegration_plan]" checked=input.has_reintegration_plan.is_some()/>
            {Msg::ReintegrationPlan.text(lang)}
        </label>
        <label class="check">
            <input type="checkbox" name="profile[has_reintegration_budget]" checked=input.has_reintegration_budget.is_some()/>
            {Msg::ReintegrationBudget.text(lang)}
        </label>
    }
}

/// The profile edit form, folded away until wanted.
#[component]
pub fn ProfileForm(
    rci: Stored<RciProfile>,
    advisers: Vec<(i64, String)>,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let save = ServerAction::<UpdateProfile>::new();
    let value = Signal::derive(move || save.value().get());
    view! {
        <details class="edit profile-edit">
            <summary>{Msg::EditProfile.text(lang)}</summary>
            <ActionForm action=save attr:class="stack" attr:data-testid="profile-form">
                <input type="hidden" name="rci_id" value=rci.id/>
                <input type="hidden" name="version" value=rci.version/>
                <ProfileFields input=ProfileInput::from_profile(&rci.value) advisers value lang/>
                <button type="submit">{Msg::Save.text(lang)}</button>
                {form_error(value, lang)}
            </ActionForm>
        </details>
    }
}

/// Lists the advisers a new RCI can be given: open to admins and advisers, but only an admin
/// chooses (an adviser's new RCI is their own), so an adviser gets an empty list.
#[server(endpoint = "list_advisers")]
pub async fn list_advisers() -> Result<Vec<(i64, String)>, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    if !ctx.actor.can_edit_anything() {
        return Err(AppError::NotFound);
    }
    if !ctx.actor.can_manage_users() {
        return Ok(vec![]);
    }
    Ok(ctx.store.active_advisers().await?)
}

#[component]
pub fn NewRciPage() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateRci>::new();
    let value = Signal::derive(move || create.value().get());
    let advisers = Resource::new(|| (), |_| list_advisers());
    view! {
        <PageTitle text=Msg::NewRci.text(lang)/>
        <h1>{Msg::NewRci.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match advisers.await {
                    Ok(advisers) => view! {
                        <p class="muted">{Msg::NewRciIntro.text(lang)}</p>
                        <ActionForm action=create attr:class="stack panel" attr:data-testid="new-rci-form">
                            <ProfileFields input=ProfileInput::default() advisers value lang/>
                            <button type="submit">{Msg::Create.text(lang)}</button>
                            {form_error(value, lang)}
                        </ActionForm>
                    }
                    .into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}
