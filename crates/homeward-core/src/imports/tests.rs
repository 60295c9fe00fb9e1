//! The planner against a small Homeward: what each kind of row changes, and the problems a
//! real file has.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::accounts::{Actor, Role};
use crate::checklists::{default_template, ChecklistItem, StatusKind};
use crate::follow_ups::{VisitMode, VisitedBy};
use crate::rcis::RciProfile;
use crate::stages::{Bilingual, Lang};
use crate::values::Stored;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.into(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| text(c)).collect())
            .collect(),
        merged: vec![],
        merged_count: 0,
    }
}

fn hope() -> RciProfile {
    let mut p = RciProfile::parse("Hope House", "", "Kampot", "", day("2025-01-10")).unwrap();
    p.mosvy_registration = Some(crate::Name::parse("KP-017").unwrap());
    p.adviser_id = Some(7);
    p
}

fn context(role: Role, editable: bool) -> (Directory, Context) {
    let template = default_template();
    let checklist = template
        .items()
        .iter()
        .enumerate()
        .map(|(i, t)| Stored {
            id: 100 + i as i64,
            version: 1,
            value: ChecklistItem::from_template(t),
        })
        .collect();
    let known = KnownRci {
        profile: Stored {
            id: 3,
            version: 4,
            value: hope(),
        },
        editable,
        checklist,
        counts: vec![],
        follow_ups: vec![],
        transformation: Default::default(),
        placements: vec![],
        regulation: Default::default(),
        assessments: vec![],
    };
    let directory = Directory::new([(3, &known.profile.value)]);
    let vocabulary = Vocabulary {
        statuses: vec![
            (
                StatusKind::NotStarted,
                Bilingual::new("Not started", "មិនទាន់ចាប់ផ្តើម"),
            ),
            (StatusKind::Done, Bilingual::new("Done", "រួចរាល់")),
            (StatusKind::Blocked, Bilingual::new("Blocked", "ជាប់គាំង")),
        ],
        visitors: vec![(
            VisitedBy::NgoStaff,
            Bilingual::new("NGO staff", "បុគ្គលិកអង្គការ"),
        )],
        modes: vec![(VisitMode::Visit, Bilingual::new("Visit", "ចុះជួប"))],
        staff_moves: vec![(
            crate::transformation::StaffMove::Redeployed,
            Bilingual::new("Redeployed to family-based services", "ផ្ទេរទៅសេវាផ្អែកលើគ្រួសារ"),
        )],
        asset_uses: vec![(
            crate::transformation::AssetUse::CommunityCentre,
            Bilingual::new("Community centre", "មជ្ឈមណ្ឌលសហគមន៍"),
        )],
        answers: vec![(
            crate::readiness::Answer::Unknown,
            Bilingual::new("Not known", "មិនដឹង"),
        )],
        owners: vec![(
            crate::checklists::Owner::Director,
            Bilingual::new("The director's", "របស់នាយកមណ្ឌល"),
        )],
        ..Vocabulary::default()
    };
    let cx = Context {
        known: HashMap::from([(3, known)]),
        template,
        advisers: vec![Adviser {
            id: 7,
            login: "sokha".into(),
            name: "Sokha Chan".into(),
        }],
        vocabulary,
        indicators: crate::readiness::default_indicators(),
        actor: Actor {
            user_id: 7,
            role,
            rci_id: None,
            assigned_rcis: if editable { vec![3] } else { vec![] },
        },
        today: day("2026-11-26"),
    };
    (directory, cx)
}

fn plan_of(sheets: Vec<Sheet>, role: Role, editable: bool) -> Plan {
    let (directory, cx) = context(role, editable);
    let book = Workbook {
        file_name: "partners.xlsx".into(),
        sheets,
    };
    plan(&read(&book), &directory, &cx)
}

fn problems(plan: &Plan) -> Vec<String> {
    plan.problems.lines(Lang::En)
}

