//! One RCI's stage sign-offs: the last step taken on each stage.

use chrono::NaiveDate;
use homeward_core::signoffs::{SignOff, SignOffKind, SignOffs};
use homeward_core::{Name, Note, Track};
use sqlx::FromRow;

use crate::db::Conn;
use crate::{corrupt, Result};

#[derive(FromRow)]
struct SignOffRow {
    stage: String,
    kind: String,
    #[sqlx(try_from = "crate::db::Day")]
    signed_on: NaiveDate,
    signed_by: String,
    note: String,
}

/// The RCI's sign-offs, in stage order.
pub(crate) async fn read_sign_offs(conn: &mut Conn, rci_id: i64) -> Result<SignOffs> {
    let rows: Vec<SignOffRow> = sqlx::query_as(
        "SELECT stage, kind, signed_on, signed_by, note FROM stage_signoffs WHERE rci_id = $1",
    )
    .bind(rci_id)
    .fetch_all(conn)
    .await?;
    let mut offs = rows
        .into_iter()
        .map(|r| {
            let stage = match Track::parse(&r.stage).map_err(corrupt)? {
                Track::Stage(stage) => stage,
                Track::Organisation => return Err(corrupt(&r.stage)),
            };
            Ok(SignOff {
                stage,
                kind: SignOffKind::parse(&r.kind).ok_or_else(|| corrupt(&r.kind))?,
                on: r.signed_on,
                by: Name::parse(&r.signed_by).map_err(corrupt)?,
                note: Note::parse(&r.note).map_err(corrupt)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    offs.sort_by_key(|s| s.stage);
    Ok(SignOffs(offs))
}
