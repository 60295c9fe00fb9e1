//! Bringing records in from a spreadsheet: the page that takes a file, shows what it would
//! change and every problem in it, and imports it once the user confirms. The server's upload
//! handler reads the file into a [`Workbook`] and keeps it here for its user; every look at the
//! preview plans it again against the records as they are, so what is confirmed is what is shown.

mod page;

pub use page::ImportPage;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;

/// Where the page is, and where files are sent.
pub const PATH: &str = "/import";

/// The template workbook's address.
pub const TEMPLATE_PATH: &str = "/import/template.xlsx";

/// One RCI's part of a preview, worded for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciPreview {
    /// The RCI's name.
    pub name: String,
    /// Its page, when it is already in Homeward.
    pub href: Option<String>,
    /// Profile fields that change: label, before, after.
    pub profile: Vec<(String, String, String)>,
    /// Counts snapshots to record, each as one line.
    pub counts: Vec<String>,
    /// Steps that change: title, status before, status after.
    pub steps: Vec<(String, String, String)>,
    /// Follow-up visits to record, each as one line.
    pub visits: Vec<String>,
    /// Staff, asset, funding and placement records to add, each as one line.
    pub changes: Vec<String>,
}

/// What the page shows of the user's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preview {
    /// A file was refused before its rows were read (wrong type, too large…).
    Refused { file_name: String, message: String },
    /// The file's plan: its problems, or what importing it would change.
    Checked {
        file_name: String,
        /// The problems as lines: a repeated one names a few rows and counts the rest.
        problems: Vec<String>,
        /// How many problems in all, every repetition counted.
        problem_count: usize,
        notes: Vec<String>,
        new_rcis: Vec<RciPreview>,
        changed_rcis: Vec<RciPreview>,
        unchanged_rows: usize,
        /// What the confirmation must match.
        fingerprint: String,
    },
    /// The file was imported: the RCIs it created or changed.
    Imported {
        file_name: String,
        rcis: Vec<(String, String)>,
    },
}

/// The user's file as it stands now, if they uploaded one (admins and advisers only).
#[server(endpoint = "import_preview")]
pub async fn import_preview() -> Result<Option<Preview>, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    if !ctx.actor.can_edit_anything() {
        return Err(AppError::NotFound);
    }
    let lang = crate::server::request_lang();
    let Some(pending) = ssr::Pending::of(&ctx.store, ctx.actor.user_id).await? else {
        return Ok(None);
    };
    let preview = match pending {
        ssr::Pending::Imported { file_name, rcis } => Preview::Imported {
            file_name,
            rcis: rcis
                .into_iter()
                .map(|(id, name)| (format!("/rcis/{id}"), name))
                .collect(),
        },
        ssr::Pending::File { file_name, book } => match &book {
            Err(e) => {
                crate::not_found::set_status(&AppError::Invalid(e.message()));
                Preview::Refused {
                    file_name,
                    message: e.message().get(lang).to_string(),
                }
            }
            Ok(book) => {
                let plan = ssr::make_plan(&ctx, book).await?;
                if !plan.problems.is_empty() {
                    crate::not_found::set_status(&AppError::Invalid(
                        crate::i18n::Msg::ImportHasProblems.into(),
                    ));
                }
                ssr::preview(&plan, lang)
            }
        },
    };
    Ok(Some(preview))
}

