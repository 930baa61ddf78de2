-- Client registry: identity history and merges, relationship lifecycle with reason codes.

ALTER TABLE person
  ADD COLUMN merged_into uuid REFERENCES person(id),
  ADD COLUMN protected_municipality_code text;   -- kotikunta under turvakielto: shown only with the right

-- Every change of a person's registry data: who, when, why, which fields (old and new values).
-- Client data, not audit data: read through the access layer like the person itself.
CREATE TABLE person_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES person(id),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  changed_by  uuid REFERENCES staff_user(id),          -- null = population register (VTJ) refresh
  source      text NOT NULL CHECK (source IN ('user', 'vtj', 'merge', 'create')),
  changes     jsonb NOT NULL                          -- [{field, from, to}]
);
CREATE INDEX person_history_person_idx ON person_history (person_id, changed_at);

ALTER TABLE client_relationship
  ADD COLUMN start_reason text NOT NULL DEFAULT 'other'
    CHECK (start_reason IN ('application', 'notification', 'referral', 'own_initiative', 'kela_forward', 'transfer', 'other')),
  ADD COLUMN end_reason text
    CHECK (end_reason IN ('needs_met', 'moved_away', 'client_declined', 'transferred', 'deceased', 'age_limit', 'other')),
  ADD COLUMN ended_by uuid REFERENCES staff_user(id),
  ADD CONSTRAINT client_relationship_end_reason CHECK ((end_date IS NULL) = (end_reason IS NULL));

-- At most one open responsible-worker relationship per client and service task.
CREATE UNIQUE INDEX client_relationship_one_responsible
  ON client_relationship (person_id, service_task) WHERE kind = 'responsible' AND end_date IS NULL;

-- Temporary ids for persons without a henkilötunnus: <organisation OID>.99.<n>, never sent to the register.
CREATE SEQUENCE person_temporary_id_seq;
