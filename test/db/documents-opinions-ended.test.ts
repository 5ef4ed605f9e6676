// 第六十六条 on a document that no longer waits for opinions: a request or countersign still open when
// its document is closed, returned, issued or withdrawn is ended as 已撤回（不再需要）on the trail, its
// 无不同意见 timer cancelled; a timer that fires for such a request records no 无不同意见.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { runUseCase, type Actor, type AppDeps } from '../../src/app/context.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';
import { IMPLIED_CONSENT_KIND, registerDocumentTimerKinds } from '../../src/app/documents/timers.ts';
import * as inc from '../../src/app/documents/incoming.ts';
import { createOpinionRequests, endOpinionRequestsOfDocument } from '../../src/app/documents/opinions.ts';
import { getDocument } from '../../src/app/documents/queries.ts';
import type { Db } from '../../src/store/db.ts';
import { manualClock, openTestDb } from './harness.ts';
import { useTestOrg } from './documents-fixture.ts';

const office: Actor = { tenantId: 'wuwei', userId: null, personId: 'p-clerk', name: '子文书', roles: ['office_clerk'], ip: null };
const vm1: Actor = { tenantId: 'wuwei', userId: null, personId: 'p-vm1', name: '丙副市长', roles: ['vice_mayor'], ip: null };

before(() => {
  useTestOrg();
  registerDocumentTimerKinds();
});

