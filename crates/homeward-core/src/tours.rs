//! Study tours: RCI directors (often with ministry officials) visit RCIs that have already moved
//! to family-based care, and agree follow-up actions.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::forms::{cell_name, row_count, text, ticked, too_many, Form, MAX_ROWS};
use crate::stages::Bilingual;
use crate::trainings::date_range;
use crate::values::{parse_date, Count, DateRange, FieldError, Name, Note, SexCount};

/// What the people from a visiting RCI were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitorRole {
    /// The RCI's director.
    Director,
    /// The RCI's staff.
    Staff,
    /// Members of the RCI's board.
    Board,
    /// Government officials who came with the RCI.
    Official,
}

impl VisitorRole {
    /// Every role, in the order choices are offered.
    pub const ALL: [VisitorRole; 4] = [
        VisitorRole::Director,
        VisitorRole::Staff,
        VisitorRole::Board,
        VisitorRole::Official,
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            VisitorRole::Director => "director",
            VisitorRole::Staff => "staff",
            VisitorRole::Board => "board",
            VisitorRole::Official => "official",
        }
    }

    /// The role with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// People of one role from one visiting RCI (no names needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visitors {
    /// The visiting RCI.
    pub rci_id: i64,
    /// What these people are at that RCI.
    pub role: VisitorRole,
    /// How many came, women among them.
    pub people: SexCount,
}

/// Where an agreed action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    /// Agreed, not yet begun.
    Open,
    /// Begun, not yet done.
    InProgress,
    /// Done: never overdue.
    Done,
}

impl ActionStatus {
    /// Every status, in the order choices are offered.
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
        }
    }

    /// The status with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// Something the tour's participants agreed to do, owned by one RCI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourAction {
    /// What was agreed.
    pub description: Name,
    /// The RCI that will do it: a host or a visitor of the tour.
    pub owner_rci_id: i64,
    /// When it should be done.
    pub due: NaiveDate,
    /// Where it stands.
    pub status: ActionStatus,
}

impl TourAction {
    /// Past its due date and not done: shown on the owner RCI's page.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != ActionStatus::Done && self.due < today
    }
}

/// A study tour as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyTour {
    /// What the tour is called.
    pub title: Name,
    /// The days of the tour, both ends counted.
    pub dates: DateRange,
    /// Where it took place.
    pub location: Name,
    /// Ministry, provincial department, partner NGOs.
    pub organised_with: Vec<Name>,
    /// The RCIs visited.
    pub hosts: Vec<i64>,
    /// Who came, per visiting RCI and role.
    pub visitors: Vec<Visitors>,
    /// What the tour set out to achieve.
    pub objectives: Note,
    /// What came of it.
    pub outcomes: Note,
    /// The follow-up actions agreed.
    pub actions: Vec<TourAction>,
}

/// Why a tour as a whole was refused.
pub fn check_tour(tour: &StudyTour) -> Result<(), FieldError> {
    if tour.hosts.is_empty() {
        return Err(FieldError::new(
            "hosts",
            Bilingual::new(
                "choose at least one host RCI",
                "សូមជ្រើសរើសមណ្ឌលម្ចាស់ផ្ទះយ៉ាងហោចណាស់មួយ",
            ),
        ));
    }
    if tour.visitors.is_empty() {
        return Err(FieldError::new(
            "visitors",
            Bilingual::new(
                "add at least one visiting RCI",
                "សូមបន្ថែមមណ្ឌលដែលមកទស្សនកិច្ចយ៉ាងហោចណាស់មួយ",
            ),
        ));
    }
    if let Some(v) = tour
        .visitors
        .iter()
        .find(|v| tour.hosts.contains(&v.rci_id))
    {
        return Err(FieldError::new(
            "visitors",
            Bilingual::new(
                format!("RCI {} cannot both host and visit", v.rci_id),
                format!(
                    "មណ្ឌល {} មិនអាចជាម្ចាស់ផ្ទះ និងជាមណ្ឌលដែលមកទស្សនកិច្ចក្នុងពេលតែមួយបានទេ",
                    v.rci_id
                ),
            ),
        ));
    }
    let involved = |id: i64| tour.involves(id);
    if let Some(a) = tour.actions.iter().find(|a| !involved(a.owner_rci_id)) {
        return Err(FieldError::new(
            "actions",
            Bilingual::new(
                format!(
                    "the owner of “{}” must be a host or visiting RCI",
                    a.description
                ),
                format!(
                    "ម្ចាស់សកម្មភាព “{}” ត្រូវតែជាមណ្ឌលម្ចាស់ផ្ទះ ឬមណ្ឌលដែលមកទស្សនកិច្ច",
                    a.description
                ),
            ),
        ));
    }
    Ok(())
}

