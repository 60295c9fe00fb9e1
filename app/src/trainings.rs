//! Trainings: the list of every training the caller may see (filters in the URL, CSV export), one
//! training's page, and the form that records or edits a training with its participants per RCI.

use std::collections::HashMap;

use chrono::NaiveDate;
use homeward_core::trainings::TrainingCategory;
use homeward_core::{Lang, SexCount};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::components::{field_error, form_error, PageTitle};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::lists::{FilterBar, FormOptions, ListFilter, RciChoice};

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
        self.participants.iter().fold(SexCount::ZERO, |sum, p| {
            sum.checked_add(p.people).unwrap_or(sum)
        })
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
    let actor = crate::server::actor()?;
    trainings_for(&actor, &crate::server::state()?.store).await
}

/// The trainings list as CSV: one line per training and participating RCI, so the counts can be
/// summed per RCI or per training in a spreadsheet.
#[cfg(feature = "ssr")]
pub async fn export_csv(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    session: Option<axum::Extension<crate::server::Session>>,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> axum::response::Response {
    let table = async {
        let session = session
            .filter(|s| !s.must_change_password)
            .ok_or(AppError::Unauthenticated)?;
        let data = trainings_for(&session.actor, &state.store).await?;
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
        Ok(homeward_core::exports::csv(
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
            &rows,
        ))
    };
    crate::lists::csv_response("trainings.csv", table.await)
}

/// One training's page, and for editors the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingDetail {
    pub training: TrainingRow,
    pub choices: Option<FormOptions>,
}

#[server(endpoint = "get_training")]
pub async fn get_training(id: i64) -> Result<TrainingDetail, AppError> {
    let actor = crate::server::actor()?;
    let data = trainings_for(&actor, &crate::server::state()?.store).await?;
    let training = data
        .trainings
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)?;
    let choices = if actor.can_edit_anything() {
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
    let (actor, by) = crate::server::editor()?;
    if !actor.can_edit_anything() {
        return Err(AppError::Forbidden);
    }
    let training = homeward_core::trainings::TrainingInput::from_form(&training)?.parse()?;
    for p in &training.participants {
        crate::server::can_read(&actor, p.rci_id)?;
    }
    let store = &crate::server::state()?.store;
    let (id, version) = match id {
        None => (store.create_training(&training, &by).await?, 1),
        Some(id) => {
            let version = version.ok_or(AppError::NotFound)?;
            match store.update_training(id, version, &training, &by).await {
                Err(homeward_store::StoreError::Conflict { current_version }) => {
                    return Err(crate::server::stale(current_version))
                }
                other => (id, other?),
            }
        }
    };
    leptos_axum::redirect(&format!("/trainings/{id}?saved={version}"));
    Ok(())
}

/// The label of a training category.
pub fn category_label(category: TrainingCategory) -> Msg {
    match category {
        TrainingCategory::DirectorTraining => Msg::CatDirector,
        TrainingCategory::SocialWork => Msg::CatSocialWork,
        TrainingCategory::PositiveParenting => Msg::CatParenting,
        TrainingCategory::VocationalTraining => Msg::CatVocational,
        TrainingCategory::OnsiteCoaching => Msg::CatCoaching,
        TrainingCategory::Other => Msg::CatOther,
    }
}

