//! Who may do what: roles, each role's scope over partner RCIs, validated logins and passwords,
//! and the rules for sessions and for refusing password guessing.
//!
//! Access is the product, not an add-on: records about children and families must reach only
//! the people who work with them, so every server function asks an [`Actor`] before acting.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::stages::Lang;
use crate::values::Name;

/// What a user is in the organisation, which decides what they may see and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Manages users, roles, assignments and templates; sees and edits everything.
    Admin,
    /// A transition adviser: edits the RCIs assigned to them, reads every RCI.
    Adviser,
    /// An RCI director: reads their own RCI only, edits nothing.
    Director,
    /// Management or a donors' liaison: reads everything, edits nothing.
    Viewer,
}

impl Role {
    /// Every role, in the order choices are offered.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Adviser, Role::Director, Role::Viewer];

    /// The stable key used in the database, forms and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Adviser => "adviser",
            Role::Director => "director",
            Role::Viewer => "viewer",
        }
    }

    /// Reads a role's key (surrounding space ignored); any other text is an unknown role.
    pub fn parse(raw: &str) -> Result<Role, AccountError> {
        Role::ALL
            .into_iter()
            .find(|r| r.key() == raw.trim())
            .ok_or_else(|| AccountError::UnknownRole(raw.trim().to_string()))
    }
}

/// Why an account operation was refused, worded for the person who asked.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum AccountError {
    /// The login breaks the rules of [`Login::parse`].
    #[error("login must be 3 to 40 characters: lower-case letters, digits, '.', '-' or '_'")]
    InvalidLogin,
    /// The new password is shorter than [`Password::MIN`].
    #[error("password must be at least {min} characters")]
    PasswordTooShort {
        /// The shortest length allowed, in characters.
        min: usize,
    },
    /// The new password is longer than [`Password::MAX`].
    #[error("password must be at most {max} characters")]
    PasswordTooLong {
        /// The longest length allowed, in characters.
        max: usize,
    },
    /// The text names no role; it holds the text given.
    #[error("unknown role: {0} (expected admin, adviser, director or viewer)")]
    UnknownRole(String),
    /// A director was given no RCI, so would see nothing.
    #[error("a director must belong to one RCI")]
    DirectorWithoutRci,
    /// An RCI was given to a role other than director.
    #[error("only a director belongs to an RCI")]
    RciWithoutDirector,
    /// Assigned RCIs were given to a role other than adviser.
    #[error("only an adviser is assigned RCIs")]
    AssignmentsWithoutAdviser,
    /// Another account already signs in with this login; it holds the login.
    #[error("the login {0} is already taken")]
    LoginTaken(String),
    /// The sign-in failed; it does not say which was wrong, so logins cannot be probed.
    #[error("wrong login or password")]
    WrongCredentials,
    /// Too many failed sign-ins: tries are refused until the lock ends.
    #[error("too many failed sign-ins: try again after {until} (UTC)")]
    LockedOut {
        /// When tries are accepted again.
        until: DateTime<Utc>,
    },
    /// An admin has disabled the account: it cannot sign in.
    #[error("this account is disabled")]
    Disabled,
    /// The change would leave nobody able to manage users.
    #[error("the last active admin cannot be removed or demoted")]
    LastAdmin,
}

impl AccountError {
    /// The Khmer wording of the refusal.
    pub fn khmer(&self) -> String {
        match self {
            AccountError::InvalidLogin => {
                "ឈ្មោះចូលប្រើត្រូវមាន 3 ដល់ 40 តួអក្សរ៖ អក្សរតូច លេខ '.' '-' ឬ '_'".into()
            }
            AccountError::PasswordTooShort { min } => {
                format!("ពាក្យសម្ងាត់ត្រូវមានយ៉ាងតិច {min} តួអក្សរ")
            }
            AccountError::PasswordTooLong { max } => {
                format!("ពាក្យសម្ងាត់ត្រូវមានយ៉ាងច្រើន {max} តួអក្សរ")
            }
            AccountError::UnknownRole(role) => format!("តួនាទីមិនស្គាល់៖ {role}"),
            AccountError::DirectorWithoutRci => "នាយកត្រូវតែជាប់នឹងមណ្ឌលមួយ".into(),
            AccountError::RciWithoutDirector => "មានតែនាយកទេ ដែលជាប់នឹងមណ្ឌល".into(),
            AccountError::AssignmentsWithoutAdviser => "មានតែទីប្រឹក្សាទេ ដែលត្រូវបានចាត់ឱ្យមើលមណ្ឌល".into(),
            AccountError::LoginTaken(login) => format!("ឈ្មោះចូលប្រើ {login} មានគេប្រើរួចហើយ"),
            AccountError::WrongCredentials => "ឈ្មោះចូលប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ".into(),
            AccountError::LockedOut { until } => {
                format!("ចូលខុសច្រើនដងពេក៖ សូមព្យាយាមម្តងទៀតក្រោយ {until} (UTC)")
            }
            AccountError::Disabled => "គណនីនេះត្រូវបានបិទ".into(),
            AccountError::LastAdmin => "មិនអាចលុប ឬបន្ថយតួនាទីអ្នកគ្រប់គ្រងសកម្មចុងក្រោយបានទេ".into(),
        }
    }
}

