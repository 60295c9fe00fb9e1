-- An RCI's standing under Sub-decree 119: its agreements (MoU) with MoSVY or the provincial
-- DoSVY, the inspections that check it, and the notice given when it closes or becomes a
-- community service. Flags are computed from them, never stored. The history's kinds of record
-- gain "regulation" (SQLite changes that list only by rebuilding the table).
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    with_authority TEXT NOT NULL CHECK (with_authority IN ('mosvy', 'dosvy')),
    signed_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CHECK (expires_on > signed_on)
);
CREATE INDEX agreements_rci ON agreements (rci_id);
CREATE TABLE inspections (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    inspected_on TEXT NOT NULL,
    inspected_by TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('satisfactory', 'improvements_required', 'serious_concerns')),
    follow_up_due TEXT,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX inspections_rci ON inspections (rci_id, inspected_on);
CREATE TABLE closures (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    noticed_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('closed', 'community_service')),
    recorded_by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX closures_rci ON closures (rci_id);

CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up',
                                           'placement', 'staff', 'asset', 'funding', 'target',
                                           'regulation', 'programme', 'tour', 'training', 'user',
                                           'password', 'template_step')),
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
