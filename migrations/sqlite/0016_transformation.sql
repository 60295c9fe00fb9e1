-- The organisation itself changing, as dated records of one RCI: staff retrained, redeployed
-- or who left (by sex), buildings and assets repurposed, and donors' money redirected to
-- family-based services (in dollars or riel, never converted). Each is in the history, whose
-- list of kinds of record gains "staff", "asset" and "funding" (SQLite changes that list only by rebuilding the table).
CREATE TABLE staff_changes (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    changed_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('retrained', 'redeployed', 'left')),
    staff_total INTEGER NOT NULL CHECK (staff_total >= 1),
    staff_female INTEGER NOT NULL CHECK (staff_female >= 0),
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CHECK (staff_female <= staff_total)
);
CREATE INDEX staff_changes_rci ON staff_changes (rci_id, changed_on);
CREATE TABLE asset_changes (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    changed_on TEXT NOT NULL,
    asset TEXT NOT NULL,
    now_used_as TEXT NOT NULL CHECK (now_used_as IN ('community_centre', 'day_care', 'transit_home',
        'school', 'office', 'returned_to_owner', 'sold', 'other')),
    recorded_by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX asset_changes_rci ON asset_changes (rci_id, changed_on);
CREATE TABLE funding_changes (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    changed_on TEXT NOT NULL,
    donor TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount >= 1 AND amount <= 1000000000000),
    currency TEXT NOT NULL CHECK (currency IN ('usd', 'khr')),
    from_use TEXT NOT NULL,
    to_use TEXT NOT NULL,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX funding_changes_rci ON funding_changes (rci_id, changed_on);

CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up',
                                           'placement', 'staff', 'asset', 'funding', 'programme',
                                           'tour', 'training', 'user', 'password', 'template_step')),
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
