//! Accounts: who is signed in, the sign-in page, and the admin's user management.

mod changes;
mod login;
mod password;
mod tokens;
mod users;

pub use changes::ChangesPage;
pub use login::LoginPage;
pub use password::PasswordPage;
pub use tokens::TokensPage;
pub use users::UsersPage;

use homeward_core::accounts::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;

/// The signed-in user, as pages need to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub display_name: String,
    pub role: Role,
    /// A director's RCI: their home page.
    pub rci_id: Option<i64>,
    /// How many things are late on My work, for an adviser or a director.
    pub late: Option<usize>,
}

/// Who is signed in (`None` on the sign-in page).
#[server(endpoint = "me")]
pub async fn me() -> Result<Option<SignedIn>, AppError> {
    let Some(s) = crate::server::session() else {
        return Ok(None);
    };
    // Someone still holding a one-time password has no work to count yet.
    let late = match crate::server::Ctx::signed_in() {
        Ok(ctx) => crate::work::late_count(&ctx).await?,
        Err(_) => None,
    };
    Ok(Some(SignedIn {
        display_name: s.display_name,
        role: s.actor.role,
        rci_id: s.actor.rci_id,
        late,
    }))
}

/// Every RCI by id and English name: what the admin's pages offer to choose and name RCIs by.
#[cfg(feature = "ssr")]
async fn rci_names<C: FromIterator<(i64, String)>>(
    store: &homeward_store::Store,
) -> Result<C, AppError> {
    Ok(store
        .rcis()
        .await?
        .into_iter()
        .map(|r| (r.id, r.value.name_en.to_string()))
        .collect())
}
