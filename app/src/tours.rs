//! Study tours: the list of every tour the caller may see (filters in the URL, CSV export), one
//! tour's page, and the form that records or edits a tour.

use std::collections::HashMap;

use chrono::NaiveDate;
use homeward_core::tours::{ActionStatus, StudyTour, VisitorRole};
use homeward_core::{Lang, SexCount, Stored};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::components::{field_error, form_error, PageTitle, TextArea};
use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::lists::{FilterBar, FormOptions, ListFilter, RciChoice};

/// One tour as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourRow {
    pub id: i64,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub location: String,
    pub organised_with: Vec<String>,
    pub hosts: Vec<(i64, String)>,
    pub visitors: Vec<(i64, String)>,
    pub people: SexCount,
    pub open_actions: usize,
}

impl TourRow {
    fn rci_ids(&self) -> Vec<i64> {
        self.hosts
            .iter()
            .chain(&self.visitors)
            .map(|(id, _)| *id)
            .collect()
    }
}

/// The tours page's data: the tours, the RCIs to filter by, and whether the caller may record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToursData {
    pub tours: Vec<TourRow>,
    pub rcis: Vec<RciChoice>,
    pub can_edit: bool,
}

impl ToursData {
    /// The tours these filters keep.
    pub fn filtered(&self, filter: &ListFilter) -> Vec<TourRow> {
        self.tours
            .iter()
            .filter(|t| filter.keeps(t.starts_on, t.ends_on, &t.rci_ids(), None, &self.rcis))
            .cloned()
            .collect()
    }
}

/// Every RCI's name by id, and the ids the caller may read.
#[cfg(feature = "ssr")]
async fn rcis_for(
    actor: &homeward_core::accounts::Actor,
    store: &homeward_store::Store,
) -> Result<(HashMap<i64, String>, std::collections::BTreeSet<i64>), AppError> {
    let rcis = store.rcis().await?;
    let readable = rcis
        .iter()
        .map(|r| r.id)
        .filter(|id| actor.can_read_rci(*id))
        .collect();
    let names = rcis
        .into_iter()
        .map(|r| (r.id, r.value.name_en.to_string()))
        .collect();
    Ok((names, readable))
}

/// Every tour the caller may see, as they may see it ([`StudyTour::seen_by`]): for a director
/// only tours their RCI hosted or visited, with only their own RCI's people and actions counted.
#[cfg(feature = "ssr")]
pub async fn tours_for(
    actor: &homeward_core::accounts::Actor,
    store: &homeward_store::Store,
) -> Result<ToursData, AppError> {
    let (names, readable) = rcis_for(actor, store).await?;
    let named = |id: i64| (id, names.get(&id).cloned().unwrap_or_default());
    let tours = store
        .tours()
        .await?
        .into_iter()
        .filter_map(|t| Some((t.id, t.value.seen_by(&readable)?)))
        .map(|(id, seen)| {
            let v = seen.tour;
            TourRow {
                id,
                title: v.title.to_string(),
                starts_on: v.dates.start(),
                ends_on: v.dates.end(),
                location: v.location.to_string(),
                organised_with: v.organised_with.iter().map(|o| o.to_string()).collect(),
                hosts: v.hosts.iter().map(|h| named(*h)).collect(),
                visitors: seen.visiting_rcis.into_iter().map(named).collect(),
                people: v.total_visitors(),
                open_actions: v
                    .actions
                    .iter()
                    .filter(|a| a.status != ActionStatus::Done)
                    .count(),
            }
        })
        .collect();
    Ok(ToursData {
        tours,
        rcis: crate::lists::rci_choices(actor, store).await?,
        can_edit: actor.can_edit_anything(),
    })
}

#[server(endpoint = "list_tours")]
pub async fn list_tours() -> Result<ToursData, AppError> {
    let actor = crate::server::actor()?;
    tours_for(&actor, &crate::server::state()?.store).await
}

