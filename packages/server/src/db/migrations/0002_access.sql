-- Identity, sessions, client relationships, break-the-glass access and the tamper-evident audit log.

ALTER TABLE staff_user
  ADD COLUMN failed_logins      integer NOT NULL DEFAULT 0,
  ADD COLUMN locked_until       timestamptz,
  ADD COLUMN totp_secret        text,
  ADD COLUMN totp_enabled_at    timestamptz,
  ADD COLUMN mfa_exempt         boolean NOT NULL DEFAULT false,   -- demo users only
  ADD COLUMN oidc_subject       text UNIQUE;

CREATE TABLE staff_recovery_code (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES staff_user(id),
  code_hash   text NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_recovery_code_user_idx ON staff_recovery_code (user_id);

-- Sessions: the cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE staff_session (
  id             bytea PRIMARY KEY,                -- sha256(token)
  user_id        uuid NOT NULL REFERENCES staff_user(id),
  csrf_token     text NOT NULL,
  stage          text NOT NULL CHECK (stage IN ('mfa_pending', 'password_change', 'active')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,             -- absolute timeout
  revoked_at     timestamptz,
  client_address text,
  user_agent     text
);
CREATE INDEX staff_session_user_idx ON staff_session (user_id) WHERE revoked_at IS NULL;

-- Client relationship (asiakkuus / työtehtävä) of a worker with a client in one service task.
CREATE TABLE client_relationship (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  user_id       uuid NOT NULL REFERENCES staff_user(id),
  service_task  text NOT NULL REFERENCES service_task(code),
  kind          text NOT NULL CHECK (kind IN ('responsible', 'team', 'task')),
  start_date    date NOT NULL,
  end_date      date,
  opened_by     uuid REFERENCES staff_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX client_relationship_user_idx ON client_relationship (user_id, person_id);
CREATE INDEX client_relationship_person_idx ON client_relationship (person_id);

-- Break the glass: access without a relationship, on a stated reason, for a bounded time; reviewed by the DPO.
CREATE TABLE break_glass (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES staff_user(id),
  person_id     uuid NOT NULL REFERENCES person(id),
  service_task  text NOT NULL REFERENCES service_task(code),
  reason        text NOT NULL CHECK (length(btrim(reason)) >= 10),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  reviewed_by   uuid REFERENCES staff_user(id),
  reviewed_at   timestamptz,
  verdict       text CHECK (verdict IN ('justified', 'unjustified', 'needs_follow_up')),
  review_note   text
);
CREATE INDEX break_glass_user_person_idx ON break_glass (user_id, person_id, expires_at);
CREATE INDEX break_glass_unreviewed_idx ON break_glass (created_at) WHERE reviewed_at IS NULL;

-- The audit log (käyttöloki / käsittelyloki). Append-only and hash-chained. Holds ids only: never free text from
-- records and never a henkilötunnus.
CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
  id             bigint PRIMARY KEY,
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  user_id        uuid,
  role_code      text,
  unit_id        uuid,
  client_ids     uuid[] NOT NULL DEFAULT '{}',
  data_group     text NOT NULL,        -- service task and record type, e.g. 'registry/person', 'income_support/decision'
  action         text NOT NULL CHECK (action IN ('view', 'insert', 'update', 'delete', 'print', 'export', 'disclose', 'search', 'security')),
  event          text NOT NULL,        -- the action-catalogue code or security event, e.g. 'persons:read', 'login.failure'
  basis          text,                 -- 'relationship', 'break_glass', 'role', 'public', ...
  ref_id         uuid,                 -- e.g. the break_glass row that carries the stated reason
  outcome        text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  request_id     text,
  client_address text,
  prev_hash      bytea NOT NULL,
  hash           bytea NOT NULL
);
CREATE INDEX audit_log_client_idx ON audit_log USING gin (client_ids);
CREATE INDEX audit_log_user_time_idx ON audit_log (user_id, occurred_at);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);

-- The head of the chain: one row, locked by every insert, so rows are chained in commit order.
CREATE TABLE audit_chain_head (
  id        integer PRIMARY KEY CHECK (id = 1),
  last_id   bigint NOT NULL,
  last_hash bytea NOT NULL
);
INSERT INTO audit_chain_head VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- Canonical text of a row, the input of its hash together with the previous hash. The verifier uses the same
-- function, so the two can never disagree about the format.
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

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev bytea;
BEGIN
  SELECT last_hash INTO prev FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.id := nextval('audit_log_id_seq');
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.prev_hash := prev;
  NEW.hash := sha256(convert_to(audit_log_canonical(NEW), 'UTF8') || prev);
  UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain_head FROM PUBLIC;

-- Grant requests: a supervisor asks, the main user grants (or refuses).
CREATE TABLE grant_request (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES staff_user(id),
  role_code     text NOT NULL REFERENCES role(code),
  unit_id       uuid NOT NULL REFERENCES unit(id),
  service_tasks text[] NOT NULL DEFAULT '{}',
  valid_from    date NOT NULL,
  valid_until   date,
  justification text NOT NULL,
  requested_by  uuid NOT NULL REFERENCES staff_user(id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decided_by    uuid REFERENCES staff_user(id),
  decided_at    timestamptz,
  decision      text CHECK (decision IN ('granted', 'refused')),
  grant_id      uuid REFERENCES staff_grant(id),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX grant_request_open_idx ON grant_request (requested_at) WHERE decided_at IS NULL;

-- The data protection officer's reviews of sampled audit rows.
CREATE TABLE audit_review (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_id      bigint NOT NULL REFERENCES audit_log(id),
  sampled_by    uuid NOT NULL REFERENCES staff_user(id),
  sampled_at    timestamptz NOT NULL DEFAULT now(),
  reviewed_by   uuid REFERENCES staff_user(id),
  reviewed_at   timestamptz,
  verdict       text CHECK (verdict IN ('justified', 'unjustified', 'needs_follow_up')),
  note          text,
  UNIQUE (audit_id)
);
CREATE INDEX audit_review_open_idx ON audit_review (sampled_at) WHERE reviewed_at IS NULL;
