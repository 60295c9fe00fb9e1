//! Partner RCIs: profiles, and the overview of each that the partners page shows.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use homeward_core::history::{Editor, Entity};
use homeward_core::FieldError;
use homeward_core::{
    ChecklistItem, Name, RciOverview, RciProfile, RciSummary, RiskSettings, Stored, Template,
};
use sqlx::{FromRow, Row};

use crate::db::{Day, Db, Instant, Tx};
use crate::history::{self, Change};
use crate::reads::rcis::{read_rci, RciRow, RCI_COLUMNS};
use crate::{corrupt, Partners, Result, Store, StoreError};

/// An RCI's profile with what its page's head shows beside it ([`Store::rci_head`]).
#[derive(Debug)]
pub struct RciHead {
    pub rci: Stored<RciProfile>,
    pub summary: RciSummary,
    pub adviser_name: Option<String>,
}

/// The profile columns a write sets, in the order [`bind_profile`] binds them.
const PROFILE_SET: &str = "name_en = ?, name_km = ?, province = ?, district = ?, commune = ?, \
     district_km = ?, commune_km = ?, director_name = ?, contact = ?, mosvy_registration = ?, mosvy_registered_on = ?, adviser_id = ?, \
     transition_start = ?, transition_target = ?, has_reintegration_plan = ?, \
     has_reintegration_budget = ?";

fn bind_profile<'q>(
    query: sqlx::query::Query<'q, Db, sqlx::any::AnyArguments<'q>>,
    p: &'q RciProfile,
) -> sqlx::query::Query<'q, Db, sqlx::any::AnyArguments<'q>> {
    let name = |n: &'q Option<Name>| n.as_ref().map(Name::as_str);
    query
        .bind(p.name_en.as_str())
        .bind(name(&p.name_km))
        .bind(p.province.as_str())
        .bind(name(&p.district))
        .bind(name(&p.commune))
        .bind(name(&p.district_km))
        .bind(name(&p.commune_km))
        .bind(name(&p.director))
        .bind(name(&p.contact))
        .bind(name(&p.mosvy_registration))
        .bind(p.mosvy_registered_on.map(Day))
        .bind(p.adviser_id)
        .bind(Day(p.transition_start))
        .bind(p.transition_target.map(Day))
        .bind(p.has_reintegration_plan)
        .bind(p.has_reintegration_budget)
}

/// Refuses a write for an RCI that does not exist ("not found", as for one the caller may not see).
pub(crate) async fn ensure_rci(tx: &mut Tx, rci_id: i64) -> Result<()> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM rcis WHERE id = $1")
        .bind(rci_id)
        .fetch_optional(&mut **tx)
        .await?;
    exists.map(|_| ()).ok_or(StoreError::NotFound)
}

