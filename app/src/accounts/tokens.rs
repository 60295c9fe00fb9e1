//! The admin's tokens for the read-only API (`/api/v1`): create one for a dashboard (every
//! partner, or a list of RCIs), copy its secret the one time it is shown, see when each was last
//! used, and revoke one that leaked or is no longer needed.

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::{refusal, PageTitle};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

/// One token as the admin sees it: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    /// The names of the RCIs it may read; `None` for every partner.
    pub rcis: Option<Vec<String>>,
    pub created_by: String,
    /// Cambodian time, to the minute.
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// Everything the tokens page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensData {
    pub tokens: Vec<TokenRow>,
    /// Every RCI (id, English name), for the list a token may read.
    pub rcis: Vec<(i64, String)>,
    /// The secret of the token this admin just created, shown once.
    pub secret: Option<String>,
}

#[server(endpoint = "list_api_tokens")]
pub async fn list_api_tokens() -> Result<TokensData, AppError> {
    use homeward_core::api_tokens::TokenScope;
    let ctx = crate::server::Ctx::admin()?;
    let rcis: Vec<(i64, String)> = super::rci_names(&ctx.store).await?;
    let minute = homeward_core::calendar::cambodia_minute;
    let tokens = ctx
        .store
        .api_tokens()
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.value.name.to_string(),
            rcis: match &t.value.scope {
                TokenScope::AllPartners => None,
                TokenScope::Rcis(ids) => Some(
                    rcis.iter()
                        .filter(|(id, _)| ids.contains(id))
                        .map(|(_, name)| name.clone())
                        .collect(),
                ),
            },
            created_by: t.value.created_by.to_string(),
            created_at: minute(t.value.created_at),
            last_used_at: t.value.last_used_at.map(minute),
            revoked_at: t.value.revoked_at.map(minute),
        })
        .collect();
    Ok(TokensData {
        tokens,
        rcis,
        secret: ctx
            .store
            .take_flash(
                ctx.actor.user_id,
                homeward_store::flashes::Flash::ApiToken,
                chrono::Utc::now(),
            )
            .await?,
    })
}

/// Creates a token from the form (`token[name]`, `token[scope]`, `token[rci_<id>]`) and keeps its
/// secret for the page the admin lands on, once.
#[server(endpoint = "create_api_token")]
pub async fn create_api_token(token: HashMap<String, String>) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    let new = homeward_core::api_tokens::NewToken::from_form(&token)?;
    let now = chrono::Utc::now();
    let (_, secret) = ctx.store.create_api_token(&new, &ctx.by, now).await?;
    ctx.store
        .keep_flash(
            ctx.actor.user_id,
            homeward_store::flashes::Flash::ApiToken,
            &secret,
            now,
        )
        .await?;
    crate::server::redirect_saved("/admin/tokens", "token");
    Ok(())
}

/// Revokes a token: it answers nothing from now on.
#[server(endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::admin()?;
    ctx.store
        .revoke_api_token(id, &ctx.by, chrono::Utc::now())
        .await?;
    crate::server::redirect_saved("/admin/tokens", "revoked");
    Ok(())
}

