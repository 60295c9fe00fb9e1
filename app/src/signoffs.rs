//! Stage sign-off on an RCI's checklist: the adviser asks once a stage's steps are done, an
//! admin signs it off or returns it with what is missing. Plain forms: the same with or
//! without JavaScript.

use homeward_core::signoffs::{SignOff, StageState};
use homeward_core::{Stage, Track};
use leptos::prelude::*;

use crate::components::{field_error, form_error};
use crate::drafts::{field_message, ErrorSummary};
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::rcis::RciContext;
#[cfg(feature = "ssr")]
use crate::rcis::{Saved, Section};

/// The stage a form names: its hidden field, never typed, so a bad one refuses the form.
#[cfg(feature = "ssr")]
fn stage_of(key: &str) -> Result<Stage, AppError> {
    match Track::parse(key).map_err(AppError::invalid)? {
        Track::Stage(stage) => Ok(stage),
        Track::Organisation => Err(AppError::invalid(Msg::NotAStage)),
    }
}

/// Back to the stage on the checklist, which confirms the step.
#[cfg(feature = "ssr")]
fn back_to_stage(rci_id: i64, saved: Saved, stage: Stage) {
    crate::server::redirect_saved_then(
        &Section::Checklist.href(rci_id),
        saved.key(),
        &format!("#track-{}", Track::Stage(stage).key()),
    );
}

/// The adviser asks for a stage to be signed off: refused (409, nothing changed) unless every
/// step of it that counts is done, and while a request waits or once signed off.
#[server(endpoint = "request_sign_off")]
pub async fn request_sign_off(rci_id: i64, stage: String) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let stage = stage_of(&stage)?;
    ctx.store
        .request_sign_off(rci_id, stage, &ctx.by, ctx.today)
        .await?;
    back_to_stage(rci_id, Saved::SignOffRequested, stage);
    Ok(())
}

/// An admin signs a waiting stage off, or returns it with a note of what is missing.
#[server(endpoint = "decide_sign_off")]
pub async fn decide_sign_off(
    rci_id: i64,
    stage: String,
    decision: String,
    note: Option<String>,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::read(rci_id)?.signing_off()?;
    let stage = stage_of(&stage)?;
    let decision = homeward_core::signoffs::DecisionInput {
        decision,
        note: note.unwrap_or_default(),
    }
    .parse()?;
    let saved = match decision {
        homeward_core::signoffs::Decision::Approve => Saved::SignOffApproved,
        homeward_core::signoffs::Decision::Return(_) => Saved::SignOffReturned,
    };
    ctx.store
        .decide_sign_off(rci_id, stage, decision, &ctx.by, ctx.today)
        .await?;
    back_to_stage(rci_id, saved, stage);
    Ok(())
}

/// A stage's sign-off in a word, for the track's heading line.
pub fn state_word(state: &StageState) -> Option<Msg> {
    match state {
        StageState::Open | StageState::Ready => None,
        StageState::Awaiting(_) => Some(Msg::AwaitingSignOff),
        StageState::Returned(_) => Some(Msg::SignOffReturnedWord),
        StageState::SignedOff(_) => Some(Msg::SignedOff),
    }
}

/// "on 2026-12-03 by Sokha": when and by whom, the name as typed.
fn on_by(s: &SignOff, lang: homeward_core::Lang) -> AnyView {
    view! {
        {format!(" {} {} {} ", Msg::OnDay.text(lang), s.on, Msg::ByPerson.text(lang))}
        <span translate="no">{s.by.to_string()}</span>
    }
    .into_any()
}