/// A sign-in name: short, lower-case, unambiguous on any keyboard.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Login(String);

impl Login {
    /// Trims and lower-cases, so "Sokha.M " and "sokha.m" are the same account.
    pub fn parse(raw: &str) -> Result<Login, AccountError> {
        let login = raw.trim().to_lowercase();
        let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
        if (3..=40).contains(&login.len()) && login.chars().all(ok_char) {
            Ok(Login(login))
        } else {
            Err(AccountError::InvalidLogin)
        }
    }

    /// The login as stored: trimmed and lower-case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password. Length is what makes a password hard to guess, so that is the rule; the upper
/// bound keeps hashing cheap enough that a huge password cannot tie up the server.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The shortest password accepted, in characters.
    pub const MIN: usize = 10;
    /// The longest password accepted, in characters.
    pub const MAX: usize = 200;

    /// Checks the length only; the password is kept exactly as typed, spaces included.
    pub fn parse(raw: &str) -> Result<Password, AccountError> {
        let len = raw.chars().count();
        if len < Self::MIN {
            Err(AccountError::PasswordTooShort { min: Self::MIN })
        } else if len > Self::MAX {
            Err(AccountError::PasswordTooLong { max: Self::MAX })
        } else {
            Ok(Password(raw.to_string()))
        }
    }

    /// The password as typed, for hashing: never store or log it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Never print a password into a log by accident.
impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Checks that a role's RCI scope fits the role: a director has exactly one RCI, an adviser a
/// list of assignments, and the others neither (they see everything or manage everything).
/// Returns the assignments sorted and without repeats.
pub fn check_scope(
    role: Role,
    rci_id: Option<i64>,
    mut assigned: Vec<i64>,
) -> Result<Vec<i64>, AccountError> {
    match (role, rci_id) {
        (Role::Director, None) => return Err(AccountError::DirectorWithoutRci),
        (Role::Director, Some(_)) => {}
        (_, Some(_)) => return Err(AccountError::RciWithoutDirector),
        (_, None) => {}
    }
    if role != Role::Adviser && !assigned.is_empty() {
        return Err(AccountError::AssignmentsWithoutAdviser);
    }
    assigned.sort_unstable();
    assigned.dedup();
    Ok(assigned)
}

/// A user as stored (without the password hash, which never leaves the storage layer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// What the user signs in with.
    pub login: Login,
    /// The name colleagues and the change history see.
    pub display_name: Name,
    /// Decides what the user may see and change.
    pub role: Role,
    /// A director's RCI.
    pub rci_id: Option<i64>,
    /// An adviser's assigned RCIs.
    pub assigned_rcis: Vec<i64>,
    /// `false` once an admin disables the account: it can no longer sign in.
    pub active: bool,
    /// The language pages are shown in for this user.
    pub language: Lang,
    /// Set after an admin reset: the password was shown to someone other than its owner.
    pub must_change_password: bool,
}

impl User {
    /// The account as text, field by field, for the change history (never its password).
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let assigned: Vec<String> = self
            .assigned_rcis
            .iter()
            .map(|id| format!("#{id}"))
            .collect();
        vec![
            ("login", self.login.to_string()),
            ("display name", self.display_name.to_string()),
            ("role", self.role.key().to_string()),
            (
                "director's RCI",
                self.rci_id.map(|id| format!("#{id}")).unwrap_or_default(),
            ),
            ("assigned RCIs", assigned.join("; ")),
            ("active", if self.active { "yes" } else { "no" }.to_string()),
        ]
    }

    /// The user as the access rules see them.
    pub fn actor(&self, user_id: i64) -> Actor {
        Actor {
            user_id,
            role: self.role,
            rci_id: self.rci_id,
            assigned_rcis: self.assigned_rcis.clone(),
        }
    }
}

