//! Partner RCIs: what the partners list and an RCI's page show, and the server functions that
//! read them, create them and change their profiles.

mod detail;
mod list;
mod profile;

pub use detail::RciPage;
pub use list::PartnersPage;
pub use profile::NewRciPage;

use chrono::NaiveDate;
use homeward_core::follow_ups::FollowUpVisit;
use homeward_core::history::HistoryEntry;
use homeward_core::programmes::Programme;
use homeward_core::SexCount;
use homeward_core::{
    ChecklistItem, ChildrenCounts, Lang, ProfileInput, RciOverview, RciProfile, Stored,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;
use crate::i18n::Msg;
use crate::programmes::TookPart;

/// One line of the partners list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciRow {
    pub rci: Stored<RciProfile>,
    pub overview: RciOverview,
}

/// What every section of an RCI's page shows at its head, and the section's own data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciDetail {
    pub rci: Stored<RciProfile>,
    pub overview: RciOverview,
    /// The lead adviser's name.
    pub adviser_name: Option<String>,
    /// Whether the caller may change this RCI: pages show edit controls only then.
    pub can_edit: bool,
    /// Whether the caller may sign its stages off (or return them).
    pub can_sign_off: bool,
    /// Its evidence files, without their bytes.
    pub files: Vec<homeward_core::evidence::EvidenceFile>,
    /// Today in Cambodia, from the server, so forms default to the same date on both sides.
    pub today: NaiveDate,
    pub section: SectionData,
}

/// The sections of an RCI's page, each at its own address (`/rcis/{id}/{key}`), so a phone
/// loads and shows only the part being worked on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    Overview,
    Checklist,
    Children,
    FollowUps,
    Activities,
    History,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Overview,
        Section::Checklist,
        Section::Children,
        Section::FollowUps,
        Section::Activities,
        Section::History,
    ];

    /// The last segment of the section's address; the overview is the RCI's own address.
    pub fn key(self) -> &'static str {
        match self {
            Section::Overview => "",
            Section::Checklist => "checklist",
            Section::Children => "children",
            Section::FollowUps => "follow-ups",
            Section::Activities => "activities",
            Section::History => "history",
        }
    }

    pub fn parse(key: &str) -> Option<Section> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn href(self, rci_id: i64) -> String {
        match self {
            Section::Overview => format!("/rcis/{rci_id}"),
            other => format!("/rcis/{rci_id}/{}", other.key()),
        }
    }
}

/// Changes shown per page of an RCI's history.
pub const HISTORY_PAGE: i64 = 30;
/// The last history page anyone may ask for: bounds the offset taken from the URL.
pub const MAX_HISTORY_PAGE: u32 = 10_000;

/// What one section of an RCI's page shows beyond the head: read for that section only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionData {
    Overview {
        /// Overall progress at each month's end since the transition started.
        progress_over_time: Vec<(NaiveDate, u8)>,
        /// What is due next: the current stage's first open items…
        next_items: Vec<Stored<ChecklistItem>>,
        /// …the next follow-up visit…
        next_follow_up_due: Option<NaiveDate>,
        /// …and follow-up actions of study tours that are overdue.
        overdue_actions: Vec<OverdueAction>,
        /// For an admin, every adviser to choose the lead adviser from; empty for anyone else.
        advisers: Vec<(i64, String)>,
        /// Whether the reader may set and remove targets (an admin).
        sets_targets: bool,
        /// Its agreements, inspections and closure notices.
        regulation: homeward_core::regulation::Regulation,
        /// Its inspections with their ids, newest first: each lists its files.
        inspections: Vec<(i64, homeward_core::regulation::Inspection)>,
        /// Its readiness assessments as its summary keeps them, oldest first.
        readiness: Vec<homeward_core::readiness::Assessed>,
        /// Its two latest assessments with their answers, newest first: what changed, and where
        /// the form starts.
        last_assessments: Vec<homeward_core::readiness::Recorded>,
        /// The organisation's indicators, retired ones included (past answers name them).
        indicators: Vec<homeward_core::readiness::Indicator>,
    },
    Checklist {
        items: Vec<Stored<ChecklistItem>>,
    },
    Children {
        /// Every snapshot, oldest first, for the chart of change over time.
        counts_history: Vec<ChildrenCounts>,
    },
    FollowUps {
        follow_ups: Vec<Stored<FollowUpVisit>>,
        next_follow_up_due: Option<NaiveDate>,
        placements: Vec<Stored<homeward_core::placements::Followed>>,
        placement_figures: homeward_core::placements::PlacementFigures,
        cadence: homeward_core::FollowUpCadence,
    },
    Activities {
        programmes: Vec<Stored<Programme>>,
        /// Study tours and trainings it took part in, and everyone from it trained so far.
        took_part: Vec<TookPart>,
        trained: SexCount,
        /// Its staff, assets and funding moved to family-based care.
        transformation: homeward_core::transformation::Transformation,
    },
    History {
        entries: Vec<HistoryEntry>,
        /// This page's number (0 = newest) and whether older changes follow.
        page: u32,
        more: bool,
    },
}

