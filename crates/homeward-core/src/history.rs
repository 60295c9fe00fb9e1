//! The change history: who changed what, when, from what to what.
//!
//! Advisers' records are the evidence of a transition for the ministry and donors, and accounts
//! decide who may see children's data, so every change is kept, as field-by-field before/after
//! values, and never edited: an RCI's own records, the organisation's tours, trainings and
//! programmes, and every account, role, assignment and password reset.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::values::Name;

/// What kind of record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entity {
    /// An RCI's profile.
    Profile,
    /// One step of an RCI's checklist.
    ChecklistItem,
    /// A children-counts snapshot.
    Counts,
    /// A follow-up visit.
    FollowUp,
    /// A reintegration followed on its own, or a visit to it.
    Placement,
    /// Staff retrained, redeployed or who left.
    Staff,
    /// A building or asset repurposed.
    Asset,
    /// A donor's funding redirected to family-based services.
    Funding,
    /// A target set by the organisation, for an RCI or a province.
    Target,
    /// An agreement with MoSVY or DoSVY, an inspection or a closure notice.
    Regulation,
    /// A community programme.
    Programme,
    /// A study tour.
    Tour,
    /// A training.
    Training,
    /// An account: created, its role, RCI, assignments or active flag changed.
    User,
    /// A password set: a reset by an admin, or a change by its owner (never the password itself).
    Password,
    /// A step of the organisation's checklist template.
    TemplateStep,
    /// A readiness assessment of an RCI.
    Readiness,
    /// An indicator of the organisation's readiness list.
    Indicator,
    /// A stage's sign-off: asked for, returned, approved or withdrawn.
    SignOff,
    /// An evidence file attached to an RCI's records.
    EvidenceFile,
    /// A token of the read-only API: created, or revoked.
    ApiToken,
}

impl Entity {
    /// Every kind, in the order the history filter offers them.
    pub const ALL: [Entity; 21] = [
        Entity::Profile,
        Entity::ChecklistItem,
        Entity::Counts,
        Entity::FollowUp,
        Entity::Placement,
        Entity::Staff,
        Entity::Asset,
        Entity::Funding,
        Entity::Target,
        Entity::Regulation,
        Entity::Programme,
        Entity::Tour,
        Entity::Training,
        Entity::User,
        Entity::Password,
        Entity::TemplateStep,
        Entity::Readiness,
        Entity::Indicator,
        Entity::SignOff,
        Entity::EvidenceFile,
        Entity::ApiToken,
    ];

    /// The stable key stored with each change and used in filters.
    pub fn key(self) -> &'static str {
        match self {
            Entity::Profile => "profile",
            Entity::ChecklistItem => "checklist_item",
            Entity::Counts => "counts",
            Entity::FollowUp => "follow_up",
            Entity::Placement => "placement",
            Entity::Staff => "staff",
            Entity::Asset => "asset",
            Entity::Funding => "funding",
            Entity::Target => "target",
            Entity::Regulation => "regulation",
            Entity::Programme => "programme",
            Entity::Tour => "tour",
            Entity::Training => "training",
            Entity::User => "user",
            Entity::Password => "password",
            Entity::TemplateStep => "template_step",
            Entity::Readiness => "readiness",
            Entity::Indicator => "indicator",
            Entity::SignOff => "sign_off",
            Entity::EvidenceFile => "evidence_file",
            Entity::ApiToken => "api_token",
        }
    }

    /// The kind with this key; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Entity> {
        Self::ALL.into_iter().find(|e| e.key() == raw)
    }
}

/// Who made a change: the signed-in user (by id, which never changes, and the name shown), or
/// Homeward itself (demo data, the command line) with no user id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    /// The user's id; `None` for Homeward itself.
    pub user_id: Option<i64>,
    /// The name the history shows for the change.
    pub name: Name,
    /// The file the change was imported from, which the history names beside it.
    #[serde(default)]
    pub source: Option<String>,
}

