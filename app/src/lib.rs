//! Homeward's web app: pages and server functions, rendered on the server and hydrated in the
//! browser. Business rules live in `homeward-core`; this crate translates them to pages.

pub mod accounts;
pub mod checklists;
pub mod compare;
pub mod components;
pub mod counts;
pub mod errors;
pub mod follow_ups;
pub mod history;
pub mod i18n;
pub mod lists;
pub mod not_found;
pub mod programmes;
pub mod rcis;
pub mod report;
#[cfg(feature = "ssr")]
pub mod server;
pub mod tours;
pub mod trainings;
#[cfg(feature = "ssr")]
pub mod xlsx;

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
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = page_lang();
    provide_context(lang);
    // Marks the page once the WebAssembly has taken over, so tests (and curious people) can tell.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/homeward.css"/>
        <PageTitle text=Msg::AppName.text(lang)/>
        <Router>
            <SiteHeader lang/>
            <main id="main">
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
                        path=(StaticSegment("admin"), StaticSegment("changes"))
                        view=accounts::ChangesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("compare") view=compare::ComparePage ssr=SsrMode::Async/>
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
                </Routes>
            </main>
            <footer class="site">
                <p>{Msg::PrivacyNote.text(lang)}</p>
            </footer>
        </Router>
    }
}
