import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bulkhead } from './bulkhead.ts';

const gate = () => { let open!: () => void; const p = new Promise<void>((r) => { open = r; }); return { p, open }; };

test('bulkhead: no more expensive reads hold a connection than its slots; the others wait their turn in order', async () => {
  const b = new Bulkhead(2, 5_000);
  const gates = [gate(), gate(), gate(), gate()];
  const started: number[] = [];
  const runs = gates.map((g, i) => b.run(async () => { started.push(i); await g.p; return i; }));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual(b.stats(), { slots: 2, active: 2, waiting: 2, waited: 2, refused: 0 });
  gates[1].open();
  await runs[1];
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1, 2], 'the first in line takes the freed slot');
  gates[0].open(); gates[2].open(); gates[3].open();
  assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
  assert.deepEqual(b.stats(), { slots: 2, active: 0, waiting: 0, waited: 2, refused: 0 });
});

test('bulkhead: a read that fails frees its slot; one that waited too long is refused with 503 SERVER.BUSY and leaves the line', async () => {
  const b = new Bulkhead(1, 50);
  await assert.rejects(b.run(async () => { throw new Error('查询失败'); }), /查询失败/);
  assert.equal(b.stats().active, 0);
  const g = gate();
  const holder = b.run(() => g.p);
  await assert.rejects(b.run(async () => 'never'), (e: any) => e.code === 'SERVER.BUSY' && e.status === 503);
  assert.deepEqual(b.stats(), { slots: 1, active: 1, waiting: 0, waited: 1, refused: 1 });
  g.open(); await holder;
  assert.equal(await b.run(async () => 'next'), 'next');
  assert.equal(b.stats().active, 0);
});