/// A user to be created: validated as a whole, so a director without an RCI cannot exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// What the user will sign in with.
    pub login: Login,
    /// The name colleagues and the change history will see.
    pub display_name: Name,
    /// Decides what the user may see and change.
    pub role: Role,
    /// A director's RCI; `None` for every other role.
    pub rci_id: Option<i64>,
    /// An adviser's assigned RCIs, sorted and without repeats; empty for every other role.
    pub assigned_rcis: Vec<i64>,
    /// The language pages are shown in for this user.
    pub language: Lang,
}

impl NewUser {
    /// Refuses an RCI or assignments that do not fit the role (see [`check_scope`]).
    pub fn new(
        login: Login,
        display_name: Name,
        role: Role,
        rci_id: Option<i64>,
        assigned_rcis: Vec<i64>,
        language: Lang,
    ) -> Result<NewUser, AccountError> {
        let assigned_rcis = check_scope(role, rci_id, assigned_rcis)?;
        Ok(NewUser {
            login,
            display_name,
            role,
            rci_id,
            assigned_rcis,
            language,
        })
    }
}

/// Who is asking, as every access decision needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The signed-in user's id.
    pub user_id: i64,
    /// The user's role, which decides most answers.
    pub role: Role,
    /// A director's own RCI, the only one they may read.
    pub rci_id: Option<i64>,
    /// The RCIs an adviser may edit.
    pub assigned_rcis: Vec<i64>,
}

impl Actor {
    /// The RCIs that are this person's own work: an adviser's, a director's. `None` for the
    /// organisation's roles, whose work covers every partner.
    pub fn own_rcis(&self) -> Option<Vec<i64>> {
        match self.role {
            Role::Adviser => Some(self.assigned_rcis.clone()),
            Role::Director => Some(self.rci_id.into_iter().collect()),
            Role::Admin | Role::Viewer => None,
        }
    }

    /// Directors see their own RCI only; everyone else in the organisation reads every RCI.
    pub fn can_read_rci(&self, rci_id: i64) -> bool {
        match self.role {
            Role::Admin | Role::Adviser | Role::Viewer => true,
            Role::Director => self.rci_id == Some(rci_id),
        }
    }

    /// Admins edit every RCI, advisers the ones assigned to them, nobody else anything.
    pub fn can_edit_rci(&self, rci_id: i64) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Adviser => self.assigned_rcis.contains(&rci_id),
            Role::Director | Role::Viewer => false,
        }
    }

    /// May create entries that are not one RCI's (a study tour, a training, a new partner).
    pub fn can_edit_anything(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Adviser)
    }

    /// Only admins create accounts, change roles and assignments, and reset passwords.
    pub fn can_manage_users(&self) -> bool {
        self.role == Role::Admin
    }

    /// Naming an RCI's lead adviser gives that adviser the right to edit it, so only an admin
    /// may change it; anyone else saving the profile must leave it as it is.
    pub fn may_set_lead_adviser(&self, current: Option<i64>, wanted: Option<i64>) -> bool {
        self.role == Role::Admin || current == wanted
    }

    /// Targets are the organisation's to set: only admins set or remove them.
    pub fn can_set_targets(&self) -> bool {
        self.role == Role::Admin
    }

    /// Signing a stage off checks an adviser's work for the organisation: admins only, the people
    /// who already hold its other checks (targets, accounts, the template).
    pub fn can_sign_off(&self) -> bool {
        self.role == Role::Admin
    }

    /// The organisation's cross-partner views: never for a director, who must not see other RCIs.
    pub fn can_compare_partners(&self) -> bool {
        self.role != Role::Director
    }
}

/// How long a session lives: it ends after `idle` without a request, and after `absolute` in
/// any case, so a phone left signed in on a shared desk does not stay signed in for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// How long a session survives without a request.
    pub idle: TimeDelta,
    /// How long a session lives at most, however active.
    pub absolute: TimeDelta,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: TimeDelta::hours(8),
            absolute: TimeDelta::days(7),
        }
    }
}

