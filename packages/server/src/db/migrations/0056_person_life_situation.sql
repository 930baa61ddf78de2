-- Housing and life situation on the client card: each save is a new row, so the history stays (the newest is current).
CREATE TABLE person_life_situation (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id      uuid NOT NULL REFERENCES person(id),
  housing_kind   text NOT NULL CHECK (housing_kind IN ('rental', 'owner', 'right_of_occupancy', 'supported_housing', 'institution', 'with_relatives', 'homeless', 'other')),
  household      text,
  income_source  text NOT NULL CHECK (income_source IN ('employment', 'pension', 'unemployment_benefit', 'sickness_benefit', 'studies', 'income_support', 'other', 'none')),
  notes          text,
  recorded_by    uuid REFERENCES staff_user(id),
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_life_situation_person_idx ON person_life_situation (person_id, recorded_at DESC);
