import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, chainHash, GENESIS_HASH, verifyRun, type AuditContent, type SealedRecord } from './chain.ts';

const content = (seq: number, payload: unknown = {}): AuditContent => ({
  seq, tenantId: 'wuwei', at: '2026-03-02T01:00:00.000Z', actorUserId: 'u1', actorPersonId: 'p1', actorName: '张文书',
  action: 'document.registered', objectType: 'document', objectId: `d${seq}`, article: 62, ip: '127.0.0.1', payload,
});

function seal(contents: AuditContent[]): SealedRecord[] {
  let prev = GENESIS_HASH;
  return contents.map((c, i) => {
    const hash = chainHash(prev, i + 1, c);
    const r = { chainPos: i + 1, prevHash: prev, hash, content: c };
    prev = hash;
    return r;
  });
}

test('audit chain: canonical JSON ignores key order, as jsonb storage may reorder keys', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
});

test('audit chain: an untouched chain verifies', () => {
  const r = verifyRun(GENESIS_HASH, seal([content(1), content(2, { title: '关于…的请示' }), content(3)]));
  assert.equal(r.ok, true);
});

test('audit chain: an altered record is named as the first broken one', () => {
  const recs = seal([content(1), content(2, { title: '原标题' }), content(3)]);
  recs[1].content = { ...recs[1].content, payload: { title: '改过的标题' } };
  const r = verifyRun(GENESIS_HASH, recs);
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.broken.chainPos, 2);
});

test('audit chain: a removed record breaks the chain at the next one', () => {
  const recs = seal([content(1), content(2), content(3)]);
  const r = verifyRun(GENESIS_HASH, [recs[0], { ...recs[2], chainPos: 2 }]);
  assert.equal(r.ok, false);
});
