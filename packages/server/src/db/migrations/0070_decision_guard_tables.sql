-- The decision guard (0068) serves `decision` and `income_support_decision` alike, but named OLD.service_task in
-- the one condition: PL/pgSQL binds every field an expression names, so income support's decisions (no such column)
-- failed every refused edit with "record old has no field service_task" instead of the guard's own message.
-- The register check now reads the field only for `decision`.
CREATE OR REPLACE FUNCTION decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'decision' THEN
    IF huoma_destruction_allows(OLD.person_id, OLD.service_task) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'a decision is never edited or deleted; a new decision corrects it' USING ERRCODE = '42501';
END $$;
