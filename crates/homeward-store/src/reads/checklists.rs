//! An RCI's checklist items.

use chrono::{DateTime, NaiveDate};
use homeward_core::{
    Bilingual, ChecklistItem, ItemKey, ItemStatus, Name, Note, Owner, Stored, Track,
};
use sqlx::FromRow;

use crate::db::Conn;
use crate::{corrupt, Result};

#[derive(FromRow)]
pub(crate) struct ItemRow {
    id: i64,
    version: i64,
    item_key: String,
    track: String,
    title_en: String,
    title_km: String,
    guidance_en: String,
    guidance_km: String,
    #[sqlx(try_from = "crate::db::Flag")]
    custom: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    hidden: bool,
    status: String,
    done_on: Option<crate::db::Day>,
    reason: String,
    evidence: String,
    responsible: Option<String>,
    owner: Option<String>,
    due_on: Option<crate::db::Day>,
    updated_by: Option<String>,
    updated_at: Option<crate::db::Instant>,
}

pub(crate) const ITEM_COLUMNS: &str = "id, version, item_key, track, title_en, title_km, guidance_en, \
     guidance_km, custom, hidden, status, done_on, reason, evidence, responsible, owner, due_on, updated_by, updated_at";

impl ItemRow {
    pub(crate) fn into_stored(self) -> Result<Stored<ChecklistItem>> {
        let date = self.done_on.map(|d| d.0.format("%Y-%m-%d").to_string());
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
            owner: self
                .owner
                .map(|o| Owner::parse(&o).ok_or_else(|| corrupt(format!("owner {o}"))))
                .transpose()?,
            due_on: self.due_on.map(NaiveDate::from),
            updated_by: name(self.updated_by)?,
            updated_at: self.updated_at.map(DateTime::from),
        };
        Ok(Stored {
            id: self.id,
            version: self.version,
            value,
        })
    }
}

/// One RCI's checklist in template order, on `conn` (a write's own transaction, or the pool's).
pub(crate) async fn read_checklist(
    conn: &mut Conn,
    rci_id: i64,
) -> Result<Vec<Stored<ChecklistItem>>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM checklist_items WHERE rci_id = $1 ORDER BY position, id"
    );
    sqlx::query_as::<_, ItemRow>(&sql)
        .bind(rci_id)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(ItemRow::into_stored)
        .collect()
}
