-- Payments (maksuliikenne): batches of payables with two-person approval, the pain.001 file, the bank's feedback
-- (pain.002 status reports, camt.054 notifications) and the accounting mapping.
--
-- Paid at most once, by the database: a payable is in at most one live (non-cancelled) batch item (partial unique
-- index); an item is inserted only for an open payable, which the same statement turns `in_batch` (trigger, under the
-- payable's row lock); an item can be cancelled only while its batch is unsent, which returns the payable to open.
-- The creator of a batch can never approve it (CHECK). The file's MsgId and creation time are stored at the first
-- generation, so a regenerated file is byte-identical and the bank's duplicate check on MsgId stops a second send.

CREATE TABLE payment_batch (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  state         text NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft', 'approved', 'sent', 'accepted', 'partly_accepted', 'rejected', 'closed', 'cancelled')),
  version       integer NOT NULL DEFAULT 1,
  unit_id       uuid REFERENCES unit(id),
  due_from      date NOT NULL,
  due_to        date NOT NULL CHECK (due_to >= due_from),
  item_count    integer NOT NULL CHECK (item_count > 0),
  total_cents   bigint NOT NULL CHECK (total_cents > 0),
  created_by    uuid NOT NULL REFERENCES staff_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  approved_by   uuid REFERENCES staff_user(id),
  approved_at   timestamptz,
  cancelled_by  uuid REFERENCES staff_user(id),
  cancelled_at  timestamptz,
  -- fixed by the first file generation (the batch becomes `sent`)
  pain_version  text CHECK (pain_version IN ('001.001.09', '001.001.03')),
  msg_id        text UNIQUE,
  file_created_at timestamptz,
  sent_at       timestamptz,
  sent_by       uuid REFERENCES staff_user(id),
  bank_status   text,
  -- two-person rule: the approver is never the creator
  CONSTRAINT payment_batch_two_persons CHECK (approved_by IS NULL OR approved_by <> created_by),
  CONSTRAINT payment_batch_approved CHECK (state IN ('draft', 'cancelled') OR (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
  CONSTRAINT payment_batch_file CHECK (
    (state IN ('draft', 'approved', 'cancelled')) = (msg_id IS NULL)
    AND (msg_id IS NULL) = (pain_version IS NULL)
    AND (msg_id IS NULL) = (file_created_at IS NULL)
    AND (msg_id IS NULL) = (sent_at IS NULL)
  ),
  CONSTRAINT payment_batch_cancelled CHECK ((state = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE INDEX payment_batch_state_idx ON payment_batch (state, created_at);

-- Who created, who approved and what was written to the bank never change once set; states move only forward.
CREATE FUNCTION payment_batch_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at OR NEW.number <> OLD.number
     OR NEW.item_count <> OLD.item_count OR NEW.total_cents <> OLD.total_cents THEN
    RAISE EXCEPTION 'payment batch % : creation data cannot change', OLD.number USING ERRCODE = '23514';
  END IF;
  IF OLD.approved_by IS NOT NULL AND NEW.approved_by IS DISTINCT FROM OLD.approved_by THEN
    RAISE EXCEPTION 'payment batch % : approval cannot change', OLD.number USING ERRCODE = '23514';
  END IF;
  IF OLD.msg_id IS NOT NULL AND (NEW.msg_id IS DISTINCT FROM OLD.msg_id OR NEW.pain_version IS DISTINCT FROM OLD.pain_version
     OR NEW.file_created_at IS DISTINCT FROM OLD.file_created_at) THEN
    RAISE EXCEPTION 'payment batch % : the bank file was already written', OLD.number USING ERRCODE = '23514';
  END IF;
  IF OLD.state IN ('cancelled', 'closed') AND NEW.state <> OLD.state THEN
    RAISE EXCEPTION 'payment batch % is %', OLD.number, OLD.state USING ERRCODE = '23514';
  END IF;
  IF NEW.state = 'cancelled' AND OLD.state NOT IN ('draft', 'approved', 'cancelled') THEN
    RAISE EXCEPTION 'payment batch % was sent and cannot be cancelled', OLD.number USING ERRCODE = '23514';
  END IF;
  IF NEW.state IN ('draft') AND OLD.state <> 'draft' THEN
    RAISE EXCEPTION 'payment batch % cannot return to draft', OLD.number USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payment_batch_guard BEFORE UPDATE ON payment_batch FOR EACH ROW EXECUTE FUNCTION payment_batch_guard();
CREATE FUNCTION payment_batch_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payment batches are never deleted (cancel a draft instead)' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER payment_batch_no_delete BEFORE DELETE ON payment_batch FOR EACH ROW EXECUTE FUNCTION payment_batch_no_delete();

CREATE TABLE payment_item (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  batch_id      uuid NOT NULL REFERENCES payment_batch(id),
  payable_id    uuid NOT NULL REFERENCES payable(id),
  amount_cents  bigint NOT NULL CHECK (amount_cents > 0 AND amount_cents <= 99999999999),
  -- the reconciliation key written to the file: SEPA-safe, unique for ever
  end_to_end_id text NOT NULL UNIQUE CHECK (end_to_end_id ~ '^[A-Za-z0-9-]{1,35}$'),
  execution_on  date,
  state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected', 'settled', 'returned')),
  cancelled     boolean NOT NULL DEFAULT false,
  reason_code   text,
  reason_text   text,
  bank_ref      text,
  settled_on    date,
  returned_on   date,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT cancelled OR state = 'pending')
);
-- A payable is paid at most once: one live item per payable, whatever its batch.
CREATE UNIQUE INDEX payment_item_payable_once ON payment_item (payable_id) WHERE NOT cancelled;
CREATE INDEX payment_item_batch_idx ON payment_item (batch_id, number);

-- An item is added only for an open payable of the same amount, and only to a draft batch; the payable becomes
-- `in_batch` in the same statement. Cancelling an item (only in an unsent batch) reopens the payable. Settlement and
-- return move the payable to `paid` / `returned`.
CREATE FUNCTION payment_item_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
  b record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment items are never deleted' USING ERRCODE = '23514';
  END IF;
  SELECT state, msg_id INTO b FROM payment_batch WHERE id = NEW.batch_id;
  IF TG_OP = 'INSERT' THEN
    IF b.state <> 'draft' THEN
      RAISE EXCEPTION 'payments are added only to a draft batch' USING ERRCODE = '23514';
    END IF;
    SELECT state, amount_cents INTO p FROM payable WHERE id = NEW.payable_id FOR UPDATE;
    IF p.state <> 'open' THEN
      RAISE EXCEPTION 'payable % is not open (%)', NEW.payable_id, p.state USING ERRCODE = '23505';
    END IF;
    IF p.amount_cents <> NEW.amount_cents THEN
      RAISE EXCEPTION 'payment amount differs from its payable' USING ERRCODE = '23514';
    END IF;
    UPDATE payable SET state = 'in_batch' WHERE id = NEW.payable_id;
    RETURN NEW;
  END IF;
  IF NEW.batch_id <> OLD.batch_id OR NEW.payable_id <> OLD.payable_id OR NEW.amount_cents <> OLD.amount_cents
     OR NEW.end_to_end_id <> OLD.end_to_end_id OR NEW.number <> OLD.number THEN
    RAISE EXCEPTION 'a payment item''s payable, amount and EndToEndId never change' USING ERRCODE = '23514';
  END IF;
  IF OLD.cancelled AND NOT NEW.cancelled THEN
    RAISE EXCEPTION 'a cancelled payment item stays cancelled' USING ERRCODE = '23514';
  END IF;
  IF OLD.execution_on IS NOT NULL AND NEW.execution_on IS DISTINCT FROM OLD.execution_on THEN
    RAISE EXCEPTION 'the execution date was written to the bank file' USING ERRCODE = '23514';
  END IF;
  IF NEW.cancelled AND NOT OLD.cancelled THEN
    IF b.msg_id IS NOT NULL THEN
      RAISE EXCEPTION 'a payment of a sent batch cannot be cancelled' USING ERRCODE = '23514';
    END IF;
    UPDATE payable SET state = 'open' WHERE id = NEW.payable_id AND state = 'in_batch';
  END IF;
  IF NEW.state <> OLD.state THEN
    IF b.msg_id IS NULL THEN
      RAISE EXCEPTION 'a payment has no bank status before its file is sent' USING ERRCODE = '23514';
    END IF;
    IF OLD.state IN ('settled', 'returned') AND NOT (OLD.state = 'settled' AND NEW.state = 'returned') THEN
      RAISE EXCEPTION 'payment % is already %', OLD.end_to_end_id, OLD.state USING ERRCODE = '23514';
    END IF;
    IF NEW.state = 'settled' THEN
      UPDATE payable SET state = 'paid' WHERE id = NEW.payable_id;
    ELSIF NEW.state IN ('returned', 'rejected') THEN
      UPDATE payable SET state = 'returned' WHERE id = NEW.payable_id;
    ELSIF NEW.state = 'accepted' AND OLD.state = 'rejected' THEN
      UPDATE payable SET state = 'in_batch' WHERE id = NEW.payable_id;
    END IF;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER payment_item_guard BEFORE INSERT OR UPDATE OR DELETE ON payment_item FOR EACH ROW EXECUTE FUNCTION payment_item_guard();

-- Bank files imported: pain.002 reports and camt.054 notifications. The same file twice is recognised by its hash.
CREATE TABLE bank_import (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('pain002', 'camt054')),
  message_id    text NOT NULL,
  sha256        text NOT NULL,
  summary       jsonb NOT NULL,
  imported_by   uuid NOT NULL REFERENCES staff_user(id),
  imported_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, sha256)
);

-- camt.054: every entry (or transaction of an entry) applied, by the bank's archive reference (AcctSvcrRef):
-- importing a notification again applies nothing twice.
CREATE TABLE bank_entry (
  acct_svcr_ref text PRIMARY KEY,
  import_id     uuid NOT NULL REFERENCES bank_import(id),
  payment_item_id uuid REFERENCES payment_item(id),
  effect        text NOT NULL CHECK (effect IN ('settled', 'returned', 'reversal', 'unrelated')),
  amount_cents  bigint NOT NULL,
  booked_on     date
);
CREATE INDEX bank_entry_item_idx ON bank_entry (payment_item_id);

-- The municipal ledger's account per payment source and service task (demo accounts for Demola; the finance
-- office replaces them with its own chart of accounts).
CREATE TABLE payment_account (
  source_kind   text NOT NULL,
  service_task  text NOT NULL REFERENCES service_task(code),
  account       text NOT NULL CHECK (account ~ '^[0-9A-Za-z.-]{1,20}$'),
  description   text NOT NULL,
  PRIMARY KEY (source_kind, service_task)
);
INSERT INTO payment_account (source_kind, service_task, account, description)
SELECT 'income_support_decision', code, '4710', 'Toimeentulotuki, täydentävä ja ehkäisevä (demo)'
FROM service_task WHERE code = 'income_support';

-- A payable in a batch (or paid, or returned) is no longer the decision's to cancel: a correction racing a batch
-- fails instead of cancelling money already on its way.
CREATE FUNCTION payable_payment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'cancelled' AND OLD.state NOT IN ('open', 'cancelled') THEN
    RAISE EXCEPTION 'payable % is % and cannot be cancelled', OLD.number, OLD.state USING ERRCODE = '23514';
  END IF;
  IF NEW.amount_cents <> OLD.amount_cents OR NEW.iban <> OLD.iban THEN
    IF OLD.state <> 'open' THEN
      RAISE EXCEPTION 'payable % is % and cannot change', OLD.number, OLD.state USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payable_payment_guard BEFORE UPDATE ON payable FOR EACH ROW EXECUTE FUNCTION payable_payment_guard();
