//! A realistic demo set: eight fictional partner RCIs across five provinces at different stages.
//! Every name is invented; children appear only as counts.

use chrono::{Days, NaiveDate, Utc};
use homeward_core::accounts::{Login, NewUser, Password, Role};
use homeward_core::history::Editor;
use homeward_core::placements::{AgeBand, CaseCode, Outcome, PlacementRecord, PlacementVisit};
use homeward_core::programmes::{Programme, ProgrammeKind, ProgrammeStatus};
use homeward_core::readiness::{Answer, Answered, Assessment, Indicator, Polarity};
use homeward_core::regulation::{Agreement, Authority, Inspection, InspectionOutcome};
use homeward_core::targets::{Goal, Scope, Target};
use homeward_core::tours::{ActionStatus, StudyTour, TourAction, VisitorRole, Visitors};
use homeward_core::trainings::{Participants, Training, TrainingCategory};
use homeward_core::transformation::{
    AssetChange, AssetUse, Currency, FundingChange, StaffChange, StaffMove,
};
use homeward_core::DateRange;
use homeward_core::{
    ChildrenCounts, CountField, ItemChange, ItemStatus, Lang, Name, Note, Owner, Placement,
    Province, RciProfile, SexCount, Stage, Track,
};

use crate::db::Instant;
use crate::{corrupt, Result, Store, StoreError};
use homeward_core::follow_ups::{FollowUpVisit, VisitMode, VisitedBy};

/// One demo partner: where it is and how far it has come.
pub(crate) struct PartnerPlan<'a> {
    pub name_en: &'a str,
    pub name_km: &'a str,
    pub province: &'a str,
    pub district: &'a str,
    /// The district's name in Khmer.
    pub district_km: &'a str,
    /// Months before today that the transition started.
    pub started_months_ago: u64,
    /// The stage it is working on (`None`: every stage complete).
    pub stage: Option<Stage>,
    /// How many items of the current stage are done.
    pub done_in_stage: usize,
    pub plan: bool,
    pub budget: bool,
    pub baseline: (u32, u32),
    /// Days since the last follow-up visit, for RCIs that have reintegrated children.
    pub last_follow_up_days_ago: Option<u64>,
    /// Days since anyone recorded anything: a stalled partner.
    pub quiet_days: u64,
}

const DEMO: [PartnerPlan<'static>; 8] = [
    PartnerPlan {
        name_en: "Hope Garden Children's Home",
        name_km: "មណ្ឌលកុមារសួនក្តីសង្ឃឹម",
        province: "Phnom Penh",
        district: "Mean Chey",
        district_km: "មានជ័យ",
        started_months_ago: 40,
        stage: None,
        done_in_stage: 0,
        plan: true,
        budget: true,
        baseline: (36, 17),
        last_follow_up_days_ago: Some(12),
        quiet_days: 0,
    },
    PartnerPlan {
        name_en: "Bright Future Children Centre",
        name_km: "មជ្ឈមណ្ឌលកុមារអនាគតភ្លឺស្វាង",
        province: "Battambang",
        district: "Sangkae",
        district_km: "សង្កែ",
        started_months_ago: 30,
        stage: Some(Stage::Reintegration),
        done_in_stage: 2,
        plan: true,
        budget: true,
        baseline: (48, 21),
        last_follow_up_days_ago: Some(52),
        quiet_days: 0,
    },
    PartnerPlan {
        name_en: "Little Lotus Home",
        name_km: "ផ្ទះផ្កាឈូកតូច",
        province: "Battambang",
        district: "Borvel",
        district_km: "បវេល",
        started_months_ago: 18,
        stage: Some(Stage::Preparation),
        done_in_stage: 1,
        plan: false,
        budget: false,
        baseline: (27, 14),
        last_follow_up_days_ago: None,
        quiet_days: 0,
    },
    PartnerPlan {
        name_en: "Sunrise Children's Shelter",
        name_km: "ទីជម្រកកុមារថ្ងៃរះ",
        province: "Pursat",
        district: "Krakor",
        district_km: "ក្រគរ",
        started_months_ago: 10,
        stage: Some(Stage::FamilyTracing),
        done_in_stage: 2,
        plan: false,
        budget: false,
        baseline: (22, 9),
        last_follow_up_days_ago: None,
        quiet_days: 0,
    },
    PartnerPlan {
        name_en: "New Life Children's Village",
        name_km: "ភូមិកុមារជីវិតថ្មី",
        province: "Siem Reap",
        district: "Puok",
        district_km: "ពួក",
        started_months_ago: 9,
        stage: Some(Stage::Assessment),
        done_in_stage: 2,
        plan: false,
        budget: false,
        baseline: (54, 26),
        last_follow_up_days_ago: None,
        quiet_days: 95,
    },
    PartnerPlan {
        name_en: "Mekong Kids Home",
        name_km: "ផ្ទះកុមារមេគង្គ",
        province: "Phnom Penh",
        district: "Chbar Ampov",
        district_km: "ច្បារអំពៅ",
        started_months_ago: 26,
        stage: Some(Stage::Reintegration),
        done_in_stage: 3,
        plan: true,
        budget: true,
        baseline: (31, 15),
        last_follow_up_days_ago: Some(9),
        quiet_days: 0,
    },
    PartnerPlan {
        name_en: "Pailin Family Care Centre",
        name_km: "មជ្ឈមណ្ឌលថែទាំគ្រួសារប៉ៃលិន",
        province: "Pailin",
        district: "Sala Krau",
        district_km: "សាលាក្រៅ",
        started_months_ago: 15,
        stage: Some(Stage::Preparation),
        done_in_stage: 3,
        plan: true,
        budget: false,
        baseline: (19, 8),
        last_follow_up_days_ago: None,
        quiet_days: 0,
    },
    PartnerPlan {
        name_en: "Angkor Children's Home",
        name_km: "ផ្ទះកុមារអង្គរ",
        province: "Siem Reap",
        district: "Siem Reap",
        district_km: "ក្រុងសៀមរាប",
        started_months_ago: 7,
        stage: Some(Stage::FamilyTracing),
        done_in_stage: 0,
        plan: false,
        budget: false,
        baseline: (40, 22),
        last_follow_up_days_ago: None,
        quiet_days: 0,
    },
];

