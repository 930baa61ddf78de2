-- The audit log partitioned by time (issue 16 item 4), and its own retention (issue 13: 12 years from creation,
-- rules.md §4.2).
--
-- 1. audit_log and its client index audit_client become tables PARTITIONED BY RANGE (occurred_at): one partition per
--    Helsinki calendar month (audit_log_y2026m12, audit_client_y2026m12: from the 1st 00:00 Europe/Helsinki to the
--    next 1st) and a DEFAULT partition each, which catches a row whose month has no partition yet, so an insert
--    never fails. What a request writes (the row, its clients, the pending entry) then lands in this month's small
--    indexes however long the log is: the client index's btree (client_id, audit_id, occurred_at) is inserted at a
--    random place, and in one table it outgrew the cache as the log grew. The primary keys include the partition key
--    (audit_log (id, occurred_at), audit_client (client_id, audit_id, occurred_at)); ids still come from one
--    sequence, so they stay unique without an index of their own.
-- 2. audit_ensure_partitions(from, through) creates the months' partitions that are missing (idempotent; the
--    scheduled job `audit-partitions` keeps the coming months ready), with the same append-only triggers. A month
--    whose rows already sit in the DEFAULT partition is left there (the partition could not be created) and named
--    in the result.
-- 3. audit_detached: whole partitions detached for cold storage (`huoma audit detach --before YYYY-MM`). Each row
--    records the month, the rows and the seal positions the detached rows had and the hash of the last one, so
--    `huoma audit verify` knows those rows are gone on purpose and the chain still runs through them: the seals
--    (ids and hashes, no personal data) stay in audit_seal.
-- 4. audit_pending gains occurred_at, so the sealer reads only the partitions of the rows it seals; audit_review's
--    reference to audit_log(id) (which a partitioned table cannot serve without the partition key) becomes a
--    trigger check.
--
-- The rows are copied as they are: the canonical text (and so every hash of the chain) does not change.

-- ---- 1. Out of the way: the old tables ---------------------------------------------------------------------------
ALTER SEQUENCE audit_log_id_seq OWNED BY NONE;
ALTER TABLE audit_log RENAME TO audit_log_old;
ALTER TABLE audit_client RENAME TO audit_client_old;
ALTER INDEX audit_log_pkey RENAME TO audit_log_old_pkey;
ALTER INDEX audit_log_user_time_idx RENAME TO audit_log_old_user_time_idx;
ALTER INDEX audit_log_time_idx RENAME TO audit_log_old_time_idx;
ALTER INDEX audit_client_pkey RENAME TO audit_client_old_pkey;
ALTER INDEX audit_client_audit_brin RENAME TO audit_client_old_audit_brin;
ALTER TABLE audit_review DROP CONSTRAINT audit_review_audit_id_fkey;

