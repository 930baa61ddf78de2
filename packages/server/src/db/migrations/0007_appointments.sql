-- Appointments (ajanvaraus): a client's meeting with a worker at a time and place, in a service task and a unit
-- (the office whose calendar it shows in). Times are instants (timestamptz); the API speaks Europe/Helsinki local
-- times and converts in SQL.
--
-- Double booking is refused by the database itself: the trigger appointment_guard takes a row lock on the worker
-- (staff_user, FOR NO KEY UPDATE) before it looks for an overlapping booked appointment of that worker, so two
-- concurrent bookings for one worker are serialised and the second sees the first (each statement of a plpgsql
-- function takes a fresh snapshot under READ COMMITTED). It works the same on PostgreSQL and PGlite without the
-- btree_gist extension an exclusion constraint would need. A refusal raises SQLSTATE 23P01 (exclusion_violation)
-- with the constraint name appointment_no_overlap, which the API turns into a field message.

CREATE TABLE appointment (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  worker_id     uuid NOT NULL REFERENCES staff_user(id),
  unit_id       uuid NOT NULL REFERENCES unit(id),
  service_task  text NOT NULL REFERENCES service_task(code),
  start_at      timestamptz NOT NULL,
  end_at        timestamptz NOT NULL,
  place         text NOT NULL CHECK (place IN ('office', 'home_visit', 'phone', 'video')),
  status        text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
  cancel_reason text CHECK (cancel_reason IN ('client_cancelled', 'worker_unavailable', 'rescheduled', 'no_longer_needed', 'other')),
  cancelled_by  uuid REFERENCES staff_user(id),
  cancelled_at  timestamptz,
  created_by    uuid NOT NULL REFERENCES staff_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  CONSTRAINT appointment_time CHECK (end_at > start_at AND end_at - start_at <= interval '12 hours'),
  CONSTRAINT appointment_cancel CHECK (
    (status = 'booked' AND cancel_reason IS NULL AND cancelled_by IS NULL AND cancelled_at IS NULL)
    OR (status = 'cancelled' AND cancel_reason IS NOT NULL AND cancelled_by IS NOT NULL AND cancelled_at IS NOT NULL)
  )
);
CREATE INDEX appointment_worker_idx ON appointment (worker_id, start_at);
CREATE INDEX appointment_person_idx ON appointment (person_id, start_at);
CREATE INDEX appointment_unit_idx ON appointment (unit_id, start_at);

CREATE FUNCTION appointment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'booked' THEN
    RETURN NEW;
  END IF;
  -- Serialise every booking of this worker (freeing the old worker's time when an appointment moves never creates
  -- an overlap, so only the new worker is locked).
  PERFORM 1 FROM staff_user WHERE id = NEW.worker_id FOR NO KEY UPDATE;
  IF EXISTS (
    SELECT 1 FROM appointment a
    WHERE a.worker_id = NEW.worker_id
      AND a.status = 'booked'
      AND a.id <> NEW.id
      AND a.start_at < NEW.end_at
      AND a.end_at > NEW.start_at
  ) THEN
    RAISE EXCEPTION 'appointment: the worker already has an appointment at this time'
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'appointment_no_overlap';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER appointment_guard BEFORE INSERT OR UPDATE ON appointment
  FOR EACH ROW EXECUTE FUNCTION appointment_guard();
