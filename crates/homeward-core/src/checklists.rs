//! Checklists: the template of steps for each track, and one RCI's state of each step.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::stages::{Bilingual, Stage, Track};
use crate::values::{
    keyed, optional_name, parse_date, parse_date_on, FieldError, Name, Note, ValueError,
};

/// Why a checklist change was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum ChecklistError {
    /// A text or date of the change was invalid.
    #[error(transparent)]
    Value(#[from] ValueError),
    /// A step's key is not 2–60 lower-case letters, digits or underscores; it holds the key.
    #[error("item key must be 2–60 lowercase letters, digits or underscores: {0}")]
    BadKey(String),
    /// Two steps of a template would share a key, and RCIs' copies could not be matched.
    #[error("the template already has an item with the key {0}")]
    DuplicateKey(String),
    /// The status is none of [`StatusKind::ALL`]'s keys; it holds the text given.
    #[error("unknown status: {0}")]
    UnknownStatus(String),
    /// A done step needs the day it was done: progress over time is read from it.
    #[error("a done item needs the date it was done")]
    DoneWithoutDate,
    /// A step cannot be done on a day that has not come yet.
    #[error("the done date {0} is in the future")]
    DoneInFuture(NaiveDate),
}

impl ChecklistError {
    /// The Khmer wording of the refusal.
    pub fn khmer(&self) -> String {
        match self {
            ChecklistError::Value(e) => e.khmer(),
            ChecklistError::BadKey(key) => {
                format!("កូដចំណុចត្រូវមាន 2–60 អក្សរតូច លេខ ឬ _ ៖ {key}")
            }
            ChecklistError::DuplicateKey(key) => format!("គំរូមានចំណុចដែលមានកូដ {key} រួចហើយ"),
            ChecklistError::UnknownStatus(status) => format!("ស្ថានភាពមិនស្គាល់៖ {status}"),
            ChecklistError::DoneWithoutDate => "ចំណុចដែលបានធ្វើរួច ត្រូវការកាលបរិច្ឆេទដែលបានធ្វើ".into(),
            ChecklistError::DoneInFuture(on) => {
                format!("កាលបរិច្ឆេទធ្វើរួច {on} ស្ថិតនៅថ្ងៃអនាគត")
            }
        }
    }
}

/// The stable identity of a checklist step, shared by the template and every RCI's copy of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ItemKey(String);

impl ItemKey {
    /// Accepts 2–60 lower-case ASCII letters, digits or underscores: safe in URLs and forms.
    pub fn parse(raw: &str) -> Result<Self, ChecklistError> {
        let ok = (2..=60).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err(ChecklistError::BadKey(raw.to_string()))
        }
    }

    /// The key as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ItemKey {
    type Error = ChecklistError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ItemKey> for String {
    fn from(value: ItemKey) -> Self {
        value.0
    }
}

/// One step of a template: what to do, in both languages, and a hint on how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateItem {
    /// Matches the step to every RCI's copy of it.
    pub key: ItemKey,
    /// The stage, or the organisation track, the step belongs to.
    pub track: Track,
    /// What to do.
    pub title: Bilingual,
    /// How to do it: forms to use, people to involve, what to watch for.
    pub guidance: Bilingual,
    /// Retired by the organisation: new RCIs no longer get it; RCIs that have it keep it.
    #[serde(default)]
    pub retired: bool,
}

/// The steps a new partner RCI starts with. Organisations extend the default with their own steps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    items: Vec<TemplateItem>,
}

impl Template {
    /// Every step, retired ones included, in order.
    pub fn items(&self) -> &[TemplateItem] {
        &self.items
    }

    /// The steps a new RCI gets: every step not retired, in order.
    pub fn active(&self) -> impl Iterator<Item = &TemplateItem> {
        self.items.iter().filter(|i| !i.retired)
    }

    /// Adds a step at the end of its track; keys stay unique so RCIs' copies can be matched to it.
    pub fn add(&mut self, item: TemplateItem) -> Result<(), ChecklistError> {
        if self.items.iter().any(|i| i.key == item.key) {
            return Err(ChecklistError::DuplicateKey(item.key.0));
        }
        self.items.push(item);
        Ok(())
    }

    /// The steps of one track, in order.
    pub fn for_track(&self, track: Track) -> impl Iterator<Item = &TemplateItem> {
        self.items.iter().filter(move |i| i.track == track)
    }
}

/// Where one step stands for one RCI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemStatus {
    /// Nothing done yet: every new copy of a step starts here.
    #[default]
    NotStarted,
    /// Work has begun.
    InProgress,
    /// Finished: counts as done in progress.
    Done {
        /// The day it was done, which dates the progress chart.
        on: NaiveDate,
    },
    /// Does not apply to this RCI; excluded from progress.
    NotApplicable {
        /// Why it does not apply (never empty).
        reason: Note,
    },
    /// Stuck: still work to do, so it counts against progress.
    Blocked {
        /// What it is waiting for (never empty).
        reason: Note,
    },
}

/// What a status is, without its date or reason: what the status select offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusKind {
    /// Nothing done yet.
    NotStarted,
    /// Work has begun.
    InProgress,
    /// Finished, on a given day.
    Done,
    /// Does not apply to this RCI, for a given reason.
    NotApplicable,
    /// Stuck, for a given reason.
    Blocked,
}

