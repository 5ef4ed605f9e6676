-- 工作台 lookups made on every request: a leader's open 批办 steps by person, and what a person sent
-- (created_by_user OR created_by_person: each side needs its own index for the planner to combine them).
CREATE INDEX IF NOT EXISTS document_leader_steps_open ON document_leader_steps (person_id) WHERE done_at IS NULL;
CREATE INDEX IF NOT EXISTS documents_created_by_person ON documents (tenant_id, created_by_person, updated_at DESC);
