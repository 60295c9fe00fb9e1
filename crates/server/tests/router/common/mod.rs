//! What the server's integration tests share: the demo world signed in once per role, fresh
//! database copies, and a dump that shows whether anything changed.

use app::server::AppState;
use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use chrono::Utc;
use homeward_core::accounts::SessionPolicy;
use homeward_core::RiskSettings;
use homeward_store::{demo, Store};
use leptos::prelude::LeptosOptions;

/// One runtime for every test of a binary, as in the server (one runtime for all requests):
/// pages rendered from several per-test runtimes at once sometimes never finished.
static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a test runtime")
});

/// The page routes, listed once per test binary before any test renders a page: listing them
/// stops every resource created meanwhile from ever loading (leptos-rs/leptos#4773), which
/// hung a page now and then when each test listed its own while another rendered.
static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> =
    std::sync::LazyLock::new(|| {
        let _runtime = RUNTIME.enter();
        leptos_axum::generate_route_list(app::App)
    });

pub fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    ROUTES.clone()
}

/// Uploaded files are read by this package's `homeward` binary, as the server reads them.
pub fn reader() -> homeward_server::imports::Sandbox {
    homeward_server::imports::Sandbox::new(env!("CARGO_BIN_EXE_homeward"))
}

/// Runs one test's body on the shared runtime.
pub fn run<F: std::future::Future>(test: F) -> F::Output {
    std::sync::LazyLock::force(&ROUTES);
    RUNTIME.block_on(test)
}

/// Who is calling: not signed in, or one of the four demo accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Anonymous,
    Admin,
    Adviser,
    Director,
    Viewer,
}

pub const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::Admin,
    Caller::Adviser,
    Caller::Director,
    Caller::Viewer,
];

impl Caller {
    fn login(self) -> Option<&'static str> {
        match self {
            Caller::Anonymous => None,
            Caller::Admin => Some("demo.admin"),
            Caller::Adviser => Some("demo.adviser"),
            Caller::Director => Some("demo.director"),
            Caller::Viewer => Some("demo.viewer"),
        }
    }
}

/// What a call must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Ok,
    /// A refusal of what was sent (400), for the callers allowed to send it.
    Refused,
    /// A refusal because of where the record stands (409), for the callers allowed to ask.
    NotNow,
    NotFound,
    Forbidden,
    Unauthenticated,
}
pub use Expect::*;

/// The demo data, signed in once per role, copied fresh for every call so calls cannot affect
/// each other.
pub struct World {
    dir: tempfile::TempDir,
    pub template: homeward_store::Location,
    pub tokens: Vec<(Caller, String)>,
    /// RCI ids by demo position: 3 is the director's own and assigned to the adviser; 5 is neither.
    pub own_rci: i64,
    pub other_rci: i64,
    pub own_item: (i64, i64),
    pub other_item: (i64, i64),
    /// A demo placement of the director's RCI; and one of an RCI neither the director nor the
    /// adviser has, with that RCI.
    pub own_placement: i64,
    pub other_placement: (i64, i64),
    /// A demo target of the director's RCI.
    pub own_target: i64,
    /// The RCIs' profile versions, for profile saves.
    pub own_version: i64,
    pub other_version: i64,
    pub viewer_id: i64,
    /// The demo adviser, lead adviser of the director's RCI: saved profiles keep their lead.
    pub adviser_id: i64,
    /// A demo tour the director's RCI took part in, one it did not, and the demo training
    /// (which it attended).
    pub own_tour: i64,
    pub other_tour: i64,
    pub training: i64,
}

