//! An RCI's placements and their visits.

use std::collections::HashMap;

use chrono::NaiveDate;
use homeward_core::placements::{
    AgeBand, CaseCode, Followed, Outcome, PlacementRecord, PlacementVisit,
};
use homeward_core::{Placement, SexCount, Stored};
use sqlx::FromRow;

use crate::db::Conn;
use crate::{corrupt, Result, StoreError};

#[derive(FromRow)]
struct PlacementRow {
    id: i64,
    case_code: String,
    #[sqlx(try_from = "crate::db::Day")]
    placed_on: NaiveDate,
    kind: String,
    children_total: i64,
    children_female: i64,
    age_band: String,
}

impl PlacementRow {
    fn into_record(self) -> Result<(i64, PlacementRecord)> {
        let count = |v: i64| u32::try_from(v).map_err(corrupt);
        let record = PlacementRecord {
            code: CaseCode::parse(&self.case_code).map_err(corrupt)?,
            placed_on: self.placed_on,
            kind: Placement::ALL
                .into_iter()
                .find(|p| p.key() == self.kind)
                .ok_or_else(|| corrupt(&self.kind))?,
            children: SexCount::new(count(self.children_total)?, count(self.children_female)?)
                .map_err(corrupt)?,
            age_band: AgeBand::parse(&self.age_band).ok_or_else(|| corrupt(&self.age_band))?,
        };
        Ok((self.id, record))
    }
}

#[derive(FromRow)]
struct VisitRow {
    placement_id: i64,
    #[sqlx(try_from = "crate::db::Day")]
    visited_on: NaiveDate,
    outcome: String,
}

const PLACEMENT_COLUMNS: &str =
    "id, case_code, placed_on, kind, children_total, children_female, age_band";

/// Placement `id` of `rci_id`, on `conn`; not found if it belongs to another RCI.
pub(crate) async fn read_placement(
    conn: &mut Conn,
    rci_id: i64,
    id: i64,
) -> Result<PlacementRecord> {
    let sql = format!("SELECT {PLACEMENT_COLUMNS} FROM placements WHERE id = $1 AND rci_id = $2");
    let row = sqlx::query_as::<_, PlacementRow>(&sql)
        .bind(id)
        .bind(rci_id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.into_record()?.1)
}

/// One RCI's placements with their visits, newest placement first, on `conn`.
pub(crate) async fn read_placements(conn: &mut Conn, rci_id: i64) -> Result<Vec<Stored<Followed>>> {
    let rows = sqlx::query_as::<_, PlacementRow>(&format!(
        "SELECT {PLACEMENT_COLUMNS} FROM placements WHERE rci_id = $1 \
         ORDER BY placed_on DESC, id DESC"
    ))
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let visits = sqlx::query_as::<_, VisitRow>(
        "SELECT v.placement_id, v.visited_on, v.outcome FROM placement_visits v \
         JOIN placements p ON p.id = v.placement_id WHERE p.rci_id = $1 \
         ORDER BY v.visited_on, v.id",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_placement: HashMap<i64, Vec<PlacementVisit>> = HashMap::new();
    for v in visits {
        let outcome = Outcome::parse(&v.outcome).ok_or_else(|| corrupt(&v.outcome))?;
        by_placement
            .entry(v.placement_id)
            .or_default()
            .push(PlacementVisit {
                visited_on: v.visited_on,
                outcome,
            });
    }
    rows.into_iter()
        .map(|row| {
            let (id, placement) = row.into_record()?;
            Ok(Stored {
                id,
                version: 1,
                value: Followed {
                    placement,
                    visits: by_placement.remove(&id).unwrap_or_default(),
                },
            })
        })
        .collect()
}
