-- Child welfare, part 1: the notifications register (ilmoitusrekisteri, 254/2015), kept apart from the client
-- register. A notification (lastensuojeluilmoitus), an anticipatory notification before birth (ennakollinen), a
-- request for a service-need assessment (yhteydenottopyyntö) or other knowledge makes a matter pending (LSL 26 §);
-- each is an intake of the case kernel (migration 0018) in the intake unit's queue, and stays here when it leads
-- nowhere. Its children, once identified in the registry, each get a matter with the statutory deadlines.

CREATE TABLE cw_notification (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  intake_id             uuid NOT NULL UNIQUE REFERENCES intake(id),
  -- given to the reporter; random, so that it tells nothing of how many came before
  receipt               text NOT NULL UNIQUE CHECK (receipt ~ '^LS-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
  kind                  text NOT NULL CHECK (kind IN ('notification', 'anticipatory', 'assessment_request', 'other')),
  channel               text NOT NULL CHECK (channel IN ('eform', 'phone', 'letter', 'email', 'in_person', 'other')),
  reporter_type         text NOT NULL CHECK (reporter_type IN ('school', 'day_care', 'health_care', 'police', 'social_services',
                          'emergency_services', 'prosecution_or_court', 'other_authority', 'parent', 'relative', 'private_person',
                          'child', 'anonymous', 'other')),
  -- the reporter acts under the statutory duty to report (LSL 25 §)
  reporter_duty         boolean NOT NULL,
  reporter_name         text,
  reporter_organisation text,
  reporter_phone        text,
  reporter_email        text,
  -- the reporter's identity is not told to the family where the law allows (shown only to the case's workers)
  withhold_identity     boolean NOT NULL DEFAULT false,
  received_at           timestamptz NOT NULL,
  -- the Europe/Helsinki day it became pending: the deadlines count from it
  received_on           date NOT NULL,
  content               text NOT NULL,
  -- the children as the reporter named them: [{name, birthDate, details}]
  reported_children     jsonb NOT NULL,
  family                text,
  urgency               text CHECK (urgency IN ('urgent', 'not_urgent')),
  urgency_reason        text,
  urgency_by            uuid REFERENCES staff_user(id),
  urgency_at            timestamptz,
  closed_reason         text,
  -- null: came through the public e-form
  registered_by         uuid REFERENCES staff_user(id),
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((urgency IS NULL) = (urgency_by IS NULL) AND (urgency IS NULL) = (urgency_at IS NULL) AND (urgency IS NULL) = (urgency_reason IS NULL)),
  CHECK (jsonb_typeof(reported_children) = 'array'),
  -- an official under the duty to report identifies themselves
  CHECK (NOT reporter_duty OR (reporter_name IS NOT NULL AND reporter_organisation IS NOT NULL))
);
CREATE INDEX cw_notification_received_idx ON cw_notification (received_at DESC);

-- One child's matter: pending from the notification's day; the decision whether to start the service-need
-- assessment (LSL 26 § 3 mom) and that the child and guardians were told.
CREATE TABLE cw_matter (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id    uuid NOT NULL REFERENCES cw_notification(id),
  person_id          uuid NOT NULL REFERENCES person(id),
  pending_on         date NOT NULL,
  state              text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'assessment', 'closed')),
  start_decision     text CHECK (start_decision IN ('start', 'no_assessment', 'already_client')),
  start_decided_on   date,
  start_reasons      text,
  start_decided_by   uuid REFERENCES staff_user(id),
  responsible_user_id uuid REFERENCES staff_user(id),
  informed_on        date,
  informed_method    text CHECK (informed_method IN ('letter', 'in_person', 'phone', 'electronic')),
  informed_note      text,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notification_id, person_id),
  CHECK ((start_decision IS NULL) = (start_decided_on IS NULL) AND (start_decision IS NULL) = (start_decided_by IS NULL)),
  -- a decision is never dated before the matter became pending, nor the informing before it
  CHECK (start_decided_on IS NULL OR start_decided_on >= pending_on),
  CHECK (informed_on IS NULL OR informed_on >= pending_on),
  CHECK ((informed_on IS NULL) = (informed_method IS NULL)),
  CHECK (state = 'pending' OR start_decision IS NOT NULL)
);
CREATE INDEX cw_matter_person_idx ON cw_matter (person_id);
