-- Each RCI's summary now carries its placements: dropped here, every summary is computed again
-- from its records when the server next starts.
DELETE FROM rci_summaries;
