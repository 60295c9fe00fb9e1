//! An RCI's page: where it stands, its children counts, and each stage's checklist.

use homeward_core::{Lang, Phase};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{get_rci, RciDetail};
use crate::checklists::{ChecklistContext, TrackSection};
use crate::components::{Flags, PhaseLabel, ProgressBar};
use crate::counts::CountsPanel;
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

#[component]
pub fn RciPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    // Bumped by each successful save, so figures and progress bars are read again.
    let saved = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (id(), saved.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_rci(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="crumbs">
            <a href="/">"← " {Msg::BackToPartners.text(lang)}</a>
        </p>
        <Transition fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <RciView detail saved lang/> }.into_any(),
                    Err(e) => {
                        crate::not_found::set_status(&e);
                        view! {
                            <Title text=Msg::NotFound.text(lang)/>
                            <p class="error" role="alert">{e.message(lang)}</p>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn RciView(detail: RciDetail, saved: RwSignal<u32>, lang: Lang) -> impl IntoView {
    let RciDetail {
        rci,
        overview,
        items,
        can_edit,
    } = detail;
    let profile = rci.value;
    let open_only = RwSignal::new(false);
    let cx = ChecklistContext {
        rci_id: rci.id,
        can_edit,
        open_only,
        saved,
        lang,
    };
    let progress = overview.progress.clone();
    let days = overview.days_in_phase;
    let head = view! {
        <Title text=profile.name_en.to_string()/>
        <header class="rci-head">
            <h1>{profile.name_en.to_string()}</h1>
            {profile.name_km.as_ref().map(|km| view! { <p class="km-name" lang="km">{km.to_string()}</p> })}
            <dl class="facts">
                <div>
                    <dt>{Msg::ColProvince.text(lang)}</dt>
                    <dd>{profile.province.to_string()}</dd>
                </div>
                {profile.district.as_ref().map(|d| view! {
                    <div>
                        <dt>{Msg::District.text(lang)}</dt>
                        <dd>{d.to_string()}</dd>
                    </div>
                })}
                <div>
                    <dt>{Msg::TransitionStarted.text(lang)}</dt>
                    <dd>{profile.transition_start.format("%Y-%m-%d").to_string()}</dd>
                </div>
                <div>
                    <dt>{Msg::ColStage.text(lang)}</dt>
                    <dd data-testid="current-stage">
                        <PhaseLabel phase=progress.phase lang/>
                        {(progress.phase != Phase::Completed).then(|| view! {
                            <span class="muted">" · " {days} " " {Msg::DaysInStage.text(lang)}</span>
                        })}
                    </dd>
                </div>
            </dl>
            <div class="overall">
                <span>{Msg::ColProgress.text(lang)}</span>
                <ProgressBar progress=progress.overall label=Msg::ColProgress.text(lang).to_string()/>
            </div>
            <Flags flags=overview.flags.clone() lang/>
        </header>
    }
    .into_any();
    view! {
        {head}
        <CountsPanel counts=overview.latest_counts lang/>
        <div class="toolbar">
            <button
                type="button"
                class="toggle"
                data-testid="toggle-open"
                aria-pressed=move || open_only.get().to_string()
                on:click=move |_| open_only.update(|v| *v = !*v)
            >
                {move || if open_only.get() { Msg::ShowAllItems.text(lang) } else { Msg::ShowOnlyOpen.text(lang) }}
            </button>
        </div>
        {progress
            .tracks
            .iter()
            .map(|(track, track_progress)| {
                let track_items = items.iter().filter(|i| i.value.track == *track).cloned().collect::<Vec<_>>();
                view! { <TrackSection track=*track progress=*track_progress items=track_items cx/> }
            })
            .collect_view()}
    }
    .into_any()
}
