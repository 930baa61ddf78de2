-- Journal (asiakaskertomus): entries per client per service task.
--
-- One row per VERSION of an entry. The first version of an entry has previous_id NULL and entry_id = its own id; a
-- correction inserts a new, already signed row whose previous_id points at the version it corrects, with the
-- corrector (author_id), time (created_at) and a required reason. The corrected version is never touched: it is
-- "superseded" because a row points at it (UNIQUE previous_id keeps the chain linear). So a signed row is never
-- updated for any reason, which the trigger below enforces without exceptions.
--
-- Retention (703/2023) is per service task, so every row carries its service task. Destroying rows after the
-- retention period (an approved hävitysluettelo) will need its own controlled path past journal_entry_guard.

CREATE SEQUENCE journal_entry_no_seq;

CREATE TABLE journal_entry (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id           uuid NOT NULL,                              -- the first version's id (set by the trigger)
  entry_no           bigint NOT NULL,                            -- paging key of the entry (set by the trigger)
  version_no         integer NOT NULL DEFAULT 1 CHECK (version_no >= 1),
  previous_id        uuid UNIQUE REFERENCES journal_entry(id),
  person_id          uuid NOT NULL REFERENCES person(id),
  service_task       text NOT NULL REFERENCES service_task(code),
  type               text NOT NULL CHECK (type IN ('meeting', 'home_visit', 'phone_call', 'measure', 'negotiation', 'other')),
  event_date         date NOT NULL,                              -- Europe/Helsinki calendar date
  event_time         time(0),
  staff_participants uuid[] NOT NULL DEFAULT '{}',
  other_participants text[] NOT NULL DEFAULT '{}',
  body               text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 20000),
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  author_id          uuid NOT NULL REFERENCES staff_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  signed_by          uuid REFERENCES staff_user(id),
  signed_at          timestamptz,
  correction_reason  text,
  version            integer NOT NULL DEFAULT 1,                 -- optimistic locking of draft edits
  CONSTRAINT journal_entry_signature CHECK ((status = 'signed') = (signed_by IS NOT NULL AND signed_at IS NOT NULL)),
  CONSTRAINT journal_entry_correction CHECK (
    (previous_id IS NULL AND correction_reason IS NULL AND version_no = 1)
    OR (previous_id IS NOT NULL AND length(btrim(correction_reason)) >= 5 AND status = 'signed' AND version_no > 1)
  )
);
CREATE INDEX journal_entry_list_idx ON journal_entry (person_id, service_task, event_date DESC, entry_no DESC);
CREATE INDEX journal_entry_entry_idx ON journal_entry (entry_id, version_no);

CREATE FUNCTION journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev journal_entry;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'journal_entry: TRUNCATE refused (signed entries are permanent)' USING ERRCODE = 'insufficient_privilege';
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

CREATE TRIGGER journal_entry_insert BEFORE INSERT ON journal_entry FOR EACH ROW EXECUTE FUNCTION journal_entry_guard();
CREATE TRIGGER journal_entry_immutable BEFORE UPDATE OR DELETE ON journal_entry FOR EACH ROW EXECUTE FUNCTION journal_entry_guard();
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry FOR EACH STATEMENT EXECUTE FUNCTION journal_entry_guard();
