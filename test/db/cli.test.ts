import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'zhengtong.mjs');
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 120_000 });

// One data folder for the embedded-mode tests: `zhengtong seed` fills it as `npm start` does.
const embedded = !process.env.DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'zt-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('CLI: seed loads the Wuwei demo into an empty data folder once; a second seed changes nothing', { skip: !embedded && 'embedded mode only' }, () => {
  const seeded = run(['seed'], { ZHENGTONG_DATA_DIR: dir });
  assert.equal(seeded.status, 0, seeded.stderr);
  assert.match(seeded.stdout, /已载入武威演示数据/);
  const again = run(['seed'], { ZHENGTONG_DATA_DIR: dir });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /演示数据已存在，未重复载入/);
});

test('embedded storage: a second process on the same data folder is refused with a clear message, and the first keeps working', { skip: !embedded && 'embedded mode only' }, async () => {
  {
    // hold the folder in a child that stays alive
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { openDb } = await import(${JSON.stringify(join(ROOT, 'src/store/db.ts'))});
      const db = await openDb({ dataDir: ${JSON.stringify(dir)} });
      console.log('held');
      setInterval(() => db.query('SELECT 1'), 1000);
    `], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d) => String(d).includes('held') && resolve()));
    const second = run(['migrate'], { ZHENGTONG_DATA_DIR: dir });
    holder.kill('SIGKILL');
    assert.notEqual(second.status, 0);
    assert.match(second.stderr, /STORE\.FOLDER_LOCKED/);
    assert.match(second.stderr, /已被进程 \d+ 占用/);
    // the holder died without releasing: its stale lock is taken over
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(run(['migrate'], { ZHENGTONG_DATA_DIR: dir }).status, 0);
  }
});

test('CLI: audit verify reports an intact chain, then names the record altered behind the system', { skip: !embedded && 'embedded mode only' }, async () => {
  {
    const ok = run(['audit', 'verify'], { ZHENGTONG_DATA_DIR: dir });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /审计链完整/);
    const tamper = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
      const { openDb } = await import(${JSON.stringify(join(ROOT, 'src/store/db.ts'))});
      const db = await openDb({ dataDir: ${JSON.stringify(dir)} });
      await db.query("UPDATE audit_records SET actor_name = '他人' WHERE chain_pos = 2");
      await db.close();
    `], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(tamper.status, 0, tamper.stderr);
    const bad = run(['audit', 'verify'], { ZHENGTONG_DATA_DIR: dir });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /审计链被破坏：第 2 位/);
  }
});

test('CLI: pack check refuses a malformed pack naming the file and the field', () => {
  const good = run(['pack', 'check'], {});
  assert.equal(good.status, 0, good.stderr);
  const bad = run(['pack', 'check', join(ROOT, 'packs', 'no-such-pack')], {});
  assert.notEqual(bad.status, 0);
  assert.ok(bad.stderr.length > 0);
});

test('CLI: an unknown command exits non-zero with the usage', () => {
  const r = run(['frobnicate'], {});
  assert.equal(r.status, 2);
  assert.match(r.stderr, /未知命令/);
});
