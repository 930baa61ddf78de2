-- Workers do not widen their own access (issue 15, item 2). A worker who opens a client relationship for
-- themselves outside their unit's intake states why; the supervisors of the service task see the reason
-- (GET /api/relationships/self-opened). Relationships opened before this rule have none.
ALTER TABLE client_relationship
  ADD COLUMN self_reason text CHECK (self_reason IS NULL OR length(btrim(self_reason)) BETWEEN 10 AND 1000);

CREATE INDEX client_relationship_self_opened_idx ON client_relationship (service_task, created_at) WHERE self_reason IS NOT NULL;
