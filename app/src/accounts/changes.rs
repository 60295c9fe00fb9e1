//! The admin's log of every change: RCIs' records, tours, trainings, programmes, accounts and
//! password resets, filtered by who made them, what kind of record and when.

use homeward_core::history::{Entity, HistoryEntry};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};
use crate::labels::Label;

/// The page's data: one page of the changes the filter keeps (newest first), whether older ones
/// follow, the users to filter by, and the RCIs' names (tours and trainings name them by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesData {
    pub changes: Vec<HistoryEntry>,
    pub more: bool,
    pub users: Vec<(i64, String)>,
    pub names: std::collections::HashMap<i64, String>,
}

/// Page `page` (0 = newest; as an RCI's history is paged) of the changes the filter keeps
/// (blank means any): `user` an id, `kind` an entity key, `from` and `to` dates. Admins only.
#[server(endpoint = "list_changes")]
pub async fn list_changes(
    user: Option<String>,
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<u32>,
) -> Result<ChangesData, AppError> {
    use crate::rcis::{HISTORY_PAGE, MAX_HISTORY_PAGE};
    use homeward_core::history::HistoryFilter;
    use homeward_core::values::optional_date;

    let ctx = crate::server::Ctx::admin()?;
    let page = page.unwrap_or(0);
    if page > MAX_HISTORY_PAGE {
        return Err(AppError::NotFound);
    }
    let given = |raw: Option<String>| raw.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    let filter = HistoryFilter {
        user_id: given(user)
            .map(|id| id.parse::<i64>())
            .transpose()
            .map_err(|_| AppError::invalid(Msg::MalformedRequest))?,
        entity: given(kind)
            .map(|k| Entity::parse(&k).ok_or(AppError::invalid(Msg::MalformedRequest)))
            .transpose()?,
        from: optional_date("from", &given(from).unwrap_or_default())?,
        to: optional_date("to", &given(to).unwrap_or_default())?,
    };
    let users = ctx
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| (u.id, u.value.display_name.to_string()))
        .collect();
    let mut changes = ctx
        .store
        .changes(&filter, HISTORY_PAGE + 1, i64::from(page) * HISTORY_PAGE)
        .await?;
    let more = changes.len() as i64 > HISTORY_PAGE;
    changes.truncate(HISTORY_PAGE as usize);
    let names = super::rci_names(&ctx.store).await?;
    // A template step's entries name it as the reader reads it (custom steps stay as typed).
    let template = ctx.store.template().await?;
    let lang = crate::server::request_lang();
    for e in changes
        .iter_mut()
        .filter(|e| matches!(e.entity, Entity::ChecklistItem | Entity::TemplateStep))
    {
        let (base, file) = crate::history::split_source(&e.label);
        if let Some(step) = template.items().iter().find(|s| s.title.en == base) {
            let title = step.title.get(lang);
            e.label = match file {
                Some(file) => format!("{title} (imported from {file})"),
                None => title.to_string(),
            };
        }
    }
    // So does a readiness indicator's.
    let indicators = ctx.store.indicators().await?;
    for e in changes.iter_mut().filter(|e| e.entity == Entity::Indicator) {
        if let Some((_, i)) = indicators.iter().find(|(_, i)| i.text.en == e.label) {
            e.label = i.text.get(lang).to_string();
        }
    }
    Ok(ChangesData {
        changes,
        more,
        users,
        names,
    })
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let page = move || get("page").and_then(|p| p.parse::<u32>().ok());
    let data = Resource::new(
        move || (get("user"), get("kind"), get("from"), get("to"), page()),
        |(user, kind, from, to, page)| list_changes(user, kind, from, to, page),
    );
    view! {
        <crate::components::PageTitle text=Msg::ChangesTitle.text(lang)/>
        <h1>{Msg::ChangesTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                let (user, kind) = (get("user").unwrap_or_default(), get("kind").unwrap_or_default());
                let shown_page = page().unwrap_or(0);
                let href = move |p: u32| {
                    let mut pairs = ["user", "kind", "from", "to"].map(|k| (k, get(k))).to_vec();
                    pairs.push(("page", Some(p.to_string())));
                    format!("/admin/changes{}", crate::components::query_string(pairs))
                };
                view! {
                    <form method="get" action="/admin/changes" class="filters panel" data-testid="changes-filter">
                        <label>
                            {Msg::ChangedBy.text(lang)}
                            <select name="user">
                                <option value="">{Msg::Anyone.text(lang)}</option>
                                {data.users.into_iter().map(|(id, name)| {
                                    let selected = user == id.to_string();
                                    view! { <option value=id selected=selected translate="no">{name}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label>
                            {Msg::ChangeKind.text(lang)}
                            <select name="kind">
                                <option value="">{Msg::AnyKind.text(lang)}</option>
                                {Entity::ALL.into_iter().map(|e| view! {
                                    <option value=e.key() selected=kind == e.key()>{e.label().text(lang)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label>{Msg::FromDate.text(lang)} <input type="date" name="from" value=get("from")/></label>
                        <label>{Msg::ToDate.text(lang)} <input type="date" name="to" value=get("to")/></label>
                        <button type="submit">{Msg::Apply.text(lang)}</button>
                    </form>
                    <crate::history::HistoryTimeline entries=data.changes names=data.names lang/>
                    <crate::components::Pager
                        number=shown_page as usize + 1
                        previous=(shown_page > 0).then(|| href(shown_page - 1))
                        next=data.more.then(|| href(shown_page + 1))
                        label=Msg::ChangesTitle.text(lang)
                        lang
                    />
                }
                .into_any()
            })}
        </Suspense>
    }
}
