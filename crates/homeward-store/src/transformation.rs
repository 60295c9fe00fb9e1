//! The organisation itself changing: staff, assets and funding moved to family-based care, each
//! a dated record of one RCI in its history.

use chrono::Utc;
use homeward_core::history::{Editor, Entity};
use homeward_core::transformation::{AssetChange, FundingChange, StaffChange, Transformation};

use crate::db::{Day, Instant, Tx};
use crate::history::{self, Change};
use crate::{Result, Store};

impl Store {
    /// Records staff retrained, redeployed or who left at `rci_id`.
    pub async fn record_staff_change(
        &self,
        rci_id: i64,
        change: &StaffChange,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id = insert_staff_change(&mut tx, rci_id, change, by).await?;
        finish(tx, rci_id).await?;
        Ok(id)
    }

    /// Records a building or asset of `rci_id` given a new use.
    pub async fn record_asset_change(
        &self,
        rci_id: i64,
        change: &AssetChange,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id = insert_asset_change(&mut tx, rci_id, change, by).await?;
        finish(tx, rci_id).await?;
        Ok(id)
    }

    /// Records a donor's funding of `rci_id` redirected to family-based services.
    pub async fn record_funding_change(
        &self,
        rci_id: i64,
        change: &FundingChange,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id = insert_funding_change(&mut tx, rci_id, change, by).await?;
        finish(tx, rci_id).await?;
        Ok(id)
    }

    /// One RCI's staff, asset and funding records, each list newest first.
    pub async fn transformation(&self, rci_id: i64) -> Result<Transformation> {
        crate::reads::transformation::read_transformation(
            &mut *self.pool().acquire().await?,
            rci_id,
        )
        .await
    }
}

/// Inserts a staff change of an existing RCI, with its history (an import writes many in one
/// transaction).
pub(crate) async fn insert_staff_change(
    tx: &mut Tx,
    rci_id: i64,
    change: &StaffChange,
    by: &Editor,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO staff_changes (rci_id, changed_on, kind, staff_total, staff_female, \
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(rci_id)
    .bind(Day(change.changed_on))
    .bind(change.kind.key())
    .bind(i64::from(change.staff.total()))
    .bind(i64::from(change.staff.female()))
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let label = format!("staff change on {}", change.changed_on);
    record(
        tx,
        rci_id,
        Entity::Staff,
        id,
        &label,
        &change.describe(),
        by,
    )
    .await?;
    Ok(id)
}

/// Inserts a repurposed asset of an existing RCI, with its history.
pub(crate) async fn insert_asset_change(
    tx: &mut Tx,
    rci_id: i64,
    change: &AssetChange,
    by: &Editor,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO asset_changes (rci_id, changed_on, asset, now_used_as, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(rci_id)
    .bind(Day(change.changed_on))
    .bind(change.asset.as_str())
    .bind(change.now.key())
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let label = change.asset.as_str();
    record(tx, rci_id, Entity::Asset, id, label, &change.describe(), by).await?;
    Ok(id)
}

/// Inserts redirected funding of an existing RCI, with its history.
pub(crate) async fn insert_funding_change(
    tx: &mut Tx,
    rci_id: i64,
    change: &FundingChange,
    by: &Editor,
) -> Result<i64> {
    let amount = i64::try_from(change.amount).map_err(crate::corrupt)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO funding_changes (rci_id, changed_on, donor, amount, currency, from_use, \
         to_use, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(rci_id)
    .bind(Day(change.changed_on))
    .bind(change.donor.as_str())
    .bind(amount)
    .bind(change.currency.key())
    .bind(change.from.as_str())
    .bind(change.to.as_str())
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    let label = change.donor.as_str();
    record(
        tx,
        rci_id,
        Entity::Funding,
        id,
        label,
        &change.describe(),
        by,
    )
    .await?;
    Ok(id)
}

/// A new record's history.
async fn record(
    tx: &mut Tx,
    rci_id: i64,
    entity: Entity,
    id: i64,
    label: &str,
    after: &[(&'static str, String)],
    by: &Editor,
) -> Result<()> {
    let change = Change {
        rci_id: Some(rci_id),
        entity,
        entity_id: id,
        label,
        by,
    };
    history::record(tx, change, &[], after).await
}

/// The end of a single record's write: the RCI's summary, the commit.
async fn finish(mut tx: Tx, rci_id: i64) -> Result<()> {
    crate::summaries::refresh(&mut tx, rci_id).await?;
    tx.commit().await?;
    Ok(())
}
