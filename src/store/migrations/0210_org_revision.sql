-- A revision of each tenant's organisation, renewed by every write to an organisation table, so that a
-- process can keep the loaded organisation and reuse it while the revision is unchanged. A revision is a
-- random UUID: a rolled-back write never hands its value to another content, and two databases never
-- share one, so a cache keyed by the revision cannot serve one database's organisation for another.
CREATE TABLE org_revisions (
  tenant_id text PRIMARY KEY,
  rev text NOT NULL
);

CREATE FUNCTION org_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE org_revisions SET rev = gen_random_uuid()::text;
    RETURN NULL;
  END IF;
  INSERT INTO org_revisions (tenant_id, rev)
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END, gen_random_uuid()::text)
  ON CONFLICT (tenant_id) DO UPDATE SET rev = EXCLUDED.rev;
  RETURN NULL;
END $$;

CREATE FUNCTION org_touch_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO org_revisions (tenant_id, rev)
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, gen_random_uuid()::text)
  ON CONFLICT (tenant_id) DO UPDATE SET rev = EXCLUDED.rev;
  RETURN NULL;
END $$;

CREATE TRIGGER org_touch AFTER UPDATE OR DELETE ON tenants FOR EACH ROW EXECUTE FUNCTION org_touch_tenant();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_units FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_people FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_positions FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_assignments FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_portfolios FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_assistance FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_backup_pairs FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_absences FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_entrustments FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch AFTER INSERT OR UPDATE OR DELETE ON org_entrustment_revocations FOR EACH ROW EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch_truncate AFTER TRUNCATE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch_truncate AFTER TRUNCATE ON org_people FOR EACH STATEMENT EXECUTE FUNCTION org_touch();
CREATE TRIGGER org_touch_truncate AFTER TRUNCATE ON org_absences FOR EACH STATEMENT EXECUTE FUNCTION org_touch();

-- organisations loaded before this migration get their first revision
INSERT INTO org_revisions (tenant_id, rev) SELECT id, gen_random_uuid()::text FROM tenants ON CONFLICT DO NOTHING;
