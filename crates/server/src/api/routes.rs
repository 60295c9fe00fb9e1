//! The API's routes: each reads what the caller's token reaches, through the same derived
//! comparison and stored summaries the pages read, and answers one of [`super::schema`]'s types.

use std::collections::HashMap;

use app::compare::CompareQuery;
use app::errors::AppError;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::Json;
use homeward_core::activities;
use homeward_core::comparison::{compare, totals, ComparisonRow};
use homeward_core::paging::Page;
use homeward_core::quarters::Quarter;
use serde::Deserialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi};

use super::schema::{
    Activities, CategoryTally, Comparison, Partner, Partners, Problem, Profile, QuarterFigures,
    Quarters, Summary, Trainings,
};
use super::{refusal, Reader};

/// The OpenAPI document, generated from the handlers below and their types.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Homeward read-only API",
        version = "1",
        description = "Figures of partner RCIs' transitions to family-based care, for dashboards. \
                       Every route needs a token an admin created (`Authorization: Bearer hw_…`) \
                       and answers only for the partners that token may read."
    ),
    paths(partners, partner, comparison, quarters, tours, trainings),
    modifiers(&BearerToken),
    security(("token" = []))
)]
pub struct ApiDoc;

/// The token scheme every route needs.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document, served to anyone: it describes the API and holds no data.
pub async fn openapi() -> Response {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let json = DOCUMENT.get_or_init(|| ApiDoc::openapi().to_json().unwrap_or_default());
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        json.clone(),
    )
        .into_response()
}

/// Which page of a list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PageQuery {
    /// The page, from 1; past the end gives the last page.
    page: Option<String>,
}

/// The comparison's filters and sort, as its page's URL carries them.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ComparisonQuery {
    /// Only partners in this province (as stored, e.g. `Battambang`).
    province: Option<String>,
    /// Only partners this lead adviser leads (their name).
    adviser: Option<String>,
    /// Only partners in this stage (1–5; 6 for completed).
    stage: Option<String>,
    /// Only partners carrying this risk (its key, e.g. `stalled`).
    risk: Option<String>,
    /// Only partners with a target standing so (`on_track`, `off_track`, `met`, `missed`).
    target: Option<String>,
    /// Only partners whose latest readiness is this level (`favourable`, `mixed`, `high_risk`).
    readiness: Option<String>,
    /// Sort by this column's key (`name` by default).
    sort: Option<String>,
    /// `desc` for the highest first.
    dir: Option<String>,
    /// The page, from 1.
    page: Option<String>,
}

/// Query strings that do not parse (a field twice) are refused as JSON, like everything else.
fn parsed<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, AppError> {
    query
        .map(|Query(q)| q)
        .map_err(|e| AppError::Invalid(homeward_core::Bilingual::new(e.body_text(), e.body_text())))
}

/// Every partner compared today, as the comparison page derives it, kept to the token's reach.
async fn rows(
    reader: &Reader,
) -> Result<(std::sync::Arc<app::compare::Compared>, Vec<usize>), AppError> {
    let app = reader.app();
    let all = app::compare::compared(&app.store, &app.settings, app::server::today()).await?;
    let reached = (0..all.rows.len())
        .filter(|i| reader.scope.covers(all.rows[*i].rci_id))
        .collect();
    Ok((all, reached))
}

/// The answer as JSON, or the refusal.
fn respond<T: serde::Serialize>(answer: Result<T, AppError>) -> Response {
    answer.map_or_else(refusal, |value| Json(value).into_response())
}