impl StatusKind {
    /// Every status, in the order the status select offers them.
    pub const ALL: [StatusKind; 5] = [
        StatusKind::NotStarted,
        StatusKind::InProgress,
        StatusKind::Done,
        StatusKind::NotApplicable,
        StatusKind::Blocked,
    ];

    /// The stored and submitted name.
    pub fn key(self) -> &'static str {
        match self {
            StatusKind::NotStarted => "not_started",
            StatusKind::InProgress => "in_progress",
            StatusKind::Done => "done",
            StatusKind::NotApplicable => "not_applicable",
            StatusKind::Blocked => "blocked",
        }
    }

    /// The kind with this key; `None` for anything else.
    pub fn parse(key: &str) -> Option<StatusKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl ItemStatus {
    /// The status's kind, without its date or reason.
    pub fn status_kind(&self) -> StatusKind {
        match self {
            ItemStatus::NotStarted => StatusKind::NotStarted,
            ItemStatus::InProgress => StatusKind::InProgress,
            ItemStatus::Done { .. } => StatusKind::Done,
            ItemStatus::NotApplicable { .. } => StatusKind::NotApplicable,
            ItemStatus::Blocked { .. } => StatusKind::Blocked,
        }
    }

    /// The stored and submitted name of the status.
    pub fn kind(&self) -> &'static str {
        self.status_kind().key()
    }

    /// Builds a status from a form's or a row's parts, refusing a done without a date or a
    /// not-applicable/blocked without a reason. `today` bounds the done date.
    pub fn from_parts(
        kind: &str,
        date: Option<&str>,
        reason: &str,
        today: NaiveDate,
    ) -> Result<ItemStatus, ChecklistError> {
        match kind {
            "not_started" => Ok(ItemStatus::NotStarted),
            "in_progress" => Ok(ItemStatus::InProgress),
            "done" => {
                let raw = date
                    .filter(|d| !d.trim().is_empty())
                    .ok_or(ChecklistError::DoneWithoutDate)?;
                let on = parse_date("done date", raw)?;
                if on > today {
                    return Err(ChecklistError::DoneInFuture(on));
                }
                Ok(ItemStatus::Done { on })
            }
            "not_applicable" => Ok(ItemStatus::NotApplicable {
                reason: Note::parse_required("reason it does not apply", reason)?,
            }),
            "blocked" => Ok(ItemStatus::Blocked {
                reason: Note::parse_required("reason it is blocked", reason)?,
            }),
            other => Err(ChecklistError::UnknownStatus(other.to_string())),
        }
    }

    /// Whether the step is finished.
    pub fn is_done(&self) -> bool {
        matches!(self, ItemStatus::Done { .. })
    }

    /// The day the step was done, if it is.
    pub fn done_on(&self) -> Option<NaiveDate> {
        match self {
            ItemStatus::Done { on } => Some(*on),
            _ => None,
        }
    }

    /// Not-applicable items are left out of progress: they are neither work done nor work to do.
    pub fn counts_towards_progress(&self) -> bool {
        !matches!(self, ItemStatus::NotApplicable { .. })
    }

    /// The reason given for a not-applicable or blocked step.
    pub fn reason(&self) -> Option<&Note> {
        match self {
            ItemStatus::NotApplicable { reason } | ItemStatus::Blocked { reason } => Some(reason),
            _ => None,
        }
    }
}

/// The titles of a step of an RCI's own as the "add a step" form sends them: text, read by
/// [`CustomStepInput::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomStepInput {
    /// The title in English (required).
    pub title_en: String,
    /// The title in Khmer; blank takes the English one.
    pub title_km: String,
}

/// A valid step of an RCI's own: its track and its title in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomStep {
    /// The stage, or the organisation track, the step is added to.
    pub track: Track,
    /// The step's title in both languages.
    pub title: Bilingual,
}

impl CustomStepInput {
    /// The step for `track`, refusing a missing or too long title; a blank Khmer title takes
    /// the English one.
    pub fn parse(&self, track: Track) -> Result<CustomStep, FieldError> {
        let en = Name::parse_field("title", &self.title_en).map_err(FieldError::at("title_en"))?;
        let km = match optional_name("title (Khmer)", &self.title_km) {
            Ok(km) => km.unwrap_or_else(|| en.clone()),
            Err(e) => return Err(FieldError::new("title_km", e)),
        };
        Ok(CustomStep {
            track,
            title: Bilingual::new(en.as_str(), km.as_str()),
        })
    }
}

/// Who is to do a step: so that "Due next" and an adviser's list of work can say whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Owner {
    /// The RCI's transition adviser.
    Adviser,
    /// The RCI's director.
    Director,
    /// Someone else, named in [`ChecklistItem::responsible`].
    Named,
}

keyed!(Owner, Adviser => "adviser", Director => "director", Named => "named");

