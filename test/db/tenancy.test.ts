// Tenant isolation in the store: whatever a query forgets, a transaction inside a government's tenant
// scope sees and writes only that government's rows (row-level security, src/store/isolation.sql).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb } from './harness.ts';
import { withTenant } from '../../src/store/scope.ts';

const doc = (id: string, tenant: string) => [id, tenant];
const INSERT_DOC = `INSERT INTO documents (id, tenant_id, flow, state, doc_type, direction, title, issuer_name, pack_id, started_on, created_at, updated_at)
  VALUES ($1, $2, 'incoming', 'received', '请示', 'upward', '关于测试的请示', '测试单位', 'wuwei-2023', '2026-03-02', now(), now())`;

test('tenant isolation: a query that forgets tenant_id sees only the rows of its own government', async () => {
  const t = await openTestDb();
  try {
    await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('city', '甲市人民政府', 'wuwei-2023'), ('county', '乙县人民政府', 'wuwei-2023')`);
    await t.db.query(INSERT_DOC, doc('doc-city', 'city'));
    await t.db.query(INSERT_DOC, doc('doc-county', 'county'));
    const seen = (tenant: string) => withTenant(tenant, () => t.db.transaction(async (tx) =>
      (await tx.query<{ id: string }>('SELECT id FROM documents ORDER BY id')).rows.map((r) => r.id)));
    assert.deepEqual(await seen('city'), ['doc-city']);
    assert.deepEqual(await seen('county'), ['doc-county']);
    // a lone statement in a scope is confined as well
    const lone = await withTenant('county', () => t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents'));
    assert.equal(lone.rows[0].n, 1);
    // an update by id of another government's row changes nothing
    const upd = await withTenant('county', () => t.db.transaction((tx) => tx.query(`UPDATE documents SET title = '篡改' WHERE id = 'doc-city'`)));
    assert.equal(upd.rowCount, 0);
    const title = await t.db.query<{ title: string }>(`SELECT title FROM documents WHERE id = 'doc-city'`);
    assert.equal(title.rows[0].title, '关于测试的请示');
    // outside any scope (system work) both are there
    assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0].n, 2);
  } finally {
    await t.close();
  }
});

test('tenant isolation: a row written for another government is refused and nothing is kept', async () => {
  const t = await openTestDb();
  try {
    await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('city', '甲市人民政府', 'wuwei-2023'), ('county', '乙县人民政府', 'wuwei-2023')`);
    await assert.rejects(withTenant('county', () => t.db.transaction(async (tx) => {
      await tx.query(INSERT_DOC, doc('doc-ok', 'county'));
      await tx.query(INSERT_DOC, doc('doc-smuggled', 'city'));
    })), /row-level security/);
    assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0].n, 0);
  } finally {
    await t.close();
  }
});

test('tenant isolation: every table with a tenant_id column is under row-level security, except the shared ones', async () => {
  const t = await openTestDb();
  try {
    const { rows } = await t.db.query<{ relname: string; rls: boolean; policies: number }>(
      `SELECT c.relname, c.relrowsecurity AS rls,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = current_schema() AND p.tablename = c.relname) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
        ORDER BY 1`);
    const shared = ['holiday_arrangements', 'sessions', 'users'];
    const unprotected = rows.filter((r) => !shared.includes(r.relname) && (!r.rls || r.policies === 0)).map((r) => r.relname);
    assert.deepEqual(unprotected, []);
    assert.ok(rows.length > 60, `expected the business tables, found ${rows.length}`);
    const documents = rows.find((r) => r.relname === 'documents');
    assert.ok(documents?.rls);
  } finally {
    await t.close();
  }
});

test('tenant isolation: the search view gives a government only its own entries, as the policy does; it is the only view', async () => {
  const t = await openTestDb();
  try {
    await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('city', '甲市人民政府', 'wuwei-2023'), ('county', '乙县人民政府', 'wuwei-2023')`);
    for (const tenant of ['city', 'county']) {
      await t.db.query(`INSERT INTO search_entries (tenant_id, object_type, object_id, scope, kind, title, body, tsv)
        VALUES ($1, 'document', 'd-' || $1, 'staff', 'document', '内部通知', '正文', to_tsvector('simple', '通知'))`, [tenant]);
    }
    // a query through the view that forgets tenant_id
    const seen = (tenant: string) => withTenant(tenant, () => t.db.transaction(async (tx) =>
      (await tx.query<{ object_id: string }>(`SELECT object_id FROM search_entries_current WHERE tsv @@ to_tsquery('simple', '通知') ORDER BY 1`)).rows.map((r) => r.object_id)));
    assert.deepEqual(await seen('city'), ['d-city']);
    assert.deepEqual(await seen('county'), ['d-county']);
    // system work sees every government's entries through it, as through the table
    assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_entries_current')).rows[0].n, 2);
    // a view is read with its owner's rights, past row-level security: a new one must carry the tenant condition
    // and be added here knowingly
    const views = await t.db.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm') ORDER BY 1`);
    assert.deepEqual(views.rows.map((r) => r.relname), ['search_entries_current']);
  } finally {
    await t.close();
  }
});
