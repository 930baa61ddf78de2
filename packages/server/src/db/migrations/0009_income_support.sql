-- Income support (toimeentulotuki): the county's supplementary (täydentävä, TTTL 7 c §) and preventive (ehkäisevä,
-- TTTL 13 §) assistance on top of Kela's basic calculation.
--
-- Parameters are effective-dated sets edited by the main user; every change is kept in the history table with who and
-- when. Applications carry their claimed items as one JSON document (validated by the contract schema at the edge)
-- and their household members as rows referencing the registry. A decision is never edited: a new decision corrects
-- it and refers to it (the trigger refuses UPDATE and DELETE); the notification date is a row of its own. Every
-- granted amount becomes a payable, which the payments module pays; a payable can be paid once (constraints there).

CREATE TABLE income_support_parameter_set (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  valid_from   date NOT NULL,
  valid_until  date,
  body         jsonb NOT NULL,
  source       text NOT NULL DEFAULT '',
  version      integer NOT NULL DEFAULT 1,
  updated_by   uuid REFERENCES staff_user(id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE UNIQUE INDEX income_support_parameter_set_from_idx ON income_support_parameter_set (valid_from);

-- No two sets may overlap: checked under a table lock by the trigger (PGlite has no btree_gist for an EXCLUDE).
CREATE FUNCTION income_support_parameter_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE income_support_parameter_set IN SHARE ROW EXCLUSIVE MODE;
  IF EXISTS (
    SELECT 1 FROM income_support_parameter_set s
    WHERE s.id <> NEW.id
      AND s.valid_from <= coalesce(NEW.valid_until, 'infinity'::date)
      AND coalesce(s.valid_until, 'infinity'::date) >= NEW.valid_from
  ) THEN
    RAISE EXCEPTION 'income support parameter sets overlap' USING ERRCODE = '23P01';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER income_support_parameter_no_overlap BEFORE INSERT OR UPDATE ON income_support_parameter_set
  FOR EACH ROW EXECUTE FUNCTION income_support_parameter_no_overlap();

CREATE TABLE income_support_parameter_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  set_id       uuid NOT NULL,
  version      integer NOT NULL,
  change       text NOT NULL CHECK (change IN ('create', 'update', 'delete')),
  valid_from   date NOT NULL,
  valid_until  date,
  body         jsonb NOT NULL,
  source       text NOT NULL,
  changed_by   uuid REFERENCES staff_user(id),
  changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX income_support_parameter_history_set_idx ON income_support_parameter_history (set_id, version);

CREATE TABLE income_support_application (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- a running number for people: "hakemus 2026-000123"
  number                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  person_id               uuid NOT NULL REFERENCES person(id),
  unit_id                 uuid NOT NULL REFERENCES unit(id),
  channel                 text NOT NULL CHECK (channel IN ('paper', 'eform', 'kela')),
  kela_case_ref           text UNIQUE,
  received_on             date NOT NULL,
  urgent                  boolean NOT NULL DEFAULT false,
  period_start            date NOT NULL,
  period_end              date NOT NULL,
  state                   text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'in_preparation', 'decided', 'notified')),
  handler_id              uuid REFERENCES staff_user(id),
  due_on                  date NOT NULL,
  deadline_rule           text NOT NULL,
  completion_requested_on date,
  completion_due_on       date,
  completion_answered_on  date,
  completion_request      text,
  housing_capped          boolean NOT NULL DEFAULT false,
  claims                  jsonb NOT NULL,
  kela_basic              jsonb,
  version                 integer NOT NULL DEFAULT 1,
  created_by              uuid REFERENCES staff_user(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start),
  CHECK (channel <> 'kela' OR kela_case_ref IS NOT NULL),
  CHECK ((completion_requested_on IS NULL) = (completion_due_on IS NULL)),
  CHECK (completion_answered_on IS NULL OR completion_requested_on IS NOT NULL)
);
-- The handler's worklist: open applications by deadline.
CREATE INDEX income_support_application_open_idx ON income_support_application (due_on, id) WHERE state IN ('received', 'in_preparation');
CREATE INDEX income_support_application_unit_idx ON income_support_application (unit_id, due_on) WHERE state IN ('received', 'in_preparation');
CREATE INDEX income_support_application_handler_idx ON income_support_application (handler_id, due_on) WHERE state IN ('received', 'in_preparation');
CREATE INDEX income_support_application_person_idx ON income_support_application (person_id, received_on DESC);

CREATE TABLE income_support_member (
  application_id          uuid NOT NULL REFERENCES income_support_application(id),
  person_id               uuid NOT NULL REFERENCES person(id),
  role                    text NOT NULL CHECK (role IN ('applicant', 'spouse', 'child', 'adult_child')),
  alternating_residence   boolean NOT NULL DEFAULT false,
  reduction_percent       integer NOT NULL DEFAULT 0 CHECK (reduction_percent BETWEEN 0 AND 100),
  position                integer NOT NULL,
  PRIMARY KEY (application_id, person_id)
);
CREATE UNIQUE INDEX income_support_member_applicant_idx ON income_support_member (application_id) WHERE role = 'applicant';
CREATE INDEX income_support_member_person_idx ON income_support_member (person_id);

