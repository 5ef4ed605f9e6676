-- Lookups the documents use cases and the 工作台 make on every request, which had no index: a document's
-- assignments, opinion requests and coordinations (page, 承办报告), open work by unit (to-do lists),
-- what a user sent, documents by state (signing and office to-dos).
CREATE INDEX IF NOT EXISTS document_assignments_doc ON document_assignments (document_id);
CREATE INDEX IF NOT EXISTS opinion_requests_doc ON opinion_requests (document_id);
CREATE INDEX IF NOT EXISTS document_coordinations_doc ON document_coordinations (document_id);
CREATE INDEX IF NOT EXISTS document_assignments_unit_open ON document_assignments (tenant_id, unit_id) WHERE state = 'open';
CREATE INDEX IF NOT EXISTS opinion_requests_unit_open ON opinion_requests (tenant_id, asked_unit_id) WHERE state = 'open';
CREATE INDEX IF NOT EXISTS documents_created_by ON documents (tenant_id, created_by_user, updated_at DESC);
CREATE INDEX IF NOT EXISTS documents_state ON documents (tenant_id, state, updated_at);
