//! Accounts against a real SQLite file: hashing, lockout, sessions, the last admin, demo accounts.

use chrono::{DateTime, TimeDelta, Utc};
use homeward_core::accounts::{AccountError, Login, NewUser, Password, Role, SessionPolicy};
use homeward_core::history::Editor;
use homeward_core::{Lang, Name, RciProfile};
use homeward_store::db::{scratch, Instant};
use homeward_store::{demo, Store, StoreError};

fn system() -> Editor {
    Editor::system()
}

async fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "homeward", None).await.unwrap())
        .await
        .unwrap();
    (dir, store)
}

fn login(s: &str) -> Login {
    Login::parse(s).unwrap()
}

fn password(s: &str) -> Password {
    Password::parse(s).unwrap()
}

async fn add(store: &Store, name: &str, role: Role, rci: Option<i64>, pw: &str) -> i64 {
    let new = NewUser::new(
        login(name),
        Name::parse(name).unwrap(),
        role,
        rci,
        vec![],
        Lang::En,
    )
    .unwrap();
    store
        .create_user(&new, &password(pw), false, &system())
        .await
        .unwrap()
}

async fn rci(store: &Store) -> i64 {
    let profile =
        RciProfile::parse("Test Home", "", "Pursat", "Krakor", Utc::now().date_naive()).unwrap();
    store
        .create_rci(&profile, &store.template().await.unwrap())
        .await
        .unwrap()
}

/// Everything a refused write must leave as it was.
async fn snapshot(store: &Store) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT login || '|' || role || '|' || COALESCE(CAST(rci_id AS TEXT), '') || '|' || active || '|' || \
         version || '|' || password_hash FROM users ORDER BY id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap()
}

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

#[tokio::test]
async fn passwords_are_stored_as_salted_argon2id_hashes() {
    let (_dir, store) = open().await;
    add(&store, "sokha", Role::Viewer, None, "same password 1").await;
    add(&store, "dara", Role::Viewer, None, "same password 1").await;
    let hashes: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM users ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    for h in &hashes {
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains("same password 1"));
    }
    assert_ne!(hashes[0], hashes[1], "each hash has its own salt");
}

#[tokio::test]
async fn a_password_someone_else_has_seen_must_be_changed() {
    let (_dir, store) = open().await;
    let new = NewUser::new(
        login("sokha"),
        Name::parse("Sokha").unwrap(),
        Role::Viewer,
        None,
        vec![],
        Lang::Km,
    )
    .unwrap();
    let id = store
        .create_user(&new, &store.one_time_password(), true, &system())
        .await
        .unwrap();
    let user = store.user(id).await.unwrap().value;
    assert!(user.must_change_password);
    assert_eq!(user.language, Lang::Km);
}

#[tokio::test]
async fn sign_in_checks_the_password_and_records_every_try() {
    let (_dir, store) = open().await;
    let id = add(&store, "sokha", Role::Admin, None, "a good password").await;
    let actor = store
        .verify_login(&login("sokha"), "a good password", t0(), "10.0.0.1")
        .await
        .unwrap();
    assert_eq!((actor.user_id, actor.role), (id, Role::Admin));
    let wrong = store
        .verify_login(&login("sokha"), "not the password", t0(), "10.0.0.1")
        .await;
    assert!(matches!(
        wrong,
        Err(StoreError::Account(AccountError::WrongCredentials))
    ));
    let unknown = store
        .verify_login(&login("nobody"), "a good password", t0(), "10.0.0.2")
        .await;
    assert!(matches!(
        unknown,
        Err(StoreError::Account(AccountError::WrongCredentials))
    ));
    let history = store.login_history(10).await.unwrap();
    let outcomes: Vec<_> = history.iter().map(|a| a.outcome.as_str()).collect();
    assert_eq!(outcomes, ["unknown_login", "wrong_password", "success"]);
    assert_eq!(history[0].remote, "10.0.0.2");
}

