-- Password history (issue 15): a user may not change back to a password used recently. The hashes a user's password
-- had before its last changes (argon2id, as staff_user.password_hash); HUOMA_PASSWORD_HISTORY of them are kept.
CREATE TABLE staff_password_history (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  password_hash text NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX staff_password_history_user_idx ON staff_password_history (user_id, id DESC);
