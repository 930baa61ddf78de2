-- Data protection lifecycle, part 1: the client's consents and bans, requests to disclose client data with their
-- decisions, and the disclosure log (luovutusloki) — its own log, which the client's access report includes.

-- A consent (specific, informed, revocable: to whom, for what, which registers, until when) or the client's ban on
-- disclosing for a purpose (genealogy, register research). Revoked, never deleted.
CREATE TABLE consent (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  kind          text NOT NULL CHECK (kind IN ('consent', 'ban')),
  recipient     text,
  purpose       text NOT NULL,
  data_scope    text,
  ban_purpose   text CHECK (ban_purpose IN ('genealogy', 'register_research')),
  service_tasks text[] NOT NULL DEFAULT '{}',
  -- a legal representative gave it for the client; null: the client themself
  given_by      uuid REFERENCES person(id),
  form          text NOT NULL CHECK (form IN ('written', 'oral', 'electronic')),
  given_on      date NOT NULL,
  valid_until   date,
  recorded_by   uuid NOT NULL REFERENCES staff_user(id),
  revoked_on    date,
  revoked_by    uuid REFERENCES staff_user(id),
  revoke_note   text,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'ban' AND ban_purpose IS NOT NULL) OR (kind = 'consent' AND recipient IS NOT NULL AND cardinality(service_tasks) > 0)),
  CHECK (valid_until IS NULL OR valid_until >= given_on),
  CHECK (revoked_on IS NULL OR (revoked_by IS NOT NULL AND revoked_on >= given_on))
);
CREATE INDEX consent_person_idx ON consent (person_id);

-- A request to disclose a client's data from one register: who asks, on what basis, for what; then its decision.
CREATE TABLE disclosure_request (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  person_id              uuid NOT NULL REFERENCES person(id),
  service_task           text NOT NULL REFERENCES service_task(code),
  requester_kind         text NOT NULL,
  requester_name         text NOT NULL,
  requester_organisation text,
  received_on            date NOT NULL,
  basis                  text NOT NULL,
  basis_citation         text,
  consent_id             uuid REFERENCES consent(id),
  purpose                text NOT NULL,
  requested              text NOT NULL,
  registered_by          uuid NOT NULL REFERENCES staff_user(id),
  outcome                text CHECK (outcome IN ('disclose', 'partly', 'refuse')),
  decision_reasons       text,
  decided_on             date,
  decided_by             uuid REFERENCES staff_user(id),
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome IS NULL) = (decided_on IS NULL) AND (outcome IS NULL) = (decided_by IS NULL)),
  CHECK (decided_on IS NULL OR decided_on >= received_on),
  CHECK (basis <> 'consent' OR consent_id IS NOT NULL)
);
CREATE INDEX disclosure_request_person_idx ON disclosure_request (person_id, received_on);

-- What was disclosed, to whom, on what basis, when and by whom: kept with the client's data and printed in the
-- client's access report. A regular disclosure (Kela, THL…) writes its rows with no request.
CREATE TABLE disclosure_log (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person(id),
  service_task   text NOT NULL REFERENCES service_task(code),
  request_id     uuid REFERENCES disclosure_request(id),
  recipient      text NOT NULL,
  basis          text NOT NULL,
  basis_citation text,
  what           text NOT NULL,
  method         text NOT NULL CHECK (method IN ('secure_email', 'post', 'in_person', 'interface', 'phone')),
  disclosed_on   date NOT NULL,
  disclosed_by   uuid REFERENCES staff_user(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disclosure_log_person_idx ON disclosure_log (person_id, disclosed_on);