#[tokio::test]
async fn five_failures_lock_the_account_for_a_while() {
    let (_dir, store) = open().await;
    add(&store, "sokha", Role::Viewer, None, "a good password").await;
    for i in 0..5 {
        let r = store
            .verify_login(&login("sokha"), "guess", t0() + TimeDelta::minutes(i), "")
            .await;
        assert!(matches!(
            r,
            Err(StoreError::Account(AccountError::WrongCredentials))
        ));
    }
    // Even the right password is refused now, with a time the user can wait for.
    let locked = store
        .verify_login(
            &login("sokha"),
            "a good password",
            t0() + TimeDelta::minutes(5),
            "",
        )
        .await;
    match locked {
        Err(StoreError::Account(AccountError::LockedOut { until })) => {
            assert_eq!(until, t0() + TimeDelta::minutes(4 + 15))
        }
        other => panic!("expected a lockout, got {other:?}"),
    }
    // Tries during the lockout do not extend it.
    let later = t0() + TimeDelta::minutes(20);
    store
        .verify_login(&login("sokha"), "a good password", later, "")
        .await
        .expect("the lock lifts by itself");
    let outcomes: Vec<String> =
        sqlx::query_scalar("SELECT outcome FROM login_attempts WHERE outcome = 'locked_out'")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(outcomes.len(), 1);
}

/// Tries sent in parallel must each see the ones before them: count-and-record is one write.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_wrong_passwords_get_five_password_checks() {
    let (_dir, store) = open().await;
    add(&store, "sokha", Role::Viewer, None, "a good password").await;
    let tries = (0..30).map(|_| {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .verify_login(&login("sokha"), "a wrong guess", Utc::now(), "10.0.0.9")
                .await
        })
    });
    let mut locked = 0;
    for t in tries {
        match t.await.unwrap() {
            Err(StoreError::Account(AccountError::LockedOut { .. })) => locked += 1,
            Err(StoreError::Account(AccountError::WrongCredentials)) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    let checked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE outcome = 'wrong_password'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(checked, 5, "only five guesses were checked");
    assert_eq!(locked, 25);
}

#[tokio::test]
async fn wrong_current_passwords_count_toward_the_same_lockout() {
    let (_dir, store) = open().await;
    let id = add(&store, "sokha", Role::Viewer, None, "a good password").await;
    for _ in 0..5 {
        let r = store
            .change_own_password(id, "a guess", &password("a new password"), Utc::now(), "")
            .await;
        assert!(matches!(
            r,
            Err(StoreError::Account(AccountError::WrongCredentials))
        ));
    }
    let r = store
        .change_own_password(
            id,
            "a good password",
            &password("a new password"),
            Utc::now(),
            "",
        )
        .await;
    assert!(
        matches!(r, Err(StoreError::Account(AccountError::LockedOut { .. }))),
        "{r:?}"
    );
    let r = store
        .verify_login(&login("sokha"), "a good password", Utc::now(), "")
        .await;
    assert!(
        matches!(r, Err(StoreError::Account(AccountError::LockedOut { .. }))),
        "signing in is locked too: {r:?}"
    );
}

#[tokio::test]
async fn old_sign_in_tries_are_pruned() {
    let (_dir, store) = open().await;
    add(&store, "sokha", Role::Viewer, None, "a good password").await;
    let long_ago = t0() - TimeDelta::days(91);
    store
        .verify_login(&login("sokha"), "a guess", long_ago, "")
        .await
        .unwrap_err();
    store
        .verify_login(&login("sokha"), "a good password", t0(), "")
        .await
        .unwrap();
    let left: Vec<Instant> = sqlx::query_scalar("SELECT attempted_at FROM login_attempts")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(left, [Instant(t0())], "the try from 91 days before is gone");
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_its_sessions_end() {
    let (_dir, store) = open().await;
    add(&store, "boss", Role::Admin, None, "a good password").await;
    let id = add(&store, "sokha", Role::Viewer, None, "a good password").await;
    let token = store.create_session(id, Utc::now()).await.unwrap();
    store.set_active(id, false, &system()).await.unwrap();
    let policy = SessionPolicy::default();
    assert!(store
        .session_user(&token, &policy, Utc::now())
        .await
        .unwrap()
        .is_none());
    let r = store
        .verify_login(&login("sokha"), "a good password", Utc::now(), "")
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Account(AccountError::Disabled))
    ));
    // Without the password, a disabled account looks like any wrong guess.
    let r = store
        .verify_login(&login("sokha"), "wrong password", Utc::now(), "")
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Account(AccountError::WrongCredentials))
    ));
}

