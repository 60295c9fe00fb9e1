//! Community programmes: what a transitioned RCI runs instead of an institution (parenting clubs,
//! youth groups, careleaver networks…), and how they count towards its last stage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::stages::Bilingual;
use crate::values::{parse_date, Count, FieldError, Name, SexCount};

/// What kind of programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProgrammeKind {
    /// Regular sessions on positive parenting for families and neighbours.
    ParentingClub,
    /// Reintegrated and local young people meeting and learning together.
    YouthGroup,
    /// Young people who left care supporting each other.
    CareleaverNetwork,
    /// Trusted community members who mentor children and families.
    CommunityRoleModels,
    /// Families saving and lending together to strengthen their income.
    SavingsGroup,
    /// Anything else; its name says what.
    Other,
}

impl ProgrammeKind {
    /// Every kind, in the order choices are offered.
    pub const ALL: [ProgrammeKind; 6] = [
        ProgrammeKind::ParentingClub,
        ProgrammeKind::YouthGroup,
        ProgrammeKind::CareleaverNetwork,
        ProgrammeKind::CommunityRoleModels,
        ProgrammeKind::SavingsGroup,
        ProgrammeKind::Other,
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            ProgrammeKind::ParentingClub => "parenting_club",
            ProgrammeKind::YouthGroup => "youth_group",
            ProgrammeKind::CareleaverNetwork => "careleaver_network",
            ProgrammeKind::CommunityRoleModels => "community_role_models",
            ProgrammeKind::SavingsGroup => "savings_group",
            ProgrammeKind::Other => "other",
        }
    }

    /// The kind with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// Where a programme stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProgrammeStatus {
    /// Being set up; not yet meeting.
    Starting,
    /// Meeting regularly: the only status that counts as running.
    Active,
    /// Stopped for now.
    Paused,
    /// No longer running.
    Ended,
}

impl ProgrammeStatus {
    /// Every status, in the order choices are offered.
    pub const ALL: [ProgrammeStatus; 4] = [
        ProgrammeStatus::Starting,
        ProgrammeStatus::Active,
        ProgrammeStatus::Paused,
        ProgrammeStatus::Ended,
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            ProgrammeStatus::Starting => "starting",
            ProgrammeStatus::Active => "active",
            ProgrammeStatus::Paused => "paused",
            ProgrammeStatus::Ended => "ended",
        }
    }

    /// The status with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// One community programme of one RCI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    /// What kind of programme.
    pub kind: ProgrammeKind,
    /// What the RCI calls it.
    pub name: Name,
    /// When it began (never in the future).
    pub started_on: NaiveDate,
    /// How many take part, female members among them.
    pub members: SexCount,
    /// How often it meets.
    pub sessions_per_quarter: u32,
    /// Where the programme stands.
    pub status: ProgrammeStatus,
}

impl Programme {
    /// The programme as text, field by field, for the change history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kind", self.kind.key().to_string()),
            ("name", self.name.to_string()),
            ("started on", self.started_on.to_string()),
            ("members", self.members.to_string()),
            (
                "sessions per quarter",
                self.sessions_per_quarter.to_string(),
            ),
            ("programme status", self.status.key().to_string()),
        ]
    }

    /// Running now: it counts as the RCI's community-programmes stage being lived, not planned.
    pub fn is_running(&self) -> bool {
        matches!(self.status, ProgrammeStatus::Active)
    }
}

/// A programme as typed into its form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeInput {
    /// A [`ProgrammeKind`] key.
    pub kind: String,
    /// The programme's name, as typed.
    pub name: String,
    /// The start date (YYYY-MM-DD).
    pub started_on: String,
    /// Members, as typed.
    pub members_total: String,
    /// Female members, as typed; blank means none.
    pub members_female: String,
    /// Sessions a quarter, as typed; blank means none.
    pub sessions_per_quarter: String,
    /// A [`ProgrammeStatus`] key.
    pub status: String,
}

impl ProgrammeInput {
    /// Refuses an unknown kind or status, a missing name, a future start or inconsistent counts.
    pub fn parse(&self, today: NaiveDate) -> Result<Programme, FieldError> {
        let at = FieldError::at;
        let kind = ProgrammeKind::parse(&self.kind).ok_or_else(|| {
            FieldError::new(
                "kind",
                Bilingual::new("choose the kind of programme", "សូមជ្រើសរើសប្រភេទកម្មវិធី"),
            )
        })?;
        let name = Name::parse_field("programme name", &self.name).map_err(at("name"))?;
        let started_on = parse_date("start date", &self.started_on).map_err(at("started_on"))?;
        if started_on > today {
            return Err(FieldError::new(
                "started_on",
                Bilingual::new(
                    format!("the start date {started_on} is in the future"),
                    format!("កាលបរិច្ឆេទចាប់ផ្តើម {started_on} ស្ថិតនៅថ្ងៃអនាគត"),
                ),
            ));
        }
        let total =
            Count::parse_field("members", &self.members_total).map_err(at("members_total"))?;
        let female = Count::parse_field("female members", &self.members_female)
            .map_err(at("members_female"))?;
        let members = SexCount::new_field("members", total.get(), female.get())
            .map_err(at("members_female"))?;
        let sessions = Count::parse_field("sessions per quarter", &self.sessions_per_quarter)
            .map_err(at("sessions_per_quarter"))?;
        let status = ProgrammeStatus::parse(&self.status).ok_or_else(|| {
            FieldError::new(
                "status",
                Bilingual::new("choose the programme's status", "សូមជ្រើសរើសស្ថានភាពកម្មវិធី"),
            )
        })?;
        Ok(Programme {
            kind,
            name,
            started_on,
            members,
            sessions_per_quarter: sessions.get(),
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input() -> ProgrammeInput {
        ProgrammeInput {
            kind: "parenting_club".into(),
            name: "Sangkae mothers' club".into(),
            started_on: "2026-02-01".into(),
            members_total: "18".into(),
            members_female: "15".into(),
            sessions_per_quarter: "6".into(),
            status: "active".into(),
        }
    }

    #[test]
    fn a_programme_parses_and_counts_when_active() {
        let p = input().parse(day("2026-03-01")).unwrap();
        assert_eq!(p.members, SexCount::new(18, 15).unwrap());
        assert!(p.is_running());
        let paused = ProgrammeInput {
            status: "paused".into(),
            ..input()
        };
        assert!(!paused.parse(day("2026-03-01")).unwrap().is_running());
    }

    #[test]
    fn each_bad_programme_field_is_named() {
        type Edit = fn(&mut ProgrammeInput);
        let cases: [(Edit, &str); 6] = [
            (|i| i.kind = "choir".into(), "kind"),
            (|i| i.name = " ".into(), "name"),
            (|i| i.started_on = "2026-04-01".into(), "started_on"),
            (|i| i.members_female = "19".into(), "members_female"),
            (
                |i| i.sessions_per_quarter = "x".into(),
                "sessions_per_quarter",
            ),
            (|i| i.status = "".into(), "status"),
        ];
        for (edit, field) in cases {
            let mut i = input();
            edit(&mut i);
            assert_eq!(
                i.parse(day("2026-03-01")).unwrap_err().field,
                field,
                "{i:?}"
            );
        }
    }
}
