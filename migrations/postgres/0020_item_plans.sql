-- Checklist items gain whose step each is (the RCI's adviser, its director, or the person named
-- as responsible) and the day it is due, so that "Due next" and an adviser's list of work can
-- say when and whose.
ALTER TABLE checklist_items ADD COLUMN owner TEXT CHECK (owner IN ('adviser', 'director', 'named'));
ALTER TABLE checklist_items ADD COLUMN due_on TEXT;
-- Each RCI's summary now keeps its next steps for My work: cleared here, rebuilt from the records
-- when the server opens the database.
DELETE FROM rci_summaries;
