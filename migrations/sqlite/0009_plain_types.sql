-- Plain declared types: INTEGER for yes/no, TEXT for days and instants (what the columns have
-- always held: 0/1 and ISO text). The database layer reads SQLite and PostgreSQL through one
-- driver, which converts each column by its declared type and knows no BOOLEAN, DATE or
-- TIMESTAMP. Each table is rebuilt with its data, indexes and triggers; references are checked
-- when the migration commits.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE rcis_new (
    id INTEGER PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_km TEXT,
    province TEXT NOT NULL,
    district TEXT,
    transition_start TEXT NOT NULL,
    has_reintegration_plan INTEGER NOT NULL DEFAULT FALSE,
    has_reintegration_budget INTEGER NOT NULL DEFAULT FALSE,
    -- Bumped on every change, so a save from a stale page is refused.
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, commune TEXT, director_name TEXT, contact TEXT, mosvy_registration TEXT, mosvy_registered_on TEXT, transition_target TEXT, adviser_id INTEGER REFERENCES users (id));
INSERT INTO rcis_new (id, name_en, name_km, province, district, transition_start, has_reintegration_plan, has_reintegration_budget, version, created_at, updated_at, commune, director_name, contact, mosvy_registration, mosvy_registered_on, transition_target, adviser_id)
    SELECT id, name_en, name_km, province, district, transition_start, has_reintegration_plan, has_reintegration_budget, version, created_at, updated_at, commune, director_name, contact, mosvy_registration, mosvy_registered_on, transition_target, adviser_id FROM rcis;
DROP TABLE rcis;
ALTER TABLE rcis_new RENAME TO rcis;

CREATE TABLE checklist_items_new (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    item_key TEXT NOT NULL,
    track TEXT NOT NULL,
    position INTEGER NOT NULL,
    title_en TEXT NOT NULL,
    title_km TEXT NOT NULL,
    guidance_en TEXT NOT NULL,
    guidance_km TEXT NOT NULL,
    custom INTEGER NOT NULL DEFAULT FALSE,
    hidden INTEGER NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'done', 'not_applicable', 'blocked')),
    done_on TEXT,
    reason TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    responsible TEXT,
    updated_by TEXT,
    updated_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (rci_id, item_key),
    CHECK ((status = 'done') = (done_on IS NOT NULL))
);
INSERT INTO checklist_items_new (id, rci_id, item_key, track, position, title_en, title_km, guidance_en, guidance_km, custom, hidden, status, done_on, reason, evidence, responsible, updated_by, updated_at, version)
    SELECT id, rci_id, item_key, track, position, title_en, title_km, guidance_en, guidance_km, custom, hidden, status, done_on, reason, evidence, responsible, updated_by, updated_at, version FROM checklist_items;
DROP TABLE checklist_items;
ALTER TABLE checklist_items_new RENAME TO checklist_items;
CREATE INDEX checklist_items_rci ON checklist_items (rci_id, position);
CREATE INDEX checklist_items_updated ON checklist_items (rci_id, updated_at);

CREATE TABLE children_counts_new (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    as_of TEXT NOT NULL,
    baseline_total INTEGER NOT NULL,
    baseline_female INTEGER NOT NULL,
    admissions_total INTEGER NOT NULL,
    admissions_female INTEGER NOT NULL,
    assessed_total INTEGER NOT NULL,
    assessed_female INTEGER NOT NULL,
    traced_total INTEGER NOT NULL,
    traced_female INTEGER NOT NULL,
    prepared_total INTEGER NOT NULL,
    prepared_female INTEGER NOT NULL,
    birth_family_total INTEGER NOT NULL,
    birth_family_female INTEGER NOT NULL,
    kinship_care_total INTEGER NOT NULL,
    kinship_care_female INTEGER NOT NULL,
    foster_care_total INTEGER NOT NULL,
    foster_care_female INTEGER NOT NULL,
    independent_living_total INTEGER NOT NULL,
    independent_living_female INTEGER NOT NULL,
    long_term_care_total INTEGER NOT NULL,
    long_term_care_female INTEGER NOT NULL,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CHECK (baseline_female <= baseline_total),
    CHECK (admissions_female <= admissions_total),
    CHECK (assessed_female <= assessed_total),
    CHECK (traced_female <= traced_total),
    CHECK (prepared_female <= prepared_total),
    CHECK (birth_family_female <= birth_family_total),
    CHECK (kinship_care_female <= kinship_care_total),
    CHECK (foster_care_female <= foster_care_total),
    CHECK (independent_living_female <= independent_living_total),
    CHECK (long_term_care_female <= long_term_care_total)
);
INSERT INTO children_counts_new (id, rci_id, as_of, baseline_total, baseline_female, admissions_total, admissions_female, assessed_total, assessed_female, traced_total, traced_female, prepared_total, prepared_female, birth_family_total, birth_family_female, kinship_care_total, kinship_care_female, foster_care_total, foster_care_female, independent_living_total, independent_living_female, long_term_care_total, long_term_care_female, recorded_by, recorded_at)
    SELECT id, rci_id, as_of, baseline_total, baseline_female, admissions_total, admissions_female, assessed_total, assessed_female, traced_total, traced_female, prepared_total, prepared_female, birth_family_total, birth_family_female, kinship_care_total, kinship_care_female, foster_care_total, foster_care_female, independent_living_total, independent_living_female, long_term_care_total, long_term_care_female, recorded_by, recorded_at FROM children_counts;
