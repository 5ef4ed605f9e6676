-- 第十一条 AB岗代理 is our reading of the article: a leader step routed to the partner keeps that label.
ALTER TABLE document_leader_steps ADD COLUMN acting_interpretation text;
ALTER TABLE document_leader_steps ADD COLUMN acting_article int;
-- the SM3 digest of each rendered output (PDF, Word, OFD), also in the audit trail
CREATE TABLE document_outputs (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  document_id text NOT NULL REFERENCES documents(id),
  format text NOT NULL,
  sm3 text NOT NULL,
  size int NOT NULL,
  rendered_at timestamptz NOT NULL,
  rendered_by text NOT NULL
);
CREATE INDEX document_outputs_doc ON document_outputs (document_id);
