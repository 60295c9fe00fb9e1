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
    /// Whether the caller may change this RCI: pages show edit controls only then.
    pub can_edit: bool,
}

/// Every partner RCI the caller may see, with its overview.
#[server(endpoint = "list_rcis")]
pub async fn list_rcis() -> Result<Vec<RciRow>, AppError> {
    let actor = crate::server::actor()?;
    let state = crate::server::state()?;
    let rows = state
        .store
        .rci_overviews(&state.settings, crate::server::today())
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(rci, _)| actor.can_read_rci(rci.id))
        .map(|(rci, overview)| RciRow { rci, overview })
        .collect())
}

/// One RCI's profile, overview and checklist.
#[server(endpoint = "get_rci")]
pub async fn get_rci(id: i64) -> Result<RciDetail, AppError> {
    let actor = crate::server::actor()?;
    crate::server::can_read(&actor, id)?;
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
        can_edit: actor.can_edit_rci(id),
    })
}
