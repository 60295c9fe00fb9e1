-- Evidence files attached to an RCI's records (a checklist step, an inspection, a follow-up
-- visit, or the RCI itself). Kept in the database, like every other record, so that any server
-- on it serves them and a backup holds them; the bytes as base64 text, one column type on both
-- databases that the backup's JSON lines carry as they are. Never changed once stored. The
-- history's kinds of record gain "evidence_file" (SQLite changes that list only by rebuilding).
CREATE TABLE evidence_files (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    attached_kind TEXT CHECK (attached_kind IN ('item', 'inspection', 'follow_up')),
    attached_id INTEGER,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
    size INTEGER NOT NULL,
    content TEXT NOT NULL,
    uploaded_on TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    CHECK ((attached_kind IS NULL) = (attached_id IS NULL))
);
CREATE INDEX evidence_files_rci ON evidence_files (rci_id);

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
                                           'indicator', 'sign_off', 'evidence_file')),
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
