-- Regular disclosures that run (issue 13, item 1): a regular disclosure of the privacy notice's configuration may
-- name the output Huoma produces for it (`producer`); each run of it covers one period, writes its file and, for
-- every client the file carries, a row of the disclosure log pointing to the run. One run per definition and
-- period (the UNIQUE below): running the same period again answers the run already made and logs nothing twice.

ALTER TABLE regular_disclosure ADD COLUMN producer text
  CHECK (producer IS NULL OR producer IN ('kela_income_support_decisions'));
-- one live definition per output, so a run's clients are never sent twice under two definitions
CREATE UNIQUE INDEX regular_disclosure_producer_idx ON regular_disclosure (producer) WHERE producer IS NOT NULL AND active;

CREATE TABLE regular_disclosure_run (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number                bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  regular_disclosure_id uuid NOT NULL REFERENCES regular_disclosure(id),
  producer              text NOT NULL,
  period_start          date NOT NULL,
  period_end            date NOT NULL,
  trigger               text NOT NULL CHECK (trigger IN ('job', 'manual')),
  -- the main user who ran it now; null when the scheduled job ran it
  run_by                uuid REFERENCES staff_user(id),
  ran_at                timestamptz NOT NULL DEFAULT now(),
  -- clients whose data the file carries, and those left out: a restriction of processing, a ban, no identity code
  included              integer NOT NULL CHECK (included >= 0),
  records               integer NOT NULL CHECK (records >= 0),
  left_out_restricted   integer NOT NULL CHECK (left_out_restricted >= 0),
  left_out_banned       integer NOT NULL CHECK (left_out_banned >= 0),
  left_out_no_identity  integer NOT NULL CHECK (left_out_no_identity >= 0),
  file_name             text NOT NULL,
  media_type            text NOT NULL,
  file                  bytea NOT NULL,
  file_sha256           text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  CHECK (period_end >= period_start),
  CHECK ((trigger = 'manual') = (run_by IS NOT NULL)),
  UNIQUE (regular_disclosure_id, period_start, period_end)
);
CREATE INDEX regular_disclosure_run_list_idx ON regular_disclosure_run (regular_disclosure_id, period_start DESC);

-- The disclosure log's row of a regular run names the run (a decided request names its request instead).
ALTER TABLE disclosure_log ADD COLUMN regular_run_id uuid REFERENCES regular_disclosure_run(id);
CREATE INDEX disclosure_log_regular_run_idx ON disclosure_log (regular_run_id) WHERE regular_run_id IS NOT NULL;
