-- The document type of every attachment (liiteasiakirjan tyyppi, issue 14 item 4): what the file is — a statement
-- from another authority, a medical statement, evidence of income… (the codes of the domain's
-- ATTACHMENT_DOCUMENT_TYPES). Chosen on every upload; the attachments stored before it was asked are 'other'.

ALTER TABLE attachment ADD COLUMN document_type text NOT NULL DEFAULT 'other'
  CHECK (document_type IN ('authority_statement', 'medical_statement', 'income_evidence', 'bank_statement',
                           'tenancy_agreement', 'power_of_attorney', 'client_account', 'other'));

-- The default served the rows already stored; a new row names its type.
ALTER TABLE attachment ALTER COLUMN document_type DROP DEFAULT;
