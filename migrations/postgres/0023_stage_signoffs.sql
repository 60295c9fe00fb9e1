-- Stage sign-off: a stage counts as finished only once an admin has signed it off. One row per
-- RCI and stage holds the last step taken (asked for, returned with a note, approved); the
-- history keeps every step, as a new kind of record.
CREATE TABLE stage_signoffs (
    rci_id BIGINT NOT NULL REFERENCES rcis (id),
    stage TEXT NOT NULL CHECK (stage IN ('assessment', 'family_tracing', 'preparation',
        'reintegration', 'community_programmes')),
    kind TEXT NOT NULL CHECK (kind IN ('requested', 'returned', 'approved')),
    signed_on TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    note TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
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

ALTER TABLE history DROP CONSTRAINT history_entity_check;
ALTER TABLE history ADD CONSTRAINT history_entity_check
    CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up', 'placement', 'staff',
                      'asset', 'funding', 'target', 'regulation', 'readiness', 'programme',
                      'tour', 'training', 'user', 'password', 'template_step', 'indicator',
                      'sign_off'));