/// A change to one item as its edit form sends it: text, read by [`ItemInput::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemInput {
    /// A [`StatusKind`] key.
    pub status: String,
    /// The day it was done (YYYY-MM-DD); required when done.
    pub done_on: Option<String>,
    /// Why it does not apply or is blocked; required for those statuses.
    pub reason: Option<String>,
    /// What shows the step was done (a document, a visit); may be blank.
    pub evidence: Option<String>,
    /// Who is responsible for the step; blank when nobody is named.
    pub responsible: Option<String>,
    /// An [`Owner`] key; blank for nobody yet.
    #[serde(default)]
    pub owner: Option<String>,
    /// The day the step is due (YYYY-MM-DD); blank for none.
    #[serde(default)]
    pub due_on: Option<String>,
}

/// A valid change to one item: what the store saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// The step's new status.
    pub status: ItemStatus,
    /// What shows the step was done; may be empty.
    pub evidence: Note,
    /// Who is responsible for the step, if anyone is named.
    pub responsible: Option<Name>,
    /// Whose the step is, if decided.
    pub owner: Option<Owner>,
    /// The day it is due, if set.
    pub due_on: Option<NaiveDate>,
}

impl ItemInput {
    /// Refuses an unknown status, a done without a date (or one after `today`), a missing
    /// reason, and texts that are too long or hold control characters, naming the field to fix
    /// (a form shows the message there; an import, in that column).
    pub fn parse(&self, today: NaiveDate) -> Result<ItemChange, FieldError> {
        let text = |t: &Option<String>| t.as_deref().unwrap_or("").to_string();
        let status = ItemStatus::from_parts(
            &self.status,
            self.done_on.as_deref(),
            &text(&self.reason),
            today,
        )
        .map_err(|e| {
            let field = match &e {
                ChecklistError::DoneWithoutDate | ChecklistError::DoneInFuture(_) => "done_on",
                // A date that is no date, or a reason missing or too long.
                ChecklistError::Value(_) if self.status == "done" => "done_on",
                ChecklistError::Value(_) => "reason",
                ChecklistError::UnknownStatus(_)
                | ChecklistError::BadKey(_)
                | ChecklistError::DuplicateKey(_) => "status",
            };
            FieldError::new(field, e)
        })?;
        let responsible = optional_name("responsible", &text(&self.responsible))
            .map_err(FieldError::at("responsible"))?;
        let owner = match text(&self.owner).trim() {
            "" => None,
            key => Some(Owner::parse(key).ok_or_else(|| {
                FieldError::new(
                    "owner",
                    Bilingual::new(
                        "choose whose step it is from the list",
                        "សូមជ្រើសរើសម្ចាស់ការងារពីបញ្ជី",
                    ),
                )
            })?),
        };
        if owner == Some(Owner::Named) && responsible.is_none() {
            return Err(FieldError::new(
                "responsible",
                Bilingual::new(
                    "name the person the step belongs to",
                    "សូមដាក់ឈ្មោះអ្នកទទួលខុសត្រូវលើចំណុចនេះ",
                ),
            ));
        }
        // A due day may have passed (the step is then overdue), but must be a plausible date.
        let due_on = match text(&self.due_on).trim() {
            "" => None,
            raw => Some(parse_date_on("due date", raw, today).map_err(FieldError::at("due_on"))?),
        };
        Ok(ItemChange {
            status,
            evidence: Note::parse_field("evidence", &text(&self.evidence))
                .map_err(FieldError::at("evidence"))?,
            responsible,
            owner,
            due_on,
        })
    }
}

/// One RCI's copy of a step, with its state and who last touched it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// The template step's key, or the key the RCI's checklist gave its own step.
    pub key: ItemKey,
    /// The stage, or the organisation track, the step belongs to.
    pub track: Track,
    /// What to do.
    pub title: Bilingual,
    /// How to do it (empty for a step added for this RCI).
    pub guidance: Bilingual,
    /// Added for this RCI only, not from the template.
    pub custom: bool,
    /// A template step hidden for this RCI: kept, never deleted, and out of progress.
    pub hidden: bool,
    /// Where the step stands for this RCI.
    pub status: ItemStatus,
    /// What shows the step was done (a document, a visit); may be empty.
    pub evidence: Note,
    /// Who is responsible for the step, if anyone is named.
    pub responsible: Option<Name>,
    /// Whose the step is, if decided.
    #[serde(default)]
    pub owner: Option<Owner>,
    /// The day it is due, if set: "Due next" and My work order by it.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// Who last changed the step; `None` if nobody has.
    pub updated_by: Option<Name>,
    /// When the step was last changed; `None` if never.
    pub updated_at: Option<DateTime<Utc>>,
}

impl ChecklistItem {
    /// A fresh, not-started copy of a template step.
    pub fn from_template(item: &TemplateItem) -> Self {
        Self {
            key: item.key.clone(),
            track: item.track,
            title: item.title.clone(),
            guidance: item.guidance.clone(),
            custom: false,
            hidden: false,
            status: ItemStatus::NotStarted,
            evidence: Note::default(),
            responsible: None,
            owner: None,
            due_on: None,
            updated_by: None,
            updated_at: None,
        }
    }

    /// A step an adviser adds for one RCI only, under the key the RCI's checklist gives it.
    pub fn custom(key: ItemKey, step: &CustomStep) -> Self {
        Self {
            custom: true,
            ..Self::from_template(&TemplateItem {
                key,
                track: step.track,
                title: step.title.clone(),
                guidance: Bilingual::new("", ""),
                retired: false,
            })
        }
    }

