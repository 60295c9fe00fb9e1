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
