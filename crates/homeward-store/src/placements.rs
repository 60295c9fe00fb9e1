//! Reintegrations followed one by one: placements (by case code, never a name) and the visits
//! that say how each is going. Each is recorded in the RCI's history.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use homeward_core::history::{Editor, Entity};
use homeward_core::placements::{
    AgeBand, CaseCode, Followed, Outcome, PlacementRecord, PlacementVisit,
};
use homeward_core::{Bilingual, FieldError, Placement, SexCount, Stored};
use sqlx::FromRow;

use crate::db::{Day, Instant};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store, StoreError};

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
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM placements WHERE rci_id = $1 AND case_code = $2")
                .bind(rci_id)
                .bind(placement.code.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
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
        .fetch_one(&mut *tx)
        .await?;
        let change = Change {
            rci_id: Some(rci_id),
            entity: Entity::Placement,
            entity_id: id,
            label: placement.code.as_str(),
            by,
        };
        history::record(&mut tx, change, &[], &placement.describe()).await?;
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
        let row = sqlx::query_as::<_, PlacementRow>(
            "SELECT id, case_code, placed_on, kind, children_total, children_female, age_band \
             FROM placements WHERE id = $1 AND rci_id = $2",
        )
        .bind(placement_id)
        .bind(rci_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let (_, placement) = row.into_record()?;
        let visit = visit(&placement).map_err(StoreError::Field)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO placement_visits (placement_id, visited_on, outcome, recorded_by, \
             recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(placement_id)
        .bind(Day(visit.visited_on))
        .bind(visit.outcome.key())
        .bind(by.name.as_str())
        .bind(Instant(Utc::now()))
        .fetch_one(&mut *tx)
        .await?;
        let change = Change {
            rci_id: Some(rci_id),
            entity: Entity::Placement,
            entity_id: placement_id,
            label: placement.code.as_str(),
            by,
        };
        history::record(&mut tx, change, &[], &visit.describe()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One RCI's placements with their visits, newest placement first.
    pub async fn placements(&self, rci_id: i64) -> Result<Vec<Stored<Followed>>> {
        let rows = sqlx::query_as::<_, PlacementRow>(
            "SELECT id, case_code, placed_on, kind, children_total, children_female, age_band \
             FROM placements WHERE rci_id = $1 ORDER BY placed_on DESC, id DESC",
        )
        .bind(rci_id)
        .fetch_all(self.pool())
        .await?;
        let visits = sqlx::query_as::<_, VisitRow>(
            "SELECT v.placement_id, v.visited_on, v.outcome FROM placement_visits v \
             JOIN placements p ON p.id = v.placement_id WHERE p.rci_id = $1 \
             ORDER BY v.visited_on, v.id",
        )
        .bind(rci_id)
        .fetch_all(self.pool())
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
}