    /// The item's state as text, for the change history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let status = match &self.status {
            ItemStatus::Done { on } => format!("done {on}"),
            ItemStatus::NotApplicable { reason } | ItemStatus::Blocked { reason } => {
                format!("{}: {}", self.status.kind(), reason.as_str())
            }
            other => other.kind().to_string(),
        };
        vec![
            ("title", self.title.en.clone()),
            ("title (Khmer)", self.title.km.clone()),
            ("status", status),
            ("evidence", self.evidence.as_str().to_string()),
            (
                "responsible",
                self.responsible
                    .as_ref()
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
            ),
            (
                "owner",
                self.owner.map(|o| o.key().to_string()).unwrap_or_default(),
            ),
            (
                "due on",
                self.due_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            ("hidden", if self.hidden { "yes" } else { "" }.to_string()),
        ]
    }

    /// Whether this item is part of the work that progress measures.
    pub fn counts_towards_progress(&self) -> bool {
        !self.hidden && self.status.counts_towards_progress()
    }

    /// Work still to do: shown, applicable and not done. "Open items only" shows just these.
    pub fn is_open(&self) -> bool {
        self.counts_towards_progress() && !self.status.is_done()
    }
}

/// The open steps to do next, at most `n`: those with a due day first, soonest first (whatever
/// their track: a date set is a promise), then the current stage's others in the checklist's
/// order. `item` reaches the step inside whatever the caller holds (a stored row, say).
pub fn due_next<T>(
    items: &[T],
    item: impl Fn(&T) -> &ChecklistItem,
    current: Option<Track>,
    n: usize,
) -> Vec<&T> {
    let mut dated: Vec<&T> = items
        .iter()
        .filter(|i| item(i).is_open() && item(i).due_on.is_some())
        .collect();
    dated.sort_by_key(|i| item(i).due_on);
    let undated = items.iter().filter(|i| {
        item(i).is_open() && item(i).due_on.is_none() && Some(item(i).track) == current
    });
    dated.into_iter().chain(undated).take(n).collect()
}

/// Builds a template item from static text; the default template's keys are known-good.
fn step(track: Track, key: &str, en: &str, km: &str, hint_en: &str, hint_km: &str) -> TemplateItem {
    TemplateItem {
        key: ItemKey::parse(key).expect("default template keys are valid"),
        track,
        title: Bilingual::new(en, km),
        guidance: Bilingual::new(hint_en, hint_km),
        retired: false,
    }
}

