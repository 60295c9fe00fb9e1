//! Trainings the organisation runs for RCI directors and staff, with participants per RCI.

use serde::{Deserialize, Serialize};

use crate::forms::{cell_name, row_count, text, Form};
use crate::stages::Bilingual;
use crate::values::{parse_date, Count, DateRange, FieldError, Name, Note, SexCount};

/// The topic of a training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrainingCategory {
    /// Training for RCI directors.
    DirectorTraining,
    /// Social work and case management.
    SocialWork,
    /// Positive parenting, for staff who will support families.
    PositiveParenting,
    /// Skills for staff moving to new roles.
    VocationalTraining,
    /// Coaching at the RCI itself.
    OnsiteCoaching,
    /// Anything else; the title says what.
    Other,
}

impl TrainingCategory {
    /// Every category, in the order choices are offered.
    pub const ALL: [TrainingCategory; 6] = [
        TrainingCategory::DirectorTraining,
        TrainingCategory::SocialWork,
        TrainingCategory::PositiveParenting,
        TrainingCategory::VocationalTraining,
        TrainingCategory::OnsiteCoaching,
        TrainingCategory::Other,
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            TrainingCategory::DirectorTraining => "director_training",
            TrainingCategory::SocialWork => "social_work",
            TrainingCategory::PositiveParenting => "positive_parenting",
            TrainingCategory::VocationalTraining => "vocational_training",
            TrainingCategory::OnsiteCoaching => "onsite_coaching",
            TrainingCategory::Other => "other",
        }
    }

    /// The category with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// One RCI's people at a training, with the group's scores before and after if measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participants {
    /// The RCI the people came from.
    pub rci_id: i64,
    /// How many came, women among them.
    pub people: SexCount,
    /// Percentages (0–100) of the group's pre- and post-training test.
    pub scores: Option<(u8, u8)>,
}

/// A training as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Training {
    /// The training's topic.
    pub category: TrainingCategory,
    /// What the training is called.
    pub title: Name,
    /// The days of the training, both ends counted.
    pub dates: DateRange,
    /// Where it took place.
    pub venue: Name,
    /// Who trained; free text.
    pub trainers: Note,
    /// The people per RCI, each RCI at most once.
    pub participants: Vec<Participants>,
}

impl Training {
    /// The training as text, field by field, for the change history (RCIs by id).
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let participants: Vec<String> = self
            .participants
            .iter()
            .map(|p| match p.scores {
                Some((pre, post)) => format!("#{} {} {pre}→{post}%", p.rci_id, p.people),
                None => format!("#{} {}", p.rci_id, p.people),
            })
            .collect();
        vec![
            ("category", self.category.key().to_string()),
            ("title", self.title.to_string()),
            ("dates", self.dates.to_string()),
            ("venue", self.venue.to_string()),
            ("trainers", self.trainers.as_str().to_string()),
            ("participants", participants.join("; ")),
        ]
    }

    /// Everyone trained, all RCIs together.
    pub fn total_participants(&self) -> SexCount {
        self.participants
            .iter()
            .fold(SexCount::ZERO, |sum, p| sum.plus(p.people))
    }
}

/// One participant row as typed: the RCI and its counts and optional scores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParticipantsInput {
    /// The RCI chosen from the list; blank for a blank row.
    pub rci_id: String,
    /// People, as typed.
    pub total: String,
    /// Women among them, as typed; blank means none.
    pub female: String,
    /// The pre-training score in percent, as typed; blank if not measured.
    pub pre_score: String,
    /// The post-training score in percent, as typed; given with the pre-training one or not at all.
    pub post_score: String,
}

impl ParticipantsInput {
    /// Blank rows (no RCI chosen) are skipped by the form; a chosen RCI needs its counts.
    pub fn is_blank(&self) -> bool {
        self.rci_id.trim().is_empty()
    }

