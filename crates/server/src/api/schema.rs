//! What the API answers, as its own types: a contract that stays put while the core's types
//! change, and from which the OpenAPI document is generated. Each is made from the core's
//! values here and holds no rule. Never a note, an evidence text, a director's name or contact.

use chrono::NaiveDate;
use homeward_core::activities::{Figures, Tally};
use homeward_core::comparison::{ComparisonRow, ComparisonTotals};
use homeward_core::paging::Page;
use homeward_core::{Phase, RciProfile, SexCount};
use serde::Serialize;
use utoipa::ToSchema;

/// People or children counted, girls and women among them ("42 (17F)").
#[derive(Debug, Serialize, ToSchema)]
pub struct Count {
    pub total: u32,
    pub female: u32,
}

impl From<SexCount> for Count {
    fn from(c: SexCount) -> Self {
        Count {
            total: c.total(),
            female: c.female(),
        }
    }
}

/// Which page of a list this is: `page=N` asks for another; 50 items a page.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageInfo {
    /// This page, from 1.
    pub number: usize,
    /// How many pages the list fills (at least 1).
    pub pages: usize,
    /// How many items the whole list holds.
    pub total: usize,
}

impl From<Page> for PageInfo {
    fn from(p: Page) -> Self {
        PageInfo {
            number: p.number,
            pages: p.pages,
            total: p.total,
        }
    }
}

/// An RCI's profile: where it is and its transition's dates. The director's name and contact
/// are left out: a dashboard has no use for them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Profile {
    pub id: i64,
    pub name: String,
    pub name_km: Option<String>,
    pub province: String,
    pub district: Option<String>,
    pub commune: Option<String>,
    /// The Ministry of Social Affairs' registration.
    pub mosvy_registration: Option<String>,
    pub mosvy_registered_on: Option<NaiveDate>,
    pub transition_start: NaiveDate,
    pub transition_target: Option<NaiveDate>,
    pub has_reintegration_plan: bool,
    pub has_reintegration_budget: bool,
}

impl Profile {
    pub fn of(id: i64, p: &RciProfile) -> Self {
        let text = |n: &Option<homeward_core::Name>| n.as_ref().map(|n| n.to_string());
        Profile {
            id,
            name: p.name_en.to_string(),
            name_km: text(&p.name_km),
            province: p.province.to_string(),
            district: text(&p.district),
            commune: text(&p.commune),
            mosvy_registration: text(&p.mosvy_registration),
            mosvy_registered_on: p.mosvy_registered_on,
            transition_start: p.transition_start,
            transition_target: p.transition_target,
            has_reintegration_plan: p.has_reintegration_plan,
            has_reintegration_budget: p.has_reintegration_budget,
        }
    }
}

/// One track's progress: a stage (`assessment` … `community`) or `organisation`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrackPercent {
    pub track: String,
    /// Whole percent of its applicable steps done.
    pub percent: u8,
}

/// A rate as a count among a whole, and as whole percent.
#[derive(Debug, Serialize, ToSchema)]
pub struct Rate {
    pub count: u32,
    pub of: u32,
    pub percent: u32,
}

/// A dated finding: an inspection's outcome, a readiness level.
#[derive(Debug, Serialize, ToSchema)]
pub struct Dated {
    pub on: NaiveDate,
    /// The finding's key (`satisfactory`, `favourable`…).
    pub value: String,
}

/// Staff, assets and funding moved from residential to family-based care.
#[derive(Debug, Serialize, ToSchema)]
pub struct Transformation {
    pub staff_retrained: Count,
    pub staff_redeployed: Count,
    pub staff_left: Count,
    pub assets_repurposed: u32,
    pub funding_usd: u64,
    pub funding_khr: u64,
}

impl From<&homeward_core::transformation::TransformationFigures> for Transformation {
    fn from(t: &homeward_core::transformation::TransformationFigures) -> Self {
        Transformation {
            staff_retrained: t.staff_retrained.into(),
            staff_redeployed: t.staff_redeployed.into(),
            staff_left: t.staff_left.into(),
            assets_repurposed: t.assets_repurposed,
            funding_usd: t.funding_usd,
            funding_khr: t.funding_khr,
        }
    }
}

/// A partner's transition on the day, as the comparison shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Summary {
    pub rci_id: i64,
    pub name: String,
    pub province: String,
    /// The lead adviser's name.
    pub adviser: Option<String>,
    /// The stage worked on (1–5), or none once every stage is finished.
    pub stage: Option<usize>,
    pub completed: bool,
    pub days_in_stage: i64,
    /// The current stage is done and waits for sign-off.
    pub awaiting_sign_off: bool,
    pub tracks: Vec<TrackPercent>,
    pub overall_percent: u8,
    /// Children in care when the transition began.
    pub baseline: Count,
    /// Children reintegrated so far, every placement together.
    pub reintegrated: Count,
    pub follow_ups_overdue_days: Option<i64>,
    pub days_since_update: Option<i64>,
    /// The keys of every risk that applies on the day.
    pub risks: Vec<String>,
    /// Placements back in residential care within 12 months.
    pub reentry_rate_12m: Option<Rate>,
    pub placements_at_risk: u32,
    pub children_at_risk: u32,
    pub transformation: Transformation,
    pub targets_on_track: u32,
    pub targets_off_track: u32,
    /// The day its agreement with MoSVY or DoSVY ends.
    pub mou_expires_on: Option<NaiveDate>,
    pub last_inspection: Option<Dated>,
    pub readiness: Option<Dated>,
}

