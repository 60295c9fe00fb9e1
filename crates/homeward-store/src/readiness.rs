//! Readiness: the organisation's list of indicators as an admin edits it (every edit takes the
//! indicator's version and is in the history; the first list is stored on first use), and the
//! assessments advisers record, each with the level its answers gave on the day.

use chrono::Utc;
use homeward_core::history::{Editor, Entity};
use homeward_core::readiness::{
    default_indicators, neighbour, Assessment, Indicator, IndicatorText, Level, Recorded,
};
use homeward_core::templates::{new_key, Move};
use homeward_core::{Bilingual, ItemKey};

use crate::db::{Day, Instant, Tx};
use crate::history::{self, Change};
use crate::reads::readiness::select_indicators;
use crate::{check_version, Result, Store, StoreError};

/// Every indicator with its version, in order, the first list stored if there is none yet.
async fn read_indicators(tx: &mut Tx) -> Result<Vec<(i64, Indicator)>> {
    let stored = select_indicators(tx, None).await?;
    if !stored.is_empty() {
        return Ok(stored);
    }
    for (position, indicator) in default_indicators().iter().enumerate() {
        insert(tx, indicator, position as i64).await?;
    }
    select_indicators(tx, None).await
}

async fn insert(tx: &mut Tx, i: &Indicator, position: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO readiness_indicators (indicator_key, about, polarity, title_en, title_km, \
         guidance_en, guidance_km, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(i.key.as_str())
    .bind(i.about.key())
    .bind(i.polarity.key())
    .bind(&i.text.en)
    .bind(&i.text.km)
    .bind(&i.guidance.en)
    .bind(&i.guidance.km)
    .bind(position)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One indicator, refused as a conflict if saved since `version` was read.
async fn current(tx: &mut Tx, key: &ItemKey, version: i64) -> Result<Indicator> {
    let found = select_indicators(tx, Some(key)).await?.pop();
    check_version(found.as_ref().map(|(v, _)| *v), version)?;
    found.map(|(_, i)| i).ok_or(StoreError::NotFound)
}

async fn record_indicator(
    tx: &mut Tx,
    label: &str,
    before: &[(&str, String)],
    after: &[(&str, String)],
    by: &Editor,
) -> Result<()> {
    let change = Change {
        rci_id: None,
        entity: Entity::Indicator,
        entity_id: 0,
        label,
        by,
    };
    history::record(tx, change, before, after).await
}

/// Adds an assessment, its answers and its history inside `tx` (a form's save or an import),
/// with the level its answers give by the list as it stands.
pub(crate) async fn insert_assessment(
    tx: &mut Tx,
    rci_id: i64,
    assessment: &Assessment,
    by: &Editor,
) -> Result<(i64, Level)> {
    let list: Vec<Indicator> = read_indicators(tx)
        .await?
        .into_iter()
        .map(|(_, i)| i)
        .collect();
    let level = assessment.level(&list).ok_or_else(|| {
        StoreError::Invalid(Bilingual::new(
            "mark at least one indicator present or absent",
            "សូមសម្គាល់សូចនាករយ៉ាងហោចណាស់មួយថា មាន ឬ គ្មាន",
        ))
    })?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO readiness_assessments (rci_id, assessed_on, level, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(rci_id)
    .bind(Day(assessment.assessed_on))
    .bind(level.key())
    .bind(by.name.as_str())
    .bind(Instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await?;
    for a in &assessment.answers {
        sqlx::query(
            "INSERT INTO readiness_answers (assessment_id, indicator_key, answer, note) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(a.key.as_str())
        .bind(a.answer.key())
        .bind(a.note.as_str())
        .execute(&mut **tx)
        .await?;
    }
    let label = format!("readiness assessment on {}", assessment.assessed_on);
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::Readiness,
        entity_id: id,
        label: &label,
        by,
    };
    history::record(tx, change, &[], &assessment.describe(level)).await?;
    Ok((id, level))
}

impl Store {
    /// Every indicator of the organisation's list, retired ones included, in order, with the
    /// version an edit must name.
    pub async fn indicators(&self) -> Result<Vec<(i64, Indicator)>> {
        // A read: only a database's very first one stores the first list, under the write lock.
        let stored = select_indicators(&mut *self.pool().acquire().await?, None).await?;
        if !stored.is_empty() {
            return Ok(stored);
        }
        let mut tx = self.write().await?;
        let list = read_indicators(&mut tx).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// The indicators asked today: the list without those retired.
    pub async fn asked_indicators(&self) -> Result<Vec<Indicator>> {
        Ok(self
            .indicators()
            .await?
            .into_iter()
            .map(|(_, i)| i)
            .filter(|i| !i.retired)
            .collect())
    }

    /// Adds an indicator at the end of the list; its key comes from its English wording, unused
    /// by any indicator, now or in a past assessment.
    pub async fn add_indicator(&self, text: &IndicatorText, by: &Editor) -> Result<ItemKey> {
        let mut tx = self.write().await?;
        let list = read_indicators(&mut tx).await?;
        let answered: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT indicator_key FROM readiness_answers")
                .fetch_all(&mut *tx)
                .await?;
        let key = new_key(&text.words.title.en, |k| {
            list.iter().any(|(_, i)| &i.key == k) || answered.iter().any(|a| a == k.as_str())
        });
        let position: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(position) + 1, 0) FROM readiness_indicators")
                .fetch_one(&mut *tx)
                .await?;
        let indicator = Indicator {
            key: key.clone(),
            about: text.about,
            polarity: text.polarity,
            text: text.words.title.clone(),
            guidance: text.words.guidance.clone(),
            retired: false,
        };
        insert(&mut tx, &indicator, position).await?;
        record_indicator(&mut tx, &indicator.text.en, &[], &indicator.describe(), by).await?;
        tx.commit().await?;
        Ok(key)
    }

    /// New words or kind for an indicator, if nobody saved it since `version`. Past
    /// assessments keep the level they gave.
    pub async fn edit_indicator(
        &self,
        key: &ItemKey,
        version: i64,
        text: &IndicatorText,
        by: &Editor,
    ) -> Result<()> {
        self.change_indicator(key, version, by, |before| Indicator {
            about: text.about,
            polarity: text.polarity,
            text: text.words.title.clone(),
            guidance: text.words.guidance.clone(),
            ..before
        })
        .await
    }

    /// Retires an indicator (no longer asked; past answers keep it) or brings it back.
    pub async fn set_indicator_retired(
        &self,
        key: &ItemKey,
        version: i64,
        retired: bool,
        by: &Editor,
    ) -> Result<()> {
        self.change_indicator(key, version, by, |before| Indicator { retired, ..before })
            .await
    }

    /// Saves `change` of the indicator read at `version` (a stale version is refused as a
    /// conflict), recording it before and after in the history.
    async fn change_indicator(
        &self,
        key: &ItemKey,
        version: i64,
        by: &Editor,
        change: impl FnOnce(Indicator) -> Indicator,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        read_indicators(&mut tx).await?;
        let before = current(&mut tx, key, version).await?;
        let after = change(before.clone());
        sqlx::query(
            "UPDATE readiness_indicators SET about = $1, polarity = $2, title_en = $3, \
             title_km = $4, guidance_en = $5, guidance_km = $6, retired = $7, \
             version = version + 1 WHERE indicator_key = $8",
        )
        .bind(after.about.key())
        .bind(after.polarity.key())
        .bind(&after.text.en)
        .bind(&after.text.km)
        .bind(&after.guidance.en)
        .bind(&after.guidance.km)
        .bind(after.retired)
        .bind(key.as_str())
        .execute(&mut *tx)
        .await?;
        record_indicator(
            &mut tx,
            &after.text.en,
            &before.describe(),
            &after.describe(),
            by,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves an indicator up or down among those about the same one; at the group's end it
    /// stays where it is.
    pub async fn move_indicator(
        &self,
        key: &ItemKey,
        version: i64,
        direction: Move,
        by: &Editor,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let list: Vec<Indicator> = read_indicators(&mut tx)
            .await?
            .into_iter()
            .map(|(_, i)| i)
            .collect();
        let moved = current(&mut tx, key, version).await?;
        let Some(other) = neighbour(&list, key, direction) else {
            return Ok(());
        };
        let position = |k: &ItemKey| {
            sqlx::query_scalar::<_, i64>(
                "SELECT position FROM readiness_indicators WHERE indicator_key = $1",
            )
            .bind(k.as_str().to_string())
        };
        let mine = position(key).fetch_one(&mut *tx).await?;
        let theirs = position(&other).fetch_one(&mut *tx).await?;
        for (k, p) in [(key, theirs), (&other, mine)] {
            sqlx::query(
                "UPDATE readiness_indicators SET position = $1, version = version + 1 \
                 WHERE indicator_key = $2",
            )
            .bind(p)
            .bind(k.as_str())
            .execute(&mut *tx)
            .await?;
        }
        let word = match direction {
            Move::Up => "moved up",
            Move::Down => "moved down",
        };
        record_indicator(
            &mut tx,
            &moved.text.en,
            &[("position", String::new())],
            &[("position", word.to_string())],
            by,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records an assessment of `rci_id` with the level its answers give by today's list.
    pub async fn record_assessment(
        &self,
        rci_id: i64,
        assessment: &Assessment,
        by: &Editor,
    ) -> Result<(i64, Level)> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let recorded = insert_assessment(&mut tx, rci_id, assessment, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(recorded)
    }

    /// One RCI's assessments with their answers and levels, newest first.
    pub async fn assessments(&self, rci_id: i64) -> Result<Vec<Recorded>> {
        let mut all =
            crate::reads::readiness::read_assessments(&mut *self.pool().acquire().await?, rci_id)
                .await?;
        all.reverse();
        Ok(all)
    }
}
