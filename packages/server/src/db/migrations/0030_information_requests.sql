-- Outgoing information requests (tietopyynnöt): what a worker asked another authority about a client, on what basis
-- (the client act's 20 § right to obtain information, the child welfare act's 41 §, another act), and what was
-- obtained — kept with the client's data in the register, printed in the client's copy of their data.
CREATE TABLE information_request (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person(id),
  service_task   text NOT NULL REFERENCES service_task(code),
  authority      text NOT NULL,
  basis          text NOT NULL CHECK (basis IN ('client_act_20', 'child_welfare_act_41', 'consent', 'other_act')),
  basis_citation text,
  asked          text NOT NULL,
  sent_on        date NOT NULL,
  sent_by        uuid NOT NULL REFERENCES staff_user(id),
  answered_on    date,
  obtained       text,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((answered_on IS NULL) = (obtained IS NULL)),
  CHECK (answered_on IS NULL OR answered_on >= sent_on),
  CHECK (basis <> 'other_act' OR basis_citation IS NOT NULL)
);
CREATE INDEX information_request_person_idx ON information_request (person_id, sent_on);