/// Imports the user's file, if what it would change is still what the preview showed
/// (`fingerprint`); otherwise refuses, and the page shows the file against the records as they
/// now are.
#[server(endpoint = "confirm_import")]
pub async fn confirm_import(fingerprint: String) -> Result<(), AppError> {
    let ctx = crate::server::Ctx::recorder()?;
    let Some(ssr::Pending::File { book, .. }) =
        ssr::Pending::of(&ctx.store, ctx.actor.user_id).await?
    else {
        return Err(AppError::invalid(crate::i18n::Msg::ImportNothingPending));
    };
    let Ok(book) = book else {
        return Err(AppError::invalid(crate::i18n::Msg::ImportHasProblems));
    };
    let plan = ssr::make_plan(&ctx, &book).await?;
    if !plan.problems.is_empty() {
        return Err(AppError::invalid(crate::i18n::Msg::ImportHasProblems));
    }
    if plan.fingerprint().to_string() != fingerprint {
        return Err(AppError::Conflict(crate::i18n::Msg::ImportChanged.into()));
    }
    let template = ctx.store.template().await?;
    let ids = match ctx.store.import(&plan, &template, &ctx.by).await {
        Err(homeward_store::StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict(crate::i18n::Msg::ImportChanged.into()))
        }
        other => other?,
    };
    tracing::info!(file = %plan.file_name, rcis = ids.len(), "imported");
    let rcis = ids
        .into_iter()
        .zip(plan.rcis.iter().map(|r| r.name.clone()))
        .collect();
    ssr::Pending::Imported {
        file_name: plan.file_name.clone(),
        rcis,
    }
    .keep(&ctx.store, ctx.actor.user_id)
    .await?;
    leptos_axum::redirect(PATH);
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! What only the server does: keeping each user's file, planning it, wording the plan.

    use chrono::Utc;
    use homeward_store::Store;
    use serde::{Deserialize, Serialize};

    use homeward_core::accounts::Role;
    use homeward_core::follow_ups::{VisitMode, VisitedBy};
    use homeward_core::imports::{
        self, Adviser, Context, Directory, FileError, Plan, Target, Vocabulary, Workbook,
    };
    use homeward_core::placements::{AgeBand, Outcome};
    use homeward_core::readiness::Answer;
    use homeward_core::regulation::{Authority, InspectionOutcome};
    use homeward_core::transformation::{AssetUse, StaffMove};
    use homeward_core::{Bilingual, Lang, StatusKind};

    use super::{Preview, RciPreview};
    use crate::errors::AppError;
    use crate::labels::Label;
    use crate::server::Ctx;

    /// A user's file: as read (or why it was refused), or imported. Kept in the database as
    /// JSON ([`Store::keep_pending_import`]), so any server on it can show and confirm it.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub enum Pending {
        /// The file's name and its sheets, or why it could not be read.
        File {
            file_name: String,
            book: Result<Workbook, FileError>,
        },
        /// Imported: each RCI's id and name.
        Imported {
            file_name: String,
            rcis: Vec<(i64, String)>,
        },
    }

    impl Pending {
        /// Keeps it as `user_id`'s, replacing their previous file.
        pub async fn keep(&self, store: &Store, user_id: i64) -> Result<(), AppError> {
            Ok(store.keep_pending_import(user_id, self, Utc::now()).await?)
        }

        /// `user_id`'s file, while kept.
        pub async fn of(store: &Store, user_id: i64) -> Result<Option<Pending>, AppError> {
            Ok(store.pending_import(user_id, Utc::now()).await?)
        }
    }

    /// The words the pages use for statuses, visitors and modes, which a file may use too.
    pub fn vocabulary() -> Vocabulary {
        fn words<T: Label>(all: &[T]) -> Vec<(T, Bilingual)> {
            all.iter().map(|v| (*v, v.label().into())).collect()
        }
        Vocabulary {
            statuses: words(&StatusKind::ALL),
            visitors: words(&VisitedBy::ALL),
            modes: words(&VisitMode::ALL),
            staff_moves: words(&StaffMove::ALL),
            asset_uses: words(&AssetUse::ALL),
            placements: words(&homeward_core::Placement::ALL),
            age_bands: words(&AgeBand::ALL),
            outcomes: words(&Outcome::ALL),
            authorities: words(Authority::ALL),
            inspection_outcomes: words(InspectionOutcome::ALL),
            answers: words(Answer::ALL),
            owners: words(homeward_core::Owner::ALL),
        }
    }

    /// Plans a file for the caller: against every RCI (to find those it names), with the
    /// records of those it names and the caller's rights over each.
    pub async fn make_plan(ctx: &Ctx, book: &Workbook) -> Result<Plan, AppError> {
        let read = imports::read(book);
        let partners = ctx.store.rci_summaries().await?;
        let directory = Directory::new(partners.iter().map(|(p, _)| (p.id, &p.value)));
        let ids = read.mentioned(&directory);
        let actor = ctx.actor.clone();
        let known = ctx
            .store
            .import_context(&ids, |id| actor.can_edit_rci(id))
            .await?;
        let advisers = ctx
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.value.active && matches!(u.value.role, Role::Admin | Role::Adviser))
            .map(|u| Adviser {
                id: u.id,
                login: u.value.login.to_string(),
                name: u.value.display_name.to_string(),
            })
            .collect();
        let cx = Context {
            known,
            template: ctx.store.template().await?,
            advisers,
            vocabulary: vocabulary(),
            indicators: ctx.store.asked_indicators().await?,
            actor: ctx.actor.clone(),
            today: ctx.today,
        };
        Ok(imports::plan(&read, &directory, &cx))
    }

    /// The plan worded for the page.
    pub fn preview(plan: &Plan, lang: Lang) -> Preview {
        let word = |m: crate::i18n::Msg| m.text(lang).to_string();
        let (mut new_rcis, mut changed_rcis) = (vec![], vec![]);
        for rci in &plan.rcis {
            let status = |s: StatusKind| word(s.label());
            let shown = RciPreview {
                name: rci.name.clone(),
                href: match rci.target {
                    Target::Existing { id, .. } => Some(format!("/rcis/{id}")),
                    Target::New => None,
                },
                profile: rci
                    .profile_changes
                    .iter()
                    .map(|c| {
                        let label =
                            crate::history::field_label(&c.field).map_or(c.field.clone(), &word);
                        let value =
                            |v: &str| crate::history::value_text(&c.field, v.to_string(), lang);
                        (label, value(&c.before), value(&c.after))
                    })
                    .collect(),
                counts: rci
                    .counts
                    .iter()
                    .map(|c| crate::history::fields_text(&c.describe(), lang))
                    .collect(),
                steps: rci
                    .items
                    .iter()
                    .map(|i| {
                        let after = match i.change.status.done_on() {
                            Some(on) => format!("{} {on}", status(i.change.status.status_kind())),
                            None => status(i.change.status.status_kind()),
                        };
                        (i.title.get(lang).to_string(), status(i.before), after)
                    })
                    .collect(),
                visits: rci
                    .follow_ups
                    .iter()
                    .map(|v| crate::history::fields_text(&v.describe(), lang))
                    .collect(),
                changes: {
                    let t = &rci.transformation;
                    let staff = t.staff.iter().map(|c| c.describe());
                    let assets = t.assets.iter().map(|c| c.describe());
                    let funding = t.funding.iter().map(|c| c.describe());
                    let placements = rci.placements.iter().map(|p| p.describe());
                    let visits = rci.placement_visits.iter().map(|(code, v)| {
                        let mut fields = vec![("case code", code.to_string())];
                        fields.extend(v.describe());
                        fields
                    });
                    let agreements = rci.agreements.iter().map(|a| a.describe());
                    let inspections = rci.inspections.iter().map(|i| i.describe());
                    // Each assessment by its day and what it found: its level is worked out
                    // against the list when it is written.
                    let assessments = rci.assessments.iter().map(|a| {
                        let known = a
                            .answers
                            .iter()
                            .filter(|x| x.answer != Answer::Unknown)
                            .count();
                        vec![
                            ("assessment date", a.assessed_on.to_string()),
                            ("indicators answered", known.to_string()),
                        ]
                    });
                    staff
                        .chain(assets)
                        .chain(funding)
                        .chain(placements)
                        .chain(visits)
                        .chain(agreements)
                        .chain(inspections)
                        .chain(assessments)
                        .map(|fields| crate::history::fields_text(&fields, lang))
                        .collect()
                },
            };
            match rci.target {
                Target::New => new_rcis.push(shown),
                Target::Existing { .. } => changed_rcis.push(shown),
            }
        }
        Preview::Checked {
            file_name: plan.file_name.clone(),
            problems: plan.problems.lines(lang),
            problem_count: plan.problems.total(),
            notes: plan.notes.iter().map(|n| n.get(lang).to_string()).collect(),
            new_rcis,
            changed_rcis,
            unchanged_rows: plan.unchanged_rows,
            fingerprint: plan.fingerprint().to_string(),
        }
    }
}
