//! My work (`/my-work`): what is due and late across the RCIs a user looks after, most urgent
//! first, each a link to the place to act (see `homeward_core::work`). Advisers see the RCIs
//! they advise, a director their own (read only), admins and viewers every partner.

use chrono::NaiveDate;
use homeward_core::work::{Task, Work};
use homeward_core::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::PageTitle;
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::rcis::Section;

/// Entries shown at most: an organisation-wide list is long, and its most urgent part is what
/// a day can use; the rest is counted.
pub const SHOWN: usize = 100;

/// The page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkList {
    /// The most urgent work, at most [`SHOWN`], each with its RCI's names.
    pub work: Vec<(Work, RciNames)>,
    /// How much work there is in all, and how much of it late.
    pub total: usize,
    pub late: usize,
    /// How many RCIs it covers.
    pub rcis: usize,
    pub today: NaiveDate,
    /// The name of a spreadsheet the caller uploaded and has not yet confirmed or dropped.
    pub import_waiting: Option<String>,
}

/// An RCI's names, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciNames {
    pub en: String,
    pub km: Option<String>,
}

impl RciNames {
    pub fn of(profile: &homeward_core::RciProfile) -> Self {
        RciNames {
            en: profile.name_en.to_string(),
            km: profile.name_km.as_ref().map(|n| n.to_string()),
        }
    }

    /// The name in the reader's language: the Khmer one for a Khmer reader when there is one.
    pub fn in_lang(self, lang: Lang) -> String {
        match (lang, self.km) {
            (Lang::Km, Some(km)) => km,
            _ => self.en,
        }
    }
}

/// The page a role starts on when signing in asked for none: an adviser's day begins with what
/// is due; everyone else with the partners.
pub fn first_page(role: homeward_core::accounts::Role) -> &'static str {
    use homeward_core::accounts::Role;
    match role {
        Role::Adviser => "/my-work",
        Role::Admin | Role::Director | Role::Viewer => "/",
    }
}

/// The caller's work on today, in the order to do it, and the names of the RCIs it covers. An
/// adviser's RCIs are read by id (the cost does not grow with the number of partners), a
/// director's one likewise; admins and viewers read the shared copy of every summary.
#[cfg(feature = "ssr")]
async fn work_of(
    ctx: &crate::server::Ctx,
) -> Result<(Vec<Work>, std::collections::HashMap<i64, RciNames>), AppError> {
    let own;
    let every;
    let rcis: &[_] = match ctx.actor.own_rcis() {
        Some(ids) => {
            own = ctx.store.rci_summaries_of(&ids).await?;
            &own
        }
        None => {
            every = ctx.store.rci_summaries().await?;
            &every
        }
    };
    let actions = ctx.store.open_tour_actions().await?;
    let work = homeward_core::work::across(
        rcis.iter().map(|(r, s)| (r.id, &r.value, s)),
        &actions,
        &ctx.settings,
        ctx.today,
    );
    let names = rcis
        .iter()
        .map(|(r, _)| (r.id, RciNames::of(&r.value)))
        .collect();
    Ok((work, names))
}

/// The caller's work: what is late and due across the RCIs they look after.
#[server(endpoint = "my_work")]
pub async fn my_work() -> Result<WorkList, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    let (work, names) = work_of(&ctx).await?;
    let late = work.iter().filter(|w| w.is_overdue(ctx.today)).count();
    use crate::imports::ssr::Pending;
    let import_waiting = match Pending::of(&ctx.store, ctx.actor.user_id).await? {
        Some(Pending::File { file_name, .. }) => Some(file_name),
        Some(Pending::Imported { .. }) | None => None,
    };
    Ok(WorkList {
        import_waiting,
        total: work.len(),
        late,
        rcis: names.len(),
        today: ctx.today,
        work: work
            .into_iter()
            .take(SHOWN)
            .filter_map(|w| {
                let n = names.get(&w.rci_id)?.clone();
                Some((w, n))
            })
            .collect(),
    })
}

/// How many things are late for an adviser or a director, for the header; `None` for the
/// organisation's roles, whose list covers every partner (the tab is there, without a count).
#[cfg(feature = "ssr")]
pub async fn late_count(ctx: &crate::server::Ctx) -> Result<Option<usize>, AppError> {
    use homeward_core::accounts::Role;
    match ctx.actor.role {
        Role::Adviser | Role::Director => {
            let (work, _) = work_of(ctx).await?;
            Ok(Some(
                work.iter().filter(|w| w.is_overdue(ctx.today)).count(),
            ))
        }
        Role::Admin | Role::Viewer => Ok(None),
    }
}