/// Advisers' names for generated partners' "updated by" fields.
const ADVISERS: [&str; 3] = ["Chan Sokha", "Lim Dara", "Keo Sophea"];

/// The demo's two other advisers, each the lead adviser of the partners the demo adviser does not
/// lead, so the Adviser column and filter of the comparison have something to show.
const OTHER_ADVISERS: [(&str, &str); 2] = [
    ("demo.dara", "Lim Dara (adviser)"),
    ("demo.sophea", "Keo Sophea (adviser)"),
];

/// A generated partner's "updated by": a name only, no account.
pub(crate) fn named_adviser(n: usize) -> Result<Editor> {
    Ok(Editor {
        user_id: None,
        name: Name::parse(ADVISERS[n % ADVISERS.len()]).map_err(corrupt)?,
        source: None,
    })
}

/// Reintegrations followed one by one: Hope Garden's (one back in residential care within the
/// year, one at risk, one closed), Bright Future's (one overdue a visit, one not yet visited) and
/// Little Lotus's first.
async fn demo_placements(store: &Store, ids: &[i64], today: NaiveDate) -> Result<()> {
    type Plan<'a> = (
        usize,
        &'a str,
        u64,
        Placement,
        (u32, u32),
        AgeBand,
        &'a [(u64, Outcome)],
    );
    let plans: [Plan; 6] = [
        (
            0,
            "HG-2025-01",
            520,
            Placement::BirthFamily,
            (2, 1),
            AgeBand::FiveToEleven,
            &[
                (490, Outcome::Stable),
                (400, Outcome::Stable),
                (100, Outcome::Closed),
            ],
        ),
        (
            0,
            "HG-2025-02",
            430,
            Placement::KinshipCare,
            (1, 1),
            AgeBand::TwelveToSeventeen,
            &[(400, Outcome::Stable), (250, Outcome::ReEntered)],
        ),
        (
            0,
            "HG-2026-03",
            200,
            Placement::FosterCare,
            (3, 2),
            AgeBand::UnderFive,
            &[(170, Outcome::Stable), (20, Outcome::AtRisk)],
        ),
        (
            1,
            "BF-2026-01",
            120,
            Placement::BirthFamily,
            (2, 0),
            AgeBand::FiveToEleven,
            &[(90, Outcome::Stable), (60, Outcome::Stable)],
        ),
        (
            1,
            "BF-2026-02",
            25,
            Placement::KinshipCare,
            (1, 0),
            AgeBand::TwelveToSeventeen,
            &[],
        ),
        (
            2,
            "LL-2026-01",
            45,
            Placement::BirthFamily,
            (1, 1),
            AgeBand::FiveToEleven,
            &[(10, Outcome::Stable)],
        ),
    ];
    for (n, code, placed, kind, (total, female), age_band, visits) in plans {
        let Some(&rci) = ids.get(n) else { continue };
        let placement = PlacementRecord {
            code: CaseCode::parse(code).map_err(corrupt)?,
            placed_on: days_ago(today, placed),
            kind,
            children: SexCount::new(total, female).map_err(corrupt)?,
            age_band,
        };
        record_followed(store, rci, &placement, visits, today).await?;
    }
    Ok(())
}

