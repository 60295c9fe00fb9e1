-- Each user's uploaded spreadsheet waiting for its import to be confirmed (or the list of RCIs
-- it last imported), kept in the database so that a preview on one server can be confirmed on
-- another; half an hour at most, a few users' at once. Transient: left out of backups.
CREATE TABLE pending_imports (
    user_id BIGINT PRIMARY KEY REFERENCES users (id),
    content TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
