-- A form the server refused, as it was typed (passwords never), so that the page showing the
-- refusal can show the typed values again, even without JavaScript and from another server on
-- the same database. Kept an hour, a few per user; not in backups.
CREATE TABLE form_drafts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    endpoint TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX form_drafts_user ON form_drafts (user_id, id);
