//! Reading a workbook's rows and planning what they would change: the whole file is checked
//! before anything is written, each problem tied to its sheet, row and column, and what would
//! change is worked out against the records as they stand, so the preview shows it exactly.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use super::cells::{Cell, CellError, Workbook};
use super::columns::{columns_of, fold, Column, SheetKind, RCI};
use super::problems::{Problem, Problems, EXAMPLES};
use crate::accounts::{Actor, Role};
use crate::checklists::{ChecklistItem, ItemChange, ItemInput, Owner, StatusKind, Template};
use crate::counts::ChildrenCounts;
use crate::counts::Placement;
use crate::follow_ups::{FollowUpInput, FollowUpVisit, VisitMode, VisitedBy};
use crate::history::{diff, FieldChange};
use crate::placements::{
    AgeBand, CaseCode, Followed, Outcome, PlacementInput, PlacementRecord, PlacementVisit,
    PlacementVisitInput,
};
use crate::rcis::{ProfileInput, RciProfile};
use crate::readiness::{Answer, Answered, Assessment, Indicator, Recorded};
use crate::regulation::{
    Agreement, AgreementInput, Authority, Inspection, InspectionInput, InspectionOutcome,
    Regulation,
};
use crate::stages::Bilingual;
use crate::transformation::{
    AssetChangeInput, AssetUse, FundingChangeInput, StaffChangeInput, StaffMove, Transformation,
};
use crate::values::{FieldError, Stored};

/// The template's sheet of drop-down lists: not read.
pub const LISTS_SHEET: &str = "Lists";

/// Columns holding a date.
const DATE_COLUMNS: [&str; 16] = [
    "as_of",
    "placed_on",
    "placement_visited_on",
    "done_on",
    "visited_on",
    "staff_on",
    "asset_on",
    "funding_on",
    "mosvy_registered_on",
    "transition_start",
    "transition_target",
    "agreement_signed_on",
    "agreement_expires_on",
    "inspected_on",
    "improvements_due",
    "assessed_on",
];

/// The app's words for the values a row may hold, so a file can use the words the pages show
/// (in either language) as well as the stored keys.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Each status with its words.
    pub statuses: Vec<(StatusKind, Bilingual)>,
    /// Each kind of visitor with its words.
    pub visitors: Vec<(VisitedBy, Bilingual)>,
    /// Visit or phone call, with their words.
    pub modes: Vec<(VisitMode, Bilingual)>,
    /// Each staff move with its words.
    pub staff_moves: Vec<(StaffMove, Bilingual)>,
    /// Each new use of an asset with its words.
    pub asset_uses: Vec<(AssetUse, Bilingual)>,
    /// Each placement with its words.
    pub placements: Vec<(Placement, Bilingual)>,
    /// Each age band with its words.
    pub age_bands: Vec<(AgeBand, Bilingual)>,
    /// Each outcome of a placement visit with its words.
    pub outcomes: Vec<(Outcome, Bilingual)>,
    /// MoSVY and DoSVY with their words.
    pub authorities: Vec<(Authority, Bilingual)>,
    /// Each outcome of an inspection with its words.
    pub inspection_outcomes: Vec<(InspectionOutcome, Bilingual)>,
    /// Present, absent and not known with their words.
    pub answers: Vec<(Answer, Bilingual)>,
    /// Whose a step is, with the words.
    pub owners: Vec<(Owner, Bilingual)>,
}

/// The value whose key or words (English, Khmer, or both as "English / Khmer") were written.
fn word<T: Copy + PartialEq>(
    written: &str,
    all: &[T],
    words: &[(T, Bilingual)],
    key: impl Fn(T) -> &'static str,
) -> Option<T> {
    let written = fold(written);
    all.iter().copied().find(|value| {
        let mut names = vec![key(*value).to_string(), key(*value).replace('_', " ")];
        for (_, w) in words.iter().filter(|(v, _)| v == value) {
            names.extend([fold(&w.en), fold(&w.km)]);
        }
        names.contains(&written)
    })
}

/// One row's values, by column.
#[derive(Debug, Clone)]
struct Row {
    kind: SheetKind,
    sheet: String,
    number: usize,
    values: Vec<(Column, Result<String, CellError>)>,
}

impl Row {
    fn has(&self, key: &str) -> bool {
        self.values.iter().any(|(c, _)| c.key == key)
    }

    /// The column's text; blank when the column is absent or its cell could not be read (that
    /// cell's problem is already listed).
    fn text(&self, key: &str) -> String {
        self.values
            .iter()
            .find(|(c, _)| c.key == key)
            .and_then(|(_, v)| v.as_ref().ok().cloned())
            .unwrap_or_default()
    }

    /// The column's name, also when the sheet does not have it (a reason a status needs).
    fn column(&self, key: &str) -> Option<Bilingual> {
        self.kind
            .columns()
            .into_iter()
            .find(|c| c.key == key)
            .map(|c| c.name)
    }

    fn problem(&self, key: Option<&str>, message: impl Into<Bilingual>) -> Problem {
        Problem::new(
            Some(self.sheet.clone()),
            Some(self.number),
            key.and_then(|k| self.column(k)),
            message.into(),
        )
    }
}

/// A workbook's rows, read and sorted by sheet kind, with the problems found in reading.
#[derive(Debug, Clone)]
pub struct Read {
    /// The file's name, for the history.
    pub file_name: String,
    rows: Vec<(SheetKind, Row)>,
    /// Problems found in reading: the plan adds its own.
    pub problems: Problems,
    /// What was not read, for the preview to say (sheets and columns Homeward does not know).
    pub notes: Vec<Bilingual>,
    /// The sheets' names in the file's order, to list problems in it.
    sheet_order: Vec<String>,
}

