//! The append-only change history: each RCI's records, the organisation's tours, trainings and
//! programmes, and accounts. Every write path records its changes here inside its own
//! transaction, so a change and its history are saved together or not at all.

use chrono::{DateTime, Utc};
use homeward_core::history::{diff, Editor, Entity, FieldChange, HistoryEntry, HistoryFilter};
use sqlx::FromRow;

use crate::db::{Instant, Tx};
use crate::{corrupt, Result, Store};

/// What was changed, for [`record`].
pub(crate) struct Change<'a> {
    /// The RCI the record belongs to; `None` for tours, trainings and accounts.
    pub rci_id: Option<i64>,
    pub entity: Entity,
    pub entity_id: i64,
    pub label: &'a str,
    pub by: &'a Editor,
}

/// Records the fields that differ between `before` (empty for a new record) and `after`.
pub(crate) async fn record(
    tx: &mut Tx,
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
    // An imported change says so, naming the file, in the label every listing shows.
    let label = match &change.by.source {
        Some(file) => format!("{} (imported from {file})", change.label),
        None => change.label.to_string(),
    };
    // One statement for all the changed fields: a write holds the lock for less time.
    let sql = crate::db::numbered(&format!(
        "INSERT INTO history (change_id, rci_id, changed_at, changed_by, user_id, entity, \
         entity_id, label, field, before_value, after_value) VALUES {}",
        vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; changes.len()].join(", ")
    ));
    let mut insert = sqlx::query(&sql);
    for c in &changes {
        insert = insert
            .bind(change_id)
            .bind(change.rci_id)
            .bind(Instant(now))
            .bind(change.by.name.as_str())
            .bind(change.by.user_id)
            .bind(change.entity.key())
            .bind(change.entity_id)
            .bind(&label)
            .bind(&c.field)
            .bind(&c.before)
            .bind(&c.after);
    }
    insert.execute(&mut **tx).await?;
    Ok(())
}

#[derive(FromRow)]
struct HistoryRow {
    change_id: i64,
    #[sqlx(try_from = "crate::db::Instant")]
    changed_at: DateTime<Utc>,
    changed_by: String,
    entity: String,
    entity_id: i64,
    label: String,
    field: String,
    before_value: String,
    after_value: String,
}

/// Groups rows (ordered by change, newest first) into one entry per change.
fn entries(rows: Vec<HistoryRow>) -> Result<Vec<HistoryEntry>> {
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
                    entity_id: row.entity_id,
                    label: row.label,
                    changes: vec![change],
                },
            )),
        }
    }
    Ok(entries.into_iter().map(|(_, e)| e).collect())
}

const HISTORY_COLUMNS: &str =
    "change_id, changed_at, changed_by, entity, entity_id, label, field, before_value, after_value";

impl Store {
    /// The newest `limit` changes of one RCI, newest first, each with its changed fields.
    pub async fn history(&self, rci_id: i64, limit: i64) -> Result<Vec<HistoryEntry>> {
        self.history_page(rci_id, limit, 0).await
    }

    /// `limit` changes of one RCI after skipping the newest `offset`, newest first.
    pub async fn history_page(
        &self,
        rci_id: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<HistoryEntry>> {
        let rows: Vec<HistoryRow> = sqlx::query_as(&format!(
            "SELECT {HISTORY_COLUMNS} FROM history WHERE rci_id = $1 AND change_id IN \
             (SELECT DISTINCT change_id FROM history WHERE rci_id = $1 \
              ORDER BY change_id DESC LIMIT $2 OFFSET $3) \
             ORDER BY change_id DESC, id"
        ))
        .bind(rci_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        entries(rows)
    }

    /// `limit` changes of anything after skipping the `offset` newest, newest first, as the
    /// filter says: by whom, of what kind, between which Cambodian dates (both included).
    pub async fn changes(
        &self,
        filter: &HistoryFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<HistoryEntry>> {
        // Cambodian days as UTC instants: a day starts at 17:00 UTC the day before.
        let start = |day: chrono::NaiveDate| {
            day.and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc() - chrono::TimeDelta::hours(7))
        };
        let from = filter.from.and_then(start);
        let until = filter.to.and_then(|d| d.succ_opt()).and_then(start);
        let rows: Vec<HistoryRow> = sqlx::query_as(&format!(
            "SELECT {HISTORY_COLUMNS} FROM history WHERE change_id IN \
             (SELECT DISTINCT change_id FROM history WHERE ($1 IS NULL OR user_id = $1) \
              AND ($2 IS NULL OR entity = $2) AND ($3 IS NULL OR changed_at >= $3) \
              AND ($4 IS NULL OR changed_at < $4) ORDER BY change_id DESC LIMIT $5 OFFSET $6) \
             ORDER BY change_id DESC, id"
        ))
        .bind(filter.user_id)
        .bind(filter.entity.map(Entity::key))
        .bind(from.map(Instant))
        .bind(until.map(Instant))
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        entries(rows)
    }
}
