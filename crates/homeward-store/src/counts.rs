//! Children counts: dated, sex-disaggregated snapshots of an RCI's pipeline.

use crate::db::Tx;
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use homeward_core::{ChildrenCounts, CountField, Stored};
use sqlx::Row;

use homeward_core::history::{Editor, Entity};

use crate::db::{Day, Instant};
use crate::history::{self, Change};
use crate::reads::counts::{columns, from_row, read_latest_counts, select_columns};
use crate::{Result, Store, StoreError};

/// Records a checked snapshot in the caller's transaction.
pub(crate) async fn insert_counts(
    tx: &mut Tx,
    rci_id: i64,
    counts: &ChildrenCounts,
    by: &Editor,
) -> Result<i64> {
    let names: Vec<String> = columns().flat_map(|(_, t, f)| [t, f]).collect();
    let sql = crate::db::numbered(&format!(
        "INSERT INTO children_counts (rci_id, as_of, {}, recorded_by, recorded_at) \
         VALUES (?, ?, {}, ?, ?) RETURNING id",
        names.join(", "),
        vec!["?"; names.len()].join(", ")
    ));
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .bind(rci_id)
        .bind(Day(counts.as_of));
    for field in CountField::ALL {
        let v = counts.get(field);
        query = query.bind(i64::from(v.total())).bind(i64::from(v.female()));
    }
    crate::rcis::ensure_rci(tx, rci_id).await?;
    let latest_sql = format!(
        "SELECT id, as_of, {} FROM children_counts WHERE rci_id = $1 \
         ORDER BY as_of DESC, id DESC LIMIT 1",
        select_columns()
    );
    let previous = sqlx::query(&latest_sql)
        .bind(rci_id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| from_row(&r))
        .transpose()?;
    let id = query
        .bind(by.name.as_str())
        .bind(Instant(Utc::now()))
        .fetch_one(&mut **tx)
        .await?;
    let label = format!("children counts as of {}", counts.as_of);
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::Counts,
        entity_id: id,
        label: &label,
        by,
    };
    let before = previous.map(|p| p.value.describe()).unwrap_or_default();
    history::record(tx, change, &before, &counts.describe()).await?;
    Ok(id)
}

impl Store {
    /// Records a snapshot, after the core has checked its invariants.
    pub async fn record_counts(
        &self,
        rci_id: i64,
        counts: ChildrenCounts,
        by: &Editor,
        today: NaiveDate,
    ) -> Result<i64> {
        let counts =
            ChildrenCounts::new(counts, today).map_err(|e| StoreError::Invalid(e.into()))?;
        let mut tx = self.write().await?;
        let id = insert_counts(&mut tx, rci_id, &counts, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The newest snapshot of one RCI (by date, then by when it was recorded).
    pub async fn latest_counts(&self, rci_id: i64) -> Result<Option<Stored<ChildrenCounts>>> {
        read_latest_counts(&mut *self.pool().acquire().await?, rci_id).await
    }

    /// Every snapshot of one RCI, oldest first, for charts of change over time.
    pub async fn counts_history(&self, rci_id: i64) -> Result<Vec<Stored<ChildrenCounts>>> {
        let sql = format!(
            "SELECT id, as_of, {} FROM children_counts WHERE rci_id = $1 ORDER BY as_of, id",
            select_columns()
        );
        sqlx::query(&sql)
            .bind(rci_id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(from_row)
            .collect()
    }

    /// Every snapshot of every RCI, oldest first per RCI, in one query: the quarterly report's
    /// figures.
    pub async fn all_counts_histories(&self) -> Result<HashMap<i64, Vec<ChildrenCounts>>> {
        let sql = format!(
            "SELECT id, rci_id, as_of, {} FROM children_counts ORDER BY rci_id, as_of, id",
            select_columns()
        );
        let mut histories: HashMap<i64, Vec<ChildrenCounts>> = HashMap::new();
        for row in sqlx::query(&sql).fetch_all(self.pool()).await? {
            histories
                .entry(row.try_get("rci_id")?)
                .or_default()
                .push(from_row(&row)?.value);
        }
        Ok(histories)
    }
}
