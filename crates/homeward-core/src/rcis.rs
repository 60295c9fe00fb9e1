//! A partner RCI's profile and the overview that pages and reports show for it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checklists::ChecklistItem;
use crate::counts::ChildrenCounts;
use crate::progress::{days_in_phase, TransitionProgress};
use crate::risks::{risk_flags, RiskFlag, RiskInputs, RiskSettings};
use crate::values::{Name, ValueError};

/// What identifies a partner RCI and the facts the risk flags need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciProfile {
    pub name_en: Name,
    /// Many RCIs are known locally by their Khmer name; optional because not all have one.
    pub name_km: Option<Name>,
    pub province: Name,
    pub district: Option<Name>,
    pub transition_start: NaiveDate,
    pub has_reintegration_plan: bool,
    pub has_reintegration_budget: bool,
}

impl RciProfile {
    /// Parses a profile from raw text fields (a form, a CLI, a seed file).
    pub fn parse(
        name_en: &str,
        name_km: &str,
        province: &str,
        district: &str,
        transition_start: NaiveDate,
    ) -> Result<Self, ValueError> {
        let optional = |field: &str, raw: &str| -> Result<Option<Name>, ValueError> {
            if raw.trim().is_empty() {
                Ok(None)
            } else {
                Name::parse_field(field, raw).map(Some)
            }
        };
        Ok(Self {
            name_en: Name::parse_field("name (English)", name_en)?,
            name_km: optional("name (Khmer)", name_km)?,
            province: Name::parse_field("province", province)?,
            district: optional("district", district)?,
            transition_start,
            has_reintegration_plan: false,
            has_reintegration_budget: false,
        })
    }
}

/// Facts about follow-up visits, kept as dates so the core needs no storage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFacts {
    pub first_reintegration: Option<NaiveDate>,
    pub last_follow_up: Option<NaiveDate>,
}

/// Everything the partners list and comparison show for one RCI, computed in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciOverview {
    pub progress: TransitionProgress,
    pub days_in_phase: i64,
    pub flags: Vec<RiskFlag>,
    pub latest_counts: Option<ChildrenCounts>,
}

/// Computes an RCI's overview on `today` from its profile, checklist, latest counts and follow-ups.
pub fn overview(
    profile: &RciProfile,
    items: &[ChecklistItem],
    latest_counts: Option<ChildrenCounts>,
    follow_ups: FollowUpFacts,
    last_update: Option<NaiveDate>,
    settings: &RiskSettings,
    today: NaiveDate,
) -> RciOverview {
    let progress = TransitionProgress::of(items);
    let inputs = RiskInputs {
        phase: progress.phase,
        has_reintegration_plan: profile.has_reintegration_plan,
        has_reintegration_budget: profile.has_reintegration_budget,
        last_update,
        transition_start: profile.transition_start,
        first_reintegration: follow_ups.first_reintegration,
        last_follow_up: follow_ups.last_follow_up,
    };
    RciOverview {
        days_in_phase: days_in_phase(items, profile.transition_start, today),
        flags: risk_flags(&inputs, settings, today),
        progress,
        latest_counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklists::ItemStatus;
    use crate::progress::{tests::fresh, Phase};
    use crate::stages::{Stage, Track};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn profile_parsing_validates_each_field() {
        let p = RciProfile::parse("Hope House", "", "Battambang", " ", day("2025-01-01")).unwrap();
        assert_eq!(p.name_km, None);
        assert_eq!(p.district, None);
        let err = RciProfile::parse("Hope House", "", "", "", day("2025-01-01")).unwrap_err();
        assert_eq!(err.to_string(), "province must not be empty");
    }

    #[test]
    fn overview_combines_progress_phase_and_flags() {
        let profile = RciProfile::parse("Hope House", "", "Pursat", "", day("2025-01-01")).unwrap();
        let mut items = fresh();
        for i in items.iter_mut().filter(|i| {
            matches!(
                i.track,
                Track::Stage(Stage::Assessment | Stage::FamilyTracing)
            )
        }) {
            i.status = ItemStatus::Done {
                on: day("2025-09-01"),
            };
        }
        let o = overview(
            &profile,
            &items,
            None,
            FollowUpFacts::default(),
            Some(day("2025-09-01")),
            &RiskSettings::default(),
            day("2025-09-11"),
        );
        assert_eq!(o.progress.phase, Phase::In(Stage::Preparation));
        assert_eq!(o.days_in_phase, 10);
        assert_eq!(
            o.flags,
            vec![
                RiskFlag::NoReintegrationPlan,
                RiskFlag::NoReintegrationBudget
            ]
        );
    }
}
