//! How ready an RCI's director and principal donor are to move to family-based care. The
//! organisation keeps a list of indicators — positive signs and risks about the director, the
//! donor, their relationship and the organisation —; an adviser marks each present, absent or
//! not known on a date, and the answers give a readiness level (the rule is in
//! `docs/domain.md`). Levels over time, and the flags, come from the assessments recorded.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checklists::ItemKey;
use crate::risks::RiskFlag;
use crate::stages::Bilingual;
use crate::templates::{Move, StepInput, StepText};
use crate::values::{keyed, parse_date_on, FieldError, Note};

/// Whom an indicator is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum About {
    /// The RCI's director.
    Director,
    /// The RCI's principal donor.
    Donor,
    /// How the director and the donor work together.
    Relationship,
    /// The organisation that runs the RCI: board, staff, income.
    Organisation,
}

/// Whether an indicator, when present, helps or endangers the transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Polarity {
    /// Helps: the more present, the readier.
    Positive,
    /// Endangers: each one present lowers readiness.
    Risk,
}

/// What the adviser found about one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    /// Seen or said.
    Present,
    /// Looked for and not there.
    Absent,
    /// Not known yet: counts for nothing either way.
    Unknown,
}

/// How ready the RCI is, from the most favourable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Most positive signs present, at most one risk.
    Favourable,
    /// Neither favourable nor high risk.
    Mixed,
    /// Three or more risks present, or fewer than a third of the positive signs known present.
    HighRisk,
}

keyed!(About, Director => "director", Donor => "donor", Relationship => "relationship",
    Organisation => "organisation");
keyed!(Polarity, Positive => "positive", Risk => "risk");
keyed!(Answer, Present => "present", Absent => "absent", Unknown => "unknown");
keyed!(Level, Favourable => "favourable", Mixed => "mixed", HighRisk => "high_risk");

/// One indicator of the organisation's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Its stable key: answers are kept against it.
    pub key: ItemKey,
    /// Whom it is about.
    pub about: About,
    /// A positive sign or a risk.
    pub polarity: Polarity,
    /// What to look for, in both languages.
    pub text: Bilingual,
    /// How to tell, in both languages.
    pub guidance: Bilingual,
    /// No longer asked; past answers keep it.
    pub retired: bool,
}

/// An indicator as the organisation's form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorInput {
    /// An [`About`] key.
    pub about: String,
    /// A [`Polarity`] key.
    pub polarity: String,
    /// The wording in English (required).
    pub title_en: String,
    /// The wording in Khmer; blank takes the English until someone translates it.
    pub title_km: String,
    /// How to tell, in English.
    pub guidance_en: String,
    /// How to tell, in Khmer.
    pub guidance_km: String,
}

/// An indicator's checked words and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorText {
    /// Whom it is about.
    pub about: About,
    /// A positive sign or a risk.
    pub polarity: Polarity,
    /// The wording and guidance, checked like a checklist step's.
    pub words: StepText,
}

fn refuse(field: &str, en: impl Into<String>, km: impl Into<String>) -> FieldError {
    FieldError::new(field, Bilingual::new(en, km))
}

fn choice<T>(field: &str, found: Option<T>) -> Result<T, FieldError> {
    found.ok_or_else(|| refuse(field, "choose from the list", "សូមជ្រើសរើសពីបញ្ជី"))
}

impl IndicatorInput {
    /// Refuses a choice off the lists and words a checklist step would refuse.
    pub fn parse(&self) -> Result<IndicatorText, FieldError> {
        let about = choice("about", About::parse(&self.about))?;
        let polarity = choice("polarity", Polarity::parse(&self.polarity))?;
        let words = StepInput {
            title_en: self.title_en.clone(),
            title_km: self.title_km.clone(),
            guidance_en: self.guidance_en.clone(),
            guidance_km: self.guidance_km.clone(),
        }
        .parse()?;
        Ok(IndicatorText {
            about,
            polarity,
            words,
        })
    }

