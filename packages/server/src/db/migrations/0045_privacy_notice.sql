-- Data protection lifecycle, items 7 and 8 of issue 13: the privacy notice (tietosuojaseloste) generated from the
-- live configuration and kept version by version, the configuration it is generated from (the controller's and the
-- data protection officer's contact, regular disclosures per service task, where paper records are kept), the user
-- commitment (käyttäjäsitoumus) with its versions and acceptances, and the record that a client was informed of
-- the processing of their data.

-- The controller's data protection parameters: one row per organisation, edited by the main user (optimistic
-- locking by `version`). The controller's name and business id are the organisation's own.
CREATE TABLE data_protection_settings (
  organisation_id   uuid PRIMARY KEY REFERENCES organisation(id),
  controller_address text NOT NULL DEFAULT '',
  controller_email  text NOT NULL DEFAULT '',
  controller_phone  text NOT NULL DEFAULT '',
  dpo_name          text NOT NULL DEFAULT '',
  dpo_email         text NOT NULL DEFAULT '',
  dpo_phone         text NOT NULL DEFAULT '',
  dpo_address       text NOT NULL DEFAULT '',
  -- where and how a client makes a request (access, rectification…): fi and sv
  rights_contact_fi text NOT NULL DEFAULT '',
  rights_contact_sv text NOT NULL DEFAULT '',
  -- transfers outside the EU/EEA: empty means none
  transfers_fi      text NOT NULL DEFAULT '',
  transfers_sv      text NOT NULL DEFAULT '',
  -- the organisation's own security measures besides those of the system
  security_fi       text NOT NULL DEFAULT '',
  security_sv       text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  updated_by        uuid REFERENCES staff_user(id),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- A regular disclosure (säännönmukainen luovutus) of a service task's register: to whom, on what legal basis, what,
-- how often. Ended, never deleted (an earlier notice version names it).
CREATE TABLE regular_disclosure (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_task   text NOT NULL REFERENCES service_task(code),
  recipient_fi   text NOT NULL CHECK (length(recipient_fi) BETWEEN 2 AND 200),
  recipient_sv   text NOT NULL CHECK (length(recipient_sv) BETWEEN 2 AND 200),
  legal_basis_fi text NOT NULL CHECK (length(legal_basis_fi) BETWEEN 2 AND 300),
  legal_basis_sv text NOT NULL CHECK (length(legal_basis_sv) BETWEEN 2 AND 300),
  content_fi     text NOT NULL CHECK (length(content_fi) BETWEEN 2 AND 1000),
  content_sv     text NOT NULL CHECK (length(content_sv) BETWEEN 2 AND 1000),
  frequency      text NOT NULL CHECK (frequency IN ('continuous', 'daily', 'monthly', 'yearly', 'on_request', 'per_event')),
  active         boolean NOT NULL DEFAULT true,
  version        integer NOT NULL DEFAULT 1,
  created_by     uuid NOT NULL REFERENCES staff_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     uuid REFERENCES staff_user(id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regular_disclosure_task_idx ON regular_disclosure (service_task);

-- Where the paper records of a service task (in a unit, or the whole organisation) are kept: the place, what is
-- there, the period it covers, who is responsible. Ended, never deleted.
CREATE TABLE paper_record_location (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_task text NOT NULL REFERENCES service_task(code),
  unit_id      uuid REFERENCES unit(id),
  place        text NOT NULL CHECK (length(place) BETWEEN 2 AND 300),
  content      text NOT NULL CHECK (length(content) BETWEEN 2 AND 1000),
  period       text NOT NULL CHECK (length(period) BETWEEN 2 AND 100),
  responsible  text NOT NULL CHECK (length(responsible) BETWEEN 2 AND 200),
  active       boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  created_by   uuid NOT NULL REFERENCES staff_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   uuid REFERENCES staff_user(id),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Every version of the generated privacy notice: the structured content in Finnish and Swedish, its SHA-256, when it
-- was generated and why. A new row only when the content differs from the latest; rows are never changed.
CREATE TABLE privacy_notice_version (
  number       integer PRIMARY KEY,
  content      jsonb NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  generated_at timestamptz NOT NULL DEFAULT now(),
  reason       text NOT NULL CHECK (reason ~ '^[a-z_]{2,40}$')
);

-- The user commitment (käyttäjäsitoumus) in versions published by the main user; the latest is in force.
CREATE TABLE user_commitment_version (
  number       integer PRIMARY KEY,
  text_fi      text NOT NULL CHECK (length(text_fi) BETWEEN 20 AND 20000),
  text_sv      text NOT NULL CHECK (length(text_sv) BETWEEN 20 AND 20000),
  published_by uuid REFERENCES staff_user(id),
  published_at timestamptz NOT NULL DEFAULT now()
);

-- A user's acceptance of one version of the commitment.
CREATE TABLE user_commitment_acceptance (
  user_id     uuid NOT NULL REFERENCES staff_user(id),
  version     integer NOT NULL REFERENCES user_commitment_version(number),
  accepted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, version)
);

CREATE FUNCTION privacy_notice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER privacy_notice_version_immutable BEFORE UPDATE OR DELETE ON privacy_notice_version
  FOR EACH ROW EXECUTE FUNCTION privacy_notice_immutable();
CREATE TRIGGER user_commitment_version_immutable BEFORE UPDATE OR DELETE ON user_commitment_version
  FOR EACH ROW EXECUTE FUNCTION privacy_notice_immutable();
CREATE TRIGGER user_commitment_acceptance_immutable BEFORE UPDATE OR DELETE ON user_commitment_acceptance
  FOR EACH ROW EXECUTE FUNCTION privacy_notice_immutable();

-- The record that a client was informed of the processing of their data at the start of the client relationship
-- (GDPR art. 13): in which service task, on which day, how, by whom.
CREATE TABLE client_processing_notice (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id    uuid NOT NULL REFERENCES person(id),
  service_task text NOT NULL REFERENCES service_task(code),
  informed_on  date NOT NULL,
  method       text NOT NULL CHECK (method IN ('in_person', 'letter', 'e_service')),
  informed_by  uuid NOT NULL REFERENCES staff_user(id),
  notice_version integer REFERENCES privacy_notice_version(number),
  recorded_by  uuid NOT NULL REFERENCES staff_user(id),
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX client_processing_notice_person_idx ON client_processing_notice (person_id);
