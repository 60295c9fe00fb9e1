//! Stage sign-off. An adviser marking a stage's last step done says the work is done; the
//! organisation checking it (the documents, the evidence) is what lets an RCI move on, as MoSVY
//! and donors read a transition. So a stage counts as finished only once signed off: the adviser
//! asks when every step that counts is done, an admin approves or returns it with a note of what
//! is missing, and a stage that is reopened (a step undone, a step added) loses an approval or a
//! request, so nothing unchecked is ever counted finished.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checklists::ChecklistItem;
use crate::progress::Progress;
use crate::stages::{Bilingual, Stage, Track};
use crate::values::{keyed, FieldError, Name, Note};

/// The last step taken on a stage's sign-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignOffKind {
    /// The adviser asked; an admin has yet to decide.
    Requested,
    /// An admin returned it with a note of what is missing.
    Returned,
    /// An admin signed it off: the stage is finished.
    Approved,
}

keyed!(SignOffKind, Requested => "requested", Returned => "returned", Approved => "approved");

/// One stage's sign-off as it stands: the last step, who took it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// The stage.
    pub stage: Stage,
    /// Asked, returned or approved.
    pub kind: SignOffKind,
    /// The day of the last step.
    pub on: NaiveDate,
    /// Who took it.
    pub by: Name,
    /// What to do before asking again, when returned; empty otherwise.
    pub note: Note,
}

impl SignOff {
    /// The history's description of the sign-off.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("sign-off", self.kind.key().to_string()),
            ("notes", self.note.as_str().to_string()),
        ]
    }

    /// The history's label of a stage's sign-off.
    pub fn label(stage: Stage) -> String {
        format!("sign-off of {}", Track::Stage(stage).key())
    }
}

/// An RCI's sign-offs: at most one per stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffs(pub Vec<SignOff>);

impl SignOffs {
    /// The stage's sign-off, if any step was taken.
    pub fn of(&self, stage: Stage) -> Option<&SignOff> {
        self.0.iter().find(|s| s.stage == stage)
    }

    /// The day the stage was signed off, if it is.
    pub fn approved_on(&self, stage: Stage) -> Option<NaiveDate> {
        self.of(stage)
            .filter(|s| s.kind == SignOffKind::Approved)
            .map(|s| s.on)
    }

    /// Whether the stage is waiting for an admin.
    pub fn is_awaited(&self, stage: Stage) -> bool {
        self.of(stage)
            .is_some_and(|s| s.kind == SignOffKind::Requested)
    }

    /// Each sign-off of one kind, in stage order.
    pub fn of_kind(&self, kind: SignOffKind) -> impl Iterator<Item = &SignOff> {
        let mut found: Vec<&SignOff> = self.0.iter().filter(|s| s.kind == kind).collect();
        found.sort_by_key(|s| s.stage);
        found.into_iter()
    }
}

/// Where a stage stands, for its heading and the buttons it offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StageState {
    /// Steps are left to do.
    Open,
    /// Every step is done: the adviser may ask for sign-off.
    Ready,
    /// Asked for; waiting for an admin.
    Awaiting(SignOff),
    /// Returned with a note; it may be asked for again once its steps are done.
    Returned(SignOff),
    /// Signed off: finished.
    SignedOff(SignOff),
}

/// A stage's state from its progress and its sign-off.
pub fn state(progress: Progress, sign_off: Option<&SignOff>) -> StageState {
    match (
        sign_off.map(|s| (s.kind, s.clone())),
        progress.is_complete(),
    ) {
        (Some((SignOffKind::Returned, s)), _) => StageState::Returned(s),
        (_, false) => StageState::Open,
        (None, true) => StageState::Ready,
        (Some((SignOffKind::Requested, s)), true) => StageState::Awaiting(s),
        (Some((SignOffKind::Approved, s)), true) => StageState::SignedOff(s),
    }
}

