//! Server-only helpers for server functions: the shared state and the clock.

use chrono::{Duration, NaiveDate, Utc};
use homeward_core::RiskSettings;
use homeward_store::Store;
use leptos::prelude::*;

use crate::errors::AppError;

/// What every server function may need, provided as context by the server binary.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub settings: RiskSettings,
}

/// The state, or a server error if the binary forgot to provide it.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        log::error!("AppState missing from context");
        AppError::Server
    })
}

/// Today in Cambodia (UTC+7, no daylight saving), where every partner works.
pub fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}
