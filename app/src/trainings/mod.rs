//! Trainings: the list of every training the caller may see (filters in the URL, CSV export), one
//! training's page, and the form that records or edits a training with its participants per RCI.
//!
//! One module per page: `list`, `detail` (a training's page) and `form` (record or edit).

mod detail;
mod form;
mod list;

pub use detail::TrainingPage;
pub use form::NewTrainingPage;
pub use list::TrainingsPage;

use std::collections::HashMap;

use chrono::NaiveDate;
use homeward_core::trainings::TrainingCategory;
use homeward_core::SexCount;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;
use crate::lists::{FormOptions, ListFilter, RciChoice};

/// One RCI's people at a training, as lists show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRow {
    pub rci_id: i64,
    pub rci: String,
    pub people: SexCount,
    pub scores: Option<(u8, u8)>,
}

/// One training as the list shows it: only the participants of RCIs the caller may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRow {
    pub id: i64,
    pub version: i64,
    pub category: TrainingCategory,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub venue: String,
    pub trainers: String,
    pub participants: Vec<ParticipantRow>,
}

impl TrainingRow {
    /// Everyone trained among the participants shown.
    pub fn total(&self) -> SexCount {
        self.participants
            .iter()
            .fold(SexCount::ZERO, |sum, p| sum.plus(p.people))
    }
}

/// The trainings page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingsData {
    pub trainings: Vec<TrainingRow>,
    pub rcis: Vec<RciChoice>,
    pub can_edit: bool,
}

impl TrainingsData {
    /// The trainings these filters keep.
    pub fn filtered(&self, filter: &ListFilter) -> Vec<TrainingRow> {
        self.trainings
            .iter()
            .filter(|t| {
                let rcis: Vec<i64> = t.participants.iter().map(|p| p.rci_id).collect();
                filter.keeps(
                    t.starts_on,
                    t.ends_on,
                    &rcis,
                    Some(t.category.key()),
                    &self.rcis,
                )
            })
            .cloned()
            .collect()
    }
}

/// Every training the caller may see (directors: those their RCI attended), each with only the
/// participants of RCIs the caller may see.
#[cfg(feature = "ssr")]
pub async fn trainings_for(
    actor: &homeward_core::accounts::Actor,
    store: &homeward_store::Store,
) -> Result<TrainingsData, AppError> {
    let names: HashMap<i64, String> = store
        .rcis()
        .await?
        .into_iter()
        .map(|r| (r.id, r.value.name_en.to_string()))
        .collect();
    let trainings = store
        .trainings()
        .await?
        .into_iter()
        .map(|t| row(t, &names, actor))
        .filter(|t| actor.can_compare_partners() || !t.participants.is_empty())
        .collect();
    Ok(TrainingsData {
        trainings,
        rcis: crate::lists::rci_choices(actor, store).await?,
        can_edit: actor.can_edit_anything(),
    })
}

#[cfg(feature = "ssr")]
fn row(
    t: homeward_core::Stored<homeward_core::trainings::Training>,
    names: &HashMap<i64, String>,
    actor: &homeward_core::accounts::Actor,
) -> TrainingRow {
    let v = t.value;
    TrainingRow {
        id: t.id,
        version: t.version,
        category: v.category,
        title: v.title.to_string(),
        starts_on: v.dates.start(),
        ends_on: v.dates.end(),
        venue: v.venue.to_string(),
        trainers: v.trainers.as_str().to_string(),
        participants: v
            .participants
            .into_iter()
            .filter(|p| actor.can_read_rci(p.rci_id))
            .map(|p| ParticipantRow {
                rci_id: p.rci_id,
                rci: names.get(&p.rci_id).cloned().unwrap_or_default(),
                people: p.people,
                scores: p.scores,
            })
            .collect(),
    }
}

#[server(endpoint = "list_trainings")]
pub async fn list_trainings() -> Result<TrainingsData, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    trainings_for(&ctx.actor, &ctx.store).await
}

