-- Issue 16, item 1: every server process caches sessions and principals (access/access-cache.ts); any change to
-- what a principal may do tells every process at commit, whichever code path (or hand-written SQL) made it.
-- The payload names the user ('u:<uuid>'), or '*' when everyone is affected (a new user commitment, a TRUNCATE).
-- NOTIFY is transactional: a rolled-back change notifies nobody, identical payloads of one transaction fold into one.

CREATE FUNCTION huoma_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' OR TG_TABLE_NAME = 'user_commitment_version' THEN
    PERFORM pg_notify('huoma_access', '*');
  ELSIF TG_TABLE_NAME = 'staff_user' THEN
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('huoma_access', 'u:' || OLD.id::text); END IF;
  ELSIF TG_TABLE_NAME = 'staff_session' THEN
    -- a new session is in no cache yet
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('huoma_access', 'u:' || OLD.user_id::text); END IF;
  ELSE -- staff_grant, user_commitment_acceptance
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('huoma_access', 'u:' || OLD.user_id::text); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('huoma_access', 'u:' || NEW.user_id::text); END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER staff_user_access_changed AFTER UPDATE OR DELETE ON staff_user
  FOR EACH ROW EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER staff_session_access_changed AFTER UPDATE OR DELETE ON staff_session
  FOR EACH ROW EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER staff_grant_access_changed AFTER INSERT OR UPDATE OR DELETE ON staff_grant
  FOR EACH ROW EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER user_commitment_acceptance_access_changed AFTER INSERT OR UPDATE OR DELETE ON user_commitment_acceptance
  FOR EACH ROW EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER user_commitment_version_access_changed AFTER INSERT OR UPDATE OR DELETE ON user_commitment_version
  FOR EACH ROW EXECUTE FUNCTION huoma_access_changed();

CREATE TRIGGER staff_user_access_truncated AFTER TRUNCATE ON staff_user FOR EACH STATEMENT EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER staff_session_access_truncated AFTER TRUNCATE ON staff_session FOR EACH STATEMENT EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER staff_grant_access_truncated AFTER TRUNCATE ON staff_grant FOR EACH STATEMENT EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER user_commitment_acceptance_access_truncated AFTER TRUNCATE ON user_commitment_acceptance FOR EACH STATEMENT EXECUTE FUNCTION huoma_access_changed();
CREATE TRIGGER user_commitment_version_access_truncated AFTER TRUNCATE ON user_commitment_version FOR EACH STATEMENT EXECUTE FUNCTION huoma_access_changed();
