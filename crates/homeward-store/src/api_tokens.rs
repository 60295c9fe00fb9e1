//! The read-only API's tokens ([`homeward_core::api_tokens`]): created and revoked by admins,
//! looked up by the hash of the secret a dashboard sends. The secret is returned once, when the
//! token is created, and never stored.

use chrono::{DateTime, Utc};
use homeward_core::api_tokens::{records_use, ApiToken, NewToken, TokenScope, SECRET_PREFIX};
use homeward_core::{Name, Stored};
use sqlx::Row;

use crate::accounts::{random_hex, token_hash};
use crate::db::{Flag, Instant};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store, StoreError};
use homeward_core::history::{Editor, Entity};

impl Store {
    /// Creates a token for `new` on behalf of admin `by`, and answers with its id and its secret:
    /// the only time the secret exists outside the caller's hands. An RCI in the list that does
    /// not exist refuses the whole token. The history records who created it and what it reads.
    pub async fn create_api_token(
        &self,
        new: &NewToken,
        by: &Editor,
        now: DateTime<Utc>,
    ) -> Result<(i64, String)> {
        let creator = by.user_id.ok_or(StoreError::NotFound)?;
        let secret = format!("{SECRET_PREFIX}{}", random_hex(32));
        let mut tx = self.write().await?;
        if let TokenScope::Rcis(ids) = &new.scope {
            for id in ids {
                let found: Option<i64> = sqlx::query_scalar("SELECT id FROM rcis WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if found.is_none() {
                    return Err(StoreError::Field(homeward_core::FieldError::new(
                        "rcis",
                        homeward_core::rcis::unknown_rci(id),
                    )));
                }
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (name, token_hash, all_partners, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(new.name.as_str())
        .bind(token_hash(&secret))
        .bind(new.scope == TokenScope::AllPartners)
        .bind(creator)
        .bind(Instant(now))
        .fetch_one(&mut *tx)
        .await?;
        if let TokenScope::Rcis(ids) = &new.scope {
            for rci in ids {
                sqlx::query("INSERT INTO api_token_rcis (token_id, rci_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(rci)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let change = Change {
            rci_id: None,
            entity: Entity::ApiToken,
            entity_id: id,
            label: new.name.as_str(),
            by,
        };
        history::record(&mut tx, change, &[], &new.describe()).await?;
        tx.commit().await?;
        Ok((id, secret))
    }

    /// Every token, newest first, revoked ones included.
    pub async fn api_tokens(&self) -> Result<Vec<Stored<ApiToken>>> {
        let sql = format!(
            "SELECT t.id, t.name, t.all_partners, u.display_name, t.created_at, t.last_used_at, \
             t.revoked_at, (SELECT {} FROM api_token_rcis r WHERE r.token_id = t.id) AS rcis \
             FROM api_tokens t JOIN users u ON u.id = t.created_by ORDER BY t.id DESC",
            self.backend().id_list("r.rci_id")
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                let name = |column: &str| -> Result<Name> {
                    Name::parse(row.try_get::<String, _>(column)?.as_str()).map_err(corrupt)
                };
                let at = |column: &str| -> Result<Option<DateTime<Utc>>> {
                    Ok(row
                        .try_get::<Option<Instant>, _>(column)?
                        .map(|Instant(at)| at))
                };
                let Instant(created_at) = row.try_get("created_at")?;
                Ok(Stored {
                    id: row.try_get("id")?,
                    version: 1,
                    value: ApiToken {
                        name: name("name")?,
                        scope: scope_of(row)?,
                        created_by: name("display_name")?,
                        created_at,
                        last_used_at: at("last_used_at")?,
                        revoked_at: at("revoked_at")?,
                    },
                })
            })
            .collect()
    }

    /// Revokes a token: from now on it answers nothing, and the history says who revoked it.
    /// Revoking one already revoked keeps the first time; an unknown id is not found.
    pub async fn revoke_api_token(&self, id: i64, by: &Editor, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.write().await?;
        let token: Option<(String, Option<Instant>)> =
            sqlx::query_as("SELECT name, revoked_at FROM api_tokens WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let (name, revoked) = token.ok_or(StoreError::NotFound)?;
        if revoked.is_some() {
            return Ok(());
        }
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
            .bind(Instant(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let change = Change {
            rci_id: None,
            entity: Entity::ApiToken,
            entity_id: id,
            label: &name,
            by,
        };
        let active = |yes: &str| vec![("active", yes.to_string())];
        history::record(&mut tx, change, &active("yes"), &active("no")).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The id and scope of the live token whose secret this is; `None` for a secret no token has
    /// or one revoked. Its last use is written now and then ([`records_use`]).
    pub async fn api_token_scope(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(i64, TokenScope)>> {
        let hash = token_hash(secret);
        let sql = format!(
            "SELECT t.id, t.all_partners, t.last_used_at, \
             (SELECT {} FROM api_token_rcis r WHERE r.token_id = t.id) AS rcis \
             FROM api_tokens t WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
            self.backend().id_list("r.rci_id")
        );
        let Some(row) = sqlx::query(&sql)
            .bind(&hash)
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let id: i64 = row.try_get("id")?;
        let last: Option<Instant> = row.try_get("last_used_at")?;
        if records_use(last.map(|Instant(at)| at), now) {
            // Best effort: a busy database must not fail the read the token asked for.
            let written = sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(Instant(now))
                .bind(id)
                .execute(self.pool())
                .await;
            if let Err(e) = written {
                tracing::warn!(token = id, "an API token's last use was not written: {e}");
            }
        }
        Ok(Some((id, scope_of(&row)?)))
    }
}

/// A token's scope from its row: `all_partners`, and its RCIs gathered into `rcis`.
fn scope_of(row: &sqlx::any::AnyRow) -> Result<TokenScope> {
    if row.try_get::<Flag, _>("all_partners")?.0 {
        return Ok(TokenScope::AllPartners);
    }
    let rcis: Option<String> = row.try_get("rcis")?;
    let ids = crate::db::parse_id_list(rcis.as_deref())?;
    Ok(TokenScope::Rcis(ids.into_iter().collect()))
}
