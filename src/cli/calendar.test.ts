import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCalendarCommand } from './calendar.ts';

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCalendarCommand(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

test('calendar is-workday: makeup Saturday true, 春节 Monday false (2026)', async () => {
  assert.deepEqual(await run('is-workday', '2026-02-14'), { code: 0, out: ['true'], err: [] });
  assert.deepEqual(await run('is-workday', '2026-02-16'), { code: 0, out: ['false'], err: [] });
  assert.deepEqual(await run('is-workday', '2022-12-31', '--json'), { code: 0, out: ['{"workday":false,"unknownYears":[]}'], err: [] });
});

test('calendar add: 第六十六条 2个工作日 across 春节; 民法典 第二百零三条 3日 rolled past 国庆', async () => {
  assert.deepEqual(await run('add', '2026-02-13', '2', '--unit', 'workday'), { code: 0, out: ['2026-02-24'], err: [] });
  assert.deepEqual(await run('add', '2026-09-29', '3', '--unit', 'day'), { code: 0, out: ['2026-10-08'], err: [] });
  assert.deepEqual(await run('add', '2023-09-28', '1', '--unit=workday', '--json'), {
    code: 0,
    out: ['{"date":"2023-10-07","unknownYears":[]}'],
    err: [],
  });
});

test('calendar answers for 2027 carry the unknown-year flag (stderr warning, JSON unknownYears)', async () => {
  const plain = await run('is-workday', '2027-02-08');
  assert.equal(plain.code, 0);
  assert.deepEqual(plain.out, ['true']);
  assert.match(plain.err[0], /2027 年的节假日安排尚未加载/);
  assert.deepEqual(await run('add', '2026-12-30', '3', '--unit', 'workday', '--json'), {
    code: 0,
    out: ['{"date":"2027-01-04","unknownYears":[2027]}'],
    err: [],
  });
});

test('bad arguments exit non-zero with a Chinese message on stderr', async () => {
  const bad = await run('is-workday', '2026-02-30');
  assert.equal(bad.code, 1);
  assert.match(bad.err[0], /CALENDAR\.INVALID_DATE: 日期无效/);
  const cases: [string[], number, RegExp][] = [
    [['add', '2026-02-13', '2'], 2, /--unit/],
    [['add', '2026-02-13', '-1', '--unit', 'day'], 1, /天数「-1」无效/],
    [['add', '2026-02-13', '2', '--unit', 'day', '--verbose'], 2, /未知选项/],
    [['add', '2026-02-13', 'x', '--unit', 'day'], 1, /天数「x」无效/],
    [['add', '2026-02-13', '2', '--unit', 'week'], 1, /时限单位「week」无效/],
    [['is-workday'], 2, /一个日期/],
    [['frobnicate'], 2, /未知的 calendar 子命令/],
    [[], 2, /缺少 calendar 子命令/],
    [['is-workday', '1899-01-02'], 1, /超出日历支持的范围/],
  ];
  for (const [args, code, message] of cases) {
    const r = await run(...args);
    assert.equal(r.code, code, args.join(' '));
    assert.deepEqual(r.out, [], args.join(' '));
    assert.match(r.err.join('\n'), message, args.join(' '));
  }
});

test('the zhengtong command dispatches calendar commands (bin/zhengtong.mjs)', () => {
  const bin = fileURLToPath(new URL('../../bin/zhengtong.mjs', import.meta.url));
  const ok = spawnSync(process.execPath, [bin, 'calendar', 'add', '2025-09-30', '1', '--unit', 'workday', '--json'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), '{"date":"2025-10-09","unknownYears":[]}');
  const bad = spawnSync(process.execPath, [bin, 'calendar', 'is-workday', '2026-02-30'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /日期无效/);
});
