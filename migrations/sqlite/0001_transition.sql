-- Partner RCIs, their checklists, children counts and follow-up visits.
-- Portable SQL: the same statements are meant to run on SQLite and PostgreSQL.
-- No table holds a child's name: counts are aggregates.

CREATE TABLE rcis (
    id INTEGER PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_km TEXT,
    province TEXT NOT NULL,
    district TEXT,
    transition_start DATE NOT NULL,
    has_reintegration_plan BOOLEAN NOT NULL DEFAULT FALSE,
    has_reintegration_budget BOOLEAN NOT NULL DEFAULT FALSE,
    -- Bumped on every change, so a save from a stale page is refused.
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- The organisation's template: the default steps, plus any it adds.
CREATE TABLE checklist_templates (
    item_key TEXT PRIMARY KEY,
    track TEXT NOT NULL,
    position INTEGER NOT NULL,
    title_en TEXT NOT NULL,
    title_km TEXT NOT NULL,
    guidance_en TEXT NOT NULL,
    guidance_km TEXT NOT NULL
);

-- Each RCI's own copy of the steps, so a later template change never rewrites an RCI's history.
CREATE TABLE checklist_items (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    item_key TEXT NOT NULL,
    track TEXT NOT NULL,
    position INTEGER NOT NULL,
    title_en TEXT NOT NULL,
    title_km TEXT NOT NULL,
    guidance_en TEXT NOT NULL,
    guidance_km TEXT NOT NULL,
    custom BOOLEAN NOT NULL DEFAULT FALSE,
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'done', 'not_applicable', 'blocked')),
    done_on DATE,
    reason TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    responsible TEXT,
    updated_by TEXT,
    updated_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (rci_id, item_key),
    CHECK ((status = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX checklist_items_rci ON checklist_items (rci_id, position);

-- Dated snapshots of the pipeline, sex-disaggregated (total and female).
CREATE TABLE children_counts (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    as_of DATE NOT NULL,
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
    recorded_at TIMESTAMP NOT NULL,
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
CREATE INDEX children_counts_rci ON children_counts (rci_id, as_of);

-- Visits (or calls) to reintegrated children after they went home.
CREATE TABLE follow_up_visits (
    id INTEGER PRIMARY KEY,
    rci_id INTEGER NOT NULL REFERENCES rcis (id),
    visited_on DATE NOT NULL,
    children_total INTEGER NOT NULL,
    children_female INTEGER NOT NULL,
    visited_by TEXT NOT NULL CHECK (visited_by IN ('ngo_staff', 'dosvy', 'local_authority')),
    mode TEXT NOT NULL CHECK (mode IN ('visit', 'phone')),
    notes TEXT NOT NULL DEFAULT '',
    recorded_by TEXT,
    recorded_at TIMESTAMP NOT NULL,
    CHECK (children_female <= children_total)
);
CREATE INDEX follow_up_visits_rci ON follow_up_visits (rci_id, visited_on);
