//! The organisation's comparison of every partner's transition: one row per RCI with the
//! figures management reads on Monday, the filters and sort orders of that table, and its totals.
//! Pure, so the page, the exports and the quarterly report agree to the child.

use std::borrow::Borrow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::placements::Rate;
use crate::progress::Phase;
use crate::rcis::{RciOverview, RciProfile};
use crate::readiness::Level;
use crate::regulation::InspectionOutcome;
use crate::risks::{RiskFlag, RiskKind};
use crate::stages::Track;
use crate::targets::{Judged, Scope, SetTarget, TargetFacts, TargetStatus};
use crate::transformation::{Currency, TransformationFigures};
use crate::values::SexCount;

/// One partner's line of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// The RCI's id, for links to its page.
    pub rci_id: i64,
    /// The RCI's English name.
    pub name: String,
    /// The RCI's Khmer name, if it has one.
    pub name_km: Option<String>,
    /// The province the RCI is in.
    pub province: String,
    /// The lead adviser's name, if one is named.
    pub adviser: Option<String>,
    /// The stage the RCI is working on, or completed.
    pub phase: Phase,
    /// Days since the RCI entered its current phase.
    pub days_in_phase: i64,
    /// Its current stage is done and waits for an admin's sign-off.
    pub awaiting_sign_off: bool,
    /// Whole percent done of each track, in [`Track::ALL`] order.
    pub tracks: Vec<(Track, u8)>,
    /// Whole percent done over every track.
    pub overall: u8,
    /// Children in care when the transition began (latest counts).
    pub baseline: SexCount,
    /// Children reintegrated so far, every placement together (latest counts).
    pub reintegrated: SexCount,
    /// Days since the next follow-up visit was due; `None` if none is overdue.
    pub follow_ups_overdue_days: Option<i64>,
    /// Days since anything was recorded; `None` if never.
    pub days_since_update: Option<i64>,
    /// Every risk flag that applies on the day, in a stable order.
    pub flags: Vec<RiskFlag>,
    /// The 12-month re-entry rate of its placements; `None` while none is old enough.
    pub reentry_rate_12m: Option<Rate>,
    /// Placements whose latest visit found them at risk.
    pub placements_at_risk: u32,
    /// Children in those placements.
    pub children_at_risk: u32,
    /// Staff, assets and funding moved to family-based care.
    pub transformation: TransformationFigures,
    /// What targets are judged on: the province roll-up adds these up.
    pub target_facts: TargetFacts,
    /// How each of its own targets stands, in the order they were set.
    pub targets: Vec<TargetStatus>,
    /// The day its latest agreement with MoSVY or DoSVY ends.
    pub mou_expires_on: Option<NaiveDate>,
    /// The day of its latest inspection and what it found.
    pub last_inspection: Option<(NaiveDate, InspectionOutcome)>,
    /// The day of its latest readiness assessment and the level it gave.
    pub readiness: Option<(NaiveDate, Level)>,
}

