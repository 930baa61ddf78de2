-- The audit log at scale (issue 3).
--
-- 1. "Who has processed client X" reads a narrow side table, audit_client(client_id, audit_id), through a btree on
--    (client_id, audit_id): newest first for one client reads only the rows of the page it returns, however long
--    that client's history is. It replaces the GIN index on audit_log.client_ids, which found a busy client's rows
--    but had to fetch every one of them from the heap and sort them before returning the newest page.
--
-- 2. The hash chain is sealed off the request path. Until now a BEFORE INSERT trigger locked the chain head until
--    commit, so every transaction that wrote an audit row (every request that touches client data) queued for one
--    lock: an audited read was 3.4× a bare read, and audit inserts peaked at ~570/s on this 2-core machine (a plain
--    insert: ~3 700/s). Now an insert only appends the row, its audit_client rows and an audit_pending entry — all
--    in the request's own transaction, so a committed row is never lost — and the sealer (one at a time, in the
--    server: packages/server/src/access/audit-sealer.ts) takes pending rows in id order and appends them to the
--    chain in audit_seal: position n holds sha256(canonical(row) || hash of position n-1). The chain head names the
--    last position and its hash. `huoma audit verify` walks audit_seal, recomputes every hash from the row as it is
--    now, checks every position follows the previous one, the head, that every row is sealed or pending, and that
--    audit_client holds exactly each row's client ids.
--
-- Existing rows were chained in id order with the same formula, so their hashes move into audit_seal unchanged.

-- ---- 1. audit_client ----------------------------------------------------------------------------------------------
CREATE TABLE audit_client (
  client_id   uuid        NOT NULL,
  audit_id    bigint      NOT NULL,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, audit_id) INCLUDE (occurred_at)
);
-- The verifier compares audit_client with audit_log per range of audit ids; rows arrive in about id order, so a
-- BRIN index answers that for a few kilobytes.
CREATE INDEX audit_client_audit_brin ON audit_client USING brin (audit_id);

INSERT INTO audit_client (client_id, audit_id, occurred_at)
SELECT DISTINCT c.id, a.id, a.occurred_at FROM audit_log a CROSS JOIN LATERAL unnest(a.client_ids) AS c(id);

DROP INDEX audit_log_client_idx;

-- ---- 2. Sealing ---------------------------------------------------------------------------------------------------
CREATE TABLE audit_seal (
  position bigint PRIMARY KEY,
  audit_id bigint NOT NULL UNIQUE,
  hash     bytea  NOT NULL
);
INSERT INTO audit_seal (position, audit_id, hash)
SELECT row_number() OVER (ORDER BY id), id, hash FROM audit_log;

-- Rows written but not yet in the chain. Deleted by the sealer as it seals them.
CREATE TABLE audit_pending (
  audit_id bigint PRIMARY KEY
);

ALTER TABLE audit_chain_head RENAME COLUMN last_id TO last_position;
UPDATE audit_chain_head SET last_position = (SELECT count(*) FROM audit_seal) WHERE id = 1;

DROP TRIGGER audit_log_chain ON audit_log;
DROP FUNCTION audit_log_chain();
ALTER TABLE audit_log DROP COLUMN prev_hash, DROP COLUMN hash;
ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq');
ALTER TABLE audit_log ALTER COLUMN occurred_at SET DEFAULT now();
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

-- audit_log_canonical (0002) is unchanged: it never read the hash columns, and its body is resolved when called.

-- One statement-level trigger per insert: the inserted rows' clients and their pending entries, in the same
-- transaction as the rows.
CREATE FUNCTION audit_log_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_client (client_id, audit_id, occurred_at)
  SELECT DISTINCT c.id, n.id, n.occurred_at FROM audit_new n CROSS JOIN LATERAL unnest(n.client_ids) AS c(id);
  INSERT INTO audit_pending (audit_id) SELECT id FROM audit_new;
  RETURN NULL;
END
$$;
CREATE TRIGGER audit_log_after_insert AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_log_after_insert();

-- Seals up to max_rows pending rows in id order and returns how many. Only one sealer works at a time: a second one
-- finds the chain head locked and returns 0 at once.
CREATE FUNCTION audit_seal_pending(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  head      audit_chain_head;
  ids       bigint[];
  sealed    bigint[] := '{}';
  positions bigint[] := '{}';
  hashes    bytea[] := '{}';
  h         bytea;
  pos       bigint;
  r         audit_log;
BEGIN
  -- Idle rounds touch nothing (no row lock, no transaction id, no WAL).
  IF NOT EXISTS (SELECT 1 FROM audit_pending) THEN
    RETURN 0;
  END IF;
  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  WITH taken AS (
    DELETE FROM audit_pending p
     WHERE p.audit_id IN (SELECT audit_id FROM audit_pending ORDER BY audit_id LIMIT max_rows)
    RETURNING p.audit_id
  )
  SELECT coalesce(array_agg(audit_id ORDER BY audit_id), '{}') INTO ids FROM taken;
  IF cardinality(ids) = 0 THEN
    RETURN 0;
  END IF;
  h := head.last_hash;
  pos := head.last_position;
  ids := ARRAY(SELECT unnest(ids) EXCEPT SELECT audit_id FROM audit_seal WHERE audit_id = ANY(ids) ORDER BY 1);
  FOR r IN SELECT * FROM audit_log a WHERE a.id = ANY(ids) ORDER BY a.id LOOP
    pos := pos + 1;
    h := sha256(convert_to(audit_log_canonical(r), 'UTF8') || h);
    sealed := sealed || r.id;
    positions := positions || pos;
    hashes := hashes || h;
  END LOOP;
  INSERT INTO audit_seal (position, audit_id, hash)
  SELECT p, a, x FROM unnest(positions, sealed, hashes) AS u(p, a, x);
  UPDATE audit_chain_head SET last_position = pos, last_hash = h WHERE id = 1;
  RETURN cardinality(positions);
END
$$;

-- The chain's tables are append-only like the log (the sealer only deletes from audit_pending).
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_client_no_update BEFORE UPDATE OR DELETE ON audit_client FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_client_no_truncate BEFORE TRUNCATE ON audit_client FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_client, audit_seal FROM PUBLIC;