/// Reads every sheet: its kind from its column names, then each non-blank row.
pub fn read(book: &Workbook) -> Read {
    let mut out = Read {
        file_name: book.file_name.clone(),
        rows: vec![],
        problems: Problems::default(),
        notes: vec![],
        sheet_order: book.sheets.iter().map(|s| s.name.clone()).collect(),
    };
    let sheet_problem = |sheet: &str, message: Bilingual| {
        Problem::new(Some(sheet.to_string()), None, None, message)
    };
    for sheet in &book.sheets {
        let blank = |r: &Vec<Cell>| r.iter().all(Cell::is_blank);
        if sheet.name == LISTS_SHEET || sheet.rows.iter().all(blank) {
            continue;
        }
        let headers: Vec<String> = sheet.rows[0]
            .iter()
            .map(|c| c.text().unwrap_or_default())
            .collect();
        let (kind, columns) = columns_of(&headers);
        let Some(kind) = kind else {
            out.notes.push(Bilingual::new(
                format!(
                    "sheet {} was not read: its first row names none of Homeward's columns",
                    sheet.name
                ),
                format!(
                    "សន្លឹក {} មិនត្រូវបានអានទេ៖ ជួរទីមួយរបស់វាមិនមានឈ្មោះជួរឈររបស់ Homeward",
                    sheet.name
                ),
            ));
            continue;
        };
        if sheet.merged_count > 0 {
            let mut ranges = sheet
                .merged
                .iter()
                .take(EXAMPLES)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let more = sheet
                .merged_count
                .saturating_sub(EXAMPLES.min(sheet.merged.len()));
            if more > 0 {
                ranges = format!("{ranges} … +{more}");
            }
            out.problems.push(sheet_problem(&sheet.name, Bilingual::new(
                format!("merged cells ({ranges}): unmerge them so that each row holds its own values"),
                format!("ក្រឡាបញ្ចូលគ្នា ({ranges})៖ សូមបំបែកវា ដើម្បីឱ្យជួរនីមួយៗមានតម្លៃផ្ទាល់ខ្លួន"),
            )));
        }
        for column in kind.columns().into_iter().filter(|c| c.required) {
            if !columns.iter().flatten().any(|c| c.key == column.key) {
                out.problems.push(sheet_problem(
                    &sheet.name,
                    Bilingual::new(
                        format!("no column \"{}\"", column.name.en),
                        format!("គ្មានជួរឈរ \"{}\"", column.name.km),
                    ),
                ));
            }
        }
        for (i, column) in columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().map(|c| (i, c)))
        {
            if columns[..i].iter().flatten().any(|c| c.key == column.key) {
                out.problems.push(sheet_problem(
                    &sheet.name,
                    Bilingual::new(
                        format!("two columns are \"{}\"", column.name.en),
                        format!("មានជួរឈរពីរឈ្មោះ \"{}\"", column.name.km),
                    ),
                ));
            }
        }
        let ignored: Vec<&str> = headers
            .iter()
            .zip(&columns)
            .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.as_str())
            .collect();
        if !ignored.is_empty() {
            let mut list: Vec<String> = ignored
                .iter()
                .take(EXAMPLES)
                .map(|h| h.chars().take(40).collect())
                .collect();
            if ignored.len() > EXAMPLES {
                list.push(format!("… +{}", ignored.len() - EXAMPLES));
            }
            let list = list.join(", ");
            out.notes.push(Bilingual::new(
                format!("{}: columns not imported: {list}", sheet.name),
                format!("{}៖ ជួរឈរដែលមិននាំចូល៖ {list}", sheet.name),
            ));
        }
        for (index, cells) in sheet.rows.iter().enumerate().skip(1) {
            if blank(cells) {
                continue;
            }
            let values = columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.clone().map(|c| (i, c)))
                .map(|(i, column)| {
                    let cell = cells.get(i).unwrap_or(&Cell::Empty);
                    let value = if DATE_COLUMNS.contains(&column.key.as_str()) {
                        cell.date_text()
                    } else if column.key.ends_with("_total")
                        || column.key.ends_with("_female")
                        || column.key == "id"
                    {
                        cell.number_text()
                    } else {
                        cell.text()
                    };
                    (column, value)
                })
                .collect();
            let row = Row {
                kind,
                sheet: sheet.name.clone(),
                number: index + 1,
                values,
            };
            for (column, value) in &row.values {
                if let Err(e) = value {
                    out.problems
                        .push(row.problem(Some(&column.key), e.message()));
                }
            }
            out.rows.push((kind, row));
        }
    }
    if out.rows.is_empty() && out.problems.is_empty() {
        out.problems.push(Problem::new(
            None,
            None,
            None,
            Bilingual::new(
                "no sheet holds rows Homeward can import: start from the template",
                "គ្មានសន្លឹកណាមានជួរដែល Homeward អាចនាំចូលបានទេ៖ សូមចាប់ផ្តើមពីគំរូ",
            ),
        ));
    }
    out.rows
        .sort_by_key(|(kind, _)| SheetKind::ALL.iter().position(|k| k == kind));
    out
}

/// Finds RCIs already in Homeward by id, MoSVY registration number or exact name (English or
/// Khmer, ignoring case and spacing).
#[derive(Debug, Default)]
pub struct Directory {
    ids: HashMap<i64, String>,
    keys: HashMap<String, Vec<i64>>,
}

/// Whom a reference names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One RCI.
    One(i64),
    /// Several RCIs share the name.
    Several,
    /// None.
    None,
}