/// The organisation changing: Hope Garden, its transition complete, retrained and redeployed its
/// carers, turned its dormitory into a community centre and its donors' money to family support;
/// Bright Future has retrained its first carers.
async fn demo_transformation(store: &Store, ids: &[i64], today: NaiveDate) -> Result<()> {
    let adviser = named_adviser(0)?;
    let name = |s: &str| Name::parse(s).map_err(corrupt);
    let staff = [
        (0, 600, StaffMove::Retrained, (8, 6)),
        (0, 420, StaffMove::Redeployed, (5, 4)),
        (0, 300, StaffMove::Left, (2, 1)),
        (1, 60, StaffMove::Retrained, (4, 3)),
    ];
    for (n, ago, kind, (total, female)) in staff {
        let Some(&rci) = ids.get(n) else { continue };
        let change = StaffChange {
            changed_on: days_ago(today, ago),
            kind,
            staff: SexCount::new(total, female).map_err(corrupt)?,
        };
        store.record_staff_change(rci, &change, &adviser).await?;
    }
    let Some(&hope) = ids.first() else {
        return Ok(());
    };
    let asset = AssetChange {
        changed_on: days_ago(today, 280),
        asset: name("Girls' dormitory")?,
        now: AssetUse::CommunityCentre,
    };
    store.record_asset_change(hope, &asset, &adviser).await?;
    for (ago, donor, amount, currency) in [
        (
            500,
            "Friends of Hope Garden (Australia)",
            24_000,
            Currency::Usd,
        ),
        (350, "Phnom Penh Rotary Club", 60_000_000, Currency::Khr),
    ] {
        let change = FundingChange {
            changed_on: days_ago(today, ago),
            donor: name(donor)?,
            amount,
            currency,
            from: name("residential care")?,
            to: name("family support and the community centre")?,
        };
        store.record_funding_change(hope, &change, &adviser).await?;
    }
    Ok(())
}

/// The organisation's targets: Hope Garden's placements, Bright Future's closure (off track, a
/// partner behind its line), Little Lotus's preparation, and Battambang's share in families.
async fn demo_targets(store: &Store, ids: &[i64], today: NaiveDate) -> Result<()> {
    let admin = Editor::system();
    let due = |days: u64| today + Days::new(days);
    let for_rcis = [
        (0, Goal::FamilyPlacements { percent: 60 }, 180),
        (1, Goal::CareClosed, 120),
        (2, Goal::StageFinished(Stage::Preparation), 90),
    ];
    for (n, goal, days) in for_rcis {
        let Some(&rci) = ids.get(n) else { continue };
        let target = Target {
            goal,
            due_on: due(days),
        };
        store.set_target(Scope::Rci(rci), &target, &admin).await?;
    }
    let battambang = Province::parse("Battambang").map_err(corrupt)?;
    let target = Target {
        goal: Goal::FamilyPlacements { percent: 50 },
        due_on: due(365),
    };
    store
        .set_target(Scope::Province(battambang), &target, &admin)
        .await?;
    Ok(())
}

