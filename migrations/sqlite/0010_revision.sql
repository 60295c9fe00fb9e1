-- One number that every write transaction raises, so that a reader can tell whether anything
-- changed since it last read: the server keeps the partners' profiles and summaries in memory
-- until it does (also when another process, such as `homeward reindex`, wrote).
CREATE TABLE store_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO store_revision (id, revision) VALUES (1, 0);
