-- The units' deadline queue (GET /api/deadlines?scope=unit, kernel deadlineQueue) lists the open deadlines that
-- nobody is responsible for yet. The index of migration 0018 held every open deadline of a unit, so the queue walked
-- past the assigned ones — most of them once matters are handled: in the child welfare benchmark (issue 12, 50 000
-- open matters at 1 M persons) 11 309 of LAPS's 52 000 open deadlines are unassigned — and its counts read the heap
-- for each. Nothing else reads deadlines by unit. This index holds only the queue, in due-date order, with what the
-- counts need, so they are an index-only scan (counts 20 → 4 ms, bench `child-welfare` `deadlines-unit`).
DROP INDEX deadline_unit_open_idx;
CREATE INDEX deadline_unit_queue_idx ON deadline (unit_id, due_on) INCLUDE (service_task, state)
  WHERE state IN ('open', 'paused') AND responsible_user_id IS NULL;
