-- Every save computes its RCI's summary again; these indexes make each part of it a lookup
-- rather than a scan of the RCI's records, so a save costs the same after years of snapshots:
-- the last update of each kind of record, and the first snapshot with a child reintegrated.
CREATE INDEX children_counts_recorded ON children_counts (rci_id, recorded_at);
CREATE INDEX follow_up_visits_recorded ON follow_up_visits (rci_id, recorded_at);
CREATE INDEX checklist_items_updated ON checklist_items (rci_id, updated_at);
CREATE INDEX children_counts_reintegrated ON children_counts (rci_id, as_of)
    WHERE birth_family_total + kinship_care_total + foster_care_total
        + independent_living_total + long_term_care_total > 0;