pub async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let template = homeward_store::db::scratch(dir.path(), "template", None)
        .await
        .unwrap();
    let store = Store::open(template.clone()).await.unwrap();
    demo::load(&store, app::server::today()).await.unwrap();
    let mut tokens = vec![];
    for caller in CALLERS {
        if let Some(login) = caller.login() {
            let user = store
                .user_by_login(&homeward_core::accounts::Login::parse(login).unwrap())
                .await
                .unwrap()
                .unwrap();
            let token = store.create_session(user.id, Utc::now()).await.unwrap();
            tokens.push((caller, token));
        }
    }
    let director = store
        .user_by_login(&homeward_core::accounts::Login::parse("demo.director").unwrap())
        .await
        .unwrap()
        .unwrap();
    let own_rci = director.value.rci_id.unwrap();
    let adviser = store
        .user_by_login(&homeward_core::accounts::Login::parse("demo.adviser").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(adviser.value.assigned_rcis.contains(&own_rci));
    let other_rci = store
        .rcis()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .find(|id| *id != own_rci && !adviser.value.assigned_rcis.contains(id))
        .unwrap();
    let first_item = |rci: i64| {
        let store = store.clone();
        async move {
            let items = store.checklist(rci).await.unwrap();
            // An item nobody has started, so a test's change is a real change.
            let item = items
                .iter()
                .find(|i| i.value.status.kind() == "not_started")
                .unwrap();
            (item.id, item.version)
        }
    };
    let own_item = first_item(own_rci).await;
    let own_placement = store.placements(own_rci).await.unwrap()[0].id;
    let mut other_placement = None;
    for rci in store.rcis().await.unwrap() {
        let theirs = rci.id != own_rci && !adviser.value.assigned_rcis.contains(&rci.id);
        if let (true, Some(p)) = (theirs, store.placements(rci.id).await.unwrap().first()) {
            other_placement = Some((rci.id, p.id));
            break;
        }
    }
    let other_placement = other_placement.expect("a demo placement outside the adviser's RCIs");
    let own_target = store.summary(own_rci).await.unwrap().targets[0].id;
    let own_version = store.rci(own_rci).await.unwrap().version;
    let other_version = store.rci(other_rci).await.unwrap().version;
    let other_item = first_item(other_rci).await;
    let viewer_id = store
        .user_by_login(&homeward_core::accounts::Login::parse("demo.viewer").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let tours = store.tours().await.unwrap();
    let tour = |involved: bool| {
        tours
            .iter()
            .find(|t| t.value.involves(own_rci) == involved)
            .unwrap()
            .id
    };
    let (own_tour, other_tour) = (tour(true), tour(false));
    let training = store.trainings().await.unwrap()[0].id;
    if store.backend() == homeward_store::Backend::Sqlite {
        // Copies are of the file alone: everything in it, nothing left in the WAL.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(store.pool())
            .await
            .unwrap();
    }
    store.pool().close().await;
    World {
        dir,
        template,
        tokens,
        own_rci,
        other_rci,
        own_item,
        other_item,
        own_placement,
        other_placement,
        own_target,
        own_version,
        other_version,
        viewer_id,
        adviser_id: adviser.id,
        own_tour,
        other_tour,
        training,
    }
}

impl World {
    /// A fresh copy of the demo database and the router serving it.
    pub async fn fresh(&self, name: &str) -> (Store, Router) {
        self.fresh_with(name, false).await
    }

    /// [`World::fresh`], served as over HTTPS (`--secure-cookies`) when `secure`.
    pub async fn fresh_with(&self, name: &str, secure: bool) -> (Store, Router) {
        let location = homeward_store::db::scratch(self.dir.path(), name, Some(&self.template))
            .await
            .unwrap();
        self.serve(location, secure).await
    }

    /// Two servers, each with its own store and state (as two processes have), on one fresh
    /// copy of the demo database.
    pub async fn two_servers(&self, name: &str) -> ((Store, Router), (Store, Router)) {
        let location = homeward_store::db::scratch(self.dir.path(), name, Some(&self.template))
            .await
            .unwrap();
        (
            self.serve(location.clone(), false).await,
            self.serve(location, false).await,
        )
    }

    async fn serve(&self, location: homeward_store::Location, secure: bool) -> (Store, Router) {
        let store = Store::open(location).await.unwrap();
        let state = AppState {
            store: store.clone(),
            settings: RiskSettings::default(),
            sessions: SessionPolicy::default(),
            secure_cookies: secure,
            organisation: "Demo NGO".into(),
        };
        let options = LeptosOptions::builder().output_name("homeward").build();
        (
            store,
            homeward_server::router_with_routes(state, options, routes(), reader()),
        )
    }

    pub fn cookie(&self, caller: Caller) -> Option<String> {
        self.tokens
            .iter()
            .find(|(c, _)| *c == caller)
            .map(|(_, t)| format!("{}={t}", homeward_server::auth::SESSION_COOKIE))
    }

    pub fn request(&self, caller: Caller, method: &str, uri: &str, body: &str) -> Request<Body> {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000");
        if method == "POST" {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        if let Some(cookie) = self.cookie(caller) {
            req = req.header(header::COOKIE, cookie);
        }
        req.body(Body::from(body.to_string())).unwrap()
    }
}

/// One checklist step of an RCI as stored now (its title, its version).
pub async fn stored_item(
    store: &Store,
    rci: i64,
    item: i64,
) -> homeward_core::Stored<homeward_core::ChecklistItem> {
    store
        .checklist(rci)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.id == item)
        .unwrap()
}

/// Every record of every table (a backup's, without its header, sessions or summaries): two
/// equal dumps mean nothing changed.
pub async fn dump(store: &Store) -> Vec<String> {
    let mut backup = vec![];
    store.backup(&mut backup).await.unwrap();
    String::from_utf8(backup)
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

pub async fn body_text(response: axum::response::Response) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

pub fn login_request(login: &str, password: &str) -> Request<Body> {
    login_request_to(login, password, "/rcis/3")
}

/// Who the session behind `cookie` (a `name=token` pair) belongs to, asked of `/api/me`.
pub fn me_request(cookie: String) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri("/api/me")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// Signing in, asking to be sent to `next` afterwards.
pub fn login_request_to(login: &str, password: &str, next: &str) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri("/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "login={login}&password={password}&next={next}"
        )))
        .unwrap()
}

/// Whether a refusal is worded in Khmer as well (in Khmer script, not the English copied).
pub fn has_khmer(message: &homeward_core::Bilingual) -> bool {
    message
        .km
        .chars()
        .any(|c| ('\u{1780}'..='\u{17FF}').contains(&c))
}
