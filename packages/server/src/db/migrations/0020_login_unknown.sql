-- Sign-in attempts for user names that do not exist (issue 15): they are counted and "locked" exactly like a real
-- account's, so the answers (401, then 423 at the threshold) do not tell which user names exist. Only a SHA-256 of
-- the normalised name is kept (a mistyped name can be personal data); rows whose lock has passed are reused.
CREATE TABLE login_unknown_attempt (
  username_hash bytea PRIMARY KEY,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