/// Why a step of sign-off was refused; each says what to do instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOffError {
    /// Asked for with steps still open.
    NotDone,
    /// Asked for while already waiting.
    AlreadyAsked,
    /// Asked for or decided once signed off.
    AlreadySignedOff,
    /// Decided without being asked for (or after another admin decided).
    NotAsked,
}

impl From<SignOffError> for Bilingual {
    fn from(e: SignOffError) -> Bilingual {
        match e {
            SignOffError::NotDone => Bilingual::new(
                "every step of the stage must be done (or not applicable) before it is signed off",
                "ចំណុចនីមួយៗនៃដំណាក់កាលត្រូវតែបានធ្វើរួច (ឬមិនពាក់ព័ន្ធ) មុនពេលអនុម័ត",
            ),
            SignOffError::AlreadyAsked => Bilingual::new(
                "sign-off of this stage was already asked for and is waiting for an admin",
                "ការអនុម័តដំណាក់កាលនេះត្រូវបានស្នើរួចហើយ ហើយកំពុងរង់ចាំអ្នកគ្រប់គ្រង",
            ),
            SignOffError::AlreadySignedOff => Bilingual::new(
                "this stage is already signed off",
                "ដំណាក់កាលនេះត្រូវបានអនុម័តរួចហើយ",
            ),
            SignOffError::NotAsked => Bilingual::new(
                "sign-off of this stage is not waiting for a decision (it was not asked for, or was decided already)",
                "ការអនុម័តដំណាក់កាលនេះមិនកំពុងរង់ចាំការសម្រេចទេ (មិនទាន់បានស្នើ ឬបានសម្រេចរួចហើយ)",
            ),
        }
    }
}

/// The adviser asks for sign-off: only when every step that counts is done, and not while a
/// request waits or once signed off.
pub fn request(
    stage: Stage,
    progress: Progress,
    current: Option<&SignOff>,
    by: &Name,
    today: NaiveDate,
) -> Result<SignOff, SignOffError> {
    match current.map(|s| s.kind) {
        Some(SignOffKind::Requested) => Err(SignOffError::AlreadyAsked),
        Some(SignOffKind::Approved) => Err(SignOffError::AlreadySignedOff),
        None | Some(SignOffKind::Returned) if !progress.is_complete() => Err(SignOffError::NotDone),
        None | Some(SignOffKind::Returned) => Ok(SignOff {
            stage,
            kind: SignOffKind::Requested,
            on: today,
            by: by.clone(),
            note: Note::default(),
        }),
    }
}

/// What an admin decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Sign the stage off.
    Approve,
    /// Send it back with what is missing.
    Return(Note),
}

/// A decision as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    /// `approve` or `return`: the button pressed.
    pub decision: String,
    /// What is missing; required to return.
    pub note: String,
}

impl DecisionInput {
    /// A decision; returning one needs a note saying what is missing.
    pub fn parse(&self) -> Result<Decision, FieldError> {
        let note = Note::parse_field("note", &self.note).map_err(FieldError::at("note"))?;
        match self.decision.trim() {
            "approve" => Ok(Decision::Approve),
            "return" if note.is_empty() => Err(FieldError::new(
                "note",
                Bilingual::new(
                    "say what is missing before the stage can be signed off",
                    "សូមបញ្ជាក់អ្វីដែលខ្វះ មុនពេលដំណាក់កាលអាចត្រូវបានអនុម័ត",
                ),
            )),
            "return" => Ok(Decision::Return(note)),
            _ => Err(FieldError::new(
                "decision",
                Bilingual::new(
                    "choose to sign the stage off or to return it",
                    "សូមជ្រើសរើសអនុម័ត ឬបញ្ជូនដំណាក់កាលត្រឡប់វិញ",
                ),
            )),
        }
    }
}

