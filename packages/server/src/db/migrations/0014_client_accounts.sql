-- Clients' intermediary accounts (välitystili) and young people's after-care funds (itsenäistymisvarat, LSL 77 §)
-- on one ledger. The money itself sits in the municipality's collective client-funds bank account; each client
-- account is a sub-ledger of it with its own Finnish reference for incoming payments.
--
-- Entries are append-only (trigger): a correction is a reversing entry pointing to the corrected one. Money out (a
-- bill or a payout) becomes a `payable` paid through the payment batches. No overdraft: the module locks the account
-- row and checks the balance in the transaction that appends the entry. A month reconciled with the bank balance
-- with a difference of 0 is closed: no entry may be dated in it afterwards (trigger).

CREATE SEQUENCE client_account_number_seq;

CREATE TABLE client_account (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number               bigint NOT NULL UNIQUE,
  person_id            uuid NOT NULL REFERENCES person(id),
  service_task         text NOT NULL REFERENCES service_task(code),
  unit_id              uuid NOT NULL REFERENCES unit(id),
  kind                 text NOT NULL CHECK (kind IN ('intermediary', 'after_care_fund')),
  reference            text NOT NULL UNIQUE CHECK (reference ~ '^[0-9]{4,20}$'),
  opened_on            date NOT NULL,
  closed_on            date,
  responsible_user_id  uuid REFERENCES staff_user(id),
  version              integer NOT NULL DEFAULT 1,
  created_by           uuid REFERENCES staff_user(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX client_account_person_idx ON client_account (person_id, service_task);
-- one open account per client, purpose and service task
CREATE UNIQUE INDEX client_account_open_once ON client_account (person_id, service_task, kind) WHERE closed_on IS NULL;

CREATE TABLE client_account_entry (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  account_id    uuid NOT NULL REFERENCES client_account(id),
  kind          text NOT NULL CHECK (kind IN ('deposit', 'bill', 'payout', 'interest', 'adjustment', 'reversal')),
  entry_on      date NOT NULL,
  -- signed: money in > 0, money out < 0
  amount_cents  bigint NOT NULL CHECK (amount_cents <> 0 AND abs(amount_cents) <= 99999999999),
  description   text NOT NULL CHECK (length(btrim(description)) > 0 AND length(description) <= 200),
  -- the bank's archive reference (AcctSvcrRef) of an incoming payment: a bank import is idempotent on it
  bank_ref      text UNIQUE,
  payable_id    uuid UNIQUE REFERENCES payable(id),
  reverses_id   uuid UNIQUE REFERENCES client_account_entry(id),
  created_by    uuid REFERENCES staff_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (kind NOT IN ('deposit', 'interest') OR amount_cents > 0),
  CHECK (kind NOT IN ('bill', 'payout') OR (amount_cents < 0 AND payable_id IS NOT NULL)),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
  CHECK (bank_ref IS NULL OR kind = 'deposit')
);
CREATE INDEX client_account_entry_account_idx ON client_account_entry (account_id, entry_on, number);
CREATE INDEX client_account_entry_date_idx ON client_account_entry (entry_on);

-- Finance's monthly reconciliation: the ledger's total of all accounts at month end against the bank balance of the
-- collective client-funds account. Every attempt is kept (who, when); one with difference 0 closes the month.
CREATE TABLE client_account_reconciliation (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  month             date NOT NULL CHECK (extract(day FROM month) = 1),
  ledger_cents      bigint NOT NULL,
  bank_cents        bigint NOT NULL,
  difference_cents  bigint GENERATED ALWAYS AS (bank_cents - ledger_cents) STORED,
  account_count     integer NOT NULL,
  note              text CHECK (note IS NULL OR length(note) <= 500),
  reconciled_by     uuid NOT NULL REFERENCES staff_user(id),
  reconciled_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX client_account_reconciliation_month_idx ON client_account_reconciliation (month, reconciled_at);
-- a month is closed once: by its first reconciliation with difference 0
CREATE UNIQUE INDEX client_account_reconciliation_closed ON client_account_reconciliation (month) WHERE bank_cents = ledger_cents;

-- The ledger is append-only, and no entry may be dated in a closed month or outside the account's open period.
CREATE FUNCTION client_account_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a client_account%ROWTYPE;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'client account entries are append-only: correct with a reversing entry' USING ERRCODE = '23514';
  END IF;
  IF EXISTS (SELECT 1 FROM client_account_reconciliation r
             WHERE r.month = date_trunc('month', NEW.entry_on)::date AND r.bank_cents = r.ledger_cents) THEN
    RAISE EXCEPTION 'month % is closed by reconciliation', to_char(NEW.entry_on, 'YYYY-MM') USING ERRCODE = '23514';
  END IF;
  SELECT * INTO a FROM client_account WHERE id = NEW.account_id;
  IF NEW.entry_on < a.opened_on OR (a.closed_on IS NOT NULL AND NEW.entry_on > a.closed_on) THEN
    RAISE EXCEPTION 'entry date outside the account''s open period' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER client_account_entry_guard BEFORE INSERT OR UPDATE OR DELETE ON client_account_entry
  FOR EACH ROW EXECUTE FUNCTION client_account_entry_guard();

CREATE FUNCTION client_account_entry_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'client account entries are append-only' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER client_account_entry_no_truncate BEFORE TRUNCATE ON client_account_entry
  FOR EACH STATEMENT EXECUTE FUNCTION client_account_entry_no_truncate();

-- Reconciliations are records of what finance saw: never changed or removed.
CREATE FUNCTION client_account_reconciliation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reconciliations are append-only' USING ERRCODE = '23514';
END $$;
CREATE TRIGGER client_account_reconciliation_guard BEFORE UPDATE OR DELETE ON client_account_reconciliation
  FOR EACH ROW EXECUTE FUNCTION client_account_reconciliation_guard();
CREATE TRIGGER client_account_reconciliation_no_truncate BEFORE TRUNCATE ON client_account_reconciliation
  FOR EACH STATEMENT EXECUTE FUNCTION client_account_entry_no_truncate();

-- Bills and payouts of client accounts are payables too.
ALTER TABLE payable DROP CONSTRAINT payable_source_kind_check;
ALTER TABLE payable ADD CONSTRAINT payable_source_kind_check CHECK (source_kind IN ('income_support_decision', 'client_account'));

-- Accounting: client funds are not the municipality's expense but a liability (the collective client-funds account).
DO $$
BEGIN
  IF to_regclass('payment_account') IS NOT NULL THEN
    INSERT INTO payment_account (source_kind, service_task, account, description)
    SELECT 'client_account', code, '2890', 'Asiakasvarat (välitystilit ja itsenäistymisvarat)'
    FROM service_task
    ON CONFLICT DO NOTHING;
  END IF;
END $$;