/// What every panel of an RCI's page needs from the page.
#[derive(Clone, Copy)]
pub struct RciContext {
    pub rci_id: i64,
    pub can_edit: bool,
    pub can_sign_off: bool,
    /// The RCI's evidence files, for each record to list its own.
    pub files: StoredValue<Vec<homeward_core::evidence::EvidenceFile>>,
    pub lang: Lang,
    pub today: NaiveDate,
    /// The checklist item just saved (`?saved=item&item=<id>`): kept in view, marked, even when
    /// the save closed it and only open items are shown.
    pub saved_item: Option<i64>,
    /// The form the server just refused, with what was typed: shown again at its form.
    pub refused: StoredValue<Option<crate::drafts::Refused>>,
}

/// What a save on an RCI's page confirms. The server function sends the browser back to the
/// page with `?saved=<key>` and the page says so: no state in the browser, so the same happens
/// with or without JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    Profile,
    Counts,
    FollowUp,
    Placement,
    PlacementVisit,
    StaffChange,
    AssetChange,
    FundingChange,
    Target,
    TargetRemoved,
    Registration,
    Agreement,
    Inspection,
    Closure,
    Assessment,
    Programme,
    Item,
    ItemAdded,
    ItemHidden,
    ItemShown,
    SignOffRequested,
    SignOffApproved,
    SignOffReturned,
    File,
}

impl Saved {
    pub const ALL: [Saved; 24] = [
        Saved::Profile,
        Saved::Counts,
        Saved::FollowUp,
        Saved::Placement,
        Saved::PlacementVisit,
        Saved::StaffChange,
        Saved::AssetChange,
        Saved::FundingChange,
        Saved::Target,
        Saved::TargetRemoved,
        Saved::Registration,
        Saved::Agreement,
        Saved::Inspection,
        Saved::Closure,
        Saved::Assessment,
        Saved::Programme,
        Saved::Item,
        Saved::ItemAdded,
        Saved::ItemHidden,
        Saved::ItemShown,
        Saved::SignOffRequested,
        Saved::SignOffApproved,
        Saved::SignOffReturned,
        Saved::File,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Saved::Profile => "profile",
            Saved::Counts => "counts",
            Saved::FollowUp => "follow_up",
            Saved::Placement => "placement",
            Saved::PlacementVisit => "placement_visit",
            Saved::StaffChange => "staff_change",
            Saved::AssetChange => "asset_change",
            Saved::FundingChange => "funding_change",
            Saved::Target => "target",
            Saved::TargetRemoved => "target_removed",
            Saved::Registration => "registration",
            Saved::Agreement => "agreement",
            Saved::Inspection => "inspection",
            Saved::Closure => "closure",
            Saved::Assessment => "assessment",
            Saved::Programme => "programme",
            Saved::Item => "item",
            Saved::ItemAdded => "item_added",
            Saved::ItemHidden => "item_hidden",
            Saved::ItemShown => "item_shown",
            Saved::SignOffRequested => "sign_off_requested",
            Saved::SignOffApproved => "sign_off_approved",
            Saved::SignOffReturned => "sign_off_returned",
            Saved::File => "file",
        }
    }

    pub fn parse(key: &str) -> Option<Saved> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The section that holds the form, where the browser goes back to.
    pub fn section(self) -> Section {
        match self {
            Saved::Profile
            | Saved::Target
            | Saved::TargetRemoved
            | Saved::Registration
            | Saved::Agreement
            | Saved::Inspection
            | Saved::Closure
            | Saved::Assessment => Section::Overview,
            Saved::Counts => Section::Children,
            Saved::FollowUp | Saved::Placement | Saved::PlacementVisit => Section::FollowUps,
            Saved::StaffChange | Saved::AssetChange | Saved::FundingChange => Section::Activities,
            Saved::Programme => Section::Activities,
            Saved::Item
            | Saved::ItemAdded
            | Saved::ItemHidden
            | Saved::ItemShown
            | Saved::SignOffRequested
            | Saved::SignOffApproved
            | Saved::SignOffReturned
            | Saved::File => Section::Checklist,
        }
    }

    /// The confirmation shown at the top of the page.
    pub fn message(self) -> Msg {
        match self {
            Saved::Profile => Msg::ProfileSaved,
            Saved::Counts => Msg::CountsSaved,
            Saved::FollowUp => Msg::FollowUpSaved,
            Saved::Placement => Msg::PlacementSaved,
            Saved::PlacementVisit => Msg::PlacementVisitSaved,
            Saved::StaffChange => Msg::StaffChangeSaved,
            Saved::AssetChange => Msg::AssetChangeSaved,
            Saved::FundingChange => Msg::FundingChangeSaved,
            Saved::Target => Msg::TargetSaved,
            Saved::TargetRemoved => Msg::TargetRemovedMsg,
            Saved::Registration => Msg::RegistrationSaved,
            Saved::Agreement => Msg::AgreementSaved,
            Saved::Inspection => Msg::InspectionSaved,
            Saved::Closure => Msg::ClosureSaved,
            Saved::Assessment => Msg::AssessmentSaved,
            Saved::Programme => Msg::ProgrammeSaved,
            Saved::Item => Msg::ItemSaved,
            Saved::ItemAdded => Msg::ItemAdded,
            Saved::ItemHidden => Msg::ItemHidden,
            Saved::ItemShown => Msg::ItemShown,
            Saved::SignOffRequested => Msg::SignOffRequestedSaved,
            Saved::SignOffApproved => Msg::SignOffApprovedSaved,
            Saved::SignOffReturned => Msg::SignOffReturnedSaved,
            Saved::File => Msg::FileAttached,
        }
    }
}

