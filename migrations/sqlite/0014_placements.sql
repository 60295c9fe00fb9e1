-- Each reintegration followed on its own: a placement known by a case code (never a name), and
-- the follow-up visits that say how it is going. Both are in the history, whose list of kinds of
-- record gains "placement" (SQLite changes that list only by rebuilding the table).
CREATE TABLE placements (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    case_code TEXT NOT NULL,
    placed_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('birth_family', 'kinship_care', 'foster_care', 'independent_living', 'long_term_care')),
    children_total INTEGER NOT NULL CHECK (children_total >= 1),
    children_female INTEGER NOT NULL CHECK (children_female >= 0),
    age_band TEXT NOT NULL CHECK (age_band IN ('0_4', '5_11', '12_17', '18_plus')),
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CHECK (children_female <= children_total),
    UNIQUE (rci_id, case_code)
);
CREATE TABLE placement_visits (
    id INTEGER PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    visited_on TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('stable', 'at_risk', 'broke_down', 're_entered', 'closed')),
    recorded_by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX placement_visits_placement ON placement_visits (placement_id, visited_on);

CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up',
                                           'placement', 'programme', 'tour', 'training', 'user',
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
