-- 工作台 reads at scale: the 签发 to-dos, and the office's and the overdue lists read one page at a time.
-- Who signs a document today depends only on its signing post and its reserved matter (第七十条–第七十二条):
-- the distinct pairs among documents in 签发 state are found by skipping through this index, and a signer's
-- own documents by looking their pairs up in it.
CREATE INDEX IF NOT EXISTS documents_signing_signer ON documents
  (tenant_id, (coalesce(signing->>'signerPositionId', '')), (coalesce(signing->>'reservedMatter', '')))
  WHERE state = 'signing';
-- the office's to-dos, oldest first: a page and the total count read from the index alone
CREATE INDEX IF NOT EXISTS documents_office_todo ON documents (tenant_id, updated_at, id)
  WHERE state IN ('received', 'registered', 'reviewed', 'reviewing', 'signed', 'checked', 'numbered', 'issued');
-- the overdue list, earliest due first: every open assignment (office, mayor), and by unit (departments, portfolios)
CREATE INDEX IF NOT EXISTS document_assignments_open_due ON document_assignments (tenant_id, due, id)
  INCLUDE (document_id, unit_id, article) WHERE state = 'open';
CREATE INDEX IF NOT EXISTS document_assignments_unit_open_due ON document_assignments (tenant_id, unit_id, due, id)
  INCLUDE (document_id, article) WHERE state = 'open';
-- the index above serves every lookup of open assignments by unit that this one (0490) served
DROP INDEX IF EXISTS document_assignments_unit_open;
