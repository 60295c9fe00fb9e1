//! Offline saves taken once. A request that carries a save's id ([`SaveId`]) runs inside
//! [`once`]; its first write transaction records the id and is refused with
//! [`StoreError::AlreadySaved`] if the id was recorded before. The id and the save commit or roll
//! back together, so a save refused for another reason (a conflict) can be sent again, and one
//! taken is never taken twice, by this server or another on the same database.

use std::cell::RefCell;
use std::future::Future;

use chrono::Utc;
use homeward_core::offline::SaveId;

use crate::db::{Instant, Tx};
use crate::{Result, StoreError};

tokio::task_local! {
    static SAVE_ID: RefCell<Option<SaveId>>;
}

/// Runs `work` (one request) as the save `id`: its first write is taken only if `id` is new.
pub async fn once<F: Future>(id: SaveId, work: F) -> F::Output {
    SAVE_ID.scope(RefCell::new(Some(id)), work).await
}

/// Within a write transaction that has just begun: records the request's save id, if it has one
/// not yet taken by an earlier transaction of the same request, or refuses a replay.
pub(crate) async fn record(tx: &mut Tx) -> Result<()> {
    let Some(id) = SAVE_ID.try_with(|id| id.borrow_mut().take()).ok().flatten() else {
        return Ok(());
    };
    let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offline_saves WHERE save_id = $1")
        .bind(id.as_str())
        .fetch_one(&mut **tx)
        .await?;
    if seen > 0 {
        return Err(StoreError::AlreadySaved);
    }
    sqlx::query("INSERT INTO offline_saves (save_id, saved_at) VALUES ($1, $2)")
        .bind(id.as_str())
        .bind(Instant(Utc::now()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}
