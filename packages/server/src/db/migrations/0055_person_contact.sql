-- Relatives and contact persons beyond the family relations, and an adult's representative (edunvalvoja or another
-- person managing their affairs), kept on the client card with validity. A registry person may be linked.
CREATE TABLE person_contact (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id         uuid NOT NULL REFERENCES person(id),
  kind              text NOT NULL CHECK (kind IN ('relative', 'contact_person', 'edunvalvoja', 'other_representative')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  relation          text,
  phone             text,
  email             text,
  address           text,
  matters           text,
  valid_from        date,
  valid_until       date,
  linked_person_id  uuid REFERENCES person(id),
  version           integer NOT NULL DEFAULT 1,
  created_by        uuid REFERENCES staff_user(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until >= valid_from),
  CHECK (linked_person_id IS NULL OR linked_person_id <> person_id)
);
CREATE INDEX person_contact_person_idx ON person_contact (person_id);
CREATE INDEX person_contact_linked_idx ON person_contact (linked_person_id) WHERE linked_person_id IS NOT NULL;
