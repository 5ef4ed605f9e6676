// `zhengtong calendar import`: an administrator loads a new year from the command line (validated,
// audited, refused a second time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const YEAR_2027 = `year: 2027
notice: { title: 国务院办公厅关于2027年部分节假日安排的通知, number: 国办发明电〔2026〕99号, date: "2026-11-01" }
holidays:
  - { name: 元旦, daysOff: [{ from: "2027-01-01", to: "2027-01-03" }], makeupWorkdays: [] }
`;

test('calendar import loads a new year once, with a clear refusal the second time and for an invalid file', { skip: Boolean(process.env.DATABASE_URL) && '使用 PGlite 数据目录的命令行测试' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'zt-cal-'));
  const bin = fileURLToPath(new URL('../../bin/zhengtong.mjs', import.meta.url));
  const env = { ...process.env, ZHENGTONG_DATA_DIR: join(dir, 'data') };
  try {
    writeFileSync(join(dir, '2027.yaml'), YEAR_2027);
    writeFileSync(join(dir, 'bad.yaml'), YEAR_2027.replace('2027-01-03', '2027-01-32'));
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'calendar', ...args], { env, encoding: 'utf8' });
    const bad = run('import', join(dir, 'bad.yaml'));
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /CALENDAR\.ARRANGEMENT_INVALID/);
    assert.match(bad.stderr, /2027-01-32/);
    const ok = run('import', join(dir, '2027.yaml'), '--reason', '通知已印发');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /已导入 2027 年节假日安排（国办发明电〔2026〕99号）/);
    const again = run('import', join(dir, '2027.yaml'));
    assert.equal(again.status, 1);
    assert.match(again.stderr, /CALENDAR\.YEAR_DUPLICATE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
