-- An RCI's district and commune in Khmer beside the English (or romanised) name: Khmer pages
-- show the Khmer one. Both optional; an RCI entered before keeps its one name.
ALTER TABLE rcis ADD COLUMN district_km TEXT;
ALTER TABLE rcis ADD COLUMN commune_km TEXT;