/// Each partner's standing with MoSVY: an agreement with its DoSVY and an inspection a few
/// months ago, except Bright Future (inspected 14 months ago: overdue) and Little Lotus (its
/// agreement ends in 40 days and improvements an inspection asked for are three weeks late).
async fn demo_regulation(store: &Store, ids: &[i64], today: NaiveDate) -> Result<()> {
    let adviser = named_adviser(0)?;
    for (n, (&rci, plan)) in ids.iter().zip(DEMO.iter()).enumerate() {
        let started = plan.started_months_ago * 30;
        // Agreements run three years; Hope Garden renewed its own five months ago.
        let (signed, runs) = match n {
            0 => (150, 3 * 365),
            2 => (started, started + 40),
            _ => (started, 3 * 365),
        };
        let agreement = Agreement {
            with: Authority::Dosvy,
            signed_on: days_ago(today, signed),
            expires_on: days_ago(today, signed) + Days::new(runs),
        };
        store.record_agreement(rci, &agreement, &adviser).await?;
        let (ago, outcome, due) = match n {
            1 => (430, InspectionOutcome::Satisfactory, None),
            2 => (
                60,
                InspectionOutcome::ImprovementsRequired,
                Some(days_ago(today, 21)),
            ),
            _ => (90, InspectionOutcome::Satisfactory, None),
        };
        let inspection = Inspection {
            inspected_on: days_ago(today, ago.min(started)),
            by: Name::parse(&format!("DoSVY {}", plan.province)).map_err(corrupt)?,
            outcome,
            follow_up_due: due,
        };
        store.record_inspection(rci, &inspection, &adviser).await?;
    }
    Ok(())
}

/// Each partner's readiness: Hope Garden mixed ten months ago and favourable now, Bright Future
/// high risk (its donor gives for residents and its director's house is on the site), Little
/// Lotus from high risk to mixed; the others favourable a few months ago, except Pailin,
/// assessed fourteen months ago (overdue).
async fn demo_readiness(store: &Store, ids: &[i64], today: NaiveDate) -> Result<()> {
    let adviser = named_adviser(0)?;
    let list: Vec<Indicator> = store
        .indicators()
        .await?
        .into_iter()
        .map(|(_, i)| i)
        .collect();
    // (days ago, positive signs present, risks present): each list's first ones, the rest absent.
    const FAVOURABLE: (usize, usize) = (9, 1);
    for (n, (&rci, plan)) in ids.iter().zip(DEMO.iter()).enumerate() {
        let started = plan.started_months_ago * 30;
        let assessments: &[(u64, (usize, usize))] = match n {
            0 => &[(300, (6, 2)), (60, FAVOURABLE)],
            1 => &[(45, (3, 4))],
            2 => &[(240, (3, 4)), (30, (6, 2))],
            6 => &[(420, FAVOURABLE)],
            _ => &[(100, FAVOURABLE)],
        };
        for &(ago, (positives, risks)) in assessments {
            let mut shown = (0, 0);
            let answers = list
                .iter()
                .map(|i| {
                    let (seen, of) = match i.polarity {
                        Polarity::Positive => (&mut shown.0, positives),
                        Polarity::Risk => (&mut shown.1, risks),
                    };
                    *seen += 1;
                    Answered {
                        key: i.key.clone(),
                        answer: if *seen <= of {
                            Answer::Present
                        } else {
                            Answer::Absent
                        },
                        note: Note::default(),
                    }
                })
                .collect();
            let assessment = Assessment {
                assessed_on: days_ago(today, ago.min(started)),
                answers,
            };
            store.record_assessment(rci, &assessment, &adviser).await?;
        }
    }
    Ok(())
}

/// Records a placement `placed` days ago and its visits, each `(days ago, outcome)`, as the demo
/// adviser; for generated partners, which vary only the code, the day and the visits.
pub(crate) async fn add_placement(
    store: &Store,
    rci: i64,
    code: &str,
    placed: u64,
    visits: &[(u64, Outcome)],
    today: NaiveDate,
) -> Result<()> {
    let placement = PlacementRecord {
        code: CaseCode::parse(code).map_err(corrupt)?,
        placed_on: days_ago(today, placed),
        kind: Placement::BirthFamily,
        children: SexCount::new(2, 1).map_err(corrupt)?,
        age_band: AgeBand::FiveToEleven,
    };
    record_followed(store, rci, &placement, visits, today).await
}

