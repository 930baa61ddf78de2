-- Single sign-on through OpenID Connect (modules/auth/oidc.ts).
--
-- staff_user_identity links an identity at an identity provider (issuer + subject) to an existing staff user. Users
-- are never created from a sign-in: the main user creates them and grants their rights. The link is made at the
-- first sign-in whose username claim equals staff_user.username, and from then on the subject alone decides. One
-- user has at most one identity per issuer, so a second subject presenting the same username is refused.
CREATE TABLE staff_user_identity (
  issuer        text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
  subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  user_id       uuid NOT NULL REFERENCES staff_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  PRIMARY KEY (issuer, subject),
  UNIQUE (user_id, issuer)
);

-- One started authorization-code flow: state, nonce and PKCE verifier, kept server-side for a few minutes. The
-- browser holds a random token in an httpOnly cookie; only its SHA-256 is stored here. A row is used once.
CREATE TABLE oidc_login_flow (
  id            bytea PRIMARY KEY CHECK (length(id) = 32),
  state         text NOT NULL,
  nonce         text NOT NULL,
  code_verifier text NOT NULL,
  redirect_uri  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX oidc_login_flow_expires_idx ON oidc_login_flow (expires_at);
