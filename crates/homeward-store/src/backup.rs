//! Homeward's own backup format: every record of every table, as JSON lines, read in one
//! transaction so the file is a consistent snapshot even while the server is saving.
//!
//! ```text
//! {"format":"homeward-backup","version":1,"schema":7,"taken_at":"2026-11-26T19:00:00Z"}
//! {"table":"users","columns":["id","login",...],"rows":4}
//! [1,"demo.admin",...]
//! ...
//! ```
//!
//! Values are JSON numbers, strings or null, whatever the database, so one file moves an
//! organisation between databases. Ids, versions, history and accounts come back as they were;
//! sessions do not (everyone signs in again) and summaries are computed again from the records.

use std::io::{BufRead, Write};

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyTypeInfoKind;
use sqlx::{Column, Row, ValueRef};

use crate::db::{Backend, Conn, DbRow, Flag};
use crate::{corrupt, Result, Store, StoreError};

const FORMAT: &str = "homeward-backup";
const VERSION: u32 = 1;

/// Every table a backup holds, each after the tables it refers to (users and RCIs refer to each
/// other: foreign keys are checked when the restore commits).
pub const TABLES: &[&str] = &[
    "users",
    "rcis",
    "adviser_assignments",
    "checklist_templates",
    "checklist_items",
    "stage_signoffs",
    "children_counts",
    "follow_up_visits",
    "placements",
    "placement_visits",
    "staff_changes",
    "asset_changes",
    "funding_changes",
    "targets",
    "agreements",
    "inspections",
    "closures",
    "evidence_files",
    "readiness_indicators",
    "readiness_assessments",
    "readiness_answers",
    "login_attempts",
    "history",
    "organisations",
    "study_tours",
    "study_tour_organisations",
    "study_tour_hosts",
    "study_tour_visitors",
    "study_tour_actions",
    "trainings",
    "training_participants",
    "community_programmes",
    "offline_saves",
    "api_tokens",
    "api_token_rcis",
];

/// Tables a backup leaves out: sessions (a restored server signs everyone in again), refused
/// forms kept an hour for their page, what is computed from the rest, and the write counter
/// (each database counts its own writes).
pub const LEFT_OUT: &[&str] = &[
    "sessions",
    "form_drafts",
    "flashes",
    "pending_imports",
    "rci_summaries",
    "store_revision",
];

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    /// The newest migration of the database it was taken from.
    schema: i64,
    taken_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize)]
struct TableHeader {
    table: String,
    columns: Vec<String>,
    rows: u64,
}

/// What a backup or restore moved: rows per table, in [`TABLES`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub tables: Vec<(&'static str, u64)>,
}

impl Moved {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// A backup file Homeward cannot restore, and why.
fn refused(why: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(homeward_core::Bilingual::new(
        format!("not a backup this Homeward can restore: {why}"),
        format!("មិនមែនជាឯកសារបម្រុងទុកដែល Homeward នេះអាចស្ដារបានទេ៖ {why}"),
    ))
}

/// A table's columns by name (the same order on every backend), each with whether it holds a
/// yes/no (PostgreSQL's booleans are SQLite's 0/1; a backup writes both as 0/1).
async fn columns(conn: &mut Conn, backend: Backend, table: &str) -> Result<Vec<(String, bool)>> {
    let sql = match backend {
        Backend::Sqlite => "SELECT name, UPPER(type) = 'BOOLEAN' FROM pragma_table_info($1)",
        Backend::Postgres => {
            "SELECT CAST(column_name AS TEXT), data_type = 'boolean' FROM information_schema.columns \
             WHERE table_name = $1 AND table_schema = current_schema()"
        }
    };
    let columns: Vec<(String, Flag)> = sqlx::query_as(sql).bind(table).fetch_all(conn).await?;
    let mut columns: Vec<(String, bool)> = columns.into_iter().map(|(n, f)| (n, f.0)).collect();
    columns.sort();
    Ok(columns)
}

fn value(row: &DbRow, i: usize) -> Result<Value> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    Ok(match raw.type_info().kind() {
        AnyTypeInfoKind::Bool => Value::from(i64::from(row.try_get::<bool, _>(i)?)),
        AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => {
            Value::from(row.try_get::<i64, _>(i)?)
        }
        AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => Value::from(row.try_get::<f64, _>(i)?),
        AnyTypeInfoKind::Text => Value::from(row.try_get::<String, _>(i)?),
        AnyTypeInfoKind::Blob | AnyTypeInfoKind::Null => {
            return Err(corrupt(format!(
                "column {} holds a value backups do not carry",
                row.column(i).name()
            )))
        }
    })
}