/// An admin decides a waiting request.
pub fn decide(
    current: Option<&SignOff>,
    decision: Decision,
    by: &Name,
    today: NaiveDate,
) -> Result<SignOff, SignOffError> {
    let asked = match current {
        Some(s) if s.kind == SignOffKind::Requested => s,
        Some(s) if s.kind == SignOffKind::Approved => return Err(SignOffError::AlreadySignedOff),
        _ => return Err(SignOffError::NotAsked),
    };
    let (kind, note) = match decision {
        Decision::Approve => (SignOffKind::Approved, Note::default()),
        Decision::Return(note) => (SignOffKind::Returned, note),
    };
    Ok(SignOff {
        stage: asked.stage,
        kind,
        on: today,
        by: by.clone(),
        note,
    })
}

/// The requests and approvals a checklist no longer supports: those of stages with a step that
/// counts left open. Returned stages keep their note.
pub fn withdrawn(items: &[ChecklistItem], sign_offs: &SignOffs) -> Vec<Stage> {
    sign_offs
        .0
        .iter()
        .filter(|s| s.kind != SignOffKind::Returned)
        .filter(|s| {
            !Progress::of(items.iter().filter(|i| i.track == Track::Stage(s.stage))).is_complete()
        })
        .map(|s| s.stage)
        .collect()
}

