//! The append-only change history of each RCI. Every write path records its changes here inside
//! its own transaction, so a change and its history are saved together or not at all.

use chrono::{DateTime, Utc};
use homeward_core::history::{diff, Entity, FieldChange, HistoryEntry};
use homeward_core::Name;
use sqlx::{FromRow, Sqlite, Transaction};

use crate::{corrupt, Result, Store};

/// What was changed, for [`record`].
pub(crate) struct Change<'a> {
    pub rci_id: i64,
    pub entity: Entity,
    pub entity_id: i64,
    pub label: &'a str,
    pub by: &'a Name,
}

/// Records the fields that differ between `before` (empty for a new record) and `after`.
pub(crate) async fn record(
    tx: &mut Transaction<'_, Sqlite>,
    change: Change<'_>,
    before: &[(&str, String)],
    after: &[(&str, String)],
) -> Result<()> {
    let changes = diff(before, after);
    if changes.is_empty() {
        return Ok(());
    }
    let change_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(change_id), 0) + 1 FROM history")
        .fetch_one(&mut **tx)
        .await?;
    let now = Utc::now();
    for c in changes {
        sqlx::query(
            "INSERT INTO history (change_id, rci_id, changed_at, changed_by, entity, entity_id, \
             label, field, before_value, after_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(change_id)
        .bind(change.rci_id)
        .bind(now)
        .bind(change.by.as_str())
        .bind(change.entity.key())
        .bind(change.entity_id)
        .bind(change.label)
        .bind(&c.field)
        .bind(&c.before)
        .bind(&c.after)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct HistoryRow {
    change_id: i64,
    changed_at: DateTime<Utc>,
    changed_by: String,
    entity: String,
    label: String,
    field: String,
    before_value: String,
    after_value: String,
}

impl Store {
    /// The newest `limit` changes of one RCI, newest first, each with its changed fields.
    pub async fn history(&self, rci_id: i64, limit: i64) -> Result<Vec<HistoryEntry>> {
        let rows: Vec<HistoryRow> = sqlx::query_as(
            "SELECT change_id, changed_at, changed_by, entity, label, field, before_value, \
             after_value FROM history WHERE rci_id = ? AND change_id IN \
             (SELECT DISTINCT change_id FROM history WHERE rci_id = ? ORDER BY change_id DESC LIMIT ?) \
             ORDER BY change_id DESC, id",
        )
        .bind(rci_id)
        .bind(rci_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut entries: Vec<(i64, HistoryEntry)> = Vec::new();
        for row in rows {
            let change = FieldChange {
                field: row.field,
                before: row.before_value,
                after: row.after_value,
            };
            match entries.last_mut() {
                Some((id, entry)) if *id == row.change_id => entry.changes.push(change),
                _ => entries.push((
                    row.change_id,
                    HistoryEntry {
                        at: row.changed_at,
                        by: row.changed_by,
                        entity: Entity::parse(&row.entity)
                            .ok_or_else(|| corrupt(format!("unknown entity {}", row.entity)))?,
                        label: row.label,
                        changes: vec![change],
                    },
                )),
            }
        }
        Ok(entries.into_iter().map(|(_, e)| e).collect())
    }
}