async fn record_followed(
    store: &Store,
    rci: i64,
    placement: &PlacementRecord,
    visits: &[(u64, Outcome)],
    today: NaiveDate,
) -> Result<()> {
    let adviser = named_adviser(0)?;
    let id = store.record_placement(rci, placement, &adviser).await?;
    for &(ago, outcome) in visits {
        let visit = PlacementVisit {
            visited_on: days_ago(today, ago),
            outcome,
        };
        store
            .record_placement_visit(rci, id, |_| Ok(visit), &adviser)
            .await?;
    }
    Ok(())
}

fn days_ago(today: NaiveDate, days: u64) -> NaiveDate {
    today - Days::new(days)
}

fn sc(total: u32, female: u32) -> SexCount {
    SexCount::new(total, female.min(total)).unwrap_or(SexCount::ZERO)
}

/// Scales a baseline (total, female) by `num/den`, keeping female ≤ total.
fn share(baseline: (u32, u32), num: u32, den: u32) -> SexCount {
    sc(baseline.0 * num / den, baseline.1 * num / den)
}

/// Loads the demo set if the database holds no RCI yet. Returns how many RCIs it created.
pub async fn load_if_empty(store: &Store, today: NaiveDate) -> Result<usize> {
    if !store.is_empty().await? {
        return Ok(0);
    }
    load(store, today).await
}

/// Loads the demo set into an empty database. Demo accounts have a public password, so a
/// database that already has users (or partners) is refused: demo data must never mix with
/// real data.
pub async fn load(store: &Store, today: NaiveDate) -> Result<usize> {
    if !store.is_empty().await? {
        return Err(StoreError::Invalid(homeward_core::Bilingual::new(
            "demo data goes only into an empty database, and this one has users or partners",
            "ទិន្នន័យសាកល្បងអាចដាក់បានតែក្នុងមូលដ្ឋានទិន្នន័យទទេប៉ុណ្ណោះ ហើយមូលដ្ឋាននេះមានអ្នកប្រើ ឬដៃគូរួចហើយ",
        )));
    }
    let template = store.template().await?;
    let advisers = demo_advisers(store).await?;
    let mut ids = Vec::with_capacity(DEMO.len());
    for (n, demo) in DEMO.iter().enumerate() {
        // The demo adviser leads the 2nd to 4th partners; the other two share the rest.
        let lead = match n {
            1..=3 => &advisers[0],
            _ => &advisers[1 + n % 2],
        };
        ids.push(add_partner(store, &template, demo, lead, today).await?);
    }
    demo_accounts(store, &ids).await?;
    demo_tours_and_trainings(store, &ids, today).await?;
    demo_placements(store, &ids, today).await?;
    demo_transformation(store, &ids, today).await?;
    demo_targets(store, &ids, today).await?;
    demo_regulation(store, &ids, today).await?;
    demo_readiness(store, &ids, today).await?;
    Ok(DEMO.len())
}

/// Adds one partner as the plan says: its checklist worked as far as its stage, quarterly counts,
/// a follow-up visit and, for a quiet partner, nothing recorded since. The adviser records it all
/// and, if they have an account, is the partner's lead adviser.
pub(crate) async fn add_partner(
    store: &Store,
    template: &homeward_core::Template,
    demo: &PartnerPlan<'_>,
    adviser: &Editor,
    today: NaiveDate,
) -> Result<i64> {
    let start = days_ago(today, demo.started_months_ago * 30);
    let mut profile = RciProfile::parse(
        demo.name_en,
        demo.name_km,
        demo.province,
        demo.district,
        start,
    )
    .map_err(corrupt)?;
    profile.district_km =
        homeward_core::values::optional_name("district (Khmer)", demo.district_km)
            .map_err(corrupt)?;
    profile.has_reintegration_plan = demo.plan;
    profile.has_reintegration_budget = demo.budget;
    profile.adviser_id = adviser.user_id;
    let id = store.create_rci(&profile, template).await?;
    let last_work = days_ago(today, demo.quiet_days.max(3));
    mark_progress(store, id, demo, start, last_work, adviser).await?;
    record_counts(store, id, demo, start, today, adviser).await?;
    if let Some(ago) = demo.last_follow_up_days_ago {
        let visit = FollowUpVisit {
            visited_on: days_ago(today, ago),
            children: share(demo.baseline, 1, 3),
            // Partners take turns: the NGO's staff visit one, the DoSVY the next.
            visited_by: if id % 2 == 1 {
                VisitedBy::NgoStaff
            } else {
                VisitedBy::Dosvy
            },
            mode: VisitMode::Visit,
            notes: Note::parse("Children attending school; one family needs livelihood support.")
                .map_err(corrupt)?,
        };
        store.record_follow_up(id, &visit, adviser).await?;
    }
    if demo.quiet_days > 0 {
        backdate(store, id, days_ago(today, demo.quiet_days)).await?;
    }
    Ok(id)
}