/// What to do with a session on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionCheck {
    /// Idle too long or too old: the user must sign in again.
    Expired,
    /// Valid; `renew` says its last-seen time is old enough to be worth writing again
    /// (renewing on every request would turn every page view into a database write).
    Valid {
        /// Whether to store the session's new last-seen time.
        renew: bool,
    },
}

impl SessionPolicy {
    /// Judges a session created at `created_at` and last seen at `last_seen_at`, as of `now`.
    pub fn check(
        &self,
        created_at: DateTime<Utc>,
        last_seen_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> SessionCheck {
        if now - last_seen_at >= self.idle || now - created_at >= self.absolute {
            SessionCheck::Expired
        } else {
            SessionCheck::Valid {
                renew: now - last_seen_at >= TimeDelta::minutes(1),
            }
        }
    }
}

/// The guessing limit: after `max_failures` failed sign-ins within `window`, the account refuses
/// tries for `lock_for` after the last failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failed sign-ins within `window` that lock the account (0 never locks).
    pub max_failures: usize,
    /// How close together the failures must fall to lock.
    pub window: TimeDelta,
    /// How long the lock lasts after the last failure.
    pub lock_for: TimeDelta,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            max_failures: 5,
            window: TimeDelta::minutes(15),
            lock_for: TimeDelta::minutes(15),
        }
    }
}

impl LockoutPolicy {
    /// Until when the account is locked, given the times of its failed sign-ins since its last
    /// successful one (tries refused during a lockout are not failures: they do not extend it).
    pub fn locked_until(
        &self,
        failures: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if self.max_failures == 0 || failures.len() < self.max_failures {
            return None;
        }
        let mut recent = failures.to_vec();
        recent.sort_unstable();
        let last = recent.len() - 1;
        // Any run of `max_failures` failures within the window locks; the newest run decides.
        let first_of_run = recent[last + 1 - self.max_failures];
        let until = recent[last] + self.lock_for;
        (recent[last] - first_of_run <= self.window && now < until).then_some(until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_account_refusal_has_a_khmer_wording() {
        let until = "2026-11-25T10:15:00Z".parse().unwrap();
        let all = [
            AccountError::InvalidLogin,
            AccountError::PasswordTooShort { min: 10 },
            AccountError::PasswordTooLong { max: 200 },
            AccountError::UnknownRole("chief".into()),
            AccountError::DirectorWithoutRci,
            AccountError::RciWithoutDirector,
            AccountError::AssignmentsWithoutAdviser,
            AccountError::LoginTaken("sokha".into()),
            AccountError::WrongCredentials,
            AccountError::LockedOut { until },
            AccountError::Disabled,
            AccountError::LastAdmin,
        ];
        for e in all {
            let km = e.khmer();
            assert!(
                km.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)),
                "{e}"
            );
            for figure in ["10", "200", "chief", "sokha", "10:15:00"] {
                assert_eq!(
                    e.to_string().contains(figure),
                    km.contains(figure),
                    "{e} / {km}"
                );
            }
        }
    }

