//! Users, password hashes, sessions and the sign-in history.
//!
//! Passwords are kept only as Argon2id hashes and session tokens only as SHA-256 hashes: a copy of
//! the database is not a way in. The rules (scope per role, lockout, session expiry) are the
//! core's; this module stores and applies them atomically.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use homeward_core::accounts::{
    check_scope, AccountError, Actor, LockoutPolicy, Login, NewUser, Password, Role, SessionCheck,
    SessionPolicy, User,
};
use homeward_core::history::{Editor, Entity};
use homeward_core::{Lang, Name, Stored};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use sqlx::{FromRow, Row};

use crate::db::{Conn, Instant, Tx};
use crate::history::{self, Change};
use crate::{corrupt, Result, Store, StoreError};

#[derive(FromRow)]
struct UserRow {
    id: i64,
    version: i64,
    login: String,
    display_name: String,
    role: String,
    rci_id: Option<i64>,
    #[sqlx(try_from = "crate::db::Flag")]
    active: bool,
    language: String,
    #[sqlx(try_from = "crate::db::Flag")]
    must_change_password: bool,
}

const USER_COLUMNS: &str =
    "id, version, login, display_name, role, rci_id, active, language, must_change_password";

impl UserRow {
    fn into_stored(self, assigned_rcis: Vec<i64>) -> Result<Stored<User>> {
        let value = User {
            login: Login::parse(&self.login).map_err(corrupt)?,
            display_name: Name::parse(&self.display_name).map_err(corrupt)?,
            role: Role::parse(&self.role).map_err(corrupt)?,
            rci_id: self.rci_id,
            assigned_rcis,
            active: self.active,
            language: Lang::from_code(&self.language),
            must_change_password: self.must_change_password,
        };
        Ok(Stored {
            id: self.id,
            version: self.version,
            value,
        })
    }
}

/// One sign-in try, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct LoginAttempt {
    pub login: String,
    #[sqlx(try_from = "crate::db::Instant")]
    pub attempted_at: DateTime<Utc>,
    /// success, wrong_password, unknown_login, locked_out or disabled.
    pub outcome: String,
    pub remote: String,
}

fn account(e: AccountError) -> StoreError {
    StoreError::Account(e)
}

/// How long a password check waits for a free hashing slot before the caller is told to come
/// back (HTTP 503 with `Retry-After`).
const WAIT_FOR_SLOT: std::time::Duration = std::time::Duration::from_secs(5);

/// Sign-in tries older than this are deleted: long past any lockout, and long enough for an
/// admin to look back over a quarter's sign-ins.
const KEEP_ATTEMPTS_FOR: chrono::TimeDelta = chrono::TimeDelta::days(90);

/// Argon2 takes about 19 MiB and a core for a moment. At most one hash per core runs at once, so
/// a flood of sign-ins with new logins queues briefly and is then refused, instead of taking
/// gigabytes on hundreds of blocking threads.
async fn hashing_slot() -> Result<tokio::sync::SemaphorePermit<'static>> {
    static SLOTS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores)
    });
    match tokio::time::timeout(WAIT_FOR_SLOT, SLOTS.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) | Err(_) => Err(StoreError::Busy),
    }
}

/// Hashes with Argon2id and a fresh random salt. Slow on purpose, so it runs off the async threads.
async fn hash_password(password: &Password) -> Result<String> {
    let _slot = hashing_slot().await?;
    let password = password.as_str().to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Corrupt(format!("could not hash a password: {e}")))
    })
    .await
    .map_err(|e| StoreError::Corrupt(format!("hashing task failed: {e}")))?
}

/// Checks a password against a stored hash, off the async threads. The caller holds a hashing slot.
async fn password_matches(hash: String, password: &str) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to check unknown logins against, so that "no such user" takes as long as "wrong
/// password" and response times do not reveal which logins exist.
fn decoy_hash() -> String {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"homeward decoy password", &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn assignments(executor: impl sqlx::AnyExecutor<'_>, user_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT rci_id FROM adviser_assignments WHERE user_id = $1 ORDER BY rci_id",
    )
    .bind(user_id)
    .fetch_all(executor)
    .await?)
}