    /// The form filled in with an indicator, for editing.
    pub fn from_indicator(i: &Indicator) -> Self {
        Self {
            about: i.about.key().into(),
            polarity: i.polarity.key().into(),
            title_en: i.text.en.clone(),
            title_km: i.text.km.clone(),
            guidance_en: i.guidance.en.clone(),
            guidance_km: i.guidance.km.clone(),
        }
    }
}

/// One indicator's answer in an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answered {
    /// The indicator.
    pub key: ItemKey,
    /// What was found.
    pub answer: Answer,
    /// What the adviser saw or heard; may be empty.
    pub note: Note,
}

/// An assessment of an RCI's readiness on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The day of the assessment.
    pub assessed_on: NaiveDate,
    /// One answer per indicator asked, in the list's order.
    pub answers: Vec<Answered>,
}

/// The answers that decide the level, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Positive signs present.
    pub positives_present: u32,
    /// Positive signs present or absent (not unknown).
    pub positives_known: u32,
    /// Risks present.
    pub risks_present: u32,
    /// Indicators answered present or absent.
    pub known: u32,
}

impl Tally {
    /// The answers counted by their indicator's polarity; answers to indicators not in the list
    /// count for nothing.
    pub fn of(indicators: &[Indicator], answers: &[Answered]) -> Tally {
        let polarity = |key: &ItemKey| {
            indicators
                .iter()
                .find(|i| &i.key == key)
                .map(|i| i.polarity)
        };
        answers.iter().fold(Tally::default(), |mut t, a| {
            let known = a.answer != Answer::Unknown;
            let present = a.answer == Answer::Present;
            match polarity(&a.key) {
                Some(Polarity::Positive) => {
                    t.positives_known += u32::from(known);
                    t.positives_present += u32::from(present);
                }
                Some(Polarity::Risk) => t.risks_present += u32::from(present),
                None => return t,
            }
            t.known += u32::from(known);
            t
        })
    }

    /// The level: high risk with three or more risks present, or fewer than a third of the
    /// positive signs answered found present; favourable with at most one risk present and at
    /// least two thirds of them present; mixed otherwise. `None` while nothing is known.
    pub fn level(&self) -> Option<Level> {
        if self.known == 0 {
            return None;
        }
        let (present, known) = (
            u64::from(self.positives_present),
            u64::from(self.positives_known),
        );
        if self.risks_present >= 3 || (known > 0 && present * 3 < known) {
            Some(Level::HighRisk)
        } else if self.risks_present <= 1 && known > 0 && present * 3 >= known * 2 {
            Some(Level::Favourable)
        } else {
            Some(Level::Mixed)
        }
    }
}

impl Indicator {
    /// The indicator as the history records it.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("about", self.about.key().to_string()),
            ("sign", self.polarity.key().to_string()),
            ("title", self.text.en.clone()),
            ("title (Khmer)", self.text.km.clone()),
            ("guidance", self.guidance.en.clone()),
            ("guidance (Khmer)", self.guidance.km.clone()),
            (
                "retired",
                if self.retired { "yes" } else { "no" }.to_string(),
            ),
        ]
    }
}

impl Assessment {
    /// The assessment as the history records it: its day, its level and how many indicators
    /// were answered present or absent.
    pub fn describe(&self, level: Level) -> Vec<(&'static str, String)> {
        let known = self
            .answers
            .iter()
            .filter(|a| a.answer != Answer::Unknown)
            .count();
        vec![
            ("assessment date", self.assessed_on.to_string()),
            ("readiness level", level.key().to_string()),
            ("indicators answered", known.to_string()),
        ]
    }
}

impl Assessment {
    /// The level its answers give, judged by the indicators' polarity; `None` while nothing
    /// is known.
    pub fn level(&self, indicators: &[Indicator]) -> Option<Level> {
        Tally::of(indicators, &self.answers).level()
    }
}