impl Directory {
    /// A directory of every RCI: its id and profile.
    pub fn new<'a>(rcis: impl IntoIterator<Item = (i64, &'a RciProfile)>) -> Self {
        let mut directory = Directory::default();
        for (id, p) in rcis {
            directory.ids.insert(id, p.name_en.to_string());
            let names = [
                Some(&p.name_en),
                p.name_km.as_ref(),
                p.mosvy_registration.as_ref(),
            ];
            for name in names.into_iter().flatten() {
                let ids = directory.keys.entry(fold(name.as_str())).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        directory
    }

    /// The RCI a row names: by name or registration number.
    pub fn find(&self, written: &str) -> Found {
        match self.keys.get(&fold(written)).map(Vec::as_slice) {
            Some([id]) => Found::One(*id),
            Some([_, _, ..]) => Found::Several,
            _ => Found::None,
        }
    }

    /// The English name of an RCI, by id.
    pub fn name(&self, id: i64) -> Option<&str> {
        self.ids.get(&id).map(String::as_str)
    }
}

impl Read {
    /// The RCIs already in Homeward that the file's rows name: the records a plan needs.
    pub fn mentioned(&self, directory: &Directory) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .rows
            .iter()
            .filter_map(|(kind, row)| match kind {
                SheetKind::Rcis => {
                    let id = row
                        .text("id")
                        .parse::<i64>()
                        .ok()
                        .filter(|id| directory.name(*id).is_some());
                    id.or_else(|| match directory.find(&row.text("mosvy_registration")) {
                        Found::One(id) => Some(id),
                        _ => match directory.find(&row.text("name_en")) {
                            Found::One(id) => Some(id),
                            _ => None,
                        },
                    })
                }
                _ => match directory.find(&row.text(RCI)) {
                    Found::One(id) => Some(id),
                    _ => None,
                },
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// An RCI already in Homeward, as the plan needs it.
#[derive(Debug, Clone)]
pub struct KnownRci {
    /// Its profile, with the version a save must match.
    pub profile: Stored<RciProfile>,
    /// Whether the importing user may change it.
    pub editable: bool,
    /// Its checklist, with each step's version.
    pub checklist: Vec<Stored<ChecklistItem>>,
    /// Its counts snapshots.
    pub counts: Vec<ChildrenCounts>,
    /// Its follow-up visits.
    pub follow_ups: Vec<FollowUpVisit>,
    /// Its staff, asset and funding records.
    pub transformation: Transformation,
    /// Its placements with their visits.
    pub placements: Vec<Followed>,
    /// Its agreements, inspections and closure notices.
    pub regulation: Regulation,
    /// Its readiness assessments.
    pub assessments: Vec<Recorded>,
}

/// A user who may lead an RCI's transition.
#[derive(Debug, Clone)]
pub struct Adviser {
    /// The user's id.
    pub id: i64,
    /// Their sign-in name.
    pub login: String,
    /// The name pages show.
    pub name: String,
}

/// What a plan is worked out against.
#[derive(Debug, Clone)]
pub struct Context {
    /// The RCIs the file names (from [`Read::mentioned`]).
    pub known: HashMap<i64, KnownRci>,
    /// The organisation's template: the checklist of an RCI the file creates.
    pub template: Template,
    /// Who may be named lead adviser.
    pub advisers: Vec<Adviser>,
    /// The app's words for values.
    pub vocabulary: Vocabulary,
    /// The readiness indicators asked today (not retired).
    pub indicators: Vec<Indicator>,
    /// Who imports.
    pub actor: Actor,
    /// Today in Cambodia: no date after it is accepted.
    pub today: NaiveDate,
}

/// Which RCI a part of the plan changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// One the import creates.
    New,
    /// One already in Homeward, with the profile's version the plan was made from.
    Existing {
        /// Its id.
        id: i64,
        /// Its profile's version.
        version: i64,
    },
}

/// A change to one checklist step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPlan {
    /// The step.
    pub key: crate::checklists::ItemKey,
    /// Its title, for the preview.
    pub title: Bilingual,
    /// Its version (`None` in an RCI the import creates).
    pub version: Option<i64>,
    /// Its status before.
    pub before: StatusKind,
    /// The change.
    pub change: ItemChange,
}

/// Everything the import changes for one RCI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RciPlan {
    /// The RCI.
    pub target: Target,
    /// Its name, for the preview.
    pub name: String,
    /// The profile to save: always for a new RCI, for an existing one only when it changes.
    pub profile: Option<RciProfile>,
    /// What the profile's save changes, field by field.
    pub profile_changes: Vec<FieldChange>,
    /// Counts snapshots to record.
    pub counts: Vec<ChildrenCounts>,
    /// Checklist steps to change.
    pub items: Vec<ItemPlan>,
    /// Follow-up visits to record.
    pub follow_ups: Vec<FollowUpVisit>,
    /// Staff, asset and funding records to add.
    pub transformation: Transformation,
    /// Placements to add.
    pub placements: Vec<PlacementRecord>,
    /// Visits to add, each to the placement with its case code.
    pub placement_visits: Vec<(CaseCode, PlacementVisit)>,
    /// Agreements to add.
    pub agreements: Vec<Agreement>,
    /// Inspections to add.
    pub inspections: Vec<Inspection>,
    /// Readiness assessments to add, each with every indicator asked (those no row answers
    /// not known).
    pub assessments: Vec<Assessment>,
}

impl RciPlan {
    /// Whether the plan changes nothing of this RCI.
    pub fn is_empty(&self) -> bool {
        self.profile.is_none()
            && self.counts.is_empty()
            && self.items.is_empty()
            && self.follow_ups.is_empty()
            && self.transformation == Transformation::default()
            && self.placements.is_empty()
            && self.placement_visits.is_empty()
            && self.agreements.is_empty()
            && self.inspections.is_empty()
            && self.assessments.is_empty()
    }
}

/// What an import would do, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The file's name.
    pub file_name: String,
    /// The changes, one entry per RCI, in the file's order.
    pub rcis: Vec<RciPlan>,
    /// Every problem: one or more and nothing is imported.
    pub problems: Problems,
    /// What was not read.
    pub notes: Vec<Bilingual>,
    /// Rows that hold what Homeward already has.
    pub unchanged_rows: usize,
}

impl Plan {
    /// A fingerprint of what the plan would write: a confirmation is refused when the plan made
    /// again at that moment differs from the one the user saw.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        format!("{:?}", self.rcis).hash(&mut hasher);
        hasher.finish()
    }

    /// Whether anything would be written.
    pub fn changes_anything(&self) -> bool {
        self.rcis.iter().any(|r| !r.is_empty())
    }
}

/// Yes or no, in either language; blank is no.
fn yes_no(written: &str) -> Option<bool> {
    match fold(written).as_str() {
        "" | "no" | "n" | "false" | "0" | "ទេ" | "គ្មាន" | "no / គ្មាន" => {
            Some(false)
        }
        "yes" | "y" | "true" | "1" | "បាទ" | "ចាស" | "មាន" | "yes / មាន" => {
            Some(true)
        }
        _ => None,
    }
}

/// A value chosen from a list may come as "English / Khmer" (the template's drop-downs): the
/// English side is what the field reads.
fn chosen(written: &str) -> String {
    written
        .split_once(" / ")
        .map(|(en, _)| en)
        .unwrap_or(written)
        .trim()
        .to_string()
}

/// Works out the plan: the changes each row makes to the records as they stand, and every
/// problem found.
pub fn plan(read: &Read, directory: &Directory, cx: &Context) -> Plan {
    let mut planner = Planner {
        cx,
        directory,
        plans: vec![],
        existing: HashMap::new(),
        new_names: HashMap::new(),
        problems: read.problems.clone(),
        unchanged: 0,
        seen: HashMap::new(),
    };
    // A row with a cell that could not be read has its problem listed already.
    for (kind, row) in read
        .rows
        .iter()
        .filter(|(_, r)| r.values.iter().all(|(_, v)| v.is_ok()))
    {
        match kind {
            SheetKind::Rcis => planner.profile(row),
            SheetKind::Children => planner.counts(row),
            SheetKind::Checklist => planner.item(row),
            SheetKind::FollowUps => planner.follow_up(row),
            SheetKind::Staff => planner.staff(row),
            SheetKind::Assets => planner.asset(row),
            SheetKind::Funding => planner.funding(row),
            SheetKind::Placements => planner.placement(row),
            SheetKind::PlacementVisits => planner.placement_visit(row),
            SheetKind::Agreements => planner.agreement(row),
            SheetKind::Inspections => planner.inspection(row),
            SheetKind::Readiness => planner.readiness(row),
        }
    }
    planner.readiness_known();
    let unchanged_rows = planner.unchanged;
    let mut rcis = planner.plans;
    rcis.retain(|r| !r.is_empty());
    let mut problems = planner.problems;
    let sheet = |p: &Problem| {
        p.sheet
            .as_ref()
            .and_then(|s| read.sheet_order.iter().position(|o| o == s))
    };
    problems.sort_by_key(|p| (sheet(p), p.rows.first().copied()));
    Plan {
        file_name: read.file_name.clone(),
        rcis,
        problems,
        notes: read.notes.clone(),
        unchanged_rows,
    }
}

