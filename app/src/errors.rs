//! The errors a page can meet, as the user should read them.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use homeward_core::{Bilingual, Lang};

use crate::i18n::Msg;

/// What a server function answers instead of a result. Serialised to the browser, so it carries
/// only what the user may see (never a database message).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum AppError {
    /// Missing, or outside what the caller may see: the two are deliberately indistinguishable.
    #[error("not found")]
    NotFound,
    /// Not signed in (or the session expired).
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, allowed to see this, but not to change it.
    #[error("not allowed")]
    Forbidden,
    /// The input was refused; the text says which value and why, in both languages.
    #[error("{}", .0.en)]
    Invalid(Bilingual),
    /// One form field was refused: the page shows the message next to that field.
    #[error("{}", .message.en)]
    Field { field: String, message: Bilingual },
    /// Someone saved first; the text shows what they saved, in both languages.
    #[error("{}", .0.en)]
    Conflict(Bilingual),
    /// What was asked does not fit where the record stands (a stage not yet done, or already
    /// signed off): nothing changed, and the text says why.
    #[error("{}", .0.en)]
    NotNow(Bilingual),
    /// A save sent again from a phone's outbox: it was taken the first time, nothing changed.
    #[error("already saved")]
    AlreadySaved,
    /// Too many wrong passwords: the account waits before it is tried again.
    #[error("{}", .0.en)]
    TooManyTries(Bilingual),
    /// The server is busy with other sign-ins; try again in a moment.
    #[error("busy")]
    Busy,
    /// Anything else; details are in the server log.
    #[error("server problem")]
    Server,
}

impl AppError {
    /// A refusal of the input as a whole, from a core error or a message of the app.
    pub fn invalid(reason: impl Into<Bilingual>) -> Self {
        AppError::Invalid(reason.into())
    }

    /// The message to show, in the page's language (validation details come from the core).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => Msg::NotFound.text(lang).to_string(),
            AppError::Unauthenticated => Msg::SignInAgain.text(lang).to_string(),
            AppError::Forbidden => Msg::NotAllowed.text(lang).to_string(),
            AppError::Invalid(detail) => detail.get(lang).to_string(),
            AppError::Field { message, .. } => message.get(lang).to_string(),
            AppError::Conflict(detail) => {
                format!("{} {}", Msg::ConflictIntro.text(lang), detail.get(lang))
            }
            AppError::NotNow(detail) | AppError::TooManyTries(detail) => {
                detail.get(lang).to_string()
            }
            AppError::AlreadySaved => Msg::AlreadySaved.text(lang).to_string(),
            AppError::Busy => Msg::Busy.text(lang).to_string(),
            AppError::Server => Msg::ServerProblem.text(lang).to_string(),
        }
    }

    /// The HTTP status of this refusal, the same for server functions, pages and exports.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Invalid(_) | AppError::Field { .. } => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) | AppError::NotNow(_) | AppError::AlreadySaved => {
                StatusCode::CONFLICT
            }
            AppError::TooManyTries(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Server => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Arguments that do not parse are the caller's fault (a forged or broken request): a 400
    /// saying so. Anything else is the server's.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::invalid(Msg::MalformedRequest)
            }
            other => {
                leptos::logging::error!("server function failed: {other}");
                AppError::Server
            }
        }
    }
}

impl From<homeward_core::FieldError> for AppError {
    fn from(e: homeward_core::FieldError) -> Self {
        AppError::Field {
            field: e.field,
            message: e.message,
        }
    }
}

impl From<homeward_core::ValueError> for AppError {
    fn from(e: homeward_core::ValueError) -> Self {
        AppError::invalid(e)
    }
}

#[cfg(feature = "ssr")]
impl From<homeward_store::StoreError> for AppError {
    fn from(e: homeward_store::StoreError) -> Self {
        use homeward_store::StoreError;
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Invalid(msg) => AppError::Invalid(msg),
            StoreError::Field(e) => e.into(),
            // Callers that can show the newer value do so before this generic message.
            StoreError::Conflict { .. } => AppError::Conflict(Bilingual::new("", "")),
            StoreError::Account(e @ homeward_core::accounts::AccountError::LockedOut { .. }) => {
                AppError::TooManyTries(e.into())
            }
            StoreError::Account(e) => AppError::invalid(e),
            StoreError::SignOff(e) => AppError::NotNow(e.into()),
            StoreError::Evidence(e) => AppError::invalid(e),
            StoreError::Busy => AppError::Busy,
            StoreError::AlreadySaved => AppError::AlreadySaved,
            other => {
                tracing::error!("storage error: {other}");
                AppError::Server
            }
        }
    }
}
