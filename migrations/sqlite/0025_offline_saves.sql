-- The ids of saves a phone made without a signal and sent later: each is taken once, so a save
-- sent again (a reply lost on the way, a reload, two tabs) is refused instead of made twice.
-- Recorded in the same transaction as the save itself. Kept in backups: a restored database
-- still knows which saves it has taken.
CREATE TABLE offline_saves (
    save_id TEXT PRIMARY KEY,
    saved_at TEXT NOT NULL
);