#[test]
fn every_kind_of_row_becomes_a_change_to_its_rci() {
    let plan = plan_of(
        vec![
            sheet(
                "RCIs",
                &[
                    &[
                        "Name (English) / ឈ្មោះ (អង់គ្លេស)",
                        "Province / ខេត្ត",
                        "MoSVY registration number",
                        "Transition start",
                        "District",
                    ],
                    &[
                        "Hope House",
                        "Kampot",
                        "KP-017",
                        "2025-01-10",
                        "Kampong Bay",
                    ],
                    &[
                        "Riverside Children's Home",
                        "Battambang / បាត់ដំបង",
                        "",
                        "២០២៦-០២-០១",
                        "",
                    ],
                ],
            ),
            sheet(
                "Children",
                &[
                    &[
                        "RCI",
                        "Date",
                        "baseline_total",
                        "baseline_female",
                        "admissions_total",
                        "admissions_female",
                        "assessed_total",
                        "assessed_female",
                        "traced_total",
                        "traced_female",
                        "prepared_total",
                        "prepared_female",
                        "birth_family_total",
                        "birth_family_female",
                        "kinship_care_total",
                        "kinship_care_female",
                        "foster_care_total",
                        "foster_care_female",
                        "independent_living_total",
                        "independent_living_female",
                        "long_term_care_total",
                        "long_term_care_female",
                    ],
                    &[
                        "KP-017",
                        "2026-06-30",
                        "42",
                        "17",
                        "",
                        "",
                        "30",
                        "12",
                        "",
                        "",
                        "",
                        "",
                        "5",
                        "2",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ],
                    &[
                        "Riverside Children's Home",
                        "2026-03-01",
                        "១២",
                        "៥",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                    ],
                ],
            ),
            sheet(
                "Checklist",
                &[
                    &[
                        "RCI",
                        "Step",
                        "Status",
                        "Done on",
                        "Whose step",
                        "Step due on",
                    ],
                    &[
                        "Hope House",
                        "assess_children",
                        "Done",
                        "2026-05-02",
                        "",
                        "",
                    ],
                    &[
                        "hope house",
                        "Assess each child's family",
                        "រួចរាល់",
                        "2026-05-03",
                        "The director's / របស់នាយកមណ្ឌល",
                        "2026-06-01",
                    ],
                    &[
                        "Riverside Children's Home",
                        "trace_relatives",
                        "Blocked",
                        "",
                        "",
                        "",
                    ],
                ],
            ),
            sheet(
                "Follow-ups",
                &[
                    &[
                        "RCI",
                        "Visit date",
                        "Children visited",
                        "Girls visited",
                        "Visited by",
                        "Visit or phone call",
                        "Notes",
                    ],
                    &[
                        "Hope House",
                        "2026-07-01",
                        "3",
                        "1",
                        "NGO staff / បុគ្គលិកអង្គការ",
                        "visit",
                        "all well",
                    ],
                ],
            ),
        ],
        Role::Adviser,
        true,
    );
    assert_eq!(
        problems(&plan),
        vec!["Checklist, row 4, Reason: reason it is blocked must not be empty"]
    );
    assert_eq!(plan.rcis.len(), 2);
    let hope = &plan.rcis[0];
    assert_eq!(hope.target, Target::Existing { id: 3, version: 4 });
    assert_eq!(
        hope.profile_changes.len(),
        1,
        "only the district: {:?}",
        hope.profile_changes
    );
    assert_eq!(
        hope.profile
            .as_ref()
            .unwrap()
            .district
            .as_ref()
            .unwrap()
            .as_str(),
        "Kampong Bay"
    );
    assert_eq!(hope.counts[0].baseline.to_string(), "42 (17F)");
    assert_eq!(hope.items.len(), 2);
    assert_eq!(
        hope.items[1].change.status.done_on(),
        Some(day("2026-05-03"))
    );
    assert_eq!(hope.items[0].version, Some(1));
    assert_eq!(hope.items[0].change.owner, None);
    assert_eq!(
        hope.items[1].change.owner,
        Some(crate::checklists::Owner::Director),
        "the list's words name whose the step is"
    );
    assert_eq!(hope.items[1].change.due_on, Some(day("2026-06-01")));
    assert_eq!(hope.follow_ups[0].children.to_string(), "3 (1F)");
    let new = &plan.rcis[1];
    assert_eq!(new.target, Target::New);
    let profile = new.profile.as_ref().unwrap();
    assert_eq!(profile.province.as_str(), "Battambang");
    assert_eq!(profile.transition_start, day("2026-02-01"));
    assert_eq!(
        profile.adviser_id,
        Some(7),
        "an adviser leads the RCI they bring in"
    );
    assert_eq!(
        new.counts[0].baseline.to_string(),
        "12 (5F)",
        "Khmer digits"
    );
}

