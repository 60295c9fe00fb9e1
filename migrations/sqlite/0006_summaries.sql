-- One summary per RCI: what its overview needs from its records (progress per track, since when
-- it is in its phase, latest counts, follow-up facts, last update), as the core's RciSummary in
-- JSON. Every write that changes those records rewrites it in the same transaction, so lists of
-- every partner read one row per RCI instead of every checklist item. `homeward reindex` rebuilds
-- them all; opening a database fills in any that are missing (as after this migration).
CREATE TABLE rci_summaries (
    rci_id INTEGER PRIMARY KEY REFERENCES rcis(id) ON DELETE CASCADE,
    summary TEXT NOT NULL
);