/// The default steps, drawn from the inter-agency reintegration guidelines, Better Care Network's
/// transition tools and M'lup Russey's own list of the supports it offers (see `docs/domain.md`).
#[rustfmt::skip]
pub fn default_template() -> Template {
    use Stage::*;
    let a = Track::Stage(Assessment);
    let t = Track::Stage(FamilyTracing);
    let p = Track::Stage(Preparation);
    let r = Track::Stage(Reintegration);
    let c = Track::Stage(CommunityProgrammes);
    let o = Track::Organisation;
    let items = vec![
        step(a, "assess_children", "Assess each child: needs, wishes and why they were separated",
            "វាយតម្លៃកុមារម្នាក់ៗ៖ តម្រូវការ បំណងប្រាថ្នា និងមូលហេតុនៃការបែកគ្នា",
            "Use MoSVY form 1 (initial information). Most children in RCIs have a living parent.",
            "ប្រើទម្រង់ទី១ របស់ក្រសួងសង្គមកិច្ច (ព័ត៌មានដំបូង)។ កុមារភាគច្រើននៅក្នុងមណ្ឌលនៅមានឪពុកឬម្តាយ។"),
        step(a, "assess_families", "Assess each child's family",
            "វាយតម្លៃគ្រួសាររបស់កុមារម្នាក់ៗ",
            "MoSVY form 2: assessment for family preservation.",
            "ទម្រង់ទី២ របស់ក្រសួងសង្គមកិច្ច៖ ការវាយតម្លៃសម្រាប់ការថែរក្សាគ្រួសារ។"),
        step(a, "assess_communities", "Assess the communities children will return to",
            "វាយតម្លៃសហគមន៍ដែលកុមារនឹងត្រឡប់ទៅវិញ",
            "Schools, health services, CCWC and local support near each family.",
            "សាលារៀន សេវាសុខភាព គ.ក.ន.ក និងការគាំទ្រក្នុងតំបន់ ជិតគ្រួសារនីមួយៗ។"),
        step(a, "best_interests", "Best-interests determination for each child",
            "ការកំណត់ឧត្តមប្រយោជន៍របស់កុមារម្នាក់ៗ",
            "Decide with the child, family and DoSVY which placement serves the child best.",
            "សម្រេចជាមួយកុមារ គ្រួសារ និងមន្ទីរសង្គមកិច្ច អំពីការទុកដាក់កុមារដែលល្អបំផុតសម្រាប់កុមារ។"),
        step(a, "transition_feasibility", "Transition feasibility: director's and main donor's commitment",
            "លទ្ធភាពនៃការផ្លាស់ប្តូរ៖ ការប្តេជ្ញាចិត្តរបស់នាយក និងម្ចាស់ជំនួយចម្បង",
            "Count positive and risk indicators (BCN Transitioning Models of Care Assessment Tool).",
            "រាប់សូចនាករវិជ្ជមាន និងហានិភ័យ (ឧបករណ៍វាយតម្លៃរបស់ BCN)។"),
        step(t, "trace_relatives", "Trace parents and relatives",
            "ស្វែងរកឪពុកម្តាយ និងសាច់ញាតិ",
            "Work with commune and village chiefs; record who was found for each case code.",
            "ធ្វើការជាមួយមេឃុំ និងមេភូមិ កត់ត្រាអ្នកដែលបានរកឃើញតាមលេខកូដករណីនីមួយៗ។"),
        step(t, "civil_documents", "Birth certificates and ID documents obtained",
            "ទទួលបានសំបុត្រកំណើត និងឯកសារអត្តសញ្ញាណ",
            "Often missing: arrange a registration day with commune officers.",
            "ជារឿយៗខ្វះ៖ រៀបចំថ្ងៃចុះបញ្ជីជាមួយមន្ត្រីឃុំ។"),
        step(t, "first_contact", "First supervised contact between child and family",
            "ការជួបលើកដំបូងក្រោមការត្រួតពិនិត្យ រវាងកុមារ និងគ្រួសារ",
            "A social worker is present; note how the child felt afterwards.",
            "មានបុគ្គលិកសង្គមកិច្ចនៅជាមួយ កត់ត្រាអារម្មណ៍របស់កុមារបន្ទាប់ពីនោះ។"),
        step(t, "family_visits", "Regular family visits before reunification",
            "ការទៅលេងគ្រួសារជាប្រចាំ មុនការបង្រួបបង្រួម",
            "Visits at home and overnight stays build trust on both sides.",
            "ការទៅលេងផ្ទះ និងការស្នាក់នៅពេលយប់ កសាងទំនុកចិត្តទាំងសងខាង។"),
        step(p, "prepare_children", "Prepare children: life skills, counselling, life books, school transfer",
            "រៀបចំកុមារ៖ ជំនាញជីវិត ការប្រឹក្សា សៀវភៅជីវិត ការផ្ទេរសាលា",
            "Preparation usually takes at least six months.",
            "ការរៀបចំជាធម្មតាចំណាយពេលយ៉ាងតិចប្រាំមួយខែ។"),
        step(p, "prepare_families", "Prepare families: positive parenting, livelihood support, safety plan",
            "រៀបចំគ្រួសារ៖ ការចិញ្ចឹមកូនបែបវិជ្ជមាន ការគាំទ្រជីវភាព ផែនការសុវត្ថិភាព",
            "Link families to parenting clubs and income generation before the child comes home.",
            "ភ្ជាប់គ្រួសារទៅក្លឹបឪពុកម្តាយ និងការបង្កើតប្រាក់ចំណូល មុនពេលកុមារត្រឡប់មកផ្ទះ។"),
        step(p, "prepare_communities", "Prepare communities, schools and the CCWC",
            "រៀបចំសហគមន៍ សាលារៀន និង គ.ក.ន.ក",
            "Raise awareness so the community welcomes and watches over returning children.",
            "លើកកម្ពស់ការយល់ដឹង ដើម្បីឱ្យសហគមន៍ស្វាគមន៍ និងមើលថែកុមារដែលត្រឡប់មកវិញ។"),
        step(p, "reintegration_plan", "Written reintegration plan",
            "ផែនការសមាហរណកម្មជាលាយលក្ខណ៍អក្សរ",
            "Without a plan, reintegration is risky: MoSVY form 3 (family service plan).",
            "បើគ្មានផែនការ សមាហរណកម្មមានហានិភ័យ៖ ទម្រង់ទី៣ (ផែនការសេវាគ្រួសារ)។"),
        step(p, "reintegration_budget", "Reintegration budget agreed with the board and donors",
            "ថវិកាសមាហរណកម្មត្រូវបានឯកភាពជាមួយក្រុមប្រឹក្សាភិបាល និងម្ចាស់ជំនួយ",
            "Covers family support and follow-up visits for at least a year.",
            "គ្របដណ្តប់ការគាំទ្រគ្រួសារ និងការតាមដានយ៉ាងហោចណាស់មួយឆ្នាំ។"),
        step(p, "welcome_packs", "Welcome packs ready (mat, pillow, blanket, hammock, torch, soap…)",
            "កញ្ចប់ស្វាគមន៍រួចរាល់ (កន្ទេល ខ្នើយ ភួយ អង្រឹង ពិល សាប៊ូ…)",
            "One pack for each child leaving the RCI.",
            "មួយកញ្ចប់សម្រាប់កុមារម្នាក់ៗដែលចាកចេញពីមណ្ឌល។"),
        step(r, "phased_reunification", "Phased reunification of each child",
            "ការបង្រួបបង្រួមជាដំណាក់កាលសម្រាប់កុមារម្នាក់ៗ",
            "Day visits, then overnight stays, then the move home.",
            "ការទៅលេងពេលថ្ងៃ បន្ទាប់មកស្នាក់ពេលយប់ ហើយបន្ទាប់មកផ្លាស់ទៅផ្ទះ។"),
        step(r, "placement_recorded", "Each placement recorded on MoSVY form 4",
            "ការទុកដាក់កុមារនីមួយៗត្រូវបានកត់ត្រាក្នុងទម្រង់ទី៤ របស់ក្រសួងសង្គមកិច្ច",
            "Birth family, kinship care, foster care, independent living or referral.",
            "គ្រួសារបង្កើត ការថែទាំដោយសាច់ញាតិ ការថែទាំដោយឪពុកម្តាយធម៌ ការរស់នៅដោយឯករាជ្យ ឬការបញ្ជូន។"),
        step(r, "alternative_care", "Kinship, foster or long-term care arranged where no family is found",
            "រៀបចំការថែទាំដោយសាច់ញាតិ ការថែទាំដោយឪពុកម្តាយធម៌ ឬការថែទាំរយៈពេលវែង នៅពេលរកមិនឃើញគ្រួសារ",
            "Referral to long-term care is a last resort, agreed with the authorities.",
            "ការបញ្ជូនទៅការថែទាំរយៈពេលវែង គឺជាជម្រើសចុងក្រោយ ដោយមានការឯកភាពពីអាជ្ញាធរ។"),
        step(r, "follow_up_visits", "Follow-up visits on schedule (MoSVY form 5)",
            "ការចុះតាមដានតាមកាលវិភាគ (ទម្រង់ទី៥ របស់ក្រសួងសង្គមកិច្ច)",
            "Monthly during the first year; DoSVY or a phone call may stand in when travel is hard.",
            "ប្រចាំខែក្នុងឆ្នាំដំបូង មន្ទីរសង្គមកិច្ច ឬការហៅទូរស័ព្ទអាចជំនួសបាន នៅពេលធ្វើដំណើរពិបាក។"),
        step(r, "case_closure", "Cases closed when the care plan's goals are met (form 6)",
            "ការបិទករណី នៅពេលគោលដៅនៃផែនការថែទាំត្រូវបានសម្រេច (ទម្រង់ទី៦)",
            "Record the closure reason for each case code.",
            "កត់ត្រាមូលហេតុនៃការបិទករណីសម្រាប់លេខកូដករណីនីមួយៗ។"),
        step(c, "parenting_club", "Parenting club running",
            "ក្លឹបឪពុកម្តាយកំពុងដំណើរការ",
            "Regular sessions on positive parenting for reunified families and neighbours.",
            "វគ្គជាប្រចាំស្តីពីការចិញ្ចឹមកូនបែបវិជ្ជមាន សម្រាប់គ្រួសារដែលបានបង្រួបបង្រួម និងអ្នកជិតខាង។"),
        step(c, "youth_group", "Youth group running",
            "ក្រុមយុវជនកំពុងដំណើរការ",
            "A place for reintegrated and local young people to meet and learn together.",
            "កន្លែងសម្រាប់យុវជនដែលបានធ្វើសមាហរណកម្ម និងយុវជនក្នុងតំបន់ជួបជុំ និងរៀនសូត្ររួមគ្នា។"),
        step(c, "careleaver_network", "Careleaver support network",
            "បណ្តាញគាំទ្រយុវជនដែលបានចាកចេញពីការថែទាំ",
            "Young people who left care support each other; link them to counselling.",
            "យុវជនដែលបានចាកចេញពីការថែទាំជួយគ្នាទៅវិញទៅមក ភ្ជាប់ពួកគេទៅសេវាប្រឹក្សា។"),
        step(c, "family_strengthening", "Family strengthening and income generation",
            "ការពង្រឹងគ្រួសារ និងការបង្កើតប្រាក់ចំណូល",
            "Savings groups, vocational training and emergency food packages where needed.",
            "ក្រុមសន្សំ ការបណ្តុះបណ្តាលវិជ្ជាជីវៈ និងកញ្ចប់អាហារបន្ទាន់ តាមតម្រូវការ។"),
        step(c, "school_support", "School support for reintegrated children",
            "ការគាំទ្រការសិក្សាសម្រាប់កុមារដែលបានធ្វើសមាហរណកម្ម",
            "Uniforms, materials and contact with teachers.",
            "ឯកសណ្ឋាន សម្ភារៈសិក្សា និងទំនាក់ទំនងជាមួយគ្រូបង្រៀន។"),
        step(o, "leaders_introduced", "Leaders introduced to family care and reintegration",
            "ណែនាំអ្នកដឹកនាំអំពីការថែទាំកុមារក្នុងគ្រួសារ និងសមាហរណកម្ម",
            "A study tour to a transitioned RCI often changes minds.",
            "ទស្សនកិច្ចសិក្សាទៅមណ្ឌលដែលបានផ្លាស់ប្តូររួច ជារឿយៗផ្លាស់ប្តូរគំនិត។"),
        step(o, "transition_strategy", "Transition strategy and a transition committee",
            "យុទ្ធសាស្ត្រផ្លាស់ប្តូរ និងគណៈកម្មការផ្លាស់ប្តូរ",
            "Who decides, by when, and what the RCI becomes afterwards.",
            "អ្នកណាសម្រេច នៅពេលណា និងមណ្ឌលនឹងក្លាយជាអ្វីបន្ទាប់ពីនោះ។"),
        step(o, "board_donors", "Board and donors committed to fund through reintegration",
            "ក្រុមប្រឹក្សាភិបាល និងម្ចាស់ជំនួយប្តេជ្ញាផ្តល់មូលនិធិរហូតដល់សមាហរណកម្ម",
            "Donors must keep funding children after they leave the building.",
            "ម្ចាស់ជំនួយត្រូវបន្តផ្តល់មូលនិធិដល់កុមារ បន្ទាប់ពីពួកគេចាកចេញពីអគារ។"),
        step(o, "staff_retraining", "Staff retrained for new roles",
            "បុគ្គលិកត្រូវបានបណ្តុះបណ្តាលឡើងវិញសម្រាប់តួនាទីថ្មី",
            "Vocational training so staff see a future and do not resist the transition.",
            "ការបណ្តុះបណ្តាលវិជ្ជាជីវៈ ដើម្បីឱ្យបុគ្គលិកមើលឃើញអនាគត និងមិនប្រឆាំងនឹងការផ្លាស់ប្តូរ។"),
        step(o, "buildings_assets", "Plan for the use of buildings and assets",
            "ផែនការប្រើប្រាស់អគារ និងទ្រព្យសម្បត្តិ",
            "A community centre, school or office instead of dormitories.",
            "មជ្ឈមណ្ឌលសហគមន៍ សាលារៀន ឬការិយាល័យ ជំនួសឱ្យអន្តេវាសិកដ្ឋាន។"),
        step(o, "government_engagement", "MoSVY, DoSVY and CCWC engaged; registration up to date",
            "ចូលរួមជាមួយក្រសួងសង្គមកិច្ច មន្ទីរសង្គមកិច្ច និង គ.ក.ន.ក ការចុះបញ្ជីទាន់សម័យ",
            "Sub-Decree 119 on RCI management; keep DoSVY informed at each stage.",
            "អនុក្រឹត្យលេខ ១១៩ ស្តីពីការគ្រប់គ្រងមណ្ឌល ជូនដំណឹងដល់មន្ទីរសង្គមកិច្ចនៅគ្រប់ដំណាក់កាល។"),
        step(o, "monitoring_plan", "Monitoring and evaluation plan",
            "ផែនការតាមដាន និងវាយតម្លៃ",
            "Which indicators, who collects them, how often.",
            "សូចនាករណាខ្លះ អ្នកណាប្រមូល និងញឹកញាប់ប៉ុណ្ណា។"),
    ];
    Template { items }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn a_step_of_an_rcis_own_needs_a_title_and_borrows_the_english_one() {
        let input = |en: &str, km: &str| CustomStepInput {
            title_en: en.into(),
            title_km: km.into(),
        };
        let step = input("Meet the commune council", "")
            .parse(Track::Organisation)
            .unwrap();
        assert_eq!(
            step.title,
            Bilingual::new("Meet the commune council", "Meet the commune council")
        );
        let item = ChecklistItem::custom(ItemKey::parse("custom_1").unwrap(), &step);
        assert!(item.custom && item.is_open());
        assert_eq!(
            input(" ", "ជួប")
                .parse(Track::Organisation)
                .unwrap_err()
                .field,
            "title_en"
        );
        let long = "ក".repeat(200);
        assert_eq!(
            input("Visit", &long)
                .parse(Track::Organisation)
                .unwrap_err()
                .field,
            "title_km"
        );
    }

    /// "Open" is the work left: what the checklist shows by default to an adviser.
    #[test]
    fn open_items_are_shown_applicable_and_not_done() {
        let item = ChecklistItem::from_template(&default_template().items()[0]);
        let with = |status: &str, reason: &str, hidden: bool| ChecklistItem {
            status: ItemStatus::from_parts(status, Some("2026-11-01"), reason, today()).unwrap(),
            hidden,
            ..item.clone()
        };
        assert!(with("not_started", "", false).is_open());
        assert!(with("in_progress", "", false).is_open());
        assert!(with("blocked", "no budget", false).is_open());
        assert!(!with("done", "", false).is_open());
        assert!(!with("not_applicable", "no children left", false).is_open());
        assert!(!with("not_started", "", true).is_open());
    }

    #[test]
    fn a_step_can_be_given_an_owner_and_a_due_day() {
        let input = |owner: &str, responsible: &str, due: &str| ItemInput {
            status: "in_progress".into(),
            responsible: Some(responsible.into()),
            owner: Some(owner.into()),
            due_on: Some(due.into()),
            ..ItemInput::default()
        };
        let change = input("director", "", "2026-11-01").parse(today()).unwrap();
        assert_eq!(change.owner, Some(Owner::Director));
        // A day already past is allowed: the step is then overdue.
        assert_eq!(change.due_on, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(input("", "", "").parse(today()).unwrap().owner, None);
        assert_eq!(
            input("named", " ", "").parse(today()).unwrap_err().field,
            "responsible"
        );
        assert!(input("named", "Mr. Dara", "").parse(today()).is_ok());
        assert_eq!(
            input("donor", "", "").parse(today()).unwrap_err().field,
            "owner"
        );
        assert_eq!(
            input("", "", "someday").parse(today()).unwrap_err().field,
            "due_on"
        );
        assert_eq!(
            input("", "", "9999-01-01")
                .parse(today())
                .unwrap_err()
                .field,
            "due_on"
        );
    }

    /// Dated steps come first, soonest first, from any track; then the current stage's others.
    #[test]
    fn due_next_puts_promised_days_first() {
        let template = default_template();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d);
        let items: Vec<ChecklistItem> = template
            .items()
            .iter()
            .map(ChecklistItem::from_template)
            .enumerate()
            .map(|(n, mut i)| {
                // One late step of the organisation track and one of the second stage are dated.
                if n == template.items().len() - 1 {
                    i.due_on = day(20);
                } else if i.track == Track::Stage(Stage::FamilyTracing)
                    && i.due_on.is_none()
                    && n % 2 == 0
                {
                    i.due_on = day(5);
                }
                i
            })
            .collect();
        let current = Some(Track::Stage(Stage::Assessment));
        let next = due_next(&items, |i| i, current, 4);
        assert_eq!(next.len(), 4);
        let dates: Vec<_> = next.iter().map(|i| i.due_on).collect();
        let mut sorted = dates.clone();
        sorted.sort_by_key(|d| d.is_none());
        assert_eq!(dates, sorted, "dated steps first");
        assert!(dates
            .windows(2)
            .all(|w| w[0].is_none() || w[1].is_none() || w[0] <= w[1]));
        assert!(next
            .iter()
            .filter(|i| i.due_on.is_none())
            .all(|i| Some(i.track) == current));
        // Done steps are not due.
        let done: Vec<ChecklistItem> = items
            .iter()
            .cloned()
            .map(|mut i| {
                i.status = ItemStatus::Done { on: today() };
                i
            })
            .collect();
        assert!(due_next(&done, |i| i, current, 4).is_empty());
    }

    #[test]
    fn default_template_covers_every_track_with_unique_keys() {
        let template = default_template();
        for track in Track::ALL {
            assert!(
                template.for_track(track).count() >= 4,
                "{track:?} needs real steps"
            );
        }
        let keys: HashSet<_> = template.items().iter().map(|i| &i.key).collect();
        assert_eq!(keys.len(), template.items().len());
    }

    #[test]
    fn default_template_is_fully_bilingual() {
        let is_khmer = |s: &str| s.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c));
        for item in default_template().items() {
            assert!(is_khmer(&item.title.km), "{} title", item.key.as_str());
            assert!(
                is_khmer(&item.guidance.km),
                "{} guidance",
                item.key.as_str()
            );
            assert!(!item.title.en.is_empty() && !item.guidance.en.is_empty());
        }
    }

    #[test]
    fn template_refuses_duplicate_keys() {
        let mut template = default_template();
        let copy = template.items()[0].clone();
        assert_eq!(
            template.add(copy),
            Err(ChecklistError::DuplicateKey("assess_children".into()))
        );
        let mut extra = template.items()[0].clone();
        extra.key = ItemKey::parse("emergency_foster_care").unwrap();
        assert!(template.add(extra).is_ok());
    }

    #[test]
    fn item_keys_are_validated() {
        assert!(ItemKey::parse("trace_relatives").is_ok());
        assert!(ItemKey::parse("Trace").is_err());
        assert!(ItemKey::parse("x").is_err());
        assert!(ItemKey::parse("a-b").is_err());
    }

    #[test]
    fn status_from_parts_requires_what_each_kind_needs() {
        let t = today();
        assert_eq!(
            ItemStatus::from_parts("done", Some(""), "", t),
            Err(ChecklistError::DoneWithoutDate)
        );
        assert_eq!(
            ItemStatus::from_parts("done", Some("2026-11-20"), "", t),
            Ok(ItemStatus::Done {
                on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
            })
        );
        assert!(matches!(
            ItemStatus::from_parts("done", Some("2026-12-01"), "", t),
            Err(ChecklistError::DoneInFuture(_))
        ));
        assert!(ItemStatus::from_parts("blocked", None, " ", t).is_err());
        assert!(ItemStatus::from_parts("not_applicable", None, "", t).is_err());
        assert_eq!(
            ItemStatus::from_parts("blocked", None, "waiting for DoSVY", t)
                .unwrap()
                .reason()
                .map(Note::as_str),
            Some("waiting for DoSVY")
        );
        assert_eq!(
            ItemStatus::from_parts("finished", None, "", t),
            Err(ChecklistError::UnknownStatus("finished".into()))
        );
    }

    #[test]
    fn every_kind_round_trips_through_its_name() {
        let t = today();
        for kind in StatusKind::ALL {
            let status =
                ItemStatus::from_parts(kind.key(), Some("2026-01-01"), "because", t).unwrap();
            assert_eq!(status.status_kind(), kind);
            assert_eq!(StatusKind::parse(kind.key()), Some(kind));
        }
        assert_eq!(StatusKind::parse("finished"), None);
    }

    #[test]
    fn hidden_and_not_applicable_items_do_not_count() {
        let template = default_template();
        let mut item = ChecklistItem::from_template(&template.items()[0]);
        assert!(item.counts_towards_progress());
        item.hidden = true;
        assert!(!item.counts_towards_progress());
        item.hidden = false;
        item.status = ItemStatus::NotApplicable {
            reason: Note::parse("no children under 5").unwrap(),
        };
        assert!(!item.counts_towards_progress());
    }
}
