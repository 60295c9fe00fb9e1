//! An RCI's children-counts snapshots.

use chrono::NaiveDate;
use homeward_core::quarters::{Quarter, Reintegrations};
use homeward_core::{ChildrenCounts, CountField, Placement, SexCount, Stored};
use sqlx::Row;

use crate::db::{Conn, Day, DbRow};
use crate::{corrupt, Result};

/// The stored columns of one field: `<key>_total` and `<key>_female`.
pub(crate) fn columns() -> impl Iterator<Item = (CountField, String, String)> {
    CountField::ALL.into_iter().map(|f| {
        (
            f,
            format!("{}_total", f.key()),
            format!("{}_female", f.key()),
        )
    })
}

pub(crate) fn select_columns() -> String {
    columns()
        .map(|(_, t, f)| format!("{t}, {f}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn from_row(row: &DbRow) -> Result<Stored<ChildrenCounts>> {
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