/// The indicator `key` swaps places with when moved: its neighbour among those about the same
/// one, if any.
pub fn neighbour(list: &[Indicator], key: &ItemKey, direction: Move) -> Option<ItemKey> {
    let about = list.iter().find(|i| &i.key == key)?.about;
    let group: Vec<&Indicator> = list.iter().filter(|i| i.about == about).collect();
    let at = group.iter().position(|i| &i.key == key)?;
    let other = match direction {
        Move::Up => at.checked_sub(1)?,
        Move::Down => at + 1,
    };
    group.get(other).map(|i| i.key.clone())
}

/// One indicator whose answer differs between two assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    /// The indicator.
    pub key: ItemKey,
    /// Its answer before (unknown when it was not asked).
    pub from: Answer,
    /// Its answer now (unknown when it is no longer asked).
    pub to: Answer,
}

/// What changed from `before` to `after`, indicator by indicator, in `after`'s order and then
/// `before`'s indicators no longer asked.
pub fn changes(before: &Assessment, after: &Assessment) -> Vec<Changed> {
    let answer = |a: &Assessment, key: &ItemKey| {
        a.answers
            .iter()
            .find(|x| &x.key == key)
            .map_or(Answer::Unknown, |x| x.answer)
    };
    let keys = after.answers.iter().map(|a| &a.key).chain(
        before
            .answers
            .iter()
            .map(|a| &a.key)
            .filter(|k| !after.answers.iter().any(|a| &a.key == *k)),
    );
    keys.filter_map(|key| {
        let (from, to) = (answer(before, key), answer(after, key));
        (from != to).then(|| Changed {
            key: key.clone(),
            from,
            to,
        })
    })
    .collect()
}

/// An assessment as the RCI's summary keeps it: its day, its level and how many answers
/// changed since the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessed {
    /// The day of the assessment.
    pub assessed_on: NaiveDate,
    /// The level it gave.
    pub level: Level,
    /// Answers changed since the previous assessment; `None` for the first.
    pub changed: Option<u32>,
}

/// An assessment as recorded: the level it gave on its day is kept, so a later edit of the
/// list never rewrites the past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// What the adviser found.
    pub assessment: Assessment,
    /// The level it gave.
    pub level: Level,
}

/// The summary's view of `recorded` (oldest first): each day and level, with how many answers
/// changed since the one before.
pub fn assessed(recorded: &[Recorded]) -> Vec<Assessed> {
    recorded
        .iter()
        .enumerate()
        .map(|(at, r)| Assessed {
            assessed_on: r.assessment.assessed_on,
            level: r.level,
            changed: at
                .checked_sub(1)
                .map(|before| changes(&recorded[before].assessment, &r.assessment).len() as u32),
        })
        .collect()
}

/// The latest assessment on `today` and the level of the one before it.
pub fn latest(assessed: &[Assessed], today: NaiveDate) -> Option<(Assessed, Option<Level>)> {
    let mut past: Vec<&Assessed> = assessed.iter().filter(|a| a.assessed_on <= today).collect();
    past.sort_by_key(|a| a.assessed_on);
    let last = **past.last()?;
    let before = past.len().checked_sub(2).map(|i| past[i].level);
    Some((last, before))
}

/// How often readiness is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessSettings {
    /// Days after the last assessment (or the transition's start) before one is overdue.
    pub assess_every_days: u32,
}

impl Default for ReadinessSettings {
    /// A year: readiness changes slowly, but a year-old picture no longer guides the work.
    fn default() -> Self {
        Self {
            assess_every_days: 365,
        }
    }
}

/// The day the next assessment is due: a period after the latest as of `today` (or after the
/// transition's start before the first).
pub fn assessment_due(
    assessed: &[Assessed],
    settings: &ReadinessSettings,
    transition_start: NaiveDate,
    today: NaiveDate,
) -> NaiveDate {
    let since = latest(assessed, today).map_or(transition_start, |(a, _)| a.assessed_on);
    since + chrono::Days::new(u64::from(settings.assess_every_days))
}

