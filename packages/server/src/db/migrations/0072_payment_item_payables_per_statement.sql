-- Issue 16 (camt.054 with 100 000 entries in 10 s): a bank file's entries move their payment items in chunks of
-- 1 000 with one UPDATE each, but the item guard moved each item's payable with an UPDATE of its own, row by row
-- (120–240 ms a chunk, 15 of the import's 18 s). The payables now follow in ONE statement per UPDATE of items: an
-- AFTER … FOR EACH STATEMENT trigger with the statement's old and new item rows (transition tables). Same rules:
-- settled -> the payable paid; returned or rejected -> returned; accepted again after rejected -> in_batch. The row
-- guard keeps every check it made, and still opens the payable of an item cancelled from a draft batch.
CREATE OR REPLACE FUNCTION payment_item_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
  b record;
BEGIN
  IF TG_OP = 'DELETE' AND huoma_destruction_allows(NULL) THEN
    RETURN OLD;
  END IF;
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
    -- the payable follows in payment_item_moved_payables, once per statement
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END 
$$;

CREATE FUNCTION payment_item_moved_payables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE payable p
     SET state = CASE WHEN n.state = 'settled' THEN 'paid' WHEN n.state IN ('returned', 'rejected') THEN 'returned' ELSE 'in_batch' END
    FROM moved_new n
    JOIN moved_old o ON o.id = n.id
   WHERE p.id = n.payable_id
     AND n.state <> o.state
     AND (n.state IN ('settled', 'returned', 'rejected') OR (n.state = 'accepted' AND o.state = 'rejected'));
  RETURN NULL;
END $$;

CREATE TRIGGER payment_item_moved_payables AFTER UPDATE ON payment_item
  REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
  FOR EACH STATEMENT EXECUTE FUNCTION payment_item_moved_payables();
