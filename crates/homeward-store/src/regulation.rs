//! An RCI's standing with MoSVY: agreements, inspections and closure notices, each a dated
//! record in the RCI's history.

use chrono::Utc;
use homeward_core::history::{Editor, Entity};
use homeward_core::regulation::{Agreement, Closure, Inspection, Regulation};

use crate::db::{Day, Instant, Tx};
use crate::history::{self, Change};
use crate::{Result, Store};

/// Adds an agreement and its history inside `tx` (a form's save or an import).
pub(crate) async fn insert_agreement(
    tx: &mut Tx,
    rci_id: i64,
    a: &Agreement,
    by: &Editor,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (rci_id, with_authority, signed_on, expires_on, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(rci_id)
    .bind(a.with.key())
    .bind(Day(a.signed_on))
    .bind(Day(a.expires_on))
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let label = format!("agreement signed on {}", a.signed_on);
    record(tx, rci_id, id, &label, &a.describe(), by).await?;
    Ok(id)
}

/// Adds an inspection and its history inside `tx` (a form's save or an import).
pub(crate) async fn insert_inspection(
    tx: &mut Tx,
    rci_id: i64,
    i: &Inspection,
    by: &Editor,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO inspections (rci_id, inspected_on, inspected_by, outcome, follow_up_due, \
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(rci_id)
    .bind(Day(i.inspected_on))
    .bind(i.by.as_str())
    .bind(i.outcome.key())
    .bind(i.follow_up_due.map(|d| d.to_string()))
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let label = format!("inspection on {}", i.inspected_on);
    record(tx, rci_id, id, &label, &i.describe(), by).await?;
    Ok(id)
}

impl Store {
    /// Records an agreement of `rci_id` with MoSVY or DoSVY.
    pub async fn record_agreement(&self, rci_id: i64, a: &Agreement, by: &Editor) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id = insert_agreement(&mut tx, rci_id, a, by).await?;
        commit(tx, rci_id).await?;
        Ok(id)
    }

    /// Records an inspection of `rci_id`.
    pub async fn record_inspection(&self, rci_id: i64, i: &Inspection, by: &Editor) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id = insert_inspection(&mut tx, rci_id, i, by).await?;
        commit(tx, rci_id).await?;
        Ok(id)
    }

    /// Records the notice that `rci_id` closes or becomes a community service.
    pub async fn record_closure(&self, rci_id: i64, c: &Closure, by: &Editor) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO closures (rci_id, noticed_on, kind, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(rci_id)
        .bind(Day(c.noticed_on))
        .bind(c.kind.key())
        .bind(by.name.as_str())
        .bind(Instant(Utc::now()))
        .fetch_one(&mut *tx)
        .await?;
        let label = format!("closure notice on {}", c.noticed_on);
        record(&mut tx, rci_id, id, &label, &c.describe(), by).await?;
        commit(tx, rci_id).await?;
        Ok(id)
    }

    /// One RCI's agreements, inspections and closure notices, each list newest first.
    pub async fn regulation(&self, rci_id: i64) -> Result<Regulation> {
        crate::reads::regulation::read_regulation(&mut *self.pool().acquire().await?, rci_id).await
    }

    /// One RCI's inspections with their ids, newest first: the page lists them to attach files.
    pub async fn inspections(&self, rci_id: i64) -> Result<Vec<(i64, Inspection)>> {
        crate::reads::regulation::read_inspections(&mut *self.pool().acquire().await?, rci_id).await
    }
}

/// A record's history.
async fn record(
    tx: &mut Tx,
    rci_id: i64,
    id: i64,
    label: &str,
    after: &[(&'static str, String)],
    by: &Editor,
) -> Result<()> {
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::Regulation,
        entity_id: id,
        label,
        by,
    };
    history::record(tx, change, &[], after).await
}

/// The end of a form's save: the RCI's summary, the commit.
async fn commit(mut tx: Tx, rci_id: i64) -> Result<()> {
    crate::summaries::refresh(&mut tx, rci_id).await?;
    tx.commit().await?;
    Ok(())
}
