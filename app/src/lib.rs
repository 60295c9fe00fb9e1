//! Homeward's web app: pages and server functions, rendered on the server. Only a few small
//! islands (see [`islands`]) run in the browser: pages and forms work without JavaScript, and the
//! phone of an adviser on prepaid data downloads little code. Business rules live in
//! `homeward-core`; this crate translates them to pages.

pub mod accounts;
pub mod checklists;
pub mod compare;
pub mod components;
pub mod counts;
pub mod drafts;
pub mod errors;
pub mod evidence;
pub mod follow_ups;
pub mod history;
pub mod i18n;
pub mod imports;
pub mod islands;
pub mod labels;
pub mod lists;
pub mod not_found;
pub mod offline;
pub mod placements;
pub mod programmes;
pub mod rcis;
pub mod readiness;
pub mod regulation;
pub mod report;
#[cfg(feature = "ssr")]
pub mod server;
pub mod signoffs;
pub mod targets;
pub mod templates;
pub mod tours;
pub mod trainings;
pub mod transformation;
pub mod work;

use homeward_core::Lang;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};

use crate::components::{PageTitle, SiteHeader};
use crate::i18n::Msg;

/// The language of this request: from the cookie on the server, from `<html lang>` in the browser
/// (which the server wrote), so that both render the same text.
fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        server::request_lang()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .map(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = page_lang();
    #[cfg(feature = "ssr")]
    server::content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true islands_router=cfg!(feature = "islands-router")/>
                <script src="/js/form-memory.js" defer></script>
                <script src="/js/outbox-db.js" defer></script>
                <script src="/js/offline.js" defer></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Identifies the page shown: its path and query, less the error of a refused form (`__err`,
/// `__path`) and the draft of what was typed (`__draft`). With JavaScript, the islands router replaces the whole page when this changes
/// (another page, a filter, the page after a save) and patches it in place when it does not (a
/// refused form comes back keeping what the user typed): its in-place patching cannot follow
/// lists that grew or shrank.
fn page_key(path: &str, search: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    path.hash(&mut hasher);
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            !["__err=", "__path=", "__draft="]
                .iter()
                .any(|p| pair.starts_with(p))
        })
        .for_each(|pair| pair.hash(&mut hasher));
    hasher.finish()
}

/// The page for the URL, keyed by [`page_key`].
#[component]
fn Pages() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let key = move || page_key(&location.pathname.get(), &location.search.get());
    view! {
        <For each=move || std::iter::once(key()) key=|k| *k let:_page>
            <Routes fallback=not_found::NotFoundPage>
                // Async: the whole page arrives in one response, so it reads without
                // WebAssembly and a missing RCI answers with a real 404.
                <Route path=StaticSegment("") view=rcis::PartnersPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("login") view=accounts::LoginPage ssr=SsrMode::Async/>
                <Route
                    path=(StaticSegment("account"), StaticSegment("password"))
                    view=accounts::PasswordPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("users"))
                    view=accounts::UsersPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("tokens"))
                    view=accounts::TokensPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("template"))
                    view=templates::TemplatePage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("readiness"))
                    view=readiness::indicators::IndicatorsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("changes"))
                    view=accounts::ChangesPage
                    ssr=SsrMode::Async
                />
                <Route path=StaticSegment("import") view=imports::ImportPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("compare") view=compare::ComparePage ssr=SsrMode::Async/>
                <Route path=StaticSegment("my-work") view=work::MyWorkPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("offline") view=offline::AvailableOfflinePage ssr=SsrMode::Async/>
                <Route path=StaticSegment("outbox") view=offline::OutboxPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("report") view=report::ReportPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("tours") view=tours::ToursPage ssr=SsrMode::Async/>
                <Route
                    path=(StaticSegment("tours"), StaticSegment("new"))
                    view=tours::NewTourPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("tours"), ParamSegment("id"))
                    view=tours::TourPage
                    ssr=SsrMode::Async
                />
                <Route path=StaticSegment("trainings") view=trainings::TrainingsPage ssr=SsrMode::Async/>
                <Route
                    path=(StaticSegment("trainings"), StaticSegment("new"))
                    view=trainings::NewTrainingPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("trainings"), ParamSegment("id"))
                    view=trainings::TrainingPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("rcis"), StaticSegment("new"))
                    view=rcis::NewRciPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("rcis"), ParamSegment("id"))
                    view=rcis::RciPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("rcis"), ParamSegment("id"), ParamSegment("section"))
                    view=rcis::RciPage
                    ssr=SsrMode::Async
                />
            </Routes>
        </For>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = page_lang();
    provide_context(lang);
    view! {
        <Stylesheet id="leptos" href="/pkg/homeward.css"/>
        <PageTitle text=Msg::AppName.text(lang)/>
        <Router>
            <SiteHeader lang/>
            <main id="main">
                // Shown by js/offline.js on a page whose saves wait on this phone.
                <p class="saved offline-note" role="status" data-offline-note data-testid="offline-note" hidden>
                    {Msg::OfflineNote.text(lang)}
                </p>
                <Pages/>
            </main>
            <footer class="site">
                <p>{Msg::PrivacyNote.text(lang)}</p>
            </footer>
            <islands::HydrationMark/>
        </Router>
    }
}