    /// Reads the form's row `row`; an error names its cell, `participants_<row>_<field>`.
    pub fn parse(&self, row: usize) -> Result<Participants, FieldError> {
        let field = |name: &str| format!("participants_{row}_{name}");
        let rci_id = self.rci_id.trim().parse::<i64>().map_err(|_| {
            FieldError::new(
                &field("rci_id"),
                Bilingual::new("choose an RCI from the list", "សូមជ្រើសរើសមណ្ឌលពីបញ្ជី"),
            )
        })?;
        let total = Count::parse_field("participants", &self.total)
            .map_err(|e| FieldError::new(&field("total"), e))?;
        let female = Count::parse_field("female participants", &self.female)
            .map_err(|e| FieldError::new(&field("female"), e))?;
        let people = SexCount::new_field("participants", total.get(), female.get())
            .map_err(|e| FieldError::new(&field("female"), e))?;
        let score = |name: &str, raw: &str| -> Result<Option<u8>, FieldError> {
            if raw.trim().is_empty() {
                return Ok(None);
            }
            match raw.trim().parse::<u8>() {
                Ok(v) if v <= 100 => Ok(Some(v)),
                _ => Err(FieldError::new(
                    &field(name),
                    Bilingual::new(
                        "a score is a percentage from 0 to 100",
                        "ពិន្ទុជាភាគរយពី 0 ដល់ 100",
                    ),
                )),
            }
        };
        let scores = match (
            score("pre_score", &self.pre_score)?,
            score("post_score", &self.post_score)?,
        ) {
            (Some(pre), Some(post)) => Some((pre, post)),
            (None, None) => None,
            _ => {
                return Err(FieldError::new(
                    &field("post_score"),
                    Bilingual::new(
                        "give both the pre- and the post-training score, or neither",
                        "សូមផ្តល់ពិន្ទុទាំងមុន និងក្រោយវគ្គ ឬមិនផ្តល់ទាំងពីរ",
                    ),
                ))
            }
        };
        Ok(Participants {
            rci_id,
            people,
            scores,
        })
    }
}

/// A range of days from a form's `starts_on` and `ends_on` fields, each error at its own field.
pub(crate) fn date_range(starts_on: &str, ends_on: &str) -> Result<DateRange, FieldError> {
    let start = parse_date("start date", starts_on).map_err(FieldError::at("starts_on"))?;
    let end = parse_date("end date", ends_on).map_err(FieldError::at("ends_on"))?;
    DateRange::new(start, end).map_err(FieldError::at("ends_on"))
}

/// A training as typed into its form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainingInput {
    /// A [`TrainingCategory`] key.
    pub category: String,
    /// The title, as typed.
    pub title: String,
    /// The first day (YYYY-MM-DD).
    pub starts_on: String,
    /// The last day (YYYY-MM-DD).
    pub ends_on: String,
    /// The venue, as typed.
    pub venue: String,
    /// Who trained, as typed.
    pub trainers: String,
    /// One per participants row of the form, blank rows included.
    pub participants: Vec<ParticipantsInput>,
}

impl TrainingInput {
    /// The input from a form whose participant rows are `participants_<n>_<field>`; refused
    /// when the form claims more rows than any training has.
    pub fn from_form(form: &Form) -> Result<Self, FieldError> {
        let get = |name: &str| text(form, name).to_string();
        let cell = |row: usize, field: &str| get(&cell_name("participants", row, field));
        Ok(Self {
            category: get("category"),
            title: get("title"),
            starts_on: get("starts_on"),
            ends_on: get("ends_on"),
            venue: get("venue"),
            trainers: get("trainers"),
            participants: (0..row_count(form, "participants")?)
                .map(|row| ParticipantsInput {
                    rci_id: cell(row, "rci_id"),
                    total: cell(row, "total"),
                    female: cell(row, "female"),
                    pre_score: cell(row, "pre_score"),
                    post_score: cell(row, "post_score"),
                })
                .collect(),
        })
    }

