//! The two databases Homeward runs on, behind one connection type (`sqlx::Any`): SQLite, one
//! file and nothing to install (the default), and PostgreSQL, for an organisation whose host
//! already runs and backs one up. SQL is written once, with `$1`-style parameters both read;
//! what differs — connecting, the write lock, the catalog — is here and nowhere else.
//!
//! `Any` carries integers, text, booleans and floats only, so days and instants are stored as
//! ISO text on both ([`Day`], [`Instant`]), which keeps a backup the same bytes on either; and
//! SQLite's booleans are integers, which [`Flag`] reads as well as PostgreSQL's.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::migrate::Migrator;
use sqlx::{ConnectOptions, Decode, Encode, Executor, Row, Type, ValueRef};

use crate::Result;

pub type Db = sqlx::Any;
pub type Conn = sqlx::AnyConnection;
pub type Tx = sqlx::Transaction<'static, Db>;
pub type Pool = sqlx::AnyPool;
pub type DbRow = sqlx::any::AnyRow;

pub static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
pub static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn migrations(self) -> &'static Migrator {
        match self {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// SQL gathering an integer column's values into one comma-separated text (NULL when
    /// there are none), so a list comes back with its parent row instead of in a query of its own.
    pub(crate) fn id_list(self, column: &str) -> String {
        match self {
            Backend::Sqlite => format!("group_concat({column}, ',')"),
            Backend::Postgres => format!("string_agg({column}::text, ',')"),
        }
    }
}

/// The ids of a list gathered by [`Backend::id_list`], in ascending order.
pub(crate) fn parse_id_list(list: Option<&str>) -> Result<Vec<i64>> {
    let mut ids = list
        .unwrap_or_default()
        .split(',')
        .filter(|id| !id.is_empty())
        .map(|id| id.parse().map_err(crate::corrupt))
        .collect::<Result<Vec<i64>>>()?;
    ids.sort_unstable();
    Ok(ids)
}

/// Where the data lives, as `--db` says it: a file path (SQLite) or a `postgres://` URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    pub fn backend(&self) -> Backend {
        match self {
            Location::Sqlite(_) => Backend::Sqlite,
            Location::Postgres(_) => Backend::Postgres,
        }
    }
}

impl FromStr for Location {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(
            if s.starts_with("postgres://") || s.starts_with("postgresql://") {
                Location::Postgres(s.to_string())
            } else {
                Location::Sqlite(PathBuf::from(s.strip_prefix("sqlite:").unwrap_or(s)))
            },
        )
    }
}

impl From<&std::path::Path> for Location {
    fn from(path: &std::path::Path) -> Self {
        Location::Sqlite(path.to_path_buf())
    }
}