#[test]
fn problems_name_their_sheet_row_and_column_in_both_languages() {
    let mut formulas = sheet(
        "Children",
        &[
            &["RCI", "Date", "baseline_total"],
            &["Hope House", "01/03/2026", ""],
        ],
    );
    formulas.rows[1][2] = Cell::Formula;
    formulas.merged = vec!["A5:B5".into()];
    formulas.merged_count = 1;
    let plan = plan_of(
        vec![
            sheet(
                "RCIs",
                &[
                    &[
                        "Name (English)",
                        "Province",
                        "Transition start",
                        "Lead adviser",
                    ],
                    &["Sunrise", "Batambang", "2026-01-01", ""],
                    &["Sunrise", "Kampot", "2026-01-01", ""],
                    &["Moonrise", "Kampot", "2026-01-01", "Dara"],
                ],
            ),
            formulas,
            sheet(
                "Checklist",
                &[
                    &["RCI", "Step", "Status"],
                    &["Nowhere", "x", "Done"],
                    &["Hope House", "no such step", "Done"],
                ],
            ),
        ],
        Role::Adviser,
        true,
    );
    let all = problems(&plan);
    for expected in [
        "RCIs, row 2, Province: unknown province \"Batambang\" — did you mean Battambang?",
        "RCIs, row 4, Lead adviser: no adviser called Dara",
        "Children: merged cells (A5:B5): unmerge them so that each row holds its own values",
        "Children, row 2, Date: '01/03/2026' is not a date Homeward can read for certain: write it as year-month-day, 2026-03-01",
        "Children, row 2, In care at the start: total: a formula: copy the column and paste it back as values",
        "Checklist, row 2, RCI (name or MoSVY number): no RCI called Nowhere, in Homeward or on the RCIs sheet",
        "Checklist, row 3, Step (title or key): no step 'no such step' in this RCI's checklist",
    ] {
        assert!(all.iter().any(|p| p == expected), "{expected}\nnot in\n{all:#?}");
    }
    assert!(
        all.iter().any(|p| p.starts_with("Children: no column")),
        "{all:#?}"
    );
    let province = plan
        .problems
        .iter()
        .find(|p| p.rows == [2] && p.sheet.as_deref() == Some("RCIs"));
    let km = province.unwrap().text(Lang::Km);
    assert!(
        km.contains("ជួរទី 2") && km.contains("ខេត្ត") && km.contains("បាត់ដំបង"),
        "{km}"
    );
}

#[test]
fn rows_that_change_nothing_are_counted_not_planned_and_others_rcis_stay_untouched() {
    let rows: &[&[&str]] = &[
        &["rci_id", "name", "province", "adviser", "stage"],
        &["3", "Hope House", "Kampot", "Sokha Chan", "2"],
    ];
    let plan = plan_of(vec![sheet("Partners", rows)], Role::Adviser, false);
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    assert!(!plan.changes_anything());
    assert_eq!(plan.unchanged_rows, 1);
    assert!(plan.notes[0].en.contains("stage"), "{:?}", plan.notes);

    let changed: &[&[&str]] = &[&["rci_id", "name", "province"], &["3", "Hope House", "Kep"]];
    let plan = plan_of(vec![sheet("Partners", changed)], Role::Adviser, false);
    assert_eq!(
        problems(&plan),
        vec!["Partners, row 2, Name (English): you may not change Hope House: it is not one of the RCIs you advise"]
    );
    let plan = plan_of(vec![sheet("Partners", changed)], Role::Admin, true);
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    assert_eq!(plan.rcis[0].profile_changes[0].after, "Kep");
}

#[test]
fn an_adviser_cannot_hand_an_rci_to_another_adviser() {
    let rows: &[&[&str]] = &[&["Name (English)", "Lead adviser"], &["Hope House", ""]];
    let plan = plan_of(vec![sheet("RCIs", rows)], Role::Adviser, true);
    assert_eq!(
        problems(&plan),
        vec!["RCIs, row 2, Lead adviser: only an admin may name another lead adviser"]
    );
}

