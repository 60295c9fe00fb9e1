//! An RCI's records of its own change: staff, assets and funding.

use chrono::NaiveDate;
use homeward_core::transformation::{
    AssetChange, AssetUse, Currency, FundingChange, StaffChange, StaffMove, Transformation,
};
use homeward_core::{Name, SexCount};
use sqlx::FromRow;

use crate::db::Conn;
use crate::{corrupt, Result};

#[derive(FromRow)]
struct StaffRow {
    #[sqlx(try_from = "crate::db::Day")]
    changed_on: NaiveDate,
    kind: String,
    staff_total: i64,
    staff_female: i64,
}

#[derive(FromRow)]
struct AssetRow {
    #[sqlx(try_from = "crate::db::Day")]
    changed_on: NaiveDate,
    asset: String,
    now_used_as: String,
}

#[derive(FromRow)]
struct FundingRow {
    #[sqlx(try_from = "crate::db::Day")]
    changed_on: NaiveDate,
    donor: String,
    amount: i64,
    currency: String,
    from_use: String,
    to_use: String,
}

/// One RCI's staff, asset and funding records, each list newest first, on `conn`.
pub(crate) async fn read_transformation(conn: &mut Conn, rci_id: i64) -> Result<Transformation> {
    let staff = sqlx::query_as::<_, StaffRow>(
        "SELECT changed_on, kind, staff_total, staff_female FROM staff_changes \
         WHERE rci_id = $1 ORDER BY changed_on DESC, id DESC",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let assets = sqlx::query_as::<_, AssetRow>(
        "SELECT changed_on, asset, now_used_as FROM asset_changes \
         WHERE rci_id = $1 ORDER BY changed_on DESC, id DESC",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let funding = sqlx::query_as::<_, FundingRow>(
        "SELECT changed_on, donor, amount, currency, from_use, to_use FROM funding_changes \
         WHERE rci_id = $1 ORDER BY changed_on DESC, id DESC",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let count = |v: i64| u32::try_from(v).map_err(corrupt);
    let name = |v: &str| Name::parse(v).map_err(corrupt);
    Ok(Transformation {
        staff: staff
            .into_iter()
            .map(|r| {
                Ok(StaffChange {
                    changed_on: r.changed_on,
                    kind: StaffMove::parse(&r.kind).ok_or_else(|| corrupt(&r.kind))?,
                    staff: SexCount::new(count(r.staff_total)?, count(r.staff_female)?)
                        .map_err(corrupt)?,
                })
            })
            .collect::<Result<_>>()?,
        assets: assets
            .into_iter()
            .map(|r| {
                Ok(AssetChange {
                    changed_on: r.changed_on,
                    asset: name(&r.asset)?,
                    now: AssetUse::parse(&r.now_used_as).ok_or_else(|| corrupt(&r.now_used_as))?,
                })
            })
            .collect::<Result<_>>()?,
        funding: funding
            .into_iter()
            .map(|r| {
                Ok(FundingChange {
                    changed_on: r.changed_on,
                    donor: name(&r.donor)?,
                    amount: u64::try_from(r.amount).map_err(corrupt)?,
                    currency: Currency::parse(&r.currency).ok_or_else(|| corrupt(&r.currency))?,
                    from: name(&r.from_use)?,
                    to: name(&r.to_use)?,
                })
            })
            .collect::<Result<_>>()?,
    })
}
