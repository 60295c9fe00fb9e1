//! What each of the core's enums is called on a page: one exhaustive mapping per enum, no `_ =>`,
//! so a new variant does not compile until it has its words in English and Khmer.

use homeward_core::accounts::Role;
use homeward_core::follow_ups::{VisitMode, VisitedBy};
use homeward_core::history::Entity;
use homeward_core::placements::{AgeBand, Outcome};
use homeward_core::programmes::{ProgrammeKind, ProgrammeStatus};
use homeward_core::readiness::{About, Answer, Level, Polarity};
use homeward_core::regulation::{Authority, ClosureKind, InspectionOutcome};
use homeward_core::targets::{GoalKind, TargetStatus};
use homeward_core::tours::{ActionStatus, VisitorRole};
use homeward_core::trainings::TrainingCategory;
use homeward_core::transformation::{AssetUse, Currency, StaffMove};
use homeward_core::{CountField, Placement, RiskKind, StatusKind};

use crate::i18n::Msg;
use crate::rcis::Section;

/// A share of placements as a reader sees it: "25 % (1 of 4)".
pub fn rate(rate: homeward_core::placements::Rate, lang: homeward_core::Lang) -> String {
    format!(
        "{} % ({})",
        rate.percent(),
        Msg::RateOf
            .text(lang)
            .replace("{count}", &rate.count.to_string())
            .replace("{of}", &rate.of.to_string())
    )
}

/// A stored province in the reader's language: one of Cambodia's is named as the reader reads
/// it; a name stored before the list existed is shown as it was typed.
pub fn place(stored: &str, lang: homeward_core::Lang) -> String {
    homeward_core::Province::parse(stored)
        .map(|p| p.name(lang).to_string())
        .unwrap_or_else(|_| stored.to_string())
}

/// The words for a value of one of the app's enums.
pub trait Label: Copy {
    fn label(self) -> Msg;
}

impl Label for StatusKind {
    fn label(self) -> Msg {
        match self {
            StatusKind::NotStarted => Msg::StatusNotStarted,
            StatusKind::InProgress => Msg::StatusInProgress,
            StatusKind::Done => Msg::StatusDone,
            StatusKind::NotApplicable => Msg::StatusNotApplicable,
            StatusKind::Blocked => Msg::StatusBlocked,
        }
    }
}

/// The short words of the comparison's filter and totals.
impl Label for RiskKind {
    fn label(self) -> Msg {
        match self {
            RiskKind::NoPlan => Msg::RiskNoPlan,
            RiskKind::NoBudget => Msg::RiskNoBudget,
            RiskKind::Stalled => Msg::RiskStalledShort,
            RiskKind::FollowUpsOverdue => Msg::RiskFollowUpsShort,
            RiskKind::PlacementVisitsOverdue => Msg::RiskPlacementVisitsShort,
            RiskKind::ReentryRateHigh => Msg::RiskReentryShort,
            RiskKind::MouExpired => Msg::RiskMouExpiredShort,
            RiskKind::MouExpiring => Msg::RiskMouExpiringShort,
            RiskKind::InspectionOverdue => Msg::RiskInspectionShort,
            RiskKind::ImprovementsOverdue => Msg::RiskImprovementsShort,
            RiskKind::ReadinessHighRisk => Msg::RiskReadinessHigh,
            RiskKind::ReadinessOverdue => Msg::RiskReadinessOverdueShort,
        }
    }
}

impl Label for CountField {
    fn label(self) -> Msg {
        match self {
            CountField::Baseline => Msg::CountBaseline,
            CountField::Admissions => Msg::CountAdmissions,
            CountField::Assessed => Msg::CountAssessed,
            CountField::Traced => Msg::CountTraced,
            CountField::Prepared => Msg::CountPrepared,
            CountField::ReintegratedTotal => Msg::CountReintegrated,
            CountField::Reintegrated(p) => p.label(),
        }
    }
}

impl Label for Placement {
    fn label(self) -> Msg {
        match self {
            Placement::BirthFamily => Msg::PlacementBirthFamily,
            Placement::KinshipCare => Msg::PlacementKinship,
            Placement::FosterCare => Msg::PlacementFoster,
            Placement::IndependentLiving => Msg::PlacementIndependent,
            Placement::LongTermCare => Msg::PlacementLongTerm,
        }
    }
}

impl Label for AgeBand {
    fn label(self) -> Msg {
        match self {
            AgeBand::UnderFive => Msg::AgeUnderFive,
            AgeBand::FiveToEleven => Msg::AgeFiveToEleven,
            AgeBand::TwelveToSeventeen => Msg::AgeTwelveToSeventeen,
            AgeBand::Adult => Msg::AgeAdult,
        }
    }
}