#[test]
fn files_with_nothing_to_read_say_so() {
    let plan = plan_of(
        vec![sheet("Notes", &[&["what", "ever"], &["a", "b"]])],
        Role::Admin,
        true,
    );
    assert_eq!(
        problems(&plan),
        vec!["no sheet holds rows Homeward can import: start from the template"]
    );
    assert!(plan.notes[0].en.starts_with("sheet Notes was not read"));
}

#[test]
fn the_organisation_changing_imports_from_its_three_sheets() {
    use crate::transformation::{AssetUse, Currency, StaffMove};
    let plan = plan_of(
        vec![
            sheet(
                "Staff",
                &[
                    &[
                        "RCI",
                        "Date of the staff change",
                        "What changed",
                        "Staff",
                        "Of them women",
                    ],
                    &[
                        "Hope House",
                        "2026-03-01",
                        "Redeployed to family-based services / ផ្ទេរទៅសេវាផ្អែកលើគ្រួសារ",
                        "3",
                        "2",
                    ],
                    &["Hope House", "2026-03-02", "retrained", "2", "5"],
                ],
            ),
            sheet(
                "Assets",
                &[
                    &[
                        "RCI",
                        "Date of the new use",
                        "What it was",
                        "What it is now",
                    ],
                    &[
                        "KP-017",
                        "2026-04-01",
                        "Boys' dormitory",
                        "Community centre",
                    ],
                ],
            ),
            sheet(
                "Funding",
                &[
                    &[
                        "RCI",
                        "Date the donor agreed",
                        "Donor",
                        "Amount (whole units)",
                        "Currency (USD or KHR)",
                        "Pays for now",
                    ],
                    &[
                        "Hope House",
                        "2026-05-01",
                        "Friends of Kampot",
                        "12,000",
                        "USD",
                        "Family support",
                    ],
                    &[
                        "Hope House",
                        "2026-05-01",
                        "Rotary",
                        "48 000 000",
                        "khr",
                        "Family support",
                    ],
                    &[
                        "Hope House",
                        "2026-05-02",
                        "Rotary",
                        "12.50",
                        "usd",
                        "Family support",
                    ],
                ],
            ),
        ],
        Role::Adviser,
        true,
    );
    // The women above the total and the cents are refused at their cells, nothing planned.
    let found = problems(&plan);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|p| p.contains("Staff") && p.contains("row 3")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("Funding") && p.contains("whole units")),
        "{found:?}"
    );
    let planned = &plan.rcis[0].transformation;
    assert_eq!(planned.staff.len(), 1);
    assert_eq!(planned.staff[0].kind, StaffMove::Redeployed);
    assert_eq!(planned.assets[0].now, AssetUse::CommunityCentre);
    assert_eq!(planned.assets[0].asset.as_str(), "Boys' dormitory");
    let amounts: Vec<(u64, Currency)> = planned
        .funding
        .iter()
        .map(|f| (f.amount, f.currency))
        .collect();
    assert_eq!(
        amounts,
        [(12_000, Currency::Usd), (48_000_000, Currency::Khr)]
    );
    assert_eq!(planned.funding[0].from.as_str(), "residential care");
}

#[test]
fn placements_and_their_visits_import_by_case_code() {
    use crate::placements::Outcome;
    let plan = plan_of(
        vec![
            sheet(
                "Placements",
                &[
                    &[
                        "RCI",
                        "Case code (never a name)",
                        "Reintegrated on",
                        "Placement",
                        "Children placed",
                        "Of them girls",
                        "Age (the youngest)",
                    ],
                    &[
                        "Hope House",
                        "HH-2026-01",
                        "2026-02-01",
                        "kinship_care",
                        "2",
                        "1",
                        "5_11",
                    ],
                    &[
                        "Hope House",
                        "Sok Dara",
                        "2026-02-01",
                        "birth_family",
                        "1",
                        "0",
                        "0_4",
                    ],
                ],
            ),
            sheet(
                "Placement visits",
                &[
                    &[
                        "RCI",
                        "Case code of the placement",
                        "Date of the placement visit",
                        "How is it going?",
                    ],
                    &["Hope House", "HH-2026-01", "2026-03-01", "stable"],
                    &["Hope House", "HH-2026-01", "2026-01-15", "stable"],
                    &["Hope House", "HH-2026-09", "2026-03-01", "re_entered"],
                ],
            ),
        ],
        Role::Adviser,
        true,
    );
    let found = problems(&plan);
    // A name for a code, a visit before the reintegration, a visit to no placement.
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found.iter().any(|p| p.contains("never a child's name")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("between the reintegration")),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p.contains("HH-2026-09")), "{found:?}");
    let planned = &plan.rcis[0];
    assert_eq!(planned.placements.len(), 1);
    assert_eq!(planned.placements[0].children.to_string(), "2 (1F)");
    assert_eq!(planned.placement_visits.len(), 1);
    assert_eq!(planned.placement_visits[0].1.outcome, Outcome::Stable);
}

