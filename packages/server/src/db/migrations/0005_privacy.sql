-- The data protection officer's tools (lokivalvonta).

-- A report "who has processed my data" normally covers two years; an earlier start needs a stated special reason
-- (e.g. suspected misuse). The reason is free text, so it lives here and never in audit_log; the print's audit row
-- (event audit:client-report) is found by request_id, written in the same transaction.
CREATE TABLE access_report_reason (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES staff_user(id),
  person_id     uuid NOT NULL REFERENCES person(id),
  period_from   date NOT NULL,
  period_until  date NOT NULL,
  reason        text NOT NULL CHECK (length(btrim(reason)) >= 10),
  request_id    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (period_until >= period_from)
);
CREATE INDEX access_report_reason_person_idx ON access_report_reason (person_id, created_at);

-- The break-the-glass review queue lists reviewed accesses newest first after the open ones.
CREATE INDEX break_glass_reviewed_idx ON break_glass (reviewed_at DESC) WHERE reviewed_at IS NOT NULL;
