-- Archive packages (issue 13 item 6; rules.md §3.3): the records of clients whose registers are ordered permanent
-- (the 8/18/28 birthday sample, an archive order) and whose matters are closed, exported as PDF/A documents with a
-- metadata file. archive_package keeps each package made (the zip itself, its checksum and counts) so the archive
-- officer can hand it over again; archive_transfer names which client's which register went into which package, and
-- up to which day the register was covered: a register whose matter reopened and closed again after that is ready
-- once more (the next package carries the whole register again, as a newer version).

CREATE SEQUENCE archive_package_no_seq;
CREATE TABLE archive_package (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number      bigint NOT NULL UNIQUE DEFAULT nextval('archive_package_no_seq'),
  created_by  uuid REFERENCES staff_user(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  register    text,
  clients     integer NOT NULL CHECK (clients > 0),
  documents   integer NOT NULL CHECK (documents >= 0),
  bytes       bigint NOT NULL,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content     bytea NOT NULL
);

CREATE TABLE archive_transfer (
  package_id  uuid NOT NULL REFERENCES archive_package(id),
  person_id   uuid NOT NULL REFERENCES person(id),
  register    text NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('sample', 'archive_order')),
  covers_until date NOT NULL,
  documents   integer NOT NULL,
  PRIMARY KEY (package_id, person_id, register)
);
CREATE INDEX archive_transfer_person_idx ON archive_transfer (person_id, register, covers_until);