impl Editor {
    /// A change by a signed-in user.
    pub fn user(user_id: i64, name: Name) -> Self {
        Self {
            user_id: Some(user_id),
            name,
            source: None,
        }
    }

    /// The same editor, importing from a file (its name cut to 80 characters).
    pub fn importing(self, file_name: &str) -> Self {
        Self {
            source: Some(file_name.chars().take(80).collect()),
            ..self
        }
    }

    /// Changes nobody made through the app: demo data, generated data, the command line.
    pub fn system() -> Self {
        Self {
            user_id: None,
            name: Name::parse("Homeward").expect("a valid name"),
            source: None,
        }
    }
}

/// Which changes a history listing shows; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryFilter {
    /// Only changes by this user.
    pub user_id: Option<i64>,
    /// Only changes to this kind of record.
    pub entity: Option<Entity>,
    /// Only changes on or after this day.
    pub from: Option<NaiveDate>,
    /// Only changes on or before this day.
    pub to: Option<NaiveDate>,
}

/// One field's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's label, as the record's `describe` names it.
    pub field: String,
    /// Empty when the record was created.
    pub before: String,
    /// Empty when the field was cleared.
    pub after: String,
}

/// One saved change of one record, as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When the change was saved.
    pub at: DateTime<Utc>,
    /// The name of whoever made it.
    pub by: String,
    /// What kind of record changed.
    pub entity: Entity,
    /// The changed record's id (a tour's, a user's…), for a link to it.
    pub entity_id: i64,
    /// What changed, in words: an item's title, "profile", a count's date.
    pub label: String,
    /// Each field that changed, before and after.
    pub changes: Vec<FieldChange>,
}

/// The fields that differ between two descriptions of a record (`before` empty for a new one).
/// Fields are compared by name, so a field present on one side only still shows.
pub fn diff(before: &[(&str, String)], after: &[(&str, String)]) -> Vec<FieldChange> {
    let value = |list: &[(&str, String)], field: &str| {
        list.iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut fields: Vec<&str> = after.iter().map(|(f, _)| *f).collect();
    fields.extend(
        before
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| !after.iter().any(|(a, _)| a == f)),
    );
    fields
        .into_iter()
        .filter_map(|field| {
            let (b, a) = (value(before, field), value(after, field));
            (b != a).then(|| FieldChange {
                field: field.to_string(),
                before: b,
                after: a,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_changed_fields_are_kept() {
        let before = [
            ("status", "not_started".to_string()),
            ("evidence", "".into()),
        ];
        let after = [("status", "done".to_string()), ("evidence", "".into())];
        assert_eq!(
            diff(&before, &after),
            vec![FieldChange {
                field: "status".into(),
                before: "not_started".into(),
                after: "done".into()
            }]
        );
    }

    #[test]
    fn a_new_record_lists_every_non_empty_field() {
        let after = [("date", "2026-01-01".to_string()), ("notes", "".into())];
        let changes = diff(&[], &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].before, "");
    }

    proptest! {
        /// A description compared with itself has no changes; with anything else, every
        /// reported change really differs.
        #[test]
        fn diff_reports_exactly_the_differences(a in proptest::collection::vec("[a-c]{0,2}", 3), b in proptest::collection::vec("[a-c]{0,2}", 3)) {
            let names = ["x", "y", "z"];
            let left: Vec<(&str, String)> = names.iter().copied().zip(a.clone()).collect();
            let right: Vec<(&str, String)> = names.iter().copied().zip(b.clone()).collect();
            prop_assert!(diff(&left, &left).is_empty());
            let changes = diff(&left, &right);
            let differing = a.iter().zip(&b).filter(|(x, y)| x != y).count();
            prop_assert_eq!(changes.len(), differing);
            for c in changes {
                prop_assert_ne!(c.before, c.after);
            }
        }
    }
}