/// The flags of an RCI's readiness on `today`: its latest level high risk; no assessment for
/// longer than the setting (counted from the transition's start before the first).
pub fn flags(
    assessed: &[Assessed],
    settings: &ReadinessSettings,
    transition_start: NaiveDate,
    today: NaiveDate,
) -> Vec<RiskFlag> {
    let last = latest(assessed, today).map(|(a, _)| a);
    let mut flags = Vec::new();
    if last.is_some_and(|a| a.level == Level::HighRisk) {
        flags.push(RiskFlag::ReadinessHighRisk);
    }
    let due = assessment_due(assessed, settings, transition_start, today);
    if today > due {
        flags.push(RiskFlag::ReadinessOverdue {
            days: (today - due).num_days(),
        });
    }
    flags
}

/// The form's field for an indicator's answer.
pub fn answer_field(key: &ItemKey) -> String {
    format!("answer_{}", key.as_str())
}

/// The form's field for an indicator's note.
pub fn note_field(key: &ItemKey) -> String {
    format!("note_{}", key.as_str())
}

/// An assessment as the form sends it: `assessed_on`, and per indicator asked `answer_<key>`
/// and `note_<key>`. Only the indicators asked are read, so a form's size never sizes the work.
pub fn parse_assessment(
    form: &HashMap<String, String>,
    asked: &[Indicator],
    today: NaiveDate,
) -> Result<Assessment, FieldError> {
    let field = |name: &str| form.get(name).map_or("", String::as_str);
    let assessed_on = parse_date_on("assessment date", field("assessed_on"), today)
        .map_err(FieldError::at("assessed_on"))?;
    if assessed_on > today {
        return Err(refuse(
            "assessed_on",
            format!("the date {assessed_on} is in the future"),
            format!("កាលបរិច្ឆេទ {assessed_on} ស្ថិតនៅថ្ងៃអនាគត"),
        ));
    }
    let mut answers = Vec::with_capacity(asked.len());
    for indicator in asked {
        let name = answer_field(&indicator.key);
        let answer = match field(&name).trim() {
            "" => Answer::Unknown,
            raw => choice(&name, Answer::parse(raw))?,
        };
        let note_name = note_field(&indicator.key);
        let note = Note::parse_field("note", field(&note_name))
            .map_err(|e| FieldError::new(&note_name, e))?;
        answers.push(Answered {
            key: indicator.key.clone(),
            answer,
            note,
        });
    }
    if answers.iter().all(|a| a.answer == Answer::Unknown) {
        let first = asked
            .first()
            .map_or("assessed_on".to_string(), |i| answer_field(&i.key));
        return Err(refuse(
            &first,
            "mark at least one indicator present or absent",
            "សូមសម្គាល់សូចនាករយ៉ាងហោចណាស់មួយថា មាន ឬ គ្មាន",
        ));
    }
    Ok(Assessment {
        assessed_on,
        answers,
    })
}

