-- Population register (VTJ): every query with its purpose, and the change-feed cursor of the nightly sync.

CREATE TABLE vtj_query (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid REFERENCES staff_user(id),      -- null = the nightly sync
  person_id   uuid REFERENCES person(id),          -- when the person is in the registry
  purpose     text NOT NULL CHECK (length(btrim(purpose)) >= 3),
  outcome     text NOT NULL,                       -- found, not_found, error:<code>
  queried_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vtj_query_person_idx ON vtj_query (person_id, queried_at);

CREATE TABLE vtj_sync_state (
  id          integer PRIMARY KEY CHECK (id = 1),
  cursor      text,
  synced_at   timestamptz
);
