-- Tokens for the read-only API that dashboards use. Only a hash of each secret is kept (the admin
-- sees the secret once); revoked tokens stay listed, with when, and answer nothing. A token reads
-- every partner, or only the RCIs listed for it in api_token_rcis.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    all_partners INTEGER NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE TABLE api_token_rcis (
    token_id INTEGER NOT NULL REFERENCES api_tokens (id),
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    PRIMARY KEY (token_id, rci_id)
);

-- A one-time message is now of a kind (a one-time password, a token's secret), one of each per
-- user, so that one never shows on the other's page or replaces it. Transient: rebuilt empty.
DROP TABLE flashes;
CREATE TABLE flashes (
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('password', 'api_token')),
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- The history's kinds of record gain "api_token": who created a token, what it reads, who revoked
-- it (SQLite changes that list only by rebuilding).
CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up',
                                           'placement', 'staff', 'asset', 'funding', 'target',
                                           'regulation', 'readiness', 'programme', 'tour',
                                           'training', 'user', 'password', 'template_step',
                                           'indicator', 'sign_off', 'evidence_file',
                                           'api_token')),
    entity_id INTEGER NOT NULL,
    label TEXT NOT NULL,
    field TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value TEXT NOT NULL
);
INSERT INTO history_new (id, change_id, rci_id, changed_at, changed_by, user_id, entity, entity_id, label, field, before_value, after_value)
    SELECT id, change_id, rci_id, changed_at, changed_by, user_id, entity, entity_id, label, field, before_value, after_value FROM history;
DROP TABLE history;
ALTER TABLE history_new RENAME TO history;
CREATE INDEX history_rci ON history (rci_id, changed_at);
CREATE INDEX history_change ON history (change_id);
CREATE INDEX history_user ON history (user_id, change_id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