/// The trainings list as the export writes it: one line per training and participating RCI, so
/// the counts can be summed per RCI or per training in a spreadsheet.
#[cfg(feature = "ssr")]
pub async fn export(
    ctx: crate::server::Ctx,
    query: &HashMap<String, String>,
) -> Result<crate::lists::Table, AppError> {
    let data = trainings_for(&ctx.actor, &ctx.store).await?;
    let filter = ListFilter::from_query(|k| query.get(k).cloned());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for t in data.filtered(&filter) {
        for p in &t.participants {
            let score = |f: fn((u8, u8)) -> u8| p.scores.map(|s| f(s).to_string());
            rows.push(vec![
                t.id.to_string(),
                t.category.key().to_string(),
                t.title.clone(),
                t.starts_on.to_string(),
                t.ends_on.to_string(),
                t.venue.clone(),
                p.rci.clone(),
                p.people.total().to_string(),
                p.people.female().to_string(),
                score(|s| s.0).unwrap_or_default(),
                score(|s| s.1).unwrap_or_default(),
            ]);
        }
    }
    Ok(crate::lists::Table::new(
        &[
            "training_id",
            "category",
            "title",
            "starts_on",
            "ends_on",
            "venue",
            "rci",
            "participants_total",
            "participants_female",
            "pre_score",
            "post_score",
        ],
        rows,
    ))
}

/// One training's page, and for editors the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingDetail {
    pub training: TrainingRow,
    pub choices: Option<FormOptions>,
}

#[server(endpoint = "get_training")]
pub async fn get_training(id: i64) -> Result<TrainingDetail, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    let data = trainings_for(&ctx.actor, &ctx.store).await?;
    let training = data
        .trainings
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)?;
    let choices = if ctx.actor.can_edit_anything() {
        Some(crate::lists::form_choices().await?)
    } else {
        None
    };
    Ok(TrainingDetail { training, choices })
}

/// Records a new training (no `id`) or saves an edited one (`id` and the `version` it was read
/// at), then opens its page.
#[server(endpoint = "save_training")]
pub async fn save_training(
    id: Option<i64>,
    version: Option<i64>,
    training: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::recorder()?;
    let training = homeward_core::trainings::TrainingInput::from_form(&training)?.parse()?;
    for p in &training.participants {
        crate::server::can_read(&ctx.actor, p.rci_id)?;
    }
    let (store, by) = (&ctx.store, &ctx.by);
    let (id, version) = match id {
        None => (store.create_training(&training, by).await?, 1),
        Some(id) => {
            let version = version.ok_or(AppError::NotFound)?;
            match store.update_training(id, version, &training, by).await {
                Err(homeward_store::StoreError::Conflict { .. }) => {
                    return Err(crate::server::stale())
                }
                other => (id, other?),
            }
        }
    };
    leptos_axum::redirect(&format!("/trainings/{id}?saved={version}"));
    Ok(())
}

fn scores_text(scores: Option<(u8, u8)>) -> String {
    scores
        .map(|(pre, post)| format!("{pre}% → {post}%"))
        .unwrap_or_else(|| "—".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trainings_filter_by_category_and_participating_rci() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let training = |id: i64, category: TrainingCategory, rci: i64| TrainingRow {
            id,
            version: 1,
            category,
            title: String::new(),
            starts_on: day("2026-05-04"),
            ends_on: day("2026-05-05"),
            venue: String::new(),
            trainers: String::new(),
            participants: vec![ParticipantRow {
                rci_id: rci,
                rci: String::new(),
                people: SexCount::new(3, 2).unwrap(),
                scores: None,
            }],
        };
        let data = TrainingsData {
            trainings: vec![
                training(1, TrainingCategory::SocialWork, 2),
                training(2, TrainingCategory::OnsiteCoaching, 3),
            ],
            rcis: vec![],
            can_edit: false,
        };
        let ids = |filter: ListFilter| {
            data.filtered(&filter)
                .into_iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(ListFilter::default()), [1, 2]);
        let coaching = ListFilter {
            category: Some("onsite_coaching".into()),
            ..Default::default()
        };
        assert_eq!(ids(coaching), [2]);
        let rci2 = ListFilter {
            rci: Some(2),
            ..Default::default()
        };
        assert_eq!(ids(rci2), [1]);
    }
}