/// A study tour (the two transitioned partners host three others, with a ministry official),
/// a training, and the community programmes of the first transitioned partner.
async fn demo_tours_and_trainings(store: &Store, ids: &[i64], today: NaiveDate) -> Result<()> {
    let name = |s: &str| Name::parse(s).map_err(corrupt);
    let people = |t: u32, f: u32| SexCount::new(t, f).map_err(corrupt);
    let (Some(&hope), Some(&bright), Some(&lotus), Some(&new_life), Some(&mekong)) =
        (ids.first(), ids.get(1), ids.get(2), ids.get(4), ids.get(5))
    else {
        return Ok(());
    };
    let start = days_ago(today, 60);
    let tour = StudyTour {
        title: name("Directors' study tour to transitioned partners")?,
        dates: DateRange::new(start, start + Days::new(1)).map_err(corrupt)?,
        location: name("Phnom Penh and Siem Reap")?,
        organised_with: vec![name("MoSVY")?, name("Battambang DoSVY")?],
        hosts: vec![hope, mekong],
        visitors: vec![
            Visitors {
                rci_id: bright,
                role: VisitorRole::Director,
                people: people(1, 0)?,
            },
            Visitors {
                rci_id: lotus,
                role: VisitorRole::Director,
                people: people(1, 1)?,
            },
            Visitors {
                rci_id: lotus,
                role: VisitorRole::Staff,
                people: people(2, 1)?,
            },
            Visitors {
                rci_id: new_life,
                role: VisitorRole::Director,
                people: people(1, 0)?,
            },
            Visitors {
                rci_id: new_life,
                role: VisitorRole::Official,
                people: people(1, 0)?,
            },
        ],
        objectives: Note::parse("See parenting clubs and careleaver networks run by former RCIs.")
            .map_err(corrupt)?,
        outcomes: Note::parse(
            "Directors agreed to start parenting clubs; a transition workshop was proposed.",
        )
        .map_err(corrupt)?,
        actions: vec![
            TourAction {
                description: name("Draft a parenting club plan with the commune council")?,
                owner_rci_id: lotus,
                due: days_ago(today, 10),
                status: ActionStatus::Open,
            },
            TourAction {
                description: name("Share the tour report with the board")?,
                owner_rci_id: bright,
                due: today + Days::new(20),
                status: ActionStatus::InProgress,
            },
        ],
    };
    let adviser = Editor {
        user_id: None,
        name: name(ADVISERS[0])?,
        source: None,
    };
    store.create_tour(&tour, &adviser).await?;
    // A second, smaller tour that Little Lotus had no part in.
    if let (Some(&sunrise), Some(&pailin)) = (ids.get(3), ids.get(6)) {
        let earlier = days_ago(today, 200);
        let second = StudyTour {
            title: name("Siem Reap and Pailin directors visit Hope Garden")?,
            dates: DateRange::new(earlier, earlier).map_err(corrupt)?,
            location: name("Phnom Penh")?,
            organised_with: vec![name("MoSVY")?],
            hosts: vec![hope],
            visitors: vec![
                Visitors {
                    rci_id: sunrise,
                    role: VisitorRole::Director,
                    people: people(1, 1)?,
                },
                Visitors {
                    rci_id: pailin,
                    role: VisitorRole::Director,
                    people: people(1, 0)?,
                },
            ],
            objectives: Note::parse("Meet careleavers who went home.").map_err(corrupt)?,
            outcomes: Note::default(),
            actions: vec![],
        };
        store.create_tour(&second, &adviser).await?;
    }
    let training = Training {
        category: TrainingCategory::PositiveParenting,
        title: name("Positive parenting for kinship carers and RCI staff")?,
        dates: DateRange::new(days_ago(today, 30), days_ago(today, 29)).map_err(corrupt)?,
        venue: name("Battambang DoSVY hall")?,
        trainers: Note::parse("Two social workers").map_err(corrupt)?,
        participants: vec![
            Participants {
                rci_id: bright,
                people: people(5, 4)?,
                scores: Some((42, 78)),
            },
            Participants {
                rci_id: lotus,
                people: people(3, 2)?,
                scores: Some((38, 71)),
            },
        ],
    };
    store.create_training(&training, &adviser).await?;
    for (kind, title, members, status) in [
        (
            ProgrammeKind::ParentingClub,
            "Mean Chey parents' club",
            people(16, 13)?,
            ProgrammeStatus::Active,
        ),
        (
            ProgrammeKind::CareleaverNetwork,
            "Hope Garden careleavers",
            people(11, 5)?,
            ProgrammeStatus::Active,
        ),
    ] {
        let programme = Programme {
            kind,
            name: name(title)?,
            started_on: days_ago(today, 300),
            members,
            sessions_per_quarter: 6,
            status,
        };
        store
            .create_programme(hope, &programme, &Editor::system())
            .await?;
    }
    Ok(())
}