fn line(out: &mut impl Write, json: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, json).map_err(corrupt)?;
    out.write_all(b"\n").map_err(corrupt)
}

impl Store {
    /// Writes every table to `out` from one read transaction: a snapshot of the moment the
    /// backup began, whatever is saved meanwhile. Rows come by id (tables without one are
    /// small link tables, sorted here), so the same records make the same file on any backend.
    pub async fn backup(&self, out: &mut impl Write) -> Result<Moved> {
        let mut tx = self.pool().begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let schema: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
                .fetch_one(&mut *tx)
                .await?;
        line(
            out,
            &Header {
                format: FORMAT.into(),
                version: VERSION,
                schema,
                taken_at: Utc::now(),
            },
        )?;
        let mut moved = Moved { tables: vec![] };
        for table in TABLES {
            let names: Vec<String> = columns(&mut tx, self.backend(), table)
                .await?
                .into_iter()
                .map(|(name, _)| name)
                .collect();
            let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&mut *tx)
                .await?;
            line(
                out,
                &TableHeader {
                    table: table.to_string(),
                    columns: names.clone(),
                    rows: rows as u64,
                },
            )?;
            let row_of = |row: &DbRow| {
                (0..names.len())
                    .map(|i| value(row, i))
                    .collect::<Result<Vec<_>>>()
            };
            if names.iter().any(|n| n == "id") {
                let sql = format!("SELECT {} FROM {table} ORDER BY id", names.join(", "));
                let mut stream = sqlx::query(&sql).fetch(&mut *tx);
                while let Some(row) = stream.try_next().await? {
                    line(out, &row_of(&row)?)?;
                }
            } else {
                let sql = format!("SELECT {} FROM {table}", names.join(", "));
                let mut all = vec![];
                for row in sqlx::query(&sql).fetch_all(&mut *tx).await? {
                    all.push(serde_json::to_string(&row_of(&row)?).map_err(corrupt)?);
                }
                all.sort();
                for row in all {
                    out.write_all(row.as_bytes()).map_err(corrupt)?;
                    out.write_all(b"\n").map_err(corrupt)?;
                }
            }
            moved.tables.push((table, rows as u64));
        }
        out.flush().map_err(corrupt)?;
        tx.rollback().await?;
        Ok(moved)
    }

    /// Puts a backup back into this database, which must be empty: all of it in one transaction
    /// (nothing is written if any of it is refused), then every RCI's summary computed again.
    pub async fn restore(&self, input: impl BufRead) -> Result<Moved> {
        if !self.is_empty().await? {
            return Err(StoreError::Invalid(homeward_core::Bilingual::new(
                "a backup is restored only into an empty database",
                "ការបម្រុងទុកត្រូវស្ដារទៅក្នុងមូលដ្ឋានទិន្នន័យទទេប៉ុណ្ណោះ",
            )));
        }
        let mut lines = input.lines();
        let mut next = || -> Result<Option<String>> { lines.next().transpose().map_err(refused) };
        let header: Header = match next()? {
            Some(l) => serde_json::from_str(&l).map_err(refused)?,
            None => return Err(refused("the file is empty")),
        };
        if header.format != FORMAT || header.version != VERSION {
            return Err(refused(format!(
                "format {} {}",
                header.format, header.version
            )));
        }
        let schema = crate::latest_migration();
        if header.schema != schema {
            return Err(refused(format!(
                "it was taken at schema {}, this Homeward has schema {schema}: restore it with \
                 the Homeward that took it, then upgrade",
                header.schema
            )));
        }
        let backend = self.backend();
        let mut tx = self.write().await?;
        // Users and RCIs refer to each other: references are checked once everything is in.
        let defer = match backend {
            Backend::Sqlite => "PRAGMA defer_foreign_keys = ON",
            Backend::Postgres => "SET CONSTRAINTS ALL DEFERRED",
        };
        sqlx::query(defer).execute(&mut *tx).await?;
        let mut moved = Moved { tables: vec![] };
        for table in TABLES {
            let head: TableHeader = match next()? {
                Some(l) => serde_json::from_str(&l).map_err(refused)?,
                None => return Err(refused(format!("it ends before table {table}"))),
            };
            if head.table != *table {
                return Err(refused(format!(
                    "table {} where {table} was expected",
                    head.table
                )));
            }
            let columns = columns(&mut tx, backend, table).await?;
            if head.columns != columns.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>() {
                return Err(refused(format!("the columns of {table} differ")));
            }
            let sql = crate::db::numbered(&format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                head.columns.join(", "),
                vec!["?"; head.columns.len()].join(", ")
            ));
            for n in 0..head.rows {
                let l = next()?.ok_or_else(|| {
                    refused(format!("{table} ends after {n} of its {} rows", head.rows))
                })?;
                let values: Vec<Value> = serde_json::from_str(&l).map_err(refused)?;
                if values.len() != columns.len() {
                    return Err(refused(format!(
                        "a row of {table} has {} values",
                        values.len()
                    )));
                }
                // Not prepared once for the table: PostgreSQL would fix each parameter's type from
                // the first row, and a column empty there (bound as a null number) but written in
                // a later row would be refused.
                let mut query = sqlx::query(&sql).persistent(false);
                for (v, (_, flag)) in values.into_iter().zip(&columns) {
                    query = match v {
                        Value::Null => query.bind(None::<i64>),
                        Value::Number(n) if *flag => query.bind(Flag(n.as_i64() != Some(0))),
                        Value::Number(n) if n.is_i64() => query.bind(n.as_i64()),
                        Value::Number(n) => query.bind(n.as_f64()),
                        Value::String(s) => query.bind(s),
                        other => return Err(refused(format!("a value {other} in {table}"))),
                    };
                }
                query.execute(&mut *tx).await?;
            }
            moved.tables.push((table, head.rows));
        }
        if next()?.is_some() {
            return Err(refused("it goes on after the last table"));
        }
        match backend {
            Backend::Sqlite => {
                let broken: Vec<(String, i64)> =
                    sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
                        .fetch_all(&mut *tx)
                        .await?;
                if let Some((table, row)) = broken.first() {
                    return Err(refused(format!(
                        "row {row} of {table} refers to a missing record"
                    )));
                }
            }
            // Identity columns go on from the highest id restored.
            Backend::Postgres => {
                for table in TABLES {
                    if columns(&mut tx, backend, table)
                        .await?
                        .iter()
                        .any(|(n, _)| n == "id")
                    {
                        sqlx::query(&format!(
                            "SELECT CAST(setval(pg_get_serial_sequence('{table}', 'id'), \
                             COALESCE(MAX(id), 0) + 1, FALSE) AS BIGINT) FROM {table}"
                        ))
                        .execute(&mut *tx)
                        .await?;
                    }
                }
            }
        }
        // PostgreSQL checks the deferred references here: a broken one is the file's fault, any
        // other failure the database's.
        tx.commit().await.map_err(|e| match &e {
            sqlx::Error::Database(d) if d.kind() == sqlx::error::ErrorKind::ForeignKeyViolation => {
                refused(e)
            }
            _ => e.into(),
        })?;
        self.reindex().await?;
        Ok(moved)
    }

    /// The database's own check of its storage: `ok`, or what is damaged. (PostgreSQL keeps no
    /// such check for a client to run; its constraints were checked as the data went in.)
    pub async fn integrity_check(&self) -> Result<String> {
        match self.backend() {
            Backend::Sqlite => {
                let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(self.pool())
                    .await?;
                Ok(lines.join("\n"))
            }
            Backend::Postgres => {
                self.ping().await?;
                Ok("ok".into())
            }
        }
    }
}
