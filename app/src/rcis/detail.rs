//! An RCI's page: a head saying where it stands, a tab bar, and one section at a time —
//! overview, checklist, children, follow-ups, activities, history — each at its own address,
//! with edit forms for those who may edit it.

use homeward_core::{Lang, Phase, Stage, Track};
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::profile::{ProfileFacts, ProfileForm};
use super::{get_rci, OverdueAction, RciContext, RciDetail, Saved, Section, SectionData};
use crate::checklists::TrackSection;
use crate::components::{Flags, PageTitle, Pager, PhaseLabel, ProgressBar, ProgressChart};
use crate::counts::{CountsChart, CountsForm, CountsPanel};
use crate::errors::AppError;
use crate::follow_ups::FollowUpsPanel;
use crate::history::HistoryTimeline;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;
use crate::programmes::{ProgrammesPanel, TookPartPanel};

/// How the checklist section shows items, from its address.
#[derive(Clone, Copy)]
struct ChecklistView {
    /// `?all=1`: every item of every stage, all stages open.
    all: bool,
    /// `?open=1`: open items only. Advisers get this by default, readers get every item.
    open: bool,
    /// `?item=<id>`: the item just saved, whose stage is shown open.
    item: Option<i64>,
}

#[component]
pub fn RciPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let params = params.read();
        (
            params.get("id").and_then(|s| s.parse::<i64>().ok()),
            params.get("section").unwrap_or_default(),
            query.read().get("page").and_then(|p| p.parse::<u32>().ok()),
        )
    };
    let detail = Resource::new(key, |(id, section, page)| async move {
        match id {
            Some(id) => get_rci(id, section, page).await,
            None => Err(AppError::NotFound),
        }
    });
    let flag = |name: &str| query.read_untracked().get(name).as_deref() == Some("1");
    let view_of_items = ChecklistView {
        all: flag("all"),
        open: flag("open"),
        item: query
            .read_untracked()
            .get("item")
            .and_then(|i| i.parse().ok()),
    };
    // A refused form comes back with its error in the URL. With its draft (what was typed) the
    // form itself shows it; without one (a button's form), it is shown here once.
    let draft = crate::drafts::draft_resource();
    let url_refusal = use_context::<ServerActionError>();
    let url_error = url_refusal
        .clone()
        .filter(|e| !e.path().ends_with("/record_counts") && !e.path().ends_with("/update_profile"))
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()));
    // The confirmation of the save that led here (not when a later one came back refused).
    let notice = query
        .read_untracked()
        .get("saved")
        .and_then(|key| Saved::parse(&key))
        .filter(|_| url_error.is_none() && use_context::<ServerActionError>().is_none());
    let saved_item = view_of_items.item.filter(|_| notice == Some(Saved::Item));
    view! {
        <p class="crumbs">
            <a href="/">"← " {Msg::BackToPartners.text(lang)}</a>
        </p>
        {notice.map(|s| view! { <p class="saved banner" role="status" data-testid="notice">{s.message().text(lang)}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || {
                let (url_error, url_refusal) = (url_error.clone(), url_refusal.clone());
                Suspend::new(async move {
                let refused = crate::drafts::Refused::of(draft.await, url_refusal);
                let banner = url_error.clone().filter(|_| refused.is_none()).map(|e| view! {
                    <p class="error banner" role="alert">{e.message(lang)}</p>
                });
                let page = match detail.await {
                    Ok(detail) => {
                        let cx = RciContext {
                            rci_id: detail.rci.id,
                            can_edit: detail.can_edit,
                            can_sign_off: detail.can_sign_off,
                            files: StoredValue::new(detail.files.clone()),
                            lang,
                            today: detail.today,
                            saved_item,
                            refused: StoredValue::new(refused),
                        };
                        view! { <RciView detail cx view_of_items/> }.into_any()
                    }
                    Err(e) => {
                        crate::not_found::set_status(&e);
                        view! {
                            <PageTitle text=Msg::NotFound.text(lang)/>
                            <p class="error" role="alert">{e.message(lang)}</p>
                        }
                            .into_any()
                    }
                };
                view! { {banner} {page} }.into_any()
            })}}
        </Suspense>
    }
}

#[component]
fn RciView(detail: RciDetail, cx: RciContext, view_of_items: ChecklistView) -> impl IntoView {
    let lang: Lang = cx.lang;
    let RciDetail {
        rci,
        overview,
        adviser_name,
        section,
        ..
    } = detail;
    let current = section.section();
    let profile = rci.value.clone();
    let progress = overview.progress.clone();
    let days = overview.days_in_phase;
    let head = view! {
        <PageTitle text=format!("{} · {}", profile.name_en, current.label().text(lang))/>
        <header class="rci-head">
            <h1 translate="no">{profile.name_en.to_string()}</h1>
            {profile.name_km.as_ref().map(|km| view! { <p class="km-name" lang="km">{km.to_string()}</p> })}
            <p class="current">
                <span class="muted">{Msg::ColStage.text(lang)} ": "</span>
                <span data-testid="current-stage">
                    <PhaseLabel phase=progress.phase lang/>
                    {(progress.phase != Phase::Completed).then(|| view! {
                        <span class="muted">" · " {days} " " {Msg::DaysInStage.text(lang)}</span>
                    })}
                </span>
            </p>
        </header>
        <SectionTabs rci_id=cx.rci_id current lang/>
    };
    let body = match section {
        SectionData::Overview {
            progress_over_time,
            next_items,
            next_follow_up_due,
            overdue_actions,
            advisers,
            sets_targets,
            regulation,
            inspections,
            readiness,
            last_assessments,
            indicators,
        } => view! {
            <div class="overall" data-testid="overall">
                <span>{Msg::ColProgress.text(lang)}</span>
                <ProgressBar progress=progress.overall label=Msg::ColProgress.text(lang).to_string()/>
            </div>
            <Flags flags=overview.flags.clone() lang/>
            <DueNext next_items next_follow_up_due overdue_actions cx/>
            <crate::targets::TargetsPanel targets=overview.targets.clone() can_set=sets_targets cx/>
            <ProgressChart points=progress_over_time lang/>
            <CountsPanel counts=overview.latest_counts lang/>
            <p class="no-print"><a href=format!("/report?rci={}", rci.id) data-testid="rci-report-link">{Msg::PrintReport.text(lang)}</a></p>
            <ProfileFacts profile=profile.clone() adviser=adviser_name lang/>
            <crate::regulation::RegulationPanel records=regulation inspections rci=rci.clone() cx/>
            <crate::readiness::ReadinessPanel latest=overview.readiness assessed=readiness
                last_two=last_assessments indicators cx/>
            {cx.can_edit.then(|| view! { <ProfileForm rci=rci.clone() advisers cx/> })}
        }
        .into_any(),
        SectionData::Checklist { items } => {
            // Advisers work through what is left; readers see the whole list unless they ask.
            let open_only = !view_of_items.all && (view_of_items.open || cx.can_edit);
            let here = Section::Checklist.href(cx.rci_id);
            view! {
                <div class="toolbar">
                    // A link, not client state: works without JavaScript and can be bookmarked.
                    <a
                        class="toggle button secondary"
                        data-testid="toggle-open"
                        data-open-only=open_only.to_string()
                        href=if open_only { format!("{here}?all=1") } else { format!("{here}?open=1") }
                    >
                        {if open_only { Msg::ShowAllItems.text(lang) } else { Msg::ShowOnlyOpen.text(lang) }}
                    </a>
                </div>
                <div class="checklist" data-only-open=open_only.to_string()>
                    {progress
                        .tracks
                        .iter()
                        .map(|(track, track_progress)| {
                            let track_items = items.iter().filter(|i| i.value.track == *track).cloned().collect::<Vec<_>>();
                            // The stage being worked on and the organisation's own track (worked on
                            // alongside) are open; finished and later stages are one line each.
                            let open = view_of_items.all
                                || *track == Track::Organisation
                                || progress.phase.track() == Some(*track)
                                || track_items.iter().any(|i| {
                                    Some(i.id) == view_of_items.item
                                        || cx.refused.with_value(|r| {
                                            r.as_ref().is_some_and(|r| r.is_of("update_item", "item_id", i.id))
                                        })
                                });
                            let sign_off = match track {
                                Track::Stage(stage) => Some(homeward_core::signoffs::state(*track_progress, overview.sign_offs.of(*stage))),
                                Track::Organisation => None,
                            };
                            match track {
                                Track::Stage(Stage::CommunityProgrammes) => view! {
                                    <TrackSection track=*track progress=*track_progress items=track_items open sign_off=sign_off cx>
                                        <p class="muted">
                                            <a href=Section::Activities.href(cx.rci_id)>{Msg::ProgrammesInActivities.text(lang)}</a>
                                        </p>
                                    </TrackSection>
                                }
                                .into_any(),
                                _ => view! { <TrackSection track=*track progress=*track_progress items=track_items open sign_off cx/> }.into_any(),
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        SectionData::Children { counts_history } => {
            let latest = overview.latest_counts;
            view! {
                <CountsPanel counts=latest lang/>
                <CountsChart history=counts_history lang/>
                {cx.can_edit.then(|| view! { <CountsForm latest cx/> })}
            }
            .into_any()
        }
        SectionData::FollowUps {
            follow_ups,
            next_follow_up_due,
            placements,
            placement_figures,
            cadence,
        } => view! {
            <crate::placements::PlacementsPanel placements figures=placement_figures cadence cx/>
            <FollowUpsPanel visits=follow_ups next_due=next_follow_up_due cx/>
        }
        .into_any(),
        SectionData::Activities {
            programmes,
            took_part,
            trained,
            transformation,
        } => view! {
            <crate::transformation::TransformationPanel records=transformation figures=overview.transformation cx/>
            <ProgrammesPanel programmes cx/>
            <TookPartPanel entries=took_part trained lang/>
        }
        .into_any(),
        SectionData::History {
            entries,
            page,
            more,
        } => {
            let here = Section::History.href(cx.rci_id);
            // The history's URL counts pages from 0.
            view! {
                <HistoryTimeline entries lang/>
                <Pager
                    number=page as usize + 1
                    previous=(page > 0).then(|| format!("{here}?page={}", page - 1))
                    next=more.then(|| format!("{here}?page={}", page + 1))
                    label=Msg::SectionHistory.text(lang)
                    lang
                />
            }
            .into_any()
        }
    };
    view! {
        {head}
        <div class="rci-section" data-section=current.key()>{body}</div>
    }
    .into_any()
}

/// The tab bar of an RCI's page: plain links, one row that scrolls sideways on a phone.
#[component]
fn SectionTabs(rci_id: i64, current: Section, lang: Lang) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label=Msg::SectionsOfRci.text(lang) data-testid="rci-tabs">
            {Section::ALL
                .into_iter()
                .map(|s| view! {
                    <a href=s.href(rci_id) aria-current=(s == current).then_some("page")>{s.label().text(lang)}</a>
                })
                .collect_view()}
        </nav>
    }
}

/// What is due next: the current stage's first open items, the next follow-up visit and
/// study-tour actions past their date.
#[component]
fn DueNext(
    next_items: Vec<homeward_core::Stored<homeward_core::ChecklistItem>>,
    next_follow_up_due: Option<chrono::NaiveDate>,
    overdue_actions: Vec<OverdueAction>,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let nothing =
        next_items.is_empty() && next_follow_up_due.is_none() && overdue_actions.is_empty();
    let checklist = Section::Checklist.href(cx.rci_id);
    view! {
        <section class="panel due-next" data-testid="due-next">
            <h2>{Msg::DueNext.text(lang)}</h2>
            {nothing.then(|| view! { <p class="empty">{Msg::NothingDue.text(lang)}</p> })}
            <ul>
                {next_items
                    .into_iter()
                    .map(|i| view! {
                        <li>
                            <a href=format!("{checklist}#item-{}", i.id)>{i.value.title.get(lang).to_string()}</a>
                            " · " <span class=format!("status status-{}", i.value.status.kind())>{i.value.status.status_kind().label().text(lang)}</span>
                            {i.value.due_on.map(|d| {
                                let overdue = d < cx.today;
                                view! {
                                    " · " {Msg::DueOn.text(lang)} " " <strong>{d.to_string()}</strong>
                                    {overdue.then(|| view! { " · " <span class="flag flag-stalled">{Msg::Overdue.text(lang)}</span> })}
                                }
                            })}
                            {i.value.owner.map(|o| view! { " · " {o.label().text(lang)} })}
                        </li>
                    })
                    .collect_view()}
                {next_follow_up_due.map(|d| {
                    let overdue = d < cx.today;
                    view! {
                        <li class:overdue=overdue>
                            <a href=Section::FollowUps.href(cx.rci_id)>{Msg::NextFollowUpDue.text(lang)}</a>
                            " " <strong>{d.to_string()}</strong>
                            {overdue.then(|| view! { " · " <span class="flag flag-stalled">{Msg::Overdue.text(lang)}</span> })}
                        </li>
                    }
                })}
                {overdue_actions
                    .into_iter()
                    .map(|a| view! {
                        <li>
                            <span class="flag flag-stalled">{Msg::OverdueAction.text(lang)}</span> " "
                            <span translate="no">{a.action}</span> " · " <a href=a.tour_href translate="no">{a.tour_title}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
            {(!nothing).then(|| view! { <p><a href=checklist.clone()>{Msg::OpenChecklist.text(lang)} " →"</a></p> })}
        </section>
    }
}
