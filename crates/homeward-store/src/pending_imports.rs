//! Each user's spreadsheet waiting for its import to be confirmed (or what it last imported),
//! kept in the database, not in one server's memory, so that the preview shown by one server
//! can be confirmed on another. What it holds is the app's (kept as JSON); half an hour at most,
//! and a few users' at once (a file may be megabytes). Written outside the write lock, like
//! drafts: it changes no record.

use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::db::Instant;
use crate::{corrupt, Result, Store};

/// How long a file waits for its confirmation.
pub const KEEP: Duration = Duration::minutes(30);

/// How many users' files are kept at once; the oldest goes first.
const MOST: i64 = 8;

impl Store {
    /// Keeps `content` as `user_id`'s pending import, replacing theirs, dropping any past
    /// [`KEEP`] and all but the [`MOST`] newest.
    pub async fn keep_pending_import(
        &self,
        user_id: i64,
        content: &impl Serialize,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let content = serde_json::to_string(content).map_err(corrupt)?;
        sqlx::query("DELETE FROM pending_imports WHERE saved_at < $1 OR user_id = $2")
            .bind(Instant(now - KEEP))
            .bind(user_id)
            .execute(self.pool())
            .await?;
        sqlx::query(
            "DELETE FROM pending_imports WHERE user_id NOT IN \
             (SELECT user_id FROM pending_imports ORDER BY saved_at DESC LIMIT $1)",
        )
        .bind(MOST - 1)
        .execute(self.pool())
        .await?;
        sqlx::query("INSERT INTO pending_imports (user_id, content, saved_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(content)
            .bind(Instant(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// `user_id`'s pending import, while kept.
    pub async fn pending_import<T: DeserializeOwned>(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<T>> {
        let json: Option<String> = sqlx::query_scalar(
            "SELECT content FROM pending_imports WHERE user_id = $1 AND saved_at >= $2",
        )
        .bind(user_id)
        .bind(Instant(now - KEEP))
        .fetch_optional(self.pool())
        .await?;
        json.map(|j| serde_json::from_str(&j).map_err(corrupt))
            .transpose()
    }
}
