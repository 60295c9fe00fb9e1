//! Partner RCIs: what the partners list and an RCI's page show, and the server functions that
//! read them.

mod detail;
mod list;

pub use detail::RciPage;
pub use list::PartnersPage;

use homeward_core::{ChecklistItem, RciOverview, RciProfile, Stored};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;

/// One line of the partners list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciRow {
    pub rci: Stored<RciProfile>,
    pub overview: RciOverview,
}

/// Everything an RCI's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciDetail {
    pub rci: Stored<RciProfile>,
    pub overview: RciOverview,
    pub items: Vec<Stored<ChecklistItem>>,
}

/// Every partner RCI with its overview.
#[server]
pub async fn list_rcis() -> Result<Vec<RciRow>, AppError> {
    let state = crate::server::state()?;
    let rows = state
        .store
        .rci_overviews(&state.settings, crate::server::today())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(rci, overview)| RciRow { rci, overview })
        .collect())
}

/// One RCI's profile, overview and checklist.
#[server]
pub async fn get_rci(id: i64) -> Result<RciDetail, AppError> {
    let state = crate::server::state()?;
    let rci = state.store.rci(id).await?;
    let overview = state
        .store
        .rci_overview(&rci, &state.settings, crate::server::today())
        .await?;
    let items = state.store.checklist(id).await?;
    Ok(RciDetail {
        rci,
        overview,
        items,
    })
}