/// The profile's adviser must be an active adviser; naming them lets them edit the RCI, and
/// the adviser they replace (`previous`) loses that right: the assignment moves with the lead.
async fn assign_adviser(
    tx: &mut Tx,
    rci_id: i64,
    previous: Option<i64>,
    p: &RciProfile,
) -> Result<()> {
    if let Some(old) = previous.filter(|old| Some(*old) != p.adviser_id) {
        sqlx::query("DELETE FROM adviser_assignments WHERE user_id = $1 AND rci_id = $2")
            .bind(old)
            .bind(rci_id)
            .execute(&mut **tx)
            .await?;
    }
    let Some(adviser) = p.adviser_id else {
        return Ok(());
    };
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM users WHERE id = $1 AND active = TRUE")
            .bind(adviser)
            .fetch_optional(&mut **tx)
            .await?;
    if role.as_deref() != Some("adviser") {
        return Err(StoreError::Field(FieldError::new(
            "adviser_id",
            homeward_core::Bilingual::new(
                "the adviser must be an active user with the adviser role",
                "ទីប្រឹក្សាត្រូវតែជាអ្នកប្រើប្រាស់សកម្មដែលមានតួនាទីជាទីប្រឹក្សា",
            ),
        )));
    }
    sqlx::query(
        "INSERT INTO adviser_assignments (user_id, rci_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(adviser)
    .bind(rci_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Creates an RCI with its copy of every template step, in the caller's transaction.
pub(crate) async fn insert_rci(
    tx: &mut Tx,
    profile: &RciProfile,
    template: &Template,
    by: &Editor,
) -> Result<i64> {
    let now = Utc::now();
    let sql = crate::db::numbered(&format!(
        "INSERT INTO rcis (name_en, name_km, province, district, commune, district_km, commune_km, director_name, \
         contact, mosvy_registration, mosvy_registered_on, adviser_id, transition_start, \
         transition_target, has_reintegration_plan, has_reintegration_budget, created_at, \
         updated_at) VALUES ({}?, ?) RETURNING id",
        "?, ".repeat(16)
    ));
    let id: i64 = bind_profile(sqlx::query(&sql), profile)
        .bind(Instant(now))
        .bind(Instant(now))
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    for (position, item) in template.active().enumerate() {
        crate::checklists::insert_item(
            tx,
            id,
            position as i64,
            &ChecklistItem::from_template(item),
        )
        .await?;
    }
    assign_adviser(tx, id, None, profile).await?;
    let change = Change {
        rci_id: Some(id),
        entity: Entity::Profile,
        entity_id: id,
        label: "profile",
        by,
    };
    history::record(tx, change, &[], &profile.describe()).await?;
    Ok(id)
}

/// Saves a profile if it is still at `expected_version`, in the caller's transaction.
pub(crate) async fn save_profile(
    tx: &mut Tx,
    rci_id: i64,
    expected_version: i64,
    profile: &RciProfile,
    by: &Editor,
) -> Result<()> {
    let sql = format!("SELECT {RCI_COLUMNS} FROM rcis WHERE id = $1");
    let current = sqlx::query_as::<_, RciRow>(&sql)
        .bind(rci_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?
        .into_stored()?;
    if current.version != expected_version {
        return Err(StoreError::Conflict {
            current_version: current.version,
        });
    }
    let sql = crate::db::numbered(&format!(
        "UPDATE rcis SET {PROFILE_SET}, version = version + 1, updated_at = ? \
         WHERE id = ? AND version = ?"
    ));
    bind_profile(sqlx::query(&sql), profile)
        .bind(Instant(Utc::now()))
        .bind(rci_id)
        .bind(expected_version)
        .execute(&mut **tx)
        .await?;
    assign_adviser(tx, rci_id, current.value.adviser_id, profile).await?;
    let change = Change {
        rci_id: Some(rci_id),
        entity: Entity::Profile,
        entity_id: rci_id,
        label: "profile",
        by,
    };
    history::record(tx, change, &current.value.describe(), &profile.describe()).await?;
    Ok(())
}

impl Store {
    /// Creates a partner RCI with its own copy of every template step, in one transaction,
    /// recording its creation in the history.
    pub async fn create_rci(&self, profile: &RciProfile, template: &Template) -> Result<i64> {
        self.create_rci_by(profile, template, &Editor::system())
            .await
    }

    /// [`Store::create_rci`], naming who created it.
    pub async fn create_rci_by(
        &self,
        profile: &RciProfile,
        template: &Template,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let id = insert_rci(&mut tx, profile, template, by).await?;
        crate::summaries::refresh(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Saves a profile if nobody saved since `expected_version` was read; returns the new version.
    pub async fn update_profile(
        &self,
        rci_id: i64,
        expected_version: i64,
        profile: &RciProfile,
        by: &Editor,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        save_profile(&mut tx, rci_id, expected_version, profile, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    /// One RCI's profile.
    pub async fn rci(&self, id: i64) -> Result<Stored<RciProfile>> {
        read_rci(&mut *self.pool().acquire().await?, id).await
    }

    /// Every RCI's profile, by English name.
    pub async fn rcis(&self) -> Result<Vec<Stored<RciProfile>>> {
        let sql = format!("SELECT {RCI_COLUMNS} FROM rcis ORDER BY name_en, id");
        sqlx::query_as::<_, RciRow>(&sql)
            .fetch_all(self.pool())
            .await?
            .into_iter()
            .map(RciRow::into_stored)
            .collect()
    }

    pub async fn rci_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM rcis")
            .fetch_one(self.pool())
            .await?)
    }

    /// Whether the database holds no user and no partner yet (a fresh install).
    pub async fn is_empty(&self) -> Result<bool> {
        let rows: i64 =
            sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM rcis)")
                .fetch_one(self.pool())
                .await?;
        Ok(rows == 0)
    }

    /// What every section of an RCI's page shows at its head: the profile, the stored summary and
    /// the lead adviser's name, in one query (a page answers faster with fewer round trips).
    pub async fn rci_head(&self, id: i64) -> Result<RciHead> {
        let sql = format!(
            "SELECT {RCI_COLUMNS}, \
             (SELECT summary FROM rci_summaries WHERE rci_id = rcis.id) AS summary, \
             (SELECT display_name FROM users WHERE users.id = rcis.adviser_id) AS adviser_name \
             FROM rcis WHERE id = $1"
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let summary: Option<String> = row.try_get("summary")?;
        Ok(RciHead {
            rci: RciRow::from_row(&row)?.into_stored()?,
            summary: serde_json::from_str(&summary.ok_or(StoreError::NotFound)?)
                .map_err(corrupt)?,
            adviser_name: row.try_get("adviser_name")?,
        })
    }

    /// The overview of one RCI on `today`, from its stored summary.
    pub async fn rci_overview(
        &self,
        rci: &Stored<RciProfile>,
        settings: &RiskSettings,
        today: NaiveDate,
    ) -> Result<RciOverview> {
        Ok(self
            .summary(rci.id)
            .await?
            .overview(&rci.value, settings, today))
    }

    /// Every RCI with its stored summary, by English name. Kept in memory while the database's
    /// revision stays the same, so the organisation's pages read one number instead of every
    /// profile and summary; read again after any write, in this process or another.
    pub async fn rci_summaries(&self) -> Result<Partners> {
        let revision = self.revision().await?;
        if let Some((seen, partners)) = &*self.partners.lock().unwrap_or_else(|e| e.into_inner()) {
            if *seen == revision {
                return Ok(partners.clone());
            }
        }
        let partners: Partners = self.read_rci_summaries().await?.into();
        // Kept only if no write committed while they were read, so they match their revision.
        if self.revision().await? == revision {
            *self.partners.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((revision, partners.clone()));
        }
        Ok(partners)
    }

    /// A view of every partner (the organisation's comparison), derived from their summaries by
    /// `derive` and kept like them while the revision stays the same and the view is still
    /// `fit` (made for today, say): a page about thousands of partners then reads one number and
    /// draws a page of them instead of working through every partner on every request.
    pub async fn derived<T, F, Fut>(&self, fit: impl Fn(&T) -> bool, derive: F) -> Result<Arc<T>>
    where
        T: Send + Sync + 'static,
        F: FnOnce(Partners) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let key = std::any::TypeId::of::<T>();
        let revision = self.revision().await?;
        let kept = self
            .derived
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .filter(|(seen, _)| *seen == revision)
            .and_then(|(_, view)| view.clone().downcast::<T>().ok());
        if let Some(view) = kept.filter(|v| fit(v)) {
            return Ok(view);
        }
        let view = Arc::new(derive(self.rci_summaries().await?).await?);
        // Kept only if no write committed meanwhile, so it matches its revision.
        if self.revision().await? == revision {
            self.derived
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, (revision, view.clone()));
        }
        Ok(view)
    }

    /// Two queries (profiles and summaries), however many items and snapshots.
    async fn read_rci_summaries(&self) -> Result<Vec<(Stored<RciProfile>, RciSummary)>> {
        let rcis = self.rcis().await?;
        let mut summaries = self.summaries().await?;
        rcis.into_iter()
            .map(|rci| {
                let summary = summaries
                    .remove(&rci.id)
                    .ok_or_else(|| corrupt(format!("RCI {} has no summary", rci.id)))?;
                Ok((rci, summary))
            })
            .collect()
    }

    /// The RCIs among `ids` with their stored summaries, by English name: rows of those RCIs
    /// only, so a page about an adviser's few partners costs the same however many there are.
    pub async fn rci_summaries_of(
        &self,
        ids: &[i64],
    ) -> Result<Vec<(Stored<RciProfile>, RciSummary)>> {
        let mut out = Vec::with_capacity(ids.len());
        // A few hundred placeholders per query keep every database within its limits.
        for chunk in ids.chunks(500) {
            let marks = (1..=chunk.len())
                .map(|n| format!("${n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT {RCI_COLUMNS}, s.summary FROM rcis JOIN rci_summaries s ON s.rci_id = rcis.id \
                 WHERE rcis.id IN ({marks})"
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                let rci = RciRow::from_row(&row)?.into_stored()?;
                let summary: String = row.try_get("summary")?;
                out.push((rci, serde_json::from_str(&summary).map_err(corrupt)?));
            }
        }
        out.sort_by(|(a, _), (b, _)| a.value.name_en.cmp(&b.value.name_en).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Every RCI with its overview on `today`, from [`Store::rci_summaries`].
    pub async fn rci_overviews(
        &self,
        settings: &RiskSettings,
        today: NaiveDate,
    ) -> Result<Vec<(Stored<RciProfile>, RciOverview)>> {
        Ok(self
            .rci_summaries()
            .await?
            .iter()
            .map(|(rci, summary)| {
                let o = summary.overview(&rci.value, settings, today);
                (rci.clone(), o)
            })
            .collect())
    }
}