impl StudyTour {
    /// Whether an RCI took part (hosted or visited): what a director of that RCI may see.
    pub fn involves(&self, rci_id: i64) -> bool {
        self.hosts.contains(&rci_id) || self.visitors.iter().any(|v| v.rci_id == rci_id)
    }

    /// Everyone who came, all visiting RCIs and roles together.
    pub fn total_visitors(&self) -> SexCount {
        self.visitors
            .iter()
            .fold(SexCount::ZERO, |sum, v| sum.plus(v.people))
    }

    /// The distinct visiting RCIs.
    pub fn visiting_rcis(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.visitors.iter().map(|v| v.rci_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A tour as one reader may see it: see [`StudyTour::seen_by`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenTour {
    /// The tour with only the visitor rows and actions of RCIs the reader may read.
    pub tour: StudyTour,
    /// Every visiting RCI, its rows shown or not: the visitors met each other on the tour.
    pub visiting_rcis: Vec<i64>,
    /// Whether other RCIs' rows were left out (their people and actions are theirs to share).
    pub partial: bool,
}

impl StudyTour {
    /// The tour as seen by a reader who may read the RCIs in `readable`, or `None` when none of
    /// those took part. A director (one RCI) sees the dates, place, organisations and every RCI
    /// that took part, but only their own RCI's people and follow-up actions; staff see it all.
    pub fn seen_by(&self, readable: &BTreeSet<i64>) -> Option<SeenTour> {
        if !readable.iter().any(|id| self.involves(*id)) {
            return None;
        }
        let visiting_rcis = self.visiting_rcis();
        let mut tour = self.clone();
        tour.visitors.retain(|v| readable.contains(&v.rci_id));
        tour.actions.retain(|a| readable.contains(&a.owner_rci_id));
        let partial =
            tour.visitors.len() != self.visitors.len() || tour.actions.len() != self.actions.len();
        Some(SeenTour {
            tour,
            visiting_rcis,
            partial,
        })
    }

    /// Every RCI in the tour, hosts then visitors: the only RCIs its page may name.
    pub fn rcis(&self) -> Vec<i64> {
        let mut ids = self.hosts.clone();
        ids.extend(self.visiting_rcis());
        ids
    }
}

/// An RCI id chosen from a list; blank or garbage means none was chosen.
fn chosen_rci(raw: &str, field: &str, message: Bilingual) -> Result<i64, FieldError> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| FieldError::new(field, message))
}

/// One row of the visitors list: the RCI, the people's role, and how many came.
fn visitors_row(form: &Form, row: usize) -> Result<Option<Visitors>, FieldError> {
    let cell = |f: &str| text(form, &cell_name("visitors", row, f));
    let name = |f: &str| cell_name("visitors", row, f);
    if cell("rci_id").trim().is_empty() {
        return Ok(None);
    }
    let rci_id = chosen_rci(
        cell("rci_id"),
        &name("rci_id"),
        Bilingual::new("choose an RCI from the list", "សូមជ្រើសរើសមណ្ឌលពីបញ្ជី"),
    )?;
    let role = VisitorRole::parse(cell("role")).ok_or_else(|| {
        FieldError::new(
            &name("role"),
            Bilingual::new(
                "choose who came: director, staff, board or official",
                "សូមជ្រើសរើសអ្នកដែលបានមក៖ នាយក បុគ្គលិក ក្រុមប្រឹក្សាភិបាល ឬមន្ត្រី",
            ),
        )
    })?;
    let total = Count::parse_field("people", cell("total"))
        .map_err(|e| FieldError::new(&name("total"), e))?;
    if total.get() == 0 {
        return Err(FieldError::new(
            &name("total"),
            Bilingual::new(
                "say how many people came (at least 1)",
                "សូមបញ្ជាក់ចំនួនអ្នកដែលបានមក (យ៉ាងហោចណាស់ 1)",
            ),
        ));
    }
    let female = Count::parse_field("women", cell("female"))
        .map_err(|e| FieldError::new(&name("female"), e))?;
    let people = SexCount::new_field("people", total.get(), female.get())
        .map_err(|e| FieldError::new(&name("female"), e))?;
    Ok(Some(Visitors {
        rci_id,
        role,
        people,
    }))
}

/// One row of the follow-up actions list.
fn action_row(form: &Form, row: usize) -> Result<Option<TourAction>, FieldError> {
    let cell = |f: &str| text(form, &cell_name("actions", row, f));
    let name = |f: &str| cell_name("actions", row, f);
    if cell("description").trim().is_empty() && cell("due").trim().is_empty() {
        return Ok(None);
    }
    let description = Name::parse_field("action", cell("description"))
        .map_err(|e| FieldError::new(&name("description"), e))?;
    let owner_rci_id = chosen_rci(
        cell("owner"),
        &name("owner"),
        Bilingual::new(
            "choose the RCI that owns this action",
            "សូមជ្រើសរើសមណ្ឌលដែលទទួលខុសត្រូវសកម្មភាពនេះ",
        ),
    )?;
    let due = parse_date("due date", cell("due")).map_err(|e| FieldError::new(&name("due"), e))?;
    let status = ActionStatus::parse(cell("status")).ok_or_else(|| {
        FieldError::new(
            &name("status"),
            Bilingual::new("choose the action's status", "សូមជ្រើសរើសស្ថានភាពសកម្មភាព"),
        )
    })?;
    Ok(Some(TourAction {
        description,
        owner_rci_id,
        due,
        status,
    }))
}

impl StudyTour {
    /// The tour as text, field by field, for the change history. RCIs are named by id (`#3`):
    /// names can change, ids cannot.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let list = |items: Vec<String>| items.join("; ");
        vec![
            ("title", self.title.to_string()),
            ("dates", self.dates.to_string()),
            ("location", self.location.to_string()),
            (
                "organisations",
                list(self.organised_with.iter().map(Name::to_string).collect()),
            ),
            (
                "hosts",
                list(self.hosts.iter().map(|id| format!("#{id}")).collect()),
            ),
            (
                "visitors",
                list(
                    self.visitors
                        .iter()
                        .map(|v| format!("#{} {} {}", v.rci_id, v.role.key(), v.people))
                        .collect(),
                ),
            ),
            ("objectives", self.objectives.as_str().to_string()),
            ("outcomes", self.outcomes.as_str().to_string()),
            (
                "actions",
                list(
                    self.actions
                        .iter()
                        .map(|a| {
                            format!(
                                "{} (#{}, {}, {})",
                                a.description,
                                a.owner_rci_id,
                                a.due,
                                a.status.key()
                            )
                        })
                        .collect(),
                ),
            ),
        ]
    }
}

/// The most organisations one tour may name: each new one becomes a row of the reusable list.
pub const MAX_ORGANISATIONS: usize = 20;

impl StudyTour {
    /// Reads a tour from its form, then checks it as a whole ([`check_tour`]). Fields: `title`,
    /// `starts_on`, `ends_on`, `location`, `objectives`, `outcomes`; ticked `org_*` (known
    /// organisations, value = name) plus `new_organisations` (comma- or line-separated); ticked
    /// `host_<rci id>`; rows `visitors_<n>_{rci_id,role,total,female}` and
    /// `actions_<n>_{description,owner,due,status}` (blank rows are skipped).
    pub fn from_form(form: &Form) -> Result<StudyTour, FieldError> {
        let at = FieldError::at;
        let title = Name::parse_field("title", text(form, "title")).map_err(at("title"))?;
        let dates = date_range(text(form, "starts_on"), text(form, "ends_on"))?;
        let location =
            Name::parse_field("location", text(form, "location")).map_err(at("location"))?;
        let mut organised_with: Vec<Name> = Vec::new();
        let typed = text(form, "new_organisations").split([',', '\n']);
        for raw in ticked(form, "org_")
            .into_iter()
            .map(|(_, v)| v)
            .chain(typed)
        {
            if raw.trim().is_empty() {
                continue;
            }
            let org = Name::parse_field("organisation", raw).map_err(at("new_organisations"))?;
            if !organised_with.contains(&org) {
                organised_with.push(org);
            }
            if organised_with.len() > MAX_ORGANISATIONS {
                return Err(too_many("new_organisations", MAX_ORGANISATIONS));
            }
        }
        let ticked_hosts = ticked(form, "host_");
        if ticked_hosts.len() > MAX_ROWS {
            return Err(too_many("hosts", MAX_ROWS));
        }
        let hosts = ticked_hosts
            .into_iter()
            .map(|(id, _)| {
                chosen_rci(
                    id,
                    "hosts",
                    Bilingual::new("choose host RCIs from the list", "សូមជ្រើសរើសមណ្ឌលម្ចាស់ផ្ទះពីបញ្ជី"),
                )
            })
            .collect::<Result<Vec<i64>, _>>()?;
        let mut visitors: Vec<Visitors> = Vec::new();
        for row in 0..row_count(form, "visitors")? {
            if let Some(v) = visitors_row(form, row)? {
                if visitors
                    .iter()
                    .any(|w| w.rci_id == v.rci_id && w.role == v.role)
                {
                    return Err(FieldError::new(
                        &cell_name("visitors", row, "role"),
                        Bilingual::new(
                            "this RCI and role are already listed; add the people to that row",
                            "មណ្ឌល និងតួនាទីនេះមានក្នុងបញ្ជីរួចហើយ សូមបន្ថែមចំនួនមនុស្សនៅជួរនោះ",
                        ),
                    ));
                }
                visitors.push(v);
            }
        }
        let mut actions = Vec::new();
        for row in 0..row_count(form, "actions")? {
            actions.extend(action_row(form, row)?);
        }
        let tour = StudyTour {
            title,
            dates,
            location,
            organised_with,
            hosts,
            visitors,
            objectives: Note::parse_field("objectives", text(form, "objectives"))
                .map_err(at("objectives"))?,
            outcomes: Note::parse_field("outcomes", text(form, "outcomes"))
                .map_err(at("outcomes"))?,
            actions,
        };
        check_tour(&tour)?;
        Ok(tour)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn tour() -> StudyTour {
        StudyTour {
            title: Name::parse("Directors visit transitioned RCIs").unwrap(),
            dates: DateRange::new(day("2022-12-08"), day("2022-12-09")).unwrap(),
            location: Name::parse("Battambang").unwrap(),
            organised_with: vec![Name::parse("MoSVY").unwrap()],
            hosts: vec![1, 6],
            visitors: vec![
                Visitors {
                    rci_id: 2,
                    role: VisitorRole::Director,
                    people: SexCount::new(1, 0).unwrap(),
                },
                Visitors {
                    rci_id: 3,
                    role: VisitorRole::Director,
                    people: SexCount::new(1, 1).unwrap(),
                },
                Visitors {
                    rci_id: 3,
                    role: VisitorRole::Staff,
                    people: SexCount::new(2, 1).unwrap(),
                },
                Visitors {
                    rci_id: 5,
                    role: VisitorRole::Official,
                    people: SexCount::new(1, 0).unwrap(),
                },
            ],
            objectives: Note::parse("See community programmes at work.").unwrap(),
            outcomes: Note::parse("Directors plan parenting clubs.").unwrap(),
            actions: vec![TourAction {
                description: Name::parse("Propose a transition workshop").unwrap(),
                owner_rci_id: 3,
                due: day("2023-01-31"),
                status: ActionStatus::Open,
            }],
        }
    }

    #[test]
    fn a_two_day_tour_with_two_hosts_and_three_visiting_rcis() {
        let t = tour();
        assert_eq!(check_tour(&t), Ok(()));
        assert_eq!(t.dates.days(), 2);
        assert_eq!(t.visiting_rcis(), vec![2, 3, 5]);
        assert_eq!(t.total_visitors(), SexCount::new(5, 2).unwrap());
        assert!(t.involves(6) && t.involves(5) && !t.involves(4));
    }

    #[test]
    fn a_tour_needs_distinct_hosts_and_visitors_and_involved_owners() {
        let mut t = tour();
        t.hosts.push(2);
        assert_eq!(check_tour(&t).unwrap_err().field, "visitors");
        let mut t = tour();
        t.actions[0].owner_rci_id = 4;
        assert_eq!(check_tour(&t).unwrap_err().field, "actions");
        let mut t = tour();
        t.hosts.clear();
        assert_eq!(check_tour(&t).unwrap_err().field, "hosts");
    }

    #[test]
    fn a_director_sees_the_tour_but_only_their_own_rcis_people_and_actions() {
        let mut t = tour();
        t.actions.push(TourAction {
            description: Name::parse("Share the tour report").unwrap(),
            owner_rci_id: 2,
            due: day("2023-01-31"),
            status: ActionStatus::Open,
        });
        let readable = |ids: &[i64]| ids.iter().copied().collect::<BTreeSet<i64>>();
        let seen = t.seen_by(&readable(&[3])).unwrap();
        assert!(seen.partial);
        assert_eq!(seen.visiting_rcis, [2, 3, 5]);
        assert_eq!(seen.tour.hosts, [1, 6]);
        assert!(seen.tour.visitors.iter().all(|v| v.rci_id == 3));
        assert_eq!(seen.tour.total_visitors(), SexCount::new(3, 2).unwrap());
        assert_eq!(seen.tour.actions.len(), 1);
        assert_eq!(seen.tour.actions[0].owner_rci_id, 3);
        assert_eq!(
            (seen.tour.title, seen.tour.dates, seen.tour.organised_with),
            (t.title.clone(), t.dates, t.organised_with.clone())
        );
        // A host sent nobody and owns no action: it sees no numbers at all.
        let host = t.seen_by(&readable(&[6])).unwrap();
        assert!(host.tour.visitors.is_empty() && host.tour.actions.is_empty());
        assert_eq!(host.visiting_rcis, [2, 3, 5]);
        // An RCI that took no part sees nothing; whoever reads every RCI sees everything.
        assert_eq!(t.seen_by(&readable(&[4])), None);
        let all = t.seen_by(&readable(&[1, 2, 3, 4, 5, 6])).unwrap();
        assert_eq!((all.tour, all.partial), (t.clone(), false));
        assert_eq!(t.rcis(), [1, 6, 2, 3, 5]);
    }

    fn tour_form() -> Form {
        [
            ("title", "Directors visit transitioned RCIs"),
            ("starts_on", "2026-11-02"),
            ("ends_on", "2026-11-03"),
            ("location", "Battambang"),
            ("org_0", "MoSVY"),
            ("new_organisations", "Battambang DoSVY, MoSVY\nFriends NGO"),
            ("host_1", "on"),
            ("host_6", "on"),
            ("visitors_0_rci_id", "2"),
            ("visitors_0_role", "director"),
            ("visitors_0_total", "1"),
            ("visitors_0_female", "0"),
            ("visitors_1_rci_id", ""),
            ("visitors_2_rci_id", "3"),
            ("visitors_2_role", "staff"),
            ("visitors_2_total", "3"),
            ("visitors_2_female", "2"),
            ("visitors_3_rci_id", "5"),
            ("visitors_3_role", "official"),
            ("visitors_3_total", "1"),
            ("actions_0_description", "Propose a transition workshop"),
            ("actions_0_owner", "3"),
            ("actions_0_due", "2026-12-15"),
            ("actions_0_status", "open"),
            ("actions_1_description", ""),
            ("actions_1_due", ""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn a_tour_reads_from_its_form() {
        let t = StudyTour::from_form(&tour_form()).unwrap();
        assert_eq!(t.dates.days(), 2);
        assert_eq!(t.hosts, [1, 6]);
        assert_eq!(t.visiting_rcis(), [2, 3, 5]);
        assert_eq!(t.total_visitors(), SexCount::new(5, 2).unwrap());
        let orgs: Vec<&str> = t.organised_with.iter().map(Name::as_str).collect();
        assert_eq!(orgs, ["MoSVY", "Battambang DoSVY", "Friends NGO"]);
        assert_eq!(t.actions.len(), 1);
        assert_eq!(t.actions[0].owner_rci_id, 3);
    }

    #[test]
    fn each_bad_tour_field_is_named() {
        let cases: [(&str, &str, &str); 10] = [
            ("title", " ", "title"),
            ("ends_on", "2026-11-01", "ends_on"),
            ("location", "", "location"),
            ("visitors_2_female", "4", "visitors_2_female"),
            ("visitors_2_total", "0", "visitors_2_total"),
            ("visitors_2_role", "cook", "visitors_2_role"),
            ("visitors_2_rci_id", "2", "visitors_2_role"),
            ("actions_0_owner", "4", "actions"),
            ("actions_0_due", "someday", "actions_0_due"),
            ("host_2", "on", "visitors"),
        ];
        for (name, value, field) in cases {
            let mut f = tour_form();
            f.insert(name.to_string(), value.to_string());
            if name == "visitors_2_rci_id" {
                // The same RCI and role twice.
                f.insert("visitors_2_role".into(), "director".into());
            }
            let err = StudyTour::from_form(&f).unwrap_err();
            assert_eq!(err.field, field, "{name}={value}: {err:?}");
        }
    }

    proptest! {
        /// An action is overdue exactly when it is not done and its due date has passed.
        #[test]
        fn overdue_rule(due_offset in -30i64..30, status in 0usize..3) {
            let today = day("2026-06-15");
            let action = TourAction {
                description: Name::parse("Share the tour report").unwrap(),
                owner_rci_id: 1,
                due: today + chrono::Duration::days(due_offset),
                status: ActionStatus::ALL[status],
            };
            prop_assert_eq!(action.is_overdue(today), due_offset < 0 && action.status != ActionStatus::Done);
        }
    }
}