CREATE TABLE income_support_decision (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  application_id       uuid NOT NULL REFERENCES income_support_application(id),
  person_id            uuid NOT NULL REFERENCES person(id),
  corrects_id          uuid REFERENCES income_support_decision(id),
  decided_on           date NOT NULL,
  decided_at           timestamptz NOT NULL DEFAULT now(),
  decision_maker_id    uuid NOT NULL REFERENCES staff_user(id),
  language             text NOT NULL CHECK (language IN ('fi', 'sv')),
  period_start         date NOT NULL,
  period_end           date NOT NULL,
  -- what was decided, frozen: the calculation with its input and parameters, items with outcomes and reasons
  calculation          jsonb NOT NULL,
  items                jsonb NOT NULL,
  reasons              text NOT NULL CHECK (length(btrim(reasons)) >= 10),
  granted_cents        bigint NOT NULL CHECK (granted_cents >= 0),
  outcome              text NOT NULL CHECK (outcome IN ('granted', 'partly_granted', 'refused'))
);
CREATE INDEX income_support_decision_application_idx ON income_support_decision (application_id, decided_at);
CREATE INDEX income_support_decision_person_idx ON income_support_decision (person_id, decided_at DESC);
-- a decision is corrected at most once (the correction itself may be corrected)
CREATE UNIQUE INDEX income_support_decision_corrects_idx ON income_support_decision (corrects_id) WHERE corrects_id IS NOT NULL;

CREATE FUNCTION income_support_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a decision is never edited or deleted; a new decision corrects it' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER income_support_decision_guard BEFORE UPDATE OR DELETE ON income_support_decision
  FOR EACH ROW EXECUTE FUNCTION income_support_decision_guard();
CREATE TRIGGER income_support_decision_no_truncate BEFORE TRUNCATE ON income_support_decision
  FOR EACH STATEMENT EXECUTE FUNCTION income_support_decision_guard();

-- Tiedoksianto: when and how the decision reached the client (one row; recorded once).
CREATE TABLE income_support_notification (
  decision_id  uuid PRIMARY KEY REFERENCES income_support_decision(id),
  notified_on  date NOT NULL,
  method       text NOT NULL CHECK (method IN ('post', 'in_person', 'electronic')),
  recorded_by  uuid NOT NULL REFERENCES staff_user(id),
  recorded_at  timestamptz NOT NULL DEFAULT now()
);

-- Maksusitoumus: a promise to a provider (pharmacy, funeral services, …) to pay up to a maximum within a validity.
CREATE TABLE payment_commitment (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  decision_id   uuid NOT NULL REFERENCES income_support_decision(id),
  person_id     uuid NOT NULL REFERENCES person(id),
  provider_kind text NOT NULL CHECK (provider_kind IN ('pharmacy', 'funeral', 'landlord', 'energy', 'other')),
  provider_name text NOT NULL CHECK (length(btrim(provider_name)) > 0),
  purpose       text NOT NULL CHECK (length(btrim(purpose)) > 0),
  valid_from    date NOT NULL,
  valid_until   date NOT NULL,
  max_cents     bigint NOT NULL CHECK (max_cents > 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until >= valid_from)
);
CREATE INDEX payment_commitment_decision_idx ON payment_commitment (decision_id);

-- Payables: a granted amount to be paid (income support now; child welfare, maintenance and fees later, so source
-- and payee are generic). A source item yields at most one payable (unique), so a decision cannot pay twice.
CREATE TABLE payable (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  source_kind   text NOT NULL CHECK (source_kind IN ('income_support_decision')),
  source_id     uuid NOT NULL,
  source_key    text NOT NULL,
  person_id     uuid NOT NULL REFERENCES person(id),
  service_task  text NOT NULL REFERENCES service_task(code),
  unit_id       uuid NOT NULL REFERENCES unit(id),
  payee_kind    text NOT NULL CHECK (payee_kind IN ('client', 'provider')),
  payee_name    text NOT NULL CHECK (length(btrim(payee_name)) > 0),
  iban          text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  bic           text,
  amount_cents  bigint NOT NULL CHECK (amount_cents > 0 AND amount_cents <= 99999999999),
  due_on        date NOT NULL,
  reference     text,
  message       text,
  state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'cancelled', 'in_batch', 'paid', 'returned')),
  cancelled_by_source uuid,
  created_by    uuid REFERENCES staff_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (reference IS NOT NULL OR message IS NOT NULL),
  UNIQUE (source_kind, source_id, source_key)
);
CREATE INDEX payable_open_idx ON payable (due_on, unit_id) WHERE state = 'open';
CREATE INDEX payable_person_idx ON payable (person_id);
