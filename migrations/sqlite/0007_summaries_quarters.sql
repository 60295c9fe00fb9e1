-- Summaries now also keep each RCI's last counts snapshot of every quarter, so the comparison's
-- per-quarter chart reads one summary per RCI instead of every snapshot. Emptying the table makes
-- opening the database compute every summary again in the new shape.
DELETE FROM rci_summaries;