/// Every stage whose steps are all done, approved on the day its last step was done (or
/// `fallback`): the sign-offs of records kept without them — a spreadsheet of statuses, a
/// database from before sign-off, demo data — where the adviser's word finished a stage.
pub fn approve_done(items: &[ChecklistItem], by: &Name, fallback: NaiveDate) -> SignOffs {
    SignOffs(
        Stage::ALL
            .into_iter()
            .filter_map(|stage| {
                let steps = || items.iter().filter(move |i| i.track == Track::Stage(stage));
                Progress::of(steps()).is_complete().then(|| SignOff {
                    stage,
                    kind: SignOffKind::Approved,
                    on: steps()
                        .filter(|i| !i.hidden)
                        .filter_map(|i| i.status.done_on())
                        .max()
                        .unwrap_or(fallback),
                    by: by.clone(),
                    note: Note::default(),
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklists::ItemStatus;
    use crate::progress::tests::fresh;
    use crate::progress::{phase, Phase};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn name(s: &str) -> Name {
        Name::parse(s).unwrap()
    }

    fn done(items: &mut [ChecklistItem], stage: Stage) {
        for i in items.iter_mut().filter(|i| i.track == Track::Stage(stage)) {
            i.status = ItemStatus::Done {
                on: day("2026-03-01"),
            };
        }
    }

    fn stage_progress(items: &[ChecklistItem], stage: Stage) -> Progress {
        Progress::of(items.iter().filter(|i| i.track == Track::Stage(stage)))
    }

    #[test]
    fn a_stage_is_asked_for_only_when_done_and_finished_only_when_approved() {
        let mut items = fresh();
        let adviser = name("Sokha");
        let today = day("2026-03-02");
        let open = stage_progress(&items, Stage::Assessment);
        assert_eq!(
            request(Stage::Assessment, open, None, &adviser, today),
            Err(SignOffError::NotDone)
        );
        assert_eq!(state(open, None), StageState::Open);

        done(&mut items, Stage::Assessment);
        let complete = stage_progress(&items, Stage::Assessment);
        assert_eq!(state(complete, None), StageState::Ready);
        assert_eq!(
            phase(&items, &SignOffs::default()),
            Phase::In(Stage::Assessment),
            "done is not finished until signed off"
        );
        let asked = request(Stage::Assessment, complete, None, &adviser, today).unwrap();
        assert_eq!(asked.kind, SignOffKind::Requested);
        assert_eq!(
            request(Stage::Assessment, complete, Some(&asked), &adviser, today),
            Err(SignOffError::AlreadyAsked)
        );
        let mut offs = SignOffs(vec![asked.clone()]);
        assert!(offs.is_awaited(Stage::Assessment));
        assert_eq!(phase(&items, &offs), Phase::In(Stage::Assessment));

        let approved = decide(Some(&asked), Decision::Approve, &name("Admin"), today).unwrap();
        assert_eq!(approved.kind, SignOffKind::Approved);
        offs = SignOffs(vec![approved.clone()]);
        assert_eq!(offs.approved_on(Stage::Assessment), Some(today));
        assert_eq!(phase(&items, &offs), Phase::In(Stage::FamilyTracing));
        assert_eq!(
            decide(Some(&approved), Decision::Approve, &name("Admin"), today),
            Err(SignOffError::AlreadySignedOff)
        );
        assert_eq!(
            request(
                Stage::Assessment,
                complete,
                Some(&approved),
                &adviser,
                today
            ),
            Err(SignOffError::AlreadySignedOff)
        );
    }

    #[test]
    fn a_returned_stage_keeps_its_note_and_may_be_asked_for_again() {
        let mut items = fresh();
        done(&mut items, Stage::Assessment);
        let complete = stage_progress(&items, Stage::Assessment);
        let today = day("2026-03-02");
        let asked = request(Stage::Assessment, complete, None, &name("Sokha"), today).unwrap();
        let note = Note::parse("The feasibility report is not attached").unwrap();
        let returned = decide(
            Some(&asked),
            Decision::Return(note.clone()),
            &name("Admin"),
            today,
        )
        .unwrap();
        assert_eq!(returned.note, note);
        assert_eq!(
            state(complete, Some(&returned)),
            StageState::Returned(returned.clone())
        );
        assert_eq!(
            phase(&items, &SignOffs(vec![returned.clone()])),
            Phase::In(Stage::Assessment)
        );
        assert_eq!(
            decide(Some(&returned), Decision::Approve, &name("Admin"), today),
            Err(SignOffError::NotAsked)
        );
        assert_eq!(
            decide(None, Decision::Approve, &name("Admin"), today),
            Err(SignOffError::NotAsked)
        );
        let again = request(
            Stage::Assessment,
            complete,
            Some(&returned),
            &name("Sokha"),
            today,
        )
        .unwrap();
        assert_eq!(again.kind, SignOffKind::Requested);
        assert!(again.note.is_empty());
    }

    #[test]
    fn reopening_a_stage_withdraws_its_request_or_approval_but_not_a_return() {
        let mut items = fresh();
        for s in [Stage::Assessment, Stage::FamilyTracing, Stage::Preparation] {
            done(&mut items, s);
        }
        let off = |stage, kind| SignOff {
            stage,
            kind,
            on: day("2026-03-02"),
            by: name("Admin"),
            note: Note::default(),
        };
        let offs = SignOffs(vec![
            off(Stage::Assessment, SignOffKind::Approved),
            off(Stage::FamilyTracing, SignOffKind::Requested),
            off(Stage::Preparation, SignOffKind::Returned),
        ]);
        assert!(withdrawn(&items, &offs).is_empty());
        for stage in [Stage::Assessment, Stage::FamilyTracing, Stage::Preparation] {
            let i = items
                .iter_mut()
                .find(|i| i.track == Track::Stage(stage))
                .unwrap();
            i.status = ItemStatus::InProgress;
        }
        assert_eq!(
            withdrawn(&items, &offs),
            [Stage::Assessment, Stage::FamilyTracing]
        );
    }

    #[test]
    fn returning_needs_a_note_and_the_decision_must_be_one_of_two() {
        let input = |decision: &str, note: &str| DecisionInput {
            decision: decision.into(),
            note: note.into(),
        };
        assert_eq!(input("approve", "").parse(), Ok(Decision::Approve));
        assert_eq!(input("return", " ").parse().unwrap_err().field, "note");
        assert!(matches!(
            input("return", "Attach the report").parse(),
            Ok(Decision::Return(n)) if n.as_str() == "Attach the report"
        ));
        assert_eq!(input("delete", "").parse().unwrap_err().field, "decision");
        let long = "x".repeat(Note::MAX + 1);
        assert_eq!(input("return", &long).parse().unwrap_err().field, "note");
    }
}
