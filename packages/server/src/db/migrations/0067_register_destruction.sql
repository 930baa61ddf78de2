-- Per-register destruction (issue 13, item 5; rules.md §3.2: retention is defined per service task, each register
-- runs out on its own). A destruction list carries two kinds of items: the whole client (every register ran out:
-- the person and everything hanging on them go, as before) and the registers of a client whose other registers are
-- kept (running, permanent or held): only those registers' records go, the person, the basic data and the other
-- registers stay. The basic data (`client`) is never destroyed alone.
ALTER TABLE destruction_item
  ADD COLUMN scope text NOT NULL DEFAULT 'client' CHECK (scope IN ('client', 'registers')),
  ADD CONSTRAINT destruction_item_registers_scope CHECK (scope = 'client' OR NOT ('client' = ANY (registers)));

-- the record names the kind of destruction with the registers (existing records: the whole client)
ALTER TABLE destruction_record
  ADD COLUMN scope text NOT NULL DEFAULT 'client' CHECK (scope IN ('client', 'registers'));

-- the registers a client still alive lost, read by their retention on the card
CREATE INDEX destruction_item_registers_done_idx ON destruction_item (person_id) WHERE scope = 'registers' AND state = 'destroyed';
