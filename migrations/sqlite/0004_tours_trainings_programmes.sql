-- Study tours, trainings and community programmes. People appear only as counts by role and sex.

-- The reusable list of organisations tours are organised with (MoSVY, a DoSVY, partner NGOs).
CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE study_tours (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    location TEXT NOT NULL,
    objectives TEXT NOT NULL DEFAULT '',
    outcomes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE study_tour_organisations (
    tour_id INTEGER NOT NULL REFERENCES study_tours (id),
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (tour_id, organisation_id)
);

CREATE TABLE study_tour_hosts (
    tour_id INTEGER NOT NULL REFERENCES study_tours (id),
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    PRIMARY KEY (tour_id, rci_id)
);

CREATE TABLE study_tour_visitors (
    tour_id INTEGER NOT NULL REFERENCES study_tours (id),
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    role TEXT NOT NULL CHECK (role IN ('director', 'staff', 'board', 'official')),
    people_total INTEGER NOT NULL,
    people_female INTEGER NOT NULL,
    PRIMARY KEY (tour_id, rci_id, role),
    CHECK (people_female <= people_total)
);
CREATE INDEX study_tour_visitors_rci ON study_tour_visitors (rci_id);

CREATE TABLE study_tour_actions (
    id INTEGER PRIMARY KEY,
    tour_id INTEGER NOT NULL REFERENCES study_tours (id),
    description TEXT NOT NULL,
    owner_rci_id INTEGER NOT NULL REFERENCES rcis (id),
    due_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done'))
);
CREATE INDEX study_tour_actions_owner ON study_tour_actions (owner_rci_id, due_on);

CREATE TABLE trainings (
    id INTEGER PRIMARY KEY,
    category TEXT NOT NULL CHECK (category IN ('director_training', 'social_work',
        'positive_parenting', 'vocational_training', 'onsite_coaching', 'other')),
    title TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    venue TEXT NOT NULL,
    trainers TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE training_participants (
    training_id INTEGER NOT NULL REFERENCES trainings (id),
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    people_total INTEGER NOT NULL,
    people_female INTEGER NOT NULL,
    pre_score INTEGER,
    post_score INTEGER,
    PRIMARY KEY (training_id, rci_id),
    CHECK (people_female <= people_total),
    CHECK ((pre_score IS NULL) = (post_score IS NULL))
);
CREATE INDEX training_participants_rci ON training_participants (rci_id);

CREATE TABLE community_programmes (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    kind TEXT NOT NULL CHECK (kind IN ('parenting_club', 'youth_group', 'careleaver_network',
        'community_role_models', 'savings_group', 'other')),
    name TEXT NOT NULL,
    started_on DATE NOT NULL,
    members_total INTEGER NOT NULL,
    members_female INTEGER NOT NULL,
    sessions_per_quarter INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('starting', 'active', 'paused', 'ended')),
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (members_female <= members_total)
);
CREATE INDEX community_programmes_rci ON community_programmes (rci_id);
