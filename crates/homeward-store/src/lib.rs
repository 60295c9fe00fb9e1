//! Homeward's storage: SQLite (embedded, the default) or PostgreSQL, through sqlx ([`db`]). Rows
//! are translated to and from the core's validated types here; the rules themselves live in
//! `homeward-core`.

use std::sync::{Arc, Mutex};

use homeward_core::{RciProfile, RciSummary, Stored};
use thiserror::Error;

pub use db::{Backend, Location};
use db::{Pool, Tx};

pub mod accounts;
pub mod api_tokens;
pub mod backup;
pub mod checklists;
pub mod counts;
pub mod db;
pub mod demo;
pub mod drafts;
pub mod evidence;
pub mod flashes;
pub mod follow_ups;
pub mod generate;
pub mod history;
pub mod imports;
pub mod pending_imports;
pub mod placements;
pub mod programmes;
pub mod rcis;
pub mod readiness;
mod reads;
pub mod regulation;
pub mod saves;
pub mod signoffs;
pub mod summaries;
pub mod targets;
pub mod templates;
pub mod tours;
pub mod trainings;
pub mod transformation;

/// The newest migration this build carries (the same numbers on both backends).
fn latest_migration() -> i64 {
    db::SQLITE_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// Why a storage call failed, in terms the caller can turn into a message.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The thing does not exist (or, at a higher layer, may not be seen by the caller).
    #[error("not found")]
    NotFound,
    /// Someone else saved first; carries what they saved, so the user can see it.
    #[error("someone else changed this since you opened it")]
    Conflict { current_version: i64 },
    /// A value the core refused, worded in both languages.
    #[error("{}", .0.en)]
    Invalid(homeward_core::Bilingual),
    /// A form field's value refused, with the field's name so the page can show it there.
    #[error("{0}")]
    Field(homeward_core::FieldError),
    /// A stored row the core refuses: the database was changed outside the app.
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    /// A file refused where it would be kept (attached to another RCI's record, over a quota).
    #[error("{}", homeward_core::Bilingual::from(*.0).en)]
    Evidence(homeward_core::evidence::EvidenceError),
    /// A stage's sign-off cannot take that step where it stands (not done, already asked...).
    #[error("{}", homeward_core::Bilingual::from(*.0).en)]
    SignOff(homeward_core::signoffs::SignOffError),
    /// An account rule refused the request (lockout, last admin, taken login...).
    #[error("{0}")]
    Account(homeward_core::accounts::AccountError),
    /// Every password-hashing slot stayed taken: the caller should try again shortly.
    #[error("too many password checks at once")]
    Busy,
    /// An offline save sent again: it was taken the first time ([`saves`]).
    #[error("this offline save was already taken")]
    AlreadySaved,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database holds a migration this build does not know: a newer Homeward wrote it, and
    /// this one would misread it.
    #[error(
        "this database was upgraded by a newer Homeward (its migration {0} is unknown to this \
         version): run that version or a later one"
    )]
    NewerDatabase(i64),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A handle on the database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    /// One connection for writes: writers queue for it in order, in this process, instead of
    /// all polling the database's lock (SQLite's waits back off up to 100 ms, leaving some saves
    /// seconds behind under load).
    writer: Pool,
    backend: Backend,
    /// Every partner's profile and summary as last read, with the revision they were read at
    /// ([`Store::rci_summaries`]).
    partners: Arc<Mutex<Option<(i64, Partners)>>>,
    /// Views readers derive from every partner, one of each type, with the revision each was
    /// derived at ([`Store::derived`]).
    derived: Arc<Mutex<Derived>>,
    /// How much evidence files may hold ([`Store::with_quotas`]).
    quotas: homeward_core::evidence::Quotas,
}

/// One view of each type derived from every partner, with its revision.
type Derived =
    std::collections::HashMap<std::any::TypeId, (i64, Arc<dyn std::any::Any + Send + Sync>)>;

/// Every RCI with its stored summary, shared by the requests that read them.
pub type Partners = Arc<[(Stored<RciProfile>, RciSummary)]>;

impl Store {
    /// Opens the database at `location` (a new SQLite file is created) and applies any pending
    /// migrations; refuses a database a newer Homeward has upgraded.
    pub async fn open(location: impl Into<Location>) -> Result<Self> {
        let location = location.into();
        let backend = location.backend();
        let pool = db::connect(&location, 8).await?;
        db::migrate(&pool, backend).await.map_err(|e| match e {
            StoreError::Migrate(sqlx::migrate::MigrateError::VersionMissing(v))
                if v > latest_migration() =>
            {
                StoreError::NewerDatabase(v)
            }
            e => e,
        })?;
        let writer = db::connect(&location, 1).await?;
        let store = Self {
            pool,
            writer,
            backend,
            partners: Arc::default(),
            derived: Arc::default(),
            quotas: homeward_core::evidence::Quotas::STANDARD,
        };
        store.fill_missing_summaries().await?;
        Ok(store)
    }

    /// The same store keeping files within other quotas than the standard ones: a test fills
    /// a quota without hundreds of megabytes of fixtures.
    pub fn with_quotas(self, quotas: homeward_core::evidence::Quotas) -> Self {
        Self { quotas, ..self }
    }

    /// Which database this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers (the server's readiness check).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(self.pool()).await?;
        Ok(())
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// How many write transactions the database has committed: unchanged means nothing changed.
    pub async fn revision(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT revision FROM store_revision")
            .fetch_one(self.pool())
            .await?)
    }

    /// Starts a write transaction holding the database's write lock ([`db::begin_write`]).
    pub(crate) async fn write(&self) -> Result<Tx> {
        db::begin_write(&self.writer, self.backend).await
    }
}

/// Refuses a save when the row is missing (not found) or was saved since the user read it
/// (a conflict carrying the current version).
pub(crate) fn check_version(current: Option<i64>, expected: i64) -> Result<()> {
    match current {
        None => Err(StoreError::NotFound),
        Some(v) if v != expected => Err(StoreError::Conflict { current_version: v }),
        Some(_) => Ok(()),
    }
}

/// Turns a core validation error met while reading a row into a storage error.
pub(crate) fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}