impl Label for Outcome {
    fn label(self) -> Msg {
        match self {
            Outcome::Stable => Msg::OutcomeStable,
            Outcome::AtRisk => Msg::OutcomeAtRisk,
            Outcome::BrokeDown => Msg::OutcomeBrokeDown,
            Outcome::ReEntered => Msg::OutcomeReEntered,
            Outcome::Closed => Msg::OutcomeClosed,
        }
    }
}

impl Label for VisitedBy {
    fn label(self) -> Msg {
        match self {
            VisitedBy::NgoStaff => Msg::VisitedByNgo,
            VisitedBy::Dosvy => Msg::VisitedByDosvy,
            VisitedBy::LocalAuthority => Msg::VisitedByLocal,
        }
    }
}

impl Label for VisitMode {
    fn label(self) -> Msg {
        match self {
            VisitMode::Visit => Msg::ModeVisit,
            VisitMode::Phone => Msg::ModePhone,
        }
    }
}

impl Label for ProgrammeKind {
    fn label(self) -> Msg {
        match self {
            ProgrammeKind::ParentingClub => Msg::ProgParentingClub,
            ProgrammeKind::YouthGroup => Msg::ProgYouthGroup,
            ProgrammeKind::CareleaverNetwork => Msg::ProgCareleavers,
            ProgrammeKind::CommunityRoleModels => Msg::ProgRoleModels,
            ProgrammeKind::SavingsGroup => Msg::ProgSavings,
            ProgrammeKind::Other => Msg::ProgOther,
        }
    }
}

impl Label for ProgrammeStatus {
    fn label(self) -> Msg {
        match self {
            ProgrammeStatus::Starting => Msg::ProgStarting,
            ProgrammeStatus::Active => Msg::ProgActive,
            ProgrammeStatus::Paused => Msg::ProgPaused,
            ProgrammeStatus::Ended => Msg::ProgEnded,
        }
    }
}

impl Label for TrainingCategory {
    fn label(self) -> Msg {
        match self {
            TrainingCategory::DirectorTraining => Msg::CatDirector,
            TrainingCategory::SocialWork => Msg::CatSocialWork,
            TrainingCategory::PositiveParenting => Msg::CatParenting,
            TrainingCategory::VocationalTraining => Msg::CatVocational,
            TrainingCategory::OnsiteCoaching => Msg::CatCoaching,
            TrainingCategory::Other => Msg::CatOther,
        }
    }
}

/// The people a tour's visitor row counts.
impl Label for VisitorRole {
    fn label(self) -> Msg {
        match self {
            VisitorRole::Director => Msg::RoleDirectorPeople,
            VisitorRole::Staff => Msg::RoleStaffPeople,
            VisitorRole::Board => Msg::RoleBoardPeople,
            VisitorRole::Official => Msg::RoleOfficialPeople,
        }
    }
}

impl Label for ActionStatus {
    fn label(self) -> Msg {
        match self {
            ActionStatus::Open => Msg::ActionOpen,
            ActionStatus::InProgress => Msg::ActionInProgress,
            ActionStatus::Done => Msg::ActionDone,
        }
    }
}

/// A user's role.
impl Label for Role {
    fn label(self) -> Msg {
        match self {
            Role::Admin => Msg::RoleAdmin,
            Role::Adviser => Msg::RoleAdviser,
            Role::Director => Msg::RoleDirector,
            Role::Viewer => Msg::RoleViewer,
        }
    }
}

/// What kind of record a history entry is about.
impl Label for Entity {
    fn label(self) -> Msg {
        match self {
            Entity::Profile => Msg::HistoryProfile,
            Entity::ChecklistItem => Msg::HistoryItem,
            Entity::Counts => Msg::HistoryCounts,
            Entity::FollowUp => Msg::HistoryFollowUp,
            Entity::Placement => Msg::HistoryPlacement,
            Entity::Staff => Msg::HistoryStaff,
            Entity::Asset => Msg::HistoryAsset,
            Entity::Funding => Msg::HistoryFunding,
            Entity::Target => Msg::HistoryTarget,
            Entity::Regulation => Msg::HistoryRegulation,
            Entity::Programme => Msg::HistoryProgramme,
            Entity::Tour => Msg::HistoryTour,
            Entity::Training => Msg::HistoryTraining,
            Entity::User => Msg::HistoryUser,
            Entity::Password => Msg::HistoryPassword,
            Entity::TemplateStep => Msg::HistoryTemplateStep,
            Entity::Readiness => Msg::HistoryReadiness,
            Entity::Indicator => Msg::HistoryIndicator,
            Entity::SignOff => Msg::HistorySignOff,
            Entity::EvidenceFile => Msg::HistoryEvidenceFile,
            Entity::ApiToken => Msg::HistoryApiToken,
        }
    }
}