#[tokio::test]
async fn sessions_expire_renew_and_end_on_logout() {
    let (_dir, store) = open().await;
    let id = add(&store, "sokha", Role::Viewer, None, "a good password").await;
    let policy = SessionPolicy::default();
    let token = store.create_session(id, t0()).await.unwrap();
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_ne!(stored, token, "only the token's hash is stored");

    // Used every seven hours, the session stays alive past the eight-hour idle limit...
    for h in [7, 14, 21] {
        let found = store
            .session_user(&token, &policy, t0() + TimeDelta::hours(h))
            .await
            .unwrap();
        assert_eq!(found.map(|(a, _)| a.user_id), Some(id), "hour {h}");
    }
    // ...but not past eight idle hours,
    assert!(store
        .session_user(&token, &policy, t0() + TimeDelta::hours(30))
        .await
        .unwrap()
        .is_none());
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "an expired session is deleted");

    // ...nor past the absolute limit, however active.
    let token = store.create_session(id, t0()).await.unwrap();
    let mut hour = 0;
    while hour < 7 * 24 - 6 {
        hour += 6;
        assert!(store
            .session_user(&token, &policy, t0() + TimeDelta::hours(hour))
            .await
            .unwrap()
            .is_some());
    }
    assert!(store
        .session_user(&token, &policy, t0() + TimeDelta::hours(7 * 24))
        .await
        .unwrap()
        .is_none());

    // Logging out ends the session at once.
    let token = store.create_session(id, Utc::now()).await.unwrap();
    store.delete_session(&token).await.unwrap();
    assert!(store
        .session_user(&token, &policy, Utc::now())
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn the_last_active_admin_stays() {
    let (_dir, store) = open().await;
    let admin = add(&store, "boss", Role::Admin, None, "a good password").await;
    let before = snapshot(&store).await;
    let r = store.set_active(admin, false, &system()).await;
    assert!(matches!(
        r,
        Err(StoreError::Account(AccountError::LastAdmin))
    ));
    let version = store.user(admin).await.unwrap().version;
    let r = store
        .update_user(admin, version, Role::Viewer, None, vec![], &system())
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Account(AccountError::LastAdmin))
    ));
    assert_eq!(
        snapshot(&store).await,
        before,
        "refused changes change nothing"
    );

    add(&store, "second", Role::Admin, None, "a good password").await;
    store.set_active(admin, false, &system()).await.unwrap();
    assert_eq!(store.count_active_admins().await.unwrap(), 1);
}

