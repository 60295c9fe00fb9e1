//! A message for one user's next page and no other: a one-time password an admin just created is
//! shown on the page the save leads to, then forgotten. Kept in the database (never in a URL,
//! which stays in the browser's history and the servers' logs) so that whichever server answers
//! that page can show it; gone after ten minutes unread. Written outside the write lock, like
//! drafts: it changes no record.

use chrono::{DateTime, Duration, Utc};

use crate::db::Instant;
use crate::{Result, Store};

/// How long a message waits to be read.
pub const KEEP: Duration = Duration::minutes(10);

impl Store {
    /// Keeps `text` for the next page of `user_id`, replacing any unread one, and forgets every
    /// message past [`KEEP`].
    pub async fn keep_flash(&self, user_id: i64, text: &str, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("DELETE FROM flashes WHERE saved_at < $1 OR user_id = $2")
            .bind(Instant(now - KEEP))
            .bind(user_id)
            .execute(self.pool())
            .await?;
        sqlx::query("INSERT INTO flashes (user_id, text, saved_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(text)
            .bind(Instant(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The message waiting for `user_id`, once: read and forgotten in one statement, so two
    /// servers never both show it.
    pub async fn take_flash(&self, user_id: i64, now: DateTime<Utc>) -> Result<Option<String>> {
        let taken: Option<(String, Instant)> =
            sqlx::query_as("DELETE FROM flashes WHERE user_id = $1 RETURNING text, saved_at")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(taken
            .filter(|(_, Instant(at))| *at >= now - KEEP)
            .map(|(text, _)| text))
    }
}
