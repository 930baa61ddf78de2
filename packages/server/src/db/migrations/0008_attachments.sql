-- Attachments (liitteet): scanned documents, PDFs and images of a client in one service task, optionally linked to
-- a journal entry. The content is kept in the database (bytea, the default) or in a folder of the data directory
-- (HUOMA_ATTACHMENT_STORE=folder), in which case storage_key names the file and content is NULL. The type is sniffed
-- from the content's magic bytes on upload; sha256 lets anyone verify the stored bytes later.

CREATE TABLE attachment (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id        uuid NOT NULL REFERENCES person(id),
  service_task     text NOT NULL REFERENCES service_task(code),
  journal_entry_id uuid REFERENCES journal_entry(id),
  file_name        text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type     text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain')),
  size_bytes       bigint NOT NULL CHECK (size_bytes > 0),
  sha256           bytea NOT NULL CHECK (length(sha256) = 32),
  storage          text NOT NULL CHECK (storage IN ('database', 'folder')),
  content          bytea,
  storage_key      text,
  uploaded_by      uuid NOT NULL REFERENCES staff_user(id),
  uploaded_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((storage = 'database' AND content IS NOT NULL AND storage_key IS NULL)
      OR (storage = 'folder' AND content IS NULL AND storage_key IS NOT NULL))
);

CREATE INDEX attachment_person_task_idx ON attachment (person_id, service_task, uploaded_at DESC);
CREATE INDEX attachment_journal_entry_idx ON attachment (journal_entry_id) WHERE journal_entry_id IS NOT NULL;
