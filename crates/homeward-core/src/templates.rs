//! The organisation's own checklist template: an admin adds steps to any track, words them in
//! English and Khmer, explains them, reorders and retires them. Each RCI keeps its own copy of
//! the steps, so a template change reaches an existing RCI only when it is applied to it; what
//! applying would do, and where it leaves the RCI, is worked out here. Applying never removes a
//! step or a recorded status, and a new step need not move an RCI back to a stage it finished.

use serde::{Deserialize, Serialize};

use crate::checklists::{ChecklistItem, ItemKey, ItemStatus, StatusKind, Template, TemplateItem};
use crate::progress::{Phase, Progress, TransitionProgress};
use crate::signoffs::SignOffs;
use crate::stages::{Bilingual, Track};
use crate::values::{optional_name, FieldError, Name, Note};

/// A step's words as the template form sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepInput {
    /// The title in English (required).
    pub title_en: String,
    /// The title in Khmer; blank takes the English one until someone translates it.
    pub title_km: String,
    /// How to do it, in English; may be blank.
    pub guidance_en: String,
    /// How to do it, in Khmer; may be blank.
    pub guidance_km: String,
}

/// A step's words, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepText {
    /// The title in both languages.
    pub title: Bilingual,
    /// The guidance in both languages.
    pub guidance: Bilingual,
}

impl StepInput {
    /// Refuses a missing or too long title and guidance that is too long or holds control
    /// characters, naming the field.
    pub fn parse(&self) -> Result<StepText, FieldError> {
        let en = Name::parse_field("title", &self.title_en).map_err(FieldError::at("title_en"))?;
        let km = optional_name("title (Khmer)", &self.title_km)
            .map_err(FieldError::at("title_km"))?
            .unwrap_or_else(|| en.clone());
        let guidance_en = Note::parse_field("guidance", &self.guidance_en)
            .map_err(FieldError::at("guidance_en"))?;
        let guidance_km = Note::parse_field("guidance (Khmer)", &self.guidance_km)
            .map_err(FieldError::at("guidance_km"))?;
        Ok(StepText {
            title: Bilingual::new(en.as_str(), km.as_str()),
            guidance: Bilingual::new(guidance_en.as_str(), guidance_km.as_str()),
        })
    }

    /// The form filled in with a step's words, for editing.
    pub fn from_step(step: &TemplateItem) -> Self {
        Self {
            title_en: step.title.en.clone(),
            title_km: step.title.km.clone(),
            guidance_en: step.guidance.en.clone(),
            guidance_km: step.guidance.km.clone(),
        }
    }
}

/// The key of a new step: its English title's letters and digits in lower case, joined by
/// underscores and cut to 40 characters, with a number added while `taken` says the key is in
/// use (by the template or any RCI's own steps). A title in Khmer only gives `step`.
pub fn new_key(title: &str, taken: impl Fn(&ItemKey) -> bool) -> ItemKey {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut base = words.join("_");
    base.truncate(40);
    let base = base.trim_end_matches('_').to_string();
    let base = if base.len() < 2 {
        "step".to_string()
    } else {
        base
    };
    (1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}_{n}"),
        })
        .filter_map(|k| ItemKey::parse(&k).ok())
        .find(|k| !taken(k))
        .expect("some numbered key is free")
}

/// Up or down within its track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    /// Before the step above it.
    Up,
    /// After the step below it.
    Down,
}

impl Move {
    /// The form's value.
    pub fn parse(raw: &str) -> Option<Move> {
        match raw {
            "up" => Some(Move::Up),
            "down" => Some(Move::Down),
            _ => None,
        }
    }
}

/// The step `key` swaps places with when moved: its neighbour in the same track, if any.
pub fn neighbour(template: &Template, key: &ItemKey, direction: Move) -> Option<ItemKey> {
    let step = template.items().iter().find(|s| &s.key == key)?;
    let track: Vec<&TemplateItem> = template.for_track(step.track).collect();
    let at = track.iter().position(|s| &s.key == key)?;
    let other = match direction {
        Move::Up => at.checked_sub(1)?,
        Move::Down => at + 1,
    };
    track.get(other).map(|s| s.key.clone())
}

/// How a new step lands in a track an RCI has already finished (every step done or not
/// applicable). Open, it would move the RCI back to that stage until someone does it; the
/// organisation chooses, because a step added for new partners rarely concerns work an RCI
/// already did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landing {
    /// Open like any new step: the RCI is back in that stage until the step is done.
    Open,
    /// Not applicable, for the reason given: the RCI stays where it is.
    NotApplicable(Note),
}