/// Where a stage's sign-off stands, and the buttons for the next step: "ask" for an adviser
/// once every step is done, "sign off" and "return" for an admin once asked.
#[component]
pub fn SignOffPanel(
    stage: Stage,
    state: StageState,
    /// Every step that counts is done.
    complete: bool,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let key = Track::Stage(stage).key();
    let ask = ServerAction::<RequestSignOff>::new();
    let decide = ServerAction::<DecideSignOff>::new();
    let asked = Signal::derive(move || {
        (ask.version().get() > 0)
            .then(|| ask.value().get())
            .flatten()
    });
    let decided = Signal::derive(move || {
        (decide.version().get() > 0)
            .then(|| decide.value().get())
            .flatten()
    });
    // A refusal that came back in the URL belongs to this stage's form only.
    let refused = cx.refused.get_value().filter(|r| {
        r.is_of("decide_sign_off", "stage", key) || r.is_of("request_sign_off", "stage", key)
    });
    let note_typed = refused
        .as_ref()
        .and_then(|r| r.value("note"))
        .unwrap_or_default();
    // Refused, the form comes back at a summary of what is wrong, the note as it was typed.
    let summary = refused.clone().map(|r| {
        view! { <ErrorSummary refused=r anchor=move |_| format!("sign-off-note-{key}") lang/> }
    });
    let line = match &state {
        StageState::Open => return ().into_any(),
        StageState::Ready => view! { <p>{Msg::ReadyForSignOff.text(lang)}</p> }.into_any(),
        StageState::Awaiting(s) => view! {
            <p>{Msg::AwaitingSignOff.text(lang)} ": " {Msg::AskedForSignOff.text(lang)} {on_by(s, lang)}</p>
        }
        .into_any(),
        StageState::Returned(s) => view! {
            <p>{Msg::SignOffReturnedWord.text(lang)} {on_by(s, lang)}</p>
            <p class="returned-note"><strong>{Msg::WhatIsMissing.text(lang)} ": "</strong>
                <span translate="no" data-testid="sign-off-note">{s.note.as_str().to_string()}</span></p>
        }
        .into_any(),
        StageState::SignedOff(s) => view! {
            <p>{Msg::SignedOff.text(lang)} {on_by(s, lang)}</p>
        }
        .into_any(),
    };
    // Returned, it may be asked for again once its steps are done.
    let can_ask = cx.can_edit
        && (matches!(&state, StageState::Ready)
            || complete && matches!(&state, StageState::Returned(_)));
    let can_decide = cx.can_sign_off && matches!(&state, StageState::Awaiting(_));
    let kind = match &state {
        StageState::Open => "open",
        StageState::Ready => "ready",
        StageState::Awaiting(_) => "awaiting",
        StageState::Returned(_) => "returned",
        StageState::SignedOff(_) => "signed-off",
    };
    view! {
        <div class=format!("sign-off sign-off-{kind}") data-testid=format!("sign-off-{key}") data-state=kind>
            {line}
            {summary}
            {can_ask.then(|| view! {
                <ActionForm action=ask attr:class="inline">
                    <input type="hidden" name="rci_id" value=cx.rci_id/>
                    <input type="hidden" name="stage" value=key/>
                    <button type="submit">{Msg::AskForSignOff.text(lang)}</button>
                    {form_error(asked, lang)}
                </ActionForm>
            })}
            {can_decide.then(|| view! {
                <div class="decide">
                    <ActionForm action=decide attr:class="inline">
                        <input type="hidden" name="rci_id" value=cx.rci_id/>
                        <input type="hidden" name="stage" value=key/>
                        <input type="hidden" name="decision" value="approve"/>
                        <button type="submit">{Msg::SignOffButton.text(lang)}</button>
                    </ActionForm>
                    <ActionForm action=decide attr:class="stack return-form">
                        <input type="hidden" name="rci_id" value=cx.rci_id/>
                        <input type="hidden" name="stage" value=key/>
                        <input type="hidden" name="decision" value="return"/>
                        <label>{Msg::WhatIsMissing.text(lang)}
                            <input type="text" name="note" maxlength=homeward_core::Note::MAX.to_string() value=note_typed
                                id=format!("sign-off-note-{key}")/>
                        </label>
                        {field_error(decided, "note")}
                        {field_message(refused.as_ref(), "note", lang)}
                        <button type="submit" class="secondary">{Msg::ReturnStage.text(lang)}</button>
                        {form_error(decided, lang)}
                    </ActionForm>
                </div>
            })}
        </div>
    }
    .into_any()
}