/// After a successful save: back to the RCI's page, which confirms it. A form posted without
/// JavaScript follows the redirect; with JavaScript the islands router fetches and patches it.
#[cfg(feature = "ssr")]
pub fn back_to_rci(rci_id: i64, saved: Saved) {
    crate::server::redirect_saved(&saved.section().href(rci_id), saved.key());
}

/// After saving a checklist item: back to the checklist, with the item's stage open and the
/// item in view, wherever in the list it was.
#[cfg(feature = "ssr")]
pub fn back_to_item(rci_id: i64, saved: Saved, item_id: i64) {
    crate::server::redirect_saved_then(
        &saved.section().href(rci_id),
        saved.key(),
        &format!("&item={item_id}#item-{item_id}"),
    );
}

/// Every partner RCI the caller may see, with its overview.
#[server(endpoint = "list_rcis")]
pub async fn list_rcis() -> Result<Vec<RciRow>, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    let rows = ctx.store.rci_overviews(&ctx.settings, ctx.today).await?;
    Ok(rows
        .into_iter()
        .filter(|(rci, _)| ctx.actor.can_read_rci(rci.id))
        .map(|(rci, overview)| RciRow { rci, overview })
        .collect())
}

impl SectionData {
    pub fn section(&self) -> Section {
        match self {
            SectionData::Overview { .. } => Section::Overview,
            SectionData::Checklist { .. } => Section::Checklist,
            SectionData::Children { .. } => Section::Children,
            SectionData::FollowUps { .. } => Section::FollowUps,
            SectionData::Activities { .. } => Section::Activities,
            SectionData::History { .. } => Section::History,
        }
    }
}

/// A study tour's follow-up action that the RCI owns and is past due, as "due next" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueAction {
    /// What is to be done, and by when.
    pub action: String,
    pub tour_title: String,
    /// The tour's page.
    pub tour_href: String,
}

