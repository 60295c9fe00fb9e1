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
use homeward_core::{Lang, Name, Stored};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use sqlx::{FromRow, Sqlite, Transaction};

use crate::{corrupt, Result, Store, StoreError};

#[derive(FromRow)]
struct UserRow {
    id: i64,
    version: i64,
    login: String,
    display_name: String,
    role: String,
    rci_id: Option<i64>,
    active: bool,
    language: String,
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
    pub attempted_at: DateTime<Utc>,
    /// success, wrong_password, unknown_login, locked_out or disabled.
    pub outcome: String,
    pub remote: String,
}

fn account(e: AccountError) -> StoreError {
    StoreError::Account(e)
}

/// Hashes with Argon2id and a fresh random salt. Slow on purpose, so it runs off the async threads.
async fn hash_password(password: &Password) -> Result<String> {
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

/// Checks a password against a stored hash, off the async threads.
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

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn assignments(executor: impl sqlx::SqliteExecutor<'_>, user_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT rci_id FROM adviser_assignments WHERE user_id = ? ORDER BY rci_id",
    )
    .bind(user_id)
    .fetch_all(executor)
    .await?)
}

/// Every RCI named must exist: an unknown id is refused, not turned into a database error.
async fn check_rcis_exist(tx: &mut Transaction<'_, Sqlite>, ids: &[i64]) -> Result<()> {
    for id in ids {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM rcis WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::Invalid(homeward_core::rcis::unknown_rci(id)));
        }
    }
    Ok(())
}

