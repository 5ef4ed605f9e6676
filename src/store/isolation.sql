-- Tenant isolation, applied after the migrations (idempotent). Transactions inside a tenant scope run
-- as the role zhengtong_tenant with zhengtong.tenant set (src/store/scope.ts); on every table with a
-- tenant_id column — except the few that are shared by design — a policy lets that role see and write
-- only the rows of its own government. The connecting role (the tables' owner) is not restricted: it
-- runs the migrations and the cross-government system work.
DO $$
DECLARE
  t record;
  shared text[] := ARRAY['tenants', 'users', 'sessions', 'holiday_arrangements'];
BEGIN
  BEGIN
    CREATE ROLE zhengtong_tenant NOLOGIN;
  EXCEPTION WHEN duplicate_object THEN NULL;
  END;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    BEGIN
      EXECUTE format('GRANT zhengtong_tenant TO %I', current_user);
    EXCEPTION WHEN duplicate_object OR insufficient_privilege THEN NULL;
    END;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO zhengtong_tenant', current_schema());
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO zhengtong_tenant', current_schema());
  EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO zhengtong_tenant', current_schema());
  -- tables created later in this schema by this role are usable by the tenant role too
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO zhengtong_tenant', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO zhengtong_tenant', current_schema());
  FOR t IN
    SELECT c.relname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ALL (shared)
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t.relname AND policyname = 'tenant_isolation') THEN
      EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
        USING (tenant_id = current_setting('zhengtong.tenant', true))
        WITH CHECK (tenant_id = current_setting('zhengtong.tenant', true))$p$, t.relname);
    END IF;
  END LOOP;
END $$;