#[test]
fn standing_and_readiness_import_from_their_sheets() {
    use crate::readiness::{Answer, Level};
    use crate::regulation::{Authority, InspectionOutcome};
    let plan = plan_of(
        vec![
            sheet(
                "Agreements",
                &[
                    &[
                        "RCI",
                        "Date the agreement was signed",
                        "Signed with (MoSVY or DoSVY)",
                        "Agreement expires on",
                    ],
                    &["Hope House", "2025-02-01", "DoSVY", "2028-01-31"],
                    &["Hope House", "2026-02-01", "mosvy", "2026-01-01"],
                ],
            ),
            sheet(
                "Inspections",
                &[
                    &[
                        "RCI",
                        "Inspection date",
                        "Inspected by",
                        "Outcome of the inspection",
                        "Improvements due by",
                    ],
                    &[
                        "Hope House",
                        "2026-06-01",
                        "DoSVY Kampot",
                        "improvements required",
                        "2026-09-01",
                    ],
                    &["Hope House", "2026-07-01", "MoSVY", "serious concerns", ""],
                ],
            ),
            sheet(
                "Readiness",
                &[
                    &[
                        "RCI",
                        "Date of the readiness assessment",
                        "Indicator (its words or key)",
                        "Present, absent or not known",
                        "What was seen or heard",
                    ],
                    &[
                        "Hope House",
                        "2026-10-01",
                        "director_wants_families",
                        "present",
                        "Said so twice",
                    ],
                    &[
                        "Hope House",
                        "2026-10-01",
                        "The donor has said it would stop funding if the RCI changes",
                        "absent",
                        "",
                    ],
                    &[
                        "Hope House",
                        "2026-10-01",
                        "director_wants_families",
                        "absent",
                        "",
                    ],
                    &[
                        "Hope House",
                        "2026-10-02",
                        "the director has a dog",
                        "present",
                        "",
                    ],
                    &[
                        "Hope House",
                        "2026-10-03",
                        "donor_sends_visitors",
                        "maybe",
                        "",
                    ],
                    &[
                        "Hope House",
                        "2026-10-04",
                        "donor_sends_visitors",
                        "not known",
                        "",
                    ],
                ],
            ),
        ],
        Role::Adviser,
        true,
    );
    let found = problems(&plan);
    // The agreement ending before it was signed, the concerns without a due day, the same
    // indicator twice, an unknown indicator, an unknown answer, an assessment knowing nothing.
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(
        found
            .iter()
            .any(|p| p.contains("Agreements") && p.contains("row 3")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("Inspections") && p.contains("row 3")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.contains("Readiness")
            && p.contains("row 4")
            && p.contains("the same as row 2")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("row 5") && p.contains("not one of the indicators")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("row 6") && p.contains("choose from the list")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("2026-10-04") && p.contains("no indicator present or absent")),
        "{found:?}"
    );
    let planned = &plan.rcis[0];
    assert_eq!(planned.agreements.len(), 1);
    assert_eq!(planned.agreements[0].with, Authority::Dosvy);
    assert_eq!(
        planned.inspections[0].outcome,
        InspectionOutcome::ImprovementsRequired
    );
    assert_eq!(planned.assessments.len(), 2);
    let first = &planned.assessments[0];
    assert_eq!(
        first.answers.len(),
        20,
        "every indicator asked, unknown unless a row says"
    );
    assert_eq!(first.answers[0].answer, Answer::Present);
    assert_eq!(first.answers[0].note.as_str(), "Said so twice");
    assert_eq!(
        first.level(&crate::readiness::default_indicators()),
        Some(Level::Favourable)
    );
}