async fn replace_assignments(
    tx: &mut Transaction<'_, Sqlite>,
    user_id: i64,
    assigned: &[i64],
) -> Result<()> {
    sqlx::query("DELETE FROM adviser_assignments WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    for rci in assigned {
        sqlx::query("INSERT INTO adviser_assignments (user_id, rci_id) VALUES (?, ?)")
            .bind(user_id)
            .bind(rci)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Refuses a change that would leave nobody able to manage users. Called after the change inside
/// its transaction, so two admins demoting each other at once cannot both succeed.
async fn keep_an_admin(tx: &mut Transaction<'_, Sqlite>) -> Result<()> {
    let admins: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = TRUE")
            .fetch_one(&mut **tx)
            .await?;
    if admins == 0 {
        return Err(account(AccountError::LastAdmin));
    }
    Ok(())
}

async fn end_sessions(tx: &mut Transaction<'_, Sqlite>, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = ?")
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
    ) -> Result<i64> {
        let hash = hash_password(password).await?;
        let now = Utc::now();
        let mut tx = self.write().await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE login = ?")
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
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(new.login.as_str())
        .bind(new.display_name.as_str())
        .bind(new.role.key())
        .bind(new.rci_id)
        .bind(hash)
        .bind(one_time)
        .bind(new.language.code())
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        replace_assignments(&mut tx, id, &new.assigned_rcis).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn user(&self, id: i64) -> Result<Stored<User>> {
        let row: UserRow =
            sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound)?;
        let assigned = assignments(self.pool(), id).await?;
        row.into_stored(assigned)
    }

    pub async fn user_by_login(&self, login: &Login) -> Result<Option<Stored<User>>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE login = ?")
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

    /// Checks a sign-in, applying the lockout rule, and records the try whatever its outcome.
    /// Only someone who knows the password learns that an account is disabled.
    pub async fn verify_login(
        &self,
        login: &Login,
        password: &str,
        now: DateTime<Utc>,
        remote: &str,
    ) -> Result<Actor> {
        let policy = LockoutPolicy::default();
        let since = now - policy.window - policy.lock_for;
        let failures: Vec<DateTime<Utc>> = sqlx::query_scalar(
            "SELECT attempted_at FROM login_attempts WHERE login = ? AND attempted_at >= ? \
             AND outcome IN ('wrong_password', 'unknown_login') AND attempted_at > COALESCE(\
             (SELECT MAX(attempted_at) FROM login_attempts WHERE login = ? AND outcome = 'success'), ?)",
        )
        .bind(login.as_str())
        .bind(since)
        .bind(login.as_str())
        .bind(since)
        .fetch_all(self.pool())
        .await?;
        let user = self.user_by_login(login).await?;
        let user_id = user.as_ref().map(|u| u.id);
        let (outcome, result) = if let Some(until) = policy.locked_until(&failures, now) {
            ("locked_out", Err(AccountError::LockedOut { until }))
        } else {
            let hash: Option<String> = match user_id {
                Some(id) => {
                    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
                        .bind(id)
                        .fetch_optional(self.pool())
                        .await?
                }
                None => None,
            };
            let matches = password_matches(hash.unwrap_or_else(decoy_hash), password).await;
            match (&user, matches) {
                (None, _) => ("unknown_login", Err(AccountError::WrongCredentials)),
                (Some(_), false) => ("wrong_password", Err(AccountError::WrongCredentials)),
                (Some(u), true) if !u.value.active => ("disabled", Err(AccountError::Disabled)),
                (Some(u), true) => ("success", Ok(u.value.actor(u.id))),
            }
        };
        sqlx::query(
            "INSERT INTO login_attempts (login, user_id, attempted_at, outcome, remote) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(login.as_str())
        .bind(user_id)
        .bind(now)
        .bind(outcome)
        .bind(remote)
        .execute(self.pool())
        .await?;
        result.map_err(account)
    }

    /// Sets a password. `must_change` marks one an admin has seen (a reset), which its owner must
    /// replace at their next sign-in. Every open session of the user ends.
    pub async fn set_password(
        &self,
        user_id: i64,
        password: &Password,
        must_change: bool,
    ) -> Result<()> {
        let hash = hash_password(password).await?;
        let mut tx = self.write().await?;
        let changed = sqlx::query(
            "UPDATE users SET password_hash = ?, must_change_password = ?, version = version + 1, \
             updated_at = ? WHERE id = ?",
        )
        .bind(hash)
        .bind(must_change)
        .bind(Utc::now())
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        end_sessions(&mut tx, user_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user's own password change: checks the current one first.
    pub async fn change_own_password(
        &self,
        user_id: i64,
        current: &str,
        new: &Password,
    ) -> Result<()> {
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        if !password_matches(hash, current).await {
            return Err(account(AccountError::WrongCredentials));
        }
        self.set_password(user_id, new, false).await
    }

    /// Deactivates (ending their sessions) or reactivates a user, keeping at least one active admin.
    pub async fn set_active(&self, user_id: i64, active: bool) -> Result<()> {
        let mut tx = self.write().await?;
        let changed = sqlx::query(
            "UPDATE users SET active = ?, version = version + 1, updated_at = ? WHERE id = ?",
        )
        .bind(active)
        .bind(Utc::now())
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
    ) -> Result<()> {
        let assigned = check_scope(role, rci_id, assigned).map_err(account)?;
        let mut tx = self.write().await?;
        let current: Option<i64> = sqlx::query_scalar("SELECT version FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        crate::check_version(current, expected_version)?;
        let mut rcis = assigned.clone();
        rcis.extend(rci_id);
        check_rcis_exist(&mut tx, &rcis).await?;
        sqlx::query(
            "UPDATE users SET role = ?, rci_id = ?, version = version + 1, updated_at = ? WHERE id = ?",
        )
        .bind(role.key())
        .bind(rci_id)
        .bind(Utc::now())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        replace_assignments(&mut tx, user_id, &assigned).await?;
        keep_an_admin(&mut tx).await?;
        // Sessions carry the old scope: end them, so the new one applies at once.
        end_sessions(&mut tx, user_id).await?;
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
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(now)
        .bind(now)
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
        let row: Option<(i64, DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
            "SELECT s.user_id, s.created_at, s.last_seen_at FROM sessions s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = TRUE",
        )
        .bind(&hash)
        .fetch_optional(self.pool())
        .await?;
        let Some((user_id, created_at, last_seen_at)) = row else {
            return Ok(None);
        };
        match policy.check(created_at, last_seen_at, now) {
            SessionCheck::Expired => {
                self.delete_session(token).await?;
                Ok(None)
            }
            SessionCheck::Valid { renew } => {
                if renew {
                    sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
                        .bind(now)
                        .bind(&hash)
                        .execute(self.pool())
                        .await?;
                }
                let user = self.user(user_id).await?;
                Ok(Some((user.value.actor(user_id), user.value)))
            }
        }
    }

    /// Ends a session (sign-out): the token stops working at once, even if someone copied it.
    pub async fn delete_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
            .bind(token_hash(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The newest sign-in tries, for the admin's audit.
    pub async fn login_history(&self, limit: i64) -> Result<Vec<LoginAttempt>> {
        Ok(sqlx::query_as(
            "SELECT login, attempted_at, outcome, remote FROM login_attempts \
             ORDER BY attempted_at DESC, id DESC LIMIT ?",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
