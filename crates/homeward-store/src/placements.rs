//! Reintegrations followed one by one: placements (by case code, never a name) and the visits
//! that say how each is going. Each is recorded in the RCI's history.

use chrono::Utc;
use homeward_core::history::{Editor, Entity};
use homeward_core::placements::{CaseCode, Followed, PlacementRecord, PlacementVisit};
use homeward_core::{Bilingual, FieldError, Stored};

use crate::db::{Day, Instant, Tx};
use crate::history::{self, Change};
use crate::reads::placements::read_placement;
use crate::{Result, Store, StoreError};

impl Store {
    /// Records a reintegration of `rci_id` as a placement; a case code already used in the RCI
    /// is refused at the code field.
    pub async fn record_placement(
        &self,
        rci_id: i64,
        placement: &PlacementRecord,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id = insert_placement(&mut tx, rci_id, placement, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a visit to placement `placement_id` of `rci_id`; `check` refuses a visit the
    /// placement cannot have (before it was made), naming the field.
    pub async fn record_placement_visit(
        &self,
        rci_id: i64,
        placement_id: i64,
        visit: impl FnOnce(&PlacementRecord) -> std::result::Result<PlacementVisit, FieldError>,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let placement = read_placement(&mut tx, rci_id, placement_id).await?;
        let visit = visit(&placement).map_err(StoreError::Field)?;
        let id = insert_visit(&mut tx, rci_id, (placement_id, &placement), &visit, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One RCI's placements with their visits, newest placement first.
    pub async fn placements(&self, rci_id: i64) -> Result<Vec<Stored<Followed>>> {
        crate::reads::placements::read_placements(&mut *self.pool().acquire().await?, rci_id).await
    }
}

/// Inserts a placement of an existing RCI with its history; a case code already used in the RCI
/// is refused at the code field (an import writes many in one transaction).
pub(crate) async fn insert_placement(
    tx: &mut Tx,
    rci_id: i64,
    placement: &PlacementRecord,
    by: &Editor,
) -> Result<i64> {
    if placement_id(tx, rci_id, &placement.code).await?.is_some() {
        return Err(StoreError::Field(FieldError::new(
            "code",
            Bilingual::new(
                format!("case code {} is already used in this RCI", placement.code),
                format!("លេខកូដករណី {} ត្រូវបានប្រើរួចហើយក្នុងមណ្ឌលនេះ", placement.code),
            ),
        )));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO placements (rci_id, case_code, placed_on, kind, children_total, \
         children_female, age_band, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(rci_id)
    .bind(placement.code.as_str())
    .bind(Day(placement.placed_on))
    .bind(placement.kind.key())
    .bind(i64::from(placement.children.total()))
    .bind(i64::from(placement.children.female()))
    .bind(placement.age_band.key())
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::Placement,
        entity_id: id,
        label: placement.code.as_str(),
        by,
    };
    history::record(tx, change, &[], &placement.describe()).await?;
    Ok(id)
}

/// The id of the RCI's placement with this case code, if there is one.
pub(crate) async fn placement_id(tx: &mut Tx, rci_id: i64, code: &CaseCode) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM placements WHERE rci_id = $1 AND case_code = $2")
            .bind(rci_id)
            .bind(code.as_str())
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// Inserts a visit to a placement (its id and record) of `rci_id`, with its history.
pub(crate) async fn insert_visit(
    tx: &mut Tx,
    rci_id: i64,
    (placement_id, placement): (i64, &PlacementRecord),
    visit: &PlacementVisit,
    by: &Editor,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO placement_visits (placement_id, visited_on, outcome, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(placement_id)
    .bind(Day(visit.visited_on))
    .bind(visit.outcome.key())
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::Placement,
        entity_id: placement_id,
        label: placement.code.as_str(),
        by,
    };
    history::record(tx, change, &[], &visit.describe()).await?;
    Ok(id)
}