-- ---- 2. The partitioned tables -----------------------------------------------------------------------------------
CREATE TABLE audit_log (
  id             bigint      NOT NULL DEFAULT nextval('audit_log_id_seq'),
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  user_id        uuid,
  role_code      text,
  unit_id        uuid,
  client_ids     uuid[]      NOT NULL DEFAULT '{}',
  data_group     text        NOT NULL,
  action         text        NOT NULL CHECK (action IN ('view', 'insert', 'update', 'delete', 'print', 'export', 'disclose', 'search', 'security')),
  event          text        NOT NULL,
  basis          text,
  ref_id         uuid,
  outcome        text        NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  request_id     text,
  client_address text,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX audit_log_user_time_idx ON audit_log (user_id, occurred_at);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

CREATE TABLE audit_client (
  client_id   uuid        NOT NULL,
  audit_id    bigint      NOT NULL,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, audit_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX audit_client_audit_brin ON audit_client USING brin (audit_id);

CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
CREATE TABLE audit_client_default PARTITION OF audit_client DEFAULT;

-- The canonical text of a row of the new table (the same text as 0002's for the same values).
CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|',
    r.id::text,
    to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.user_id::text, ''),
    coalesce(r.role_code, ''),
    coalesce(r.unit_id::text, ''),
    array_to_string(r.client_ids, ','),
    r.data_group,
    r.action,
    r.event,
    coalesce(r.basis, ''),
    coalesce(r.ref_id::text, ''),
    r.outcome,
    coalesce(r.request_id, ''),
    coalesce(r.client_address, ''))
$$;

-- ---- 3. Months -----------------------------------------------------------------------------------------------------
-- The first instant of the Helsinki calendar month of `d`.
CREATE FUNCTION audit_month_start(d date) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', d)::date::timestamp AT TIME ZONE 'Europe/Helsinki'
$$;

-- Creates the partitions of audit_log and audit_client for every month from `from_month` through `through_month`
-- that has none; returns one row per month it did not leave as it was: 'created', or 'in-default' when rows of that
-- month already sit in the DEFAULT partition (the partition cannot be created over them; they stay where they are,
-- found and verified like any other). SECURITY DEFINER: the server's application role may add months, not own them.
CREATE FUNCTION audit_ensure_partitions(from_month date, through_month date)
  RETURNS TABLE (month date, outcome text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  m      date := date_trunc('month', from_month)::date;
  lo     timestamptz;
  hi     timestamptz;
  suffix text;
BEGIN
  IF through_month - from_month > 366 * 20 THEN
    RAISE EXCEPTION 'audit_ensure_partitions: % months is too many at once', (through_month - from_month) / 30;
  END IF;
  WHILE m <= through_month LOOP
    suffix := to_char(m, '"y"YYYY"m"MM');
    IF to_regclass('audit_log_' || suffix) IS NULL THEN
      lo := audit_month_start(m);
      hi := audit_month_start((m + interval '1 month')::date);
      -- A month already detached is not created again (its rows went to cold storage).
      IF EXISTS (SELECT 1 FROM audit_detached d WHERE d.month = m) THEN
        NULL;
      ELSIF EXISTS (SELECT 1 FROM audit_log_default WHERE occurred_at >= lo AND occurred_at < hi)
         OR EXISTS (SELECT 1 FROM audit_client_default WHERE occurred_at >= lo AND occurred_at < hi) THEN
        month := m; outcome := 'in-default'; RETURN NEXT;
      ELSE
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', 'audit_log_' || suffix, lo, hi);
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_client FOR VALUES FROM (%L) TO (%L)', 'audit_client_' || suffix, lo, hi);
        -- Row triggers are cloned from the parent; a statement's TRUNCATE of the partition itself is refused here.
        EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', 'audit_log_' || suffix);
        EXECUTE format('CREATE TRIGGER audit_client_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', 'audit_client_' || suffix);
        month := m; outcome := 'created'; RETURN NEXT;
      END IF;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_ensure_partitions(date, date) FROM PUBLIC;

-- ---- 4. Detached months --------------------------------------------------------------------------------------------
CREATE TABLE audit_detached (
  month          date        PRIMARY KEY CHECK (month = date_trunc('month', month)::date),
  log_table      text        NOT NULL,
  client_table   text        NOT NULL,
  range_from     timestamptz NOT NULL,
  range_to       timestamptz NOT NULL,
  -- The log rows detached, and the seal positions they had (first and last; other months' rows may sit between).
  row_count      bigint      NOT NULL CHECK (row_count >= 0),
  client_rows    bigint      NOT NULL CHECK (client_rows >= 0),
  first_position bigint,
  last_position  bigint,
  -- The chain's hash at last_position (from audit_seal, checked by verify): where the chain goes on after the month.
  last_hash      bytea,
  min_audit_id   bigint,
  max_audit_id   bigint,
  forced         boolean     NOT NULL DEFAULT false,
  detached_at    timestamptz NOT NULL DEFAULT now(),
  detached_by    text        NOT NULL DEFAULT current_user,
  CHECK ((row_count = 0) = (first_position IS NULL)),
  CHECK (last_position IS NULL OR last_position >= first_position)
);
CREATE TRIGGER audit_detached_no_update BEFORE UPDATE OR DELETE ON audit_detached FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_detached_no_truncate BEFORE TRUNCATE ON audit_detached FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_detached FROM PUBLIC;

-- ---- 5. The existing rows move in ----------------------------------------------------------------------------------
-- Every month that has rows, and this month through three months ahead.
SELECT count(*) FROM (
  SELECT audit_ensure_partitions(m, m)
    FROM (SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'Europe/Helsinki')::date AS m FROM audit_log_old) months
) created;
SELECT count(*) FROM audit_ensure_partitions((now() AT TIME ZONE 'Europe/Helsinki')::date,
                                             ((now() AT TIME ZONE 'Europe/Helsinki') + interval '3 months')::date);

INSERT INTO audit_log (id, occurred_at, user_id, role_code, unit_id, client_ids, data_group, action, event, basis, ref_id,
                       outcome, request_id, client_address)
SELECT id, occurred_at, user_id, role_code, unit_id, client_ids, data_group, action, event, basis, ref_id,
       outcome, request_id, client_address
  FROM audit_log_old ORDER BY id;
INSERT INTO audit_client (client_id, audit_id, occurred_at)
SELECT client_id, audit_id, occurred_at FROM audit_client_old ORDER BY audit_id, client_id;

DROP FUNCTION audit_log_canonical(audit_log_old);
DROP TABLE audit_log_old;
DROP TABLE audit_client_old;

-- ---- 6. Append-only, the client index and the queue, as before ---------------------------------------------------
-- A refusal names the table as written (audit_log, not the month's partition whose cloned trigger fired).
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', regexp_replace(TG_TABLE_NAME, '_(y[0-9]{4}m[0-9]{2}|default)$', ''), TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
ALTER TABLE audit_pending ADD COLUMN occurred_at timestamptz;
UPDATE audit_pending p SET occurred_at = a.occurred_at FROM audit_log a WHERE a.id = p.audit_id;
-- A pending entry whose row is gone stays (verify names it 'missing'); its time is unknown.
UPDATE audit_pending SET occurred_at = '-infinity' WHERE occurred_at IS NULL;
ALTER TABLE audit_pending ALTER COLUMN occurred_at SET NOT NULL;

CREATE OR REPLACE FUNCTION audit_log_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_client (client_id, audit_id, occurred_at)
  SELECT DISTINCT c.id, n.id, n.occurred_at FROM audit_new n CROSS JOIN LATERAL unnest(n.client_ids) AS c(id);
  INSERT INTO audit_pending (audit_id, occurred_at) SELECT id, occurred_at FROM audit_new;
  RETURN NULL;
END
$$;
CREATE TRIGGER audit_log_after_insert AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_log_after_insert();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_client_no_update BEFORE UPDATE OR DELETE ON audit_client FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_client_no_truncate BEFORE TRUNCATE ON audit_client FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log_default FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_client_no_truncate BEFORE TRUNCATE ON audit_client_default FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_client FROM PUBLIC;

-- audit_review named a row of the log by a foreign key; the log's key is now (id, occurred_at).
CREATE FUNCTION audit_review_row_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.audit_id) THEN
    RAISE EXCEPTION 'audit_review: no audit row %', NEW.audit_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_review_row_exists BEFORE INSERT OR UPDATE OF audit_id ON audit_review
  FOR EACH ROW EXECUTE FUNCTION audit_review_row_exists();

-- The sealer as in 0016, reading the pending rows' months only (the pending times bound the partitions read).
CREATE OR REPLACE FUNCTION audit_seal_pending(max_rows integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head      audit_chain_head;
  ids       bigint[];
  lo        timestamptz;
  hi        timestamptz;
  sealed    bigint[] := '{}';
  positions bigint[] := '{}';
  hashes    bytea[] := '{}';
  h         bytea;
  pos       bigint;
  r         audit_log;
BEGIN
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
    RETURNING p.audit_id, p.occurred_at
  )
  SELECT coalesce(array_agg(audit_id ORDER BY audit_id), '{}'), min(occurred_at), max(occurred_at) INTO ids, lo, hi FROM taken;
  IF cardinality(ids) = 0 THEN
    RETURN 0;
  END IF;
  h := head.last_hash;
  pos := head.last_position;
  ids := ARRAY(SELECT unnest(ids) EXCEPT SELECT audit_id FROM audit_seal WHERE audit_id = ANY(ids) ORDER BY 1);
  FOR r IN SELECT * FROM audit_log a WHERE a.id = ANY(ids) AND a.occurred_at BETWEEN lo AND hi ORDER BY a.id LOOP
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

-- ---- 7. The application role -------------------------------------------------------------------------------------
-- As in 0022, and: the partitions themselves are the owner's (the role reads and appends through the parents), the
-- record of detached months is read-only, and adding months is the one thing it may do to the tables' shape.
CREATE OR REPLACE FUNCTION huoma_grant_app_role(app text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  audit_tables constant text := 'audit_log, audit_client, audit_pending, audit_seal, audit_chain_head, audit_anchor, audit_detached';
  r pg_roles;
  part regclass;
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
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM %I', audit_tables, app);
  EXECUTE format('REVOKE INSERT ON audit_seal, audit_chain_head, audit_detached FROM %I', app);
  FOR part IN SELECT i.inhrelid::regclass FROM pg_inherits i
                WHERE i.inhparent IN ('audit_log'::regclass, 'audit_client'::regclass) LOOP
    EXECUTE format('REVOKE ALL ON %s FROM %I', part, app);
  END LOOP;
  EXECUTE format('REVOKE ALL ON kysely_migration, kysely_migration_lock FROM %I', app);
  EXECUTE format('GRANT SELECT ON kysely_migration, kysely_migration_lock TO %I', app);
  EXECUTE format('REVOKE EXECUTE ON FUNCTION huoma_grant_app_role(text) FROM %I', app);
END
$$;
REVOKE EXECUTE ON FUNCTION huoma_grant_app_role(text) FROM PUBLIC;