impl ComparisonRow {
    /// The row of one RCI from its profile and overview on `today`.
    pub fn new(
        rci_id: i64,
        profile: &RciProfile,
        adviser: Option<String>,
        overview: &RciOverview,
        today: NaiveDate,
    ) -> Self {
        let counts = overview.latest_counts.as_ref();
        Self {
            rci_id,
            name: profile.name_en.to_string(),
            name_km: profile.name_km.as_ref().map(|n| n.to_string()),
            province: profile.province.to_string(),
            adviser,
            phase: overview.progress.phase,
            days_in_phase: overview.days_in_phase,
            awaiting_sign_off: match overview.progress.phase {
                Phase::In(stage) => overview.sign_offs.is_awaited(stage),
                Phase::Completed => false,
            },
            tracks: overview
                .progress
                .tracks
                .iter()
                .map(|(t, p)| (*t, p.percent()))
                .collect(),
            overall: overview.progress.overall.percent(),
            baseline: counts.map_or(SexCount::ZERO, |c| c.baseline),
            reintegrated: counts.map_or(SexCount::ZERO, |c| c.reintegrated_total()),
            follow_ups_overdue_days: overview.flags.iter().find_map(|f| match f {
                RiskFlag::FollowUpsOverdue { days } => Some(*days),
                _ => None,
            }),
            days_since_update: overview.last_update.map(|d| (today - d).num_days()),
            flags: overview.flags.clone(),
            reentry_rate_12m: overview.placements.reentry_rate_12m,
            placements_at_risk: overview.placements.at_risk,
            children_at_risk: overview.placements.children_at_risk,
            transformation: overview.transformation,
            target_facts: overview.target_facts.clone(),
            targets: overview.targets.iter().map(|t| t.status).collect(),
            mou_expires_on: overview.standing.agreement.map(|a| a.expires_on),
            last_inspection: overview
                .standing
                .last_inspection
                .as_ref()
                .map(|i| (i.inspected_on, i.outcome)),
            readiness: overview.readiness.map(|(a, _)| (a.assessed_on, a.level)),
        }
    }

    /// Its flags about its standing with MoSVY.
    pub fn regulatory_flags(&self) -> impl Iterator<Item = &RiskFlag> {
        self.flags.iter().filter(|f| {
            matches!(
                f.kind(),
                RiskKind::MouExpired
                    | RiskKind::MouExpiring
                    | RiskKind::InspectionOverdue
                    | RiskKind::ImprovementsOverdue
            )
        })
    }

    /// How many of its targets are on track or met.
    pub fn targets_on_track(&self) -> u32 {
        self.targets.iter().filter(|s| s.is_on_track()).count() as u32
    }

    /// How many of its targets are off track or missed.
    pub fn targets_off_track(&self) -> u32 {
        self.targets.iter().filter(|s| s.is_off_track()).count() as u32
    }

    fn track(&self, track: Track) -> u8 {
        self.tracks
            .iter()
            .find(|(t, _)| *t == track)
            .map_or(0, |(_, p)| *p)
    }

    fn has_risk(&self, key: &str) -> bool {
        self.flags.iter().any(|f| f.key() == key)
    }
}

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    /// The RCI's English name.
    Name,
    /// The province.
    Province,
    /// The lead adviser's name; RCIs without one come first.
    Adviser,
    /// How far the RCI has got: stage order, completed last.
    Stage,
    /// Days in the current stage.
    DaysInStage,
    /// Percent done of one track.
    Track(Track),
    /// Percent done over every track.
    Overall,
    /// Children in care when the transition began.
    Baseline,
    /// Children reintegrated so far.
    Reintegrated,
    /// Days follow-ups are overdue; RCIs with none overdue come first.
    FollowUpsOverdue,
    /// Days since anything was recorded; RCIs never updated come first.
    DaysSinceUpdate,
    /// How many risk flags the RCI carries.
    Risks,
    /// The 12-month re-entry rate; RCIs without one come first.
    ReentryRate,
    /// Children in placements at risk.
    AtRisk,
    /// Staff redeployed to family-based services.
    StaffRedeployed,
    /// Assets repurposed.
    AssetsRepurposed,
    /// Funding redirected in one currency.
    Funding(Currency),
    /// Targets on track or met.
    TargetsOnTrack,
    /// Targets off track or missed.
    TargetsOffTrack,
    /// The day the agreement ends; RCIs without one come first.
    MouExpires,
    /// The day of the latest inspection; RCIs never inspected come first.
    LastInspection,
    /// The latest readiness level, favourable first; RCIs never assessed come first.
    Readiness,
}

