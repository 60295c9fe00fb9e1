-- A message for one user's next page (a one-time password an admin just created), kept in the
-- database so that whichever server answers that page can show it: once, ten minutes at most.
-- Transient: left out of backups.
CREATE TABLE flashes (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
