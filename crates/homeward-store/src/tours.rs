//! Study tours: hosts, visitors by role and sex, the organisations involved, follow-up actions.

use std::collections::HashMap;

use chrono::NaiveDate;
use homeward_core::history::{Editor, Entity};
use homeward_core::tours::{
    check_tour, ActionStatus, StudyTour, TourAction, VisitorRole, Visitors,
};
use homeward_core::{DateRange, Name, Note, SexCount, Stored};
use sqlx::FromRow;

use crate::db::{Conn, Day, Instant, Tx};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store, StoreError};

#[derive(FromRow)]
struct TourRow {
    id: i64,
    version: i64,
    title: String,
    #[sqlx(try_from = "crate::db::Day")]
    starts_on: NaiveDate,
    #[sqlx(try_from = "crate::db::Day")]
    ends_on: NaiveDate,
    location: String,
    objectives: String,
    outcomes: String,
}

/// The organisation's id, adding it to the reusable list the first time it is named.
async fn organisation_id(tx: &mut Tx, name: &Name) -> Result<i64> {
    sqlx::query("INSERT INTO organisations (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
        .bind(name.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(
        sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
            .bind(name.as_str())
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// Writes a tour's organisations, hosts, visitors and actions (its own row already written).
async fn write_parts(tx: &mut Tx, id: i64, tour: &StudyTour) -> Result<()> {
    for org in &tour.organised_with {
        let org = organisation_id(tx, org).await?;
        sqlx::query(
            "INSERT INTO study_tour_organisations (tour_id, organisation_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(org)
        .execute(&mut **tx)
        .await?;
    }
    for host in &tour.hosts {
        crate::rcis::ensure_rci(tx, *host).await?;
        sqlx::query("INSERT INTO study_tour_hosts (tour_id, rci_id) VALUES ($1, $2)")
            .bind(id)
            .bind(host)
            .execute(&mut **tx)
            .await?;
    }
    for v in &tour.visitors {
        crate::rcis::ensure_rci(tx, v.rci_id).await?;
        sqlx::query(
            "INSERT INTO study_tour_visitors (tour_id, rci_id, role, people_total, \
             people_female) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(v.rci_id)
        .bind(v.role.key())
        .bind(i64::from(v.people.total()))
        .bind(i64::from(v.people.female()))
        .execute(&mut **tx)
        .await?;
    }
    for a in &tour.actions {
        sqlx::query(
            "INSERT INTO study_tour_actions (tour_id, description, owner_rci_id, due_on, \
             status) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(a.description.as_str())
        .bind(a.owner_rci_id)
        .bind(Day(a.due))
        .bind(a.status.key())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Records a tour's changes in the history (`before` empty for a new tour).
async fn record(
    tx: &mut Tx,
    id: i64,
    tour: &StudyTour,
    by: &Editor,
    before: &[(&str, String)],
) -> Result<()> {
    let change = Change {
        rci_id: None,
        entity: Entity::Tour,
        entity_id: id,
        label: tour.title.as_str(),
        by,
    };
    history::record(tx, change, before, &tour.describe()).await
}

/// Which tours [`read_tours`] reads.
#[derive(Clone, Copy)]
enum Which {
    All,
    One(i64),
    /// Those an RCI hosted or visited.
    Involving(i64),
}

/// The filter each query of [`read_tours`] puts on its tour id column `col`: `$1` a tour's id,
/// `$2` an RCI that hosted or visited (either may be NULL).
fn matching(col: &str) -> String {
    format!(
        "($1 IS NULL OR {col} = $1) AND ($2 IS NULL OR {col} IN \
         (SELECT tour_id FROM study_tour_hosts WHERE rci_id = $2 \
          UNION SELECT tour_id FROM study_tour_visitors WHERE rci_id = $2))"
    )
}

/// The tours `which` names, newest first, with their hosts, visitors, organisations and actions;
/// on any connection, so a write can read what it replaces.
async fn read_tours(conn: &mut Conn, which: Which) -> Result<Vec<Stored<StudyTour>>> {
    let (only, rci) = match which {
        Which::All => (None, None),
        Which::One(id) => (Some(id), None),
        Which::Involving(rci) => (None, Some(rci)),
    };
    let rows: Vec<TourRow> = sqlx::query_as(&format!(
        "SELECT id, version, title, starts_on, ends_on, location, objectives, outcomes \
         FROM study_tours WHERE {} ORDER BY starts_on DESC, id DESC",
        matching("id")
    ))
    .bind(only)
    .bind(rci)
    .fetch_all(&mut *conn)
    .await?;
    let mut hosts: HashMap<i64, Vec<i64>> = HashMap::new();
    let host_rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT tour_id, rci_id FROM study_tour_hosts WHERE {} ORDER BY rci_id",
        matching("tour_id")
    ))
    .bind(only)
    .bind(rci)
    .fetch_all(&mut *conn)
    .await?;
    for (tour, rci) in host_rows {
        hosts.entry(tour).or_default().push(rci);
    }
    let mut visitors: HashMap<i64, Vec<Visitors>> = HashMap::new();
    let visitor_rows: Vec<(i64, i64, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT tour_id, rci_id, role, people_total, people_female FROM study_tour_visitors \
             WHERE {} ORDER BY rci_id, role",
        matching("tour_id")
    ))
    .bind(only)
    .bind(rci)
    .fetch_all(&mut *conn)
    .await?;
    let count = |v: i64| u32::try_from(v).map_err(corrupt);
    for (tour, rci_id, role, total, female) in visitor_rows {
        visitors.entry(tour).or_default().push(Visitors {
            rci_id,
            role: VisitorRole::parse(&role).ok_or_else(|| corrupt(&role))?,
            people: SexCount::new(count(total)?, count(female)?).map_err(corrupt)?,
        });
    }
    let mut orgs: HashMap<i64, Vec<Name>> = HashMap::new();
    let org_rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT t.tour_id, o.name FROM study_tour_organisations t \
             JOIN organisations o ON o.id = t.organisation_id WHERE {} ORDER BY o.name",
        matching("t.tour_id")
    ))
    .bind(only)
    .bind(rci)
    .fetch_all(&mut *conn)
    .await?;
    for (tour, name) in org_rows {
        orgs.entry(tour)
            .or_default()
            .push(Name::parse(&name).map_err(corrupt)?);
    }
    let mut actions: HashMap<i64, Vec<TourAction>> = HashMap::new();
    let action_rows: Vec<(i64, String, i64, Day, String)> = sqlx::query_as(&format!(
        "SELECT tour_id, description, owner_rci_id, due_on, status FROM study_tour_actions \
             WHERE {} ORDER BY due_on, id",
        matching("tour_id")
    ))
    .bind(only)
    .bind(rci)
    .fetch_all(&mut *conn)
    .await?;
    for (tour, description, owner_rci_id, Day(due), status) in action_rows {
        actions.entry(tour).or_default().push(TourAction {
            description: Name::parse(&description).map_err(corrupt)?,
            owner_rci_id,
            due,
            status: ActionStatus::parse(&status).ok_or_else(|| corrupt(&status))?,
        });
    }
    rows.into_iter()
        .map(|r| {
            let value = StudyTour {
                title: Name::parse(&r.title).map_err(corrupt)?,
                dates: DateRange::new(r.starts_on, r.ends_on).map_err(corrupt)?,
                location: Name::parse(&r.location).map_err(corrupt)?,
                organised_with: orgs.remove(&r.id).unwrap_or_default(),
                hosts: hosts.remove(&r.id).unwrap_or_default(),
                visitors: visitors.remove(&r.id).unwrap_or_default(),
                objectives: Note::parse(&r.objectives).map_err(corrupt)?,
                outcomes: Note::parse(&r.outcomes).map_err(corrupt)?,
                actions: actions.remove(&r.id).unwrap_or_default(),
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
    /// Records a study tour with everything in it, all or nothing.
    pub async fn create_tour(&self, tour: &StudyTour, by: &Editor) -> Result<i64> {
        check_tour(tour).map_err(StoreError::Field)?;
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO study_tours (title, starts_on, ends_on, location, objectives, outcomes, \
             recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(tour.title.as_str())
        .bind(Day(tour.dates.start()))
        .bind(Day(tour.dates.end()))
        .bind(tour.location.as_str())
        .bind(tour.objectives.as_str())
        .bind(tour.outcomes.as_str())
        .bind(by.name.as_str())
        .bind(Instant(chrono::Utc::now()))
        .fetch_one(&mut *tx)
        .await?;
        write_parts(&mut tx, id, tour).await?;
        record(&mut tx, id, tour, by, &[]).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a tour with its edited version, unless someone saved it since `expected_version`
    /// was read. Returns the new version.
    pub async fn update_tour(
        &self,
        id: i64,
        expected_version: i64,
        tour: &StudyTour,
        by: &Editor,
    ) -> Result<i64> {
        check_tour(tour).map_err(StoreError::Field)?;
        let mut tx = self.write().await?;
        let current: Option<i64> =
            sqlx::query_scalar("SELECT version FROM study_tours WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        crate::check_version(current, expected_version)?;
        let before = read_tours(&mut tx, Which::One(id))
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?;
        sqlx::query(
            "UPDATE study_tours SET title = $1, starts_on = $2, ends_on = $3, location = $4, \
             objectives = $5, outcomes = $6, recorded_by = $7, recorded_at = $8, \
             version = version + 1 WHERE id = $9",
        )
        .bind(tour.title.as_str())
        .bind(Day(tour.dates.start()))
        .bind(Day(tour.dates.end()))
        .bind(tour.location.as_str())
        .bind(tour.objectives.as_str())
        .bind(tour.outcomes.as_str())
        .bind(by.name.as_str())
        .bind(Instant(chrono::Utc::now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for table in [
            "study_tour_organisations",
            "study_tour_hosts",
            "study_tour_visitors",
            "study_tour_actions",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE tour_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        write_parts(&mut tx, id, tour).await?;
        record(&mut tx, id, tour, by, &before.value.describe()).await?;
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    /// Every study tour, newest first, with its hosts, visitors, organisations and actions.
    pub async fn tours(&self) -> Result<Vec<Stored<StudyTour>>> {
        read_tours(&mut *self.pool().acquire().await?, Which::All).await
    }

    /// The study tours an RCI hosted or visited, newest first.
    pub async fn tours_involving(&self, rci_id: i64) -> Result<Vec<Stored<StudyTour>>> {
        read_tours(&mut *self.pool().acquire().await?, Which::Involving(rci_id)).await
    }

    /// The follow-up actions an RCI owns across every study tour, soonest due first, each with
    /// its tour's id and title: one query, for the RCI's "due next".
    pub async fn actions_owned_by(&self, rci_id: i64) -> Result<Vec<(i64, Name, TourAction)>> {
        self.tour_actions("a.owner_rci_id = $1", Some(rci_id)).await
    }

    /// Every action not yet done, whichever RCI owns it: what My work lists once late. Tours
    /// are the organisation's few events, not a partner's records, so this stays small.
    pub async fn open_tour_actions(&self) -> Result<Vec<(i64, Name, TourAction)>> {
        self.tour_actions("a.status <> 'done'", None).await
    }

    async fn tour_actions(
        &self,
        filter: &str,
        rci_id: Option<i64>,
    ) -> Result<Vec<(i64, Name, TourAction)>> {
        let sql = format!(
            "SELECT a.tour_id, t.title, a.description, a.due_on, a.status, a.owner_rci_id \
             FROM study_tour_actions a JOIN study_tours t ON t.id = a.tour_id \
             WHERE {filter} ORDER BY a.due_on, a.id"
        );
        let mut query = sqlx::query_as(&sql);
        if let Some(id) = rci_id {
            query = query.bind(id);
        }
        let rows: Vec<(i64, String, String, Day, String, i64)> =
            query.fetch_all(self.pool()).await?;
        rows.into_iter()
            .map(|(tour, title, description, Day(due), status, owner)| {
                let action = TourAction {
                    description: Name::parse(&description).map_err(corrupt)?,
                    owner_rci_id: owner,
                    due,
                    status: ActionStatus::parse(&status).ok_or_else(|| corrupt(&status))?,
                };
                Ok((tour, Name::parse(&title).map_err(corrupt)?, action))
            })
            .collect()
    }

    /// One study tour.
    pub async fn tour(&self, id: i64) -> Result<Stored<StudyTour>> {
        read_tours(&mut *self.pool().acquire().await?, Which::One(id))
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// The reusable list of organisations tours were organised with.
    pub async fn organisations(&self) -> Result<Vec<Name>> {
        let names: Vec<String> = sqlx::query_scalar("SELECT name FROM organisations ORDER BY name")
            .fetch_all(self.pool())
            .await?;
        names
            .iter()
            .map(|n| Name::parse(n).map_err(corrupt))
            .collect()
    }
}
