-- Retention and destruction (issue 13, items 4 and 5; rules.md §3).
--
-- retention_rule: the 703/2023 table as effective-dated parameters (loaded from the domain's table on first use,
-- edited by the main user; every change kept in retention_rule_history). retention_state: per client and register
-- (`client` = the client's basic data, else a service task) the computed retention — permanent (sample, archive
-- order), until (destroy-after date), running (waiting for an event) or held. Facts that change it (a death, a
-- relationship opened or closed, a hold) mark the client stale in retention_stale by trigger, and the retention job
-- (and any read) recomputes the stale ones before using a date. retention_hold: a legal hold on a client or one
-- register (an appeal or complaint pending). destruction_list / destruction_item: the proposal by due date, reviewed
-- and approved by an archive officer other than the proposer, executed in batches (state per item, so a killed run
-- resumes without destroying anything twice). destruction_record: the permanent evidence (what, whose by a
-- pseudonymous key, basis, approver, when), never changed.

INSERT INTO role (code, name_fi, name_sv, name_en, client_content)
VALUES ('archivist', 'Arkistonhoitaja', 'Arkivarie', 'Archive officer', true);

CREATE TABLE retention_rule (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  retention_class text NOT NULL,
  trigger         text NOT NULL CHECK (trigger IN ('death', 'closing', 'last_closing', 'birth', 'document', 'decision_end')),
  years           integer NOT NULL CHECK (years BETWEEN 1 AND 200),
  valid_from      date NOT NULL,
  valid_until     date,
  legal_source    text NOT NULL CHECK (length(legal_source) BETWEEN 3 AND 500),
  unverified      boolean NOT NULL DEFAULT false,
  archive_ordered boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  updated_by      uuid REFERENCES staff_user(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX retention_rule_class_idx ON retention_rule (retention_class, valid_from);

CREATE TABLE retention_rule_history (
  id          bigserial PRIMARY KEY,
  rule_id     uuid NOT NULL REFERENCES retention_rule(id),
  version     integer NOT NULL,
  changed_by  uuid REFERENCES staff_user(id),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  snapshot    jsonb NOT NULL
);

CREATE TABLE retention_hold (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id    uuid NOT NULL REFERENCES person(id),
  -- NULL: the whole client; else one register (service task)
  service_task text REFERENCES service_task(code),
  kind         text NOT NULL CHECK (kind IN ('appeal', 'complaint', 'other')),
  reason       text NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
  placed_by    uuid NOT NULL REFERENCES staff_user(id),
  placed_at    timestamptz NOT NULL DEFAULT now(),
  lifted_by    uuid REFERENCES staff_user(id),
  lifted_at    timestamptz,
  version      integer NOT NULL DEFAULT 1
);
CREATE INDEX retention_hold_person_idx ON retention_hold (person_id) WHERE lifted_at IS NULL;

-- retention_state and retention_stale name the person without a foreign key: they are derived from the facts, not
-- records of the client, so merging identities does not move them (the survivor is recomputed) and destruction
-- removes them with the person.
CREATE TABLE retention_state (
  person_id        uuid NOT NULL,
  -- 'client' (basic data) or a service task
  register         text NOT NULL,
  retention_class  text NOT NULL,
  status           text NOT NULL CHECK (status IN ('permanent', 'until', 'running', 'held')),
  destroy_after    date,
  permanent_reason text CHECK (permanent_reason IN ('sample', 'archive_order')),
  waiting_for      text,
  fallback         boolean NOT NULL DEFAULT false,
  rule_id          uuid REFERENCES retention_rule(id),
  -- the day the status may change by time alone (the unknown-death fallback): recomputed then
  recheck_on       date,
  computed_on      date NOT NULL,
  PRIMARY KEY (person_id, register)
);
CREATE INDEX retention_state_due_idx ON retention_state (destroy_after) WHERE status = 'until';
CREATE INDEX retention_state_recheck_idx ON retention_state (recheck_on) WHERE recheck_on IS NOT NULL;

CREATE TABLE retention_stale (
  person_id uuid PRIMARY KEY
);

-- Facts that change a client's retention mark the client stale (every code path, the register sync included).
CREATE FUNCTION retention_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'person' THEN
    IF TG_OP = 'INSERT' OR NEW.death_date IS DISTINCT FROM OLD.death_date OR NEW.birth_date IS DISTINCT FROM OLD.birth_date THEN
      INSERT INTO retention_stale (person_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    INSERT INTO retention_stale (person_id) VALUES (NEW.person_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER person_retention_stale AFTER INSERT OR UPDATE ON person FOR EACH ROW EXECUTE FUNCTION retention_mark_stale();
CREATE TRIGGER client_relationship_retention_stale AFTER INSERT OR UPDATE ON client_relationship FOR EACH ROW EXECUTE FUNCTION retention_mark_stale();
CREATE TRIGGER retention_hold_stale AFTER INSERT OR UPDATE ON retention_hold FOR EACH ROW EXECUTE FUNCTION retention_mark_stale();
INSERT INTO retention_stale (person_id) SELECT id FROM person WHERE merged_into IS NULL;

CREATE SEQUENCE destruction_list_no_seq;
CREATE TABLE destruction_list (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number       bigint NOT NULL UNIQUE DEFAULT nextval('destruction_list_no_seq'),
  state        text NOT NULL CHECK (state IN ('proposed', 'approved', 'executing', 'done', 'cancelled')),
  -- NULL: proposed by the retention job
  proposed_by  uuid REFERENCES staff_user(id),
  proposed_at  timestamptz NOT NULL DEFAULT now(),
  due_on       date NOT NULL,
  approved_by  uuid REFERENCES staff_user(id),
  approved_at  timestamptz,
  executed_by  uuid REFERENCES staff_user(id),
  started_at   timestamptz,
  finished_at  timestamptz,
  version      integer NOT NULL DEFAULT 1,
  CONSTRAINT destruction_list_two_persons CHECK (approved_by IS NULL OR proposed_by IS NULL OR approved_by <> proposed_by),
  CHECK (state IN ('proposed', 'cancelled') OR approved_by IS NOT NULL)
);

CREATE TABLE destruction_item (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  list_id       uuid NOT NULL REFERENCES destruction_list(id),
  -- no foreign key: the person is gone once destroyed; the id alone names nobody
  person_id     uuid NOT NULL,
  -- what the archive officer reviews (the name is cleared when destroyed)
  label         text,
  birth_date    date,
  registers     text[] NOT NULL,
  destroy_after date NOT NULL,
  basis         text NOT NULL,
  state         text NOT NULL DEFAULT 'listed' CHECK (state IN ('listed', 'removed', 'destroyed')),
  removed_by    uuid REFERENCES staff_user(id),
  removed_at    timestamptz,
  removed_reason text,
  destroyed_at  timestamptz,
  -- files of the attachment folder still to unlink after the batch committed
  pending_files text[] NOT NULL DEFAULT '{}',
  CHECK (state <> 'removed' OR (removed_by IS NOT NULL AND length(removed_reason) >= 3))
);
CREATE INDEX destruction_item_list_idx ON destruction_item (list_id, state);
CREATE INDEX destruction_item_person_idx ON destruction_item (person_id);

CREATE SEQUENCE destruction_record_no_seq;
CREATE TABLE destruction_record (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number        bigint NOT NULL UNIQUE DEFAULT nextval('destruction_record_no_seq'),
  list_id       uuid NOT NULL REFERENCES destruction_list(id),
  item_id       uuid NOT NULL UNIQUE REFERENCES destruction_item(id),
  -- HMAC-SHA256 of the identity (henkilötunnus or temporary id) under the server's key: whose, pseudonymously
  subject_key   text NOT NULL,
  registers     text[] NOT NULL,
  destroy_after date NOT NULL,
  basis         text NOT NULL,
  proposed_by   uuid REFERENCES staff_user(id),
  approved_by   uuid NOT NULL REFERENCES staff_user(id),
  executed_by   uuid REFERENCES staff_user(id),
  destroyed_at  timestamptz NOT NULL DEFAULT now(),
  -- rows removed per table, files removed
  counts        jsonb NOT NULL
);
CREATE INDEX destruction_record_key_idx ON destruction_record (subject_key);

CREATE FUNCTION destruction_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a destruction record is permanent (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER destruction_record_immutable BEFORE UPDATE OR DELETE ON destruction_record FOR EACH ROW EXECUTE FUNCTION destruction_record_guard();
CREATE TRIGGER destruction_record_no_truncate BEFORE TRUNCATE ON destruction_record FOR EACH STATEMENT EXECUTE FUNCTION destruction_record_guard();

-- The one way past the immutability guards: a transaction executing an approved destruction list names it
-- (set_config('huoma.destruction_list', …, true)); a row of a client on that list may then be deleted.
CREATE FUNCTION huoma_destruction_allows(p uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM destruction_list l
    WHERE l.id::text = nullif(current_setting('huoma.destruction_list', true), '')
      AND l.state = 'executing' AND l.approved_by IS NOT NULL
      AND (p IS NULL OR EXISTS (SELECT 1 FROM destruction_item i WHERE i.list_id = l.id AND i.person_id = p AND i.state = 'listed'))
  )
$$;

CREATE OR REPLACE FUNCTION journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev journal_entry;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'journal_entry: TRUNCATE refused (signed entries are permanent)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' AND huoma_destruction_allows(OLD.person_id) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.previous_id IS NULL THEN
      NEW.entry_id := NEW.id;
      NEW.entry_no := nextval('journal_entry_no_seq');
      NEW.version_no := 1;
    ELSE
      SELECT * INTO prev FROM journal_entry WHERE id = NEW.previous_id FOR UPDATE;
      IF prev.status IS DISTINCT FROM 'signed' THEN
        RAISE EXCEPTION 'journal_entry: only a signed version can be corrected' USING ERRCODE = 'check_violation';
      END IF;
      IF prev.person_id <> NEW.person_id OR prev.service_task <> NEW.service_task THEN
        RAISE EXCEPTION 'journal_entry: a correction belongs to the same client and service task' USING ERRCODE = 'check_violation';
      END IF;
      NEW.entry_id := prev.entry_id;
      NEW.entry_no := prev.entry_no;
      NEW.version_no := prev.version_no + 1;
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.person_id <> OLD.person_id
     AND (to_jsonb(NEW) - 'person_id') = (to_jsonb(OLD) - 'person_id')
     AND EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id AND merged_into = NEW.person_id) THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'journal_entry %: a signed entry is immutable (% refused); correct it with a new version', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  -- A draft's identity never changes: only its content, its lock version and signing.
  IF NEW.id <> OLD.id OR NEW.entry_id <> OLD.entry_id OR NEW.entry_no <> OLD.entry_no OR NEW.version_no <> OLD.version_no
     OR NEW.previous_id IS DISTINCT FROM OLD.previous_id OR NEW.person_id <> OLD.person_id
     OR NEW.service_task <> OLD.service_task OR NEW.author_id <> OLD.author_id OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'journal_entry %: identity columns of a draft cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = 'signed' AND NEW.signed_by <> OLD.author_id THEN
    RAISE EXCEPTION 'journal_entry %: only the author signs a draft', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION income_support_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND huoma_destruction_allows(NULL) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'a decision is never edited or deleted; a new decision corrects it' USING ERRCODE = '42501';
END $$;

CREATE OR REPLACE FUNCTION decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'decision' AND huoma_destruction_allows(OLD.person_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'a decision is never edited or deleted; a new decision corrects it' USING ERRCODE = '42501';
END $$;

CREATE OR REPLACE FUNCTION client_account_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a client_account%ROWTYPE;
BEGIN
  IF TG_OP = 'DELETE' AND huoma_destruction_allows(NULL) THEN
    RETURN OLD;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'client account entries are append-only: correct with a reversing entry' USING ERRCODE = '23514';
  END IF;
  IF EXISTS (SELECT 1 FROM client_account_reconciliation r
             WHERE r.month = date_trunc('month', NEW.entry_on)::date AND r.bank_cents = r.ledger_cents) THEN
    RAISE EXCEPTION 'month % is closed by reconciliation', to_char(NEW.entry_on, 'YYYY-MM') USING ERRCODE = '23514';
  END IF;
  SELECT * INTO a FROM client_account WHERE id = NEW.account_id;
  IF NEW.entry_on < a.opened_on OR (a.closed_on IS NOT NULL AND NEW.entry_on > a.closed_on) THEN
    RAISE EXCEPTION 'entry date outside the account''s open period' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION payment_item_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
  b record;
BEGIN
  IF TG_OP = 'DELETE' AND huoma_destruction_allows(NULL) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment items are never deleted' USING ERRCODE = '23514';
  END IF;
  SELECT state, msg_id INTO b FROM payment_batch WHERE id = NEW.batch_id;
  IF TG_OP = 'INSERT' THEN
    IF b.state <> 'draft' THEN
      RAISE EXCEPTION 'payments are added only to a draft batch' USING ERRCODE = '23514';
    END IF;
    SELECT state, amount_cents INTO p FROM payable WHERE id = NEW.payable_id FOR UPDATE;
    IF p.state <> 'open' THEN
      RAISE EXCEPTION 'payable % is not open (%)', NEW.payable_id, p.state USING ERRCODE = '23505';
    END IF;
    IF p.amount_cents <> NEW.amount_cents THEN
      RAISE EXCEPTION 'payment amount differs from its payable' USING ERRCODE = '23514';
    END IF;
    UPDATE payable SET state = 'in_batch' WHERE id = NEW.payable_id;
    RETURN NEW;
  END IF;
  IF NEW.batch_id <> OLD.batch_id OR NEW.payable_id <> OLD.payable_id OR NEW.amount_cents <> OLD.amount_cents
     OR NEW.end_to_end_id <> OLD.end_to_end_id OR NEW.number <> OLD.number THEN
    RAISE EXCEPTION 'a payment item''s payable, amount and EndToEndId never change' USING ERRCODE = '23514';
  END IF;
  IF OLD.cancelled AND NOT NEW.cancelled THEN
    RAISE EXCEPTION 'a cancelled payment item stays cancelled' USING ERRCODE = '23514';
  END IF;
  IF OLD.execution_on IS NOT NULL AND NEW.execution_on IS DISTINCT FROM OLD.execution_on THEN
    RAISE EXCEPTION 'the execution date was written to the bank file' USING ERRCODE = '23514';
  END IF;
  IF NEW.cancelled AND NOT OLD.cancelled THEN
    IF b.msg_id IS NOT NULL THEN
      RAISE EXCEPTION 'a payment of a sent batch cannot be cancelled' USING ERRCODE = '23514';
    END IF;
    UPDATE payable SET state = 'open' WHERE id = NEW.payable_id AND state = 'in_batch';
  END IF;
  IF NEW.state <> OLD.state THEN
    IF b.msg_id IS NULL THEN
      RAISE EXCEPTION 'a payment has no bank status before its file is sent' USING ERRCODE = '23514';
    END IF;
    IF OLD.state IN ('settled', 'returned') AND NOT (OLD.state = 'settled' AND NEW.state = 'returned') THEN
      RAISE EXCEPTION 'payment % is already %', OLD.end_to_end_id, OLD.state USING ERRCODE = '23514';
    END IF;
    IF NEW.state = 'settled' THEN
      UPDATE payable SET state = 'paid' WHERE id = NEW.payable_id;
    ELSIF NEW.state IN ('returned', 'rejected') THEN
      UPDATE payable SET state = 'returned' WHERE id = NEW.payable_id;
    ELSIF NEW.state = 'accepted' AND OLD.state = 'rejected' THEN
      UPDATE payable SET state = 'in_batch' WHERE id = NEW.payable_id;
    END IF;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
