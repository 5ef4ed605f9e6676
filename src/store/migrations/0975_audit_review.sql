-- 审计管理 (GB/T 22239-2019 8.1.10.3): the administrators' own actions are reviewed by the 安全审计员
-- only. Each record now keeps the roles its actor held when acting (actor_roles) and whether it is an
-- administrator's action (admin_action), both written with the record and covered by its chain hash,
-- so that a record cannot be moved out of the review view without breaking the chain. Records
-- written before this migration have neither (NULL): the query classifies them by their action and
-- by the current roles of their actor (src/app/audit/search.ts); their sealed hashes are unchanged.
ALTER TABLE audit_records ADD COLUMN actor_roles text[];
ALTER TABLE audit_records ADD COLUMN admin_action boolean;

-- 安全审计 (8.1.4.3): the auditor searches by time, by person and by action, newest first.
CREATE INDEX audit_tenant_at ON audit_records (tenant_id, at DESC, seq DESC);
CREATE INDEX audit_tenant_action ON audit_records (tenant_id, action text_pattern_ops);
