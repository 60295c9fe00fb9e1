//! Targets the organisation sets for an RCI or a province. How each stands is never stored: the
//! core judges it from the records on the day.

use chrono::Utc;
use homeward_core::history::{Editor, Entity};
use homeward_core::targets::{Goal, Scope, SetTarget, Target};

use crate::db::{Day, Tx};
use crate::history::{self, Change};
use crate::reads::targets::stage_key;
use crate::{Result, Store, StoreError};

impl Store {
    /// Sets `target` for an RCI or a province; returns its id.
    pub async fn set_target(&self, scope: Scope, target: &Target, by: &Editor) -> Result<i64> {
        let mut tx = self.write().await?;
        let (rci_id, province) = match scope {
            Scope::Rci(id) => {
                crate::rcis::ensure_rci(&mut tx, id).await?;
                (Some(id), None)
            }
            Scope::Province(p) => (None, Some(p.en())),
        };
        let (percent, stage) = match target.goal {
            Goal::FamilyPlacements { percent } => (Some(i64::from(percent)), None),
            Goal::StageFinished(s) => (None, Some(stage_key(s))),
            Goal::CareClosed => (None, None),
        };
        let today = homeward_core::calendar::cambodia_date(Utc::now());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO targets (rci_id, province, goal, percent, stage, due_on, set_on, set_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(rci_id)
        .bind(province)
        .bind(target.goal.kind().key())
        .bind(percent)
        .bind(stage)
        .bind(Day(target.due_on))
        .bind(Day(today))
        .bind(by.name.as_str())
        .fetch_one(&mut *tx)
        .await?;
        finish(tx, rci_id, province, id, &[], &target.describe(), by).await?;
        Ok(id)
    }

    /// Removes a target; returns what it was, so the page can go back to its RCI or province.
    pub async fn remove_target(&self, id: i64, by: &Editor) -> Result<SetTarget> {
        let mut tx = self.write().await?;
        let set = crate::reads::targets::read_target(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM targets WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let (rci_id, province) = match set.scope {
            Scope::Rci(rci) => (Some(rci), None),
            Scope::Province(p) => (None, Some(p.en())),
        };
        finish(tx, rci_id, province, id, &set.target.describe(), &[], by).await?;
        Ok(set)
    }

    /// One target, whoever it is for; `None` if there is none with this id.
    pub async fn target(&self, id: i64) -> Result<Option<SetTarget>> {
        crate::reads::targets::read_target(&mut *self.pool().acquire().await?, id).await
    }

    /// Every province's own targets, by province.
    pub async fn province_targets(&self) -> Result<Vec<SetTarget>> {
        crate::reads::targets::read_targets(&mut *self.pool().acquire().await?, None).await
    }
}

/// The end of a target's write: its history (in the RCI's, or the organisation's for a
/// province), the RCI's summary, the commit.
async fn finish(
    mut tx: Tx,
    rci_id: Option<i64>,
    province: Option<&str>,
    id: i64,
    before: &[(&'static str, String)],
    after: &[(&'static str, String)],
    by: &Editor,
) -> Result<()> {
    let label = match province {
        Some(p) => format!("target for {p}"),
        None => "target".to_string(),
    };
    let change = Change {
        rci_id,
        entity: Entity::Target,
        entity_id: id,
        label: &label,
        by,
    };
    history::record(&mut tx, change, before, after).await?;
    if let Some(rci) = rci_id {
        crate::summaries::refresh(&mut tx, rci).await?;
    }
    tx.commit().await?;
    Ok(())
}
