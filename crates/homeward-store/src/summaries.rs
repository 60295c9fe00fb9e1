//! One summary per RCI (the core's [`RciSummary`]), kept beside its records: every write that
//! changes what it summarises rewrites it inside the same transaction, so it can never be stale,
//! and the organisation's pages read one row per RCI instead of every checklist item.

use std::collections::HashMap;

use homeward_core::calendar::cambodia_date;
use homeward_core::{ChecklistItem, RciSummary};

use crate::db::Conn;
use crate::{corrupt, Result, Store};

/// The summary of one RCI computed from its records as `conn` sees them (inside a write: the
/// write's own transaction, so it includes the change).
async fn compute(conn: &mut Conn, rci_id: i64) -> Result<RciSummary> {
    let rci = crate::reads::rcis::read_rci(conn, rci_id).await?;
    let stored = crate::reads::checklists::read_checklist(conn, rci_id).await?;
    let items: Vec<ChecklistItem> = stored.iter().map(|i| i.value.clone()).collect();
    let counts = crate::reads::counts::read_latest_counts(conn, rci_id)
        .await?
        .map(|c| c.value);
    let facts = crate::reads::follow_ups::read_follow_up_facts(conn, rci_id).await?;
    let last = crate::reads::rcis::read_last_update(conn, rci_id).await?;
    let reintegrations = crate::reads::counts::read_reintegrations(conn, rci_id).await?;
    let placements = crate::reads::placements::read_placements(conn, rci_id).await?;
    let transformation = crate::reads::transformation::read_transformation(conn, rci_id).await?;
    let targets = crate::reads::targets::read_targets(conn, Some(rci_id)).await?;
    let regulation = crate::reads::regulation::read_regulation(conn, rci_id).await?;
    let readiness = crate::reads::readiness::read_assessed(conn, rci_id).await?;
    let sign_offs = crate::reads::signoffs::read_sign_offs(conn, rci_id).await?;
    let summary = RciSummary::of(
        &rci.value,
        &items,
        &sign_offs,
        counts,
        facts,
        last.map(cambodia_date),
        &reintegrations,
    );
    Ok(RciSummary {
        due_steps: homeward_core::work::due_steps(&stored, summary.progress.phase.track()),
        targets,
        regulation,
        readiness,
        placements: placements.into_iter().map(|p| p.value).collect(),
        transformation,
        ..summary
    })
}

/// Rewrites one RCI's summary; called by every write that changes its records, before commit.
pub(crate) async fn refresh(conn: &mut Conn, rci_id: i64) -> Result<()> {
    let summary = compute(conn, rci_id).await?;
    sqlx::query(
        "INSERT INTO rci_summaries (rci_id, summary) VALUES ($1, $2) \
         ON CONFLICT (rci_id) DO UPDATE SET summary = excluded.summary",
    )
    .bind(rci_id)
    .bind(serde_json::to_string(&summary).map_err(corrupt)?)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// One RCI's stored summary.
    pub async fn summary(&self, rci_id: i64) -> Result<RciSummary> {
        let json: Option<String> =
            sqlx::query_scalar("SELECT summary FROM rci_summaries WHERE rci_id = $1")
                .bind(rci_id)
                .fetch_optional(self.pool())
                .await?;
        serde_json::from_str(&json.ok_or(crate::StoreError::NotFound)?).map_err(corrupt)
    }

    /// Every RCI's stored summary, in one query.
    pub async fn summaries(&self) -> Result<HashMap<i64, RciSummary>> {
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT rci_id, summary FROM rci_summaries")
            .fetch_all(self.pool())
            .await?;
        rows.into_iter()
            .map(|(id, json)| Ok((id, serde_json::from_str(&json).map_err(corrupt)?)))
            .collect()
    }

    /// One RCI's summary computed afresh from its records, not read from its row.
    pub async fn computed_summary(&self, rci_id: i64) -> Result<RciSummary> {
        compute(&mut *self.pool().acquire().await?, rci_id).await
    }

    /// Rebuilds every RCI's summary from its records in one transaction (`homeward reindex`);
    /// returns how many.
    pub async fn reindex(&self) -> Result<usize> {
        self.reindex_where("SELECT id FROM rcis").await
    }

    /// Computes the summaries that are missing (a database from before summaries existed).
    pub(crate) async fn fill_missing_summaries(&self) -> Result<usize> {
        self.reindex_where("SELECT id FROM rcis WHERE id NOT IN (SELECT rci_id FROM rci_summaries)")
            .await
    }

    async fn reindex_where(&self, ids: &str) -> Result<usize> {
        let mut tx = self.write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(ids).fetch_all(&mut *tx).await?;
        if ids.is_empty() {
            // Nothing to do: left uncommitted, so the revision stays and readers keep what
            // they hold (every start and every command line opens the store this way).
            return Ok(0);
        }
        for id in &ids {
            refresh(&mut tx, *id).await?;
        }
        tx.commit().await?;
        Ok(ids.len())
    }
}
