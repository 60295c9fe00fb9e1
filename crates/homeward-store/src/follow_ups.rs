//! Follow-up visits to reintegrated children, and the facts the overdue flag needs.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use homeward_core::{FollowUpFacts, Name, Note, SexCount};

use crate::{Result, Store, StoreError};

/// Who made a follow-up visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitedBy {
    NgoStaff,
    Dosvy,
    LocalAuthority,
}

impl VisitedBy {
    pub fn key(self) -> &'static str {
        match self {
            VisitedBy::NgoStaff => "ngo_staff",
            VisitedBy::Dosvy => "dosvy",
            VisitedBy::LocalAuthority => "local_authority",
        }
    }
}

/// A visit in person or a phone call (when travel is hard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitMode {
    Visit,
    Phone,
}

impl VisitMode {
    pub fn key(self) -> &'static str {
        match self {
            VisitMode::Visit => "visit",
            VisitMode::Phone => "phone",
        }
    }
}

/// One follow-up visit as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpVisit {
    pub visited_on: NaiveDate,
    pub children: SexCount,
    pub visited_by: VisitedBy,
    pub mode: VisitMode,
    pub notes: Note,
}

/// First reintegration: the earliest snapshot that counts any child as having left.
const FIRST_REINTEGRATION: &str = "SELECT rci_id, MIN(as_of) FROM children_counts \
     WHERE birth_family_total + kinship_care_total + foster_care_total \
           + independent_living_total + long_term_care_total > 0 GROUP BY rci_id";

impl Store {
    pub async fn record_follow_up(
        &self,
        rci_id: i64,
        visit: &FollowUpVisit,
        by: &Name,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM rcis WHERE id = ?")
            .bind(rci_id)
            .fetch_optional(&mut *tx)
            .await?;
        exists.ok_or(StoreError::NotFound)?;
        let id = sqlx::query_scalar(
            "INSERT INTO follow_up_visits (rci_id, visited_on, children_total, children_female, \
             visited_by, mode, notes, recorded_by, recorded_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(rci_id)
        .bind(visit.visited_on)
        .bind(i64::from(visit.children.total()))
        .bind(i64::from(visit.children.female()))
        .bind(visit.visited_by.key())
        .bind(visit.mode.key())
        .bind(visit.notes.as_str())
        .bind(by.as_str())
        .bind(Utc::now())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn follow_up_facts(&self, rci_id: i64) -> Result<FollowUpFacts> {
        Ok(self
            .all_follow_up_facts()
            .await?
            .remove(&rci_id)
            .unwrap_or_default())
    }

    /// Follow-up facts for every RCI, in two queries.
    pub(crate) async fn all_follow_up_facts(&self) -> Result<HashMap<i64, FollowUpFacts>> {
        let mut facts: HashMap<i64, FollowUpFacts> = HashMap::new();
        let firsts: Vec<(i64, Option<NaiveDate>)> = sqlx::query_as(FIRST_REINTEGRATION)
            .fetch_all(self.pool())
            .await?;
        for (rci, first) in firsts {
            facts.entry(rci).or_default().first_reintegration = first;
        }
        let lasts: Vec<(i64, Option<NaiveDate>)> =
            sqlx::query_as("SELECT rci_id, MAX(visited_on) FROM follow_up_visits GROUP BY rci_id")
                .fetch_all(self.pool())
                .await?;
        for (rci, last) in lasts {
            facts.entry(rci).or_default().last_follow_up = last;
        }
        Ok(facts)
    }
}