/// Shown in logs and messages: a PostgreSQL URL without its password.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => match url::Url::parse(url) {
                Ok(mut u) => {
                    if u.password().is_some() {
                        let _ = u.set_password(Some("***"));
                    }
                    write!(f, "{u}")
                }
                Err(_) => f.write_str("postgres://…"),
            },
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Opens a pool on `location`. SQLite: the file is created if missing, in WAL mode (readers
/// never wait for the writer), with foreign keys enforced and a 5 s wait for the write lock.
pub(crate) async fn connect(location: &Location, connections: u32) -> Result<Pool> {
    sqlx::any::install_default_drivers();
    let url = match location {
        Location::Sqlite(path) => sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .to_url_lossy(),
        Location::Postgres(url) => url::Url::parse(url).map_err(|e| {
            crate::StoreError::Invalid(homeward_core::Bilingual::new(
                format!("not a PostgreSQL URL: {e}"),
                format!("មិនមែនជា URL របស់ PostgreSQL ទេ៖ {e}"),
            ))
        })?,
    };
    let options = AnyConnectOptions::from_url(&url)?;
    let sqlite = location.backend() == Backend::Sqlite;
    Ok(AnyPoolOptions::new()
        .max_connections(connections)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000")
                        .await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

/// Applies the migrations this database has not had yet. SQLite runs them with its reference
/// checks off and checks every reference afterwards — its documented way to rebuild a table,
/// because dropping a table that other rows refer to fails even when the rebuilt table holds the
/// same ids, and the checks cannot be switched off inside a migration's transaction.
pub(crate) async fn migrate(pool: &Pool, backend: Backend) -> Result<()> {
    if backend == Backend::Postgres {
        return Ok(backend.migrations().run(pool).await?);
    }
    let mut conn = pool.acquire().await?;
    conn.execute("PRAGMA foreign_keys = OFF").await?;
    let migrated = backend.migrations().run_direct(&mut *conn).await;
    let broken = sqlx::query("PRAGMA foreign_key_check")
        .fetch_optional(&mut *conn)
        .await;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    migrated?;
    match broken? {
        None => Ok(()),
        Some(row) => Err(crate::corrupt(format!(
            "after its migrations, a row of {} refers to a missing record",
            row.try_get::<String, _>(0)?
        ))),
    }
}

/// Starts a write transaction holding the database's one write lock, so that writers queue and
/// each sees the work of those before it: version checks then turn a race into a clear conflict.
/// SQLite: `BEGIN IMMEDIATE` (a deferred transaction that reads, then writes, fails outright when
/// another writer committed between). PostgreSQL: a transaction-wide advisory lock.
/// Every write also raises the database's revision, which tells readers that something changed.
pub(crate) async fn begin_write(pool: &Pool, backend: Backend) -> Result<Tx> {
    let mut tx = match backend {
        Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
        Backend::Postgres => {
            let mut tx = pool.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock(7102)")
                .execute(&mut *tx)
                .await?;
            tx
        }
    };
    sqlx::query("UPDATE store_revision SET revision = revision + 1")
        .execute(&mut *tx)
        .await?;
    crate::saves::record(&mut tx).await?;
    Ok(tx)
}

/// `?` placeholders numbered `$1, $2, …` in order: for SQL assembled from pieces, whose
/// parameters are bound in the order they appear.
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

fn text_type() -> AnyTypeInfo {
    <String as Type<Db>>::type_info()
}

/// A calendar day, stored as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl Type<Db> for Day {
    fn type_info() -> AnyTypeInfo {
        text_type()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as Type<Db>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Db> for Day {
    fn encode_by_ref(
        &self,
        buf: &mut <Db as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> std::result::Result<IsNull, BoxDynError> {
        <String as Encode<'q, Db>>::encode(self.0.format("%Y-%m-%d").to_string(), buf)
    }
}

impl<'r> Decode<'r, Db> for Day {
    fn decode(value: AnyValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        let text = <&str as Decode<'r, Db>>::decode(value)?;
        Ok(Day(NaiveDate::parse_from_str(text, "%Y-%m-%d")?))
    }
}

/// An instant, stored as RFC 3339 text in UTC (`2026-11-26T19:07:49.43019+00:00`): text of one
/// shape sorts in time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant(pub DateTime<Utc>);

impl Type<Db> for Instant {
    fn type_info() -> AnyTypeInfo {
        text_type()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as Type<Db>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Db> for Instant {
    fn encode_by_ref(
        &self,
        buf: &mut <Db as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> std::result::Result<IsNull, BoxDynError> {
        <String as Encode<'q, Db>>::encode(
            self.0.to_rfc3339_opts(SecondsFormat::AutoSi, false),
            buf,
        )
    }
}

impl<'r> Decode<'r, Db> for Instant {
    fn decode(value: AnyValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        let text = <&str as Decode<'r, Db>>::decode(value)?;
        Ok(Instant(
            DateTime::parse_from_rfc3339(text)?.with_timezone(&Utc),
        ))
    }
}

/// A yes/no: PostgreSQL's boolean, or SQLite's 0/1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl Type<Db> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Db>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <bool as Type<Db>>::compatible(ty) || <i64 as Type<Db>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Db> for Flag {
    fn encode_by_ref(
        &self,
        buf: &mut <Db as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> std::result::Result<IsNull, BoxDynError> {
        <bool as Encode<'q, Db>>::encode(self.0, buf)
    }
}

impl<'r> Decode<'r, Db> for Flag {
    fn decode(value: AnyValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        if value.type_info().kind() == sqlx::any::AnyTypeInfoKind::Bool {
            Ok(Flag(<bool as Decode<'r, Db>>::decode(value)?))
        } else {
            Ok(Flag(<i64 as Decode<'r, Db>>::decode(value)? != 0))
        }
    }
}

impl From<&PathBuf> for Location {
    fn from(path: &PathBuf) -> Self {
        Location::Sqlite(path.clone())
    }
}

impl From<PathBuf> for Location {
    fn from(path: PathBuf) -> Self {
        Location::Sqlite(path)
    }
}

/// The variable naming a PostgreSQL server for the tests (`postgres://user@host/postgres`):
/// when set, [`scratch`] makes databases there, and the same tests run against PostgreSQL.
pub const TEST_POSTGRES: &str = "HOMEWARD_TEST_POSTGRES";

/// A new, empty database for a test called `name`: a file in `dir`, or, with
/// [`TEST_POSTGRES`] set, a new database on that server (named `hw_test_…`; the test script
/// drops them all when the run ends). `from` copies an earlier scratch database instead.
pub async fn scratch(
    dir: &std::path::Path,
    name: &str,
    from: Option<&Location>,
) -> Result<Location> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let Ok(server) = std::env::var(TEST_POSTGRES) else {
        let path = dir.join(format!("{name}.db"));
        if let Some(Location::Sqlite(from)) = from {
            std::fs::copy(from, &path).map_err(crate::corrupt)?;
        }
        return Ok(Location::Sqlite(path));
    };
    let db = format!(
        "hw_test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        name.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    );
    sqlx::any::install_default_drivers();
    let mut admin = <Conn as sqlx::Connection>::connect(&server).await?;
    let template = match from {
        Some(Location::Postgres(url)) => {
            let name = url::Url::parse(url)
                .map_err(crate::corrupt)?
                .path()
                .trim_start_matches('/')
                .to_string();
            format!(" TEMPLATE \"{name}\"")
        }
        _ => String::new(),
    };
    admin
        .execute(format!("CREATE DATABASE \"{db}\"{template}").as_str())
        .await?;
    let mut url = url::Url::parse(&server).map_err(crate::corrupt)?;
    url.set_path(&format!("/{db}"));
    Ok(Location::Postgres(url.to_string()))
}

impl From<Day> for NaiveDate {
    fn from(day: Day) -> Self {
        day.0
    }
}

impl From<Instant> for DateTime<Utc> {
    fn from(at: Instant) -> Self {
        at.0
    }
}

impl From<Flag> for bool {
    fn from(flag: Flag) -> Self {
        flag.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_numbered_in_order() {
        assert_eq!(
            numbered("UPDATE t SET a = ?, b = ? WHERE id = ?"),
            "UPDATE t SET a = $1, b = $2 WHERE id = $3"
        );
    }

    #[test]
    fn locations_read_as_paths_or_urls() {
        assert_eq!(
            "data/homeward.db".parse::<Location>().unwrap(),
            Location::Sqlite("data/homeward.db".into())
        );
        let pg: Location = "postgres://homeward:secret@db/homeward".parse().unwrap();
        assert_eq!(pg.backend(), Backend::Postgres);
        assert!(!pg.to_string().contains("secret"), "{pg}");
    }
}
