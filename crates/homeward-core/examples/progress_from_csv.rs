//! Reads partner RCIs' checklist statuses from a CSV file and prints each RCI's progress, the
//! stage it is working on and its risk flags: the core used as a library, with no database.
//!
//! ```text
//! cargo run -p homeward-core --example progress_from_csv -- FILE.csv [--on YYYY-MM-DD]
//! ```
//!
//! One row per recorded step; steps a file does not list are not started. `province` is one of
//! Cambodia's (in English or Khmer; a misspelling is refused with the nearest). `item` is a step's
//! key in Homeward's default template, `status` one of `not_started`, `in_progress`, `done` (with
//! its `date`), `not_applicable` or `blocked` (with a `reason`):
//!
//! ```text
//! rci,province,transition_start,item,status,date,reason
//! Hope House,Pursat,2026-01-12,assess_children,done,2026-03-02,
//! ```

use std::collections::BTreeMap;
use std::fmt::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use homeward_core::signoffs::approve_done;
use homeward_core::{
    default_template, overview, ChecklistItem, FollowUpFacts, ItemStatus, Name, Province,
    RciProfile, RiskFlag, RiskSettings,
};

/// One row of the file.
#[derive(serde::Deserialize)]
struct Row {
    rci: String,
    province: String,
    transition_start: NaiveDate,
    item: String,
    status: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
}

/// One RCI as the file builds it up.
struct Partner {
    profile: RciProfile,
    items: Vec<ChecklistItem>,
    /// The last day a step was done: the file's stand-in for "last updated".
    last_done: Option<NaiveDate>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let today = match args.iter().position(|a| a == "--on") {
        Some(i) => match args.get(i + 1).map(|d| d.parse()) {
            Some(Ok(day)) => day,
            _ => return fail("--on takes a date, YYYY-MM-DD"),
        },
        None => chrono::Utc::now().date_naive(),
    };
    let Some(path) = args.first().filter(|a| *a != "--on") else {
        return fail("usage: progress_from_csv FILE.csv [--on YYYY-MM-DD]");
    };
    match read(path, today) {
        Ok(partners) => {
            print!("{}", report(&partners, today));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::FAILURE
}

/// Every RCI of the file, by name, each with its whole checklist.
fn read(path: &str, today: NaiveDate) -> Result<BTreeMap<String, Partner>, String> {
    let template = default_template();
    let mut partners: BTreeMap<String, Partner> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{path}: {e}"))?;
    for (n, row) in reader.deserialize::<Row>().enumerate() {
        let line = n + 2;
        let at = |e: &dyn std::fmt::Display| format!("{path}, line {line}: {e}");
        let row = row.map_err(|e| at(&e))?;
        if !partners.contains_key(&row.rci) {
            let province = Province::parse(&row.province).map_err(|e| at(&e))?;
            let profile = RciProfile::parse(&row.rci, "", province.en(), "", row.transition_start)
                .map_err(|e| at(&e))?;
            let items = template.items().iter().map(ChecklistItem::from_template);
            partners.insert(
                row.rci.clone(),
                Partner {
                    profile,
                    items: items.collect(),
                    last_done: None,
                },
            );
        }
        let partner = partners.get_mut(&row.rci).expect("inserted above");
        let item = partner
            .items
            .iter_mut()
            .find(|i| i.key.as_str() == row.item)
            .ok_or_else(|| at(&format!("no step {:?} in the template", row.item)))?;
        item.status = ItemStatus::from_parts(&row.status, Some(&row.date), &row.reason, today)
            .map_err(|e| at(&e))?;
        partner.last_done = partner.last_done.max(item.status.done_on());
    }
    Ok(partners)
}

/// Each RCI's overall progress and stage, its progress per track, and its risks.
fn report(partners: &BTreeMap<String, Partner>, today: NaiveDate) -> String {
    let mut out = String::new();
    for (name, p) in partners {
        // The file has no profile columns for them: a done plan or budget step stands in.
        let done = |key: &str| {
            p.items
                .iter()
                .any(|i| i.key.as_str() == key && i.status.is_done())
        };
        let profile = RciProfile {
            has_reintegration_plan: done("reintegration_plan"),
            has_reintegration_budget: done("reintegration_budget"),
            ..p.profile.clone()
        };
        // A spreadsheet of statuses carries no sign-offs: a stage it says is done counts as
        // finished, as it did for the adviser who kept it.
        let by = Name::parse("spreadsheet").expect("a valid name");
        let sign_offs = approve_done(&p.items, &by, p.profile.transition_start);
        let now = overview(
            &profile,
            &p.items,
            &sign_offs,
            None,
            FollowUpFacts::default(),
            p.last_done,
            &RiskSettings::default(),
            today,
        );
        let stage = match now.progress.phase.track() {
            Some(track) => format!("{} for {} days", track.title().en, now.days_in_phase),
            None => "every stage complete".to_string(),
        };
        let _ = writeln!(
            out,
            "{name}: {}% overall; {stage}",
            now.progress.overall.percent()
        );
        for (track, progress) in &now.progress.tracks {
            let _ = writeln!(out, "  {:<24}{:>4}%", track.title().en, progress.percent());
        }
        let risks: Vec<String> = now.flags.iter().map(describe).collect();
        let risks = if risks.is_empty() {
            "none".to_string()
        } else {
            risks.join("; ")
        };
        let _ = writeln!(out, "  risks: {risks}");
    }
    out
}

fn describe(flag: &RiskFlag) -> String {
    match flag {
        RiskFlag::NoReintegrationPlan => "no reintegration plan".to_string(),
        RiskFlag::NoReintegrationBudget => "no reintegration budget".to_string(),
        RiskFlag::Stalled { days } => format!("nothing recorded for {days} days"),
        RiskFlag::FollowUpsOverdue { days } => format!("follow-up visits {days} days overdue"),
        RiskFlag::PlacementVisitsOverdue { placements } => {
            format!("visits overdue for {placements} placements")
        }
        RiskFlag::ReentryRateHigh { rate } => format!(
            "12-month re-entry rate {} % ({} of {})",
            rate.percent(),
            rate.count,
            rate.of
        ),
        RiskFlag::MouExpired { days } => format!("agreement with MoSVY ended {days} days ago"),
        RiskFlag::MouExpiring { days } => format!("agreement with MoSVY ends in {days} days"),
        RiskFlag::InspectionOverdue { days } => format!("inspection {days} days overdue"),
        RiskFlag::ImprovementsOverdue { days } => format!("improvements {days} days overdue"),
        RiskFlag::ReadinessHighRisk => "readiness: high risk".to_string(),
        RiskFlag::ReadinessOverdue { days } => {
            format!("readiness assessment {days} days overdue")
        }
    }
}
