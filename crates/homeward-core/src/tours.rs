//! Study tours: RCI directors (often with ministry officials) visit RCIs that have already moved
//! to family-based care, and agree follow-up actions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::values::{DateRange, FieldError, Name, Note, SexCount};

/// What the people from a visiting RCI were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitorRole {
    Director,
    Staff,
    Board,
    Official,
}

impl VisitorRole {
    pub const ALL: [VisitorRole; 4] = [
        VisitorRole::Director,
        VisitorRole::Staff,
        VisitorRole::Board,
        VisitorRole::Official,
    ];

    pub fn key(self) -> &'static str {
        match self {
            VisitorRole::Director => "director",
            VisitorRole::Staff => "staff",
            VisitorRole::Board => "board",
            VisitorRole::Official => "official",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// People of one role from one visiting RCI (no names needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visitors {
    pub rci_id: i64,
    pub role: VisitorRole,
    pub people: SexCount,
}

/// Where an agreed action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// Something the tour's participants agreed to do, owned by one RCI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourAction {
    pub description: Name,
    pub owner_rci_id: i64,
    pub due: NaiveDate,
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
    pub title: Name,
    pub dates: DateRange,
    pub location: Name,
    /// Ministry, provincial department, partner NGOs.
    pub organised_with: Vec<Name>,
    pub hosts: Vec<i64>,
    pub visitors: Vec<Visitors>,
    pub objectives: Note,
    pub outcomes: Note,
    pub actions: Vec<TourAction>,
}

/// Why a tour as a whole was refused.
pub fn check_tour(tour: &StudyTour) -> Result<(), FieldError> {
    if tour.hosts.is_empty() {
        return Err(FieldError::new("hosts", "choose at least one host RCI"));
    }
    if tour.visitors.is_empty() {
        return Err(FieldError::new("visitors", "add at least one visiting RCI"));
    }
    if let Some(v) = tour
        .visitors
        .iter()
        .find(|v| tour.hosts.contains(&v.rci_id))
    {
        return Err(FieldError::new(
            "visitors",
            format!("RCI {} cannot both host and visit", v.rci_id),
        ));
    }
    let involved = |id: i64| tour.involves(id);
    if let Some(a) = tour.actions.iter().find(|a| !involved(a.owner_rci_id)) {
        return Err(FieldError::new(
            "actions",
            format!(
                "the owner of “{}” must be a host or visiting RCI",
                a.description
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
        self.visitors.iter().fold(SexCount::ZERO, |sum, v| {
            sum.checked_add(v.people).unwrap_or(sum)
        })
    }

    /// The distinct visiting RCIs.
    pub fn visiting_rcis(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.visitors.iter().map(|v| v.rci_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
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
