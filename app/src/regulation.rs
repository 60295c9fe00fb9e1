//! An RCI's standing with MoSVY (see `homeward_core::regulation`): its registration, agreement,
//! inspections and closure notice on its overview, and the forms to record them.

use homeward_core::regulation::{
    AgreementInput, Authority, ClosureInput, ClosureKind, Inspection, InspectionInput,
    InspectionOutcome, RegistrationInput, Regulation,
};
use homeward_core::{RciProfile, Stored};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;
use crate::transformation::Kept;

/// Saves the MoSVY registration of an RCI the caller may edit: part of its profile, so it is
/// refused as a conflict when the profile was saved since `version` was read.
#[server(endpoint = "update_registration")]
pub async fn update_registration(
    rci_id: i64,
    version: i64,
    change: RegistrationInput,
) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let registration = change.parse(ctx.today)?;
    let current = ctx.store.rci(rci_id).await?;
    let profile = current.value.with_registration(registration);
    crate::rcis::save_profile(
        &ctx,
        rci_id,
        version,
        &profile,
        crate::rcis::Saved::Registration,
    )
    .await
}

/// Records an agreement with MoSVY or DoSVY of an RCI the caller may edit.
#[server(endpoint = "record_agreement")]
pub async fn record_agreement(rci_id: i64, change: AgreementInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let agreement = change.parse(ctx.today)?;
    let id = ctx
        .store
        .record_agreement(rci_id, &agreement, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Agreement);
    Ok(id)
}

/// Records an inspection of an RCI the caller may edit.
#[server(endpoint = "record_inspection")]
pub async fn record_inspection(rci_id: i64, change: InspectionInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let inspection = change.parse(ctx.today)?;
    let id = ctx
        .store
        .record_inspection(rci_id, &inspection, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Inspection);
    Ok(id)
}

/// Records the notice that an RCI the caller may edit closes or becomes a community service.
#[server(endpoint = "record_closure")]
pub async fn record_closure(rci_id: i64, change: ClosureInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let closure = change.parse(ctx.today)?;
    let id = ctx.store.record_closure(rci_id, &closure, &ctx.by).await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::Closure);
    Ok(id)
}

/// The RCI's standing: registration, agreement, inspections, closure, and (for an editor) the
/// forms.
#[component]
pub fn RegulationPanel(
    records: Regulation,
    /// The inspections with their ids, newest first, each listed with its files.
    inspections: Vec<(i64, Inspection)>,
    rci: Stored<RciProfile>,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let word = |m: Msg| m.text(lang);
    let agreement = records.agreement(cx.today);
    let closure = records.closure(cx.today);
    let registration = rci.value.registration();
    let number = registration
        .mosvy_registration
        .as_ref()
        .map(|n| n.to_string())
        .unwrap_or_else(|| "—".into());
    let registered = registration
        .mosvy_registered_on
        .map_or_else(|| "—".to_string(), |d| d.to_string());
    view! {
        <section class="panel regulation" id="regulation" data-testid="regulation">
            <h2>{word(Msg::RegulationTitle)}</h2>
            <p class="muted">{word(Msg::RegulationIntro)}</p>
            <dl class="facts" data-testid="registration">
                <div><dt>{word(Msg::MosvyRegistration)}</dt><dd translate="no">{number}</dd></div>
                <div><dt>{word(Msg::MosvyRegisteredOn)}</dt><dd>{registered}</dd></div>
            </dl>
            {cx.can_edit.then(|| view! {
                <RegistrationForm
                    current=RegistrationInput::from_registration(&registration)
                    version=rci.version
                    cx
                />
            })}

            <h3>{word(Msg::AgreementTitle)}</h3>
            {match agreement {
                Some(a) => view! {
                    <p data-testid="agreement">
                        {a.with.label().text(lang)} " · " {word(Msg::SignedOn)} " " {a.signed_on.to_string()}
                        " · " {word(Msg::ExpiresOn)} " " <strong>{a.expires_on.to_string()}</strong>
                    </p>
                }.into_any(),
                None => view! { <p class="empty">{word(Msg::NoAgreement)}</p> }.into_any(),
            }}
            {cx.can_edit.then(|| view! { <AgreementForm cx/> })}

            <h3>{word(Msg::InspectionsTitle)}</h3>
            {inspections.is_empty().then(|| view! { <p class="empty">{word(Msg::NoInspections)}</p> })}
            <ul class="records" data-testid="inspections">
                {inspections.into_iter().map(|(id, i)| view! {
                    <li id=format!("inspection-{id}")>
                        <strong>{i.inspected_on.to_string()}</strong> " · " <span translate="no">{i.by.to_string()}</span>
                        " · " {i.outcome.label().text(lang)}
                        {i.follow_up_due.map(|d| format!(" · {} {d}", word(Msg::ImprovementsDue)))}
                        <crate::evidence::Attachments attached=homeward_core::evidence::AttachedTo::Inspection(id) cx/>
                    </li>
                }).collect_view()}
            </ul>
            {cx.can_edit.then(|| view! { <InspectionForm cx/> })}

            <h3>{word(Msg::ClosureTitle)}</h3>
            {match closure {
                Some(c) => view! { <p data-testid="closure"><strong>{c.noticed_on.to_string()}</strong> " · " {c.kind.label().text(lang)}</p> }.into_any(),
                None => view! { <p class="empty">{word(Msg::NoClosure)}</p> }.into_any(),
            }}
            {cx.can_edit.then(|| view! { <ClosureForm cx/> })}
        </section>
    }
    .into_any()
}

