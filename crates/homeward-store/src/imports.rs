//! Writing an import: what the core planned, all of it in one transaction or none of it, each
//! change in the history under the importing user's name with the file it came from. Also the
//! records a plan is worked out against.

use std::collections::HashMap;

use homeward_core::history::Editor;
use homeward_core::imports::{KnownRci, Plan, Target};
use homeward_core::{Bilingual, Template};

use crate::{Result, Store, StoreError};

impl Store {
    /// Each named RCI's records as a plan needs them (`editable` says which the importing user
    /// may change). Unknown ids are left out.
    pub async fn import_context(
        &self,
        ids: &[i64],
        editable: impl Fn(i64) -> bool,
    ) -> Result<HashMap<i64, KnownRci>> {
        let mut known = HashMap::with_capacity(ids.len());
        for &id in ids {
            let profile = match self.rci(id).await {
                Ok(p) => p,
                Err(StoreError::NotFound) => continue,
                Err(e) => return Err(e),
            };
            let counts = self.counts_history(id).await?;
            let follow_ups = self.follow_ups(id).await?;
            let transformation = self.transformation(id).await?;
            let placements = self.placements(id).await?;
            let regulation = self.regulation(id).await?;
            let assessments = self.assessments(id).await?;
            known.insert(
                id,
                KnownRci {
                    profile,
                    editable: editable(id),
                    checklist: self.checklist(id).await?,
                    counts: counts.into_iter().map(|c| c.value).collect(),
                    follow_ups: follow_ups.into_iter().map(|v| v.value).collect(),
                    transformation,
                    placements: placements.into_iter().map(|p| p.value).collect(),
                    regulation,
                    assessments,
                },
            );
        }
        Ok(known)
    }

    /// Writes a plan without problems in one transaction: new RCIs with `template`'s steps,
    /// profiles (refused as a conflict if one was saved since the plan was made), counts,
    /// checklist steps (each refused likewise), follow-up visits, staff, asset and funding
    /// records, placements and their visits, agreements, inspections and readiness assessments.
    /// Returns each RCI's id, in the plan's order.
    pub async fn import(&self, plan: &Plan, template: &Template, by: &Editor) -> Result<Vec<i64>> {
        if !plan.problems.is_empty() {
            return Err(StoreError::Invalid(Bilingual::new(
                "a file with problems is not imported",
                "ឯកសារដែលមានបញ្ហាមិនត្រូវបាននាំចូលទេ",
            )));
        }
        let by = by.clone().importing(&plan.file_name);
        let mut tx = self.write().await?;
        let mut ids = Vec::with_capacity(plan.rcis.len());
        for rci in &plan.rcis {
            let id = match (&rci.target, &rci.profile) {
                (Target::New, Some(profile)) => {
                    crate::rcis::insert_rci(&mut tx, profile, template, &by).await?
                }
                (Target::New, None) => return Err(StoreError::NotFound),
                (Target::Existing { id, version }, profile) => {
                    crate::rcis::ensure_rci(&mut tx, *id).await?;
                    if let Some(profile) = profile {
                        crate::rcis::save_profile(&mut tx, *id, *version, profile, &by).await?;
                    }
                    *id
                }
            };
            for counts in &rci.counts {
                crate::counts::insert_counts(&mut tx, id, counts, &by).await?;
            }
            if !rci.items.is_empty() {
                let checklist = crate::reads::checklists::read_checklist(&mut tx, id).await?;
                let mut changes = Vec::with_capacity(rci.items.len());
                for item in &rci.items {
                    let stored = checklist
                        .iter()
                        .find(|s| s.value.key == item.key)
                        .ok_or(StoreError::NotFound)?;
                    let version = item.version.unwrap_or(stored.version);
                    changes.push((stored.id, version, item.change.clone()));
                }
                crate::checklists::save_items(&mut tx, id, &changes, &by).await?;
            }
            for visit in &rci.follow_ups {
                crate::follow_ups::insert_follow_up(&mut tx, id, visit, &by).await?;
            }
            let changes = &rci.transformation;
            for change in &changes.staff {
                crate::transformation::insert_staff_change(&mut tx, id, change, &by).await?;
            }
            for change in &changes.assets {
                crate::transformation::insert_asset_change(&mut tx, id, change, &by).await?;
            }
            for change in &changes.funding {
                crate::transformation::insert_funding_change(&mut tx, id, change, &by).await?;
            }
            for placement in &rci.placements {
                crate::placements::insert_placement(&mut tx, id, placement, &by).await?;
            }
            for (code, visit) in &rci.placement_visits {
                let placement = crate::placements::placement_id(&mut tx, id, code)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let record =
                    crate::reads::placements::read_placement(&mut tx, id, placement).await?;
                crate::placements::insert_visit(&mut tx, id, (placement, &record), visit, &by)
                    .await?;
            }
            for agreement in &rci.agreements {
                crate::regulation::insert_agreement(&mut tx, id, agreement, &by).await?;
            }
            for inspection in &rci.inspections {
                crate::regulation::insert_inspection(&mut tx, id, inspection, &by).await?;
            }
            for assessment in &rci.assessments {
                crate::readiness::insert_assessment(&mut tx, id, assessment, &by).await?;
            }
            crate::summaries::refresh(&mut tx, id).await?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    }
}
