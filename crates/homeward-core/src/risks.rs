//! Risk flags: what the organisation looks for first on a Monday. Each flag is computed from
//! facts about one RCI and settings the organisation may change.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::placements::Rate;
use crate::progress::Phase;
use crate::stages::Stage;

/// How often reintegrated children are visited, and for how long. Cambodian policy does not fix
/// this (see `docs/domain.md`), so it is a setting; the default is monthly for the first year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpCadence {
    every_days: u32,
    for_days: u32,
}

/// Why a risk setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum SettingsError {
    /// Follow-ups must fall due every 1 to 365 days; it holds the days given.
    #[error("follow-ups must be due every 1 to 365 days, not {0}")]
    BadInterval(u32),
    /// Follow-ups must run for one interval to ten years; it holds the days given.
    #[error(
        "follow-ups must continue for at least one interval and at most 10 years, not {0} days"
    )]
    BadDuration(u32),
    /// An RCI must count as stalled after 1 to 730 days; it holds the days given.
    #[error("an RCI is stalled after 1 to 730 days without an update, not {0}")]
    BadStalledDays(u32),
    /// The re-entry flag must be set at 1 to 100 %; it holds the percent given.
    #[error("the re-entry rate flag must be set at 1 to 100 %, not {0}")]
    BadReentryPercent(u32),
}

impl FollowUpCadence {
    /// A visit every `every_days` (1–365) for `for_days` (up to 3650) after the first reintegration.
    pub fn new(every_days: u32, for_days: u32) -> Result<Self, SettingsError> {
        if !(1..=365).contains(&every_days) {
            return Err(SettingsError::BadInterval(every_days));
        }
        if for_days < every_days || for_days > 3650 {
            return Err(SettingsError::BadDuration(for_days));
        }
        Ok(Self {
            every_days,
            for_days,
        })
    }

    /// Days between follow-up visits.
    pub fn every_days(&self) -> u32 {
        self.every_days
    }

    /// Days after the first reintegration during which follow-ups fall due.
    pub fn for_days(&self) -> u32 {
        self.for_days
    }
}

impl Default for FollowUpCadence {
    fn default() -> Self {
        Self {
            every_days: 30,
            for_days: 365,
        }
    }
}

/// The organisation's risk settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskSettings {
    stalled_after_days: u32,
    reentry_flag_percent: u32,
    /// How often, and for how long, reintegrated children are visited.
    pub follow_up: FollowUpCadence,
    /// How often inspections are expected; how early an ending agreement is flagged.
    #[serde(default)]
    pub regulation: crate::regulation::RegulationSettings,
    /// How often readiness is assessed.
    #[serde(default)]
    pub readiness: crate::readiness::ReadinessSettings,
}

impl RiskSettings {
    /// Flags an RCI as stalled after `stalled_after_days` (1–730) without an update.
    pub fn new(stalled_after_days: u32, follow_up: FollowUpCadence) -> Result<Self, SettingsError> {
        if !(1..=730).contains(&stalled_after_days) {
            return Err(SettingsError::BadStalledDays(stalled_after_days));
        }
        Ok(Self {
            stalled_after_days,
            follow_up,
            ..Self::default()
        })
    }

    /// Flags an RCI whose 12-month re-entry rate is above `percent` (1–100).
    pub fn with_reentry_flag_percent(self, percent: u32) -> Result<Self, SettingsError> {
        if !(1..=100).contains(&percent) {
            return Err(SettingsError::BadReentryPercent(percent));
        }
        Ok(Self {
            reentry_flag_percent: percent,
            ..self
        })
    }

    /// Days without an update after which an RCI is flagged as stalled.
    pub fn stalled_after_days(&self) -> u32 {
        self.stalled_after_days
    }

    /// The 12-month re-entry rate above which an RCI is flagged.
    pub fn reentry_flag_percent(&self) -> u32 {
        self.reentry_flag_percent
    }
}

