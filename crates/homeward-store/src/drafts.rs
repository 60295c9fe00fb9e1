//! Forms the server refused, as they were typed, for the page that shows the refusal: it puts
//! the values back so that nothing typed is lost, with or without JavaScript. Kept in the
//! database (not in one server's memory) so that any server on it can show them; an hour at
//! most, and only a user's last few. Written outside the write lock, like sessions: a draft
//! changes no record, so readers' revision stays put.

use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

use crate::db::Instant;
use crate::{corrupt, Result, Store};

/// How long a draft is kept: long enough to read the refusal and fix the form.
pub const KEEP: Duration = Duration::hours(1);

/// Drafts kept per user; an older one is dropped when a new one comes.
const PER_USER: i64 = 5;

/// A refused form's fields, in the order posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The server function the form was posted to.
    pub endpoint: String,
    /// Each field's name and value.
    pub fields: Vec<(String, String)>,
}

#[derive(FromRow)]
struct DraftRow {
    endpoint: String,
    fields: String,
}

impl Store {
    /// Keeps a refused form for `user_id`, dropping drafts past [`KEEP`] and all but the user's
    /// last few; returns its id.
    pub async fn keep_draft(&self, user_id: i64, draft: &Draft, now: DateTime<Utc>) -> Result<i64> {
        let fields = serde_json::to_string(&draft.fields).map_err(corrupt)?;
        sqlx::query("DELETE FROM form_drafts WHERE created_at < $1")
            .bind(Instant(now - KEEP))
            .execute(self.pool())
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO form_drafts (user_id, endpoint, fields, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(&draft.endpoint)
        .bind(fields)
        .bind(Instant(now))
        .fetch_one(self.pool())
        .await?;
        sqlx::query(
            "DELETE FROM form_drafts WHERE user_id = $1 AND id NOT IN \
             (SELECT id FROM form_drafts WHERE user_id = $1 ORDER BY id DESC LIMIT $2)",
        )
        .bind(user_id)
        .bind(PER_USER)
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    /// A draft of `user_id`'s, while kept; another user's is none.
    pub async fn draft(&self, id: i64, user_id: i64, now: DateTime<Utc>) -> Result<Option<Draft>> {
        let row = sqlx::query_as::<_, DraftRow>(
            "SELECT endpoint, fields FROM form_drafts \
             WHERE id = $1 AND user_id = $2 AND created_at >= $3",
        )
        .bind(id)
        .bind(user_id)
        .bind(Instant(now - KEEP))
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Draft {
                endpoint: r.endpoint,
                fields: serde_json::from_str(&r.fields).map_err(corrupt)?,
            })
        })
        .transpose()
    }
}