#[tokio::test]
async fn bad_user_changes_are_refused_and_change_nothing() {
    let (_dir, store) = open().await;
    let home = rci(&store).await;
    add(&store, "boss", Role::Admin, None, "a good password").await;
    let director = add(&store, "dir", Role::Director, Some(home), "a good password").await;
    let before = snapshot(&store).await;

    let taken = NewUser::new(
        login("dir"),
        Name::parse("Other").unwrap(),
        Role::Viewer,
        None,
        vec![],
        Lang::En,
    )
    .unwrap();
    let r = store
        .create_user(&taken, &password("a good password"), false, &system())
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Account(AccountError::LoginTaken(_)))
    ));

    let unknown_rci = NewUser::new(
        login("ghost"),
        Name::parse("Ghost").unwrap(),
        Role::Director,
        Some(home + 100),
        vec![],
        Lang::En,
    )
    .unwrap();
    let r = store
        .create_user(&unknown_rci, &password("a good password"), false, &system())
        .await;
    assert!(matches!(r, Err(StoreError::Invalid(m)) if m.en.contains("unknown RCI")));

    let version = store.user(director).await.unwrap().version;
    let r = store
        .update_user(director, version - 1, Role::Viewer, None, vec![], &system())
        .await;
    assert!(
        matches!(r, Err(StoreError::Conflict { current_version }) if current_version == version)
    );
    let r = store
        .update_user(director, version, Role::Director, None, vec![], &system())
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Account(AccountError::DirectorWithoutRci))
    ));
    let r = store
        .update_user(
            director,
            version,
            Role::Adviser,
            None,
            vec![home + 100],
            &system(),
        )
        .await;
    assert!(matches!(r, Err(StoreError::Invalid(_))));
    assert!(matches!(
        store.set_active(9999, false, &system()).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(snapshot(&store).await, before);

    store
        .update_user(
            director,
            version,
            Role::Adviser,
            None,
            vec![home],
            &system(),
        )
        .await
        .unwrap();
    let user = store.user(director).await.unwrap();
    assert_eq!(
        (user.value.role, user.value.rci_id, user.value.assigned_rcis),
        (Role::Adviser, None, vec![home])
    );
}

#[tokio::test]
async fn a_reset_password_must_be_changed_and_ends_sessions() {
    let (_dir, store) = open().await;
    let id = add(&store, "sokha", Role::Viewer, None, "a good password").await;
    let token = store.create_session(id, Utc::now()).await.unwrap();
    let one_time = store.one_time_password();
    assert_eq!(one_time.as_str().len(), 16);
    store
        .set_password(id, &one_time, true, &system())
        .await
        .unwrap();
    let policy = SessionPolicy::default();
    assert!(store
        .session_user(&token, &policy, Utc::now())
        .await
        .unwrap()
        .is_none());
    assert!(store.user(id).await.unwrap().value.must_change_password);
    store
        .verify_login(&login("sokha"), one_time.as_str(), Utc::now(), "")
        .await
        .unwrap();
    let r = store
        .change_own_password(id, "not it", &password("my own secret"), Utc::now(), "")
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Account(AccountError::WrongCredentials))
    ));
    store
        .change_own_password(
            id,
            one_time.as_str(),
            &password("my own secret"),
            Utc::now(),
            "",
        )
        .await
        .unwrap();
    assert!(!store.user(id).await.unwrap().value.must_change_password);
    store
        .verify_login(&login("sokha"), "my own secret", Utc::now(), "")
        .await
        .unwrap();
}

