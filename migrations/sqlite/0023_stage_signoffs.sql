-- Stage sign-off: a stage counts as finished only once an admin has signed it off. One row per
-- RCI and stage holds the last step taken (asked for, returned with a note, approved); the
-- history keeps every step, as a new kind of record (SQLite changes that list only by rebuilding
-- the table).
CREATE TABLE stage_signoffs (
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    stage TEXT NOT NULL CHECK (stage IN ('assessment', 'family_tracing', 'preparation',
        'reintegration', 'community_programmes')),
    kind TEXT NOT NULL CHECK (kind IN ('requested', 'returned', 'approved')),
    signed_on TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    note TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (rci_id, stage)
);
-- Stages finished before sign-off existed were finished on the adviser's word: they stay
-- finished, signed off by Homeward on the day their last step was done, so no RCI moves back.
INSERT INTO stage_signoffs (rci_id, stage, kind, signed_on, signed_by, note)
SELECT r.id, s.stage, 'approved',
    COALESCE((SELECT MAX(i.done_on) FROM checklist_items i
              WHERE i.rci_id = r.id AND i.track = s.stage AND i.hidden = FALSE),
             r.transition_start),
    'Homeward', ''
FROM rcis r
CROSS JOIN (SELECT 'assessment' AS stage UNION ALL SELECT 'family_tracing'
    UNION ALL SELECT 'preparation' UNION ALL SELECT 'reintegration'
    UNION ALL SELECT 'community_programmes') s
WHERE NOT EXISTS (SELECT 1 FROM checklist_items i
    WHERE i.rci_id = r.id AND i.track = s.stage AND i.hidden = FALSE
      AND i.status NOT IN ('done', 'not_applicable'));
-- Summaries now carry sign-offs: computed again on the next read.
DELETE FROM rci_summaries;

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
                                           'indicator', 'sign_off')),
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
