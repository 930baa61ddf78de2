-- A regular disclosure run keeps the file it sent (0061), which names its clients. When a client is destroyed at
-- the end of retention their lines leave every kept file (modules/disclosures `forgetInRegularRuns`); the run says
-- how many lines went, and its checksum is then of what is kept.
ALTER TABLE regular_disclosure_run ADD COLUMN destroyed_rows integer NOT NULL DEFAULT 0 CHECK (destroyed_rows >= 0);