DROP TABLE children_counts;
ALTER TABLE children_counts_new RENAME TO children_counts;
CREATE INDEX children_counts_rci ON children_counts (rci_id, as_of);
CREATE INDEX children_counts_recorded ON children_counts (rci_id, recorded_at);
CREATE INDEX children_counts_reintegrated ON children_counts (rci_id, as_of)
    WHERE birth_family_total + kinship_care_total + foster_care_total
        + independent_living_total + long_term_care_total > 0;

CREATE TABLE follow_up_visits_new (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    visited_on TEXT NOT NULL,
    children_total INTEGER NOT NULL,
    children_female INTEGER NOT NULL,
    visited_by TEXT NOT NULL CHECK (visited_by IN ('ngo_staff', 'dosvy', 'local_authority')),
    mode TEXT NOT NULL CHECK (mode IN ('visit', 'phone')),
    notes TEXT NOT NULL DEFAULT '',
    recorded_by TEXT,
    recorded_at TEXT NOT NULL,
    CHECK (children_female <= children_total)
);
INSERT INTO follow_up_visits_new (id, rci_id, visited_on, children_total, children_female, visited_by, mode, notes, recorded_by, recorded_at)
    SELECT id, rci_id, visited_on, children_total, children_female, visited_by, mode, notes, recorded_by, recorded_at FROM follow_up_visits;
DROP TABLE follow_up_visits;
ALTER TABLE follow_up_visits_new RENAME TO follow_up_visits;
CREATE INDEX follow_up_visits_rci ON follow_up_visits (rci_id, visited_on);
CREATE INDEX follow_up_visits_recorded ON follow_up_visits (rci_id, recorded_at);

CREATE TABLE users_new (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'adviser', 'director', 'viewer')),
    -- A director's RCI; nobody else has one.
    rci_id INTEGER REFERENCES rcis (id),
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT FALSE,
    active INTEGER NOT NULL DEFAULT TRUE,
    language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'km')),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((role = 'director') = (rci_id IS NOT NULL))
);
INSERT INTO users_new (id, login, display_name, role, rci_id, password_hash, must_change_password, active, language, version, created_at, updated_at)
    SELECT id, login, display_name, role, rci_id, password_hash, must_change_password, active, language, version, created_at, updated_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

CREATE TABLE sessions_new (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
INSERT INTO sessions_new (token_hash, user_id, created_at, last_seen_at)
    SELECT token_hash, user_id, created_at, last_seen_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE study_tours_new (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    location TEXT NOT NULL,
    objectives TEXT NOT NULL DEFAULT '',
    outcomes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
INSERT INTO study_tours_new (id, title, starts_on, ends_on, location, objectives, outcomes, version, recorded_by, recorded_at)
    SELECT id, title, starts_on, ends_on, location, objectives, outcomes, version, recorded_by, recorded_at FROM study_tours;
DROP TABLE study_tours;
ALTER TABLE study_tours_new RENAME TO study_tours;

CREATE TABLE study_tour_actions_new (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES study_tours (id),
    description TEXT NOT NULL,
    owner_rci_id INTEGER NOT NULL REFERENCES rcis (id),
    due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done'))
);
INSERT INTO study_tour_actions_new (id, tour_id, description, owner_rci_id, due_on, status)
    SELECT id, tour_id, description, owner_rci_id, due_on, status FROM study_tour_actions;
DROP TABLE study_tour_actions;
ALTER TABLE study_tour_actions_new RENAME TO study_tour_actions;
CREATE INDEX study_tour_actions_owner ON study_tour_actions (owner_rci_id, due_on);

CREATE TABLE trainings_new (
    id INTEGER PRIMARY KEY,
    category TEXT NOT NULL CHECK (category IN ('director_training', 'social_work',
        'positive_parenting', 'vocational_training', 'onsite_coaching', 'other')),
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    venue TEXT NOT NULL,
    trainers TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
INSERT INTO trainings_new (id, category, title, starts_on, ends_on, venue, trainers, version, recorded_by, recorded_at)
    SELECT id, category, title, starts_on, ends_on, venue, trainers, version, recorded_by, recorded_at FROM trainings;
DROP TABLE trainings;
ALTER TABLE trainings_new RENAME TO trainings;

CREATE TABLE community_programmes_new (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    kind TEXT NOT NULL CHECK (kind IN ('parenting_club', 'youth_group', 'careleaver_network',
        'community_role_models', 'savings_group', 'other')),
    name TEXT NOT NULL,
    started_on TEXT NOT NULL,
    members_total INTEGER NOT NULL,
    members_female INTEGER NOT NULL,
    sessions_per_quarter INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('starting', 'active', 'paused', 'ended')),
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (members_female <= members_total)
);
INSERT INTO community_programmes_new (id, rci_id, kind, name, started_on, members_total, members_female, sessions_per_quarter, status, version)
    SELECT id, rci_id, kind, name, started_on, members_total, members_female, sessions_per_quarter, status, version FROM community_programmes;
DROP TABLE community_programmes;
ALTER TABLE community_programmes_new RENAME TO community_programmes;
CREATE INDEX community_programmes_rci ON community_programmes (rci_id);

CREATE TABLE login_attempts_new (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    attempted_at TEXT NOT NULL,
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
CREATE INDEX login_attempts_at ON login_attempts (attempted_at);

CREATE TABLE history_new (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    rci_id INTEGER REFERENCES rcis (id),
    changed_at TEXT NOT NULL,
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