/// The organisation's first list of indicators, written for Homeward from what the
/// Transitioning Models of Care assessment looks at: the director's and the principal donor's
/// motivations and circumstances, how they work together, and the organisation around them.
pub fn default_indicators() -> Vec<Indicator> {
    use About::*;
    use Polarity::*;
    #[rustfmt::skip]
    let list: [(&str, About, Polarity, &str, &str, &str, &str); 20] = [
        ("director_wants_families", Director, Positive,
         "The director wants the children to grow up in families",
         "នាយកចង់ឱ្យកុមារធំធាត់នៅក្នុងគ្រួសារ",
         "Listen for it in the director's own words, not only in agreement with the adviser.",
         "ស្តាប់ពីពាក្យសម្ដីផ្ទាល់របស់នាយក មិនមែនត្រឹមតែការយល់ស្របជាមួយទីប្រឹក្សាទេ។"),
        ("director_understands_harm", Director, Positive,
         "The director understands how growing up in residential care can harm children",
         "នាយកយល់ថាការធំធាត់ក្នុងមណ្ឌលថែទាំអាចប៉ះពាល់ដល់កុមារ",
         "Can the director name effects on attachment, development or safety?",
         "តើនាយកអាចប្រាប់ពីផលប៉ះពាល់ទៅលើទំនាក់ទំនង ការលូតលាស់ ឬសុវត្ថិភាពបានទេ?"),
        ("director_open_to_change", Director, Positive,
         "The director is open to changing what the organisation does",
         "នាយកបើកចិត្តផ្លាស់ប្តូរការងាររបស់អង្គការ",
         "For example, asks about family support or day care rather than defending the home.",
         "ឧទាហរណ៍ សួរអំពីការគាំទ្រគ្រួសារ ឬមណ្ឌលថែទាំពេលថ្ងៃ ជាជាងការពារមណ្ឌល។"),
        ("director_income_depends", Director, Risk,
         "The director's own income or housing depends on the RCI continuing",
         "ប្រាក់ចំណូល ឬលំនៅដ្ឋានរបស់នាយកពឹងលើការបន្តដំណើរការមណ្ឌល",
         "Salary, a house on the site or family members employed there.",
         "ប្រាក់ខែ ផ្ទះនៅក្នុងបរិវេណ ឬសមាជិកគ្រួសារធ្វើការនៅទីនោះ។"),
        ("director_fears_standing", Director, Risk,
         "The director fears losing standing in the community if the RCI changes",
         "នាយកខ្លាចបាត់បង់កិត្តិយសក្នុងសហគមន៍ ប្រសិនបើមណ្ឌលផ្លាស់ប្តូរ",
         "Worries about what the pagoda, officials or neighbours will say.",
         "បារម្ភអំពីអ្វីដែលវត្ត មន្ត្រី ឬអ្នកជិតខាងនឹងនិយាយ។"),
        ("director_stalled_before", Director, Risk,
         "The director has refused or stalled earlier advice to reintegrate children",
         "នាយកធ្លាប់បដិសេធ ឬពន្យារដំបូន្មានឱ្យធ្វើសមាហរណកម្មកុមារ",
         "Earlier plans agreed and then not followed.",
         "ផែនការដែលបានព្រមព្រៀងពីមុន ប៉ុន្តែមិនបានអនុវត្ត។"),
        ("donor_supports_transition", Donor, Positive,
         "The principal donor supports moving to family-based care",
         "ម្ចាស់ជំនួយចម្បងគាំទ្រការផ្លាស់ប្តូរទៅការថែទាំកុមារក្នុងគ្រួសារ",
         "Said in writing or in a meeting with the adviser present.",
         "បាននិយាយជាលាយលក្ខណ៍អក្សរ ឬក្នុងកិច្ចប្រជុំដែលមានទីប្រឹក្សាចូលរួម។"),
        ("donor_funds_transition", Donor, Positive,
         "The principal donor will keep funding during the transition",
         "ម្ចាស់ជំនួយចម្បងនឹងបន្តផ្តល់មូលនិធិក្នុងអំឡុងពេលផ្លាស់ប្តូរ",
         "A commitment for at least the coming year.",
         "ការប្តេជ្ញាយ៉ាងហោចណាស់សម្រាប់ឆ្នាំខាងមុខ។"),
        ("donor_funding_flexible", Donor, Positive,
         "The donor's money can be moved to family and community services",
         "ថវិការបស់ម្ចាស់ជំនួយអាចផ្ទេរទៅសេវាគ្រួសារ និងសហគមន៍បាន",
         "No restriction to food, beds or buildings for residents.",
         "គ្មានការកំណត់ត្រឹមអាហារ គ្រែ ឬអគារសម្រាប់អ្នករស់នៅ។"),
        ("donor_gives_for_residents", Donor, Risk,
         "The donor's giving is tied to children living at the RCI",
         "ជំនួយរបស់ម្ចាស់ជំនួយភ្ជាប់នឹងកុមាររស់នៅក្នុងមណ្ឌល",
         "Child sponsorship, photographs or visits that need children in residence.",
         "ការឧបត្ថម្ភកុមារ រូបថត ឬការមកលេងដែលត្រូវការកុមាររស់នៅក្នុងមណ្ឌល។"),
        ("donor_sends_visitors", Donor, Risk,
         "The donor sends volunteers or visitors to the RCI",
         "ម្ចាស់ជំនួយបញ្ជូនអ្នកស្ម័គ្រចិត្ត ឬភ្ញៀវមកមណ្ឌល",
         "Short-term volunteers, church groups or tourists.",
         "អ្នកស្ម័គ្រចិត្តរយៈពេលខ្លី ក្រុមព្រះវិហារ ឬភ្ញៀវទេសចរ។"),
        ("donor_may_withdraw", Donor, Risk,
         "The donor has said it would stop funding if the RCI changes",
         "ម្ចាស់ជំនួយបាននិយាយថានឹងឈប់ផ្តល់ថវិកា ប្រសិនបើមណ្ឌលផ្លាស់ប្តូរ",
         "Directly, or through the director.",
         "ដោយផ្ទាល់ ឬតាមរយៈនាយក។"),
        ("relationship_trust", Relationship, Positive,
         "The director and the donor trust each other and talk openly",
         "នាយក និងម្ចាស់ជំនួយទុកចិត្តគ្នា ហើយនិយាយគ្នាដោយបើកចំហ",
         "They share plans and problems without the adviser in between.",
         "ពួកគេចែករំលែកផែនការ និងបញ្ហាដោយមិនចាំបាច់មានទីប្រឹក្សានៅកណ្ដាល។"),
        ("relationship_decide_together", Relationship, Positive,
         "The director and the donor decide together about the RCI's future",
         "នាយក និងម្ចាស់ជំនួយសម្រេចចិត្តរួមគ្នាអំពីអនាគតរបស់មណ្ឌល",
         "Both were in the room when the transition was agreed.",
         "ទាំងពីរនាក់បានចូលរួម នៅពេលព្រមព្រៀងលើការផ្លាស់ប្តូរ។"),
        ("relationship_donor_controls", Relationship, Risk,
         "The donor makes the decisions and the director cannot act alone",
         "ម្ចាស់ជំនួយជាអ្នកសម្រេចចិត្ត ហើយនាយកមិនអាចធ្វើសកម្មភាពតែម្នាក់ឯងបាន",
         "Every change waits for the donor's approval.",
         "រាល់ការផ្លាស់ប្តូររង់ចាំការយល់ព្រមពីម្ចាស់ជំនួយ។"),
        ("relationship_disagree", Relationship, Risk,
         "The director and the donor disagree about the transition",
         "នាយក និងម្ចាស់ជំនួយមិនយល់ស្របគ្នាអំពីការផ្លាស់ប្តូរ",
         "One wants it, the other does not, or they want different ends.",
         "ម្នាក់ចង់ ម្នាក់ទៀតមិនចង់ ឬពួកគេចង់បានលទ្ធផលខុសគ្នា។"),
        ("organisation_board_agrees", Organisation, Positive,
         "The board, or the owners, agree to the transition",
         "ក្រុមប្រឹក្សាភិបាល ឬម្ចាស់ យល់ព្រមលើការផ្លាស់ប្តូរ",
         "A decision minuted or signed.",
         "ការសម្រេចចិត្តដែលបានកត់ត្រា ឬចុះហត្ថលេខា។"),
        ("organisation_social_work", Organisation, Positive,
         "Staff have, or can learn, social-work skills",
         "បុគ្គលិកមានជំនាញការងារសង្គម ឬអាចរៀនបាន",
         "Someone to trace families and follow children after they return.",
         "មាននរណាម្នាក់ស្វែងរកគ្រួសារ និងតាមដានកុមារក្រោយពេលពួកគេត្រឡប់ទៅវិញ។"),
        ("organisation_other_income", Organisation, Positive,
         "The organisation has income not tied to residential care",
         "អង្គការមានប្រាក់ចំណូលដែលមិនភ្ជាប់នឹងការថែទាំក្នុងមណ្ឌល",
         "Grants, a business or community programmes.",
         "ជំនួយឥតសំណង អាជីវកម្ម ឬកម្មវិធីសហគមន៍។"),
        ("organisation_still_admits", Organisation, Risk,
         "Children are still being admitted or recruited",
         "នៅតែមានការទទួល ឬជ្រើសរើសកុមារចូលមណ្ឌល",
         "New arrivals since the last visit, or staff looking for children.",
         "មានកុមារមកថ្មីតាំងពីការចុះលើកមុន ឬបុគ្គលិកកំពុងស្វែងរកកុមារ។"),
    ];
    list.into_iter()
        .map(
            |(key, about, polarity, en, km, guidance_en, guidance_km)| Indicator {
                key: ItemKey::parse(key).expect("the default keys are valid"),
                about,
                polarity,
                text: Bilingual::new(en, km),
                guidance: Bilingual::new(guidance_en, guidance_km),
                retired: false,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn answered(indicators: &[Indicator], answers: &[Answer]) -> Vec<Answered> {
        indicators
            .iter()
            .zip(answers)
            .map(|(i, a)| Answered {
                key: i.key.clone(),
                answer: *a,
                note: Note::default(),
            })
            .collect()
    }

    #[test]
    fn the_default_list_is_balanced_and_keyed_once() {
        let list = default_indicators();
        assert_eq!(list.len(), 20);
        for about in About::ALL {
            assert!(list.iter().filter(|i| i.about == *about).count() >= 4);
        }
        let mut keys: Vec<_> = list.iter().map(|i| i.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 20);
        assert!(list.iter().all(|i| i.text.km != i.text.en));
    }

    #[test]
    fn the_level_rule() {
        let t = |pp, pk, r| Tally {
            positives_present: pp,
            positives_known: pk,
            risks_present: r,
            known: pk.max(1),
        };
        assert_eq!(t(8, 10, 1).level(), Some(Level::Favourable));
        assert_eq!(t(2, 3, 0).level(), Some(Level::Favourable));
        assert_eq!(t(8, 10, 2).level(), Some(Level::Mixed));
        assert_eq!(t(5, 10, 0).level(), Some(Level::Mixed));
        assert_eq!(t(0, 0, 1).level(), Some(Level::Mixed));
        assert_eq!(t(10, 10, 3).level(), Some(Level::HighRisk));
        assert_eq!(t(3, 10, 0).level(), Some(Level::HighRisk));
        assert_eq!(Tally::default().level(), None);
    }

    #[test]
    fn a_form_is_read_for_the_indicators_asked_only() {
        let list = default_indicators();
        let mut form = HashMap::from([
            ("assessed_on".to_string(), "2026-11-01".to_string()),
            (answer_field(&list[0].key), "present".to_string()),
            (note_field(&list[0].key), " said so twice ".to_string()),
            (answer_field(&list[3].key), "absent".to_string()),
            ("answer_not_an_indicator".to_string(), "present".to_string()),
        ]);
        let a = parse_assessment(&form, &list, day("2026-12-01")).unwrap();
        assert_eq!(a.answers.len(), 20);
        assert_eq!(a.answers[0].answer, Answer::Present);
        assert_eq!(a.answers[0].note.as_str(), "said so twice");
        assert_eq!(a.answers[1].answer, Answer::Unknown);
        let t = Tally::of(&list, &a.answers);
        assert_eq!((t.positives_present, t.positives_known, t.known), (1, 1, 2));

        form.insert(answer_field(&list[1].key), "maybe".into());
        let e = parse_assessment(&form, &list, day("2026-12-01")).unwrap_err();
        assert_eq!(e.field, answer_field(&list[1].key));

        let nothing = HashMap::from([("assessed_on".to_string(), "2026-11-01".to_string())]);
        let e = parse_assessment(&nothing, &list, day("2026-12-01")).unwrap_err();
        assert_eq!(e.field, answer_field(&list[0].key));
        assert!(e.message.km.contains("សូចនាករ"));

        let later = HashMap::from([("assessed_on".to_string(), "2026-12-02".to_string())]);
        let e = parse_assessment(&later, &list, day("2026-12-01")).unwrap_err();
        assert_eq!(e.field, "assessed_on");
    }

    #[test]
    fn changes_name_each_answer_that_moved() {
        let list = default_indicators();
        use Answer::*;
        let before = Assessment {
            assessed_on: day("2026-01-01"),
            answers: answered(&list, &[Present, Absent, Unknown]),
        };
        let after = Assessment {
            assessed_on: day("2026-06-01"),
            answers: answered(&list[1..], &[Present, Unknown]),
        };
        let moved = changes(&before, &after);
        let keys: Vec<_> = moved
            .iter()
            .map(|c| (c.key.as_str(), c.from, c.to))
            .collect();
        assert_eq!(
            keys,
            [
                ("director_understands_harm", Absent, Present),
                ("director_wants_families", Present, Unknown),
            ]
        );
    }

    #[test]
    fn flags_high_risk_and_overdue() {
        let start = day("2025-01-01");
        let settings = ReadinessSettings::default();
        assert_eq!(
            flags(&[], &settings, start, day("2026-01-02")),
            [RiskFlag::ReadinessOverdue { days: 1 }]
        );
        let assessed = [
            Assessed {
                assessed_on: day("2025-06-01"),
                level: Level::Mixed,
                changed: None,
            },
            Assessed {
                assessed_on: day("2026-03-01"),
                level: Level::HighRisk,
                changed: Some(4),
            },
        ];
        assert_eq!(
            flags(&assessed, &settings, start, day("2026-04-01")),
            [RiskFlag::ReadinessHighRisk]
        );
        // Before the high-risk assessment, only the earlier one counts.
        assert_eq!(flags(&assessed, &settings, start, day("2026-02-01")), []);
        let (last, before) = latest(&assessed, day("2026-04-01")).unwrap();
        assert_eq!((last.level, before), (Level::HighRisk, Some(Level::Mixed)));
    }

    fn answers() -> impl Strategy<Value = Vec<Answer>> {
        prop::collection::vec(prop::sample::select(Answer::ALL.to_vec()), 20)
    }

    proptest! {
        /// One more risk present never makes the level more favourable.
        #[test]
        fn a_risk_present_never_helps(given in answers(), which in 0usize..20) {
            let list = default_indicators();
            let risks: Vec<usize> = (0..20).filter(|i| list[*i].polarity == Polarity::Risk).collect();
            let at = risks[which % risks.len()];
            let mut more = given.clone();
            more[at] = Answer::Present;
            let before = Tally::of(&list, &answered(&list, &given)).level();
            let after = Tally::of(&list, &answered(&list, &more)).level();
            if let (Some(b), Some(a)) = (before, after) {
                prop_assert!(a >= b);
            }
            prop_assert!(after.is_some());
        }

        /// A positive sign found present never makes the level worse.
        #[test]
        fn a_positive_present_never_hurts(given in answers(), which in 0usize..20) {
            let list = default_indicators();
            let positives: Vec<usize> = (0..20).filter(|i| list[*i].polarity == Polarity::Positive).collect();
            let at = positives[which % positives.len()];
            let mut more = given.clone();
            more[at] = Answer::Present;
            let before = Tally::of(&list, &answered(&list, &given)).level();
            let after = Tally::of(&list, &answered(&list, &more)).level();
            if let (Some(b), Some(a)) = (before, after) {
                prop_assert!(a <= b);
            }
        }

        /// Answers nobody knows leave the level as it is.
        #[test]
        fn unknowns_count_for_nothing(given in answers()) {
            let list = default_indicators();
            let kept = answered(&list, &given);
            let known_only: Vec<Answered> = kept.iter().filter(|a| a.answer != Answer::Unknown).cloned().collect();
            prop_assert_eq!(Tally::of(&list, &kept).level(), Tally::of(&list, &known_only).level());
        }
    }
}
