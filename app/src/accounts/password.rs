//! Choosing one's own password: required after an admin's reset, since the admin has seen the
//! one-time password.

use leptos::prelude::*;

use crate::components::PageTitle;
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

/// Changes the caller's password. Open to a session that still holds a one-time password (the
/// only thing such a session may do). Every session of the user ends, so they sign in afresh.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current: String,
    new_password: String,
    confirm: String,
) -> Result<(), AppError> {
    use homeward_core::accounts::{AccountError, Password};
    use homeward_store::StoreError;

    let session = crate::server::session().ok_or(AppError::Unauthenticated)?;
    let new = Password::parse(&new_password).map_err(AppError::invalid)?;
    if new_password != confirm {
        return Err(AppError::invalid(Msg::PasswordsDiffer));
    }
    let state = crate::server::state()?;
    match state
        .store
        .change_own_password(
            session.actor.user_id,
            &current,
            &new,
            chrono::Utc::now(),
            &crate::server::client_address(),
        )
        .await
    {
        Err(StoreError::Account(AccountError::WrongCredentials)) => {
            Err(AppError::invalid(Msg::CurrentPasswordWrong))
        }
        other => {
            other?;
            // Every session of the user has ended: on to signing in with the new password.
            leptos_axum::redirect("/login?changed=1");
            Ok(())
        }
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let change = ServerAction::<ChangePassword>::new();
    let refused = change.value();
    view! {
        <PageTitle text=Msg::ChangePassword.text(lang)/>
        <section class="login">
            <h1>{Msg::ChangePassword.text(lang)}</h1>
            <p class="muted">{Msg::ChangePasswordIntro.text(lang)}</p>
            {crate::components::refusal(refused, lang)}
            <ActionForm action=change attr:class="stack">
                <label for="current">{Msg::CurrentPassword.text(lang)}</label>
                <input id="current" name="current" type="password" autocomplete="current-password" required/>
                <label for="new_password">{Msg::NewPassword.text(lang)}</label>
                <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="10" required/>
                <label for="confirm">{Msg::ConfirmPassword.text(lang)}</label>
                <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="10" required/>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </ActionForm>
        </section>
    }
}
