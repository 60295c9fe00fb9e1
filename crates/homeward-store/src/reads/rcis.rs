//! RCI profiles and when anything about an RCI was last recorded.

use chrono::{DateTime, NaiveDate, Utc};
use homeward_core::{Name, RciProfile, Stored};
use sqlx::FromRow;

use crate::db::{Conn, Instant};
use crate::{corrupt, Result, StoreError};

#[derive(FromRow)]
pub(crate) struct RciRow {
    id: i64,
    version: i64,
    name_en: String,
    name_km: Option<String>,
    province: String,
    district: Option<String>,
    commune: Option<String>,
    district_km: Option<String>,
    commune_km: Option<String>,
    director_name: Option<String>,
    contact: Option<String>,
    mosvy_registration: Option<String>,
    mosvy_registered_on: Option<crate::db::Day>,
    adviser_id: Option<i64>,
    #[sqlx(try_from = "crate::db::Day")]
    transition_start: NaiveDate,
    transition_target: Option<crate::db::Day>,
    #[sqlx(try_from = "crate::db::Flag")]
    has_reintegration_plan: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    has_reintegration_budget: bool,
}

impl RciRow {
    pub(crate) fn into_stored(self) -> Result<Stored<RciProfile>> {
        let optional = |v: Option<String>| v.map(|s| Name::parse(&s)).transpose();
        let value = RciProfile {
            name_en: Name::parse(&self.name_en).map_err(corrupt)?,
            name_km: optional(self.name_km).map_err(corrupt)?,
            province: Name::parse(&self.province).map_err(corrupt)?,
            district: optional(self.district).map_err(corrupt)?,
            commune: optional(self.commune).map_err(corrupt)?,
            district_km: optional(self.district_km).map_err(corrupt)?,
            commune_km: optional(self.commune_km).map_err(corrupt)?,
            director: optional(self.director_name).map_err(corrupt)?,
            contact: optional(self.contact).map_err(corrupt)?,
            mosvy_registration: optional(self.mosvy_registration).map_err(corrupt)?,
            mosvy_registered_on: self.mosvy_registered_on.map(NaiveDate::from),
            adviser_id: self.adviser_id,
            transition_start: self.transition_start,
            transition_target: self.transition_target.map(NaiveDate::from),
            has_reintegration_plan: self.has_reintegration_plan,
            has_reintegration_budget: self.has_reintegration_budget,
        };
        Ok(Stored {
            id: self.id,
            version: self.version,
            value,
        })
    }
}

pub(crate) const RCI_COLUMNS: &str = "id, version, name_en, name_km, province, district, commune, \
     district_km, commune_km, director_name, contact, mosvy_registration, mosvy_registered_on, adviser_id, transition_start, \
     transition_target, has_reintegration_plan, has_reintegration_budget";

/// One RCI's profile, on `conn`.
pub(crate) async fn read_rci(conn: &mut Conn, id: i64) -> Result<Stored<RciProfile>> {
    let sql = format!("SELECT {RCI_COLUMNS} FROM rcis WHERE id = $1");
    sqlx::query_as::<_, RciRow>(&sql)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?
        .into_stored()
}

/// The last time anything about one RCI was recorded, on `conn`: the newest of each kind of
/// record, each an index lookup (a save reads it, however many records the RCI has).
pub(crate) async fn read_last_update(
    conn: &mut Conn,
    rci_id: i64,
) -> Result<Option<DateTime<Utc>>> {
    let at: Option<Instant> = sqlx::query_scalar(
        "SELECT MAX(at) FROM ( \
           SELECT updated_at AS at FROM rcis WHERE id = $1 \
           UNION ALL SELECT MAX(updated_at) FROM checklist_items WHERE rci_id = $1 \
           UNION ALL SELECT MAX(recorded_at) FROM children_counts WHERE rci_id = $1 \
           UNION ALL SELECT MAX(recorded_at) FROM follow_up_visits WHERE rci_id = $1 \
           UNION ALL SELECT MAX(recorded_at) FROM placements WHERE rci_id = $1 \
           UNION ALL SELECT MAX(v.recorded_at) FROM placement_visits v \
             JOIN placements p ON p.id = v.placement_id WHERE p.rci_id = $1 \
           UNION ALL SELECT MAX(recorded_at) FROM staff_changes WHERE rci_id = $1 \
           UNION ALL SELECT MAX(recorded_at) FROM asset_changes WHERE rci_id = $1 \
           UNION ALL SELECT MAX(recorded_at) FROM funding_changes WHERE rci_id = $1) AS updates",
    )
    .bind(rci_id)
    .fetch_one(conn)
    .await?;
    Ok(at.map(DateTime::from))
}
