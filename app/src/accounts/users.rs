//! The admin's user management: list, create, change role and RCIs, reset password, deactivate.

use homeward_core::accounts::Role;
use homeward_core::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::{refusal, PageTitle};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;

/// One user as the admin sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub version: i64,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub rci_id: Option<i64>,
    pub assigned_rcis: Vec<i64>,
    pub active: bool,
}

/// Everything the users page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersData {
    pub users: Vec<UserRow>,
    /// Every RCI (id, English name), for the director and adviser choices.
    pub rcis: Vec<(i64, String)>,
    /// The newest sign-in tries: (when, login, outcome, address).
    pub sign_ins: Vec<(String, String, String, String)>,
    /// A one-time password this admin just created or reset, shown once.
    pub one_time: Option<String>,
}

#[server(endpoint = "list_users")]
pub async fn list_users() -> Result<UsersData, AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let users = ctx
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            version: u.version,
            login: u.value.login.as_str().to_string(),
            display_name: u.value.display_name.to_string(),
            role: u.value.role,
            rci_id: u.value.rci_id,
            assigned_rcis: u.value.assigned_rcis,
            active: u.value.active,
        })
        .collect();
    let rcis = super::rci_names(&ctx.store).await?;
    let sign_ins = ctx
        .store
        .login_history(30)
        .await?
        .into_iter()
        .map(|a| {
            (
                homeward_core::calendar::cambodia_minute(a.attempted_at),
                a.login,
                a.outcome,
                a.remote,
            )
        })
        .collect();
    Ok(UsersData {
        users,
        rcis,
        sign_ins,
        one_time: ctx
            .store
            .take_flash(
                ctx.actor.user_id,
                homeward_store::flashes::Flash::Password,
                chrono::Utc::now(),
            )
            .await?,
    })
}

/// The optional RCI chosen in a form ("" for none).
#[cfg(feature = "ssr")]
fn chosen_rci(raw: Option<String>) -> Result<Option<i64>, AppError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(id) => id
            .parse()
            .map(Some)
            .map_err(|_| AppError::invalid(homeward_core::rcis::unknown_rci(id))),
    }
}

/// Creates a user and answers with their one-time password, shown once to the admin.
#[server(endpoint = "create_user")]
pub async fn create_user(
    login: String,
    display_name: String,
    role: String,
    rci_id: Option<String>,
) -> Result<String, AppError> {
    use homeward_core::accounts::{Login, NewUser};
    use homeward_core::Name;

    let ctx = crate::server::Ctx::admin()?;
    let role = Role::parse(&role).map_err(AppError::invalid)?;
    let rci = chosen_rci(rci_id)?;
    if let Some(id) = rci {
        ctx.store.rci(id).await?;
    }
    let (director_rci, assigned) = match role {
        Role::Director => (rci, vec![]),
        Role::Adviser => (None, rci.into_iter().collect()),
        _ => (None, vec![]),
    };
    let new = NewUser::new(
        Login::parse(&login).map_err(AppError::invalid)?,
        Name::parse_field("display name", &display_name)?,
        role,
        director_rci,
        assigned,
        crate::server::request_lang(),
    )
    .map_err(AppError::invalid)?;
    let password = ctx.store.one_time_password();
    ctx.store
        .create_user(&new, &password, true, &ctx.by)
        .await?;
    ctx.store
        .keep_flash(
            ctx.actor.user_id,
            homeward_store::flashes::Flash::Password,
            password.as_str(),
            chrono::Utc::now(),
        )
        .await?;
    crate::server::redirect_saved("/admin/users", "password");
    Ok(password.as_str().to_string())
}

