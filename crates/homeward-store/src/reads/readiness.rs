//! Readiness: the organisation's indicators and one RCI's assessments.

use chrono::NaiveDate;
use homeward_core::readiness::{
    About, Answer, Answered, Assessed, Assessment, Indicator, Level, Polarity, Recorded,
};
use homeward_core::{Bilingual, ItemKey, Note};
use sqlx::FromRow;

use crate::db::Conn;
use crate::{corrupt, Result};

#[derive(FromRow)]
struct IndicatorRow {
    indicator_key: String,
    about: String,
    polarity: String,
    title_en: String,
    title_km: String,
    guidance_en: String,
    guidance_km: String,
    #[sqlx(try_from = "crate::db::Flag")]
    retired: bool,
    version: i64,
}

/// The indicators with their versions, in order: every one, or only `key`'s.
pub(crate) async fn select_indicators(
    conn: &mut Conn,
    key: Option<&ItemKey>,
) -> Result<Vec<(i64, Indicator)>> {
    let rows: Vec<IndicatorRow> = sqlx::query_as(
        "SELECT indicator_key, about, polarity, title_en, title_km, guidance_en, guidance_km, \
         retired, version FROM readiness_indicators WHERE $1 = '' OR indicator_key = $1 \
         ORDER BY position, indicator_key",
    )
    .bind(key.map_or("", ItemKey::as_str).to_string())
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok((
                r.version,
                Indicator {
                    key: ItemKey::parse(&r.indicator_key).map_err(corrupt)?,
                    about: About::parse(&r.about).ok_or_else(|| corrupt(&r.about))?,
                    polarity: Polarity::parse(&r.polarity).ok_or_else(|| corrupt(&r.polarity))?,
                    text: Bilingual::new(r.title_en, r.title_km),
                    guidance: Bilingual::new(r.guidance_en, r.guidance_km),
                    retired: r.retired,
                },
            ))
        })
        .collect()
}

#[derive(FromRow)]
struct AssessmentRow {
    id: i64,
    #[sqlx(try_from = "crate::db::Day")]
    assessed_on: NaiveDate,
    level: String,
}

#[derive(FromRow)]
struct AnswerRow {
    assessment_id: i64,
    indicator_key: String,
    answer: String,
    note: String,
}

/// One RCI's assessments with their answers, oldest first.
pub(crate) async fn read_assessments(conn: &mut Conn, rci_id: i64) -> Result<Vec<Recorded>> {
    let assessments: Vec<AssessmentRow> = sqlx::query_as(
        "SELECT id, assessed_on, level FROM readiness_assessments WHERE rci_id = $1 \
         ORDER BY assessed_on, id",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    let answers: Vec<AnswerRow> = sqlx::query_as(
        "SELECT a.assessment_id, a.indicator_key, a.answer, a.note FROM readiness_answers a \
         JOIN readiness_assessments r ON r.id = a.assessment_id WHERE r.rci_id = $1 ORDER BY a.id",
    )
    .bind(rci_id)
    .fetch_all(&mut *conn)
    .await?;
    assessments
        .into_iter()
        .map(|r| {
            let answers = answers
                .iter()
                .filter(|a| a.assessment_id == r.id)
                .map(|a| {
                    Ok(Answered {
                        key: ItemKey::parse(&a.indicator_key).map_err(corrupt)?,
                        answer: Answer::parse(&a.answer).ok_or_else(|| corrupt(&a.answer))?,
                        note: Note::parse(&a.note).map_err(corrupt)?,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(Recorded {
                assessment: Assessment {
                    assessed_on: r.assessed_on,
                    answers,
                },
                level: Level::parse(&r.level).ok_or_else(|| corrupt(&r.level))?,
            })
        })
        .collect()
}

/// One RCI's assessments as its summary keeps them, oldest first.
pub(crate) async fn read_assessed(conn: &mut Conn, rci_id: i64) -> Result<Vec<Assessed>> {
    Ok(homeward_core::readiness::assessed(
        &read_assessments(conn, rci_id).await?,
    ))
}