    fn actor(role: Role, rci: Option<i64>, assigned: &[i64]) -> Actor {
        Actor {
            user_id: 1,
            role,
            rci_id: rci,
            assigned_rcis: assigned.to_vec(),
        }
    }

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap() + TimeDelta::minutes(minutes)
    }

    #[test]
    fn roles_round_trip_through_their_keys() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.key()), Ok(role));
        }
        assert_eq!(
            Role::parse("owner"),
            Err(AccountError::UnknownRole("owner".into()))
        );
    }

    #[test]
    fn logins_are_normalised_and_restricted() {
        assert_eq!(Login::parse(" Sokha.M ").unwrap().as_str(), "sokha.m");
        for bad in ["", "ab", "has space", "ស្រី", "a/b", &"x".repeat(41)] {
            assert_eq!(Login::parse(bad), Err(AccountError::InvalidLogin), "{bad}");
        }
    }

    #[test]
    fn passwords_need_length_and_never_print() {
        assert_eq!(
            Password::parse("short"),
            Err(AccountError::PasswordTooShort { min: 10 })
        );
        assert!(Password::parse(&"p".repeat(201)).is_err());
        let p = Password::parse("correct horse").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
    }

    #[test]
    fn scope_must_fit_the_role() {
        assert_eq!(
            check_scope(Role::Director, None, vec![]),
            Err(AccountError::DirectorWithoutRci)
        );
        assert_eq!(
            check_scope(Role::Viewer, Some(3), vec![]),
            Err(AccountError::RciWithoutDirector)
        );
        assert_eq!(
            check_scope(Role::Admin, None, vec![2]),
            Err(AccountError::AssignmentsWithoutAdviser)
        );
        assert_eq!(
            check_scope(Role::Adviser, None, vec![4, 2, 4]),
            Ok(vec![2, 4])
        );
        assert_eq!(check_scope(Role::Director, Some(3), vec![]), Ok(vec![]));
    }

    #[test]
    fn directors_read_only_their_own_rci_and_edit_nothing() {
        let d = actor(Role::Director, Some(3), &[]);
        assert!(d.can_read_rci(3));
        assert!(!d.can_read_rci(4));
        assert!(!d.can_edit_rci(3));
        assert!(!d.can_compare_partners());
        assert!(!d.can_manage_users());
        assert!(!d.can_edit_anything());
    }

    #[test]
    fn advisers_edit_only_assigned_rcis_but_read_all() {
        let a = actor(Role::Adviser, None, &[2, 3]);
        assert!(a.can_read_rci(7));
        assert!(a.can_edit_rci(3));
        assert!(!a.can_edit_rci(7));
        assert!(a.can_edit_anything());
        assert!(!a.can_manage_users());
    }

    #[test]
    fn viewers_read_everything_and_admins_do_everything() {
        let v = actor(Role::Viewer, None, &[]);
        assert!(v.can_read_rci(5) && !v.can_edit_rci(5) && v.can_compare_partners());
        assert!(!v.can_edit_anything());
        let a = actor(Role::Admin, None, &[]);
        assert!(a.can_read_rci(5) && a.can_edit_rci(5) && a.can_manage_users());
    }

    #[test]
    fn sessions_expire_when_idle_or_old_and_renew_sparingly() {
        let p = SessionPolicy::default();
        assert_eq!(
            p.check(at(0), at(0), at(0)),
            SessionCheck::Valid { renew: false }
        );
        assert_eq!(
            p.check(at(0), at(0), at(5)),
            SessionCheck::Valid { renew: true }
        );
        assert_eq!(p.check(at(0), at(0), at(8 * 60)), SessionCheck::Expired);
        let week = 7 * 24 * 60;
        assert_eq!(
            p.check(at(0), at(week - 1), at(week)),
            SessionCheck::Expired
        );
    }

    #[test]
    fn five_failures_in_fifteen_minutes_lock_the_account() {
        let p = LockoutPolicy::default();
        let four: Vec<_> = (0..4).map(at).collect();
        assert_eq!(p.locked_until(&four, at(4)), None);
        let five: Vec<_> = (0..5).map(at).collect();
        assert_eq!(p.locked_until(&five, at(5)), Some(at(4 + 15)));
        // The lock lifts by itself.
        assert_eq!(p.locked_until(&five, at(19)), None);
        // Five failures spread over more than the window do not lock.
        let slow: Vec<_> = (0..5).map(|i| at(i * 4)).collect();
        assert_eq!(p.locked_until(&slow, at(17)), None);
    }

    proptest! {
        /// Whatever the pattern of failures, a lock never lasts past `lock_for` after the last
        /// failure, and fewer failures than the limit never lock.
        #[test]
        fn lockout_is_bounded(mut mins in proptest::collection::vec(0i64..200, 0..12), now in 0i64..260) {
            let p = LockoutPolicy::default();
            mins.sort_unstable();
            let failures: Vec<_> = mins.iter().copied().map(at).collect();
            if let Some(until) = p.locked_until(&failures, at(now)) {
                prop_assert!(failures.len() >= p.max_failures);
                prop_assert!(until == *failures.last().unwrap() + p.lock_for);
                prop_assert!(at(now) < until);
            }
        }

        /// Roles only ever widen from director to adviser/viewer to admin.
        #[test]
        fn editing_implies_reading(rci in 1i64..10, own in 1i64..10, assigned in proptest::collection::vec(1i64..10, 0..4)) {
            for role in Role::ALL {
                let a = actor(role, (role == Role::Director).then_some(own), if role == Role::Adviser { &assigned } else { &[] });
                if a.can_edit_rci(rci) {
                    prop_assert!(a.can_read_rci(rci));
                }
            }
        }
    }
}
