//! Follow-up visits to children after they went home: the check that a reintegration holds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::stages::Bilingual;
use crate::values::{parse_date, FieldError, Note, SexCount};

/// Who made a follow-up visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitedBy {
    /// The NGO's own staff.
    NgoStaff,
    /// The provincial Department of Social Affairs, which may stand in when travel is hard.
    Dosvy,
    /// Commune or village officials.
    LocalAuthority,
}

impl VisitedBy {
    /// Every visitor, in the order choices are offered.
    pub const ALL: [VisitedBy; 3] = [
        VisitedBy::NgoStaff,
        VisitedBy::Dosvy,
        VisitedBy::LocalAuthority,
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            VisitedBy::NgoStaff => "ngo_staff",
            VisitedBy::Dosvy => "dosvy",
            VisitedBy::LocalAuthority => "local_authority",
        }
    }

    /// The visitor with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<VisitedBy> {
        Self::ALL.into_iter().find(|v| v.key() == raw.trim())
    }
}

/// A visit in person or a phone call (when travel is hard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitMode {
    /// In person, at the family's home.
    Visit,
    /// A phone call, when travel is hard.
    Phone,
}

impl VisitMode {
    /// Both modes, in the order choices are offered.
    pub const ALL: [VisitMode; 2] = [VisitMode::Visit, VisitMode::Phone];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            VisitMode::Visit => "visit",
            VisitMode::Phone => "phone",
        }
    }

    /// The mode with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<VisitMode> {
        Self::ALL.into_iter().find(|v| v.key() == raw.trim())
    }
}

/// One follow-up visit as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpVisit {
    /// The day of the visit or call; follow-ups fall due again from it.
    pub visited_on: NaiveDate,
    /// How many children were seen, girls among them.
    pub children: SexCount,
    /// Who made the visit.
    pub visited_by: VisitedBy,
    /// In person or by phone.
    pub mode: VisitMode,
    /// What the visitor found; may be empty.
    pub notes: Note,
}

/// A follow-up visit as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpInput {
    /// The visit date (YYYY-MM-DD).
    pub visited_on: String,
    /// Children seen, as typed.
    pub children_total: String,
    /// Girls among them, as typed; blank means none.
    pub children_female: String,
    /// A [`VisitedBy`] key.
    pub visited_by: String,
    /// A [`VisitMode`] key.
    pub mode: String,
    /// What the visitor found, as typed.
    pub notes: String,
}

impl FollowUpInput {
    /// A visit that happened (not in the future), to at least one child, by a known visitor.
    pub fn parse(&self, today: NaiveDate) -> Result<FollowUpVisit, FieldError> {
        let visited_on =
            parse_date("visit date", &self.visited_on).map_err(FieldError::at("visited_on"))?;
        if visited_on > today {
            return Err(FieldError::new(
                "visited_on",
                Bilingual::new(
                    format!("the visit date {visited_on} is in the future"),
                    format!("កាលបរិច្ឆេទចុះតាមដាន {visited_on} ស្ថិតនៅថ្ងៃអនាគត"),
                ),
            ));
        }
        let total = parse_count("children visited", &self.children_total)
            .map_err(FieldError::at("children_total"))?;
        let female = parse_count("girls visited", &self.children_female)
            .map_err(FieldError::at("children_female"))?;
        let children = SexCount::new_field("children visited", total, female)
            .map_err(FieldError::at("children_female"))?;
        if total == 0 {
            return Err(FieldError::new(
                "children_total",
                Bilingual::new(
                    "a follow-up visit sees at least one child",
                    "ការចុះតាមដានត្រូវជួបកុមារយ៉ាងហោចណាស់ម្នាក់",
                ),
            ));
        }
        let visited_by = VisitedBy::parse(&self.visited_by).ok_or_else(|| {
            FieldError::new(
                "visited_by",
                Bilingual::new("choose who visited", "សូមជ្រើសរើសអ្នកដែលបានចុះតាមដាន"),
            )
        })?;
        let mode = VisitMode::parse(&self.mode).ok_or_else(|| {
            FieldError::new(
                "mode",
                Bilingual::new(
                    "choose a visit or a phone call",
                    "សូមជ្រើសរើសការចុះជួប ឬការហៅទូរស័ព្ទ",
                ),
            )
        })?;
        let notes = Note::parse_field("notes", &self.notes).map_err(FieldError::at("notes"))?;
        Ok(FollowUpVisit {
            visited_on,
            children,
            visited_by,
            mode,
            notes,
        })
    }
}

fn parse_count(field: &str, raw: &str) -> Result<u32, crate::values::ValueError> {
    crate::values::Count::parse_field(field, raw).map(|c| c.get())
}

impl FollowUpVisit {
    /// The visit's fields as text, for the change history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("visit date", self.visited_on.to_string()),
            ("children visited", self.children.to_string()),
            ("visited by", self.visited_by.key().to_string()),
            ("how", self.mode.key().to_string()),
            ("notes", self.notes.as_str().to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input() -> FollowUpInput {
        FollowUpInput {
            visited_on: "2026-03-02".into(),
            children_total: "4".into(),
            children_female: "2".into(),
            visited_by: "dosvy".into(),
            mode: "phone".into(),
            notes: "All four in school.".into(),
        }
    }

    #[test]
    fn a_valid_visit_parses() {
        let v = input().parse(day("2026-03-02")).unwrap();
        assert_eq!(v.children, SexCount::new(4, 2).unwrap());
        assert_eq!((v.visited_by, v.mode), (VisitedBy::Dosvy, VisitMode::Phone));
    }

    #[test]
    fn each_bad_field_is_named() {
        let today = day("2026-03-02");
        type Edit = fn(&mut FollowUpInput);
        let cases: [(Edit, &str); 7] = [
            (|i| i.visited_on = "2026-03-03".into(), "visited_on"),
            (|i| i.visited_on = "02/03/2026".into(), "visited_on"),
            (|i| i.children_total = "-1".into(), "children_total"),
            (|i| i.children_female = "5".into(), "children_female"),
            (
                |i| {
                    i.children_total = "0".into();
                    i.children_female = "0".into()
                },
                "children_total",
            ),
            (|i| i.visited_by = "police".into(), "visited_by"),
            (|i| i.mode = "".into(), "mode"),
        ];
        for (change, field) in cases {
            let mut i = input();
            change(&mut i);
            assert_eq!(i.parse(today).unwrap_err().field, field, "{i:?}");
        }
    }
}
