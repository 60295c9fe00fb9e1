-- The full RCI profile, and the append-only change history of every RCI.

ALTER TABLE rcis ADD COLUMN commune TEXT;
ALTER TABLE rcis ADD COLUMN director_name TEXT;
ALTER TABLE rcis ADD COLUMN contact TEXT;
ALTER TABLE rcis ADD COLUMN mosvy_registration TEXT;
ALTER TABLE rcis ADD COLUMN mosvy_registered_on DATE;
ALTER TABLE rcis ADD COLUMN transition_target DATE;
-- The lead adviser (also given edit rights through adviser_assignments).
ALTER TABLE rcis ADD COLUMN adviser_id INTEGER REFERENCES users (id);


-- One row per changed field of one saved change; rows of one change share change_id.
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    changed_at TIMESTAMP NOT NULL,
    changed_by TEXT NOT NULL,
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up')),
    entity_id INTEGER NOT NULL,
    label TEXT NOT NULL,
    field TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value TEXT NOT NULL
);
CREATE INDEX history_rci ON history (rci_id, changed_at);

-- History is evidence: the database itself refuses to rewrite it.
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
