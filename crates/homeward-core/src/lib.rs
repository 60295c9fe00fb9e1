//! Homeward's core: the model of a residential care institution's transition to family- and
//! community-based care, as Cambodian NGOs walk partner RCIs through it.
//!
//! Plain types and pure functions only — no web, no database — so that the app, the CLI, reports
//! and other tools share one set of rules.

pub mod accounts;
pub mod calendar;
pub mod checklists;
pub mod comparison;
pub mod counts;
pub mod exports;
pub mod follow_ups;
pub mod forms;
pub mod history;
pub mod programmes;
pub mod progress;
pub mod quarters;
pub mod rcis;
pub mod risks;
pub mod stages;
pub mod tours;
pub mod trainings;
pub mod values;

pub use checklists::{
    default_template, ChecklistItem, CustomStep, CustomStepInput, ItemChange, ItemInput, ItemKey,
    ItemStatus, StatusKind, Template, TemplateItem,
};
pub use counts::{ChildrenCounts, CountField, CountsError, Placement};
pub use progress::{Phase, Progress, TransitionProgress};
pub use rcis::{overview, FollowUpFacts, ProfileInput, RciOverview, RciProfile, RciSummary};
pub use risks::{FollowUpCadence, RiskFlag, RiskKind, RiskSettings};
pub use stages::{Bilingual, Lang, Stage, Track};
pub use values::{Count, DateRange, FieldError, Name, Note, SexCount, Stored, ValueError};

/// Each of the core's refusals can be shown in either language: English is its `Display`, Khmer
/// its `khmer()`.
macro_rules! bilingual_errors {
    ($($error:ty),*) => {$(
        impl From<$error> for Bilingual {
            fn from(e: $error) -> Self {
                Bilingual::new(e.to_string(), e.khmer())
            }
        }
    )*};
}

bilingual_errors!(
    ValueError,
    CountsError,
    checklists::ChecklistError,
    accounts::AccountError,
    stages::UnknownTrack
);
