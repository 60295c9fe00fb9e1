//! Checklist items: each RCI's copy of the template steps and their state.

use chrono::Utc;
use homeward_core::{
    checklists::ChecklistError, default_template, ChecklistItem, CustomStep, ItemChange, ItemKey,
    Name, Note, Stored, Template,
};

use homeward_core::history::{Editor, Entity};

use crate::db::{Day, Instant, Tx};
use crate::history::{self, Change};
use crate::reads::checklists::{read_checklist, ItemRow, ITEM_COLUMNS};
use crate::{Result, Store, StoreError};

/// Inserts one item into an RCI's checklist inside the caller's transaction; returns its id.
pub(crate) async fn insert_item(
    tx: &mut Tx,
    rci_id: i64,
    position: i64,
    item: &ChecklistItem,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO checklist_items (rci_id, item_key, track, position, title_en, title_km, \
         guidance_en, guidance_km, custom, hidden, status, done_on, reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(rci_id)
    .bind(item.key.as_str())
    .bind(item.track.key())
    .bind(position)
    .bind(&item.title.en)
    .bind(&item.title.km)
    .bind(&item.guidance.en)
    .bind(&item.guidance.km)
    .bind(item.custom)
    .bind(item.hidden)
    .bind(item.status.kind())
    .bind(item.status.done_on().map(Day))
    .bind(item.status.reason().map(Note::as_str).unwrap_or(""))
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Stores the core's default template the first time the template is read, so that the
/// organisation can edit it.
pub(crate) async fn store_default_template(tx: &mut Tx) -> Result<()> {
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checklist_templates")
        .fetch_one(&mut **tx)
        .await?;
    if stored > 0 {
        return Ok(());
    }
    for (position, item) in default_template().items().iter().enumerate() {
        sqlx::query(
            "INSERT INTO checklist_templates (item_key, track, position, title_en, \
             title_km, guidance_en, guidance_km) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(item.key.as_str())
        .bind(item.track.key())
        .bind(position as i64)
        .bind(&item.title.en)
        .bind(&item.title.km)
        .bind(&item.guidance.en)
        .bind(&item.guidance.km)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Saves a step's words and whether it is hidden, from the organisation's template, keeping its
/// status; recorded in the RCI's history.
pub(crate) async fn save_words(
    tx: &mut Tx,
    rci_id: i64,
    item_id: i64,
    before: &ChecklistItem,
    after: &ChecklistItem,
    by: &Editor,
) -> Result<()> {
    sqlx::query(
        "UPDATE checklist_items SET title_en = $1, title_km = $2, guidance_en = $3, \
         guidance_km = $4, hidden = $5, version = version + 1 WHERE id = $6 AND rci_id = $7",
    )
    .bind(&after.title.en)
    .bind(&after.title.km)
    .bind(&after.guidance.en)
    .bind(&after.guidance.km)
    .bind(after.hidden)
    .bind(item_id)
    .bind(rci_id)
    .execute(&mut **tx)
    .await?;
    record_item(tx, rci_id, item_id, before, after, by).await
}

/// Saves changes to items of one RCI in the caller's transaction, each refused if its version
/// moved; returns the new versions.
pub(crate) async fn save_items(
    tx: &mut Tx,
    rci_id: i64,
    changes: &[(i64, i64, ItemChange)],
    by: &Editor,
) -> Result<Vec<i64>> {
    let now = Utc::now();
    let mut versions = Vec::with_capacity(changes.len());
    for (item_id, expected_version, change) in changes {
        let before = current_item(tx, rci_id, *item_id, *expected_version).await?;
        sqlx::query(
            "UPDATE checklist_items SET status = $1, done_on = $2, reason = $3, evidence = $4, \
             responsible = $5, owner = $6, due_on = $7, updated_by = $8, updated_at = $9, \
             version = version + 1 WHERE id = $10 AND version = $11",
        )
        .bind(change.status.kind())
        .bind(change.status.done_on().map(Day))
        .bind(change.status.reason().map(Note::as_str).unwrap_or(""))
        .bind(change.evidence.as_str())
        .bind(change.responsible.as_ref().map(Name::as_str))
        .bind(change.owner.map(|o| o.key()))
        .bind(change.due_on.map(Day))
        .bind(by.name.as_str())
        .bind(Instant(now))
        .bind(item_id)
        .bind(expected_version)
        .execute(&mut **tx)
        .await?;
        let after = ChecklistItem {
            status: change.status.clone(),
            evidence: change.evidence.clone(),
            responsible: change.responsible.clone(),
            owner: change.owner,
            due_on: change.due_on,
            ..before.clone()
        };
        record_item(tx, rci_id, *item_id, &before, &after, by).await?;
        versions.push(expected_version + 1);
    }
    Ok(versions)
}

impl Store {
    /// The organisation's template. On first use it is the core's default template, stored so
    /// that the organisation can extend it.
    pub async fn template(&self) -> Result<Template> {
        crate::templates::template_of(self.template_steps().await?)
    }

    /// One RCI's checklist in template order.
    pub async fn checklist(&self, rci_id: i64) -> Result<Vec<Stored<ChecklistItem>>> {
        read_checklist(&mut *self.pool().acquire().await?, rci_id).await
    }

    /// Saves a change to one item if nobody saved since `expected_version` was read.
    /// Returns the new version. The RCI id is checked too, so an id from another RCI is not found.
    pub async fn update_item(
        &self,
        rci_id: i64,
        item_id: i64,
        expected_version: i64,
        change: &ItemChange,
        by: &Editor,
    ) -> Result<i64> {
        let versions = self
            .update_items(rci_id, &[(item_id, expected_version, change.clone())], by)
            .await?;
        Ok(versions[0])
    }

    /// Saves changes to several items of one RCI at once, all or none: each `(item id, version
    /// it was read at, change)` is refused as [`Store::update_item`] would refuse it, and one
    /// refusal writes nothing. One transaction and one summary update for the lot (a day's visit
    /// entered at once, demo and generated data). Returns the new versions, in order.
    pub async fn update_items(
        &self,
        rci_id: i64,
        changes: &[(i64, i64, ItemChange)],
        by: &Editor,
    ) -> Result<Vec<i64>> {
        let mut tx = self.write().await?;
        let versions = save_items(&mut tx, rci_id, changes, by).await?;
        crate::signoffs::withdraw_reopened(&mut tx, rci_id, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(versions)
    }

    /// Hides a step that does not apply to this RCI, or shows it again. Hidden steps are kept
    /// (never deleted) and left out of progress.
    pub async fn set_item_hidden(
        &self,
        rci_id: i64,
        item_id: i64,
        expected_version: i64,
        hidden: bool,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let before = current_item(&mut tx, rci_id, item_id, expected_version).await?;
        sqlx::query(
            "UPDATE checklist_items SET hidden = $1, updated_by = $2, updated_at = $3, \
             version = version + 1 WHERE id = $4 AND version = $5",
        )
        .bind(hidden)
        .bind(by.name.as_str())
        .bind(Instant(Utc::now()))
        .bind(item_id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        let after = ChecklistItem {
            hidden,
            ..before.clone()
        };
        record_item(&mut tx, rci_id, item_id, &before, &after, by).await?;
        crate::signoffs::withdraw_reopened(&mut tx, rci_id, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    /// Adds a step of the adviser's own to one track of one RCI, after that track's steps.
    pub async fn add_custom_item(
        &self,
        rci_id: i64,
        step: &CustomStep,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let (customs, position): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM checklist_items WHERE rci_id = $1 AND custom = TRUE), \
             COALESCE((SELECT MAX(position) FROM checklist_items WHERE rci_id = $2 AND track = $3), \
             (SELECT COALESCE(MAX(position), 0) FROM checklist_items WHERE rci_id = $4))",
        )
        .bind(rci_id)
        .bind(rci_id)
        .bind(step.track.key())
        .bind(rci_id)
        .fetch_one(&mut *tx)
        .await?;
        let key = ItemKey::parse(&format!("custom_{}", customs + 1))?;
        let item = ChecklistItem::custom(key, step);
        let id = insert_item(&mut tx, rci_id, position, &item).await?;
        let change = Change {
            rci_id: Some(rci_id),
            entity: Entity::ChecklistItem,
            entity_id: id,
            label: &item.title.en,
            by,
        };
        history::record(&mut tx, change, &[], &[("added", item.title.en.clone())]).await?;
        crate::signoffs::withdraw_reopened(&mut tx, rci_id, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// The item as it is now, if it belongs to the RCI and is still at the version the user saw.
async fn current_item(
    tx: &mut Tx,
    rci_id: i64,
    item_id: i64,
    expected_version: i64,
) -> Result<ChecklistItem> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM checklist_items WHERE id = $1 AND rci_id = $2");
    let current = sqlx::query_as::<_, ItemRow>(&sql)
        .bind(item_id)
        .bind(rci_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?
        .into_stored()?;
    if current.version != expected_version {
        return Err(StoreError::Conflict {
            current_version: current.version,
        });
    }
    Ok(current.value)
}

async fn record_item(
    tx: &mut Tx,
    rci_id: i64,
    item_id: i64,
    before: &ChecklistItem,
    after: &ChecklistItem,
    by: &Editor,
) -> Result<()> {
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::ChecklistItem,
        entity_id: item_id,
        label: &before.title.en,
        by,
    };
    history::record(tx, change, &before.describe(), &after.describe()).await
}

impl From<ChecklistError> for StoreError {
    fn from(e: ChecklistError) -> Self {
        StoreError::Invalid(e.into())
    }
}
