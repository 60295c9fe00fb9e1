-- Readiness: the organisation's list of indicators (positive signs and risks about an RCI's
-- director, principal donor, their relationship and the organisation), each versioned so two
-- admins never silently overwrite each other, and the assessments advisers record: one answer
-- per indicator asked, kept against the indicator's key, and the level the answers gave on the
-- day. The history's kinds of record gain "readiness" and "indicator" (SQLite changes that list
-- only by rebuilding the table).
CREATE TABLE readiness_indicators (
    id INTEGER PRIMARY KEY,
    indicator_key TEXT NOT NULL UNIQUE,
    about TEXT NOT NULL CHECK (about IN ('director', 'donor', 'relationship', 'organisation')),
    polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'risk')),
    title_en TEXT NOT NULL,
    title_km TEXT NOT NULL,
    guidance_en TEXT NOT NULL,
    guidance_km TEXT NOT NULL,
    position INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE readiness_assessments (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    assessed_on TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('favourable', 'mixed', 'high_risk')),
    recorded_by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX readiness_assessments_rci ON readiness_assessments (rci_id, assessed_on);
CREATE TABLE readiness_answers (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES readiness_assessments (id),
    indicator_key TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('present', 'absent', 'unknown')),
    note TEXT NOT NULL,
    UNIQUE (assessment_id, indicator_key)
);

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
                                           'indicator')),
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
