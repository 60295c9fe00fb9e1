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

/// What a message is, so that each page shows only its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    /// A one-time password an admin created or reset (the users page).
    Password,
    /// A new API token's secret (the tokens page).
    ApiToken,
}

impl Flash {
    fn key(self) -> &'static str {
        match self {
            Flash::Password => "password",
            Flash::ApiToken => "api_token",
        }
    }
}

impl Store {
    /// Keeps `text` for the next page of `user_id` that shows this `kind`, replacing any unread
    /// one of the kind, and forgets every message past [`KEEP`].
    pub async fn keep_flash(
        &self,
        user_id: i64,
        kind: Flash,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("DELETE FROM flashes WHERE saved_at < $1 OR (user_id = $2 AND kind = $3)")
            .bind(Instant(now - KEEP))
            .bind(user_id)
            .bind(kind.key())
            .execute(self.pool())
            .await?;
        sqlx::query("INSERT INTO flashes (user_id, kind, text, saved_at) VALUES ($1, $2, $3, $4)")
            .bind(user_id)
            .bind(kind.key())
            .bind(text)
            .bind(Instant(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The message of this kind waiting for `user_id`, once: read and forgotten in one
    /// statement, so two servers never both show it.
    pub async fn take_flash(
        &self,
        user_id: i64,
        kind: Flash,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let taken: Option<(String, Instant)> = sqlx::query_as(
            "DELETE FROM flashes WHERE user_id = $1 AND kind = $2 RETURNING text, saved_at",
        )
        .bind(user_id)
        .bind(kind.key())
        .fetch_optional(self.pool())
        .await?;
        Ok(taken
            .filter(|(_, Instant(at))| *at >= now - KEEP)
            .map(|(text, _)| text))
    }
}
