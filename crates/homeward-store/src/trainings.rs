//! Trainings and their participants per RCI.

use std::collections::HashMap;

use chrono::NaiveDate;
use homeward_core::history::{Editor, Entity};
use homeward_core::trainings::{Participants, Training, TrainingCategory};
use homeward_core::{DateRange, Name, Note, SexCount, Stored};
use sqlx::FromRow;

use crate::db::{Conn, Day, Instant, Tx};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store, StoreError};

#[derive(FromRow)]
struct TrainingRow {
    id: i64,
    version: i64,
    category: String,
    title: String,
    #[sqlx(try_from = "crate::db::Day")]
    starts_on: NaiveDate,
    #[sqlx(try_from = "crate::db::Day")]
    ends_on: NaiveDate,
    venue: String,
    trainers: String,
}

#[derive(FromRow)]
struct ParticipantRow {
    training_id: i64,
    rci_id: i64,
    people_total: i64,
    people_female: i64,
    pre_score: Option<i64>,
    post_score: Option<i64>,
}

fn count(v: i64) -> Result<u32> {
    u32::try_from(v).map_err(corrupt)
}

impl ParticipantRow {
    fn into_participants(self) -> Result<Participants> {
        let score = |v: i64| u8::try_from(v).map_err(corrupt);
        let scores = match (self.pre_score, self.post_score) {
            (Some(pre), Some(post)) => Some((score(pre)?, score(post)?)),
            _ => None,
        };
        Ok(Participants {
            rci_id: self.rci_id,
            people: SexCount::new(count(self.people_total)?, count(self.people_female)?)
                .map_err(corrupt)?,
            scores,
        })
    }
}

