-- Hardening: sign-in tries are counted and recorded before their password is checked, and every
-- change that is not an RCI's own (tours, trainings, programmes, accounts) has a history too.

-- A try is first recorded as 'checking' (it counts as a failure until its check ends), so tries
-- sent in parallel see each other. SQLite cannot change a CHECK constraint: rebuild the table.
CREATE TABLE login_attempts_new (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    attempted_at TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL
        CHECK (outcome IN ('checking', 'success', 'wrong_password', 'unknown_login', 'locked_out',
                           'disabled')),
    remote TEXT NOT NULL DEFAULT ''
);
INSERT INTO login_attempts_new (id, login, user_id, attempted_at, outcome, remote)
    SELECT id, login, user_id, attempted_at, outcome, remote FROM login_attempts;
DROP TABLE login_attempts;
ALTER TABLE login_attempts_new RENAME TO login_attempts;
CREATE INDEX login_attempts_login ON login_attempts (login, attempted_at);
-- Old tries are pruned by age.
CREATE INDEX login_attempts_at ON login_attempts (attempted_at);

-- The history now holds every change, not only an RCI's own: tours and trainings (which belong to
-- no single RCI, so rci_id may be empty), programmes, accounts and password resets; and who made
-- each change by user id (empty for Homeward itself: demo data, the command line) beside the
-- name shown. Rebuilt because SQLite cannot relax a NOT NULL or CHECK constraint; dropping the
-- old table fires none of its triggers, and the new one gets the same append-only triggers.
CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TIMESTAMP NOT NULL,
    changed_by TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    entity TEXT NOT NULL CHECK (entity IN ('profile', 'checklist_item', 'counts', 'follow_up',
                                           'programme', 'tour', 'training', 'user', 'password')),
    entity_id INTEGER NOT NULL,
    label TEXT NOT NULL,
    field TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value TEXT NOT NULL
);
INSERT INTO history_new (id, change_id, rci_id, changed_at, changed_by, user_id, entity,
                         entity_id, label, field, before_value, after_value)
    SELECT h.id, h.change_id, h.rci_id, h.changed_at, h.changed_by,
           (SELECT u.id FROM users u WHERE u.display_name = h.changed_by ORDER BY u.id LIMIT 1),
           h.entity, h.entity_id, h.label, h.field, h.before_value, h.after_value
    FROM history h;
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
