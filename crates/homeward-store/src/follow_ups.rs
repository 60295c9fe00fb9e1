//! Follow-up visits to reintegrated children, and the facts the overdue flag needs.

use crate::db::Tx;
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use homeward_core::follow_ups::{FollowUpVisit, VisitMode, VisitedBy};
use homeward_core::history::{Editor, Entity};
use homeward_core::{Note, SexCount, Stored};
use sqlx::FromRow;

use crate::db::{Day, Instant};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store};

#[derive(FromRow)]
struct VisitRow {
    id: i64,
    #[sqlx(default)]
    rci_id: i64,
    #[sqlx(try_from = "crate::db::Day")]
    visited_on: NaiveDate,
    children_total: i64,
    children_female: i64,
    visited_by: String,
    mode: String,
    notes: String,
}

impl VisitRow {
    fn into_stored(self) -> Result<Stored<FollowUpVisit>> {
        let count = |v: i64| u32::try_from(v).map_err(corrupt);
        let value = FollowUpVisit {
            visited_on: self.visited_on,
            children: SexCount::new(count(self.children_total)?, count(self.children_female)?)
                .map_err(corrupt)?,
            visited_by: VisitedBy::parse(&self.visited_by)
                .ok_or_else(|| corrupt(&self.visited_by))?,
            mode: VisitMode::parse(&self.mode).ok_or_else(|| corrupt(&self.mode))?,
            notes: Note::parse(&self.notes).map_err(corrupt)?,
        };
        Ok(Stored {
            id: self.id,
            version: 1,
            value,
        })
    }
}

/// Records a visit in the caller's transaction.
pub(crate) async fn insert_follow_up(
    tx: &mut Tx,
    rci_id: i64,
    visit: &FollowUpVisit,
    by: &Editor,
) -> Result<i64> {
    crate::rcis::ensure_rci(tx, rci_id).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO follow_up_visits (rci_id, visited_on, children_total, children_female, \
         visited_by, mode, notes, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(rci_id)
    .bind(Day(visit.visited_on))
    .bind(i64::from(visit.children.total()))
    .bind(i64::from(visit.children.female()))
    .bind(visit.visited_by.key())
    .bind(visit.mode.key())
    .bind(visit.notes.as_str())
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let label = format!("follow-up visit on {}", visit.visited_on);
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::FollowUp,
        entity_id: id,
        label: &label,
        by,
    };
    history::record(tx, change, &[], &visit.describe()).await?;
    Ok(id)
}

impl Store {
    pub async fn record_follow_up(
        &self,
        rci_id: i64,
        visit: &FollowUpVisit,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let id = insert_follow_up(&mut tx, rci_id, visit, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One RCI's follow-up visits, newest first.
    pub async fn follow_ups(&self, rci_id: i64) -> Result<Vec<Stored<FollowUpVisit>>> {
        sqlx::query_as::<_, VisitRow>(
            "SELECT id, visited_on, children_total, children_female, visited_by, mode, notes \
             FROM follow_up_visits WHERE rci_id = $1 ORDER BY visited_on DESC, id DESC",
        )
        .bind(rci_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(VisitRow::into_stored)
        .collect()
    }

    /// Every RCI's follow-up visits between two days (inclusive), by RCI, newest first: the
    /// quarterly report's visits in one query.
    pub async fn follow_ups_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<HashMap<i64, Vec<FollowUpVisit>>> {
        let rows = sqlx::query_as::<_, VisitRow>(
            "SELECT id, rci_id, visited_on, children_total, children_female, visited_by, mode, \
             notes FROM follow_up_visits WHERE visited_on BETWEEN $1 AND $2 \
             ORDER BY visited_on DESC, id DESC",
        )
        .bind(Day(from))
        .bind(Day(to))
        .fetch_all(self.pool())
        .await?;
        let mut visits: HashMap<i64, Vec<FollowUpVisit>> = HashMap::new();
        for row in rows {
            let rci = row.rci_id;
            visits
                .entry(rci)
                .or_default()
                .push(row.into_stored()?.value);
        }
        Ok(visits)
    }
}
