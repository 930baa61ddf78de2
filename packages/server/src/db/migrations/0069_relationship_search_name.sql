-- Issue 16 item 3: a worker's name search starts from their own client relationships. The folded name key
-- (person.search_name) is kept on each relationship row, so the worker's few thousand relationship rows are matched
-- by name where they lie (a small table, their rows by the user index) and only the matching persons are read —
-- not every client's person row looked up to test the name.
ALTER TABLE client_relationship ADD COLUMN search_name text;

UPDATE client_relationship cr SET search_name = p.search_name FROM person p WHERE p.id = cr.person_id;

ALTER TABLE client_relationship ALTER COLUMN search_name SET NOT NULL;

-- a new relationship, or one moved to another person (merging identities), takes the person's key
CREATE FUNCTION client_relationship_search_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.search_name INTO NEW.search_name FROM person p WHERE p.id = NEW.person_id;
  -- no such person: the foreign key refuses the row with its own error
  IF NOT FOUND THEN NEW.search_name := ''; END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER client_relationship_search_name BEFORE INSERT OR UPDATE OF person_id ON client_relationship
  FOR EACH ROW EXECUTE FUNCTION client_relationship_search_name();

-- a renamed person's relationships follow the new key
CREATE FUNCTION person_search_name_to_relationships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE client_relationship SET search_name = NEW.search_name
   WHERE person_id = NEW.id AND search_name IS DISTINCT FROM NEW.search_name;
  RETURN NULL;
END $$;

CREATE TRIGGER person_search_name_to_relationships AFTER UPDATE OF search_name ON person
  FOR EACH ROW WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name)
  EXECUTE FUNCTION person_search_name_to_relationships();
