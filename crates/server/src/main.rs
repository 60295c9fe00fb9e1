//! `homeward`: serves the app, applies migrations, loads demo data, manages users.

use std::path::PathBuf;

use app::server::AppState;
use clap::{Parser, Subcommand};
use homeward_core::accounts::{Login, NewUser, Role, SessionPolicy};
use homeward_core::history::Editor;
use homeward_core::{FollowUpCadence, Lang, Name, RiskSettings};
use homeward_store::{demo, Store};
use leptos::prelude::*;

#[derive(Parser)]
#[command(
    name = "homeward",
    about = "Homeward: residential care transition tracking"
)]
struct Cli {
    /// The database: a SQLite file (created if missing) or a PostgreSQL URL
    /// (`postgres://user:password@host/database`).
    #[arg(
        long,
        env = "HOMEWARD_DB",
        default_value = "homeward.db",
        global = true
    )]
    db: homeward_store::Location,
    /// Write logs as one JSON object per line (for a log collector) instead of plain text.
    /// `RUST_LOG` chooses what is logged (default: `info`).
    #[arg(long, env = "HOMEWARD_LOG_JSON", value_parser = clap::builder::BoolishValueParser::new(), global = true)]
    log_json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app (the default).
    Serve {
        /// Load the demo partners and accounts if the database holds none (never for real data).
        #[arg(long, env = "HOMEWARD_DEMO", value_parser = clap::builder::BoolishValueParser::new())]
        demo: bool,
        /// Mark the session cookie Secure: set this when served over HTTPS.
        #[arg(long, env = "HOMEWARD_SECURE_COOKIES", value_parser = clap::builder::BoolishValueParser::new())]
        secure_cookies: bool,
        /// Served through a reverse proxy on this machine: count sign-in tries under the address
        /// the proxy puts last in `X-Forwarded-For`, not the proxy's own.
        #[arg(long, env = "HOMEWARD_BEHIND_PROXY", value_parser = clap::builder::BoolishValueParser::new())]
        behind_proxy: bool,
        /// The organisation's name, printed on its reports (e.g. "M'lup Russey").
        #[arg(long, env = "HOMEWARD_ORGANISATION", default_value = "")]
        organisation: String,
        #[command(flatten)]
        risks: RiskArgs,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo partners and demo accounts into the database.
    DemoData,
    /// Rebuild every RCI's summary (what the organisation's pages read) from its records.
    Reindex,
    /// Add N generated partner RCIs with realistic progress, counts, follow-ups and history
    /// (for trying the organisation's views at scale, and for `scripts/bench`).
    Generate {
        /// How many RCIs to add.
        #[arg(long, default_value_t = 50)]
        rcis: usize,
        /// The same seed gives the same partners.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write a consistent backup of the database to FILE (safe while the server runs): Homeward's
    /// own format, which `restore` reads into any database Homeward supports.
    Backup { file: PathBuf },
    /// Put a backup back into the database, which must be empty (a new file, say).
    Restore { file: PathBuf },
    /// Import partners' records from a spreadsheet (XLSX or CSV, in the template's shape or a
    /// partners export): prints what it would change and every problem, then imports it all in
    /// one transaction unless it has problems or `--dry-run` is given.
    Import {
        file: PathBuf,
        /// Only check the file and print what it would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Read one spreadsheet from standard input within a memory and CPU budget and write what
    /// it holds to standard output: what the server runs for each uploaded file.
    #[command(name = "read-spreadsheet", hide = true)]
    ReadSpreadsheet {
        /// The file's name as uploaded (its extension says how to read it).
        name: String,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user; prints their one-time password.
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// admin, adviser, director or viewer.
        #[arg(long)]
        role: String,
        /// A director's RCI, or (repeatable) an adviser's assigned RCIs.
        #[arg(long = "rci")]
        rcis: Vec<i64>,
    },
    /// Give a user a new one-time password, printed once.
    SetPassword {
        #[arg(long)]
        login: String,
    },
    /// Disable a user (the last active admin cannot be disabled).
    Disable {
        #[arg(long)]
        login: String,
    },
}

/// The organisation's risk settings (the defaults follow the reintegration guidelines: monthly
/// follow-up visits during the first year after a child goes home).
#[derive(clap::Args, Clone, Copy)]
struct RiskArgs {
    /// Days without any update after which a partner is flagged as stalled.
    #[arg(long, env = "HOMEWARD_STALLED_AFTER_DAYS", default_value_t = 60)]
    stalled_after_days: u32,
    /// Days between follow-up visits to reintegrated children.
    #[arg(long, env = "HOMEWARD_FOLLOW_UP_EVERY_DAYS", default_value_t = 30)]
    follow_up_every_days: u32,
    /// For how many days after the first reintegration follow-ups are due.
    #[arg(long, env = "HOMEWARD_FOLLOW_UP_FOR_DAYS", default_value_t = 365)]
    follow_up_for_days: u32,
    /// The 12-month re-entry rate (percent) above which a partner is flagged.
    #[arg(long, env = "HOMEWARD_REENTRY_FLAG_PERCENT", default_value_t = 10)]
    reentry_flag_percent: u32,
}

impl RiskArgs {
    fn settings(self) -> Result<RiskSettings, Error> {
        let cadence = FollowUpCadence::new(self.follow_up_every_days, self.follow_up_for_days)?;
        Ok(RiskSettings::new(self.stalled_after_days, cadence)?
            .with_reentry_flag_percent(self.reentry_flag_percent)?)
    }
}

type Error = Box<dyn std::error::Error>;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // The reader limits its own memory and time: it must do so before any thread starts.
    if let Some(Command::ReadSpreadsheet { name }) = &cli.command {
        return homeward_server::imports::sandbox::reader_main(name);
    }
    homeward_server::logs::init(cli.log_json);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Err(e) = runtime.block_on(run(cli)) {
        tracing::error!("{e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

async fn run(cli: Cli) -> Result<(), Error> {
    let store = Store::open(cli.db.clone()).await?;
    let today = homeward_core::calendar::cambodia_date(chrono::Utc::now());
    let command = match cli.command {
        Some(command) => command,
        // No subcommand: serve, reading the options from the environment.
        None => match Cli::parse_from(["homeward", "serve"]).command {
            Some(serve) => serve,
            None => unreachable!("parsing `serve` yields the serve command"),
        },
    };
    match command {
        Command::Migrate => tracing::info!("database {} is up to date", cli.db),
        Command::Reindex => {
            let started = std::time::Instant::now();
            let n = store.reindex().await?;
            tracing::info!(
                "rebuilt the summaries of {n} RCIs in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        Command::DemoData => {
            let n = demo::load(&store, today).await?;
            tracing::info!("loaded {n} demo partner RCIs into {}", cli.db);
        }
        Command::Generate { rcis, seed } => {
            let started = std::time::Instant::now();
            let ids = homeward_store::generate::generate(&store, rcis, seed, today).await?;
            tracing::info!(
                "added {} generated partner RCIs to {} in {:.1} s",
                ids.len(),
                cli.db,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Backup { file } => {
            // Written beside the file and renamed when complete: an interrupted backup never
            // looks like a whole one.
            let partial = file.with_extension("partial");
            let mut out = std::io::BufWriter::new(std::fs::File::create(&partial)?);
            let moved = store.backup(&mut out).await?;
            out.into_inner()?.sync_all()?;
            std::fs::rename(&partial, &file)?;
            tracing::info!("backed up {} records to {}", moved.rows(), file.display());
        }
        Command::Restore { file } => {
            let input = std::io::BufReader::new(std::fs::File::open(&file)?);
            let moved = store.restore(input).await?;
            let check = store.integrity_check().await?;
            if check != "ok" {
                return Err(format!("the restored database failed its check: {check}").into());
            }
            tracing::info!(
                "restored {} records from {} into {}",
                moved.rows(),
                file.display(),
                cli.db
            );
        }
        Command::Import { file, dry_run } => import(&store, &file, dry_run, today).await?,
        Command::ReadSpreadsheet { .. } => unreachable!("the reader runs before the runtime"),
        Command::User { action } => user_command(&store, action).await?,
        Command::Serve {
            demo,
            secure_cookies,
            behind_proxy,
            organisation,
            risks,
        } => {
            let settings = risks.settings()?;
            if demo {
                let n = demo::load_if_empty(&store, today).await?;
                if n > 0 {
                    tracing::info!("first run: loaded {n} demo partner RCIs and the demo accounts");
                }
            }
            ensure_admin(&store).await?;
            let state = AppState {
                store,
                settings,
                sessions: SessionPolicy::default(),
                secure_cookies,
                organisation: match (organisation.trim(), demo) {
                    ("", true) => "Demo NGO".to_string(),
                    (name, _) => name.to_string(),
                },
            };
            let clients = if behind_proxy {
                homeward_server::serve::Clients::BehindLocalProxy
            } else {
                homeward_server::serve::Clients::Direct
            };
            serve(state, clients).await?;
        }
    }
    Ok(())
}

/// With no active admin, nobody could manage users: create one and print its one-time password.
async fn ensure_admin(store: &Store) -> Result<(), Error> {
    if store.count_active_admins().await? > 0 {
        return Ok(());
    }
    let login = Login::parse("admin")?;
    let password = store.one_time_password();
    match store.user_by_login(&login).await? {
        Some(existing) => {
            store
                .set_password(existing.id, &password, true, &Editor::system())
                .await?
        }
        None => {
            let new = NewUser::new(
                login,
                Name::parse("Administrator")?,
                Role::Admin,
                None,
                vec![],
                Lang::En,
            )?;
            store
                .create_user(&new, &password, true, &Editor::system())
                .await?;
        }
    }
    println!(
        "\nNo active administrator: created login 'admin' with the one-time password\n\n    {}\n\nSign in and give other users their accounts on the Users page.\n",
        password.as_str()
    );
    Ok(())
}

async fn user_command(store: &Store, action: UserCommand) -> Result<(), Error> {
    match action {
        UserCommand::Add {
            login,
            name,
            role,
            rcis,
        } => {
            let role = Role::parse(&role)?;
            let (rci, assigned) = match role {
                Role::Director => (rcis.first().copied(), vec![]),
                _ => (None, rcis),
            };
            let new = NewUser::new(
                Login::parse(&login)?,
                Name::parse_field("name", &name)?,
                role,
                rci,
                assigned,
                Lang::En,
            )?;
            let password = store.one_time_password();
            store
                .create_user(&new, &password, true, &Editor::system())
                .await?;
            println!("created {login}; one-time password: {}", password.as_str());
        }
        UserCommand::SetPassword { login } => {
            let user = store
                .user_by_login(&Login::parse(&login)?)
                .await?
                .ok_or("no such login")?;
            let password = store.one_time_password();
            store
                .set_password(user.id, &password, true, &Editor::system())
                .await?;
            println!("new one-time password for {login}: {}", password.as_str());
        }
        UserCommand::Disable { login } => {
            let user = store
                .user_by_login(&Login::parse(&login)?)
                .await?
                .ok_or("no such login")?;
            store.set_active(user.id, false, &Editor::system()).await?;
            println!("disabled {login}");
        }
    }
    Ok(())
}

async fn serve(state: AppState, clients: homeward_server::serve::Clients) -> Result<(), Error> {
    let conf = get_configuration(None)?;
    let leptos_options = conf.leptos_options;
    let addr = leptos_options.site_addr;
    let reader = homeward_server::imports::Sandbox::this_program()?;
    let app = homeward_server::router(state, leptos_options, reader);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!("Homeward listening on http://{addr}");
    let limits = homeward_server::serve::ConnectionLimits::default();
    homeward_server::serve::serve(
        listener,
        app,
        limits,
        clients,
        homeward_server::serve::shutdown_signal(),
    )
    .await;
    Ok(())
}

/// `homeward import`: the page's steps on the command line, as Homeward itself (an admin's rights).
async fn import(
    store: &Store,
    file: &std::path::Path,
    dry_run: bool,
    today: chrono::NaiveDate,
) -> Result<(), Error> {
    use app::imports::Preview;
    use homeward_core::imports::cells::MAX_FILE_BYTES;
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    // Read as the server reads an upload: in a reader process within its budget.
    let reader = homeward_server::imports::Sandbox::this_program()?;
    let turn = reader.turn().await.ok_or("busy")?;
    let book = reader
        .read(turn, &name, bytes)
        .await
        .map_err(|e| e.message(Lang::En))?
        .map_err(|e| format!("{name}: {}", e.message().en))?;
    let ctx = app::server::Ctx {
        actor: homeward_core::accounts::Actor {
            user_id: 0,
            role: Role::Admin,
            rci_id: None,
            assigned_rcis: vec![],
        },
        by: Editor::system(),
        store: store.clone(),
        settings: RiskSettings::default(),
        today,
    };
    let plan = app::imports::ssr::make_plan(&ctx, &book)
        .await
        .map_err(|e| e.message(Lang::En))?;
    if let Preview::Checked {
        problems,
        problem_count,
        notes,
        new_rcis,
        changed_rcis,
        unchanged_rows,
        ..
    } = app::imports::ssr::preview(&plan, Lang::En)
    {
        for note in notes {
            println!("note: {note}");
        }
        for (what, rcis) in [("new", new_rcis), ("changed", changed_rcis)] {
            for rci in rcis {
                println!("{what}: {}", rci.name);
                for (field, before, after) in rci.profile {
                    println!("  {field}: {before:?} -> {after:?}");
                }
                for line in rci.counts.iter().chain(&rci.visits) {
                    println!("  {line}");
                }
                for (step, before, after) in rci.steps {
                    println!("  {step}: {before} -> {after}");
                }
            }
        }
        println!("{unchanged_rows} rows already in Homeward");
        if !problems.is_empty() {
            for problem in &problems {
                eprintln!("problem: {problem}");
            }
            let noun = if problem_count == 1 {
                "problem"
            } else {
                "problems"
            };
            return Err(format!("{problem_count} {noun}: nothing was imported").into());
        }
    }
    if dry_run || !plan.changes_anything() {
        tracing::info!(
            "nothing imported ({})",
            if dry_run { "dry run" } else { "no changes" }
        );
        return Ok(());
    }
    let template = store.template().await?;
    let ids = store.import(&plan, &template, &Editor::system()).await?;
    tracing::info!("imported {name}: {} RCIs created or changed", ids.len());
    Ok(())
}