impl Landing {
    /// The form's choice (`open` or `not_applicable`) and reason; a not-applicable landing needs
    /// a reason, which is recorded on each step it adds.
    pub fn parse(kind: &str, reason: &str) -> Result<Landing, FieldError> {
        match kind {
            "open" => Ok(Landing::Open),
            _ => Note::parse_required("reason", reason)
                .map(Landing::NotApplicable)
                .map_err(FieldError::at("reason")),
        }
    }

    /// The form's value for this choice.
    pub fn key(&self) -> &'static str {
        match self {
            Landing::Open => "open",
            Landing::NotApplicable(_) => "not_applicable",
        }
    }
}

/// Where an RCI stands: its stage and its overall progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The stage being worked on, or completed.
    pub phase: Phase,
    /// Every track together.
    pub overall: Progress,
}

impl Standing {
    /// Where a checklist and its sign-offs leave the RCI.
    pub fn of(items: &[ChecklistItem], sign_offs: &SignOffs) -> Standing {
        let progress = TransitionProgress::of(items, sign_offs);
        Standing {
            phase: progress.phase,
            overall: progress.overall,
        }
    }
}

/// One thing applying the template would change in an RCI's checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepUpdate {
    /// A step the RCI does not have yet, as it will be added (not applicable when it lands in a
    /// finished track and the organisation chose so).
    Add(ChecklistItem),
    /// New words for a step the RCI has (its status is kept).
    Reword {
        /// The step.
        key: ItemKey,
        /// Its title now.
        from: Bilingual,
        /// The template's title and guidance.
        to: StepText,
    },
    /// A retired step the RCI never started: hidden (kept, and shown again at will). A retired
    /// step with a recorded status stays as it is.
    Hide {
        /// The step.
        key: ItemKey,
        /// Its title.
        title: Bilingual,
    },
    /// The steps in the template's order.
    Reorder,
}

/// What applying the template would do to one RCI's checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The changes, in the template's order.
    pub changes: Vec<StepUpdate>,
    /// Each step's place afterwards.
    pub order: Vec<ItemKey>,
    /// Where the RCI stands now.
    pub before: Standing,
    /// Where it would stand afterwards.
    pub after: Standing,
}

impl Plan {
    /// Whether applying would put the RCI back in an earlier stage.
    pub fn moves_back(&self) -> bool {
        self.after.phase < self.before.phase
    }
}

/// What applying the template would change in one RCI's checklist, where it leaves the RCI, and
/// each step's place afterwards: the template's steps in its order, each track's own steps after
/// that track's template steps, in the order they were added. A step added to a track the RCI
/// has finished lands as `landing` says (an open step reopens the stage, withdrawing its
/// sign-off).
pub fn plan(
    template: &Template,
    checklist: &[ChecklistItem],
    sign_offs: &SignOffs,
    landing: &Landing,
) -> Plan {
    let finished =
        |track: Track| Progress::of(checklist.iter().filter(|i| i.track == track)).is_complete();
    let added = |step: &TemplateItem| {
        let mut item = ChecklistItem::from_template(step);
        if let (true, Landing::NotApplicable(reason)) = (finished(step.track), landing) {
            item.status = ItemStatus::NotApplicable {
                reason: reason.clone(),
            };
        }
        item
    };
    let mut changes = Vec::new();
    for step in template.items() {
        match checklist.iter().find(|i| i.key == step.key) {
            None if !step.retired => changes.push(StepUpdate::Add(added(step))),
            None => {}
            Some(item) => {
                if item.title != step.title || item.guidance != step.guidance {
                    changes.push(StepUpdate::Reword {
                        key: step.key.clone(),
                        from: item.title.clone(),
                        to: StepText {
                            title: step.title.clone(),
                            guidance: step.guidance.clone(),
                        },
                    });
                }
                let untouched = item.status.status_kind() == StatusKind::NotStarted;
                if step.retired && untouched && !item.hidden {
                    changes.push(StepUpdate::Hide {
                        key: step.key.clone(),
                        title: item.title.clone(),
                    });
                }
            }
        }
    }
    let in_template = |key: &ItemKey| template.items().iter().any(|s| &s.key == key);
    let mut order = Vec::new();
    for track in Track::ALL {
        order.extend(
            template
                .for_track(track)
                .filter(|s| !s.retired || checklist.iter().any(|i| i.key == s.key))
                .map(|s| s.key.clone()),
        );
        order.extend(
            checklist
                .iter()
                .filter(|i| i.track == track && !in_template(&i.key))
                .map(|i| i.key.clone()),
        );
    }
    let now: Vec<&ItemKey> = checklist.iter().map(|i| &i.key).collect();
    let kept: Vec<&ItemKey> = order.iter().filter(|k| now.contains(k)).collect();
    if kept != now {
        changes.push(StepUpdate::Reorder);
    }
    Plan {
        before: Standing::of(checklist, sign_offs),
        after: Standing::of(&after(checklist, &changes), sign_offs),
        changes,
        order,
    }
}

