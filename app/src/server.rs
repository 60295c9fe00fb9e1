//! Server-only helpers for server functions: the shared state, who is asking, and the clock.

use chrono::{NaiveDate, Utc};
use homeward_core::accounts::{Actor, SessionPolicy};
use homeward_core::{Bilingual, Lang, RiskSettings};
use homeward_store::Store;
use leptos::prelude::*;

use crate::errors::AppError;

/// What every server function may need, provided as context by the server binary.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub settings: RiskSettings,
    pub sessions: SessionPolicy,
    /// Mark the session cookie `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// The organisation's name, as printed reports carry it (a server setting; may be blank).
    pub organisation: String,
}

/// The signed-in caller, put into each request by the server's authentication middleware.
#[derive(Clone, Debug)]
pub struct Session {
    pub actor: Actor,
    pub display_name: String,
    /// Signed in with a password an admin has seen: only the password change is open to them.
    pub must_change_password: bool,
}

/// The state, or a server error if the binary forgot to provide it.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Server
    })
}

/// The caller's session, if signed in.
pub fn session() -> Option<Session> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<Session>()
        .cloned()
}

/// The address the request came from, as the sign-in history records it.
pub fn client_address() -> String {
    use_context::<http::request::Parts>()
        .and_then(|parts| address_of(&parts.extensions))
        .unwrap_or_default()
}

/// The peer address the server put into a request's extensions, if any.
pub fn address_of(extensions: &http::Extensions) -> Option<String> {
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

/// What a server function works with once the caller is known and allowed: who asks and the
/// name their changes are recorded under, the store, the risk settings and today in Cambodia.
/// Each constructor is one authorisation, so that a server function reads: authorise, let the
/// core parse and decide, store, answer.
pub struct Ctx {
    pub actor: Actor,
    pub by: homeward_core::history::Editor,
    pub store: Store,
    pub settings: RiskSettings,
    pub today: NaiveDate,
}

impl Ctx {
    /// Any signed-in caller (one who still holds a one-time password is not, yet).
    pub fn signed_in() -> Result<Ctx, AppError> {
        Self::of(session().as_ref(), &state()?)
    }

    /// The context of a request outside server functions (an export), from its session.
    pub fn of(session: Option<&Session>, state: &AppState) -> Result<Ctx, AppError> {
        let session = session
            .filter(|s| !s.must_change_password)
            .ok_or(AppError::Unauthenticated)?;
        let name = homeward_core::Name::parse(&session.display_name)?;
        Ok(Ctx {
            by: homeward_core::history::Editor::user(session.actor.user_id, name),
            actor: session.actor.clone(),
            store: state.store.clone(),
            settings: state.settings,
            today: today(),
        })
    }

    /// A caller who may read this RCI: "not found" otherwise, never revealing that it exists.
    pub fn read(rci_id: i64) -> Result<Ctx, AppError> {
        let ctx = Self::signed_in()?;
        can_read(&ctx.actor, rci_id)?;
        Ok(ctx)
    }

    /// A caller who may change this RCI ("not allowed" if they may only read it).
    pub async fn edit(rci_id: i64) -> Result<Ctx, AppError> {
        let ctx = Self::signed_in()?;
        can_edit(&ctx.actor, rci_id).await?;
        Ok(ctx)
    }

    /// A caller who records the organisation's own work: tours, trainings, new partners.
    pub fn recorder() -> Result<Ctx, AppError> {
        let ctx = Self::signed_in()?;
        if !ctx.actor.can_edit_anything() {
            return Err(AppError::Forbidden);
        }
        Ok(ctx)
    }

    /// The organisation's cross-partner views: "not found" for a director, who must not see
    /// other RCIs.
    pub fn organisation() -> Result<Ctx, AppError> {
        Self::signed_in()?.across_partners()
    }

    /// This caller, if they may see the organisation's cross-partner views.
    pub fn across_partners(self) -> Result<Ctx, AppError> {
        if !self.actor.can_compare_partners() {
            return Err(AppError::NotFound);
        }
        Ok(self)
    }

    /// This caller, if they may set targets ("not allowed" for anyone else who got this far).
    pub fn setting_targets(self) -> Result<Ctx, AppError> {
        if !self.actor.can_set_targets() {
            return Err(AppError::Forbidden);
        }
        Ok(self)
    }

    /// This caller, if they may sign stages off ("not allowed" for anyone else who got this far).
    pub fn signing_off(self) -> Result<Ctx, AppError> {
        if !self.actor.can_sign_off() {
            return Err(AppError::Forbidden);
        }
        Ok(self)
    }

    /// An admin: "not found" for anyone else.
    pub fn admin() -> Result<Ctx, AppError> {
        let ctx = Self::signed_in()?;
        can_manage_users(&ctx.actor)?;
        Ok(ctx)
    }
}

/// The caller may read this RCI; otherwise "not found", never revealing that it exists.
pub fn can_read(actor: &Actor, rci_id: i64) -> Result<(), AppError> {
    if actor.can_read_rci(rci_id) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The caller may change this RCI. One who may read it but not change it is told so; one who
/// may not even read it, or asks for an RCI that does not exist, gets "not found".
pub async fn can_edit(actor: &Actor, rci_id: i64) -> Result<(), AppError> {
    can_read(actor, rci_id)?;
    if actor.can_edit_rci(rci_id) {
        return Ok(());
    }
    state()?.store.rci(rci_id).await?;
    Err(AppError::Forbidden)
}

/// Someone saved this entry since the page was read: the save is refused, saying so (their
/// version's number means nothing to the reader).
pub fn stale() -> AppError {
    use crate::i18n::Msg;
    let text = |lang| {
        format!(
            "{} {}",
            Msg::ChangedSinceOpened.text(lang),
            Msg::ReloadToSee.text(lang)
        )
    };
    AppError::Conflict(Bilingual::new(text(Lang::En), text(Lang::Km)))
}

/// Someone saved this record since the page was read: the refusal shows what they saved, each
/// field by its label, in both languages.
pub fn conflict(newer: &[(&str, String)]) -> AppError {
    let text = |lang| crate::history::fields_text(newer, lang);
    AppError::Conflict(Bilingual::new(text(Lang::En), text(Lang::Km)))
}

/// Only admins manage users.
pub fn can_manage_users(actor: &Actor) -> Result<(), AppError> {
    if actor.can_manage_users() {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The language of the request's page, from its cookie.
pub fn request_lang() -> homeward_core::Lang {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(crate::i18n::lang_from_cookie_header)
        })
        .unwrap_or_default()
}

/// After a successful save, sends the browser to `path` saying what was saved (`?saved=`), with a
/// number that gives each save a URL of its own: the page confirms the newest save, and the
/// islands router replaces the page rather than patching one whose lists changed.
pub fn redirect_saved(path: &str, saved: &str) {
    redirect_saved_then(path, saved, "");
}

/// As [`redirect_saved`], with more of the address after the query (`&item=3#item-3`).
pub fn redirect_saved_then(path: &str, saved: &str, tail: &str) {
    let n = chrono::Utc::now().timestamp_millis();
    leptos_axum::redirect(&format!("{path}?saved={saved}&n={n}{tail}"));
}

/// Today in Cambodia, where every partner works.
pub fn today() -> NaiveDate {
    homeward_core::calendar::cambodia_date(Utc::now())
}

/// Gives this page a fresh nonce and a Content-Security-Policy that allows only our own files
/// plus the inline scripts carrying that nonce (Leptos' hydration bootstrap).
pub fn content_security_policy() {
    leptos::nonce::provide_nonce();
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        nonce.as_inner()
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