#[tokio::test]
async fn demo_data_has_an_account_of_each_role_and_every_partner_a_lead_adviser() {
    let (_dir, store) = open().await;
    demo::load(&store, Utc::now().date_naive()).await.unwrap();
    let users = store.users().await.unwrap();
    let mut roles: Vec<Role> = users.iter().map(|u| u.value.role).collect();
    roles.sort_by_key(|r| r.key());
    assert_eq!(
        roles,
        [
            Role::Admin,
            Role::Adviser,
            Role::Adviser,
            Role::Adviser,
            Role::Director,
            Role::Viewer
        ]
    );
    // Every partner has a lead adviser, who may edit it: the one assigned to it.
    for rci in store.rcis().await.unwrap() {
        let lead = rci.value.adviser_id.expect("a lead adviser");
        let lead = users.iter().find(|u| u.id == lead).unwrap();
        assert_eq!(lead.value.role, Role::Adviser);
        assert!(lead.value.assigned_rcis.contains(&rci.id), "{}", rci.id);
    }
    let director = store
        .verify_login(&login("demo.director"), demo::DEMO_PASSWORD, Utc::now(), "")
        .await
        .unwrap();
    let rcis = store.rcis().await.unwrap();
    let own = rcis.iter().find(|r| Some(r.id) == director.rci_id).unwrap();
    assert_eq!(own.value.name_en.as_str(), "Little Lotus Home");
    let adviser = store
        .user_by_login(&login("demo.adviser"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(adviser.value.assigned_rcis.len(), 3);
    assert!(adviser.value.assigned_rcis.contains(&own.id));
}

/// Demo accounts share a public password: they must never land beside real users.
#[tokio::test]
async fn demo_data_goes_only_into_an_empty_database() {
    let (_dir, store) = open().await;
    add(&store, "real.admin", Role::Admin, None, "a real password").await;
    let today = Utc::now().date_naive();
    assert_eq!(demo::load_if_empty(&store, today).await.unwrap(), 0);
    let err = demo::load(&store, today).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(store.users().await.unwrap().len(), 1);
    assert_eq!(store.rci_count().await.unwrap(), 0);
}

#[tokio::test]
async fn api_tokens_keep_only_a_hash_and_stop_when_revoked() {
    use homeward_core::api_tokens::{NewToken, TokenScope};
    let (_dir, store) = open().await;
    let admin = add(&store, "admin", Role::Admin, None, "correct horse battery").await;
    let admin = &Editor::user(admin, Name::parse("admin").unwrap());
    let (home, other) = (rci(&store).await, rci(&store).await);
    let now = Utc::now();
    let token = |name: &str, scope| NewToken {
        name: Name::parse(name).unwrap(),
        scope,
    };
    let (all_id, all) = store
        .create_api_token(&token("Board", TokenScope::AllPartners), admin, now)
        .await
        .unwrap();
    let listed = TokenScope::Rcis([home].into());
    let (one_id, one) = store
        .create_api_token(&token("Donor", listed.clone()), admin, now)
        .await
        .unwrap();
    assert!(all.starts_with("hw_") && all.len() == 67 && all != one);
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM api_tokens")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert!(stored
        .iter()
        .all(|h| !h.contains(&all[3..]) && !h.contains(&one[3..])));

    // An RCI that does not exist refuses the whole token.
    let before = store.api_tokens().await.unwrap();
    let refused = store
        .create_api_token(
            &token("Ghost", TokenScope::Rcis([home, 999].into())),
            admin,
            now,
        )
        .await;
    assert!(matches!(refused, Err(StoreError::Field(f)) if f.field == "rcis"));
    assert_eq!(store.api_tokens().await.unwrap(), before);

    // Found by the secret; its use is written, then not again within the minute.
    assert_eq!(
        store.api_token_scope(&one, now).await.unwrap(),
        Some((one_id, listed.clone()))
    );
    let used = |store: Store| async move {
        store
            .api_tokens()
            .await
            .unwrap()
            .into_iter()
            .map(|t| (t.id, t.value.last_used_at))
            .collect::<Vec<_>>()
    };
    store
        .api_token_scope(&one, now + TimeDelta::seconds(30))
        .await
        .unwrap();
    assert_eq!(
        used(store.clone()).await,
        vec![(one_id, Some(now)), (all_id, None)]
    );
    let later = now + TimeDelta::minutes(2);
    store.api_token_scope(&one, later).await.unwrap();
    assert_eq!(used(store.clone()).await[0], (one_id, Some(later)));
    assert_eq!(
        store.api_token_scope("hw_nothing", now).await.unwrap(),
        None
    );

    // Revoked: it answers nothing, the other still does, and the list says when.
    store.revoke_api_token(one_id, admin, later).await.unwrap();
    store
        .revoke_api_token(one_id, admin, later + TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(store.api_token_scope(&one, later).await.unwrap(), None);
    assert_eq!(
        store.api_token_scope(&all, later).await.unwrap(),
        Some((all_id, TokenScope::AllPartners))
    );
    let tokens = store.api_tokens().await.unwrap();
    assert_eq!(tokens[0].value.revoked_at, Some(later));
    assert_eq!(tokens[0].value.created_by.as_str(), "admin");
    assert_eq!(tokens[1].value.revoked_at, None);
    assert!(matches!(
        store.revoke_api_token(999, admin, later).await,
        Err(StoreError::NotFound)
    ));
    let _ = other;
}