#[utoipa::path(
    get,
    path = "/api/v1/partners",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of the partners the token may read, by name", body = Partners),
        (status = 400, description = "A query that does not parse (a field twice)", body = Problem),
        (status = 401, description = "No token, or one unknown or revoked", body = Problem),
        (status = 429, description = "Too many requests; `Retry-After` says when to try again", body = Problem),
    )
)]
pub async fn partners(reader: Reader, query: Result<Query<PageQuery>, QueryRejection>) -> Response {
    respond(
        async {
            let query = parsed(query)?;
            let (all, reached) = rows(&reader).await?;
            let profiles = reader.app().store.rci_summaries().await?;
            let by_id: HashMap<i64, &homeward_core::RciProfile> =
                profiles.iter().map(|(p, _)| (p.id, &p.value)).collect();
            let page = Page::of(reached.len(), query.page.as_deref());
            let partners = page
                .take(reached)
                .into_iter()
                .filter_map(|i| {
                    let id = all.rows[i].rci_id;
                    by_id.get(&id).map(|p| Profile::of(id, p))
                })
                .collect();
            Ok(Partners {
                page: page.into(),
                partners,
            })
        }
        .await,
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/partners/{id}",
    params(("id" = i64, Path, description = "The RCI's id")),
    responses(
        (status = 200, description = "The partner's profile and where its transition stands", body = Partner),
        (status = 401, description = "No token, or one unknown or revoked", body = Problem),
        (status = 404, description = "No such partner, or one the token may not read", body = Problem),
        (status = 429, description = "Too many requests", body = Problem),
    )
)]
pub async fn partner(
    reader: Reader,
    id: Result<Path<i64>, axum::extract::rejection::PathRejection>,
) -> Response {
    respond(
        async {
            let id = match id {
                Ok(Path(id)) if reader.scope.covers(id) => id,
                _ => return Err(AppError::NotFound),
            };
            let (all, _) = rows(&reader).await?;
            let row = all
                .rows
                .iter()
                .find(|r| r.rci_id == id)
                .ok_or(AppError::NotFound)?;
            let profile = reader.app().store.rci(id).await?;
            Ok(Partner {
                profile: Profile::of(id, &profile.value),
                summary: row.into(),
            })
        }
        .await,
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/comparison",
    params(ComparisonQuery),
    responses(
        (status = 200, description = "A page of the comparison's rows, filtered and sorted, with every match added up", body = Comparison),
        (status = 400, description = "A query that does not parse (a field twice)", body = Problem),
        (status = 401, description = "No token, or one unknown or revoked", body = Problem),
        (status = 429, description = "Too many requests", body = Problem),
    )
)]
pub async fn comparison(
    reader: Reader,
    query: Result<Query<ComparisonQuery>, QueryRejection>,
) -> Response {
    respond(
        async {
            let query = parsed(query)?;
            let (all, reached) = rows(&reader).await?;
            let asked = |k: &str| {
                match k {
                    "province" => &query.province,
                    "adviser" => &query.adviser,
                    "stage" => &query.stage,
                    "risk" => &query.risk,
                    "target" => &query.target,
                    "readiness" => &query.readiness,
                    "sort" => &query.sort,
                    "dir" => &query.dir,
                    "page" => &query.page,
                    _ => &None,
                }
                .clone()
            };
            let q = CompareQuery::from_query(asked);
            let reached: Vec<&ComparisonRow> = reached.into_iter().map(|i| &all.rows[i]).collect();
            let shown = compare(reached, &q.filter, q.sort);
            let page = Page::of(shown.len(), q.page.as_deref());
            Ok(Comparison {
                page: page.into(),
                totals: (&totals(&shown)).into(),
                rows: page.take(shown).into_iter().map(Summary::from).collect(),
            })
        }
        .await,
    )
}

/// The last eight quarters, oldest first.
fn last_quarters() -> Vec<Quarter> {
    Quarter::of(app::server::today()).last(8)
}

#[utoipa::path(
    get,
    path = "/api/v1/quarters",
    responses(
        (status = 200, description = "Children reintegrated per quarter by placement, and re-entries, over the partners the token may read", body = Quarters),
        (status = 401, description = "No token, or one unknown or revoked", body = Problem),
        (status = 429, description = "Too many requests", body = Problem),
    )
)]
pub async fn quarters(reader: Reader) -> Response {
    respond(
        reader
            .app()
            .store
            .rci_summaries()
            .await
            .map(|partners| {
                let reached: Vec<_> = partners
                    .iter()
                    .filter(|(p, _)| reader.scope.covers(p.id))
                    .map(|(_, s)| s)
                    .collect();
                let quarters = last_quarters();
                let histories: Vec<_> = reached.iter().map(|s| s.reintegrations.clone()).collect();
                let placed =
                    homeward_core::quarters::reintegrated_per_quarter(&histories, &quarters);
                let reentries = homeward_core::placements::reentries_per_quarter(
                    reached.iter().map(|s| s.placements.as_slice()),
                    &quarters,
                );
                Quarters {
        quarters: placed
            .iter()
            .zip(reentries)
            .map(|((quarter, by), reentries)| {
                // In `Placement::ALL` order.
                let [birth_family, kinship_care, foster_care, independent_living, long_term_care] =
                    *by;
                QuarterFigures {
                    quarter: quarter.key(),
                    birth_family,
                    kinship_care,
                    foster_care,
                    independent_living,
                    long_term_care,
                    reentries,
                }
            })
            .collect(),
    }
            })
            .map_err(AppError::from),
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/tours",
    responses(
        (status = 200, description = "Study tours a partner the token may read hosted or visited, and their visitors from such partners", body = Activities),
        (status = 401, description = "No token, or one unknown or revoked", body = Problem),
        (status = 429, description = "Too many requests", body = Problem),
    )
)]
pub async fn tours(reader: Reader) -> Response {
    let tours = reader.app().store.tours().await.map_err(AppError::from);
    respond(tours.map(|tours| {
        Activities::from(activities::tours(
            tours.iter().map(|t| &t.value),
            |id| reader.scope.covers(id),
            &last_quarters(),
        ))
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/trainings",
    responses(
        (status = 200, description = "Trainings a partner the token may read attended, and their participants from such partners", body = Trainings),
        (status = 401, description = "No token, or one unknown or revoked", body = Problem),
        (status = 429, description = "Too many requests", body = Problem),
    )
)]
pub async fn trainings(reader: Reader) -> Response {
    let trainings = reader.app().store.trainings().await.map_err(AppError::from);
    respond(trainings.map(|trainings| {
        let (figures, by_category) = activities::trainings(
            trainings.iter().map(|t| &t.value),
            |id| reader.scope.covers(id),
            &last_quarters(),
        );
        Trainings {
            figures: figures.into(),
            by_category: by_category
                .into_iter()
                .map(|(c, tally)| CategoryTally {
                    category: c.key().to_string(),
                    tally: tally.into(),
                })
                .collect(),
        }
    }))
}