const addTenant = (db: Db) => db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '测试市人民政府', 'wuwei-2023') ON CONFLICT DO NOTHING`);

/** An incoming 请示 in 承办 (handling) by 市教育局. */
async function handlingDocument(deps: AppDeps, title: string): Promise<string> {
  const { id } = await inc.receiveIncoming(deps, office, {
    docType: '请示', title, issuerName: '甲县人民政府', issuerUnitId: 'u-county',
    facts: {
      matters: [title], principalRecipients: ['市政府'], submitterUnitId: 'u-county', alsoSentTo: [], addressedToLeader: false, containsRequest: false, skipsLevel: false,
      involvedUnitIds: [], countersigns: [], jointSubmission: false, normative: false, highImpact: false, hasInterpretation: false, hasOpinionPlan: false,
    } as any,
  });
  let v = (await inc.registerIncoming(deps, office, id)).version;
  v = (await inc.intakeReview(deps, office, id, { outcome: 'pass', version: v })).version;
  const p = await inc.proposeHandling(deps, office, id, {
    text: '建议请丙副市长阅处，市教育局办理', leadUnitId: 'u-jyj', cooperatingUnitIds: [], duties: '按职权办理', important: false,
    instructionSource: 'none', timeLimitKind: 'withinPowers', version: v,
  } as any);
  v = p.version;
  for (const s of p.steps) v = (await inc.instruct(deps, s.acting?.personId === 'p-vm1' ? vm1 : office, id, { order: s.order, text: '请市教育局按职权办理', version: v })).version;
  return id;
}

const askFgw = async (deps: AppDeps, documentId: string) =>
  (await createOpinionRequests(deps, office, { documentId, subject: '关于校舍维修资金的意见', kind: 'opinion', requestingUnitId: 'u-jyj', askedUnitIds: ['u-fgw'] }))[0];

const timerOf = async (db: Db, requestId: string) =>
  (await db.query(`SELECT t.fired_at, t.cancelled_at, t.payload FROM timers t JOIN deadlines d ON d.id = t.key WHERE t.kind = $1 AND d.object_id = $2`, [IMPLIED_CONSENT_KIND, requestId])).rows[0] as any;

test('第六十六条: closing a document ends its open opinion requests at once — 已撤回 on the trail, the 无不同意见 timer cancelled; a document still in 承办 gets its 无不同意见 when the limit passes', async () => {
  const t = await openTestDb();
  const clock = manualClock('2026-03-02T09:00:00+08:00');
  const deps: AppDeps = { db: t.db, clock };
  try {
    await addTenant(t.db);
    const closed = await handlingDocument(deps, '关于甲县第一中学校舍维修的请示');
    const open = await handlingDocument(deps, '关于甲县第二中学操场改造的请示');
    const onClosed = await askFgw(deps, closed);
    await askFgw(deps, open);
    const v = (await getDocument(deps, office, closed)).document.version;
    await inc.closeIncoming(deps, office, closed, { reply: '已由市教育局统筹解决', version: v });

    const c = await getDocument(deps, office, closed);
    assert.equal(c.opinions.find((o: any) => o.id === onClosed).state, 'withdrawn');
    const ended = c.events.filter((e: any) => e.action === 'opinion_withdrawn');
    assert.deepEqual(ended.map((e: any) => [e.article, e.payload.requestId]), [[66, onClosed]]);
    assert.match(ended[0].label, /征求意见已撤回，不再需要回复（文件已办结）/);
    const timer = await timerOf(t.db, onClosed);
    assert.ok(timer.cancelled_at && !timer.fired_at, 'cancelled when the document was closed');

    // 2个工作日: due 03-04; on 03-05 only the document still in 承办 gets its 无不同意见
    clock.set('2026-03-05T09:00:00+08:00');
    const run = await runDueTimers(deps);
    assert.deepEqual(run.failed, []);
    assert.equal(run.fired.filter((x) => x.kind === IMPLIED_CONSENT_KIND).length, 1);
    assert.deepEqual((await getDocument(deps, office, closed)).events.filter((e: any) => e.action === 'opinion_implied'), [], 'no 无不同意见 on a closed document');
    const { rows: audit } = await t.db.query(`SELECT object_id FROM audit_records WHERE action = 'document.opinion_implied'`);
    assert.deepEqual(audit.map((a: any) => a.object_id), [open], 'only the document still in 承办');
    assert.equal((await getDocument(deps, office, open)).opinions[0].state, 'implied');
    assert.deepEqual((await runDueTimers(deps)).fired, [], 'once');
  } finally {
    await t.close();
  }
});

test('第六十六条: a timer that fires for a request whose document is no longer waiting (closed outside the close use case, e.g. data from before this rule) records no 无不同意见 and ends the request as 已撤回', async () => {
  const t = await openTestDb();
  const clock = manualClock('2026-03-02T09:00:00+08:00');
  const deps: AppDeps = { db: t.db, clock };
  try {
    await addTenant(t.db);
    const doc = await handlingDocument(deps, '关于甲县第三中学食堂改造的请示');
    const request = await askFgw(deps, doc);
    // still in 承办: nothing to end
    assert.deepEqual(await runUseCase(deps, office, (ctx) => endOpinionRequestsOfDocument(ctx, doc)), []);
    assert.equal((await timerOf(t.db, request)).cancelled_at, null);
    await t.db.query(`UPDATE documents SET state = 'closed', closed_at = now() WHERE id = $1`, [doc]);

    clock.set('2026-03-05T09:00:00+08:00');
    const run = await runDueTimers(deps);
    assert.deepEqual(run.failed, []);
    const d = await getDocument(deps, office, doc);
    assert.equal(d.opinions[0].state, 'withdrawn');
    assert.deepEqual(d.events.filter((e: any) => e.action === 'opinion_implied'), []);
    assert.deepEqual(d.events.filter((e: any) => e.action === 'opinion_withdrawn').map((e: any) => e.article), [66]);
    assert.match((await timerOf(t.db, request)).payload.skipped, /文件已办结，征求意见已撤回，不记无不同意见/);
    assert.deepEqual((await runDueTimers(deps)).fired, [], 'nothing left to fire');
    assert.deepEqual(await runUseCase(deps, office, (ctx) => endOpinionRequestsOfDocument(ctx, doc)), [], 'ended once');
  } finally {
    await t.close();
  }
});
