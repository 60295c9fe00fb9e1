//! `homeward`: serves the app, applies migrations, loads demo data.

use std::path::PathBuf;

use app::i18n::LANG_COOKIE;
use app::server::AppState;
use app::{shell, App};
use axum::extract::{Path, Query};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use clap::{Parser, Subcommand};
use homeward_core::{Lang, RiskSettings};
use homeward_store::{demo, Store};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

#[derive(Parser)]
#[command(
    name = "homeward",
    about = "Homeward: residential care transition tracking"
)]
struct Cli {
    /// The SQLite database file (created if missing).
    #[arg(
        long,
        env = "HOMEWARD_DB",
        default_value = "homeward.db",
        global = true
    )]
    db: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app (the default).
    Serve {
        /// Load the demo partners if the database holds none (never for real data).
        #[arg(long, env = "HOMEWARD_DEMO")]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo partners into the database.
    DemoData,
}

#[tokio::main]
async fn main() {
    simple_logger::init_with_level(log::Level::Info).expect("logger starts once");
    let cli = Cli::parse();
    if let Err(e) = run(cli).await {
        log::error!("{e}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(&cli.db).await?;
    let today = chrono::Utc::now().date_naive();
    match cli.command.unwrap_or(Command::Serve {
        demo: std::env::var("HOMEWARD_DEMO").is_ok_and(|v| v == "1" || v == "true"),
    }) {
        Command::Migrate => log::info!("database {} is up to date", cli.db.display()),
        Command::DemoData => {
            let n = demo::load(&store, today).await?;
            log::info!("loaded {n} demo partner RCIs into {}", cli.db.display());
        }
        Command::Serve { demo } => {
            if demo {
                let n = demo::load_if_empty(&store, today).await?;
                if n > 0 {
                    log::info!("first run: loaded {n} demo partner RCIs");
                }
            }
            serve(store).await?;
        }
    }
    Ok(())
}

async fn serve(store: Store) -> Result<(), Box<dyn std::error::Error>> {
    let conf = get_configuration(None)?;
    let leptos_options = conf.leptos_options;
    let addr = leptos_options.site_addr;
    let state = AppState {
        store,
        settings: RiskSettings::default(),
    };
    let routes = generate_route_list(App);
    let app = Router::new()
        .route("/lang/{code}", get(set_language))
        .leptos_routes_with_context(
            &leptos_options,
            routes,
            move || provide_context(state.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(leptos_options);
    log::info!("Homeward listening on http://{addr}");
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app.into_make_service()).await?;
    Ok(())
}

#[derive(serde::Deserialize)]
struct Back {
    to: Option<String>,
}

/// Remembers the chosen language in a cookie for a year and returns to the page the user was on.
/// Only local paths are accepted as the way back, so the link cannot send anyone elsewhere.
async fn set_language(Path(code): Path<String>, Query(back): Query<Back>) -> impl IntoResponse {
    let lang = Lang::from_code(&code);
    let to = back
        .to
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
        .unwrap_or_else(|| "/".to_string());
    (
        StatusCode::SEE_OTHER,
        [
            (
                SET_COOKIE,
                format!(
                    "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                    lang.code()
                ),
            ),
            (LOCATION, to),
        ],
    )
}
