-- The organisation edits its checklist template: a step can be retired (new RCIs no longer get
-- it; RCIs that have it keep it), and each step has a version so two admins never silently
-- overwrite each other. Template changes are recorded in the history.
ALTER TABLE checklist_templates ADD COLUMN retired BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE checklist_templates ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE history DROP CONSTRAINT history_entity_check;
ALTER TABLE history ADD CONSTRAINT history_entity_check
    CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up', 'programme', 'tour',
                      'training', 'user', 'password', 'template_step'));
