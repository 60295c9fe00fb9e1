//! The partners page: every partner RCI with its province, stage and overall progress.
//! Filters live in the URL, so a filtered view can be bookmarked and works without JavaScript.

use homeward_core::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{list_rcis, RciRow};
use crate::components::{Flags, Pager, PhaseLabel, ProgressBar};
use crate::i18n::{use_lang, Msg};
use homeward_core::paging::Page;

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    Progress,
    Stage,
}

impl Sort {
    const ALL: [Sort; 3] = [Sort::Name, Sort::Progress, Sort::Stage];

    fn key(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Progress => "progress",
            Sort::Stage => "stage",
        }
    }

    fn label(self) -> Msg {
        match self {
            Sort::Name => Msg::SortName,
            Sort::Progress => Msg::SortProgress,
            Sort::Stage => Msg::SortStage,
        }
    }

    fn from_key(key: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }
}

/// Keeps the rows of one province (all if empty) in the chosen order. Ties fall back to name.
pub fn filter_and_sort(mut kept: Vec<RciRow>, province: &str, sort: Sort) -> Vec<RciRow> {
    kept.retain(|r| province.is_empty() || r.rci.value.province.as_str() == province);
    kept.sort_by(|a, b| {
        let by_name = a.rci.value.name_en.cmp(&b.rci.value.name_en);
        match sort {
            Sort::Name => by_name,
            Sort::Progress => b
                .overview
                .progress
                .overall
                .percent()
                .cmp(&a.overview.progress.overall.percent())
                .then(by_name),
            Sort::Stage => b
                .overview
                .progress
                .phase
                .cmp(&a.overview.progress.phase)
                .then(by_name),
        }
    });
    kept
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let lang = use_lang();
    let me = Resource::new(|| (), |_| crate::accounts::me());
    view! {
        <h1>{Msg::PartnersTitle.text(lang)}</h1>
        <p class="intro">{Msg::PartnersIntro.text(lang)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let may_create = matches!(
                    me.await,
                    Ok(Some(m)) if matches!(m.role, homeward_core::accounts::Role::Admin | homeward_core::accounts::Role::Adviser)
                );
                may_create.then(|| view! {
                    <p>
                        <a class="button" href="/rcis/new">"+ " {Msg::NewRci.text(lang)}</a> " "
                        <a class="button secondary" href=crate::imports::PATH>{Msg::ImportLink.text(lang)}</a>
                    </p>
                })
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match list_rcis().await {
                    Ok(rows) => view! { <PartnerList rows lang/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message(lang)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnerList(rows: Vec<RciRow>, lang: Lang) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{Msg::NoPartners.text(lang)}</p> }.into_any();
    }
    let query = use_query_map().read_untracked();
    let province = query.get("province").unwrap_or_default();
    let sort = Sort::from_key(&query.get("sort").unwrap_or_default());
    let mut provinces: Vec<String> = rows
        .iter()
        .map(|r| r.rci.value.province.to_string())
        .collect();
    provinces.sort();
    provinces.dedup();
    let all_provinces = province.is_empty();
    let list = filter_and_sort(rows, &province, sort);
    let page = Page::of(list.len(), query.get("page").as_deref());
    let href = |n: usize| {
        let query = crate::components::query_string(vec![
            ("province", (!province.is_empty()).then(|| province.clone())),
            ("sort", (sort != Sort::Name).then(|| sort.key().to_string())),
            ("page", (n > 1).then(|| n.to_string())),
        ]);
        format!("/{query}")
    };
    let pager = view! {
        <Pager
            number=page.number
            pages=Some(page.pages)
            previous=page.previous().map(href)
            next=page.next().map(href)
            words=(Msg::PreviousPage, Msg::NextPage)
            label=Msg::PagesOfPartners.text(lang)
            lang
        />
    };
    let range = (page.pages > 1).then(|| format!(" ({}–{})", page.start + 1, page.end));
    let list = page.take(list);
    view! {
        <form class="filters" method="get" action="/">
            <label>
                {Msg::FilterProvince.text(lang)}
                <select name="province">
                    <option value="" selected=all_provinces>
                        {Msg::AllProvinces.text(lang)}
                    </option>
                    {provinces
                        .into_iter()
                        .map(|p| {
                            let selected = p == province;
                            let label = crate::labels::place(&p, lang);
                            view! { <option value=p selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {Msg::SortBy.text(lang)}
                <select name="sort">
                    {Sort::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.key() selected=sort == s>
                                    {s.label().text(lang)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="submit">{Msg::Apply.text(lang)}</button>
        </form>
        {
            if list.is_empty() {
                    view! { <p class="empty">{Msg::NoPartnersMatch.text(lang)}</p> }.into_any()
                } else {
                    view! {
                        <p class="count">
                            {Msg::ShowingCount.text(lang)} ": " <strong data-testid="shown-count">{page.total}</strong>
                            {range}
                        </p>
                        <table class="partners">
                            <thead>
                                <tr>
                                    <th scope="col">{Msg::ColRci.text(lang)}</th>
                                    <th scope="col">{Msg::ColProvince.text(lang)}</th>
                                    <th scope="col">{Msg::ColStage.text(lang)}</th>
                                    <th scope="col">{Msg::ColProgress.text(lang)}</th>
                                    <th scope="col">{Msg::ColRisks.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|row| view! { <PartnerRow row lang/> }).collect_view()}
                            </tbody>
                        </table>
                        {pager}
                    }
                        .into_any()
                }
        }
    }
    .into_any()
}

#[component]
fn PartnerRow(row: RciRow, lang: Lang) -> impl IntoView {
    let profile = row.rci.value;
    let progress = row.overview.progress;
    view! {
        <tr class="partner" data-rci=row.rci.id>
            <td data-label=Msg::ColRci.text(lang)>
                <a href=format!("/rcis/{}", row.rci.id) translate="no">{profile.name_en.to_string()}</a>
                {profile
                    .name_km
                    .map(|km| view! { <div class="km-name" lang="km">{km.to_string()}</div> })}
            </td>
            <td data-label=Msg::ColProvince.text(lang)>{crate::labels::place(profile.province.as_str(), lang)}</td>
            <td data-label=Msg::ColStage.text(lang)>
                <PhaseLabel phase=progress.phase lang/>
            </td>
            <td data-label=Msg::ColProgress.text(lang)>
                <ProgressBar progress=progress.overall label=Msg::ColProgress.text(lang).to_string()/>
            </td>
            <td data-label=Msg::ColRisks.text(lang)>
                <Flags flags=row.overview.flags lang/>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use homeward_core::{overview, FollowUpFacts, RciProfile, RiskSettings, Stored};

    fn row(id: i64, name: &str, province: &str) -> RciRow {
        let profile = RciProfile::parse(name, "", province, "", NaiveDate::MIN).unwrap();
        let o = overview(
            &profile,
            &[],
            &Default::default(),
            None,
            FollowUpFacts::default(),
            None,
            &RiskSettings::default(),
            NaiveDate::MIN,
        );
        RciRow {
            rci: Stored {
                id,
                version: 1,
                value: profile,
            },
            overview: o,
        }
    }

    #[test]
    fn filters_by_province_and_sorts_by_name() {
        let rows = vec![
            row(1, "Zeta", "Pursat"),
            row(2, "Alpha", "Pailin"),
            row(3, "Beta", "Pursat"),
        ];
        let names = |v: Vec<RciRow>| v.into_iter().map(|r| r.rci.id).collect::<Vec<_>>();
        assert_eq!(
            names(filter_and_sort(rows.clone(), "", Sort::Name)),
            [2, 3, 1]
        );
        assert_eq!(
            names(filter_and_sort(rows.clone(), "Pursat", Sort::Name)),
            [3, 1]
        );
        assert!(filter_and_sort(rows, "Kep", Sort::Name).is_empty());
    }

    #[test]
    fn sort_keys_round_trip_and_unknown_falls_back_to_name() {
        for s in Sort::ALL {
            assert_eq!(Sort::from_key(s.key()), s);
        }
        assert_eq!(Sort::from_key("evil"), Sort::Name);
    }
}
