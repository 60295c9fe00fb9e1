//! An RCI's standing with MoSVY: its agreements, inspections and closure notices.

use chrono::NaiveDate;
use homeward_core::regulation::{
    Agreement, Authority, Closure, ClosureKind, Inspection, InspectionOutcome, Regulation,
};
use homeward_core::Name;
use sqlx::FromRow;

use crate::db::Conn;
use crate::{corrupt, Result};

#[derive(FromRow)]
struct AgreementRow {
    with_authority: String,
    #[sqlx(try_from = "crate::db::Day")]
    signed_on: NaiveDate,
    #[sqlx(try_from = "crate::db::Day")]
    expires_on: NaiveDate,
}

#[derive(FromRow)]
struct InspectionRow {
    id: i64,
    #[sqlx(try_from = "crate::db::Day")]
    inspected_on: NaiveDate,
    inspected_by: String,
    outcome: String,
    follow_up_due: Option<String>,
}

#[derive(FromRow)]
struct ClosureRow {
    #[sqlx(try_from = "crate::db::Day")]
    noticed_on: NaiveDate,
    kind: String,
}

/// One RCI's records of its standing, each list newest first.
pub(crate) async fn read_regulation(conn: &mut Conn, rci_id: i64) -> Result<Regulation> {
    let agreements: Vec<AgreementRow> = sqlx::query_as(
        "SELECT with_authority, signed_on, expires_on FROM agreements WHERE rci_id = $1 \
         ORDER BY signed_on DESC, id DESC",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let closures: Vec<ClosureRow> = sqlx::query_as(
        "SELECT noticed_on, kind FROM closures WHERE rci_id = $1 ORDER BY noticed_on DESC, id DESC",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Regulation {
        agreements: agreements
            .into_iter()
            .map(|r| {
                Ok(Agreement {
                    with: Authority::parse(&r.with_authority)
                        .ok_or_else(|| corrupt(&r.with_authority))?,
                    signed_on: r.signed_on,
                    expires_on: r.expires_on,
                })
            })
            .collect::<Result<_>>()?,
        inspections: read_inspections(conn, rci_id)
            .await?
            .into_iter()
            .map(|(_, i)| i)
            .collect(),
        closures: closures
            .into_iter()
            .map(|r| {
                Ok(Closure {
                    noticed_on: r.noticed_on,
                    kind: ClosureKind::parse(&r.kind).ok_or_else(|| corrupt(&r.kind))?,
                })
            })
            .collect::<Result<_>>()?,
    })
}

/// One RCI's inspections with their ids (files attach to them), newest first.
pub(crate) async fn read_inspections(
    conn: &mut Conn,
    rci_id: i64,
) -> Result<Vec<(i64, Inspection)>> {
    let rows: Vec<InspectionRow> = sqlx::query_as(
        "SELECT id, inspected_on, inspected_by, outcome, follow_up_due FROM inspections \
         WHERE rci_id = $1 ORDER BY inspected_on DESC, id DESC",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(corrupt);
    rows.into_iter()
        .map(|r| {
            Ok((
                r.id,
                Inspection {
                    inspected_on: r.inspected_on,
                    by: Name::parse(&r.inspected_by).map_err(corrupt)?,
                    outcome: InspectionOutcome::parse(&r.outcome)
                        .ok_or_else(|| corrupt(&r.outcome))?,
                    follow_up_due: r.follow_up_due.as_deref().map(day).transpose()?,
                },
            ))
        })
        .collect()
}
