-- Child welfare, part 3: the client plan (asiakassuunnitelma, LSL 30 §) of every client — goals, measures, the
-- child's and the parents' views — reviewed at least yearly; when the child is placed, a separate plan for the
-- parents (LSL 30 § 3 mom). Each review is a new version of the plan; the old ones stay.
CREATE TABLE cw_plan (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  kind          text NOT NULL CHECK (kind IN ('child', 'parents')),
  -- the plan this one reviews (the previous version), null for the first
  replaces_id   uuid UNIQUE REFERENCES cw_plan(id),
  goals         text NOT NULL,
  measures      text NOT NULL,
  child_views   text,
  parent_views  text,
  made_on       date NOT NULL,
  made_by       uuid NOT NULL REFERENCES staff_user(id),
  review_by     date NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (review_by > made_on)
);
CREATE INDEX cw_plan_person_idx ON cw_plan (person_id, kind, made_on);

-- The intake queue finds each notification's (and its children's matters') deadlines by subject: the unique index
-- (kind, subject_id) cannot serve a lookup by subject across kinds.
CREATE INDEX deadline_subject_idx ON deadline (subject_id);