impl Default for RiskSettings {
    /// Sixty days without an update: an adviser visits each partner at least every month or two.
    /// More than one child in ten back in residential care within a year says reintegration is
    /// being rushed or under-supported.
    fn default() -> Self {
        Self {
            stalled_after_days: 60,
            reentry_flag_percent: 10,
            follow_up: FollowUpCadence::default(),
            regulation: crate::regulation::RegulationSettings::default(),
            readiness: crate::readiness::ReadinessSettings::default(),
        }
    }
}

/// The facts about one RCI that the flags are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskInputs {
    /// The stage being worked on: a plan and a budget are expected from preparation on.
    pub phase: Phase,
    /// Whether a written reintegration plan exists.
    pub has_reintegration_plan: bool,
    /// Whether a reintegration budget is agreed.
    pub has_reintegration_budget: bool,
    /// The last day anything about the RCI was recorded; `None` if never.
    pub last_update: Option<NaiveDate>,
    /// Stalls count from here while nothing has been recorded.
    pub transition_start: NaiveDate,
    /// When the first child was reintegrated; `None` if none yet.
    pub first_reintegration: Option<NaiveDate>,
    /// The day of the latest follow-up visit; `None` if none yet.
    pub last_follow_up: Option<NaiveDate>,
    /// Placements whose own follow-up visit is overdue.
    pub placements_overdue: u32,
    /// The 12-month re-entry rate of its placements, once there is one.
    pub reentry_rate_12m: Option<Rate>,
}

/// Something that needs the organisation's attention, with its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskFlag {
    /// In preparation or later without a written reintegration plan.
    NoReintegrationPlan,
    /// In preparation or later without an agreed reintegration budget.
    NoReintegrationBudget,
    /// No update for this many days.
    Stalled {
        /// Days since the last update.
        days: i64,
    },
    /// The next follow-up visit was due this many days ago.
    FollowUpsOverdue {
        /// Days since the visit was due.
        days: i64,
    },
    /// This many placements are past their visit's due day.
    PlacementVisitsOverdue {
        /// How many placements.
        placements: u32,
    },
    /// The 12-month re-entry rate is above the setting.
    ReentryRateHigh {
        /// The rate.
        rate: Rate,
    },
    /// The agreement with MoSVY or DoSVY ended this many days ago.
    MouExpired {
        /// Days since it ended.
        days: i64,
    },
    /// The agreement with MoSVY or DoSVY ends within the warning period.
    MouExpiring {
        /// Days left.
        days: i64,
    },
    /// No inspection for longer than the setting allows.
    InspectionOverdue {
        /// Days past the inspection's due day.
        days: i64,
    },
    /// Improvements an inspection asked for are past their due day.
    ImprovementsOverdue {
        /// Days past the due day.
        days: i64,
    },
    /// The latest readiness assessment found the RCI high risk.
    ReadinessHighRisk,
    /// No readiness assessment for longer than the setting allows.
    ReadinessOverdue {
        /// Days past the assessment's due day.
        days: i64,
    },
}

impl RiskFlag {
    /// The flag's kind, without its figures.
    pub fn kind(&self) -> RiskKind {
        match self {
            RiskFlag::NoReintegrationPlan => RiskKind::NoPlan,
            RiskFlag::NoReintegrationBudget => RiskKind::NoBudget,
            RiskFlag::Stalled { .. } => RiskKind::Stalled,
            RiskFlag::FollowUpsOverdue { .. } => RiskKind::FollowUpsOverdue,
            RiskFlag::PlacementVisitsOverdue { .. } => RiskKind::PlacementVisitsOverdue,
            RiskFlag::ReentryRateHigh { .. } => RiskKind::ReentryRateHigh,
            RiskFlag::MouExpired { .. } => RiskKind::MouExpired,
            RiskFlag::MouExpiring { .. } => RiskKind::MouExpiring,
            RiskFlag::InspectionOverdue { .. } => RiskKind::InspectionOverdue,
            RiskFlag::ImprovementsOverdue { .. } => RiskKind::ImprovementsOverdue,
            RiskFlag::ReadinessHighRisk => RiskKind::ReadinessHighRisk,
            RiskFlag::ReadinessOverdue { .. } => RiskKind::ReadinessOverdue,
        }
    }