/// The checklist once `changes` are made (order aside, which no measure depends on).
fn after(checklist: &[ChecklistItem], changes: &[StepUpdate]) -> Vec<ChecklistItem> {
    let mut items = checklist.to_vec();
    for change in changes {
        match change {
            StepUpdate::Add(item) => items.push(item.clone()),
            StepUpdate::Reword { key, to, .. } => {
                if let Some(item) = items.iter_mut().find(|i| &i.key == key) {
                    item.title = to.title.clone();
                    item.guidance = to.guidance.clone();
                }
            }
            StepUpdate::Hide { key, .. } => {
                if let Some(item) = items.iter_mut().find(|i| &i.key == key) {
                    item.hidden = true;
                }
            }
            StepUpdate::Reorder => {}
        }
    }
    items
}

impl TemplateItem {
    /// The step as text, for the change history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("track", self.track.key().to_string()),
            ("title", self.title.en.clone()),
            ("title (Khmer)", self.title.km.clone()),
            ("guidance", self.guidance.en.clone()),
            ("guidance (Khmer)", self.guidance.km.clone()),
            (
                "retired",
                if self.retired { "yes" } else { "no" }.to_string(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklists::default_template;
    use crate::stages::Stage;
    use proptest::prelude::*;

    fn checklist(template: &Template) -> Vec<ChecklistItem> {
        template
            .active()
            .map(ChecklistItem::from_template)
            .collect()
    }

    #[test]
    fn keys_come_from_the_english_title_and_never_clash() {
        let none = |_: &ItemKey| false;
        assert_eq!(
            new_key("Visit the school's head", none).as_str(),
            "visit_the_school_s_head"
        );
        assert_eq!(new_key("ជួបនាយកសាលា", none).as_str(), "step");
        let taken = |k: &ItemKey| ["visit", "visit_2"].contains(&k.as_str());
        assert_eq!(new_key("Visit", taken).as_str(), "visit_3");
        assert!(new_key(&"word ".repeat(30), none).as_str().len() <= 40);
    }

    #[test]
    fn a_template_applied_adds_rewords_hides_and_reorders_but_never_drops_a_status() {
        let template = default_template();
        let mut list = checklist(&template);
        // The RCI recorded one step and started none of the second.
        let first = template.items()[0].key.clone();
        let second = template.items()[1].key.clone();
        list[0].status = ItemStatus::InProgress;

        let mut changed = Template::default();
        for (i, step) in template.items().iter().enumerate() {
            let mut step = step.clone();
            if i == 0 {
                step.title = Bilingual::new("Assess every child", "វាយតម្លៃកុមារគ្រប់រូប");
                step.retired = true;
            }
            if i == 1 {
                step.retired = true;
            }
            changed.add(step).unwrap();
        }
        let new = TemplateItem {
            key: ItemKey::parse("meet_school_heads").unwrap(),
            track: Track::Stage(Stage::Assessment),
            title: Bilingual::new("Meet school heads", "ជួបនាយកសាលា"),
            guidance: Bilingual::new("", ""),
            retired: false,
        };
        changed.add(new.clone()).unwrap();

        let Plan {
            changes: updates,
            order,
            ..
        } = plan(&changed, &list, &SignOffs::default(), &Landing::Open);
        assert!(updates.contains(&StepUpdate::Add(ChecklistItem::from_template(&new))));
        assert!(updates
            .iter()
            .any(|u| matches!(u, StepUpdate::Reword { key, .. } if *key == first)));
        assert!(updates.contains(&StepUpdate::Hide {
            key: second.clone(),
            title: list[1].title.clone()
        }));
        assert!(
            !updates
                .iter()
                .any(|u| matches!(u, StepUpdate::Hide { key, .. } if *key == first)),
            "a retired step with a status stays shown"
        );
        assert_eq!(order.len(), list.len() + 1, "every step kept, one added");
        let assessment = order
            .iter()
            .position(|k| k.as_str() == "meet_school_heads")
            .unwrap();
        let tracing = order
            .iter()
            .position(|k| k.as_str() == "trace_relatives")
            .unwrap();
        assert!(assessment < tracing, "added at the end of its own track");

        let none = plan(
            &template,
            &checklist(&template),
            &SignOffs::default(),
            &Landing::Open,
        );
        assert_eq!(
            none.changes,
            vec![],
            "a checklist from the template needs nothing"
        );
        assert_eq!(none.before, none.after);
    }

    /// The default template with one step added at the end of `track`.
    fn with_step(track: Track, key: &str) -> Template {
        let mut template = default_template();
        template
            .add(TemplateItem {
                key: ItemKey::parse(key).unwrap(),
                track,
                title: Bilingual::new("Welcome each family", "ស្វាគមន៍គ្រួសារនីមួយៗ"),
                guidance: Bilingual::new("", ""),
                retired: false,
            })
            .unwrap();
        template
    }

    fn not_applicable() -> Landing {
        Landing::NotApplicable(Note::parse("Added after this stage was finished").unwrap())
    }

    #[test]
    fn a_step_added_to_a_finished_stage_moves_the_rci_back_only_if_chosen() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let mut list = checklist(&default_template());
        // Assessment and family tracing done: the RCI works on preparation.
        for item in list.iter_mut().filter(|i| {
            matches!(
                i.track,
                Track::Stage(Stage::Assessment | Stage::FamilyTracing)
            )
        }) {
            item.status = ItemStatus::Done { on: today };
        }
        let signed = crate::signoffs::approve_done(&list, &Name::parse("Admin").unwrap(), today);
        let template = with_step(Track::Stage(Stage::Assessment), "meet_school_heads");

        let open = plan(&template, &list, &signed, &Landing::Open);
        assert_eq!(open.before.phase, Phase::In(Stage::Preparation));
        assert_eq!(open.after.phase, Phase::In(Stage::Assessment));
        assert!(open.moves_back());
        assert_eq!(
            open.after.overall.applicable,
            open.before.overall.applicable + 1
        );

        let kept = plan(&template, &list, &signed, &not_applicable());
        assert_eq!(kept.after, kept.before, "stage and progress unchanged");
        assert!(!kept.moves_back());
        let [StepUpdate::Add(item), ..] = kept.changes.as_slice() else {
            panic!("adds the step: {:?}", kept.changes);
        };
        assert_eq!(
            item.status.reason().map(Note::as_str),
            Some("Added after this stage was finished")
        );

        // A stage not yet finished takes the step open, whatever the choice.
        let later = with_step(Track::Stage(Stage::Reintegration), "welcome_each_family");
        let plan = plan(&later, &list, &signed, &not_applicable());
        assert!(
            matches!(plan.changes.as_slice(), [StepUpdate::Add(i)] if i.status == ItemStatus::NotStarted)
        );
        assert_eq!(plan.after.phase, plan.before.phase);
    }

    #[test]
    fn a_not_applicable_landing_needs_a_reason() {
        assert_eq!(Landing::parse("open", ""), Ok(Landing::Open));
        assert_eq!(
            Landing::parse("not_applicable", "  ").unwrap_err().field,
            "reason"
        );
        assert_eq!(
            Landing::parse("not_applicable", "after the stage").map(|l| l.key()),
            Ok("not_applicable")
        );
    }

    fn arb_status() -> impl Strategy<Value = ItemStatus> {
        let on = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        prop_oneof![
            Just(ItemStatus::NotStarted),
            Just(ItemStatus::InProgress),
            Just(ItemStatus::Done { on }),
            Just(ItemStatus::NotApplicable {
                reason: Note::parse("n/a").unwrap()
            }),
        ]
    }

    proptest! {
        #[test]
        fn applying_with_new_steps_not_applicable_never_moves_an_rci_back(
            statuses in proptest::collection::vec(arb_status(), 32),
            track in proptest::sample::select(Track::ALL.to_vec()),
        ) {
            let mut list = checklist(&default_template());
            for (item, status) in list.iter_mut().zip(statuses.iter().cycle()) {
                item.status = status.clone();
            }
            let on = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let signed = crate::signoffs::approve_done(&list, &Name::parse("Admin").unwrap(), on);
            let template = with_step(track, "welcome_each_family");
            let kept = plan(&template, &list, &signed, &not_applicable());
            prop_assert!(kept.after.phase >= kept.before.phase);
            prop_assert_eq!(kept.after.overall.done, kept.before.overall.done);
            let open = plan(&template, &list, &signed, &Landing::Open);
            prop_assert!(open.after.phase <= kept.after.phase, "open is never further on");
            prop_assert_eq!(open.after.overall.applicable, open.before.overall.applicable + 1);
        }
    }

    #[test]
    fn a_moved_step_swaps_with_its_neighbour_in_its_track() {
        let template = default_template();
        let first = &template.items()[0].key;
        let second = &template.items()[1].key;
        assert_eq!(
            neighbour(&template, first, Move::Down).as_ref(),
            Some(second)
        );
        assert_eq!(
            neighbour(&template, first, Move::Up),
            None,
            "first of its track"
        );
        let last_assessment = template
            .for_track(Track::Stage(Stage::Assessment))
            .last()
            .unwrap()
            .key
            .clone();
        assert_eq!(
            neighbour(&template, &last_assessment, Move::Down),
            None,
            "never into the next track"
        );
    }
}
