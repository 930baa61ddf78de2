-- Separation of duties in granting access (issue 15, item 1).
--
-- A right that reaches client content (role.client_content) is given by two people: one asks (requested_by), another
-- grants (granted_by), neither of them the grantee, and neither of them the main user who created the grantee's
-- account (who chose or saw its first password). A main user never holds such a right, and a holder of one is never
-- made a main user. The application checks all of this with field messages first; this trigger is the last line, so
-- that no code path and no hand-written INSERT by the application role can skip it. Grants written with no granter
-- (granted_by NULL: the installation's bootstrap and the demo seed, run as the database owner) are not checked.

ALTER TABLE staff_user ADD COLUMN created_by uuid REFERENCES staff_user(id);

COMMENT ON COLUMN staff_user.created_by IS
  'the main user who created the account (and chose or saw its first password); NULL for installation and seed accounts';

CREATE FUNCTION staff_grant_separation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  content boolean;
  creator uuid;
BEGIN
  IF NEW.granted_by IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT client_content INTO content FROM role WHERE code = NEW.role_code;
  IF content THEN
    SELECT created_by INTO creator FROM staff_user WHERE id = NEW.user_id;
    IF NEW.requested_by IS NULL OR NEW.requested_by = NEW.granted_by THEN
      RAISE EXCEPTION 'a right to client content needs two people: one who asks and another who grants'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'staff_grant_two_persons';
    END IF;
    IF NEW.user_id IN (NEW.requested_by, NEW.granted_by) THEN
      RAISE EXCEPTION 'nobody asks for or grants a right to client content for themselves'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'staff_grant_not_self';
    END IF;
    IF creator IS NOT NULL AND creator IN (NEW.requested_by, NEW.granted_by) THEN
      RAISE EXCEPTION 'the creator of an account neither asks for nor grants it a right to client content'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'staff_grant_not_creator';
    END IF;
    IF EXISTS (SELECT 1 FROM staff_grant g WHERE g.user_id = NEW.user_id AND g.role_code = 'main_user'
                AND g.ended_at IS NULL AND (g.valid_until IS NULL OR g.valid_until >= (now() AT TIME ZONE 'Europe/Helsinki')::date)) THEN
      RAISE EXCEPTION 'a main user holds no right to client content'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'staff_grant_main_user_exclusive';
    END IF;
  ELSIF NEW.role_code = 'main_user' THEN
    IF EXISTS (SELECT 1 FROM staff_grant g JOIN role r ON r.code = g.role_code
                WHERE g.user_id = NEW.user_id AND r.client_content
                AND g.ended_at IS NULL AND (g.valid_until IS NULL OR g.valid_until >= (now() AT TIME ZONE 'Europe/Helsinki')::date)) THEN
      RAISE EXCEPTION 'a holder of a right to client content is not made a main user'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'staff_grant_main_user_exclusive';
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER staff_grant_separation BEFORE INSERT OR UPDATE OF user_id, role_code, requested_by, granted_by ON staff_grant
  FOR EACH ROW EXECUTE FUNCTION staff_grant_separation();

-- A request is never for its requester (NOT VALID: requests filed before this rule stay as they were).
ALTER TABLE grant_request ADD CONSTRAINT grant_request_not_self CHECK (requested_by <> user_id) NOT VALID;
