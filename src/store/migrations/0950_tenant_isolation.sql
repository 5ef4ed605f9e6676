-- Every business table carries its government: the two child tables of documents that did not get
-- theirs from the parent row. Row-level security itself is applied by migrate.ts to every table with a
-- tenant_id column (isolation.sql), so that a table added later is covered without being listed.
ALTER TABLE document_versions ADD COLUMN tenant_id text;
UPDATE document_versions v SET tenant_id = d.tenant_id FROM documents d WHERE d.id = v.document_id;
ALTER TABLE document_versions ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE document_leader_steps ADD COLUMN tenant_id text;
UPDATE document_leader_steps s SET tenant_id = d.tenant_id FROM documents d WHERE d.id = s.document_id;
ALTER TABLE document_leader_steps ALTER COLUMN tenant_id SET NOT NULL;

-- A government can be suspended: its users cannot sign in and its sessions end; nothing is deleted.
ALTER TABLE tenants ADD COLUMN short_name text;
ALTER TABLE tenants ADD COLUMN level text NOT NULL DEFAULT 'city' CHECK (level IN ('province', 'city', 'county'));
ALTER TABLE tenants ADD COLUMN parent_id text REFERENCES tenants(id);
ALTER TABLE tenants ADD COLUMN suspended_at timestamptz;
ALTER TABLE tenants ADD COLUMN suspended_reason text;

-- The host name of the government's public portal (政务公开 pages): a request to that host is the
-- public's request to that government.
ALTER TABLE tenants ADD COLUMN portal_host text UNIQUE;
