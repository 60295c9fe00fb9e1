//! Children counts: dated, sex-disaggregated snapshots of an RCI's pipeline.

use crate::db::Tx;
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use homeward_core::quarters::{Quarter, Reintegrations};
use homeward_core::{ChildrenCounts, CountField, Placement, SexCount, Stored};
use sqlx::Row;

use homeward_core::history::{Editor, Entity};

use crate::db::{Conn, Day, DbRow, Instant};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store, StoreError};

/// The stored columns of one field: `<key>_total` and `<key>_female`.
fn columns() -> impl Iterator<Item = (CountField, String, String)> {
    CountField::ALL.into_iter().map(|f| {
        (
            f,
            format!("{}_total", f.key()),
            format!("{}_female", f.key()),
        )
    })
}

fn select_columns() -> String {
    columns()
        .map(|(_, t, f)| format!("{t}, {f}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn from_row(row: &DbRow) -> Result<Stored<ChildrenCounts>> {
    let Day(as_of) = row.try_get("as_of")?;
    let mut counts = ChildrenCounts::empty(as_of);
    for (field, total, female) in columns() {
        let t: i64 = row.try_get(total.as_str())?;
        let f: i64 = row.try_get(female.as_str())?;
        let to_u32 = |v: i64| u32::try_from(v).map_err(corrupt);
        let value = SexCount::new_field(field.key(), to_u32(t)?, to_u32(f)?).map_err(corrupt)?;
        counts.set(field, value);
    }
    Ok(Stored {
        id: row.try_get("id")?,
        version: 1,
        value: counts,
    })
}

/// The newest snapshot of one RCI, on `conn`.
pub(crate) async fn read_latest_counts(
    conn: &mut Conn,
    rci_id: i64,
) -> Result<Option<Stored<ChildrenCounts>>> {
    let sql = format!(
        "SELECT id, as_of, {} FROM children_counts WHERE rci_id = $1 \
         ORDER BY as_of DESC, id DESC LIMIT 1",
        select_columns()
    );
    sqlx::query(&sql)
        .bind(rci_id)
        .fetch_optional(conn)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

/// The last snapshot of each quarter of one RCI, oldest first, as only its reintegration figures:
/// what its summary keeps for the organisation's per-quarter chart (the core's
/// `last_of_each_quarter`). Read newest first, one index lookup per quarter — the newest
/// snapshot before the quarter just found —, so a save costs the same however many snapshots
/// the RCI has.
pub(crate) async fn read_reintegrations(
    conn: &mut Conn,
    rci_id: i64,
) -> Result<Vec<Reintegrations>> {
    let placements: Vec<String> = Placement::ALL
        .iter()
        .map(|p| format!("{}_total", CountField::Reintegrated(*p).key()))
        .collect();
    let sql = format!(
        "SELECT as_of, {} FROM children_counts WHERE rci_id = $1 AND as_of < $2 \
         ORDER BY as_of DESC, id DESC LIMIT 1",
        placements.join(", ")
    );
    type Row = (Day, i64, i64, i64, i64, i64);
    let mut quarters = Vec::new();
    let mut before = NaiveDate::from_ymd_opt(9999, 12, 31).ok_or_else(|| corrupt("no last day"))?;
    while let Some((Day(as_of), a, b, c, d, e)) = sqlx::query_as::<_, Row>(&sql)
        .bind(rci_id)
        .bind(Day(before))
        .fetch_optional(&mut *conn)
        .await?
    {
        let mut by_placement = [0u32; 5];
        for (slot, v) in by_placement.iter_mut().zip([a, b, c, d, e]) {
            *slot = u32::try_from(v).map_err(corrupt)?;
        }
        quarters.push(Reintegrations {
            as_of,
            by_placement,
        });
        before = Quarter::of(as_of).start();
    }
    quarters.reverse();
    Ok(quarters)
}

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
