//! Community programmes of each RCI.

use std::collections::HashMap;

use homeward_core::history::{Editor, Entity};
use homeward_core::programmes::{Programme, ProgrammeKind, ProgrammeStatus};
use homeward_core::{Name, SexCount, Stored};
use sqlx::FromRow;

use crate::db::{Day, Tx};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store};

/// Records a programme's changes in its RCI's history (`before` empty for a new programme).
async fn record(
    tx: &mut Tx,
    (rci_id, id): (i64, i64),
    p: &Programme,
    by: &Editor,
    before: &[(&str, String)],
) -> Result<()> {
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::Programme,
        entity_id: id,
        label: p.name.as_str(),
        by,
    };
    history::record(tx, change, before, &p.describe()).await
}

#[derive(FromRow)]
struct ProgrammeRow {
    #[sqlx(default)]
    rci_id: i64,
    id: i64,
    version: i64,
    kind: String,
    name: String,
    #[sqlx(try_from = "crate::db::Day")]
    started_on: chrono::NaiveDate,
    members_total: i64,
    members_female: i64,
    sessions_per_quarter: i64,
    status: String,
}

impl ProgrammeRow {
    fn into_stored(self) -> Result<Stored<Programme>> {
        let count = |v: i64| u32::try_from(v).map_err(corrupt);
        let value = Programme {
            kind: ProgrammeKind::parse(&self.kind).ok_or_else(|| corrupt(&self.kind))?,
            name: Name::parse(&self.name).map_err(corrupt)?,
            started_on: self.started_on,
            members: SexCount::new(count(self.members_total)?, count(self.members_female)?)
                .map_err(corrupt)?,
            sessions_per_quarter: count(self.sessions_per_quarter)?,
            status: ProgrammeStatus::parse(&self.status).ok_or_else(|| corrupt(&self.status))?,
        };
        Ok(Stored {
            id: self.id,
            version: self.version,
            value,
        })
    }
}

impl Store {
    /// Adds a community programme to an RCI.
    pub async fn create_programme(&self, rci_id: i64, p: &Programme, by: &Editor) -> Result<i64> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO community_programmes (rci_id, kind, name, started_on, members_total, \
             members_female, sessions_per_quarter, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING id",
        )
        .bind(rci_id)
        .bind(p.kind.key())
        .bind(p.name.as_str())
        .bind(Day(p.started_on))
        .bind(i64::from(p.members.total()))
        .bind(i64::from(p.members.female()))
        .bind(i64::from(p.sessions_per_quarter))
        .bind(p.status.key())
        .fetch_one(&mut *tx)
        .await?;
        record(&mut tx, (rci_id, id), p, by, &[]).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Saves a programme if nobody saved it since `expected_version` was read.
    pub async fn update_programme(
        &self,
        rci_id: i64,
        id: i64,
        expected_version: i64,
        p: &Programme,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let current: Option<i64> = sqlx::query_scalar(
            "SELECT version FROM community_programmes WHERE id = $1 AND rci_id = $2",
        )
        .bind(id)
        .bind(rci_id)
        .fetch_optional(&mut *tx)
        .await?;
        crate::check_version(current, expected_version)?;
        let before: ProgrammeRow = sqlx::query_as(
            "SELECT id, version, kind, name, started_on, members_total, members_female, \
             sessions_per_quarter, status FROM community_programmes WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let before = before.into_stored()?.value.describe();
        sqlx::query(
            "UPDATE community_programmes SET kind = $1, name = $2, started_on = $3, members_total = $4, \
             members_female = $5, sessions_per_quarter = $6, status = $7, version = version + 1 \
             WHERE id = $8",
        )
        .bind(p.kind.key())
        .bind(p.name.as_str())
        .bind(Day(p.started_on))
        .bind(i64::from(p.members.total()))
        .bind(i64::from(p.members.female()))
        .bind(i64::from(p.sessions_per_quarter))
        .bind(p.status.key())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        record(&mut tx, (rci_id, id), p, by, &before).await?;
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    /// One RCI's programmes, oldest first.
    pub async fn programmes(&self, rci_id: i64) -> Result<Vec<Stored<Programme>>> {
        sqlx::query_as::<_, ProgrammeRow>(
            "SELECT id, version, kind, name, started_on, members_total, members_female, \
             sessions_per_quarter, status FROM community_programmes WHERE rci_id = $1 \
             ORDER BY started_on, id",
        )
        .bind(rci_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(ProgrammeRow::into_stored)
        .collect()
    }

    /// Every RCI's programmes, by RCI: the quarterly report's in one query.
    pub async fn all_programmes(&self) -> Result<HashMap<i64, Vec<Programme>>> {
        let rows = sqlx::query_as::<_, ProgrammeRow>(
            "SELECT id, rci_id, version, kind, name, started_on, members_total, members_female, \
             sessions_per_quarter, status FROM community_programmes ORDER BY started_on, id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut all: HashMap<i64, Vec<Programme>> = HashMap::new();
        for row in rows {
            let rci = row.rci_id;
            all.entry(rci).or_default().push(row.into_stored()?.value);
        }
        Ok(all)
    }
}