/// A section of an RCI's page, as its tab says.
impl Label for Section {
    fn label(self) -> Msg {
        match self {
            Section::Overview => Msg::SectionOverview,
            Section::Checklist => Msg::SectionChecklist,
            Section::Children => Msg::SectionChildren,
            Section::FollowUps => Msg::SectionFollowUps,
            Section::Activities => Msg::SectionActivities,
            Section::History => Msg::SectionHistory,
        }
    }
}

impl Label for StaffMove {
    fn label(self) -> Msg {
        match self {
            StaffMove::Retrained => Msg::StaffMoveRetrained,
            StaffMove::Redeployed => Msg::StaffMoveRedeployed,
            StaffMove::Left => Msg::StaffMoveLeft,
        }
    }
}

impl Label for AssetUse {
    fn label(self) -> Msg {
        match self {
            AssetUse::CommunityCentre => Msg::AssetCommunityCentre,
            AssetUse::DayCare => Msg::AssetDayCare,
            AssetUse::TransitHome => Msg::AssetTransitHome,
            AssetUse::School => Msg::AssetSchool,
            AssetUse::Office => Msg::AssetOffice,
            AssetUse::ReturnedToOwner => Msg::AssetReturnedToOwner,
            AssetUse::Sold => Msg::AssetSold,
            AssetUse::Other => Msg::AssetOther,
        }
    }
}

impl Label for Authority {
    fn label(self) -> Msg {
        match self {
            Authority::Mosvy => Msg::AuthorityMosvy,
            Authority::Dosvy => Msg::AuthorityDosvy,
        }
    }
}

impl Label for About {
    fn label(self) -> Msg {
        match self {
            About::Director => Msg::AboutDirector,
            About::Donor => Msg::AboutDonor,
            About::Relationship => Msg::AboutRelationship,
            About::Organisation => Msg::AboutOrganisation,
        }
    }
}

impl Label for Polarity {
    fn label(self) -> Msg {
        match self {
            Polarity::Positive => Msg::PolarityPositive,
            Polarity::Risk => Msg::PolarityRisk,
        }
    }
}

impl Label for Answer {
    fn label(self) -> Msg {
        match self {
            Answer::Present => Msg::AnswerPresent,
            Answer::Absent => Msg::AnswerAbsent,
            Answer::Unknown => Msg::AnswerUnknown,
        }
    }
}

impl Label for Level {
    fn label(self) -> Msg {
        match self {
            Level::Favourable => Msg::LevelFavourable,
            Level::Mixed => Msg::LevelMixed,
            Level::HighRisk => Msg::LevelHighRisk,
        }
    }
}

impl Label for InspectionOutcome {
    fn label(self) -> Msg {
        match self {
            InspectionOutcome::Satisfactory => Msg::OutcomeSatisfactory,
            InspectionOutcome::ImprovementsRequired => Msg::OutcomeImprovements,
            InspectionOutcome::SeriousConcerns => Msg::OutcomeSerious,
        }
    }
}

/// The last step of a stage's sign-off.
impl Label for homeward_core::signoffs::SignOffKind {
    fn label(self) -> Msg {
        use homeward_core::signoffs::SignOffKind;
        match self {
            SignOffKind::Requested => Msg::AwaitingSignOff,
            SignOffKind::Returned => Msg::SignOffReturnedWord,
            SignOffKind::Approved => Msg::SignedOff,
        }
    }
}

impl Label for homeward_core::Owner {
    fn label(self) -> Msg {
        match self {
            homeward_core::Owner::Adviser => Msg::OwnerAdviser,
            homeward_core::Owner::Director => Msg::OwnerDirector,
            homeward_core::Owner::Named => Msg::OwnerNamed,
        }
    }
}

impl Label for ClosureKind {
    fn label(self) -> Msg {
        match self {
            ClosureKind::Closed => Msg::ClosureClosed,
            ClosureKind::CommunityService => Msg::ClosureCommunity,
        }
    }
}

impl Label for GoalKind {
    fn label(self) -> Msg {
        match self {
            GoalKind::FamilyPlacements => Msg::GoalFamilyPlacements,
            GoalKind::StageFinished => Msg::GoalStageFinished,
            GoalKind::CareClosed => Msg::GoalCareClosed,
        }
    }
}

impl Label for TargetStatus {
    fn label(self) -> Msg {
        match self {
            TargetStatus::Missed => Msg::TargetMissed,
            TargetStatus::OffTrack => Msg::TargetOffTrack,
            TargetStatus::AtRisk => Msg::TargetAtRisk,
            TargetStatus::OnTrack => Msg::TargetOnTrack,
            TargetStatus::Met => Msg::TargetMet,
        }
    }
}

impl Label for Currency {
    fn label(self) -> Msg {
        match self {
            Currency::Usd => Msg::CurrencyUsd,
            Currency::Khr => Msg::CurrencyKhr,
        }
    }
}
