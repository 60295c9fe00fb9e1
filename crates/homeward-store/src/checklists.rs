//! Checklist items: each RCI's copy of the template steps and their state.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use homeward_core::{
    checklists::ChecklistError, default_template, Bilingual, ChecklistItem, ItemKey, ItemStatus,
    Name, Note, Stored, Template, TemplateItem, Track,
};
use sqlx::{FromRow, Sqlite, Transaction};

use crate::{corrupt, Result, Store, StoreError};

#[derive(FromRow)]
struct ItemRow {
    id: i64,
    rci_id: i64,
    version: i64,
    item_key: String,
    track: String,
    title_en: String,
    title_km: String,
    guidance_en: String,
    guidance_km: String,
    custom: bool,
    hidden: bool,
    status: String,
    done_on: Option<NaiveDate>,
    reason: String,
    evidence: String,
    responsible: Option<String>,
    updated_by: Option<String>,
    updated_at: Option<DateTime<Utc>>,
}

const ITEM_COLUMNS: &str = "id, rci_id, version, item_key, track, title_en, title_km, guidance_en, \
     guidance_km, custom, hidden, status, done_on, reason, evidence, responsible, updated_by, updated_at";

impl ItemRow {
    fn into_stored(self) -> Result<Stored<ChecklistItem>> {
        let date = self.done_on.map(|d| d.format("%Y-%m-%d").to_string());
        // Stored statuses were valid when written; reading them must not depend on today's date.
        let status =
            ItemStatus::from_parts(&self.status, date.as_deref(), &self.reason, NaiveDate::MAX)
                .map_err(corrupt)?;
        let name = |v: Option<String>| v.map(|s| Name::parse(&s)).transpose().map_err(corrupt);
        let value = ChecklistItem {
            key: ItemKey::parse(&self.item_key).map_err(corrupt)?,
            track: Track::parse(&self.track).map_err(corrupt)?,
            title: Bilingual::new(self.title_en, self.title_km),
            guidance: Bilingual::new(self.guidance_en, self.guidance_km),
            custom: self.custom,
            hidden: self.hidden,
            status,
            evidence: Note::parse(&self.evidence).map_err(corrupt)?,
            responsible: name(self.responsible)?,
            updated_by: name(self.updated_by)?,
            updated_at: self.updated_at,
        };
        Ok(Stored {
            id: self.id,
            version: self.version,
            value,
        })
    }
}

/// A change an adviser makes to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub status: ItemStatus,
    pub evidence: Note,
    pub responsible: Option<Name>,
}

/// Inserts one item into an RCI's checklist inside the caller's transaction.
pub(crate) async fn insert_item(
    tx: &mut Transaction<'_, Sqlite>,
    rci_id: i64,
    position: i64,
    item: &ChecklistItem,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO checklist_items (rci_id, item_key, track, position, title_en, title_km, \
         guidance_en, guidance_km, custom, hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct TemplateRow {
    item_key: String,
    track: String,
    title_en: String,
    title_km: String,
    guidance_en: String,
    guidance_km: String,
}

impl Store {
    /// The organisation's template. On first use it is the core's default template, stored so
    /// that the organisation can extend it.
    pub async fn template(&self) -> Result<Template> {
        let mut tx = self.pool().begin().await?;
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checklist_templates")
            .fetch_one(&mut *tx)
            .await?;
        if stored == 0 {
            for (position, item) in default_template().items().iter().enumerate() {
                sqlx::query(
                    "INSERT INTO checklist_templates (item_key, track, position, title_en, \
                     title_km, guidance_en, guidance_km) VALUES (?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(item.key.as_str())
                .bind(item.track.key())
                .bind(position as i64)
                .bind(&item.title.en)
                .bind(&item.title.km)
                .bind(&item.guidance.en)
                .bind(&item.guidance.km)
                .execute(&mut *tx)
                .await?;
            }
        }
        let rows = sqlx::query_as::<_, TemplateRow>(
            "SELECT item_key, track, title_en, title_km, guidance_en, guidance_km \
             FROM checklist_templates ORDER BY position, item_key",
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut template = Template::default();
        for row in rows {
            template
                .add(TemplateItem {
                    key: ItemKey::parse(&row.item_key).map_err(corrupt)?,
                    track: Track::parse(&row.track).map_err(corrupt)?,
                    title: Bilingual::new(row.title_en, row.title_km),
                    guidance: Bilingual::new(row.guidance_en, row.guidance_km),
                })
                .map_err(corrupt)?;
        }
        Ok(template)
    }

    /// One RCI's checklist in template order.
    pub async fn checklist(&self, rci_id: i64) -> Result<Vec<Stored<ChecklistItem>>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM checklist_items WHERE rci_id = ? ORDER BY position, id"
        );
        sqlx::query_as::<_, ItemRow>(&sql)
            .bind(rci_id)
            .fetch_all(self.pool())
            .await?
            .into_iter()
            .map(ItemRow::into_stored)
            .collect()
    }

    /// Every RCI's checklist, keyed by RCI, in one query.
    pub(crate) async fn all_checklists(&self) -> Result<HashMap<i64, Vec<ChecklistItem>>> {
        let sql =
            format!("SELECT {ITEM_COLUMNS} FROM checklist_items ORDER BY rci_id, position, id");
        let rows = sqlx::query_as::<_, ItemRow>(&sql)
            .fetch_all(self.pool())
            .await?;
        let mut map: HashMap<i64, Vec<ChecklistItem>> = HashMap::new();
        for row in rows {
            let rci_id = row.rci_id;
            map.entry(rci_id)
                .or_default()
                .push(row.into_stored()?.value);
        }
        Ok(map)
    }

    /// Saves a change to one item if nobody saved since `expected_version` was read.
    /// Returns the new version. The RCI id is checked too, so an id from another RCI is not found.
    pub async fn update_item(
        &self,
        rci_id: i64,
        item_id: i64,
        expected_version: i64,
        change: &ItemChange,
        by: &Name,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let current: Option<i64> =
            sqlx::query_scalar("SELECT version FROM checklist_items WHERE id = ? AND rci_id = ?")
                .bind(item_id)
                .bind(rci_id)
                .fetch_optional(&mut *tx)
                .await?;
        let current = current.ok_or(StoreError::NotFound)?;
        if current != expected_version {
            return Err(StoreError::Conflict {
                current_version: current,
            });
        }
        let updated = sqlx::query(
            "UPDATE checklist_items SET status = ?, done_on = ?, reason = ?, evidence = ?, \
             responsible = ?, updated_by = ?, updated_at = ?, version = version + 1 \
             WHERE id = ? AND version = ?",
        )
        .bind(change.status.kind())
        .bind(change.status.done_on())
        .bind(change.status.reason().map(Note::as_str).unwrap_or(""))
        .bind(change.evidence.as_str())
        .bind(change.responsible.as_ref().map(Name::as_str))
        .bind(by.as_str())
        .bind(Utc::now())
        .bind(item_id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(StoreError::Conflict {
                current_version: current,
            });
        }
        tx.commit().await?;
        Ok(expected_version + 1)
    }
}

impl From<ChecklistError> for StoreError {
    fn from(e: ChecklistError) -> Self {
        StoreError::Invalid(e.to_string())
    }
}