    /// The stable key used in URLs, filters and exports.
    pub fn key(&self) -> &'static str {
        self.kind().key()
    }
}

/// A kind of risk, without its figures: what the comparison filters and counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskKind {
    /// No written reintegration plan from the preparation stage on.
    NoPlan,
    /// No agreed reintegration budget from the preparation stage on.
    NoBudget,
    /// No update for longer than the settings allow.
    Stalled,
    /// A follow-up visit is overdue.
    FollowUpsOverdue,
    /// A placement's own follow-up visit is overdue.
    PlacementVisitsOverdue,
    /// Too many reintegrated children returned to residential care within a year.
    ReentryRateHigh,
    /// The agreement with MoSVY or DoSVY has ended.
    MouExpired,
    /// The agreement with MoSVY or DoSVY ends soon.
    MouExpiring,
    /// No inspection for too long.
    InspectionOverdue,
    /// Improvements asked for by an inspection are overdue.
    ImprovementsOverdue,
    /// The director and donor are not ready: high risk.
    ReadinessHighRisk,
    /// No readiness assessment for too long.
    ReadinessOverdue,
}

impl RiskKind {
    /// Every kind, in the order filters and totals list them.
    pub const ALL: [RiskKind; 12] = [
        RiskKind::NoPlan,
        RiskKind::NoBudget,
        RiskKind::Stalled,
        RiskKind::FollowUpsOverdue,
        RiskKind::PlacementVisitsOverdue,
        RiskKind::ReentryRateHigh,
        RiskKind::MouExpired,
        RiskKind::MouExpiring,
        RiskKind::InspectionOverdue,
        RiskKind::ImprovementsOverdue,
        RiskKind::ReadinessHighRisk,
        RiskKind::ReadinessOverdue,
    ];

    /// The stable key used in URLs, filters and exports.
    pub fn key(self) -> &'static str {
        match self {
            RiskKind::NoPlan => "no_plan",
            RiskKind::NoBudget => "no_budget",
            RiskKind::Stalled => "stalled",
            RiskKind::FollowUpsOverdue => "follow_ups_overdue",
            RiskKind::PlacementVisitsOverdue => "placement_visits_overdue",
            RiskKind::ReentryRateHigh => "reentry_rate_high",
            RiskKind::MouExpired => "mou_expired",
            RiskKind::MouExpiring => "mou_expiring",
            RiskKind::InspectionOverdue => "inspection_overdue",
            RiskKind::ImprovementsOverdue => "improvements_overdue",
            RiskKind::ReadinessHighRisk => "readiness_high_risk",
            RiskKind::ReadinessOverdue => "readiness_overdue",
        }
    }

    /// The kind with this key; `None` for anything else.
    pub fn parse(key: &str) -> Option<RiskKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The day the next follow-up visit is due, if follow-ups are still running on `today`.
pub fn next_follow_up_due(
    first_reintegration: Option<NaiveDate>,
    last_follow_up: Option<NaiveDate>,
    cadence: FollowUpCadence,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let since = first_reintegration?;
    let ends = since + chrono::Days::new(u64::from(cadence.for_days));
    if today > ends {
        return None;
    }
    let last = last_follow_up.map_or(since, |v| v.max(since));
    Some(last + chrono::Days::new(u64::from(cadence.every_days)))
}

