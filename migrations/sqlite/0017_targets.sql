-- Targets the organisation sets, each for one RCI or for every partner of a province: a goal
-- (a share of the baseline in family placements, a stage finished, residential care closed)
-- and the day it is due. How each stands is computed, never stored. The history's kinds of
-- record gain "target" (SQLite changes that list only by rebuilding the table).
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER REFERENCES rcis (id),
    province TEXT,
    goal TEXT NOT NULL CHECK (goal IN ('family_placements', 'stage_finished', 'care_closed')),
    percent INTEGER CHECK (percent IS NULL OR (percent >= 1 AND percent <= 100)),
    stage TEXT,
    due_on TEXT NOT NULL,
    set_on TEXT NOT NULL,
    set_by TEXT,
    CHECK ((rci_id IS NULL) <> (province IS NULL))
);
CREATE INDEX targets_rci ON targets (rci_id);

CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up',
                                           'placement', 'staff', 'asset', 'funding', 'target',
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