impl From<&ComparisonRow> for Summary {
    fn from(r: &ComparisonRow) -> Self {
        let stage = match r.phase {
            Phase::In(stage) => Some(stage.number()),
            Phase::Completed => None,
        };
        Summary {
            rci_id: r.rci_id,
            name: r.name.clone(),
            province: r.province.clone(),
            adviser: r.adviser.clone(),
            stage,
            completed: r.phase == Phase::Completed,
            days_in_stage: r.days_in_phase,
            awaiting_sign_off: r.awaiting_sign_off,
            tracks: r
                .tracks
                .iter()
                .map(|(t, p)| TrackPercent {
                    track: t.key().to_string(),
                    percent: *p,
                })
                .collect(),
            overall_percent: r.overall,
            baseline: r.baseline.into(),
            reintegrated: r.reintegrated.into(),
            follow_ups_overdue_days: r.follow_ups_overdue_days,
            days_since_update: r.days_since_update,
            risks: r.flags.iter().map(|f| f.key().to_string()).collect(),
            reentry_rate_12m: r.reentry_rate_12m.map(|rate| Rate {
                count: rate.count,
                of: rate.of,
                percent: rate.percent(),
            }),
            placements_at_risk: r.placements_at_risk,
            children_at_risk: r.children_at_risk,
            transformation: (&r.transformation).into(),
            targets_on_track: r.targets_on_track(),
            targets_off_track: r.targets_off_track(),
            mou_expires_on: r.mou_expires_on,
            last_inspection: r.last_inspection.map(|(on, o)| Dated {
                on,
                value: o.key().to_string(),
            }),
            readiness: r.readiness.map(|(on, l)| Dated {
                on,
                value: l.key().to_string(),
            }),
        }
    }
}

/// A page of partners' profiles, in name order.
#[derive(Debug, Serialize, ToSchema)]
pub struct Partners {
    pub page: PageInfo,
    pub partners: Vec<Profile>,
}

/// One partner: its profile and where its transition stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct Partner {
    pub profile: Profile,
    pub summary: Summary,
}

/// Every partner that matches, added up.
#[derive(Debug, Serialize, ToSchema)]
pub struct Totals {
    pub rcis: usize,
    pub baseline: Count,
    pub reintegrated: Count,
    /// The mean of their overall progress, rounded down.
    pub mean_overall_percent: u8,
    pub follow_ups_overdue: usize,
    pub completed: usize,
    pub children_at_risk: u64,
    pub transformation: Transformation,
    pub targets_on_track: u32,
    pub targets_off_track: u32,
}

impl From<&ComparisonTotals> for Totals {
    fn from(t: &ComparisonTotals) -> Self {
        Totals {
            rcis: t.rcis,
            baseline: t.baseline.into(),
            reintegrated: t.reintegrated.into(),
            mean_overall_percent: t.mean_overall,
            follow_ups_overdue: t.follow_ups_overdue,
            completed: t.completed,
            children_at_risk: t.children_at_risk,
            transformation: (&t.transformation).into(),
            targets_on_track: t.targets_on_track,
            targets_off_track: t.targets_off_track,
        }
    }
}

/// A page of the comparison's rows, filtered and sorted as asked, with every match added up.
#[derive(Debug, Serialize, ToSchema)]
pub struct Comparison {
    pub page: PageInfo,
    pub totals: Totals,
    pub rows: Vec<Summary>,
}

/// Children reintegrated in one quarter, by placement, and placements that came back.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuarterFigures {
    /// `2026-Q4`.
    pub quarter: String,
    pub birth_family: u32,
    pub kinship_care: u32,
    pub foster_care: u32,
    pub independent_living: u32,
    pub long_term_care: u32,
    /// Placements that returned to residential care in the quarter.
    pub reentries: u32,
}

/// The last eight quarters, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Quarters {
    pub quarters: Vec<QuarterFigures>,
}

/// Activities and the people who came, from the partners the token may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityTally {
    pub activities: u32,
    pub people: Count,
}

impl From<Tally> for ActivityTally {
    fn from(t: Tally) -> Self {
        ActivityTally {
            activities: t.activities,
            people: t.people.into(),
        }
    }
}

/// One quarter's activities.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuarterTally {
    pub quarter: String,
    #[serde(flatten)]
    pub tally: ActivityTally,
}

/// Activities all time and in each of the last eight quarters (oldest first).
#[derive(Debug, Serialize, ToSchema)]
pub struct Activities {
    pub all_time: ActivityTally,
    pub per_quarter: Vec<QuarterTally>,
}

impl From<Figures> for Activities {
    fn from(f: Figures) -> Self {
        Activities {
            all_time: f.all_time.into(),
            per_quarter: f
                .per_quarter
                .into_iter()
                .map(|(q, t)| QuarterTally {
                    quarter: q.key(),
                    tally: t.into(),
                })
                .collect(),
        }
    }
}

/// One category of training's tally.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryTally {
    /// `director_training`, `social_work`…
    pub category: String,
    #[serde(flatten)]
    pub tally: ActivityTally,
}

/// Trainings: all together, then per category.
#[derive(Debug, Serialize, ToSchema)]
pub struct Trainings {
    #[serde(flatten)]
    pub figures: Activities,
    pub by_category: Vec<CategoryTally>,
}

/// A refusal: the HTTP status, a stable code and a message in English.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    pub status: u16,
    /// `bad_request`, `unauthenticated`, `not_found`, `too_many_requests`, `server_error`.
    pub code: String,
    pub message: String,
}
