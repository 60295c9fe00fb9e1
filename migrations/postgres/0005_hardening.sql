-- Hardening (PostgreSQL; as the SQLite migration of the same number, which rebuilds tables where
-- PostgreSQL alters them): sign-in tries are first recorded as 'checking', and the history holds
-- every change, not only an RCI's own, with the user id of who made it.

ALTER TABLE login_attempts DROP CONSTRAINT login_attempts_outcome_check;
ALTER TABLE login_attempts ADD CONSTRAINT login_attempts_outcome_check
    CHECK (outcome IN ('checking', 'success', 'wrong_password', 'unknown_login', 'locked_out',
                       'disabled'));
CREATE INDEX login_attempts_at ON login_attempts (attempted_at);

ALTER TABLE history ALTER COLUMN rci_id DROP NOT NULL;
ALTER TABLE history ADD COLUMN user_id BIGINT REFERENCES users (id) DEFERRABLE;
ALTER TABLE history DROP CONSTRAINT history_entity_check;
ALTER TABLE history ADD CONSTRAINT history_entity_check
    CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up', 'programme', 'tour',
                      'training', 'user', 'password'));
CREATE INDEX history_change ON history (change_id);
CREATE INDEX history_user ON history (user_id, change_id);
