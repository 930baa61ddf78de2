-- Child welfare, part 4: open-care support measures (LSL 36–37 §) and after-care measures (LSL 76 §) decided on the
-- kernel's decisions, each measure a row (granted or refused, its period, and for a placing measure the placement
-- on the timeline); and a minor's own prohibition to disclose their data to a guardian (asiakaslaki 812/2000 11 §),
-- kept by the kernel for every register and honoured by every output addressed to a guardian.

CREATE TABLE cw_support_measure (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  phase         text NOT NULL CHECK (phase IN ('open_care', 'after_care')),
  decision_id   uuid NOT NULL REFERENCES decision(id),
  code          text NOT NULL,
  granted       boolean NOT NULL,
  -- what exactly, how often, by whom (e.g. "perhetyö kahdesti viikossa")
  description   text NOT NULL,
  starts_on     date NOT NULL,
  -- the last day; null until further notice (or for a refused measure)
  ends_on       date,
  -- a placing measure (open-care or after-care placement): its placement
  placement_id  uuid UNIQUE REFERENCES cw_placement(id),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK (granted OR placement_id IS NULL)
);
CREATE INDEX cw_support_measure_person_idx ON cw_support_measure (person_id, starts_on);
CREATE INDEX cw_support_measure_decision_idx ON cw_support_measure (decision_id);

-- A minor's prohibition: data of the service task (null: of every register) is not given to the guardian named
-- (null: to any guardian); `scope` 'all' withholds everything, 'child_views' the child's own views and statements.
-- Recorded with what the child said and the worker's assessment of the child's maturity; lifted, never deleted.
CREATE TABLE minor_disclosure_ban (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id           uuid NOT NULL REFERENCES person(id),
  service_task        text,
  guardian_id         uuid REFERENCES person(id),
  scope               text NOT NULL CHECK (scope IN ('all', 'child_views')),
  child_statement     text NOT NULL,
  maturity_assessment text NOT NULL,
  recorded_on         date NOT NULL,
  recorded_by         uuid NOT NULL REFERENCES staff_user(id),
  lifted_on           date,
  lifted_by           uuid REFERENCES staff_user(id),
  lift_reason         text,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (lifted_on IS NULL OR (lifted_on >= recorded_on AND lifted_by IS NOT NULL AND lift_reason IS NOT NULL))
);
CREATE INDEX minor_disclosure_ban_person_idx ON minor_disclosure_ban (person_id) WHERE lifted_on IS NULL;