/// The password of every demo account: for trying Homeward out, never for real data.
pub const DEMO_PASSWORD: &str = "homeward-demo";

/// One demo account of each role. The adviser leads the 2nd to 4th partners; the director runs
/// the 3rd (Little Lotus Home).
pub const DEMO_ACCOUNTS: [(&str, &str, Role); 4] = [
    ("demo.admin", "Demo Administrator", Role::Admin),
    ("demo.adviser", "Demo Adviser (Chan Sokha)", Role::Adviser),
    (
        "demo.director",
        "Demo Director (Little Lotus)",
        Role::Director,
    ),
    ("demo.viewer", "Demo Viewer (management)", Role::Viewer),
];

/// The demo's advisers, created first so that they can lead partners: the demo adviser, then
/// the other two. Each is who records their partners' demo progress.
async fn demo_advisers(store: &Store) -> Result<Vec<Editor>> {
    let password = Password::parse(DEMO_PASSWORD).map_err(corrupt)?;
    let logins = DEMO_ACCOUNTS
        .iter()
        .filter(|(_, _, role)| *role == Role::Adviser)
        .map(|(login, name, _)| (*login, *name))
        .chain(OTHER_ADVISERS);
    let mut advisers = Vec::new();
    for (login, name) in logins {
        let name = Name::parse(name).map_err(corrupt)?;
        let new = NewUser::new(
            Login::parse(login).map_err(corrupt)?,
            name.clone(),
            Role::Adviser,
            None,
            vec![],
            Lang::En,
        )
        .map_err(corrupt)?;
        let id = store
            .create_user(&new, &password, false, &Editor::system())
            .await?;
        advisers.push(Editor {
            user_id: Some(id),
            name,
            source: None,
        });
    }
    Ok(advisers)
}

/// The other demo accounts: an admin, a director of the 3rd partner and a viewer.
async fn demo_accounts(store: &Store, ids: &[i64]) -> Result<()> {
    let password = Password::parse(DEMO_PASSWORD).map_err(corrupt)?;
    for (login, name, role) in DEMO_ACCOUNTS {
        let login = Login::parse(login).map_err(corrupt)?;
        if store.user_by_login(&login).await?.is_some() {
            continue;
        }
        let rci = match role {
            Role::Director => ids.get(2).copied(),
            Role::Admin | Role::Adviser | Role::Viewer => None,
        };
        let name = Name::parse(name).map_err(corrupt)?;
        let new = NewUser::new(login, name, role, rci, vec![], Lang::En).map_err(corrupt)?;
        store
            .create_user(&new, &password, false, &Editor::system())
            .await?;
    }
    Ok(())
}