    /// Refuses an unknown category, a missing title or venue, an end before the start, a bad row,
    /// and an RCI listed twice.
    pub fn parse(&self) -> Result<Training, FieldError> {
        let at = FieldError::at;
        let category = TrainingCategory::parse(&self.category).ok_or_else(|| {
            FieldError::new(
                "category",
                Bilingual::new("choose the training's category", "សូមជ្រើសរើសប្រភេទវគ្គបណ្តុះបណ្តាល"),
            )
        })?;
        let title = Name::parse_field("title", &self.title).map_err(at("title"))?;
        let dates = date_range(&self.starts_on, &self.ends_on)?;
        let venue = Name::parse_field("venue", &self.venue).map_err(at("venue"))?;
        let trainers = Note::parse_field("trainers", &self.trainers).map_err(at("trainers"))?;
        let mut participants = Vec::new();
        for (row, input) in self
            .participants
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_blank())
        {
            let p = input.parse(row)?;
            if participants
                .iter()
                .any(|q: &Participants| q.rci_id == p.rci_id)
            {
                return Err(FieldError::new(
                    &format!("participants_{row}_rci_id"),
                    Bilingual::new("this RCI is listed twice", "មណ្ឌលនេះមានក្នុងបញ្ជីពីរដង"),
                ));
            }
            participants.push(p);
        }
        Ok(Training {
            category,
            title,
            dates,
            venue,
            trainers,
            participants,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> TrainingInput {
        TrainingInput {
            category: "positive_parenting".into(),
            title: "Positive parenting for kinship carers".into(),
            starts_on: "2026-05-04".into(),
            ends_on: "2026-05-05".into(),
            venue: "Battambang DoSVY hall".into(),
            trainers: "Two M'lup Russey social workers".into(),
            participants: vec![
                ParticipantsInput {
                    rci_id: "2".into(),
                    total: "5".into(),
                    female: "4".into(),
                    pre_score: "40".into(),
                    post_score: "75".into(),
                },
                ParticipantsInput::default(),
                ParticipantsInput {
                    rci_id: "3".into(),
                    total: "3".into(),
                    female: "1".into(),
                    ..ParticipantsInput::default()
                },
            ],
        }
    }

    #[test]
    fn a_training_parses_skipping_blank_rows_and_sums_participants() {
        let t = input().parse().unwrap();
        assert_eq!(t.participants.len(), 2);
        assert_eq!(t.participants[0].scores, Some((40, 75)));
        assert_eq!(t.total_participants(), SexCount::new(8, 5).unwrap());
        assert_eq!(t.dates.days(), 2);
    }

    #[test]
    fn a_training_reads_from_its_form_rows() {
        let form: Form = [
            ("category", "positive_parenting"),
            ("title", "Positive parenting for kinship carers"),
            ("starts_on", "2026-05-04"),
            ("ends_on", "2026-05-05"),
            ("venue", "Battambang DoSVY hall"),
            ("participants_0_rci_id", "2"),
            ("participants_0_total", "5"),
            ("participants_0_female", "4"),
            ("participants_0_pre_score", "40"),
            ("participants_0_post_score", "75"),
            ("participants_2_rci_id", "3"),
            ("participants_2_total", "3"),
            ("participants_2_female", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let input = TrainingInput::from_form(&form).unwrap();
        assert_eq!(input.participants.len(), 3);
        assert!(input.participants[1].is_blank());
        let t = input.parse().unwrap();
        assert_eq!(t.total_participants(), SexCount::new(8, 5).unwrap());
        assert_eq!(t.participants[0].scores, Some((40, 75)));
    }

    #[test]
    fn each_bad_training_field_is_named() {
        type Edit = fn(&mut TrainingInput);
        let cases: [(Edit, &str); 8] = [
            (|t| t.category = "yoga".into(), "category"),
            (|t| t.title = "".into(), "title"),
            (|t| t.ends_on = "2026-05-01".into(), "ends_on"),
            (|t| t.venue = " ".into(), "venue"),
            (
                |t| t.participants[0].female = "6".into(),
                "participants_0_female",
            ),
            (
                |t| t.participants[0].post_score = "101".into(),
                "participants_0_post_score",
            ),
            (
                |t| t.participants[2].pre_score = "50".into(),
                "participants_2_post_score",
            ),
            (
                |t| t.participants[2].rci_id = "2".into(),
                "participants_2_rci_id",
            ),
        ];
        for (edit, field) in cases {
            let mut t = input();
            edit(&mut t);
            assert_eq!(t.parse().unwrap_err().field, field, "{t:?}");
        }
    }
}