/// Where to act on a task.
fn href(work: &Work) -> String {
    let rci = work.rci_id;
    let overview = Section::Overview.href(rci);
    match &work.task {
        Task::Step(step) => format!("{}#item-{}", Section::Checklist.href(rci), step.item_id),
        Task::FollowUpDue => Section::FollowUps.href(rci),
        Task::InspectionDue => format!("{overview}#regulation"),
        Task::AssessmentDue => format!("{overview}#readiness"),
        Task::TourAction { tour_id, .. } => format!("/tours/{tour_id}"),
        Task::SignOff(stage, _) => format!(
            "{}#track-{}",
            Section::Checklist.href(rci),
            homeward_core::Track::Stage(*stage).key()
        ),
        Task::Flag(flag) => {
            use homeward_core::RiskFlag as F;
            match flag {
                F::FollowUpsOverdue { .. }
                | F::PlacementVisitsOverdue { .. }
                | F::ReentryRateHigh { .. } => Section::FollowUps.href(rci),
                F::MouExpired { .. }
                | F::MouExpiring { .. }
                | F::InspectionOverdue { .. }
                | F::ImprovementsOverdue { .. } => format!("{overview}#regulation"),
                F::ReadinessHighRisk | F::ReadinessOverdue { .. } => {
                    format!("{overview}#readiness")
                }
                F::NoReintegrationPlan | F::NoReintegrationBudget | F::Stalled { .. } => overview,
            }
        }
    }
}

/// What the task is, worded: the app's own words per language, a step's or action's text as
/// typed (marked so a translator leaves it).
fn what(work: &Work, lang: Lang) -> AnyView {
    match &work.task {
        Task::Step(step) => {
            let title = step.title.get(lang).to_string();
            let owner = step.owner.map(|o| format!(" · {}", o.label().text(lang)));
            view! {
                {Msg::WorkStep.text(lang)} ": "
                <span translate=step.custom.then_some("no")>{title}</span>
                {owner}
            }
            .into_any()
        }
        Task::FollowUpDue => Msg::NextFollowUpDue.text(lang).into_any(),
        Task::InspectionDue => Msg::WorkInspectionDue.text(lang).into_any(),
        Task::AssessmentDue => Msg::WorkAssessmentDue.text(lang).into_any(),
        Task::TourAction { tour, action, .. } => view! {
            {Msg::OverdueAction.text(lang)} ": " <span translate="no">{action.to_string()}</span>
            " · " <span translate="no">{tour.to_string()}</span>
        }
        .into_any(),
        Task::Flag(flag) => view! {
            <span class=format!("flag flag-{}", flag.key())>{crate::components::flag_text(flag, lang)}</span>
        }
        .into_any(),
        Task::SignOff(stage, state) => {
            use homeward_core::signoffs::StageState;
            let heading =
                crate::checklists::track_heading(homeward_core::Track::Stage(*stage), lang);
            match state {
                StageState::Returned(s) => view! {
                    {heading} ": " {Msg::SignOffReturnedWord.text(lang)} " · " {Msg::WhatIsMissing.text(lang)} ": "
                    <span translate="no" data-testid="returned-note">{s.note.as_str().to_string()}</span>
                }
                .into_any(),
                StageState::Awaiting(_) => format!("{heading}: {}", Msg::AwaitingSignOff.text(lang)).into_any(),
                StageState::Ready | StageState::Open | StageState::SignedOff(_) => {
                    format!("{heading}: {}", Msg::AskForSignOff.text(lang)).into_any()
                }
            }
        }
    }
}

/// When: the day, and how late or how soon.
fn when(work: &Work, today: NaiveDate, lang: Lang) -> Option<String> {
    let due = work.due_on?;
    let days = (due - today).num_days();
    let how = if days < 0 {
        format!(
            "{} {} {}",
            Msg::Late.text(lang),
            -days,
            Msg::Days.text(lang)
        )
    } else if days == 0 {
        Msg::DueToday.text(lang).to_string()
    } else {
        format!("{} {days} {}", Msg::DueIn.text(lang), Msg::Days.text(lang))
    };
    Some(format!("{due} · {how}"))
}

#[component]
pub fn MyWorkPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| my_work());
    view! {
        <PageTitle text=Msg::MyWorkTitle.text(lang)/>
        <h1>{Msg::MyWorkTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let today = data.today;
                let shown = data.work.len();
                view! {
                    <p class="muted" data-testid="work-summary">
                        {format!(
                            "{} {} · {} {} · {} {}",
                            data.late, Msg::WorkLate.text(lang),
                            data.total, Msg::WorkInAll.text(lang),
                            data.rcis, Msg::WorkRcis.text(lang),
                        )}
                    </p>
                    {data.import_waiting.map(|file| view! {
                        <p class="panel" data-testid="import-waiting">
                            <a href="/import">{Msg::ImportWaiting.text(lang)}</a> " " <span translate="no">{file}</span>
                        </p>
                    })}
                    {(data.total == 0).then(|| view! { <p class="empty">{Msg::NothingToDo.text(lang)}</p> })}
                    {(shown < data.total).then(|| view! {
                        <p class="muted small">{format!("{} {shown} / {}", Msg::WorkShownFirst.text(lang), data.total)}</p>
                    })}
                    <ol class="work" data-testid="work">
                        {data.work.into_iter().map(|(w, names)| {
                            let late = w.is_overdue(today);
                            let name = names.in_lang(lang);
                            view! {
                                <li class="work-item" class:overdue=late data-rci=w.rci_id>
                                    <a class="work-link" href=href(&w)>{what(&w, lang)}</a>
                                    <span class="work-rci" translate="no">{name}</span>
                                    {when(&w, today, lang).map(|t| view! { <span class="work-when">{t}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
        </Suspense>
    }
}
