-- Registry merges: a person registered with a temporary identity (<OID>.99.<n>, or a henkilötunnus in the
-- temporary range 900–999) is merged into the person with the real henkilötunnus. Every client record moves to the
-- surviving person in one transaction; the temporary person stays with merged_into set, and person_history says who,
-- when and why (the stated reason below).

ALTER TABLE person_history ADD COLUMN reason text;

-- A merged person is never merged again, and never into itself.
ALTER TABLE person ADD CONSTRAINT person_not_merged_into_self CHECK (merged_into IS NULL OR merged_into <> id);
CREATE INDEX person_merged_into_idx ON person (merged_into) WHERE merged_into IS NOT NULL;

-- The journal's immutability gets exactly one controlled exception: a row (signed or not) may change its person_id
-- and nothing else, from a person that is already marked merged into the new person. Everything else the guard of
-- 0006 refuses is still refused.
CREATE OR REPLACE FUNCTION journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
