//! An RCI's page: where it stands, its profile, children counts, checklists, follow-ups and
//! history, with edit forms for those who may edit it.

use homeward_core::{Lang, Phase, Stage, Track};
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::profile::{ProfileFacts, ProfileForm};
use super::{get_rci, RciContext, RciDetail, Saved};
use crate::checklists::TrackSection;
use crate::components::{Flags, PageTitle, PhaseLabel, ProgressBar, ProgressChart};
use crate::counts::{CountsChart, CountsForm, CountsPanel};
use crate::errors::AppError;
use crate::follow_ups::FollowUpsPanel;
use crate::history::HistoryTimeline;
use crate::i18n::{use_lang, Msg};
use crate::programmes::{ProgrammesPanel, TookPartPanel};

#[component]
pub fn RciPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let detail = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_rci(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let open_only = query.read_untracked().get("open").as_deref() == Some("1");
    // A form submitted without WebAssembly comes back with its error in the URL; shown here once.
    let url_error = use_context::<ServerActionError>()
        .filter(|e| !e.path().ends_with("/record_counts") && !e.path().ends_with("/update_profile"))
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()));
    // The confirmation of the save that led here (not when a later one came back refused).
    let notice = query
        .read_untracked()
        .get("saved")
        .and_then(|key| Saved::parse(&key))
        .filter(|_| url_error.is_none() && use_context::<ServerActionError>().is_none());
    view! {
        <p class="crumbs">
            <a href="/">"← " {Msg::BackToPartners.text(lang)}</a>
        </p>
        {url_error.map(|e| view! { <p class="error banner" role="alert">{e.message(lang)}</p> })}
        {notice.map(|s| view! { <p class="saved banner" role="status" data-testid="notice">{s.message().text(lang)}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => {
                        let cx = RciContext {
                            rci_id: detail.rci.id,
                            can_edit: detail.can_edit,
                            lang,
                            today: detail.today,
                        };
                        view! { <RciView detail cx open_only/> }.into_any()
                    }
                    Err(e) => {
                        crate::not_found::set_status(&e);
                        view! {
                            <PageTitle text=Msg::NotFound.text(lang)/>
                            <p class="error" role="alert">{e.message(lang)}</p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn RciView(detail: RciDetail, cx: RciContext, open_only: bool) -> impl IntoView {
    let lang: Lang = cx.lang;
    let RciDetail {
        rci,
        overview,
        items,
        counts_history,
        follow_ups,
        next_follow_up_due,
        history,
        programmes,
        took_part,
        trained,
        progress_over_time,
        adviser_name,
        advisers,
        can_edit,
        ..
    } = detail;
    let profile = rci.value.clone();
    let progress = overview.progress.clone();
    let days = overview.days_in_phase;
    let head = view! {
        <PageTitle text=profile.name_en.to_string()/>
        <header class="rci-head">
            <h1>{profile.name_en.to_string()}</h1>
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
            <div class="overall" data-testid="overall">
                <span>{Msg::ColProgress.text(lang)}</span>
                <ProgressBar progress=progress.overall label=Msg::ColProgress.text(lang).to_string()/>
            </div>
            <ProgressChart points=progress_over_time lang/>
            <Flags flags=overview.flags.clone() lang/>
            <p class="no-print"><a href=format!("/report?rci={}", rci.id) data-testid="rci-report-link">{Msg::PrintReport.text(lang)}</a></p>
            <ProfileFacts profile=profile.clone() adviser=adviser_name lang/>
            {can_edit.then(|| view! { <ProfileForm rci=rci.clone() advisers cx/> })}
        </header>
    }
    .into_any();
    let latest = overview.latest_counts;
    let mut programmes = Some(programmes);
    view! {
        {head}
        <CountsPanel counts=latest lang/>
        <CountsChart history=counts_history lang/>
        {can_edit.then(|| view! { <CountsForm latest cx/> })}
        <div class="toolbar">
            // A link, not client state: works without JavaScript and can be bookmarked.
            <a
                class="toggle button secondary"
                data-testid="toggle-open"
                data-open-only=open_only.to_string()
                href=if open_only { format!("/rcis/{}", cx.rci_id) } else { format!("/rcis/{}?open=1", cx.rci_id) }
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
                // The community-programmes stage shows the programmes the RCI runs.
                match (track, programmes.take()) {
                    (Track::Stage(Stage::CommunityProgrammes), Some(programmes)) => view! {
                        <TrackSection track=*track progress=*track_progress items=track_items cx>
                            <ProgrammesPanel programmes cx/>
                        </TrackSection>
                    }
                    .into_any(),
                    (_, taken) => {
                        programmes = taken;
                        view! { <TrackSection track=*track progress=*track_progress items=track_items cx/> }.into_any()
                    }
                }
            })
            .collect_view()}
        </div>
        <FollowUpsPanel visits=follow_ups next_due=next_follow_up_due cx/>
        <TookPartPanel entries=took_part trained lang/>
        <HistoryTimeline entries=history lang/>
    }
    .into_any()
}
