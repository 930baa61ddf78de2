-- Issue 16: the session's idle timeout slides forward (touchSession, at most once a minute per session and process)
-- without telling every process's access cache to drop the user's entries. A forward slide only lengthens what a
-- cached entry already allows, and an entry never outlives the idle timeout it was loaded with (nor 30 s), so a
-- process that missed the slide re-reads the session sooner, never later. Any other change to a session — revoked,
-- stage, expiry, or last_seen_at moved back (made idle by hand) — still notifies at once, as 0050 set up.
DROP TRIGGER staff_session_access_changed ON staff_session;

CREATE TRIGGER staff_session_access_deleted AFTER DELETE ON staff_session
  FOR EACH ROW EXECUTE FUNCTION huoma_access_changed();

CREATE TRIGGER staff_session_access_changed AFTER UPDATE ON staff_session
  FOR EACH ROW
  WHEN (NOT (NEW.last_seen_at > OLD.last_seen_at AND (to_jsonb(OLD) - 'last_seen_at') = (to_jsonb(NEW) - 'last_seen_at')))
  EXECUTE FUNCTION huoma_access_changed();
