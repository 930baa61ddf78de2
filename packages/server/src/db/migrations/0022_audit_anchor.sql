-- The audit chain anchored outside the database (issue 15).
--
-- The hash chain of 0016 shows an altered row only to someone who cannot recompute the later hashes, and the
-- database's owner can (audit_log_canonical and sha256 are right here). So:
--
-- 1. audit_anchor: every seal round's head — its number, the chain positions it covers, the last row's id and the
--    chain hash at its end, when — signed by the server with an Ed25519 key that is never in the database
--    (HUOMA_AUDIT_SIGNING_KEY_FILE; access/audit-anchor.ts). The sealer writes the head in the same transaction as
--    the seals, and after commit appends it to a witness outside the database (a JSON-lines file, fsync'd; syslog).
--    `huoma audit verify` checks each signature with the public key, that each head still matches the chain, that
--    heads follow one another over every sealed position, and that the database and the witness hold the same heads.
--    Seals made before this migration are signed by the first round after it (their head's first position is 1).
--
-- 2. The server may run as an application role that may only insert and read the log: audit_seal_pending becomes
--    SECURITY DEFINER (it runs with the owner's rights to update the chain head and take pending rows; nobody else
--    may call it unless granted), and huoma_grant_app_role(role) grants an application role what the server needs —
--    all tables' rows, but on the audit tables only SELECT and INSERT (and none of them on the seals and chain head),
--    never ownership, so it can neither change the log nor disable its triggers. Huoma calls it after every
--    migration run when HUOMA_MIGRATION_DATABASE_URL (the owner) is set beside DATABASE_URL (the application role).

CREATE TABLE audit_anchor (
  seq            bigint      PRIMARY KEY,
  first_position bigint      NOT NULL,
  last_position  bigint      NOT NULL UNIQUE,
  last_audit_id  bigint      NOT NULL,
  last_hash      bytea       NOT NULL,
  row_count      integer     NOT NULL,
  sealed_at      timestamptz NOT NULL,
  key_id         text        NOT NULL,
  signature      bytea       NOT NULL,
  CHECK (seq > 0 AND first_position > 0 AND last_position >= first_position),
  CHECK (row_count = last_position - first_position + 1)
);
CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE OR DELETE ON audit_anchor FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_anchor FROM PUBLIC;

-- The sealer runs with the owner's rights: an application role needs no UPDATE on the chain head, no DELETE on
-- audit_pending and no INSERT on audit_seal to seal.
ALTER FUNCTION audit_seal_pending(integer) SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE EXECUTE ON FUNCTION audit_seal_pending(integer) FROM PUBLIC;

-- The head the sealer signs next, in the caller's transaction: the chain head locked (as audit_seal_pending locks it;
-- none when another sealer holds it), and the positions after the last signed head up to it. No row when everything
-- sealed is signed. SECURITY DEFINER for the lock: FOR UPDATE needs a right to update, which the application role has
-- not on the chain head.
CREATE FUNCTION audit_head_to_sign()
  RETURNS TABLE (seq bigint, first_position bigint, last_position bigint, last_audit_id bigint, last_hash bytea)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  head      audit_chain_head;
  prev_seq  bigint;
  prev_last bigint;
BEGIN
  SELECT * INTO head FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT a.seq, a.last_position INTO prev_seq, prev_last FROM audit_anchor a ORDER BY a.seq DESC LIMIT 1;
  prev_seq := coalesce(prev_seq, 0);
  prev_last := coalesce(prev_last, 0);
  IF head.last_position <= prev_last THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT prev_seq + 1, prev_last + 1, head.last_position, s.audit_id, head.last_hash
      FROM audit_seal s WHERE s.position = head.last_position;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_head_to_sign() FROM PUBLIC;

-- What the server's application role may do. Idempotent; run by the owner (Huoma does so after each migration run).
CREATE FUNCTION huoma_grant_app_role(app text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  audit_tables constant text := 'audit_log, audit_client, audit_pending, audit_seal, audit_chain_head, audit_anchor';
  r pg_roles;
BEGIN
  SELECT * INTO r FROM pg_roles WHERE rolname = app;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'role "%" does not exist', app;
  END IF;
  IF r.rolsuper OR r.rolbypassrls THEN
    RAISE EXCEPTION 'role "%" is a superuser (or bypasses row security): it could switch off the audit log''s triggers; the server''s role must be an ordinary one', app;
  END IF;
  IF pg_has_role(app, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'USAGE') THEN
    RAISE EXCEPTION 'role "%" owns the audit log (or is a member of its owner): the server''s role must not be the owner', app;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
  EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', app);
  EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', app);
  -- The log and its chain: read and append only. The insert trigger of audit_log (run as the inserting role) adds
  -- the rows of audit_client and audit_pending; the seals and the chain head only the sealer (as the owner) writes.
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM %I', audit_tables, app);
  EXECUTE format('REVOKE INSERT ON audit_seal, audit_chain_head FROM %I', app);
  -- The migrations are the owner's; the application role may read which are applied (`huoma db status`).
  EXECUTE format('REVOKE ALL ON kysely_migration, kysely_migration_lock FROM %I', app);
  EXECUTE format('GRANT SELECT ON kysely_migration, kysely_migration_lock TO %I', app);
  EXECUTE format('REVOKE EXECUTE ON FUNCTION huoma_grant_app_role(text) FROM %I', app);
END
$$;
REVOKE EXECUTE ON FUNCTION huoma_grant_app_role(text) FROM PUBLIC;
