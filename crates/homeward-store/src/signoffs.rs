//! Stage sign-off: an adviser asks, an admin approves or returns with a note; a checklist change
//! that reopens a stage withdraws what it no longer supports. Each step is one row per RCI and
//! stage (the last step) and a line of the RCI's history.

use chrono::NaiveDate;
use homeward_core::history::{Editor, Entity};
use homeward_core::progress::Progress;
use homeward_core::signoffs::{self, Decision, SignOff, SignOffs};
use homeward_core::{ChecklistItem, Stage, Track};

use crate::db::{Day, Tx};
use crate::history::{self, Change};
use crate::reads::signoffs::read_sign_offs;
use crate::{Result, Store, StoreError};

/// Records one step of a stage's sign-off: its row and its history.
async fn save(
    tx: &mut Tx,
    rci_id: i64,
    before: Option<&SignOff>,
    after: &SignOff,
    by: &Editor,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO stage_signoffs (rci_id, stage, kind, signed_on, signed_by, note) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (rci_id, stage) DO UPDATE SET \
         kind = excluded.kind, signed_on = excluded.signed_on, signed_by = excluded.signed_by, \
         note = excluded.note, version = stage_signoffs.version + 1",
    )
    .bind(rci_id)
    .bind(Track::Stage(after.stage).key())
    .bind(after.kind.key())
    .bind(Day(after.on))
    .bind(after.by.as_str())
    .bind(after.note.as_str())
    .execute(&mut **tx)
    .await?;
    let before = before.map(SignOff::describe).unwrap_or_default();
    history::record(
        tx,
        change(rci_id, after.stage, &SignOff::label(after.stage), by),
        &before,
        &after.describe(),
    )
    .await
}

fn change<'a>(rci_id: i64, stage: Stage, label: &'a str, by: &'a Editor) -> Change<'a> {
    Change {
        rci_id: Some(rci_id),
        entity: Entity::SignOff,
        entity_id: stage.number() as i64,
        label,
        by,
    }
}

/// The stage's progress as the transaction sees its checklist.
async fn stage_progress(tx: &mut Tx, rci_id: i64, stage: Stage) -> Result<Progress> {
    let items: Vec<ChecklistItem> = crate::reads::checklists::read_checklist(tx, rci_id)
        .await?
        .into_iter()
        .map(|s| s.value)
        .collect();
    Ok(Progress::of(
        items.iter().filter(|i| i.track == Track::Stage(stage)),
    ))
}

/// Withdraws the requests and approvals of stages a checklist change reopened (a step undone,
/// added or shown again), inside that change's transaction and before its summary is rewritten,
/// so no RCI counts a stage finished that is not done.
pub(crate) async fn withdraw_reopened(tx: &mut Tx, rci_id: i64, by: &Editor) -> Result<()> {
    let offs = read_sign_offs(tx, rci_id).await?;
    if offs.0.is_empty() {
        return Ok(());
    }
    let items: Vec<ChecklistItem> = crate::reads::checklists::read_checklist(tx, rci_id)
        .await?
        .into_iter()
        .map(|s| s.value)
        .collect();
    for stage in signoffs::withdrawn(&items, &offs) {
        sqlx::query("DELETE FROM stage_signoffs WHERE rci_id = $1 AND stage = $2")
            .bind(rci_id)
            .bind(Track::Stage(stage).key())
            .execute(&mut **tx)
            .await?;
        let before = offs.of(stage).map(SignOff::describe).unwrap_or_default();
        let after = [
            ("sign-off", "withdrawn".to_string()),
            ("notes", String::new()),
        ];
        history::record(
            tx,
            change(rci_id, stage, &SignOff::label(stage), by),
            &before,
            &after,
        )
        .await?;
    }
    Ok(())
}

impl Store {
    /// Signs off every stage whose steps are all done, on the day its last step was done: for
    /// demo and generated partners, whose earlier stages were finished before they were loaded.
    pub(crate) async fn sign_off_done(
        &self,
        rci_id: i64,
        by: &Editor,
        fallback: NaiveDate,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let items: Vec<ChecklistItem> = crate::reads::checklists::read_checklist(&mut tx, rci_id)
            .await?
            .into_iter()
            .map(|s| s.value)
            .collect();
        let offs = read_sign_offs(&mut tx, rci_id).await?;
        for approved in signoffs::approve_done(&items, &by.name, fallback).0 {
            save(&mut tx, rci_id, offs.of(approved.stage), &approved, by).await?;
        }
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// One RCI's sign-offs.
    pub async fn sign_offs(&self, rci_id: i64) -> Result<SignOffs> {
        let mut conn = self.pool().acquire().await?;
        read_sign_offs(&mut conn, rci_id).await
    }

    /// The adviser asks for a stage to be signed off on `today`: refused unless every step of
    /// it that counts is done, and while a request waits or once signed off.
    pub async fn request_sign_off(
        &self,
        rci_id: i64,
        stage: Stage,
        by: &Editor,
        today: NaiveDate,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let progress = stage_progress(&mut tx, rci_id, stage).await?;
        let offs = read_sign_offs(&mut tx, rci_id).await?;
        let current = offs.of(stage);
        let asked = signoffs::request(stage, progress, current, &by.name, today)
            .map_err(StoreError::SignOff)?;
        save(&mut tx, rci_id, current, &asked, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// An admin approves or returns a waiting request on `today`; refused if none waits (another
    /// admin decided first, or the stage was reopened and its request withdrawn).
    pub async fn decide_sign_off(
        &self,
        rci_id: i64,
        stage: Stage,
        decision: Decision,
        by: &Editor,
        today: NaiveDate,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let offs = read_sign_offs(&mut tx, rci_id).await?;
        let current = offs.of(stage);
        let decided =
            signoffs::decide(current, decision, &by.name, today).map_err(StoreError::SignOff)?;
        save(&mut tx, rci_id, current, &decided, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(())
    }
}