/// Marks the checklist as far as the demo RCI has come: earlier stages done (spread over time),
/// some of the current stage done, one item in progress, and a blocked document step in tracing.
async fn mark_progress(
    store: &Store,
    id: i64,
    demo: &PartnerPlan<'_>,
    start: NaiveDate,
    last_work: NaiveDate,
    adviser: &Editor,
) -> Result<()> {
    let items = store.checklist(id).await?;
    let span = (last_work - start).num_days().max(1) as u64;
    let current = demo.stage.map_or(Stage::ALL.len(), |s| s.number() - 1);
    let mut done_in_current = 0;
    let mut org_done = 0;
    let mut changes = Vec::new();
    for item in items {
        let stage_index = match item.value.track {
            Track::Stage(s) => s.number() - 1,
            Track::Organisation => usize::MAX,
        };
        let when =
            start + Days::new(span * (stage_index.min(current) as u64 + 1) / (current as u64 + 1));
        let when = when.min(last_work);
        let status = if stage_index < current {
            ItemStatus::Done { on: when }
        } else if stage_index == current && done_in_current < demo.done_in_stage {
            done_in_current += 1;
            ItemStatus::Done { on: last_work }
        } else if stage_index == current && done_in_current == demo.done_in_stage {
            done_in_current += 1;
            if item.value.key.as_str() == "civil_documents" {
                ItemStatus::Blocked {
                    reason: Note::parse("Waiting for the commune's birth registration day.")
                        .map_err(corrupt)?,
                }
            } else {
                ItemStatus::InProgress
            }
        } else if stage_index == usize::MAX && org_done < current + 1 {
            org_done += 1;
            ItemStatus::Done { on: when }
        } else {
            continue;
        };
        // The step under way is the adviser's, promised two weeks after the last visit: late
        // at a partner gone quiet, coming at one visited lately.
        let under_way = !status.is_done();
        let change = ItemChange {
            evidence: if status.is_done() {
                Note::parse("Checked on the adviser's visit; records kept at the RCI office.")
                    .map_err(corrupt)?
            } else {
                Note::default()
            },
            responsible: Some(adviser.name.clone()),
            owner: under_way.then_some(Owner::Adviser),
            due_on: under_way.then(|| last_work + Days::new(14)),
            status,
        };
        changes.push((item.id, item.version, change));
    }
    store.update_items(id, &changes, adviser).await?;
    store.sign_off_done(id, adviser, start).await
}

/// Quarterly snapshots from the start of the transition, each further along than the last.
async fn record_counts(
    store: &Store,
    id: i64,
    demo: &PartnerPlan<'_>,
    start: NaiveDate,
    today: NaiveDate,
    adviser: &Editor,
) -> Result<()> {
    let stage_reached = demo.stage.map_or(5, |s| s.number() - 1) as u32;
    let quarters = (demo.started_months_ago / 3).clamp(1, 8) as u32;
    for q in 1..=quarters {
        let as_of = (start + Days::new(u64::from(q) * 91)).min(today);
        // How far along the pipeline this quarter is, out of 10.
        let reach = (stage_reached * 2 * q / quarters).min(10);
        let mut counts = ChildrenCounts::empty(as_of);
        counts.baseline = sc(demo.baseline.0, demo.baseline.1);
        counts.admissions = sc(u32::from(demo.quiet_days > 0), 0);
        counts.assessed = share(demo.baseline, (reach * 3).min(10), 10);
        counts.traced = share(demo.baseline, (reach * 2).clamp(0, 9), 10);
        counts.prepared = share(demo.baseline, reach.saturating_sub(2).min(8), 10);
        if reach > 5 {
            let gone = reach - 5;
            counts.set(
                CountField::Reintegrated(Placement::BirthFamily),
                share(demo.baseline, gone, 10),
            );
            counts.set(
                CountField::Reintegrated(Placement::KinshipCare),
                share(demo.baseline, gone, 40),
            );
            counts.set(
                CountField::Reintegrated(Placement::FosterCare),
                share(demo.baseline, 1, 30),
            );
            counts.set(CountField::Reintegrated(Placement::LongTermCare), sc(1, 0));
        }
        store.record_counts(id, counts, adviser, today).await?;
    }
    Ok(())
}

/// Makes a demo RCI look untouched since `since`, so the stalled flag has something to show.
async fn backdate(store: &Store, id: i64, since: NaiveDate) -> Result<()> {
    let at = since
        .and_hms_opt(9, 0, 0)
        .map(|d| d.and_utc())
        .unwrap_or_else(Utc::now);
    let mut tx = store.write().await?;
    for sql in [
        "UPDATE rcis SET updated_at = $1 WHERE id = $2",
        "UPDATE checklist_items SET updated_at = $1 WHERE rci_id = $2 AND updated_at IS NOT NULL",
        "UPDATE children_counts SET recorded_at = $1 WHERE rci_id = $2",
    ] {
        sqlx::query(sql)
            .bind(Instant(at))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    crate::summaries::refresh(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}
