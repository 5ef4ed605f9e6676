-- Openness connected to the documents context (第三十九条 源头认定): what became of every issued outgoing
-- document's 公开属性 — published (主动公开), available on request (依申请公开) or withheld with its
-- reason (不予公开) — and the staff full-text entries of documents kept in step with the documents table.

-- One row per issued outgoing document, written in the 印发 transaction. Internal: never read by a
-- public route (the portal reads published_items only).
CREATE TABLE document_disclosures (
  tenant_id text NOT NULL,
  document_id text NOT NULL,
  -- published (主动公开, on the portal), pending (主动公开, not yet publishable: the obligation stays
  -- open and is flagged when overdue), on_request (依申请公开), withheld (不予公开), unspecified
  disposition text NOT NULL CHECK (disposition IN ('published', 'pending', 'on_request', 'withheld', 'unspecified')),
  attribute text,
  reason text,
  title text NOT NULL,
  doc_number text,
  doc_type text,
  issuer text NOT NULL,
  drafting_unit_id text,
  issued_on date NOT NULL,
  published_item_id text,
  obligation_id text,
  note text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, document_id)
);
CREATE INDEX document_disclosures_disposition ON document_disclosures (tenant_id, disposition, issued_on DESC);

-- The documents' updated_at the staff entry was built from (NULL: written by a bulk loader, taken as current).
ALTER TABLE search_entries ADD COLUMN source_updated_at timestamptz;

-- How far the catch-up indexer has read a source table, by (updated_at, id).
CREATE TABLE search_sync (
  source text PRIMARY KEY,
  watermark_at timestamptz NOT NULL,
  watermark_id text NOT NULL,
  run_at timestamptz NOT NULL
);

-- the catch-up reads documents in (updated_at, id) order
CREATE INDEX search_documents_changed ON documents (updated_at, id);
