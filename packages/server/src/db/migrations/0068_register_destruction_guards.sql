-- Per-register destruction, the guards' part: the immutability guards of signed journal entries and decisions let a
-- row go inside an executing, approved list only when the list destroys that row's client as a whole, or that row's
-- register of the client (an item of `scope` `registers` naming its service task). A register item's transaction
-- can thus never take a signed entry or decision of a register the client keeps.
CREATE FUNCTION huoma_destruction_allows(p uuid, task text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM destruction_list l
    WHERE l.id::text = nullif(current_setting('huoma.destruction_list', true), '')
      AND l.state = 'executing' AND l.approved_by IS NOT NULL
      AND EXISTS (SELECT 1 FROM destruction_item i
                  WHERE i.list_id = l.id AND i.person_id = p AND i.state = 'listed'
                    AND (i.scope = 'client' OR task = ANY (i.registers)))
  )
$$;

CREATE OR REPLACE FUNCTION journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev journal_entry;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'journal_entry: TRUNCATE refused (signed entries are permanent)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' AND huoma_destruction_allows(OLD.person_id, OLD.service_task) THEN
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

CREATE OR REPLACE FUNCTION decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'decision' AND huoma_destruction_allows(OLD.person_id, OLD.service_task) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'a decision is never edited or deleted; a new decision corrects it' USING ERRCODE = '42501';
END $$;
