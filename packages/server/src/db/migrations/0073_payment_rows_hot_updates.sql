-- Issue 16 (camt.054 with 100 000 entries in 10 s): settling a chunk of 1 000 payments rewrote every index of both
-- tables for every row — 87 ms a chunk, 48 of them the payables' UPDATE. An UPDATE that changes no indexed column
-- and finds room on the row's page is a heap-only tuple (HOT) update: no index is touched. Two things prevented it.
--
-- 1. The open payables' index named `state` in its predicate, so every state change (in_batch -> paid, -> returned)
--    counted as a change of an indexed column. The predicate now reads a stored generated column that changes only
--    when a payable enters or leaves the open list; the later state changes no longer touch it.
-- 2. The rows were packed full, so no new version fitted on its page. A payment item is written 2–4 times in its
--    life (the batch, the file sent, the bank's status, settled or returned), a payable 2–3 times, and a batch moves
--    all of its rows in one statement: half of each page is left for the next version (older ones are pruned when
--    the page is next read).
--
-- Measured on 100 000 settled payments (1 000 rows an UPDATE, triggers included): 130–210 ms -> 57–90 ms.
ALTER TABLE payable ADD COLUMN is_open boolean GENERATED ALWAYS AS (state = 'open') STORED;
DROP INDEX payable_open_idx;
CREATE INDEX payable_open_idx ON payable (due_on, unit_id) WHERE is_open;

ALTER TABLE payable SET (fillfactor = 50);
ALTER TABLE payment_item SET (fillfactor = 50);
