-- Scheduled jobs (issue 11, "The house for many services"; packages/server/src/kernel/jobs/).
--
-- One row per job the servers know. The row is the claim: a server runs a scheduled run only after taking the row
-- in a short transaction (SELECT … FOR UPDATE SKIP LOCKED, then a lease: running_run_id + lease_until), so two
-- server processes over one database never run the same run twice; the lease is renewed while the run lasts and a
-- run whose server died is found by its expired lease and reported as abandoned. slot_at is the scheduled time the
-- next run serves (retries keep it), attempt counts that slot's attempts so far.
--
-- Frequent "quiet" jobs (the audit sealer, every 200 ms) do not take the row: one server at a time holds a
-- PostgreSQL advisory lock for a round, which writes nothing, and a round is written here only when it did work
-- or failed (last_* and consecutive_failures); their schedule lives in each server's memory.
CREATE TABLE job (
  name                 text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
  -- the schedule as last registered (a server starting with another schedule computes the next run anew)
  schedule             text NOT NULL,
  quiet                boolean NOT NULL DEFAULT false,
  slot_at              timestamptz,
  next_run_at          timestamptz,
  attempt              integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
  consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  running_run_id       uuid,
  lease_owner          text,
  lease_until          timestamptz,
  last_run_id          uuid,
  last_trigger         text CHECK (last_trigger IN ('schedule', 'retry', 'manual')),
  last_started_at      timestamptz,
  last_finished_at     timestamptz,
  last_outcome         text CHECK (last_outcome IN ('success', 'failure', 'abandoned')),
  last_summary         text,
  last_error           text,
  last_error_at        timestamptz,
  last_success_at      timestamptz,
  CHECK ((running_run_id IS NULL) = (lease_until IS NULL)),
  CHECK ((running_run_id IS NULL) = (lease_owner IS NULL))
);

-- The runs: every run of a scheduled job, every manual run (audited as jobs:run with the run's id), never the idle
-- rounds of a quiet job.
CREATE TABLE job_run (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_name     text NOT NULL REFERENCES job(name),
  trigger      text NOT NULL CHECK (trigger IN ('schedule', 'retry', 'manual')),
  slot_at      timestamptz,
  attempt      integer NOT NULL CHECK (attempt >= 1),
  worker       text NOT NULL CHECK (length(worker) BETWEEN 1 AND 200),
  requested_by uuid REFERENCES staff_user(id),
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  outcome      text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'success', 'failure', 'abandoned')),
  summary      text CHECK (length(summary) <= 2000),
  error        text CHECK (length(error) <= 2000),
  CHECK ((trigger = 'manual') = (slot_at IS NULL)),
  CHECK ((outcome = 'running') = (finished_at IS NULL))
);
-- The database's own guarantee that an attempt of a scheduled slot runs once.
CREATE UNIQUE INDEX job_run_slot_once ON job_run (job_name, slot_at, attempt) WHERE slot_at IS NOT NULL;
CREATE INDEX job_run_job_started_idx ON job_run (job_name, started_at DESC);
