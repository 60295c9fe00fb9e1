//! The organisation's targets: one RCI's (for its summary) or the provinces'.

use chrono::NaiveDate;
use homeward_core::targets::{Goal, GoalKind, Scope, SetTarget, Target};
use homeward_core::{Province, Stage, Track};
use sqlx::FromRow;

use crate::db::Conn;
use crate::{corrupt, Result};

#[derive(FromRow)]
struct TargetRow {
    id: i64,
    rci_id: Option<i64>,
    province: Option<String>,
    goal: String,
    percent: Option<i64>,
    stage: Option<String>,
    #[sqlx(try_from = "crate::db::Day")]
    due_on: NaiveDate,
    #[sqlx(try_from = "crate::db::Day")]
    set_on: NaiveDate,
}

impl TargetRow {
    fn into_target(self) -> Result<SetTarget> {
        let goal = match GoalKind::parse(&self.goal).ok_or_else(|| corrupt(&self.goal))? {
            GoalKind::FamilyPlacements => Goal::FamilyPlacements {
                percent: self
                    .percent
                    .and_then(|p| u8::try_from(p).ok())
                    .ok_or_else(|| corrupt("target percent"))?,
            },
            GoalKind::StageFinished => {
                let key = self.stage.unwrap_or_default();
                match Track::parse(&key).map_err(corrupt)? {
                    Track::Stage(stage) => Goal::StageFinished(stage),
                    Track::Organisation => return Err(corrupt(key)),
                }
            }
            GoalKind::CareClosed => Goal::CareClosed,
        };
        let scope = match (self.rci_id, self.province) {
            (Some(id), _) => Scope::Rci(id),
            (None, Some(p)) => Scope::Province(Province::parse(&p).map_err(corrupt)?),
            (None, None) => return Err(corrupt("target without an RCI or a province")),
        };
        Ok(SetTarget {
            id: self.id,
            scope,
            target: Target {
                goal,
                due_on: self.due_on,
            },
            set_on: self.set_on,
        })
    }
}

/// One RCI's targets, or with `None` every province's, in the order they were set.
pub(crate) async fn read_targets(conn: &mut Conn, rci_id: Option<i64>) -> Result<Vec<SetTarget>> {
    let sql = match rci_id {
        Some(_) => {
            "SELECT id, rci_id, province, goal, percent, stage, due_on, set_on FROM targets \
                    WHERE rci_id = $1 ORDER BY id"
        }
        None => {
            "SELECT id, rci_id, province, goal, percent, stage, due_on, set_on FROM targets \
                 WHERE rci_id IS NULL ORDER BY province, id"
        }
    };
    let mut query = sqlx::query_as::<_, TargetRow>(sql);
    if let Some(id) = rci_id {
        query = query.bind(id);
    }
    query
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(TargetRow::into_target)
        .collect()
}

/// One target by id, whoever it is for.
pub(crate) async fn read_target(conn: &mut Conn, id: i64) -> Result<Option<SetTarget>> {
    sqlx::query_as::<_, TargetRow>(
        "SELECT id, rci_id, province, goal, percent, stage, due_on, set_on FROM targets \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .map(TargetRow::into_target)
    .transpose()
}

/// The stage key a stage target stores.
pub(crate) fn stage_key(stage: Stage) -> &'static str {
    Track::Stage(stage).key()
}
