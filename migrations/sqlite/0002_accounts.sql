-- Users, their roles and RCI scope, sessions, and the sign-in history.
-- Passwords are stored only as Argon2id hashes; session tokens only as SHA-256 hashes, so a copy
-- of the database lets nobody sign in.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'adviser', 'director', 'viewer')),
    -- A director's RCI; nobody else has one.
    rci_id INTEGER REFERENCES rcis (id),
    password_hash TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'km')),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((role = 'director') = (rci_id IS NOT NULL))
);

-- The RCIs an adviser may edit.
CREATE TABLE adviser_assignments (
    user_id INTEGER NOT NULL REFERENCES users (id),
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    PRIMARY KEY (user_id, rci_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every sign-in try, good or bad: the lockout rule reads it, and admins can audit it.
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    attempted_at TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL
        CHECK (outcome IN ('success', 'wrong_password', 'unknown_login', 'locked_out', 'disabled')),
    remote TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_attempts_login ON login_attempts (login, attempted_at);
