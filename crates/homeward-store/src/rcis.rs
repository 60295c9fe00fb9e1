//! Partner RCIs: profiles, and the overview of each that the partners page shows.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use homeward_core::{
    overview, ChecklistItem, ChildrenCounts, FollowUpFacts, Name, RciOverview, RciProfile,
    RiskSettings, Stored, Template,
};
use sqlx::FromRow;

use crate::{corrupt, Result, Store, StoreError};

#[derive(FromRow)]
struct RciRow {
    id: i64,
    version: i64,
    name_en: String,
    name_km: Option<String>,
    province: String,
    district: Option<String>,
    transition_start: NaiveDate,
    has_reintegration_plan: bool,
    has_reintegration_budget: bool,
}

impl RciRow {
    fn into_stored(self) -> Result<Stored<RciProfile>> {
        let optional = |v: Option<String>| v.map(|s| Name::parse(&s)).transpose();
        let value = RciProfile {
            name_en: Name::parse(&self.name_en).map_err(corrupt)?,
            name_km: optional(self.name_km).map_err(corrupt)?,
            province: Name::parse(&self.province).map_err(corrupt)?,
            district: optional(self.district).map_err(corrupt)?,
            transition_start: self.transition_start,
            has_reintegration_plan: self.has_reintegration_plan,
            has_reintegration_budget: self.has_reintegration_budget,
        };
        Ok(Stored {
            id: self.id,
            version: self.version,
            value,
        })
    }
}

const RCI_COLUMNS: &str = "id, version, name_en, name_km, province, district, transition_start, \
     has_reintegration_plan, has_reintegration_budget";

impl Store {
    /// Creates a partner RCI with its own copy of every template step, in one transaction.
    pub async fn create_rci(&self, profile: &RciProfile, template: &Template) -> Result<i64> {
        let now = Utc::now();
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rcis (name_en, name_km, province, district, transition_start, \
             has_reintegration_plan, has_reintegration_budget, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(profile.name_en.as_str())
        .bind(profile.name_km.as_ref().map(Name::as_str))
        .bind(profile.province.as_str())
        .bind(profile.district.as_ref().map(Name::as_str))
        .bind(profile.transition_start)
        .bind(profile.has_reintegration_plan)
        .bind(profile.has_reintegration_budget)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for (position, item) in template.items().iter().enumerate() {
            crate::checklists::insert_item(
                &mut tx,
                id,
                position as i64,
                &ChecklistItem::from_template(item),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// One RCI's profile.
    pub async fn rci(&self, id: i64) -> Result<Stored<RciProfile>> {
        let sql = format!("SELECT {RCI_COLUMNS} FROM rcis WHERE id = ?");
        sqlx::query_as::<_, RciRow>(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?
            .into_stored()
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

    /// The last time anything about each RCI was recorded.
    async fn last_updates(&self) -> Result<HashMap<i64, DateTime<Utc>>> {
        let rows: Vec<(i64, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT rci_id, MAX(at) FROM ( \
               SELECT id AS rci_id, updated_at AS at FROM rcis \
               UNION ALL SELECT rci_id, updated_at FROM checklist_items WHERE updated_at IS NOT NULL \
               UNION ALL SELECT rci_id, recorded_at FROM children_counts \
               UNION ALL SELECT rci_id, recorded_at FROM follow_up_visits \
             ) AS changes GROUP BY rci_id",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, at)| at.map(|at| (id, at)))
            .collect())
    }

    /// The overview of one RCI on `today`.
    pub async fn rci_overview(
        &self,
        rci: &Stored<RciProfile>,
        settings: &RiskSettings,
        today: NaiveDate,
    ) -> Result<RciOverview> {
        let items: Vec<ChecklistItem> = self
            .checklist(rci.id)
            .await?
            .into_iter()
            .map(|s| s.value)
            .collect();
        let counts = self.latest_counts(rci.id).await?.map(|s| s.value);
        let facts = self.follow_up_facts(rci.id).await?;
        let last = self
            .last_updates()
            .await?
            .get(&rci.id)
            .map(|d| d.date_naive());
        Ok(overview(
            &rci.value, &items, counts, facts, last, settings, today,
        ))
    }

    /// Every RCI with its overview, read in a fixed number of queries however many RCIs there are.
    pub async fn rci_overviews(
        &self,
        settings: &RiskSettings,
        today: NaiveDate,
    ) -> Result<Vec<(Stored<RciProfile>, RciOverview)>> {
        let rcis = self.rcis().await?;
        let mut items = self.all_checklists().await?;
        let mut counts = self.all_latest_counts().await?;
        let facts = self.all_follow_up_facts().await?;
        let last = self.last_updates().await?;
        Ok(rcis
            .into_iter()
            .map(|rci| {
                let its: Vec<ChecklistItem> = items.remove(&rci.id).unwrap_or_default();
                let latest: Option<ChildrenCounts> = counts.remove(&rci.id);
                let o = overview(
                    &rci.value,
                    &its,
                    latest,
                    facts
                        .get(&rci.id)
                        .copied()
                        .unwrap_or(FollowUpFacts::default()),
                    last.get(&rci.id).map(|d| d.date_naive()),
                    settings,
                    today,
                );
                (rci, o)
            })
            .collect())
    }
}