struct Planner<'a> {
    cx: &'a Context,
    directory: &'a Directory,
    plans: Vec<RciPlan>,
    existing: HashMap<i64, usize>,
    new_names: HashMap<String, usize>,
    problems: Problems,
    unchanged: usize,
    /// What each row is about (sheet kind and key), with its row, to refuse the same thing twice.
    seen: HashMap<(SheetKind, usize, String), usize>,
}

fn not_yours(name: &str) -> Bilingual {
    Bilingual::new(
        format!("you may not change {name}: it is not one of the RCIs you advise"),
        format!("អ្នកមិនអាចកែប្រែ {name} បានទេ៖ វាមិនមែនជាមណ្ឌលដែលអ្នកផ្តល់ប្រឹក្សាទេ"),
    )
}

impl Planner<'_> {
    /// Refuses a second row about the same thing (the same step of the same RCI, …).
    fn once(&mut self, kind: SheetKind, plan: usize, what: String, row: &Row, key: &str) -> bool {
        match self.seen.insert((kind, plan, what), row.number) {
            Some(first) => {
                self.problems.push(row.problem(
                    Some(key),
                    Bilingual::new(
                        format!("the same as row {first}"),
                        format!("ដូចគ្នានឹងជួរទី {first}"),
                    ),
                ));
                false
            }
            None => true,
        }
    }

    fn plan_for_existing(&mut self, id: i64) -> usize {
        if let Some(i) = self.existing.get(&id) {
            return *i;
        }
        let known = &self.cx.known[&id];
        self.plans.push(RciPlan {
            target: Target::Existing {
                id,
                version: known.profile.version,
            },
            name: known.profile.value.name_en.to_string(),
            profile: None,
            profile_changes: vec![],
            counts: vec![],
            items: vec![],
            follow_ups: vec![],
            transformation: Transformation::default(),
            placements: vec![],
            placement_visits: vec![],
            agreements: vec![],
            inspections: vec![],
            assessments: vec![],
        });
        self.existing.insert(id, self.plans.len() - 1);
        self.plans.len() - 1
    }

    /// The RCI a row of a Children, Checklist or Follow-ups sheet is about, if the user may
    /// change it.
    fn target(&mut self, row: &Row) -> Option<usize> {
        let written = row.text(RCI);
        if written.is_empty() {
            self.problems.push(row.problem(
                Some(RCI),
                Bilingual::new(
                    "which RCI? Write its name or MoSVY number",
                    "មណ្ឌលណា? សូមសរសេរឈ្មោះ ឬលេខចុះបញ្ជីរបស់វា",
                ),
            ));
            return None;
        }
        match self.directory.find(&written) {
            Found::One(id) if self.cx.known.contains_key(&id) => Some(self.plan_for_existing(id)),
            Found::One(_) => {
                self.problems
                    .push(row.problem(Some(RCI), not_yours(&written)));
                None
            }
            Found::Several => {
                self.problems
                    .push(row.problem(Some(RCI), several(&written)));
                None
            }
            Found::None => match self.new_names.get(&fold(&written)) {
                Some(i) => Some(*i),
                None => {
                    self.problems.push(row.problem(
                        Some(RCI),
                        Bilingual::new(
                            format!("no RCI called {written}, in Homeward or on the RCIs sheet"),
                            format!("គ្មានមណ្ឌលឈ្មោះ {written} ក្នុង Homeward ឬក្នុងសន្លឹកមណ្ឌលទេ"),
                        ),
                    ));
                    None
                }
            },
        }
    }

    fn profile(&mut self, row: &Row) {
        let id_text = row.text("id");
        let found = if !id_text.is_empty() {
            match id_text
                .parse::<i64>()
                .ok()
                .filter(|id| self.directory.name(*id).is_some())
            {
                Some(id) => Found::One(id),
                None => {
                    self.problems.push(row.problem(
                        Some("id"),
                        Bilingual::new(
                            format!("no RCI has the Homeward id {id_text}"),
                            format!("គ្មានមណ្ឌលណាមានលេខសម្គាល់ Homeward {id_text} ទេ"),
                        ),
                    ));
                    return;
                }
            }
        } else {
            match self.directory.find(&row.text("mosvy_registration")) {
                Found::None => self.directory.find(&row.text("name_en")),
                found => found,
            }
        };
        let current = match found {
            Found::One(id) => match self.cx.known.get(&id) {
                Some(k) => Some(k),
                None => {
                    let name = self.directory.name(id).unwrap_or_default().to_string();
                    self.problems
                        .push(row.problem(Some("name_en"), not_yours(&name)));
                    return;
                }
            },
            Found::Several => {
                self.problems
                    .push(row.problem(Some("name_en"), several(&row.text("name_en"))));
                return;
            }
            Found::None => None,
        };
        let mut input = current
            .map(|k| ProfileInput::from_profile(&k.profile.value))
            .unwrap_or_default();
        let texts: [(&str, &mut String); 13] = [
            ("name_en", &mut input.name_en),
            ("name_km", &mut input.name_km),
            ("province", &mut input.province),
            ("district", &mut input.district),
            ("commune", &mut input.commune),
            ("district_km", &mut input.district_km),
            ("commune_km", &mut input.commune_km),
            ("director", &mut input.director),
            ("contact", &mut input.contact),
            ("mosvy_registration", &mut input.mosvy_registration),
            ("mosvy_registered_on", &mut input.mosvy_registered_on),
            ("transition_start", &mut input.transition_start),
            ("transition_target", &mut input.transition_target),
        ];
        for (key, field) in texts {
            if row.has(key) {
                *field = if key == "province" {
                    chosen(&row.text(key))
                } else {
                    row.text(key)
                };
            }
        }
        let ticks = [
            ("has_reintegration_plan", &mut input.has_reintegration_plan),
            (
                "has_reintegration_budget",
                &mut input.has_reintegration_budget,
            ),
        ];
        let mut ok = true;
        for (key, field) in ticks {
            if row.has(key) {
                match yes_no(&row.text(key)) {
                    Some(yes) => *field = yes.then(|| "on".to_string()),
                    None => {
                        ok = false;
                        self.problems.push(row.problem(
                            Some(key),
                            Bilingual::new("write yes or no", "សូមសរសេរ មាន ឬ គ្មាន"),
                        ));
                    }
                }
            }
        }
        let current_adviser = current.and_then(|k| k.profile.value.adviser_id);
        let mut adviser = current_adviser;
        if row.has("adviser") {
            let written = row.text("adviser");
            adviser = if written.is_empty() {
                None
            } else {
                let folded = fold(&written);
                match self
                    .cx
                    .advisers
                    .iter()
                    .find(|a| fold(&a.login) == folded || fold(&a.name) == folded)
                {
                    Some(a) => Some(a.id),
                    None => {
                        ok = false;
                        self.problems.push(row.problem(
                            Some("adviser"),
                            Bilingual::new(
                                format!("no adviser called {written}"),
                                format!("គ្មានទីប្រឹក្សាឈ្មោះ {written} ទេ"),
                            ),
                        ));
                        current_adviser
                    }
                }
            };
        }
        if current.is_none() && self.cx.actor.role == Role::Adviser && adviser.is_none() {
            // An adviser's new RCI is theirs to lead, as when they create one on its page.
            adviser = Some(self.cx.actor.user_id);
        }
        let allowed = match current {
            Some(_) => self.cx.actor.may_set_lead_adviser(current_adviser, adviser),
            None => self.cx.actor.role == Role::Admin || adviser == Some(self.cx.actor.user_id),
        };
        if !allowed {
            ok = false;
            self.problems.push(row.problem(
                Some("adviser"),
                Bilingual::new(
                    "only an admin may name another lead adviser",
                    "មានតែអ្នកគ្រប់គ្រងប៉ុណ្ណោះ ដែលអាចកំណត់ទីប្រឹក្សាដឹកនាំផ្សេង",
                ),
            ));
        }
        input.adviser_id = adviser.map(|a| a.to_string()).unwrap_or_default();
        let profile = match input.parse(self.cx.today) {
            Ok(p) => p,
            Err(e) => {
                self.problems.push(field_problem(row, e));
                return;
            }
        };
        if !ok {
            return;
        }
        match current {
            Some(k) => {
                let i = self.plan_for_existing(k.profile.id);
                if !self.once(SheetKind::Rcis, i, String::new(), row, "name_en") {
                    return;
                }
                if profile == k.profile.value {
                    self.unchanged += 1;
                } else if self.may_change(i, row, "name_en") {
                    let plan = &mut self.plans[i];
                    plan.profile_changes = diff(&k.profile.value.describe(), &profile.describe());
                    plan.name = profile.name_en.to_string();
                    plan.profile = Some(profile);
                }
            }
            None => {
                let name = fold(profile.name_en.as_str());
                if let Some(i) = self.new_names.get(&name) {
                    let i = *i;
                    self.once(SheetKind::Rcis, i, String::new(), row, "name_en");
                    return;
                }
                self.plans.push(RciPlan {
                    target: Target::New,
                    name: profile.name_en.to_string(),
                    profile_changes: diff(&[], &profile.describe()),
                    profile: Some(profile),
                    counts: vec![],
                    items: vec![],
                    follow_ups: vec![],
                    transformation: Transformation::default(),
                    placements: vec![],
                    placement_visits: vec![],
                    agreements: vec![],
                    inspections: vec![],
                    assessments: vec![],
                });
                let i = self.plans.len() - 1;
                self.seen
                    .insert((SheetKind::Rcis, i, String::new()), row.number);
                self.new_names.insert(name, i);
            }
        }
    }

    /// Whether the user may change the plan's RCI; if not, the row that would is refused.
    fn may_change(&mut self, i: usize, row: &Row, key: &str) -> bool {
        let editable = self.known(i).is_none_or(|k| k.editable);
        if !editable {
            let name = self.plans[i].name.clone();
            self.problems.push(row.problem(Some(key), not_yours(&name)));
        }
        editable
    }

    fn known(&self, i: usize) -> Option<&KnownRci> {
        match self.plans[i].target {
            Target::Existing { id, .. } => self.cx.known.get(&id),
            Target::New => None,
        }
    }

    fn counts(&mut self, row: &Row) {
        // A sheet without all the counts has that problem listed once, not on every row.
        let columns = SheetKind::Children.columns();
        if columns.iter().any(|c| c.required && !row.has(&c.key)) {
            return;
        }
        let Some(i) = self.target(row) else { return };
        let mut form: HashMap<String, String> = HashMap::new();
        for (column, _) in &row.values {
            form.insert(column.key.clone(), row.text(&column.key));
        }
        let counts = match ChildrenCounts::from_form(&form, self.cx.today) {
            Ok(c) => c,
            Err(e) => {
                self.problems.push(field_problem(row, e));
                return;
            }
        };
        if !self.once(
            SheetKind::Children,
            i,
            counts.as_of.to_string(),
            row,
            "as_of",
        ) {
            return;
        }
        if self.known(i).is_some_and(|k| k.counts.contains(&counts)) {
            self.unchanged += 1;
        } else if self.may_change(i, row, RCI) {
            self.plans[i].counts.push(counts);
        }
    }

    fn item(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let written = row.text("step");
        let folded = fold(&written);
        let named = |key: &str, title: &Bilingual| {
            key == folded || fold(&title.en) == folded || fold(&title.km) == folded
        };
        let step = match self.known(i) {
            Some(k) => k
                .checklist
                .iter()
                .find(|s| named(s.value.key.as_str(), &s.value.title))
                .map(|s| (Some(s.version), s.value.clone())),
            None => self
                .cx
                .template
                .active()
                .find(|t| named(t.key.as_str(), &t.title))
                .map(|t| (None, ChecklistItem::from_template(t))),
        };
        let Some((version, current)) = step else {
            return self.no_step(row, &written);
        };
        let (key, title) = (current.key.clone(), current.title.clone());
        let status_written = chosen(&row.text("status"));
        let Some(status) = word(
            &status_written,
            &StatusKind::ALL,
            &self.cx.vocabulary.statuses,
            StatusKind::key,
        ) else {
            let shown = row.text("status");
            self.problems.push(row.problem(
                Some("status"),
                Bilingual::new(
                    format!("unknown status '{shown}': choose one from the list"),
                    format!("ស្ថានភាពមិនស្គាល់ '{shown}'៖ សូមជ្រើសរើសពីបញ្ជី"),
                ),
            ));
            return;
        };
        let keep = |key: &str, now: String| if row.has(key) { row.text(key) } else { now };
        let input = ItemInput {
            status: status.key().to_string(),
            done_on: Some(keep(
                "done_on",
                current
                    .status
                    .done_on()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )),
            reason: Some(keep(
                "reason",
                current
                    .status
                    .reason()
                    .map(|r| r.as_str().to_string())
                    .unwrap_or_default(),
            )),
            evidence: Some(keep("evidence", current.evidence.as_str().to_string())),
            responsible: Some(keep(
                "responsible",
                current
                    .responsible
                    .as_ref()
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
            )),
            // A word of the list or a key; anything else goes to the parser, which names it.
            owner: Some(keep(
                "owner",
                current
                    .owner
                    .map(|o| o.key().to_string())
                    .unwrap_or_default(),
            ))
            .map(|written| {
                word(
                    &chosen(&written),
                    Owner::ALL,
                    &self.cx.vocabulary.owners,
                    Owner::key,
                )
                .map_or(written, |o| o.key().to_string())
            }),
            due_on: Some(keep(
                "due_on",
                current.due_on.map(|d| d.to_string()).unwrap_or_default(),
            )),
        };
        let change = match input.parse(self.cx.today) {
            Ok(c) => c,
            Err(e) => {
                self.problems.push(row.problem(Some(&e.field), e.message));
                return;
            }
        };
        if !self.once(
            SheetKind::Checklist,
            i,
            key.as_str().to_string(),
            row,
            "step",
        ) {
            return;
        }
        if change.status == current.status
            && change.evidence == current.evidence
            && change.responsible == current.responsible
            && change.owner == current.owner
            && change.due_on == current.due_on
        {
            self.unchanged += 1;
            return;
        }
        if !self.may_change(i, row, RCI) {
            return;
        }
        self.plans[i].items.push(ItemPlan {
            key,
            title,
            version,
            before: current.status.status_kind(),
            change,
        });
    }

    fn no_step(&mut self, row: &Row, written: &str) {
        self.problems.push(row.problem(
            Some("step"),
            Bilingual::new(
                format!("no step '{written}' in this RCI's checklist"),
                format!("គ្មានចំណុច '{written}' ក្នុងបញ្ជីត្រួតពិនិត្យរបស់មណ្ឌលនេះទេ"),
            ),
        ));
    }

    fn follow_up(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let vocabulary = &self.cx.vocabulary;
        let visited_by = word(
            &chosen(&row.text("visited_by")),
            &VisitedBy::ALL,
            &vocabulary.visitors,
            VisitedBy::key,
        );
        let mode = word(
            &chosen(&row.text("mode")),
            &VisitMode::ALL,
            &vocabulary.modes,
            VisitMode::key,
        );
        let input = FollowUpInput {
            visited_on: row.text("visited_on"),
            children_total: row.text("children_total"),
            children_female: row.text("children_female"),
            visited_by: visited_by.map(|v| v.key().to_string()).unwrap_or_default(),
            mode: mode.map(|m| m.key().to_string()).unwrap_or_default(),
            notes: row.text("notes"),
        };
        let visit = match input.parse(self.cx.today) {
            Ok(v) => v,
            Err(e) => {
                self.problems.push(field_problem(row, e));
                return;
            }
        };
        let what = format!(
            "{} {} {}",
            visit.visited_on,
            visit.visited_by.key(),
            visit.children
        );
        if !self.once(SheetKind::FollowUps, i, what, row, "visited_on") {
            return;
        }
        if self.known(i).is_some_and(|k| k.follow_ups.contains(&visit)) {
            self.unchanged += 1;
        } else if self.may_change(i, row, RCI) {
            self.plans[i].follow_ups.push(visit);
        }
    }

    /// A row of the staff sheet: a change of one RCI's staff.
    fn staff(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let kind = word(
            &chosen(&row.text("staff_change")),
            &StaffMove::ALL,
            &self.cx.vocabulary.staff_moves,
            StaffMove::key,
        );
        let input = StaffChangeInput {
            changed_on: row.text("staff_on"),
            kind: kind.map(|k| k.key().to_string()).unwrap_or_default(),
            staff_total: row.text("staff_total"),
            staff_female: row.text("staff_female"),
        };
        let renames = [("changed_on", "staff_on"), ("kind", "staff_change")];
        let Some(change) = self.parsed(row, input.parse(self.cx.today), &renames) else {
            return;
        };
        let what = format!(
            "{} {} {}",
            change.changed_on,
            change.kind.key(),
            change.staff
        );
        if self.once(SheetKind::Staff, i, what, row, "staff_on")
            && self.is_new(i, row, |t| t.staff.contains(&change))
        {
            self.plans[i].transformation.staff.push(change);
        }
    }

    /// A row of the assets sheet: one asset of one RCI given a new use.
    fn asset(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let now = word(
            &chosen(&row.text("now_used_as")),
            &AssetUse::ALL,
            &self.cx.vocabulary.asset_uses,
            AssetUse::key,
        );
        let input = AssetChangeInput {
            changed_on: row.text("asset_on"),
            asset: row.text("asset"),
            now: now.map(|u| u.key().to_string()).unwrap_or_default(),
        };
        let renames = [("changed_on", "asset_on"), ("now", "now_used_as")];
        let Some(change) = self.parsed(row, input.parse(self.cx.today), &renames) else {
            return;
        };
        let what = format!("{} {}", change.changed_on, change.asset.as_str());
        if self.once(SheetKind::Assets, i, what, row, "asset")
            && self.is_new(i, row, |t| t.assets.contains(&change))
        {
            self.plans[i].transformation.assets.push(change);
        }
    }

    /// A row of the funding sheet: one donor's money of one RCI redirected.
    fn funding(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let input = FundingChangeInput {
            changed_on: row.text("funding_on"),
            donor: row.text("donor"),
            amount: row.text("amount"),
            currency: row.text("currency"),
            from: row.text("from_use"),
            to: row.text("to_use"),
        };
        let renames = [
            ("changed_on", "funding_on"),
            ("from", "from_use"),
            ("to", "to_use"),
        ];
        let Some(change) = self.parsed(row, input.parse(self.cx.today), &renames) else {
            return;
        };
        let what = format!(
            "{} {} {} {}",
            change.changed_on,
            change.donor.as_str(),
            change.amount,
            change.currency.key()
        );
        if self.once(SheetKind::Funding, i, what, row, "donor")
            && self.is_new(i, row, |t| t.funding.contains(&change))
        {
            self.plans[i].transformation.funding.push(change);
        }
    }

    /// A parsed record, or its refusal placed at its column: `renames` gives the sheet's
    /// column for a form field named otherwise.
    fn parsed<T>(
        &mut self,
        row: &Row,
        parsed: Result<T, FieldError>,
        renames: &[(&str, &str)],
    ) -> Option<T> {
        parsed
            .map_err(|mut e| {
                if let Some((_, column)) = renames.iter().find(|(field, _)| *field == e.field) {
                    e.field = column.to_string();
                }
                self.problems.push(field_problem(row, e));
            })
            .ok()
    }

    /// A row of the placements sheet: one reintegration of one RCI, by case code.
    fn placement(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let vocabulary = &self.cx.vocabulary;
        let kind = word(
            &chosen(&row.text("placement_kind")),
            &Placement::ALL,
            &vocabulary.placements,
            Placement::key,
        );
        let age_band = word(
            &chosen(&row.text("age_band")),
            &AgeBand::ALL,
            &vocabulary.age_bands,
            AgeBand::key,
        );
        let input = PlacementInput {
            code: row.text("code"),
            placed_on: row.text("placed_on"),
            kind: kind.map(|k| k.key().to_string()).unwrap_or_default(),
            children_total: row.text("placed_total"),
            children_female: row.text("placed_female"),
            age_band: age_band.map(|a| a.key().to_string()).unwrap_or_default(),
        };
        let renames = [
            ("kind", "placement_kind"),
            ("children_total", "placed_total"),
            ("children_female", "placed_female"),
        ];
        let Some(placement) = self.parsed(row, input.parse(self.cx.today), &renames) else {
            return;
        };
        let code = placement.code.to_string();
        if !self.once(SheetKind::Placements, i, code, row, "code") {
            return;
        }
        let kept = self
            .known(i)
            .and_then(|k| {
                k.placements
                    .iter()
                    .find(|f| f.placement.code == placement.code)
            })
            .map(|f| f.placement == placement);
        match kept {
            Some(true) => self.unchanged += 1,
            Some(false) => self.problems.push(row.problem(
                Some("code"),
                Bilingual::new(
                    format!("case code {} is already used in this RCI", placement.code),
                    format!("លេខកូដករណី {} ត្រូវបានប្រើរួចហើយក្នុងមណ្ឌលនេះ", placement.code),
                ),
            )),
            None => {
                if self.may_change(i, row, RCI) {
                    self.plans[i].placements.push(placement);
                }
            }
        }
    }

    /// A row of the placement visits sheet: a visit to a placement of the RCI, kept in
    /// Homeward or on the placements sheet.
    fn placement_visit(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let code = match CaseCode::parse(&row.text("visit_code")) {
            Ok(code) => code,
            Err(e) => {
                self.problems
                    .push(field_problem(row, FieldError::new("visit_code", e)));
                return;
            }
        };
        let known = self
            .known(i)
            .and_then(|k| k.placements.iter().find(|f| f.placement.code == code))
            .cloned();
        let placement = known.as_ref().map(|f| f.placement.clone()).or_else(|| {
            self.plans[i]
                .placements
                .iter()
                .find(|p| p.code == code)
                .cloned()
        });
        let Some(placement) = placement else {
            self.problems.push(row.problem(
                Some("visit_code"),
                Bilingual::new(
                    format!("no placement of this RCI has case code {code}: add it on the Placements sheet"),
                    format!("គ្មានការដាក់ឱ្យនៅណាមួយរបស់មណ្ឌលនេះមានលេខកូដករណី {code} ទេ៖ សូមបន្ថែមវានៅលើសន្លឹកការដាក់ឱ្យនៅ"),
                ),
            ));
            return;
        };
        let outcome = word(
            &chosen(&row.text("outcome")),
            &Outcome::ALL,
            &self.cx.vocabulary.outcomes,
            Outcome::key,
        );
        let input = PlacementVisitInput {
            visited_on: row.text("placement_visited_on"),
            outcome: outcome.map(|o| o.key().to_string()).unwrap_or_default(),
        };
        let renames = [("visited_on", "placement_visited_on")];
        let Some(visit) = self.parsed(row, input.parse(&placement, self.cx.today), &renames) else {
            return;
        };
        let what = format!("{code} {} {}", visit.visited_on, visit.outcome.key());
        if !self.once(
            SheetKind::PlacementVisits,
            i,
            what,
            row,
            "placement_visited_on",
        ) {
            return;
        }
        if known.is_some_and(|f| f.visits.contains(&visit)) {
            self.unchanged += 1;
        } else if self.may_change(i, row, RCI) {
            self.plans[i].placement_visits.push((code, visit));
        }
    }

    /// A row of the agreements sheet: one agreement of one RCI with MoSVY or DoSVY.
    fn agreement(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let with = word(
            &chosen(&row.text("agreement_with")),
            Authority::ALL,
            &self.cx.vocabulary.authorities,
            Authority::key,
        );
        let input = AgreementInput {
            with: with.map(|w| w.key().to_string()).unwrap_or_default(),
            signed_on: row.text("agreement_signed_on"),
            expires_on: row.text("agreement_expires_on"),
        };
        let renames = [
            ("with", "agreement_with"),
            ("signed_on", "agreement_signed_on"),
            ("expires_on", "agreement_expires_on"),
        ];
        let Some(agreement) = self.parsed(row, input.parse(self.cx.today), &renames) else {
            return;
        };
        let what = format!("{} {}", agreement.signed_on, agreement.with.key());
        if !self.once(SheetKind::Agreements, i, what, row, "agreement_signed_on") {
            return;
        }
        if self
            .known(i)
            .is_some_and(|k| k.regulation.agreements.contains(&agreement))
        {
            self.unchanged += 1;
        } else if self.may_change(i, row, RCI) {
            self.plans[i].agreements.push(agreement);
        }
    }

    /// A row of the inspections sheet: one inspection of one RCI.
    fn inspection(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let outcome = word(
            &chosen(&row.text("inspection_outcome")),
            InspectionOutcome::ALL,
            &self.cx.vocabulary.inspection_outcomes,
            InspectionOutcome::key,
        );
        let input = InspectionInput {
            inspected_on: row.text("inspected_on"),
            by: row.text("inspected_by"),
            outcome: outcome.map(|o| o.key().to_string()).unwrap_or_default(),
            follow_up_due: row.text("improvements_due"),
        };
        let renames = [
            ("by", "inspected_by"),
            ("outcome", "inspection_outcome"),
            ("follow_up_due", "improvements_due"),
        ];
        let Some(inspection) = self.parsed(row, input.parse(self.cx.today), &renames) else {
            return;
        };
        let what = format!("{} {}", inspection.inspected_on, inspection.by.as_str());
        if !self.once(SheetKind::Inspections, i, what, row, "inspected_on") {
            return;
        }
        if self
            .known(i)
            .is_some_and(|k| k.regulation.inspections.contains(&inspection))
        {
            self.unchanged += 1;
        } else if self.may_change(i, row, RCI) {
            self.plans[i].inspections.push(inspection);
        }
    }

    /// A row of the readiness sheet: one indicator's answer in an RCI's assessment on a day.
    /// The rows of one RCI and day make one assessment; an assessment already recorded that
    /// day counts its rows unchanged when they say what it holds.
    fn readiness(&mut self, row: &Row) {
        let Some(i) = self.target(row) else { return };
        let assessed_on = match crate::values::parse_date_on(
            "assessment date",
            &row.text("assessed_on"),
            self.cx.today,
        ) {
            Ok(on) if on <= self.cx.today => on,
            Ok(on) => {
                let e = FieldError::new(
                    "assessed_on",
                    Bilingual::new(
                        format!("the date {on} is in the future"),
                        format!("កាលបរិច្ឆេទ {on} ស្ថិតនៅថ្ងៃអនាគត"),
                    ),
                );
                self.problems.push(field_problem(row, e));
                return;
            }
            Err(e) => {
                self.problems
                    .push(field_problem(row, FieldError::new("assessed_on", e)));
                return;
            }
        };
        let written = fold(&chosen(&row.text("indicator")));
        let Some(indicator) = self
            .cx
            .indicators
            .iter()
            .find(|i| {
                [i.key.as_str(), i.text.en.as_str(), i.text.km.as_str()]
                    .iter()
                    .any(|w| fold(w) == written)
            })
            .cloned()
        else {
            self.problems.push(row.problem(
                Some("indicator"),
                Bilingual::new(
                    "not one of the indicators asked: use the words or key of the template's list",
                    "មិនមែនជាសូចនាករដែលត្រូវសួរទេ៖ សូមប្រើពាក្យ ឬកូដពីបញ្ជីក្នុងគំរូ",
                ),
            ));
            return;
        };
        let Some(answer) = word(
            &chosen(&row.text("answer")),
            Answer::ALL,
            &self.cx.vocabulary.answers,
            Answer::key,
        ) else {
            self.problems.push(row.problem(
                Some("answer"),
                Bilingual::new("choose from the list", "សូមជ្រើសរើសពីបញ្ជី"),
            ));
            return;
        };
        let note = match crate::values::Note::parse(&row.text("indicator_note")) {
            Ok(note) => note,
            Err(e) => {
                self.problems
                    .push(field_problem(row, FieldError::new("indicator_note", e)));
                return;
            }
        };
        let what = format!("{assessed_on} {}", indicator.key.as_str());
        if !self.once(SheetKind::Readiness, i, what, row, "indicator") {
            return;
        }
        let recorded = self.known(i).and_then(|k| {
            k.assessments
                .iter()
                .find(|r| r.assessment.assessed_on == assessed_on)
                .cloned()
        });
        if let Some(recorded) = recorded {
            let same = recorded
                .assessment
                .answers
                .iter()
                .find(|a| a.key == indicator.key)
                .is_some_and(|a| a.answer == answer && a.note == note);
            if same {
                self.unchanged += 1;
            } else {
                self.problems.push(row.problem(
                    Some("assessed_on"),
                    Bilingual::new(
                        format!("an assessment of {assessed_on} is already recorded with another answer: record a new one on another day"),
                        format!("ការវាយតម្លៃនៅថ្ងៃ {assessed_on} ត្រូវបានកត់ត្រារួចហើយ ដោយមានចម្លើយផ្សេង៖ សូមកត់ត្រាថ្មីនៅថ្ងៃផ្សេង"),
                    ),
                ));
            }
            return;
        }
        if !self.may_change(i, row, RCI) {
            return;
        }
        let asked = &self.cx.indicators;
        let plan = &mut self.plans[i];
        let at = match plan
            .assessments
            .iter()
            .position(|a| a.assessed_on == assessed_on)
        {
            Some(at) => at,
            None => {
                plan.assessments.push(Assessment {
                    assessed_on,
                    answers: asked
                        .iter()
                        .map(|i| Answered {
                            key: i.key.clone(),
                            answer: Answer::Unknown,
                            note: crate::values::Note::default(),
                        })
                        .collect(),
                });
                plan.assessments.len() - 1
            }
        };
        if let Some(a) = plan.assessments[at]
            .answers
            .iter_mut()
            .find(|a| a.key == indicator.key)
        {
            a.answer = answer;
            a.note = note;
        }
    }

    /// Every planned assessment needs one indicator present or absent, as on the form.
    fn readiness_known(&mut self) {
        for plan in &self.plans {
            for a in &plan.assessments {
                if a.level(&self.cx.indicators).is_none() {
                    self.problems.push(Problem::new(
                        None,
                        None,
                        None,
                        Bilingual::new(
                            format!(
                                "{}: the assessment of {} marks no indicator present or absent",
                                plan.name, a.assessed_on
                            ),
                            format!(
                                "{}៖ ការវាយតម្លៃនៅថ្ងៃ {} មិនបានសម្គាល់សូចនាករណាមួយថា មាន ឬ គ្មាន ទេ",
                                plan.name, a.assessed_on
                            ),
                        ),
                    ));
                }
            }
        }
    }

    /// Whether a record is new to Homeward (one already kept counts as an unchanged row) and
    /// the importing user may add it.
    fn is_new(&mut self, i: usize, row: &Row, kept: impl Fn(&Transformation) -> bool) -> bool {
        if self.known(i).is_some_and(|k| kept(&k.transformation)) {
            self.unchanged += 1;
            false
        } else {
            self.may_change(i, row, RCI)
        }
    }
}

fn several(written: &str) -> Bilingual {
    Bilingual::new(
        format!("several RCIs are called {written}: use the MoSVY number"),
        format!("មណ្ឌលច្រើនមានឈ្មោះ {written}៖ សូមប្រើលេខចុះបញ្ជីក្រសួងសង្គមកិច្ច"),
    )
}

/// A form's refusal placed at its column (the field names are the column keys; the lead
/// adviser's is chosen by name).
fn field_problem(row: &Row, e: FieldError) -> Problem {
    let key = match e.field.as_str() {
        "adviser_id" => "adviser",
        other => other,
    };
    row.problem(Some(key), e.message)
}
