// GB/T 9704-2012 7.3.1: a title that does not fit one line breaks with its words whole and its lines balanced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titleLines } from './layout.ts';

test('GB/T 9704-2012 7.3.1: a title breaks before 关于 when both parts fit', () => {
  assert.deepEqual(titleLines('武威市人民政府办公室关于做好春季学期校园安全工作的通知'), ['武威市人民政府办公室', '关于做好春季学期校园安全工作的通知']);
});

test('GB/T 9704-2012 7.3.1: a number stays with its unit — 2026年 is never split across the lines of a title', () => {
  const lines = titleLines('武威市人民政府关于印发武威市2026年重点项目建设计划的通知');
  assert.equal(lines.join(''), '武威市人民政府关于印发武威市2026年重点项目建设计划的通知');
  assert.ok(lines.some((l) => l.includes('2026年')), lines.join(' / '));
  assert.equal(lines.length, 2);
  const [a, b] = lines.map((l) => [...l].length);
  assert.ok(Math.abs(a! - b!) <= 4, `balanced: ${lines.join(' / ')}`);
});

test('GB/T 9704-2012 7.3.1: a book title mark does not end a line, a closing mark does not begin one', () => {
  const lines = titleLines('武威市人民政府关于印发《武威市二〇二六年市级重点项目投资计划》的通知');
  for (const l of lines) {
    assert.ok(!/[《]$/.test(l), lines.join(' / '));
    assert.ok(!/^[》、，]/.test(l), lines.join(' / '));
  }
  assert.equal(lines.join(''), '武威市人民政府关于印发《武威市二〇二六年市级重点项目投资计划》的通知');
  assert.ok(lines.some((l) => l.includes('二〇二六年')), `a year in Chinese numerals stays whole: ${lines.join(' / ')}`);
});