/// One section of an RCI's page: its head (profile, where it stands) and what the section
/// shows, read for that section alone.
#[server(endpoint = "get_rci")]
pub async fn get_rci(id: i64, section: String, page: Option<u32>) -> Result<RciDetail, AppError> {
    let ctx = crate::server::Ctx::read(id)?;
    let section = Section::parse(&section).ok_or(AppError::NotFound)?;
    let page = page.unwrap_or(0);
    if page > MAX_HISTORY_PAGE {
        return Err(AppError::NotFound);
    }
    let (store, today) = (&ctx.store, ctx.today);
    let homeward_store::rcis::RciHead {
        rci,
        summary,
        adviser_name,
    } = store.rci_head(id).await?;
    // The summary gives both the overview and when the next follow-up visit is due.
    let overview = summary.overview(&rci.value, &ctx.settings, today);
    let next_follow_up_due = homeward_core::risks::next_follow_up_due(
        summary.follow_ups.first_reintegration,
        summary.follow_ups.last_follow_up,
        ctx.settings.follow_up,
        today,
    );
    let section = match section {
        Section::Overview => {
            let items = store.checklist(id).await?;
            let values: Vec<ChecklistItem> = items.iter().map(|i| i.value.clone()).collect();
            let current = overview.progress.phase.track();
            SectionData::Overview {
                progress_over_time: homeward_core::progress::progress_over_time(
                    &values,
                    rci.value.transition_start,
                    today,
                ),
                next_items: homeward_core::checklists::due_next(&items, |i| &i.value, current, 3)
                    .into_iter()
                    .cloned()
                    .collect(),
                next_follow_up_due,
                overdue_actions: store
                    .actions_owned_by(id)
                    .await?
                    .into_iter()
                    .filter(|(_, _, a)| a.is_overdue(today))
                    .map(|(tour, title, a)| OverdueAction {
                        action: format!("{} ({})", a.description, a.due),
                        tour_title: title.to_string(),
                        tour_href: format!("/tours/{tour}"),
                    })
                    .collect(),
                sets_targets: ctx.actor.can_set_targets(),
                regulation: summary.regulation.clone(),
                inspections: store.inspections(id).await?,
                readiness: summary.readiness.clone(),
                last_assessments: store.assessments(id).await?.into_iter().take(2).collect(),
                indicators: store
                    .indicators()
                    .await?
                    .into_iter()
                    .map(|(_, i)| i)
                    .collect(),
                // Only an admin chooses the lead adviser: everyone else gets no list.
                advisers: if ctx.actor.can_manage_users() {
                    store.active_advisers().await?
                } else {
                    vec![]
                },
            }
        }
        Section::Checklist => SectionData::Checklist {
            items: store.checklist(id).await?,
        },
        Section::Children => SectionData::Children {
            counts_history: store
                .counts_history(id)
                .await?
                .into_iter()
                .map(|s| s.value)
                .collect(),
        },
        Section::FollowUps => {
            let placements = store.placements(id).await?;
            let followed: Vec<_> = placements.iter().map(|p| p.value.clone()).collect();
            let cadence = ctx.settings.follow_up;
            SectionData::FollowUps {
                follow_ups: store.follow_ups(id).await?,
                next_follow_up_due,
                placement_figures: homeward_core::placements::figures(&followed, &cadence, today),
                placements,
                cadence,
            }
        }
        Section::Activities => SectionData::Activities {
            transformation: store.transformation(id).await?,
            programmes: store.programmes(id).await?,
            took_part: {
                let mut entries = tours_taken_part(store, id, today).await?;
                entries.extend(trainings_attended(store, id).await?);
                entries.sort_by_key(|(start, _)| std::cmp::Reverse(*start));
                entries.into_iter().map(|(_, e)| e).collect()
            },
            trained: store.trained_people(id).await?,
        },
        Section::History => {
            let mut entries = store
                .history_page(id, HISTORY_PAGE + 1, i64::from(page) * HISTORY_PAGE)
                .await?;
            let more = entries.len() as i64 > HISTORY_PAGE;
            entries.truncate(HISTORY_PAGE as usize);
            // A step's entries name it as the reader reads it: its title in their language.
            let lang = crate::server::request_lang();
            let steps = store.checklist(id).await?;
            for e in entries
                .iter_mut()
                .filter(|e| e.entity == homeward_core::history::Entity::ChecklistItem)
            {
                if let Some(step) = steps.iter().find(|s| s.id == e.entity_id) {
                    let (_, file) = crate::history::split_source(&e.label);
                    let title = step.value.title.get(lang);
                    e.label = match file {
                        Some(file) => format!("{title} (imported from {file})"),
                        None => title.to_string(),
                    };
                }
            }
            SectionData::History {
                entries,
                page,
                more,
            }
        }
    };
    Ok(RciDetail {
        can_edit: ctx.actor.can_edit_rci(id),
        can_sign_off: ctx.actor.can_sign_off(),
        files: ctx.store.evidence_files(id).await?,
        adviser_name,
        today,
        overview,
        section,
        rci,
    })
}