impl SortKey {
    /// Every sortable column, in the table's order.
    pub const ALL: [SortKey; 28] = [
        SortKey::Name,
        SortKey::Province,
        SortKey::Adviser,
        SortKey::Stage,
        SortKey::DaysInStage,
        SortKey::Track(Track::ALL[0]),
        SortKey::Track(Track::ALL[1]),
        SortKey::Track(Track::ALL[2]),
        SortKey::Track(Track::ALL[3]),
        SortKey::Track(Track::ALL[4]),
        SortKey::Track(Track::ALL[5]),
        SortKey::Overall,
        SortKey::Baseline,
        SortKey::Reintegrated,
        SortKey::FollowUpsOverdue,
        SortKey::DaysSinceUpdate,
        SortKey::Risks,
        SortKey::ReentryRate,
        SortKey::AtRisk,
        SortKey::StaffRedeployed,
        SortKey::AssetsRepurposed,
        SortKey::Funding(Currency::Usd),
        SortKey::Funding(Currency::Khr),
        SortKey::TargetsOnTrack,
        SortKey::TargetsOffTrack,
        SortKey::MouExpires,
        SortKey::LastInspection,
        SortKey::Readiness,
    ];

    /// The stable key used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Province => "province",
            SortKey::Adviser => "adviser",
            SortKey::Stage => "stage",
            SortKey::DaysInStage => "days_in_stage",
            SortKey::Track(t) => t.key(),
            SortKey::Overall => "overall",
            SortKey::Baseline => "baseline",
            SortKey::Reintegrated => "reintegrated",
            SortKey::FollowUpsOverdue => "follow_ups_overdue",
            SortKey::DaysSinceUpdate => "days_since_update",
            SortKey::Risks => "risks",
            SortKey::ReentryRate => "reentry_rate_12m",
            SortKey::AtRisk => "children_at_risk",
            SortKey::StaffRedeployed => "staff_redeployed",
            SortKey::AssetsRepurposed => "assets_repurposed",
            SortKey::Funding(Currency::Usd) => "funding_redirected_usd",
            SortKey::Funding(Currency::Khr) => "funding_redirected_khr",
            SortKey::TargetsOnTrack => "targets_on_track",
            SortKey::TargetsOffTrack => "targets_off_track",
            SortKey::MouExpires => "mou_expires_on",
            SortKey::LastInspection => "last_inspection_on",
            SortKey::Readiness => "readiness_level",
        }
    }

    /// The column with this URL key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw)
    }
}

/// How the table is sorted: a column and a direction. Ties keep name order, so the order is
/// always the same for the same data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// The column sorted by.
    pub key: SortKey,
    /// Largest (or last) first when `true`.
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            key: SortKey::Name,
            descending: false,
        }
    }
}

/// Which partners the table shows; every filter empty shows all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonFilter {
    /// Only RCIs in this province.
    pub province: Option<String>,
    /// Only RCIs whose lead adviser has this name.
    pub adviser: Option<String>,
    /// A stage number (1–5), or 0 for "transition completed".
    pub stage: Option<usize>,
    /// A [`RiskFlag::key`].
    pub risk: Option<String>,
    /// Only RCIs with at least one target of this status.
    pub target: Option<TargetStatus>,
    /// Only RCIs whose latest readiness assessment gave this level.
    pub readiness: Option<Level>,
}

impl ComparisonFilter {
    /// Whether the row passes every filter that is set.
    pub fn keeps(&self, row: &ComparisonRow) -> bool {
        let stage_number = match row.phase {
            Phase::In(stage) => stage.number(),
            Phase::Completed => 0,
        };
        self.province.as_deref().is_none_or(|p| row.province == p)
            && self
                .adviser
                .as_deref()
                .is_none_or(|a| row.adviser.as_deref() == Some(a))
            && self.stage.is_none_or(|s| stage_number == s)
            && self.risk.as_deref().is_none_or(|r| row.has_risk(r))
            && self.target.is_none_or(|t| row.targets.contains(&t))
            && self
                .readiness
                .is_none_or(|l| row.readiness.map(|(_, r)| r) == Some(l))
    }
}

