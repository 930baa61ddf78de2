-- Child welfare, part 2: the service-need assessment's conclusion, placements outside the home (urgent placement,
-- care order, open-care placement, after-care) made by the kernel's decisions, and the application to the
-- administrative court when a guardian or a child of 12 or over objects to a care order (LSL 43 § 2 mom).

-- The assessment of one child's matter, completed: the child's and the guardians' views apart, the summary, and
-- the conclusion — a child welfare client or not (LSL 26 § 4 mom).
CREATE TABLE cw_assessment (
  matter_id      uuid PRIMARY KEY REFERENCES cw_matter(id),
  person_id      uuid NOT NULL REFERENCES person(id),
  child_views    text NOT NULL,
  guardian_views text NOT NULL,
  summary        text NOT NULL,
  conclusion     text NOT NULL CHECK (conclusion IN ('client', 'not_client')),
  completed_on   date NOT NULL,
  completed_by   uuid NOT NULL REFERENCES staff_user(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cw_assessment_person_idx ON cw_assessment (person_id);

-- A placement outside the home, on the decision that made it.
CREATE TABLE cw_placement (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person(id),
  basis          text NOT NULL CHECK (basis IN ('open_care', 'urgent', 'care_order', 'after_care')),
  decision_id    uuid NOT NULL REFERENCES decision(id),
  form           text NOT NULL CHECK (form IN ('family_care', 'professional_family_home', 'institution', 'kinship_care', 'other')),
  provider_id    uuid REFERENCES provider(id),
  place_name     text,
  reasons        text[] NOT NULL DEFAULT '{}',
  starts_on      date NOT NULL,
  -- the day it ended (the last day in the place); open while null
  ends_on        date,
  -- an urgent placement's one extension (LSL 38 a §)
  extension_decision_id uuid REFERENCES decision(id),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK (provider_id IS NOT NULL OR place_name IS NOT NULL)
);
CREATE INDEX cw_placement_person_idx ON cw_placement (person_id, starts_on);

-- A care order the guardians or the child (12+) object to is decided by the administrative court on the
-- municipality's application: prepared here as a document, filed on a day (which keeps an urgent placement going).
CREATE TABLE cw_court_application (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  person_id      uuid NOT NULL REFERENCES person(id),
  unit_id        uuid NOT NULL REFERENCES unit(id),
  prepared_on    date NOT NULL,
  prepared_by    uuid NOT NULL REFERENCES staff_user(id),
  -- each guardian's and the child's position: [{personId, role, position, heardOn, note}]
  positions      jsonb NOT NULL,
  reasons        text NOT NULL,
  form           text NOT NULL CHECK (form IN ('family_care', 'professional_family_home', 'institution', 'kinship_care', 'other')),
  provider_id    uuid REFERENCES provider(id),
  place_name     text,
  language       text NOT NULL CHECK (language IN ('fi', 'sv')),
  filed_on       date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (filed_on IS NULL OR filed_on >= prepared_on)
);
CREATE INDEX cw_court_application_person_idx ON cw_court_application (person_id);