/// Every flag that applies on `today`, in a stable order.
///
/// A plan and a budget are expected from the preparation stage on: without them reintegration
/// is risky (seed page 000). Before that stage their absence is normal, not a risk.
pub fn risk_flags(inputs: &RiskInputs, settings: &RiskSettings, today: NaiveDate) -> Vec<RiskFlag> {
    let mut flags = Vec::new();
    let plan_expected = inputs.phase >= Phase::In(Stage::Preparation);
    if plan_expected && !inputs.has_reintegration_plan {
        flags.push(RiskFlag::NoReintegrationPlan);
    }
    if plan_expected && !inputs.has_reintegration_budget {
        flags.push(RiskFlag::NoReintegrationBudget);
    }
    let last = inputs
        .last_update
        .unwrap_or(inputs.transition_start)
        .max(inputs.transition_start);
    let quiet = (today - last).num_days();
    if inputs.phase != Phase::Completed && quiet > i64::from(settings.stalled_after_days) {
        flags.push(RiskFlag::Stalled { days: quiet });
    }
    if let Some(due) = next_follow_up_due(
        inputs.first_reintegration,
        inputs.last_follow_up,
        settings.follow_up,
        today,
    ) {
        if today > due {
            flags.push(RiskFlag::FollowUpsOverdue {
                days: (today - due).num_days(),
            });
        }
    }
    if inputs.placements_overdue > 0 {
        flags.push(RiskFlag::PlacementVisitsOverdue {
            placements: inputs.placements_overdue,
        });
    }
    if let Some(rate) = inputs.reentry_rate_12m {
        if rate.exceeds(settings.reentry_flag_percent) {
            flags.push(RiskFlag::ReentryRateHigh { rate });
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn inputs(phase: Phase) -> RiskInputs {
        RiskInputs {
            phase,
            has_reintegration_plan: true,
            has_reintegration_budget: true,
            last_update: Some(day("2026-11-01")),
            transition_start: day("2025-01-01"),
            first_reintegration: None,
            last_follow_up: None,
            placements_overdue: 0,
            reentry_rate_12m: None,
        }
    }

    #[test]
    fn a_reentry_rate_above_the_setting_is_flagged_and_one_at_it_is_not() {
        let mut i = inputs(Phase::In(Stage::Reintegration));
        let settings = RiskSettings::default();
        i.reentry_rate_12m = Some(Rate { count: 1, of: 10 });
        assert!(risk_flags(&i, &settings, day(TODAY)).is_empty());
        i.reentry_rate_12m = Some(Rate { count: 1, of: 9 });
        assert_eq!(
            risk_flags(&i, &settings, day(TODAY)),
            vec![RiskFlag::ReentryRateHigh {
                rate: Rate { count: 1, of: 9 }
            }]
        );
        let lenient = settings.with_reentry_flag_percent(20).unwrap();
        assert!(risk_flags(&i, &lenient, day(TODAY)).is_empty());
        assert_eq!(
            settings.with_reentry_flag_percent(0),
            Err(SettingsError::BadReentryPercent(0))
        );
        i.placements_overdue = 2;
        assert_eq!(
            risk_flags(&i, &lenient, day(TODAY)),
            vec![RiskFlag::PlacementVisitsOverdue { placements: 2 }]
        );
    }

    const TODAY: &str = "2026-11-24";

    #[test]
    fn a_healthy_rci_has_no_flags() {
        let i = inputs(Phase::In(Stage::Reintegration));
        assert!(risk_flags(&i, &RiskSettings::default(), day(TODAY)).is_empty());
    }

    #[test]
    fn plan_and_budget_are_expected_from_preparation_on() {
        let mut i = inputs(Phase::In(Stage::FamilyTracing));
        i.has_reintegration_plan = false;
        i.has_reintegration_budget = false;
        assert!(risk_flags(&i, &RiskSettings::default(), day(TODAY)).is_empty());
        i.phase = Phase::In(Stage::Preparation);
        assert_eq!(
            risk_flags(&i, &RiskSettings::default(), day(TODAY)),
            vec![
                RiskFlag::NoReintegrationPlan,
                RiskFlag::NoReintegrationBudget
            ]
        );
    }

    #[test]
    fn stalled_after_the_configured_days() {
        let mut i = inputs(Phase::In(Stage::Assessment));
        i.last_update = Some(day("2026-09-25"));
        assert!(
            risk_flags(&i, &RiskSettings::default(), day(TODAY)).is_empty(),
            "60 days is not yet stalled"
        );
        i.last_update = Some(day("2026-09-24"));
        assert_eq!(
            risk_flags(&i, &RiskSettings::default(), day(TODAY)),
            vec![RiskFlag::Stalled { days: 61 }]
        );
        let strict = RiskSettings::new(30, FollowUpCadence::default()).unwrap();
        i.last_update = Some(day("2026-10-20"));
        assert_eq!(
            risk_flags(&i, &strict, day(TODAY)),
            vec![RiskFlag::Stalled { days: 35 }]
        );
    }

    #[test]
    fn never_updated_counts_from_the_transition_start() {
        let mut i = inputs(Phase::In(Stage::Assessment));
        i.last_update = None;
        i.transition_start = day("2026-11-01");
        assert!(risk_flags(&i, &RiskSettings::default(), day(TODAY)).is_empty());
    }

    #[test]
    fn a_completed_transition_is_not_stalled() {
        let mut i = inputs(Phase::Completed);
        i.last_update = Some(day("2024-01-01"));
        assert!(risk_flags(&i, &RiskSettings::default(), day(TODAY)).is_empty());
    }

    #[test]
    fn follow_ups_fall_due_each_interval_for_the_first_year() {
        let cadence = FollowUpCadence::default();
        let since = Some(day("2026-06-01"));
        assert_eq!(next_follow_up_due(None, None, cadence, day(TODAY)), None);
        assert_eq!(
            next_follow_up_due(since, None, cadence, day(TODAY)),
            Some(day("2026-07-01"))
        );
        assert_eq!(
            next_follow_up_due(since, Some(day("2026-11-10")), cadence, day(TODAY)),
            Some(day("2026-12-10"))
        );
        assert_eq!(
            next_follow_up_due(Some(day("2025-01-01")), None, cadence, day(TODAY)),
            None,
            "follow-ups end after a year"
        );
    }

    #[test]
    fn overdue_follow_ups_raise_a_flag_with_the_days() {
        let mut i = inputs(Phase::In(Stage::Reintegration));
        i.first_reintegration = Some(day("2026-06-01"));
        i.last_follow_up = Some(day("2026-10-01"));
        assert_eq!(
            risk_flags(&i, &RiskSettings::default(), day(TODAY)),
            vec![RiskFlag::FollowUpsOverdue { days: 24 }]
        );
        i.last_follow_up = Some(day("2026-11-20"));
        assert!(risk_flags(&i, &RiskSettings::default(), day(TODAY)).is_empty());
    }

    #[test]
    fn settings_are_validated() {
        assert_eq!(
            FollowUpCadence::new(0, 365),
            Err(SettingsError::BadInterval(0))
        );
        assert_eq!(
            FollowUpCadence::new(30, 10),
            Err(SettingsError::BadDuration(10))
        );
        assert!(FollowUpCadence::new(7, 56).is_ok());
        assert_eq!(
            RiskSettings::new(0, FollowUpCadence::default()),
            Err(SettingsError::BadStalledDays(0))
        );
    }

    proptest! {
        #[test]
        fn a_recent_follow_up_always_clears_the_overdue_flag(
            since in 0u64..365, gap in 0u64..30, every in 1u32..60,
        ) {
            let today = day(TODAY);
            let cadence = FollowUpCadence::new(every, 365).unwrap();
            let settings = RiskSettings::new(60, cadence).unwrap();
            let mut i = inputs(Phase::In(Stage::Reintegration));
            i.first_reintegration = Some(today - chrono::Days::new(since));
            let visit = today - chrono::Days::new(gap.min(u64::from(every)));
            i.last_follow_up = Some(visit);
            let overdue = risk_flags(&i, &settings, today)
                .into_iter()
                .any(|f| matches!(f, RiskFlag::FollowUpsOverdue { .. }));
            prop_assert!(!overdue);
        }

        #[test]
        fn flags_never_repeat(plan: bool, budget: bool, stage in 0usize..5, quiet in 0u64..400) {
            let today = day(TODAY);
            let mut i = inputs(Phase::In(Stage::ALL[stage]));
            i.has_reintegration_plan = plan;
            i.has_reintegration_budget = budget;
            i.last_update = Some(today - chrono::Days::new(quiet));
            let flags = risk_flags(&i, &RiskSettings::default(), today);
            let mut keys: Vec<_> = flags.iter().map(|f| f.key()).collect();
            keys.dedup();
            prop_assert_eq!(keys.len(), flags.len());
            prop_assert_eq!(flags.contains(&RiskFlag::NoReintegrationPlan), !plan && stage >= 2);
        }
    }
}