#[component]
pub fn TokensPage() -> impl IntoView {
    let lang = use_lang();
    let revoked = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved")
        .as_deref()
        == Some("revoked");
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let data = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_api_tokens(),
    );
    view! {
        <PageTitle text=Msg::ApiTokensTitle.text(lang)/>
        <h1>{Msg::ApiTokensTitle.text(lang)}</h1>
        <p>
            {Msg::ApiTokensIntro.text(lang)} " "
            <a href="/api/v1/openapi.json" data-testid="openapi">{Msg::ApiDescription.text(lang)}</a>
        </p>
        <Transition fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let saved_note = match (revoked, &data.secret) {
                    (_, Some(secret)) => Some(view! {
                        <div class="saved" role="status" data-testid="secret">
                            <p>{Msg::ApiTokenOnce.text(lang)}</p>
                            <p><code class="secret-value" translate="no">{secret.clone()}</code></p>
                        </div>
                    }.into_any()),
                    (true, None) => Some(view! {
                        <p class="saved" role="status">{Msg::ApiTokenRevoked.text(lang)}</p>
                    }.into_any()),
                    _ => None,
                };
                view! {
                    {saved_note}
                    <section class="panel">
                        <h2>{Msg::NewApiToken.text(lang)}</h2>
                        <ActionForm action=create attr:class="stack" attr:data-testid="create-token">
                            <label>{Msg::ApiTokenName.text(lang)} <input name="token[name]" required maxlength="120"/></label>
                            <fieldset>
                                <legend>{Msg::ApiTokenReads.text(lang)}</legend>
                                <label class="check"><input type="radio" name="token[scope]" value="all" checked/> {Msg::EveryPartner.text(lang)}</label>
                                <label class="check"><input type="radio" name="token[scope]" value="rcis"/> {Msg::OnlyTheseRcis.text(lang)}</label>
                                <div class="choices">
                                    {data
                                        .rcis
                                        .iter()
                                        .map(|(id, name)| view! {
                                            <label class="check">
                                                <input type="checkbox" name=format!("token[rci_{id}]")/>
                                                " " <span translate="no">{name.clone()}</span>
                                            </label>
                                        })
                                        .collect_view()}
                                </div>
                            </fieldset>
                            <button type="submit">{Msg::Create.text(lang)}</button>
                        </ActionForm>
                        {refusal(create.value(), lang)}
                    </section>
                    {refusal(revoke.value(), lang)}
                    <TokensTable tokens=data.tokens revoke lang/>
                }
                    .into_any()
            })}
        </Transition>
    }
}

#[component]
fn TokensTable(
    tokens: Vec<TokenRow>,
    revoke: ServerAction<RevokeApiToken>,
    lang: homeward_core::Lang,
) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p class="empty" data-testid="no-tokens">{Msg::NoApiTokens.text(lang)}</p> }.into_any();
    }
    view! {
        <table class="data tokens">
            <thead>
                <tr>
                    <th scope="col">{Msg::ApiTokenName.text(lang)}</th>
                    <th scope="col">{Msg::ApiTokenReads.text(lang)}</th>
                    <th scope="col">{Msg::CreatedBy.text(lang)}</th>
                    <th scope="col">{Msg::LastUsed.text(lang)}</th>
                    <th scope="col">{Msg::Actions.text(lang)}</th>
                </tr>
            </thead>
            <tbody>
                {tokens
                    .into_iter()
                    .map(|t| {
                        let reads = match t.rcis {
                            None => view! { <span>{Msg::EveryPartner.text(lang)}</span> }.into_any(),
                            Some(names) => view! { <span translate="no">{names.join(", ")}</span> }.into_any(),
                        };
                        let revoked = t.revoked_at.is_some();
                        view! {
                            <tr class="token" class:inactive=revoked data-token=t.id>
                                <td><strong id=format!("token-{}", t.id) translate="no">{t.name}</strong></td>
                                <td data-label=Msg::ApiTokenReads.text(lang)>{reads}</td>
                                <td data-label=Msg::CreatedBy.text(lang)><span translate="no">{t.created_by}</span>" · "{t.created_at}</td>
                                <td data-label=Msg::LastUsed.text(lang)>
                                    {t.last_used_at.unwrap_or_else(|| Msg::NeverUsed.text(lang).to_string())}
                                </td>
                                <td class="actions">
                                    {match t.revoked_at {
                                        Some(at) => view! {
                                            <span class="tag">{format!("{} {at}", Msg::RevokedOn.text(lang))}</span>
                                        }.into_any(),
                                        None => view! {
                                            <ActionForm action=revoke attr:class="inline">
                                                <input type="hidden" name="id" value=t.id/>
                                                <button type="submit" class="secondary" aria-describedby=format!("token-{}", t.id)>{Msg::Revoke.text(lang)}</button>
                                            </ActionForm>
                                        }.into_any(),
                                    }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