/// Changes a user's role and RCI: a director's RCI, or for an adviser an RCI added to their
/// assignments (`rci_id`) and one taken away (`remove_rci`).
#[server(endpoint = "update_user")]
pub async fn update_user(
    user_id: i64,
    version: i64,
    role: String,
    rci_id: Option<String>,
    remove_rci: Option<String>,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let role = Role::parse(&role).map_err(AppError::invalid)?;
    let rci = chosen_rci(rci_id)?;
    if let Some(id) = rci {
        ctx.store.rci(id).await?;
    }
    let removed = chosen_rci(remove_rci)?;
    let current = ctx.store.user(user_id).await?;
    let (director_rci, assigned) = match role {
        Role::Director => (rci, vec![]),
        Role::Adviser => {
            let mut assigned = current.value.assigned_rcis.clone();
            assigned.extend(rci.filter(|id| !assigned.contains(id)));
            assigned.retain(|id| Some(*id) != removed);
            (None, assigned)
        }
        Role::Admin | Role::Viewer => (None, vec![]),
    };
    ctx.store
        .update_user(user_id, version, role, director_rci, assigned, &ctx.by)
        .await?;
    crate::server::redirect_saved("/admin/users", "user");
    Ok(())
}

/// Sets a new one-time password and answers with it.
#[server(endpoint = "reset_password")]
pub async fn reset_password(user_id: i64) -> Result<String, AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let password = ctx.store.one_time_password();
    ctx.store
        .set_password(user_id, &password, true, &ctx.by)
        .await?;
    ctx.store
        .keep_flash(
            ctx.actor.user_id,
            homeward_store::flashes::Flash::Password,
            password.as_str(),
            chrono::Utc::now(),
        )
        .await?;
    crate::server::redirect_saved("/admin/users", "password");
    Ok(password.as_str().to_string())
}

/// Deactivates or reactivates a user; the last active admin cannot be deactivated.
#[server(endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    ctx.store.set_active(user_id, active, &ctx.by).await?;
    crate::server::redirect_saved("/admin/users", "user");
    Ok(())
}

/// The words for a stored sign-in outcome code (see the store's `login_attempts`).
fn outcome_label(code: &str) -> Option<Msg> {
    Some(match code {
        "checking" => Msg::SignInChecking,
        "success" => Msg::SignInSuccess,
        "wrong_password" => Msg::SignInWrongPassword,
        "unknown_login" => Msg::SignInUnknownLogin,
        "locked_out" => Msg::SignInLockedOut,
        "disabled" => Msg::SignInDisabled,
        _ => return None,
    })
}