fn scores_text(scores: Option<(u8, u8)>) -> String {
    scores
        .map(|(pre, post)| format!("{pre}% → {post}%"))
        .unwrap_or_else(|| "—".to_string())
}

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || ListFilter::from_query(|k| query.read().get(k));
    let data = Resource::new(|| (), |_| list_trainings());
    view! {
        <PageTitle text=Msg::TrainingsTitle.text(lang)/>
        <h1>{Msg::TrainingsTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let filter = filter();
                let shown = data.filtered(&filter);
                let years = crate::lists::years(data.trainings.iter().map(|t| t.starts_on));
                let categories = TrainingCategory::ALL
                    .into_iter()
                    .map(|c| (c.key(), category_label(c).text(lang)))
                    .collect();
                let total = shown.iter().fold(SexCount::ZERO, |sum, t| sum.checked_add(t.total()).unwrap_or(sum));
                let empty = shown.is_empty();
                view! {
                    {data.can_edit.then(|| view! {
                        <p><a class="button" href="/trainings/new">{Msg::NewTraining.text(lang)}</a></p>
                    })}
                    <FilterBar path="/trainings" filter years rcis=data.rcis categories lang/>
                    {empty.then(|| view! { <p class="empty">{Msg::NoTrainings.text(lang)}</p> })}
                    {(!empty).then(|| view! {
                        <table class="data" data-testid="trainings">
                            <thead><tr>
                                <th>{Msg::Title.text(lang)}</th><th>{Msg::Category.text(lang)}</th>
                                <th>{Msg::Dates.text(lang)}</th><th>{Msg::ColRci.text(lang)}</th>
                                <th class="num">{Msg::People.text(lang)}</th>
                            </tr></thead>
                            <tbody>
                                {shown.into_iter().map(|t| {
                                    let total = t.total().to_string();
                                    view! {
                                        <tr data-testid="training">
                                            <td><a href=format!("/trainings/{}", t.id)>{t.title}</a></td>
                                            <td>{category_label(t.category).text(lang)}</td>
                                            <td>{format!("{} – {}", t.starts_on, t.ends_on)}</td>
                                            <td>{t.participants.into_iter().map(|p| p.rci).collect::<Vec<_>>().join(", ")}</td>
                                            <td class="num">{total}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th colspan="4">{Msg::Total.text(lang)}</th>
                                <th class="num" data-testid="trainings-total">{total.to_string()}</th>
                            </tr></tfoot>
                        </table>
                    })}
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Recording a new training.
#[component]
pub fn NewTrainingPage() -> impl IntoView {
    let lang = use_lang();
    let choices = Resource::new(|| (), |_| crate::lists::form_choices());
    view! {
        <PageTitle text=Msg::NewTraining.text(lang)/>
        <p class="crumbs"><a href="/trainings">"← " {Msg::TrainingsTitle.text(lang)}</a></p>
        <h1>{Msg::NewTraining.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(choices) => view! { <TrainingForm training=None rcis=choices.rcis lang/> }.into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}

/// One training: participants per RCI with their scores, and (for editors) the form.
#[component]
pub fn TrainingPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let saved = move || query.read().get("saved");
    let detail = Resource::new(
        move || {
            (
                params.read().get("id").and_then(|s| s.parse::<i64>().ok()),
                saved(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(id) => get_training(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="crumbs"><a href="/trainings">"← " {Msg::TrainingsTitle.text(lang)}</a></p>
        {move || saved().map(|_| view! { <p class="saved banner" role="status" data-testid="notice">{Msg::TrainingSaved.text(lang)}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let d = match detail.await {
                    Ok(d) => d,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let t = d.training.clone();
                let total = t.total().to_string();
                view! {
                    <PageTitle text=t.title.clone()/>
                    <h1>{t.title.clone()}</h1>
                    <p class="muted">
                        {category_label(t.category).text(lang)} " · " {format!("{} – {}", t.starts_on, t.ends_on)} " · " {t.venue.clone()}
                    </p>
                    {(!t.trainers.is_empty()).then(|| view! { <p><strong>{Msg::Trainers.text(lang)} ": "</strong>{t.trainers.clone()}</p> })}
                    <table class="data" data-testid="participants">
                        <thead><tr>
                            <th>{Msg::ColRci.text(lang)}</th><th class="num">{Msg::People.text(lang)}</th>
                            <th>{Msg::Scores.text(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {t.participants.into_iter().map(|p| view! {
                                <tr>
                                    <td><a href=format!("/rcis/{}", p.rci_id)>{p.rci}</a></td>
                                    <td class="num">{p.people.to_string()}</td>
                                    <td>{scores_text(p.scores)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr><th>{Msg::Total.text(lang)}</th><th class="num">{total}</th><th></th></tr></tfoot>
                    </table>
                    {d.choices.map(|choices| view! {
                        <details class="edit">
                            <summary>{Msg::EditTraining.text(lang)}</summary>
                            <TrainingForm training=Some(d.training) rcis=choices.rcis lang/>
                        </details>
                    })}
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The training form, empty or filled in, with blank participant rows to add more RCIs.
#[component]
fn TrainingForm(training: Option<TrainingRow>, rcis: Vec<RciChoice>, lang: Lang) -> impl IntoView {
    let save = ServerAction::<SaveTraining>::new();
    let value = Signal::derive(move || save.value().get());
    let t = training.as_ref();
    let text = |f: fn(&TrainingRow) -> String| t.map(f).unwrap_or_default();
    let ids = t.map(|t| (t.id, t.version));
    let category = t.map(|t| t.category);
    let title = text(|t| t.title.clone());
    let starts_on = text(|t| t.starts_on.to_string());
    let ends_on = text(|t| t.ends_on.to_string());
    let venue = text(|t| t.venue.clone());
    let trainers = text(|t| t.trainers.clone());
    let mut rows: Vec<Option<ParticipantRow>> = t
        .map(|t| t.participants.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    rows.extend([None, None, None]);
    view! {
        <ActionForm action=save attr:class="stack panel" attr:data-testid="training-form">
            {ids.map(|(id, version)| view! {
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=version/>
            })}
            <label>{Msg::Category.text(lang)}
                <select name="training[category]">
                    {TrainingCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.key() selected=category == Some(c)>{category_label(c).text(lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            {field_error(value, "category")}
            <label>{Msg::Title.text(lang)}
                <input type="text" name="training[title]" required maxlength="120" value=title/>
            </label>
            {field_error(value, "title")}
            <div class="row">
                <label>{Msg::StartsOn.text(lang)}
                    <input type="date" name="training[starts_on]" required value=starts_on/>
                </label>
                <label>{Msg::EndsOn.text(lang)}
                    <input type="date" name="training[ends_on]" required value=ends_on/>
                </label>
            </div>
            {field_error(value, "starts_on")}
            {field_error(value, "ends_on")}
            <label>{Msg::Venue.text(lang)}
                <input type="text" name="training[venue]" required maxlength="120" value=venue/>
            </label>
            {field_error(value, "venue")}
            <label>{Msg::Trainers.text(lang)}
                <input type="text" name="training[trainers]" maxlength="500" value=trainers/>
            </label>
            {field_error(value, "trainers")}
            <fieldset data-testid="participants-form">
                <legend>{Msg::Participants.text(lang)}</legend>
                <table class="data form-rows">
                    <thead><tr>
                        <th>{Msg::ColRci.text(lang)}</th><th>{Msg::People.text(lang)}</th><th>{Msg::Women.text(lang)}</th>
                        <th>{Msg::PreScore.text(lang)}</th><th>{Msg::PostScore.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(row, p)| {
                            let cell = move |f: &str| format!("participants_{row}_{f}");
                            // Each cell's label: its column and row, for screen readers.
                            let label = move |m: Msg| format!("{} {}", m.text(lang), row + 1);
                            let number = move |f: &'static str, heading: Msg, current: Option<u32>, max: u32| view! {
                                <input type="number" min="0" max=max inputmode="numeric" name=format!("training[{}]", cell(f)) value=current.map(|v| v.to_string()) aria-label=label(heading)/>
                                {field_error(value, cell(f))}
                            };
                            let chosen = p.as_ref().map(|p| p.rci_id);
                            let people = p.as_ref().map(|p| p.people);
                            let scores = p.as_ref().and_then(|p| p.scores);
                            view! {
                                <tr data-testid="participant-row">
                                    <td>
                                        <select name=format!("training[{}]", cell("rci_id")) aria-label=label(Msg::ColRci)>
                                            <option value="">"—"</option>
                                            {rcis.iter().map(|r| view! { <option value=r.id selected=chosen == Some(r.id)>{r.name.clone()}</option> }).collect_view()}
                                        </select>
                                        {field_error(value, cell("rci_id"))}
                                    </td>
                                    <td>{number("total", Msg::People, people.map(|p| p.total()), 10_000)}</td>
                                    <td>{number("female", Msg::Women, people.map(|p| p.female()), 10_000)}</td>
                                    <td>{number("pre_score", Msg::PreScore, scores.map(|s| u32::from(s.0)), 100)}</td>
                                    <td>{number("post_score", Msg::PostScore, scores.map(|s| u32::from(s.1)), 100)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </fieldset>
            <button type="submit">{Msg::Save.text(lang)}</button>
            {form_error(value, lang)}
        </ActionForm>
    }
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