/// The registration's form: it saves the profile's version, like the profile's own form.
#[component]
fn RegistrationForm(current: RegistrationInput, version: i64, cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "update_registration", "registration");
    let (open, summary) = k.summary();
    view! {
        <details class="edit" open=open>
            <summary>{Msg::EditRegistration.text(lang)}</summary>
            <form method="post" action=UpdateRegistration::url() class="stack" data-testid="registration-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <input type="hidden" name="version" value=version/>
                <label for=k.id("mosvy_registration")>{Msg::MosvyRegistration.text(lang)}</label>
                {k.message("mosvy_registration")}
                <input id=k.id("mosvy_registration") type="text" name="change[mosvy_registration]"
                    value=k.value("mosvy_registration", current.mosvy_registration) maxlength="120"/>
                <label for=k.id("mosvy_registered_on")>{Msg::MosvyRegisteredOn.text(lang)}</label>
                {k.message("mosvy_registered_on")}
                <input id=k.id("mosvy_registered_on") type="date" name="change[mosvy_registered_on]"
                    value=k.value("mosvy_registered_on", current.mosvy_registered_on)/>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn AgreementForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "record_agreement", "agreement");
    let (open, summary) = k.summary();
    let with = k.value("with", "dosvy");
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddAgreement.text(lang)}</summary>
            <form method="post" action=RecordAgreement::url() class="stack" data-testid="agreement-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label for=k.id("with")>{Msg::AgreementWith.text(lang)}</label>
                {k.message("with")}
                <select id=k.id("with") name="change[with]">
                    {Authority::ALL.iter().map(|a| view! {
                        <option value=a.key() selected=a.key() == with>{a.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <label for=k.id("signed_on")>{Msg::SignedOn.text(lang)}</label>
                {k.message("signed_on")}
                <input id=k.id("signed_on") type="date" name="change[signed_on]" value=k.value("signed_on", "") required/>
                <label for=k.id("expires_on")>{Msg::ExpiresOn.text(lang)}</label>
                {k.message("expires_on")}
                <input id=k.id("expires_on") type="date" name="change[expires_on]" value=k.value("expires_on", "") required/>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn InspectionForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "record_inspection", "inspection");
    let (open, summary) = k.summary();
    let outcome = k.value("outcome", "");
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddInspection.text(lang)}</summary>
            <form method="post" action=RecordInspection::url() class="stack" data-testid="inspection-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label for=k.id("inspected_on")>{Msg::InspectionDate.text(lang)}</label>
                {k.message("inspected_on")}
                <input id=k.id("inspected_on") type="date" name="change[inspected_on]" value=k.value("inspected_on", cx.today) required/>
                <label for=k.id("by")>{Msg::InspectedBy.text(lang)}</label>
                {k.message("by")}
                <input id=k.id("by") type="text" name="change[by]" value=k.value("by", "") required maxlength="120"/>
                <label for=k.id("outcome")>{Msg::InspectionOutcomeLabel.text(lang)}</label>
                {k.message("outcome")}
                <select id=k.id("outcome") name="change[outcome]" required>
                    <option value="">"—"</option>
                    {InspectionOutcome::ALL.iter().map(|o| view! {
                        <option value=o.key() selected=o.key() == outcome>{o.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <label for=k.id("follow_up_due")>{Msg::ImprovementsDue.text(lang)}</label>
                <p class="hint">{Msg::ImprovementsDueHint.text(lang)}</p>
                {k.message("follow_up_due")}
                <input id=k.id("follow_up_due") type="date" name="change[follow_up_due]" value=k.value("follow_up_due", "")/>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn ClosureForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "record_closure", "closure");
    let (open, summary) = k.summary();
    let kind = k.value("kind", "");
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddClosure.text(lang)}</summary>
            <form method="post" action=RecordClosure::url() class="stack" data-testid="closure-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label for=k.id("noticed_on")>{Msg::NoticeDate.text(lang)}</label>
                {k.message("noticed_on")}
                <input id=k.id("noticed_on") type="date" name="change[noticed_on]" value=k.value("noticed_on", cx.today) required/>
                <label for=k.id("kind")>{Msg::ClosureKindLabel.text(lang)}</label>
                {k.message("kind")}
                <select id=k.id("kind") name="change[kind]" required>
                    <option value="">"—"</option>
                    {ClosureKind::ALL.iter().map(|c| view! {
                        <option value=c.key() selected=c.key() == kind>{c.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}