#[component]
fn RoleAndRci(rcis: Vec<(i64, String)>, role: Role, rci: Option<i64>, lang: Lang) -> impl IntoView {
    view! {
        <label>
            {Msg::Role.text(lang)}
            <select name="role">
                {Role::ALL
                    .into_iter()
                    .map(|r| view! { <option value=r.key() selected=r == role>{r.label().text(lang)}</option> })
                    .collect_view()}
            </select>
        </label>
        <label>
            {Msg::RciForRole.text(lang)}
            <select name="rci_id">
                <option value="">"—"</option>
                {rcis
                    .into_iter()
                    .map(|(id, name)| view! { <option value=id selected=Some(id) == rci translate="no">{name}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let saved_user = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved")
        .as_deref()
        == Some("user");
    let create = ServerAction::<CreateUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let activate = ServerAction::<SetUserActive>::new();
    let data = Resource::new(
        move || {
            (
                create.version().get(),
                update.version().get(),
                activate.version().get(),
            )
        },
        |_| list_users(),
    );
    view! {
        <PageTitle text=Msg::UsersTitle.text(lang)/>
        <h1>{Msg::UsersTitle.text(lang)}</h1>
        <Transition fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let choices = data.rcis.clone();
                let new_options = data.rcis.clone();
                let rcis = data.rcis;
                let rci_name = move |id: i64| {
                    rcis.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default()
                };
                view! {
                    <section class="panel">
                        <h2>{Msg::NewUser.text(lang)}</h2>
                        <ActionForm action=create attr:class="stack" attr:data-testid="create-user">
                            <label>{Msg::LoginName.text(lang)} <input name="login" required/></label>
                            <label>{Msg::DisplayName.text(lang)} <input name="display_name" required/></label>
                            <RoleAndRci rcis=new_options role=Role::Viewer rci=None lang/>
                            <button type="submit">{Msg::Create.text(lang)}</button>
                        </ActionForm>
                        {refusal(create.value(), lang)}
                    </section>
                    {data.one_time.map(|password| view! {
                        <p class="saved" role="status">{format!("{} {password}", Msg::OneTimePassword.text(lang))}</p>
                    })}
                    {saved_user.then(|| view! { <p class="saved" role="status">{Msg::Saved.text(lang)}</p> })}
                    {refusal(update.value(), lang)}
                    {refusal(reset.value(), lang)}
                    {refusal(activate.value(), lang)}
                    <table class="users">
                        <thead>
                            <tr>
                                <th scope="col">{Msg::LoginName.text(lang)}</th>
                                <th scope="col">{Msg::Role.text(lang)}</th>
                                <th scope="col">{Msg::RciForRole.text(lang)}</th>
                                <th scope="col">{Msg::Actions.text(lang)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data
                                .users
                                .into_iter()
                                .map(|u| {
                                    let options = choices.clone();
                                    let rcis_text = u
                                        .rci_id
                                        .into_iter()
                                        .chain(u.assigned_rcis.iter().copied())
                                        .map(&rci_name)
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    // An adviser's assignments, any of which the admin may remove.
                                    let removable: Vec<(i64, String)> = match u.role {
                                        Role::Adviser => u
                                            .assigned_rcis
                                            .iter()
                                            .map(|id| (*id, rci_name(*id)))
                                            .collect(),
                                        Role::Admin | Role::Director | Role::Viewer => vec![],
                                    };
                                    view! {
                                        <tr class="user" class:inactive=!u.active data-login=u.login.clone()>
                                            <td>
                                                <strong translate="no">{u.display_name.clone()}</strong>
                                                <div class="muted small" translate="no">{u.login.clone()}</div>
                                                {(!u.active).then(|| view! { <span class="tag">{Msg::Inactive.text(lang)}</span> })}
                                            </td>
                                            <td data-label=Msg::Role.text(lang)>{u.role.label().text(lang)}</td>
                                            <td data-label=Msg::RciForRole.text(lang)><span translate="no">{rcis_text}</span></td>
                                            <td class="actions">
                                                <ActionForm action=update attr:class="inline">
                                                    <input type="hidden" name="user_id" value=u.id/>
                                                    <input type="hidden" name="version" value=u.version/>
                                                    <RoleAndRci rcis=options role=u.role rci=u.rci_id lang/>
                                                    {(!removable.is_empty()).then(|| view! {
                                                        <label>
                                                            {Msg::RemoveAssignment.text(lang)}
                                                            <select name="remove_rci">
                                                                <option value="">"—"</option>
                                                                {removable
                                                                    .into_iter()
                                                                    .map(|(id, name)| view! { <option value=id translate="no">{name}</option> })
                                                                    .collect_view()}
                                                            </select>
                                                        </label>
                                                    })}
                                                    <button type="submit">{Msg::Save.text(lang)}</button>
                                                </ActionForm>
                                                <ActionForm action=reset attr:class="inline">
                                                    <input type="hidden" name="user_id" value=u.id/>
                                                    <button type="submit" class="secondary">{Msg::ResetPassword.text(lang)}</button>
                                                </ActionForm>
                                                <ActionForm action=activate attr:class="inline">
                                                    <input type="hidden" name="user_id" value=u.id/>
                                                    <input type="hidden" name="active" value=(!u.active).to_string()/>
                                                    <button type="submit" class="secondary">
                                                        {if u.active { Msg::Deactivate.text(lang) } else { Msg::Activate.text(lang) }}
                                                    </button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <section class="panel" data-testid="sign-ins">
                        <h2>{Msg::SignInHistory.text(lang)}</h2>
                        <table class="data">
                            <thead>
                                <tr>
                                    <th scope="col">{Msg::When.text(lang)}</th>
                                    <th scope="col">{Msg::LoginName.text(lang)}</th>
                                    <th scope="col">{Msg::Outcome.text(lang)}</th>
                                    <th scope="col">{Msg::Address.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {data
                                    .sign_ins
                                    .into_iter()
                                    .map(|(when, login, outcome, remote)| {
                                        let class = format!("sign-in outcome-{outcome}");
                                        view! {
                                        <tr class=class>
                                            <td>{when}</td>
                                            <td translate="no">{login}</td>
                                            <td>{outcome_label(&outcome).map_or(outcome, |m| m.text(lang).to_string())}</td>
                                            <td translate="no">{remote}</td>
                                        </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
                    .into_any()
            })}
        </Transition>
    }
}
