//! Evidence files: kept whole in the database (base64 text), listed per RCI without their bytes,
//! each recorded in the RCI's history. Quotas are checked inside the write, so two uploads at once
//! cannot both slip under a limit.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::NaiveDate;
use homeward_core::evidence::{AttachedTo, EvidenceError, EvidenceFile, FileKind};
use homeward_core::history::{Editor, Entity};
use homeward_core::Name;
use sqlx::FromRow;

use crate::db::{Day, Tx};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store, StoreError};

const COLUMNS: &str =
    "id, attached_kind, attached_id, file_name, kind, size, uploaded_on, uploaded_by";

#[derive(FromRow)]
struct FileRow {
    id: i64,
    attached_kind: Option<String>,
    attached_id: Option<i64>,
    file_name: String,
    kind: String,
    size: i64,
    #[sqlx(try_from = "crate::db::Day")]
    uploaded_on: NaiveDate,
    uploaded_by: String,
}

/// A file's row with the RCI it belongs to and its bytes, for a download.
#[derive(FromRow)]
struct ContentRow {
    rci_id: i64,
    content: String,
    #[sqlx(flatten)]
    file: FileRow,
}

impl FileRow {
    fn into_file(self) -> Result<EvidenceFile> {
        let attached = match (self.attached_kind, self.attached_id) {
            (Some(kind), Some(id)) => {
                Some(AttachedTo::of(&kind, id).ok_or_else(|| corrupt(&kind))?)
            }
            _ => None,
        };
        Ok(EvidenceFile {
            id: self.id,
            attached,
            name: self.file_name,
            kind: FileKind::parse(&self.kind).ok_or_else(|| corrupt(&self.kind))?,
            size: self.size,
            uploaded_on: self.uploaded_on,
            by: Name::parse(&self.uploaded_by).map_err(corrupt)?,
        })
    }
}

/// Whether what the file is attached to is one of this RCI's records.
async fn belongs(tx: &mut Tx, rci_id: i64, attached: AttachedTo) -> Result<bool> {
    let table = match attached {
        AttachedTo::Item(_) => "checklist_items",
        AttachedTo::Inspection(_) => "inspections",
        AttachedTo::FollowUp(_) => "follow_up_visits",
    };
    let found: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM {table} WHERE id = $1 AND rci_id = $2"
    ))
    .bind(attached.id())
    .bind(rci_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(found > 0)
}

impl Store {
    /// Keeps a file already made safe by the core ([`homeward_core::evidence::clean`]): refused if
    /// what it is attached to is not the RCI's, or if the RCI's or everyone's files would pass
    /// their quota. Returns its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_evidence(
        &self,
        rci_id: i64,
        attached: Option<AttachedTo>,
        name: &str,
        kind: FileKind,
        bytes: &[u8],
        by: &Editor,
        today: NaiveDate,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        if let Some(attached) = attached {
            if !belongs(&mut tx, rci_id, attached).await? {
                return Err(StoreError::Evidence(EvidenceError::UnknownPlace));
            }
        }
        let size = bytes.len() as i64;
        let (rci_total, total): (i64, i64) = sqlx::query_as(
            // PostgreSQL sums BIGINTs as NUMERIC: cast back to one integer type for both.
            "SELECT CAST(COALESCE((SELECT SUM(size) FROM evidence_files WHERE rci_id = $1), 0) \
             AS BIGINT), CAST(COALESCE((SELECT SUM(size) FROM evidence_files), 0) AS BIGINT)",
        )
        .bind(rci_id)
        .fetch_one(&mut *tx)
        .await?;
        self.quotas
            .check(rci_total, total, size)
            .map_err(StoreError::Evidence)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO evidence_files (rci_id, attached_kind, attached_id, file_name, kind, size, \
             content, uploaded_on, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id",
        )
        .bind(rci_id)
        .bind(attached.map(|a| a.key()))
        .bind(attached.map(|a| a.id()))
        .bind(name)
        .bind(kind.key())
        .bind(size)
        .bind(STANDARD.encode(bytes))
        .bind(Day(today))
        .bind(by.name.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let file = EvidenceFile {
            id,
            attached,
            name: name.to_string(),
            kind,
            size,
            uploaded_on: today,
            by: by.name.clone(),
        };
        let change = Change {
            rci_id: Some(rci_id),
            entity: Entity::EvidenceFile,
            entity_id: id,
            label: name,
            by,
        };
        history::record(&mut tx, change, &[], &file.describe()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One RCI's files, without their bytes, oldest first.
    pub async fn evidence_files(&self, rci_id: i64) -> Result<Vec<EvidenceFile>> {
        let rows: Vec<FileRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM evidence_files WHERE rci_id = $1 ORDER BY id"
        ))
        .bind(rci_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(FileRow::into_file).collect()
    }

    /// One file with the RCI it belongs to and its bytes; `None` if there is no such file.
    pub async fn evidence_content(&self, id: i64) -> Result<Option<(i64, EvidenceFile, Vec<u8>)>> {
        let row: Option<ContentRow> = sqlx::query_as(&format!(
            "SELECT rci_id, content, {COLUMNS} FROM evidence_files WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let bytes = STANDARD.decode(&row.content).map_err(corrupt)?;
        Ok(Some((row.rci_id, row.file.into_file()?, bytes)))
    }
}