/// Writes a training's participant rows (its own row already written).
async fn write_participants(tx: &mut Tx, id: i64, t: &Training) -> Result<()> {
    for p in &t.participants {
        crate::rcis::ensure_rci(tx, p.rci_id).await?;
        sqlx::query(
            "INSERT INTO training_participants (training_id, rci_id, people_total, \
             people_female, pre_score, post_score) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(p.rci_id)
        .bind(i64::from(p.people.total()))
        .bind(i64::from(p.people.female()))
        .bind(p.scores.map(|(pre, _)| i64::from(pre)))
        .bind(p.scores.map(|(_, post)| i64::from(post)))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Records a training's changes in the history (`before` empty for a new training).
async fn record(
    tx: &mut Tx,
    id: i64,
    t: &Training,
    by: &Editor,
    before: &[(&str, String)],
) -> Result<()> {
    let change = Change {
        rci_id: None,
        entity: Entity::Training,
        entity_id: id,
        label: t.title.as_str(),
        by,
    };
    history::record(tx, change, before, &t.describe()).await
}

/// Every training (or only the one with id `only`, or only those RCI `attended_by` took part
/// in), newest first, with its participants; on any connection, so a write can read what it
/// replaces.
async fn read_trainings(
    conn: &mut Conn,
    only: Option<i64>,
    attended_by: Option<i64>,
) -> Result<Vec<Stored<Training>>> {
    let matching = |col: &str| {
        format!(
            "($1 IS NULL OR {col} = $1) AND ($2 IS NULL OR {col} IN \
             (SELECT training_id FROM training_participants WHERE rci_id = $2))"
        )
    };
    let rows: Vec<TrainingRow> = sqlx::query_as(&format!(
        "SELECT id, version, category, title, starts_on, ends_on, venue, trainers \
         FROM trainings WHERE {} ORDER BY starts_on DESC, id DESC",
        matching("id")
    ))
    .bind(only)
    .bind(attended_by)
    .fetch_all(&mut *conn)
    .await?;
    let mut participants: HashMap<i64, Vec<Participants>> = HashMap::new();
    let prows: Vec<ParticipantRow> = sqlx::query_as(&format!(
        "SELECT training_id, rci_id, people_total, people_female, pre_score, post_score \
         FROM training_participants WHERE {} ORDER BY training_id, rci_id",
        matching("training_id")
    ))
    .bind(only)
    .bind(attended_by)
    .fetch_all(&mut *conn)
    .await?;
    for row in prows {
        let training = row.training_id;
        participants
            .entry(training)
            .or_default()
            .push(row.into_participants()?);
    }
    rows.into_iter()
        .map(|r| {
            let value = Training {
                category: TrainingCategory::parse(&r.category)
                    .ok_or_else(|| corrupt(&r.category))?,
                title: Name::parse(&r.title).map_err(corrupt)?,
                dates: DateRange::new(r.starts_on, r.ends_on).map_err(corrupt)?,
                venue: Name::parse(&r.venue).map_err(corrupt)?,
                trainers: Note::parse(&r.trainers).map_err(corrupt)?,
                participants: participants.remove(&r.id).unwrap_or_default(),
            };
            Ok(Stored {
                id: r.id,
                version: r.version,
                value,
            })
        })
        .collect()
}

impl Store {
    /// Records a training with its participants per RCI, all or nothing.
    pub async fn create_training(&self, t: &Training, by: &Editor) -> Result<i64> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO trainings (category, title, starts_on, ends_on, venue, trainers, \
             recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(t.category.key())
        .bind(t.title.as_str())
        .bind(Day(t.dates.start()))
        .bind(Day(t.dates.end()))
        .bind(t.venue.as_str())
        .bind(t.trainers.as_str())
        .bind(by.name.as_str())
        .bind(Instant(chrono::Utc::now()))
        .fetch_one(&mut *tx)
        .await?;
        write_participants(&mut tx, id, t).await?;
        record(&mut tx, id, t, by, &[]).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a training with its edited version, unless someone saved it since
    /// `expected_version` was read. Returns the new version.
    pub async fn update_training(
        &self,
        id: i64,
        expected_version: i64,
        t: &Training,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let current: Option<i64> =
            sqlx::query_scalar("SELECT version FROM trainings WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        crate::check_version(current, expected_version)?;
        let before = read_trainings(&mut tx, Some(id), None)
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?;
        sqlx::query(
            "UPDATE trainings SET category = $1, title = $2, starts_on = $3, ends_on = $4, venue = $5, \
             trainers = $6, recorded_by = $7, recorded_at = $8, version = version + 1 WHERE id = $9",
        )
        .bind(t.category.key())
        .bind(t.title.as_str())
        .bind(Day(t.dates.start()))
        .bind(Day(t.dates.end()))
        .bind(t.venue.as_str())
        .bind(t.trainers.as_str())
        .bind(by.name.as_str())
        .bind(Instant(chrono::Utc::now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM training_participants WHERE training_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        write_participants(&mut tx, id, t).await?;
        record(&mut tx, id, t, by, &before.value.describe()).await?;
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    /// Every training, newest first, with its participants.
    pub async fn trainings(&self) -> Result<Vec<Stored<Training>>> {
        read_trainings(&mut *self.pool().acquire().await?, None, None).await
    }

    /// The trainings an RCI took part in, newest first.
    pub async fn trainings_attended_by(&self, rci_id: i64) -> Result<Vec<Stored<Training>>> {
        read_trainings(&mut *self.pool().acquire().await?, None, Some(rci_id)).await
    }

    /// One training.
    pub async fn training(&self, id: i64) -> Result<Stored<Training>> {
        read_trainings(&mut *self.pool().acquire().await?, Some(id), None)
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// Everyone from one RCI trained so far, all trainings together.
    pub async fn trained_people(&self, rci_id: i64) -> Result<SexCount> {
        let (total, female): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(people_total), 0) AS BIGINT), \
             CAST(COALESCE(SUM(people_female), 0) AS BIGINT) \
             FROM training_participants WHERE rci_id = $1",
        )
        .bind(rci_id)
        .fetch_one(self.pool())
        .await?;
        SexCount::new(count(total)?, count(female)?).map_err(corrupt)
    }
}