/// The tours list as CSV, with the same filters and the same access as the page.
#[cfg(feature = "ssr")]
pub async fn export_csv(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    session: Option<axum::Extension<crate::server::Session>>,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> axum::response::Response {
    let table = async {
        let session = session
            .filter(|s| !s.must_change_password)
            .ok_or(AppError::Unauthenticated)?;
        let data = tours_for(&session.actor, &state.store).await?;
        let filter = ListFilter::from_query(|k| query.get(k).cloned());
        let join = |v: &[(i64, String)]| {
            v.iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let rows: Vec<Vec<String>> = data
            .filtered(&filter)
            .iter()
            .map(|t| {
                vec![
                    t.id.to_string(),
                    t.title.clone(),
                    t.starts_on.to_string(),
                    t.ends_on.to_string(),
                    t.location.clone(),
                    t.organised_with.join("; "),
                    join(&t.hosts),
                    join(&t.visitors),
                    t.people.total().to_string(),
                    t.people.female().to_string(),
                    t.open_actions.to_string(),
                ]
            })
            .collect();
        Ok(homeward_core::exports::csv(
            &[
                "id",
                "title",
                "starts_on",
                "ends_on",
                "location",
                "organised_with",
                "hosts",
                "visiting_rcis",
                "visitors_total",
                "visitors_female",
                "open_actions",
            ],
            &rows,
        ))
    };
    crate::lists::csv_response("study-tours.csv", table.await)
}

/// One tour's page: the tour as the caller may see it, the names of the RCIs in it (no others)
/// and those the caller may open, and for editors the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourDetail {
    pub tour: Stored<StudyTour>,
    pub visiting_rcis: Vec<i64>,
    /// Whether other RCIs' people and actions were left out.
    pub partial: bool,
    pub names: HashMap<i64, String>,
    pub readable: Vec<i64>,
    pub choices: Option<FormOptions>,
    pub today: NaiveDate,
}

#[server(endpoint = "get_tour")]
pub async fn get_tour(id: i64) -> Result<TourDetail, AppError> {
    let actor = crate::server::actor()?;
    let state = crate::server::state()?;
    let (mut names, readable) = rcis_for(&actor, &state.store).await?;
    let (stored, seen) = state
        .store
        .tours()
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .and_then(|t| {
            let seen = t.value.seen_by(&readable)?;
            Some((t, seen))
        })
        .ok_or(AppError::NotFound)?;
    let rcis = seen.tour.rcis();
    names.retain(|id, _| rcis.contains(id));
    let choices = if actor.can_edit_anything() {
        Some(crate::lists::form_choices().await?)
    } else {
        None
    };
    Ok(TourDetail {
        tour: Stored {
            value: seen.tour,
            ..stored
        },
        visiting_rcis: seen.visiting_rcis,
        partial: seen.partial,
        names,
        readable: rcis
            .into_iter()
            .filter(|id| readable.contains(id))
            .collect(),
        choices,
        today: crate::server::today(),
    })
}

/// Records a new tour (no `id`) or saves an edited one (`id` and the `version` it was read at),
/// then opens its page.
#[server(endpoint = "save_tour")]
pub async fn save_tour(
    id: Option<i64>,
    version: Option<i64>,
    tour: HashMap<String, String>,
) -> Result<(), AppError> {
    let (actor, by) = crate::server::editor()?;
    if !actor.can_edit_anything() {
        return Err(AppError::Forbidden);
    }
    let tour = StudyTour::from_form(&tour)?;
    for rci in tour.hosts.iter().chain(tour.visiting_rcis().iter()) {
        crate::server::can_read(&actor, *rci)?;
    }
    let store = &crate::server::state()?.store;
    let (id, version) = match id {
        None => (store.create_tour(&tour, &by).await?, 1),
        Some(id) => {
            let version = version.ok_or(AppError::NotFound)?;
            match store.update_tour(id, version, &tour, &by).await {
                Err(homeward_store::StoreError::Conflict { current_version }) => {
                    return Err(crate::server::stale(current_version))
                }
                other => (id, other?),
            }
        }
    };
    leptos_axum::redirect(&format!("/tours/{id}?saved={version}"));
    Ok(())
}

fn role_label(role: VisitorRole) -> Msg {
    match role {
        VisitorRole::Director => Msg::RoleDirectorPeople,
        VisitorRole::Staff => Msg::RoleStaffPeople,
        VisitorRole::Board => Msg::RoleBoardPeople,
        VisitorRole::Official => Msg::RoleOfficialPeople,
    }
}

fn status_label(status: ActionStatus) -> Msg {
    match status {
        ActionStatus::Open => Msg::ActionOpen,
        ActionStatus::InProgress => Msg::ActionInProgress,
        ActionStatus::Done => Msg::ActionDone,
    }
}

/// An RCI's name, linked to its page only if the reader may open it (a director may not open
/// the other RCIs on their tours).
fn rci_link(id: i64, name: String, readable: &[i64]) -> AnyView {
    if readable.contains(&id) {
        view! { <a href=format!("/rcis/{id}")>{name}</a> }.into_any()
    } else {
        view! { <span>{name}</span> }.into_any()
    }
}

#[component]
pub fn ToursPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || ListFilter::from_query(|k| query.read().get(k));
    let data = Resource::new(|| (), |_| list_tours());
    view! {
        <PageTitle text=Msg::ToursTitle.text(lang)/>
        <h1>{Msg::ToursTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let filter = filter();
                let shown = data.filtered(&filter);
                let years = crate::lists::years(data.tours.iter().map(|t| t.starts_on));
                let empty = shown.is_empty();
                let readable: Vec<i64> = data.rcis.iter().map(|r| r.id).collect();
                let rci = move |(id, name): (i64, String)| view! { {rci_link(id, name, &readable)} " " };
                view! {
                    {data.can_edit.then(|| view! {
                        <p><a class="button" href="/tours/new">{Msg::NewTour.text(lang)}</a></p>
                    })}
                    <FilterBar path="/tours" filter years rcis=data.rcis lang/>
                    {empty.then(|| view! { <p class="empty">{Msg::NoTours.text(lang)}</p> })}
                    <ul class="tours">
                        {shown.into_iter().map(|t| view! {
                            <li class="panel tour" data-testid="tour">
                                <h2><a href=format!("/tours/{}", t.id)>{t.title}</a></h2>
                                <p class="muted">{format!("{} – {}", t.starts_on, t.ends_on)} " · " {t.location}
                                    {(!t.organised_with.is_empty()).then(|| format!(" · {}", t.organised_with.join(", ")))}
                                </p>
                                <p><strong>{Msg::Hosts.text(lang)} ": "</strong>
                                    {t.hosts.into_iter().map(rci.clone()).collect_view()}
                                </p>
                                <p><strong>{Msg::Visitors.text(lang)} ": "</strong>
                                    {t.visitors.into_iter().map(rci.clone()).collect_view()}
                                    " (" {t.people.to_string()} ")"
                                </p>
                                <p class="muted small">{Msg::OpenActions.text(lang)} ": " {t.open_actions}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Recording a new tour.
#[component]
pub fn NewTourPage() -> impl IntoView {
    let lang = use_lang();
    let choices = Resource::new(|| (), |_| crate::lists::form_choices());
    view! {
        <PageTitle text=Msg::NewTour.text(lang)/>
        <p class="crumbs"><a href="/tours">"← " {Msg::ToursTitle.text(lang)}</a></p>
        <h1>{Msg::NewTour.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(choices) => view! { <TourForm tour=None choices lang/> }.into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}

/// One tour: who hosted, who came, what was agreed, and (for editors) the form to change it.
#[component]
pub fn TourPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let saved = move || query.read().get("saved");
    let detail = Resource::new(
        move || {
            (
                params.read().get("id").and_then(|s| s.parse::<i64>().ok()),
                saved(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(id) => get_tour(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="crumbs"><a href="/tours">"← " {Msg::ToursTitle.text(lang)}</a></p>
        {move || saved().map(|_| view! { <p class="saved banner" role="status" data-testid="notice">{Msg::TourSaved.text(lang)}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <TourView detail=d lang/> }.into_any(),
                    Err(e) => crate::not_found::error_page(&e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TourView(detail: TourDetail, lang: Lang) -> impl IntoView {
    let TourDetail {
        tour,
        visiting_rcis,
        partial,
        names,
        readable,
        choices,
        today,
    } = detail;
    let t = tour.value.clone();
    let link = move |id: i64| rci_link(id, names.get(&id).cloned().unwrap_or_default(), &readable);
    let link2 = link.clone();
    view! {
        <PageTitle text=t.title.to_string()/>
        <h1>{t.title.to_string()}</h1>
        <p class="muted">
            {format!("{} – {} ({} ", t.dates.start(), t.dates.end(), t.dates.days())} {Msg::Days.text(lang)} ") · " {t.location.to_string()}
        </p>
        <section class="panel" data-testid="tour-detail">
            {(!t.organised_with.is_empty()).then(|| view! {
                <p><strong>{Msg::OrganisedWith.text(lang)} ": "</strong>
                    {t.organised_with.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ")}</p>
            })}
            <p><strong>{Msg::Hosts.text(lang)} ": "</strong>
                {t.hosts.iter().map(|h| view! { {link(*h)} " " }).collect_view()}
            </p>
            {partial.then(|| view! {
                <p><strong>{Msg::Visitors.text(lang)} ": "</strong>
                    {visiting_rcis.iter().map(|v| view! { {link2(*v)} " " }).collect_view()}
                </p>
                <p class="muted small" data-testid="own-numbers-only">{Msg::OwnNumbersOnly.text(lang)}</p>
            })}
            <table class="data">
                <caption>{Msg::Visitors.text(lang)} " · " {t.total_visitors().to_string()}</caption>
                <thead><tr><th>{Msg::ColRci.text(lang)}</th><th>{Msg::WhoCame.text(lang)}</th><th>{Msg::People.text(lang)}</th></tr></thead>
                <tbody>
                    {t.visitors.iter().map(|v| view! {
                        <tr><td>{link(v.rci_id)}</td><td>{role_label(v.role).text(lang)}</td><td>{v.people.to_string()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!t.objectives.is_empty()).then(|| view! { <h2>{Msg::Objectives.text(lang)}</h2><p class="note">{t.objectives.as_str().to_string()}</p> })}
            {(!t.outcomes.is_empty()).then(|| view! { <h2>{Msg::Outcomes.text(lang)}</h2><p class="note">{t.outcomes.as_str().to_string()}</p> })}
            <h2>{Msg::FollowUpActions.text(lang)}</h2>
            {t.actions.is_empty().then(|| view! { <p class="empty">{Msg::NoActions.text(lang)}</p> })}
            <ul class="visits" data-testid="actions">
                {t.actions.iter().map(|a| view! {
                    <li>
                        <strong>{a.description.to_string()}</strong> " · " {link(a.owner_rci_id)} " · "
                        {Msg::Due.text(lang)} " " {a.due.to_string()} " · " {status_label(a.status).text(lang)}
                        {a.is_overdue(today).then(|| view! { " " <span class="flag flag-stalled">{Msg::Overdue.text(lang)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {choices.map(|choices| view! {
            <details class="edit">
                <summary>{Msg::EditTour.text(lang)}</summary>
                <TourForm tour=Some(tour) choices lang/>
            </details>
        })}
    }
}

/// The tour form, empty or filled in. Blank rows for more visitors and actions are always
/// there, so it works without JavaScript.
#[component]
fn TourForm(tour: Option<Stored<StudyTour>>, choices: FormOptions, lang: Lang) -> impl IntoView {
    let save = ServerAction::<SaveTour>::new();
    let value = Signal::derive(move || save.value().get());
    let (id, version, t) = match tour {
        Some(s) => (Some(s.id), Some(s.version), Some(s.value)),
        None => (None, None, None),
    };
    let text = |f: fn(&StudyTour) -> String| t.as_ref().map(f).unwrap_or_default();
    let title = text(|t| t.title.to_string());
    let starts_on = text(|t| t.dates.start().to_string());
    let ends_on = text(|t| t.dates.end().to_string());
    let place = text(|t| t.location.to_string());
    let objectives = text(|t| t.objectives.as_str().to_string());
    let outcomes = text(|t| t.outcomes.as_str().to_string());
    let orgs: Vec<String> = t
        .as_ref()
        .map(|t| t.organised_with.iter().map(|o| o.to_string()).collect())
        .unwrap_or_default();
    let hosts: Vec<i64> = t.as_ref().map(|t| t.hosts.clone()).unwrap_or_default();
    let mut visitors: Vec<Option<homeward_core::tours::Visitors>> = t
        .as_ref()
        .map(|t| t.visitors.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    visitors.extend([None, None, None]);
    let mut actions: Vec<Option<homeward_core::tours::TourAction>> = t
        .as_ref()
        .map(|t| t.actions.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    actions.extend([None, None]);
    let rcis = choices.rcis;
    let rci_select = {
        let rcis = rcis.clone();
        move |name: String, chosen: Option<i64>, label: String| {
            view! {
                <select name=format!("tour[{name}]") aria-label=label>
                    <option value="">"—"</option>
                    {rcis.iter().map(|r| view! { <option value=r.id selected=chosen == Some(r.id)>{r.name.clone()}</option> }).collect_view()}
                </select>
                {field_error(value, name)}
            }
        }
    };
    let rci_select2 = rci_select.clone();
    view! {
        <ActionForm action=save attr:class="stack panel" attr:data-testid="tour-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v/> })}
            <label>{Msg::Title.text(lang)}
                <input type="text" name="tour[title]" required maxlength="120" value=title/>
            </label>
            {field_error(value, "title")}
            <div class="row">
                <label>{Msg::StartsOn.text(lang)}
                    <input type="date" name="tour[starts_on]" required value=starts_on/>
                </label>
                <label>{Msg::EndsOn.text(lang)}
                    <input type="date" name="tour[ends_on]" required value=ends_on/>
                </label>
            </div>
            {field_error(value, "starts_on")}
            {field_error(value, "ends_on")}
            <label>{Msg::Location.text(lang)}
                <input type="text" name="tour[location]" required maxlength="120" value=place/>
            </label>
            {field_error(value, "location")}
            <fieldset>
                <legend>{Msg::OrganisedWith.text(lang)}</legend>
                {choices.organisations.into_iter().enumerate().map(|(i, o)| {
                    let checked = orgs.contains(&o);
                    view! {
                        <label class="check"><input type="checkbox" name=format!("tour[org_{i}]") value=o.clone() checked=checked/> {o}</label>
                    }
                }).collect_view()}
                <label>{Msg::OtherOrganisations.text(lang)}
                    <input type="text" name="tour[new_organisations]" maxlength="500" placeholder="MoSVY, DoSVY …"/>
                </label>
                {field_error(value, "new_organisations")}
            </fieldset>
            <fieldset data-testid="hosts">
                <legend>{Msg::Hosts.text(lang)}</legend>
                {rcis.iter().map(|r| view! {
                    <label class="check"><input type="checkbox" name=format!("tour[host_{}]", r.id) checked=hosts.contains(&r.id)/> {r.name.clone()}</label>
                }).collect_view()}
                {field_error(value, "hosts")}
            </fieldset>
            <fieldset data-testid="visitors">
                <legend>{Msg::Visitors.text(lang)}</legend>
                <table class="data form-rows">
                    <thead><tr>
                        <th>{Msg::ColRci.text(lang)}</th><th>{Msg::WhoCame.text(lang)}</th>
                        <th>{Msg::People.text(lang)}</th><th>{Msg::Women.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {visitors.into_iter().enumerate().map(|(row, v)| {
                            let cell = move |f: &str| format!("visitors_{row}_{f}");
                            // Each cell's label: its column and row, for screen readers.
                            let label = move |m: Msg| format!("{} {}", m.text(lang), row + 1);
                            let role = v.as_ref().map(|v| v.role);
                            let people = |f: fn(&SexCount) -> u32| v.as_ref().map(|v| f(&v.people).to_string()).unwrap_or_default();
                            view! {
                                <tr data-testid="visitor-row">
                                    <td>{rci_select(cell("rci_id"), v.as_ref().map(|v| v.rci_id), label(Msg::ColRci))}</td>
                                    <td>
                                        <select name=format!("tour[{}]", cell("role")) aria-label=label(Msg::WhoCame)>
                                            {VisitorRole::ALL.into_iter().map(|r| view! { <option value=r.key() selected=role == Some(r)>{role_label(r).text(lang)}</option> }).collect_view()}
                                        </select>
                                        {field_error(value, cell("role"))}
                                    </td>
                                    <td>
                                        <input type="number" min="0" inputmode="numeric" name=format!("tour[{}]", cell("total")) value=people(SexCount::total) aria-label=label(Msg::People)/>
                                        {field_error(value, cell("total"))}
                                    </td>
                                    <td>
                                        <input type="number" min="0" inputmode="numeric" name=format!("tour[{}]", cell("female")) value=people(SexCount::female) aria-label=label(Msg::Women)/>
                                        {field_error(value, cell("female"))}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {field_error(value, "visitors")}
            </fieldset>
            <label>{Msg::Objectives.text(lang)}
                <TextArea name="tour[objectives]" rows=3 maxlength=4000 value=objectives/>
            </label>
            {field_error(value, "objectives")}
            <label>{Msg::Outcomes.text(lang)}
                <TextArea name="tour[outcomes]" rows=3 maxlength=4000 value=outcomes/>
            </label>
            {field_error(value, "outcomes")}
            <fieldset data-testid="actions-form">
                <legend>{Msg::FollowUpActions.text(lang)}</legend>
                <table class="data form-rows">
                    <thead><tr>
                        <th>{Msg::Action.text(lang)}</th><th>{Msg::Owner.text(lang)}</th>
                        <th>{Msg::Due.text(lang)}</th><th>{Msg::Status.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {actions.into_iter().enumerate().map(|(row, a)| {
                            let cell = move |f: &str| format!("actions_{row}_{f}");
                            let label = move |m: Msg| format!("{} {}", m.text(lang), row + 1);
                            let status = a.as_ref().map(|a| a.status);
                            view! {
                                <tr data-testid="action-row">
                                    <td>
                                        <input type="text" maxlength="120" name=format!("tour[{}]", cell("description")) value=a.as_ref().map(|a| a.description.to_string()) aria-label=label(Msg::Action)/>
                                        {field_error(value, cell("description"))}
                                    </td>
                                    <td>{rci_select2(cell("owner"), a.as_ref().map(|a| a.owner_rci_id), label(Msg::Owner))}</td>
                                    <td>
                                        <input type="date" name=format!("tour[{}]", cell("due")) value=a.as_ref().map(|a| a.due.to_string()) aria-label=label(Msg::Due)/>
                                        {field_error(value, cell("due"))}
                                    </td>
                                    <td>
                                        <select name=format!("tour[{}]", cell("status")) aria-label=label(Msg::Status)>
                                            {ActionStatus::ALL.into_iter().map(|s| view! { <option value=s.key() selected=status == Some(s)>{status_label(s).text(lang)}</option> }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {field_error(value, "actions")}
            </fieldset>
            <button type="submit">{Msg::Save.text(lang)}</button>
            {form_error(value, lang)}
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, start: &str, hosts: &[i64], visitors: &[i64]) -> TourRow {
        let day = NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
        TourRow {
            id,
            title: format!("tour {id}"),
            starts_on: day,
            ends_on: day,
            location: "Battambang".into(),
            organised_with: vec![],
            hosts: hosts.iter().map(|h| (*h, String::new())).collect(),
            visitors: visitors.iter().map(|v| (*v, String::new())).collect(),
            people: SexCount::ZERO,
            open_actions: 0,
        }
    }

    #[test]
    fn tours_filter_by_year_and_by_rci_hosting_or_visiting() {
        let data = ToursData {
            tours: vec![
                row(1, "2025-12-08", &[1], &[2, 3]),
                row(2, "2026-03-01", &[6], &[3]),
            ],
            rcis: vec![],
            can_edit: false,
        };
        let ids = |year: Option<i32>, rci: Option<i64>| {
            data.filtered(&ListFilter {
                year,
                rci,
                ..Default::default()
            })
            .into_iter()
            .map(|t| t.id)
            .collect::<Vec<_>>()
        };
        assert_eq!(ids(None, None), [1, 2]);
        assert_eq!(ids(Some(2026), None), [2]);
        assert_eq!(ids(None, Some(3)), [1, 2]);
        assert_eq!(ids(None, Some(1)), [1]);
        assert_eq!(ids(Some(2025), Some(6)), Vec::<i64>::new());
    }
}
