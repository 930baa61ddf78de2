-- Data protection lifecycle, part 2: the client's own requests about their data (access, rectification,
-- restriction, erasure, the log request), answered by the data protection officer's team through the kernel's
-- decisions, and the restriction of processing that blocks outputs until it is lifted.

-- A request, registered only once the requester's identity was checked; due in a month (GDPR Art. 12(3)),
-- extendable once by two months with a notice to the requester.
CREATE TABLE rights_request (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  person_id           uuid NOT NULL REFERENCES person(id),
  kind                text NOT NULL CHECK (kind IN ('access', 'rectification', 'restriction', 'erasure', 'log')),
  -- the client, a minor's guardian or another legal representative; null: the client themself
  requester_kind      text NOT NULL CHECK (requester_kind IN ('client', 'guardian', 'representative')),
  requester_id        uuid REFERENCES person(id),
  channel             text NOT NULL CHECK (channel IN ('in_person', 'letter', 'e_service', 'secure_email')),
  identity_check      text NOT NULL CHECK (identity_check IN ('identity_document', 'strong_electronic', 'signed_letter_verified', 'known_in_person')),
  identity_checked_by uuid NOT NULL REFERENCES staff_user(id),
  received_on         date NOT NULL,
  due_on              date NOT NULL,
  extended_to         date,
  extension_reason    text,
  extension_notice_on date,
  -- the registers (service tasks) asked about; empty: every register
  service_tasks       text[] NOT NULL DEFAULT '{}',
  -- a log request's period
  period_from         date,
  period_to           date,
  details             text NOT NULL CHECK (length(btrim(details)) BETWEEN 1 AND 5000),
  language            text NOT NULL CHECK (language IN ('fi', 'sv')),
  registered_by       uuid NOT NULL REFERENCES staff_user(id),
  state               text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'decided', 'withdrawn')),
  decision_id         uuid UNIQUE REFERENCES decision(id),
  withdrawn_on        date,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((requester_kind = 'client') = (requester_id IS NULL)),
  CHECK (requester_id IS NULL OR requester_id <> person_id),
  CHECK (due_on > received_on),
  CHECK ((extended_to IS NULL) = (extension_reason IS NULL) AND (extended_to IS NULL) = (extension_notice_on IS NULL)),
  CHECK (extended_to IS NULL OR extended_to > due_on),
  CHECK ((state = 'decided') = (decision_id IS NOT NULL)),
  CHECK ((state = 'withdrawn') = (withdrawn_on IS NOT NULL)),
  CHECK ((period_from IS NULL) = (period_to IS NULL) AND (period_from IS NULL OR period_from <= period_to))
);
CREATE INDEX rights_request_person_idx ON rights_request (person_id, received_on);
CREATE INDEX rights_request_open_idx ON rights_request (due_on) WHERE state = 'open';

-- A restriction of processing (GDPR Art. 18): while it stands, the client's data in its registers is not printed,
-- exported or disclosed (the chokepoint refuses those actions); lifted, never deleted.
CREATE TABLE processing_restriction (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  -- empty: every register
  service_tasks text[] NOT NULL DEFAULT '{}',
  grounds       text NOT NULL CHECK (length(btrim(grounds)) >= 5),
  request_id    uuid REFERENCES rights_request(id),
  restricted_on date NOT NULL,
  restricted_by uuid NOT NULL REFERENCES staff_user(id),
  lifted_on     date,
  lifted_by     uuid REFERENCES staff_user(id),
  lift_note     text,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((lifted_on IS NULL) = (lifted_by IS NULL) AND (lifted_on IS NULL) = (lift_note IS NULL)),
  CHECK (lifted_on IS NULL OR lifted_on >= restricted_on)
);
CREATE INDEX processing_restriction_live_idx ON processing_restriction (person_id) WHERE lifted_on IS NULL;