/// The study tours an RCI hosted or visited, newest first, each with its start (to sort by) and
/// the RCI's overdue follow-up actions.
#[cfg(feature = "ssr")]
async fn tours_taken_part(
    store: &homeward_store::Store,
    rci: i64,
    today: NaiveDate,
) -> Result<Vec<(NaiveDate, TookPart)>, AppError> {
    let lang = crate::server::request_lang();
    Ok(store
        .tours_involving(rci)
        .await?
        .into_iter()
        .map(|tour| {
            let t = tour.value;
            let hosted = t.hosts.contains(&rci);
            let people = t
                .visitors
                .iter()
                .filter(|v| v.rci_id == rci)
                .fold(SexCount::ZERO, |sum, v| sum.plus(v.people));
            let entry = TookPart {
                title: t.title.to_string(),
                href: format!("/tours/{}", tour.id),
                dates: t.dates.to_string(),
                how: if hosted {
                    Msg::TourHosted
                } else {
                    Msg::TourVisited
                }
                .text(lang)
                .to_string(),
                people: (!hosted).then_some(people),
                overdue_actions: t
                    .actions
                    .iter()
                    .filter(|a| a.owner_rci_id == rci && a.is_overdue(today))
                    .map(|a| format!("{} ({})", a.description, a.due))
                    .collect(),
            };
            (t.dates.start(), entry)
        })
        .collect())
}

/// The trainings people from an RCI attended, each with its start (to sort by).
#[cfg(feature = "ssr")]
async fn trainings_attended(
    store: &homeward_store::Store,
    rci: i64,
) -> Result<Vec<(NaiveDate, TookPart)>, AppError> {
    let lang = crate::server::request_lang();
    Ok(store
        .trainings_attended_by(rci)
        .await?
        .into_iter()
        .filter_map(|training| {
            let t = training.value;
            let p = t.participants.iter().find(|p| p.rci_id == rci)?;
            let entry = TookPart {
                title: t.title.to_string(),
                href: format!("/trainings/{}", training.id),
                dates: t.dates.to_string(),
                how: Msg::TrainingAttended.text(lang).to_string(),
                people: Some(p.people),
                overdue_actions: vec![],
            };
            Some((t.dates.start(), entry))
        })
        .collect())
}

/// Saves an RCI's profile, refusing a save from a page older than the last save.
#[server(endpoint = "update_profile")]
pub async fn update_profile(
    rci_id: i64,
    version: i64,
    profile: ProfileInput,
) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let profile = profile.parse(ctx.today)?;
    // Judged against the version the page was read at; the store refuses any other version.
    let current = ctx.store.rci(rci_id).await?;
    if current.version == version
        && !ctx
            .actor
            .may_set_lead_adviser(current.value.adviser_id, profile.adviser_id)
    {
        return Err(AppError::Forbidden);
    }
    save_profile(
        &ctx,
        rci_id,
        version,
        &profile.with_registration(current.value.registration()),
        Saved::Profile,
    )
    .await
}

/// Saves a whole profile as of `version` (the profile's form and the registration's share it):
/// a save from an older page is refused with what is stored now.
#[cfg(feature = "ssr")]
pub(crate) async fn save_profile(
    ctx: &crate::server::Ctx,
    rci_id: i64,
    version: i64,
    profile: &RciProfile,
    saved: Saved,
) -> Result<i64, AppError> {
    match ctx
        .store
        .update_profile(rci_id, version, profile, &ctx.by)
        .await
    {
        Err(homeward_store::StoreError::Conflict { .. }) => {
            let newer = ctx.store.rci(rci_id).await?;
            Err(crate::server::conflict(&newer.value.describe()))
        }
        other => {
            let version = other?;
            back_to_rci(rci_id, saved);
            Ok(version)
        }
    }
}

/// Creates a partner RCI with the organisation's checklist template and opens its page. An
/// adviser who creates one becomes its lead adviser; only an admin may name another.
#[server(endpoint = "create_rci")]
pub async fn create_rci(profile: ProfileInput) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::recorder()?;
    let mut profile = profile.parse(ctx.today)?;
    if ctx.actor.role == homeward_core::accounts::Role::Adviser {
        let own = Some(ctx.actor.user_id);
        if !ctx
            .actor
            .may_set_lead_adviser(own, profile.adviser_id.or(own))
        {
            return Err(AppError::Forbidden);
        }
        profile.adviser_id = own;
    }
    let template = ctx.store.template().await?;
    let id = ctx
        .store
        .create_rci_by(&profile, &template, &ctx.by)
        .await?;
    leptos_axum::redirect(&format!("/rcis/{id}"));
    Ok(())
}