/// The rows the filter keeps, in the chosen order (in place: the organisation's pages have
/// thousands of rows, not worth copying; rows or references to rows kept elsewhere).
pub fn compare<R: Borrow<ComparisonRow>>(
    mut kept: Vec<R>,
    filter: &ComparisonFilter,
    sort: Sort,
) -> Vec<R> {
    kept.retain(|r| filter.keeps(r.borrow()));
    kept.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        let by_key = match sort.key {
            SortKey::Name => std::cmp::Ordering::Equal,
            SortKey::Province => a.province.cmp(&b.province),
            SortKey::Adviser => a.adviser.cmp(&b.adviser),
            SortKey::Stage => a.phase.cmp(&b.phase),
            SortKey::DaysInStage => a.days_in_phase.cmp(&b.days_in_phase),
            SortKey::Track(t) => a.track(t).cmp(&b.track(t)),
            SortKey::Overall => a.overall.cmp(&b.overall),
            SortKey::Baseline => a.baseline.total().cmp(&b.baseline.total()),
            SortKey::Reintegrated => a.reintegrated.total().cmp(&b.reintegrated.total()),
            SortKey::FollowUpsOverdue => a.follow_ups_overdue_days.cmp(&b.follow_ups_overdue_days),
            SortKey::DaysSinceUpdate => a.days_since_update.cmp(&b.days_since_update),
            SortKey::Risks => a.flags.len().cmp(&b.flags.len()),
            SortKey::ReentryRate => by_rate(a.reentry_rate_12m, b.reentry_rate_12m),
            SortKey::AtRisk => a.children_at_risk.cmp(&b.children_at_risk),
            SortKey::StaffRedeployed => {
                let staff = |r: &ComparisonRow| r.transformation.staff_redeployed.total();
                staff(a).cmp(&staff(b))
            }
            SortKey::AssetsRepurposed => a
                .transformation
                .assets_repurposed
                .cmp(&b.transformation.assets_repurposed),
            SortKey::Funding(c) => a
                .transformation
                .funding(c)
                .cmp(&b.transformation.funding(c)),
            SortKey::TargetsOnTrack => a.targets_on_track().cmp(&b.targets_on_track()),
            SortKey::TargetsOffTrack => a.targets_off_track().cmp(&b.targets_off_track()),
            SortKey::MouExpires => a.mou_expires_on.cmp(&b.mou_expires_on),
            SortKey::LastInspection => {
                let on = |r: &ComparisonRow| r.last_inspection.map(|(d, _)| d);
                on(a).cmp(&on(b))
            }
            SortKey::Readiness => {
                let level = |r: &ComparisonRow| r.readiness.map(|(d, l)| (l, d));
                level(a).cmp(&level(b))
            }
        };
        let by_key = if sort.descending {
            by_key.reverse()
        } else {
            by_key
        };
        by_key
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.rci_id.cmp(&b.rci_id))
    });
    kept
}

/// Rates in the order of their exact value (1 in 3 before 2 in 5), none first.
fn by_rate(a: Option<Rate>, b: Option<Rate>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => (u64::from(a.count) * u64::from(b.of))
            .cmp(&(u64::from(b.count) * u64::from(a.of)))
            .then(a.of.cmp(&b.of)),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// The totals row of the rows shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonTotals {
    /// How many RCIs are shown.
    pub rcis: usize,
    /// Children in care when the transitions began, every RCI shown together.
    pub baseline: SexCount,
    /// Children reintegrated so far, every RCI shown together.
    pub reintegrated: SexCount,
    /// The mean of the rows' overall progress, rounded down.
    pub mean_overall: u8,
    /// How many RCIs carry each kind of risk.
    pub with_risk: Vec<(RiskKind, usize)>,
    /// How many RCIs have follow-up visits overdue.
    pub follow_ups_overdue: usize,
    /// How many RCIs have completed every stage.
    pub completed: usize,
    /// Children in placements at risk, every RCI shown together.
    pub children_at_risk: u64,
    /// Staff, assets and funding moved, every RCI shown together (each currency apart).
    pub transformation: TransformationFigures,
    /// The rows' targets on track or met.
    pub targets_on_track: u32,
    /// The rows' targets off track or missed.
    pub targets_off_track: u32,
}