/// One user, on any connection, so a write can read what it changes.
async fn read_user(conn: &mut Conn, id: i64) -> Result<Stored<User>> {
    let row: UserRow = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let assigned = assignments(&mut *conn, id).await?;
    row.into_stored(assigned)
}

/// Records how an account changed (`before` empty for a new one), reading it as it is now.
async fn record_user(tx: &mut Tx, id: i64, by: &Editor, before: &[(&str, String)]) -> Result<()> {
    let after = read_user(&mut *tx, id).await?.value;
    let change = Change {
        rci_id: None,
        entity: Entity::User,
        entity_id: id,
        label: after.login.as_str(),
        by,
    };
    history::record(tx, change, before, &after.describe()).await
}

/// What an account's user description was before a change, inside the change's transaction.
async fn user_before(tx: &mut Tx, id: i64) -> Result<Vec<(&'static str, String)>> {
    Ok(read_user(&mut *tx, id).await?.value.describe())
}

/// Every RCI named must exist: an unknown id is refused, not turned into a database error.
async fn check_rcis_exist(tx: &mut Tx, ids: &[i64]) -> Result<()> {
    for id in ids {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM rcis WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::Invalid(homeward_core::rcis::unknown_rci(id)));
        }
    }
    Ok(())
}

async fn replace_assignments(tx: &mut Tx, user_id: i64, assigned: &[i64]) -> Result<()> {
    sqlx::query("DELETE FROM adviser_assignments WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    for rci in assigned {
        sqlx::query("INSERT INTO adviser_assignments (user_id, rci_id) VALUES ($1, $2)")
            .bind(user_id)
            .bind(rci)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Refuses a change that would leave nobody able to manage users. Called after the change inside
/// its transaction, so two admins demoting each other at once cannot both succeed.
async fn keep_an_admin(tx: &mut Tx) -> Result<()> {
    let admins: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = TRUE")
            .fetch_one(&mut **tx)
            .await?;
    if admins == 0 {
        return Err(account(AccountError::LastAdmin));
    }
    Ok(())
}

async fn end_sessions(tx: &mut Tx, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Store {
    /// Creates a user with the given password; refuses a taken login or an unknown RCI.
    /// `one_time` marks a password someone else has seen (the admin who created the account):
    /// its owner must replace it at their first sign-in.
    pub async fn create_user(
        &self,
        new: &NewUser,
        password: &Password,
        one_time: bool,
        by: &Editor,
    ) -> Result<i64> {
        let hash = hash_password(password).await?;
        let now = Utc::now();
        let mut tx = self.write().await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE login = $1")
            .bind(new.login.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(account(AccountError::LoginTaken(new.login.to_string())));
        }
        let mut rcis = new.assigned_rcis.clone();
        rcis.extend(new.rci_id);
        check_rcis_exist(&mut tx, &rcis).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (login, display_name, role, rci_id, password_hash, \
             must_change_password, language, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(new.login.as_str())
        .bind(new.display_name.as_str())
        .bind(new.role.key())
        .bind(new.rci_id)
        .bind(hash)
        .bind(one_time)
        .bind(new.language.code())
        .bind(Instant(now))
        .bind(Instant(now))
        .fetch_one(&mut *tx)
        .await?;
        replace_assignments(&mut tx, id, &new.assigned_rcis).await?;
        record_user(&mut tx, id, by, &[]).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn user(&self, id: i64) -> Result<Stored<User>> {
        read_user(&mut *self.pool().acquire().await?, id).await
    }

    /// Every user's display name by id: how lists name lead advisers (former ones included).
    pub async fn user_names(&self) -> Result<std::collections::HashMap<i64, String>> {
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, display_name FROM users")
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().collect())
    }

    /// Active advisers by name: whom an admin may make an RCI's lead adviser.
    pub async fn active_advisers(&self) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, display_name FROM users WHERE role = 'adviser' AND active = TRUE \
             ORDER BY display_name",
        )
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn user_by_login(&self, login: &Login) -> Result<Option<Stored<User>>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE login = $1")
            .bind(login.as_str())
            .fetch_optional(self.pool())
            .await?;
        match id {
            Some(id) => self.user(id).await.map(Some),
            None => Ok(None),
        }
    }

    /// Every user, active ones first, by name.
    pub async fn users(&self) -> Result<Vec<Stored<User>>> {
        let rows: Vec<UserRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY active DESC, display_name"
        ))
        .fetch_all(self.pool())
        .await?;
        let pairs: Vec<(i64, i64)> =
            sqlx::query_as("SELECT user_id, rci_id FROM adviser_assignments ORDER BY rci_id")
                .fetch_all(self.pool())
                .await?;
        rows.into_iter()
            .map(|row| {
                let id = row.id;
                let assigned = pairs
                    .iter()
                    .filter(|(u, _)| *u == id)
                    .map(|(_, r)| *r)
                    .collect();
                row.into_stored(assigned)
            })
            .collect()
    }

    /// Counts the login's recent failures and records this try, in one write transaction, so
    /// that tries sent in parallel each see the ones before them: with the limit at five, thirty
    /// parallel wrong passwords lead to five password checks and twenty-five refusals. The try
    /// is recorded as `checking` (counted as a failure) until [`Store::finish_attempt`] says
    /// how it went. Old tries are pruned here too.
    async fn begin_attempt(
        &self,
        login: &Login,
        user_id: Option<i64>,
        now: DateTime<Utc>,
        remote: &str,
    ) -> Result<i64> {
        let policy = LockoutPolicy::default();
        let since = now - policy.window - policy.lock_for;
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM login_attempts WHERE attempted_at < $1")
            .bind(Instant(now - KEEP_ATTEMPTS_FOR))
            .execute(&mut *tx)
            .await?;
        let failures: Vec<Instant> = sqlx::query_scalar(
            "SELECT attempted_at FROM login_attempts WHERE login = $1 AND attempted_at >= $2 \
             AND outcome IN ('checking', 'wrong_password', 'unknown_login') AND attempted_at > COALESCE(\
             (SELECT MAX(attempted_at) FROM login_attempts WHERE login = $3 AND outcome = 'success'), $4)",
        )
        .bind(login.as_str())
        .bind(Instant(since))
        .bind(login.as_str())
        .bind(Instant(since))
        .fetch_all(&mut *tx)
        .await?;
        let failures: Vec<DateTime<Utc>> = failures.into_iter().map(DateTime::from).collect();
        let locked = policy.locked_until(&failures, now);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO login_attempts (login, user_id, attempted_at, outcome, remote) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(login.as_str())
        .bind(user_id)
        .bind(Instant(now))
        .bind(if locked.is_some() {
            "locked_out"
        } else {
            "checking"
        })
        .bind(remote)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        match locked {
            Some(until) => Err(account(AccountError::LockedOut { until })),
            None => Ok(id),
        }
    }

    /// Records how a try that [`Store::begin_attempt`] let through ended.
    async fn finish_attempt(&self, attempt: i64, outcome: &str) -> Result<()> {
        sqlx::query("UPDATE login_attempts SET outcome = $1 WHERE id = $2")
            .bind(outcome)
            .bind(attempt)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Checks a password for a login under the lockout rule: waits for a hashing slot, counts
    /// and records the try, checks, and records the outcome. `None` for an unknown login (checked
    /// against a decoy hash, so it takes as long as a wrong password).
    async fn check_password(
        &self,
        login: &Login,
        user: Option<&Stored<User>>,
        password: &str,
        now: DateTime<Utc>,
        remote: &str,
    ) -> Result<bool> {
        let _slot = hashing_slot().await?;
        let user_id = user.map(|u| u.id);
        let attempt = self.begin_attempt(login, user_id, now, remote).await?;
        let hash: Option<String> = match user_id {
            Some(id) => {
                sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?
            }
            None => None,
        };
        let matches = password_matches(hash.unwrap_or_else(decoy_hash), password).await;
        let outcome = match (user, matches) {
            (None, _) => "unknown_login",
            (Some(_), false) => "wrong_password",
            (Some(u), true) if !u.value.active => "disabled",
            (Some(_), true) => "success",
        };
        self.finish_attempt(attempt, outcome).await?;
        Ok(user.is_some() && matches)
    }

    /// Checks a sign-in, applying the lockout rule, and records the try whatever its outcome.
    /// Only someone who knows the password learns that an account is disabled.
    pub async fn verify_login(
        &self,
        login: &Login,
        password: &str,
        now: DateTime<Utc>,
        remote: &str,
    ) -> Result<Actor> {
        let user = self.user_by_login(login).await?;
        let matches = self
            .check_password(login, user.as_ref(), password, now, remote)
            .await?;
        match user {
            Some(u) if matches && u.value.active => Ok(u.value.actor(u.id)),
            Some(_) if matches => Err(account(AccountError::Disabled)),
            _ => Err(account(AccountError::WrongCredentials)),
        }
    }

    /// Sets a password. `must_change` marks one an admin has seen (a reset), which its owner must
    /// replace at their next sign-in. Every open session of the user ends.
    pub async fn set_password(
        &self,
        user_id: i64,
        password: &Password,
        must_change: bool,
        by: &Editor,
    ) -> Result<()> {
        let hash = hash_password(password).await?;
        let mut tx = self.write().await?;
        let changed = sqlx::query(
            "UPDATE users SET password_hash = $1, must_change_password = $2, version = version + 1, \
             updated_at = $3 WHERE id = $4",
        )
        .bind(hash)
        .bind(must_change)
        .bind(Instant(Utc::now()))
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        end_sessions(&mut tx, user_id).await?;
        let login = read_user(&mut tx, user_id).await?.value.login;
        let change = Change {
            rci_id: None,
            entity: Entity::Password,
            entity_id: user_id,
            label: login.as_str(),
            by,
        };
        // Never the password itself: only that one was set, and whether its owner chose it.
        let how = if must_change { "one-time" } else { "chosen" };
        history::record(&mut tx, change, &[], &[("password", how.to_string())]).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user's own password change: checks the current one first, under the same lockout
    /// as signing in (a stolen session must not become a way to guess the password).
    pub async fn change_own_password(
        &self,
        user_id: i64,
        current: &str,
        new: &Password,
        now: DateTime<Utc>,
        remote: &str,
    ) -> Result<()> {
        let user = self.user(user_id).await?;
        let login = user.value.login.clone();
        if !self
            .check_password(&login, Some(&user), current, now, remote)
            .await?
        {
            return Err(account(AccountError::WrongCredentials));
        }
        let by = Editor::user(user_id, user.value.display_name.clone());
        self.set_password(user_id, new, false, &by).await
    }

    /// Deactivates (ending their sessions) or reactivates a user, keeping at least one active admin.
    pub async fn set_active(&self, user_id: i64, active: bool, by: &Editor) -> Result<()> {
        let mut tx = self.write().await?;
        let before = match user_before(&mut tx, user_id).await {
            Err(StoreError::NotFound) => return Err(StoreError::NotFound),
            other => other?,
        };
        let changed = sqlx::query(
            "UPDATE users SET active = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(active)
        .bind(Instant(Utc::now()))
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        if !active {
            end_sessions(&mut tx, user_id).await?;
            keep_an_admin(&mut tx).await?;
        }
        record_user(&mut tx, user_id, by, &before).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes a user's role and RCI scope, refusing a stale version and the last admin's demotion.
    pub async fn update_user(
        &self,
        user_id: i64,
        expected_version: i64,
        role: Role,
        rci_id: Option<i64>,
        assigned: Vec<i64>,
        by: &Editor,
    ) -> Result<()> {
        let assigned = check_scope(role, rci_id, assigned).map_err(account)?;
        let mut tx = self.write().await?;
        let current: Option<i64> = sqlx::query_scalar("SELECT version FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        crate::check_version(current, expected_version)?;
        let before = user_before(&mut tx, user_id).await?;
        let mut rcis = assigned.clone();
        rcis.extend(rci_id);
        check_rcis_exist(&mut tx, &rcis).await?;
        sqlx::query(
            "UPDATE users SET role = $1, rci_id = $2, version = version + 1, updated_at = $3 WHERE id = $4",
        )
        .bind(role.key())
        .bind(rci_id)
        .bind(Instant(Utc::now()))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        replace_assignments(&mut tx, user_id, &assigned).await?;
        keep_an_admin(&mut tx).await?;
        // Sessions carry the old scope: end them, so the new one applies at once.
        end_sessions(&mut tx, user_id).await?;
        record_user(&mut tx, user_id, by, &before).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn count_active_admins(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = TRUE")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// A random password to hand over once: 16 characters from an alphabet without look-alikes
    /// (no 0/O, 1/l/I), easy to read aloud over a phone.
    pub fn one_time_password(&self) -> Password {
        const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        let text: String = bytes
            .iter()
            .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
            .collect();
        Password::parse(&text).expect("16 characters is a valid password")
    }

    /// Starts a session; the returned token goes into the cookie, and only its hash is stored.
    pub async fn create_session(&self, user_id: i64, now: DateTime<Utc>) -> Result<String> {
        let token = random_hex(32);
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(Instant(now))
        .bind(Instant(now))
        .execute(self.pool())
        .await?;
        Ok(token)
    }

    /// The signed-in user behind a session token, if the session is live and the user active.
    /// An expired session is deleted; a live one is renewed (its idle timer restarts).
    pub async fn session_user(
        &self,
        token: &str,
        policy: &SessionPolicy,
        now: DateTime<Utc>,
    ) -> Result<Option<(Actor, User)>> {
        let hash = token_hash(token);
        // The session and its user in one query: every signed-in request starts here.
        // …with the adviser's RCIs gathered into one column.
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.created_at AS session_created, s.last_seen_at AS session_seen, \
             (SELECT {} FROM adviser_assignments a WHERE a.user_id = users.id) AS assigned \
             FROM sessions s JOIN users ON users.id = s.user_id \
             WHERE s.token_hash = $1 AND users.active = TRUE",
            self.backend().id_list("a.rci_id")
        );
        let Some(row) = sqlx::query(&sql)
            .bind(&hash)
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let Instant(created_at) = row.try_get("session_created")?;
        let Instant(last_seen_at) = row.try_get("session_seen")?;
        match policy.check(created_at, last_seen_at, now) {
            SessionCheck::Expired => {
                self.delete_session(token).await?;
                Ok(None)
            }
            SessionCheck::Valid { renew } => {
                if renew {
                    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                        .bind(Instant(now))
                        .bind(&hash)
                        .execute(self.pool())
                        .await?;
                }
                let assigned: Option<String> = row.try_get("assigned")?;
                let user = UserRow::from_row(&row)?;
                let id = user.id;
                let user = user.into_stored(crate::db::parse_id_list(assigned.as_deref())?)?;
                Ok(Some((user.value.actor(id), user.value)))
            }
        }
    }

    /// Ends a session (sign-out): the token stops working at once, even if someone copied it.
    pub async fn delete_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The newest sign-in tries, for the admin's audit.
    pub async fn login_history(&self, limit: i64) -> Result<Vec<LoginAttempt>> {
        Ok(sqlx::query_as(
            "SELECT login, attempted_at, outcome, remote FROM login_attempts \
             ORDER BY attempted_at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
