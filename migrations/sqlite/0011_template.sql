-- The organisation edits its checklist template: a step can be retired (new RCIs no longer get
-- it; RCIs that have it keep it), and each step has a version so two admins never silently
-- overwrite each other. Template changes are recorded in the history, whose list of kinds of
-- record SQLite can only change by rebuilding the table.
ALTER TABLE checklist_templates ADD COLUMN retired INTEGER NOT NULL DEFAULT FALSE;
ALTER TABLE checklist_templates ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up',
                                           'programme', 'tour', 'training', 'user', 'password',
                                           'template_step')),
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