/// Sums the rows shown. Counts add without overflow: a [`SexCount`] total is bounded per RCI.
pub fn totals<R: Borrow<ComparisonRow>>(all: &[R]) -> ComparisonTotals {
    let rows = || all.iter().map(Borrow::borrow);
    let len = all.len();
    ComparisonTotals {
        rcis: len,
        baseline: rows().fold(SexCount::ZERO, |s, r| s.plus(r.baseline)),
        reintegrated: rows().fold(SexCount::ZERO, |s, r| s.plus(r.reintegrated)),
        mean_overall: if len == 0 {
            0
        } else {
            (rows().map(|r| u64::from(r.overall)).sum::<u64>() / len as u64) as u8
        },
        with_risk: RiskKind::ALL
            .into_iter()
            .map(|k| (k, rows().filter(|r| r.has_risk(k.key())).count()))
            .collect(),
        follow_ups_overdue: rows()
            .filter(|r| r.follow_ups_overdue_days.is_some())
            .count(),
        completed: rows().filter(|r| r.phase == Phase::Completed).count(),
        children_at_risk: rows().map(|r| u64::from(r.children_at_risk)).sum(),
        transformation: rows().fold(TransformationFigures::default(), |s, r| {
            s.plus(r.transformation)
        }),
        targets_on_track: rows().map(ComparisonRow::targets_on_track).sum(),
        targets_off_track: rows().map(ComparisonRow::targets_off_track).sum(),
    }
}

/// One province's line of the roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceRow {
    /// The province, as the RCIs' profiles name it.
    pub province: String,
    /// Partner RCIs in it.
    pub rcis: usize,
    /// Children still in care there.
    pub in_care: u32,
    /// Children living in family placements.
    pub in_families: u32,
    /// Targets met: the RCIs' own and the province's.
    pub targets_met: u32,
    /// Every target: the RCIs' own and the province's.
    pub targets: u32,
    /// The province's own targets and how each stands, judged on its RCIs added together.
    pub own: Vec<Judged>,
}

