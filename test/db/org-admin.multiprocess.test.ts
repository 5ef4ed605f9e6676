// 第八条 across processes: one process has the organisation loaded (and cached by its revision); another
// process appoints a new vice mayor through the use case; the first process's next 签发/who-acts-for
// question names the new holder, because every organisation write renews the revision (0210_org_revision.sql).
// PostgreSQL only (PGlite is one process by design): skipped without DATABASE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { seedDemo } from '../../src/app/seed.ts';
import { actingFor, getOrg } from '../../src/app/org/usecases.ts';
import type { AppDeps } from '../../src/app/context.ts';

const url = process.env.DATABASE_URL;
const NOW = '2026-03-02T09:00:00+08:00';

const APPOINT = `
  import { openDb } from './src/store/db.ts';
  import { systemActor } from './src/app/context.ts';
  import { appoint, createPerson } from './src/app/org/admin.ts';
  const db = await openDb({ url: process.env.DATABASE_URL, schema: process.env.SCHEMA, poolSize: 2 });
  const deps = { db, clock: { now: () => new Date(process.env.NOW) } };
  const actor = { ...systemActor('wuwei', '市政府秘书长'), roles: ['secretary_general'] };
  const person = (await createPerson(deps, actor, { id: 'person-vmayor6', name: '周海涛' })).result.person;
  const r = await appoint(deps, actor, { personId: person.id, positionId: 'pos-vmayor-2', from: '2026-03-02', replaceCurrent: true });
  await db.close();
  process.stdout.write(JSON.stringify({ pid: process.pid, assignment: r.result.assignment.id }));
`;

function runChild(schema: string): Promise<{ pid: number; assignment: string }> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', APPOINT], { cwd: root, env: { ...process.env, SCHEMA: schema, NOW } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

test('第八条: an appointment made by another process is seen by this process\'s who-acts-for at once, its cached organisation notwithstanding', { skip: !url && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）' }, async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openDb({ url: url!, schema, poolSize: 4 });
  try {
    await migrate(db);
    const deps: AppDeps = { db, clock: { now: () => new Date(NOW) } };
    await seedDemo(deps, 'wuwei');
    const before = await getOrg(deps, 'wuwei');
    assert.equal(actingFor(before, 'pos-vmayor-2', '2026-03-02', { kind: 'handle' }).personId, 'person-vmayor2');

    const child = await runChild(schema);
    assert.notEqual(child.pid, process.pid);

    const after = await getOrg(deps, 'wuwei');
    assert.equal(actingFor(after, 'pos-vmayor-2', '2026-03-02', { kind: 'handle' }).personId, 'person-vmayor6');
    assert.equal(actingFor(after, 'pos-vmayor-2', '2026-03-01', { kind: 'handle' }).personId, 'person-vmayor2', 'yesterday is unchanged');
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
});