/// The roll-up of `rows` by province, in name order: each province's RCIs, children in care
/// and in families, and targets met of all set, its own `province_targets` judged on its RCIs'
/// facts added together.
pub fn provinces<R: Borrow<ComparisonRow>>(
    rows: &[R],
    province_targets: &[SetTarget],
    today: NaiveDate,
) -> Vec<ProvinceRow> {
    let mut by: std::collections::BTreeMap<&str, Vec<&ComparisonRow>> = Default::default();
    for r in rows.iter().map(Borrow::borrow) {
        by.entry(r.province.as_str()).or_default().push(r);
    }
    by.into_iter()
        .map(|(province, rows)| {
            let facts = rows
                .iter()
                .fold(TargetFacts::default(), |f, r| f.plus(&r.target_facts));
            let own: Vec<Judged> = province_targets
                .iter()
                .filter(|t| matches!(t.scope, Scope::Province(p) if p.en() == province))
                .map(|t| t.judge(&facts, today))
                .collect();
            let statuses = rows
                .iter()
                .flat_map(|r| r.targets.iter().copied())
                .chain(own.iter().map(|j| j.status));
            let (met, all) = statuses.fold((0, 0), |(m, a), s| {
                (m + u32::from(s == TargetStatus::Met), a + 1)
            });
            ProvinceRow {
                province: province.to_string(),
                rcis: rows.len(),
                in_care: facts.in_care,
                in_families: facts.in_families,
                targets_met: met,
                targets: all,
                own,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::Stage;
    use proptest::prelude::*;

    fn row(
        id: i64,
        name: &str,
        province: &str,
        overall: u8,
        stage: usize,
        flags: Vec<RiskFlag>,
    ) -> ComparisonRow {
        ComparisonRow {
            rci_id: id,
            name: name.into(),
            name_km: None,
            province: province.into(),
            adviser: (id % 2 == 0).then(|| "Chan Sokha".to_string()),
            phase: if stage == 0 {
                Phase::Completed
            } else {
                Phase::In(Stage::ALL[stage - 1])
            },
            days_in_phase: id * 10,
            awaiting_sign_off: false,
            tracks: Track::ALL.into_iter().map(|t| (t, overall)).collect(),
            overall,
            baseline: SexCount::new(20 + id as u32, 10).unwrap(),
            reintegrated: SexCount::new(id as u32, u32::from(id > 0)).unwrap(),
            follow_ups_overdue_days: flags.iter().find_map(|f| match f {
                RiskFlag::FollowUpsOverdue { days } => Some(*days),
                _ => None,
            }),
            days_since_update: Some(id),
            flags,
            reentry_rate_12m: (id > 1).then_some(Rate {
                count: (id % 3) as u32,
                of: id as u32,
            }),
            placements_at_risk: (id % 2) as u32,
            children_at_risk: (id % 2) as u32 * 2,
            transformation: TransformationFigures {
                staff_redeployed: SexCount::new(id as u32, u32::from(id > 0)).unwrap(),
                assets_repurposed: (id % 3) as u32,
                funding_usd: 1_000 * (id % 2) as u64,
                funding_khr: 4_000_000 * id as u64,
                ..TransformationFigures::default()
            },
            target_facts: TargetFacts::default(),
            targets: vec![TargetStatus::ALL[id as usize % 5]],
            mou_expires_on: None,
            last_inspection: None,
            readiness: None,
        }
    }

    fn rows() -> Vec<ComparisonRow> {
        vec![
            row(1, "Hope", "Phnom Penh", 90, 5, vec![]),
            row(
                2,
                "Lotus",
                "Battambang",
                40,
                3,
                vec![RiskFlag::NoReintegrationPlan],
            ),
            row(3, "Angkor", "Siem Reap", 100, 0, vec![]),
            row(
                4,
                "Bright",
                "Battambang",
                40,
                2,
                vec![
                    RiskFlag::Stalled { days: 70 },
                    RiskFlag::FollowUpsOverdue { days: 5 },
                ],
            ),
        ]
    }

    fn ids(rows: Vec<ComparisonRow>) -> Vec<i64> {
        rows.into_iter().map(|r| r.rci_id).collect()
    }

    #[test]
    fn sorts_with_ties_in_name_order() {
        let by = |key, descending| {
            ids(compare(
                rows(),
                &ComparisonFilter::default(),
                Sort { key, descending },
            ))
        };
        assert_eq!(by(SortKey::Name, false), [3, 4, 1, 2]);
        assert_eq!(by(SortKey::Overall, true), [3, 1, 4, 2]);
        assert_eq!(by(SortKey::Overall, false), [4, 2, 1, 3]);
        assert_eq!(by(SortKey::Stage, true), [3, 1, 2, 4]);
        assert_eq!(by(SortKey::Risks, true), [4, 2, 3, 1]);
        // Rates 2 of 2, 0 of 3, 1 of 4; Hope has none yet and comes first.
        assert_eq!(by(SortKey::ReentryRate, false), [1, 3, 4, 2]);
        assert_eq!(by(SortKey::AtRisk, true), [3, 1, 4, 2]);
        assert_eq!(by(SortKey::StaffRedeployed, true), [4, 3, 2, 1]);
        // Assets 1, 2, 0, 1: ties keep name order.
        assert_eq!(by(SortKey::AssetsRepurposed, true), [2, 4, 1, 3]);
        assert_eq!(by(SortKey::Funding(Currency::Usd), true), [3, 1, 4, 2]);
        assert_eq!(
            SortKey::parse("funding_redirected_khr"),
            Some(SortKey::Funding(Currency::Khr))
        );
        assert_eq!(SortKey::parse("overall"), Some(SortKey::Overall));
        assert_eq!(
            SortKey::parse(Track::ALL[2].key()),
            Some(SortKey::Track(Track::ALL[2]))
        );
    }

    #[test]
    fn each_filter_keeps_only_its_rows() {
        let keep = |f: ComparisonFilter| ids(compare(rows(), &f, Sort::default()));
        assert_eq!(
            keep(ComparisonFilter {
                province: Some("Battambang".into()),
                ..Default::default()
            }),
            [4, 2]
        );
        assert_eq!(
            keep(ComparisonFilter {
                adviser: Some("Chan Sokha".into()),
                ..Default::default()
            }),
            [4, 2]
        );
        assert_eq!(
            keep(ComparisonFilter {
                stage: Some(0),
                ..Default::default()
            }),
            [3]
        );
        assert_eq!(
            keep(ComparisonFilter {
                stage: Some(3),
                ..Default::default()
            }),
            [2]
        );
        assert_eq!(
            keep(ComparisonFilter {
                risk: Some("stalled".into()),
                ..Default::default()
            }),
            [4]
        );
    }

    #[test]
    fn readiness_filters_and_sorts_never_assessed_first() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let mut all = rows();
        all[0].readiness = Some((day, Level::HighRisk));
        all[1].readiness = Some((day, Level::Favourable));
        all[2].readiness = Some((day, Level::Mixed));
        let ids = |rows: Vec<ComparisonRow>| rows.iter().map(|r| r.rci_id).collect::<Vec<_>>();
        let filter = ComparisonFilter {
            readiness: Some(Level::HighRisk),
            ..Default::default()
        };
        assert_eq!(
            ids(compare(all.clone(), &filter, Sort::default())),
            [all[0].rci_id]
        );
        let sort = Sort {
            key: SortKey::Readiness,
            descending: false,
        };
        let sorted = ids(compare(all.clone(), &ComparisonFilter::default(), sort));
        assert_eq!(
            sorted,
            [all[3].rci_id, all[1].rci_id, all[2].rci_id, all[0].rci_id]
        );
    }

    #[test]
    fn totals_add_up_the_rows_shown() {
        let t = totals(&rows());
        assert_eq!(t.rcis, 4);
        assert_eq!(t.baseline, SexCount::new(90, 40).unwrap());
        assert_eq!(t.reintegrated, SexCount::new(10, 4).unwrap());
        assert_eq!(t.mean_overall, 67);
        let risks: Vec<(&str, usize)> = t.with_risk.iter().map(|(k, n)| (k.key(), *n)).collect();
        assert_eq!(
            risks,
            [
                ("no_plan", 1),
                ("no_budget", 0),
                ("stalled", 1),
                ("follow_ups_overdue", 1),
                ("placement_visits_overdue", 0),
                ("reentry_rate_high", 0),
                ("mou_expired", 0),
                ("mou_expiring", 0),
                ("inspection_overdue", 0),
                ("improvements_overdue", 0),
                ("readiness_high_risk", 0),
                ("readiness_overdue", 0)
            ]
        );
        assert_eq!((t.follow_ups_overdue, t.completed), (1, 1));
        assert_eq!(t.children_at_risk, 4);
        // Dollars and riel each totalled on their own.
        assert_eq!(
            (t.transformation.funding_usd, t.transformation.funding_khr),
            (2_000, 40_000_000)
        );
        assert_eq!(
            t.transformation.staff_redeployed,
            SexCount::new(10, 4).unwrap()
        );
        assert_eq!(totals::<ComparisonRow>(&[]).mean_overall, 0);
    }

    #[test]
    fn targets_filter_sort_and_roll_up_by_province() {
        let all = rows();
        let off = ComparisonFilter {
            target: Some(TargetStatus::OffTrack),
            ..ComparisonFilter::default()
        };
        let kept = compare(all.clone(), &off, Sort::default());
        assert!(kept
            .iter()
            .all(|r| r.targets.contains(&TargetStatus::OffTrack)));
        assert_eq!(kept.len(), all.iter().filter(|r| r.rci_id % 5 == 1).count());
        let sorted = compare(
            all.clone(),
            &ComparisonFilter::default(),
            Sort {
                key: SortKey::TargetsOffTrack,
                descending: true,
            },
        );
        assert_eq!(sorted[0].targets_off_track(), 1);
        let mut with_facts = all.clone();
        for r in &mut with_facts {
            r.target_facts = TargetFacts {
                baseline: 10,
                in_care_ever: 10,
                in_care: 4,
                in_families: 6,
                counted: true,
                transition_start: Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
                ..TargetFacts::default()
            };
        }
        let pp = crate::places::Province::parse("Phnom Penh").unwrap();
        let set = |goal| SetTarget {
            id: 9,
            scope: Scope::Province(pp),
            target: crate::targets::Target {
                goal,
                due_on: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            },
            set_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        };
        let targets = [
            set(crate::targets::Goal::FamilyPlacements { percent: 50 }),
            set(crate::targets::Goal::CareClosed),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let roll = provinces(&with_facts, &targets, today);
        let names: Vec<&str> = roll.iter().map(|p| p.province.as_str()).collect();
        let mut sorted_names = names.clone();
        sorted_names.sort();
        assert_eq!(names, sorted_names);
        let capital = roll.iter().find(|p| p.province == "Phnom Penh").unwrap();
        let in_capital = with_facts
            .iter()
            .filter(|r| r.province == "Phnom Penh")
            .count();
        assert_eq!(capital.rcis, in_capital);
        assert_eq!(capital.in_families, 6 * in_capital as u32);
        let own: Vec<TargetStatus> = capital.own.iter().map(|j| j.status).collect();
        assert_eq!(own, [TargetStatus::Met, TargetStatus::OffTrack]);
        assert_eq!(capital.targets, in_capital as u32 + 2);
        assert!(roll
            .iter()
            .filter(|p| p.province != "Phnom Penh")
            .all(|p| p.own.is_empty()));
    }

    proptest! {
        /// Filtering then sorting returns exactly the kept rows, each once, in the chosen order.
        #[test]
        fn compare_is_a_sorted_selection(
            overalls in proptest::collection::vec(0u8..=100, 0..20),
            key in 0usize..SortKey::ALL.len(),
            descending: bool,
            province in 0usize..3,
        ) {
            let provinces = ["Battambang", "Pursat", "Kampot"];
            let all: Vec<ComparisonRow> = overalls.iter().enumerate()
                .map(|(i, o)| row(i as i64, &format!("RCI {i:02}"), provinces[i % 3], *o, 1 + i % 5, vec![]))
                .collect();
            let filter = ComparisonFilter { province: Some(provinces[province].into()), ..Default::default() };
            let sort = Sort { key: SortKey::ALL[key], descending };
            let shown = compare(all.clone(), &filter, sort);
            let mut expected: Vec<i64> = all.iter().filter(|r| r.province == provinces[province]).map(|r| r.rci_id).collect();
            let mut got = ids(shown.clone());
            expected.sort_unstable();
            got.sort_unstable();
            prop_assert_eq!(got, expected);
            if sort.key == SortKey::Overall {
                for pair in shown.windows(2) {
                    let ordered = if descending {
                        pair[0].overall >= pair[1].overall
                    } else {
                        pair[0].overall <= pair[1].overall
                    };
                    prop_assert!(ordered);
                }
            }
            let t = totals(&shown);
            prop_assert_eq!(t.rcis, shown.len());
            prop_assert_eq!(t.reintegrated.total(), shown.iter().map(|r| r.reintegrated.total()).sum::<u32>());
        }
    }
}
