// 第三十六条 决策后评估: the evaluation date set with a major decision is a durable timer; on that date a
// reminder to the lead unit is put on the decision's record, citing the article of the tracking rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './http-harness.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';
import { EVALUATION_KIND } from '../../src/app/decisions/timers.ts';
import { decisionsRulesOn } from '../../src/app/decisions/rules.ts';

test('第三十六条: on the evaluation date of a major decision a 决策后评估 reminder to the lead unit is recorded once on its file; none for a decision already evaluated', async () => {
  const s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  try {
    let clerk = await s.login('office-clerk');
    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: clerk }, ...(payload ? { payload: payload as object } : {}) });
      return { status: r.statusCode, body: r.json() };
    };
    const { topic_id: topicId } = (await s.deps.db.query(`SELECT md.topic_id FROM meeting_decisions md JOIN meeting_topics t ON t.id = md.topic_id
      JOIN meetings m ON m.id = md.meeting_id WHERE m.type = 'executive' AND t.title = '关于2026年市级重点项目投资计划的议题'`)).rows[0] as any;
    const r = decisionsRulesOn('2026-03-02');
    const decided = async (title: string) => {
      const id = (await call('POST', '/decisions/major', { title, leadUnitId: 'unit-zjj' })).body.id;
      assert.equal((await call('POST', `/decisions/major/${id}/consultations`, { party: '政府法律顾问', summary: '程序合法', on: '2026-02-16' })).status, 201);
      for (const step of r.major.steps) await call('POST', `/decisions/major/${id}/steps`, { step, applicable: true, evidence: '材料', on: '2026-02-20' });
      const ok = await call('POST', `/decisions/major/${id}/decide`, { on: '2026-03-02', text: '同意', evaluationDue: '2026-03-10', topicId });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.evaluationDue, '2026-03-10');
      return id as string;
    };
    const waiting = await decided('武威市城区停车设施建设方案');
    const evaluated = await decided('武威市城区公共厕所改造方案');
    const timer = async (id: string) => (await s.deps.db.query(`SELECT due_at, fired_at, cancelled_at FROM timers WHERE kind = $1 AND key = $2`, [EVALUATION_KIND, id])).rows[0] as any;
    assert.equal(new Date((await timer(waiting)).due_at).toISOString(), '2026-03-09T16:00:00.000Z', '2026-03-10 00:00 in Shanghai');

    s.clock.set('2026-03-05T09:00:00+08:00');
    clerk = await s.login('office-clerk');
    assert.equal((await call('POST', `/decisions/major/${evaluated}/tracking`, { stage: 'evaluation', on: '2026-03-05', summary: '试点效果良好' })).status, 201);
    assert.ok((await timer(evaluated)).cancelled_at, 'evaluated before the date: the reminder is cancelled');

    const reminders = async () => (await s.deps.db.query(`SELECT object_id, article, payload FROM audit_records WHERE action = 'major_decision.evaluation_reminded' ORDER BY seq`)).rows as any[];
    s.clock.set('2026-03-09T23:59:00+08:00');
    await runDueTimers(s.deps);
    assert.deepEqual(await reminders(), [], 'not before the date');
    s.clock.set('2026-03-10T00:00:01+08:00');
    const run = await runDueTimers(s.deps);
    assert.deepEqual(run.fired.filter((t) => t.kind === EVALUATION_KIND).map((t) => t.key), [waiting]);
    assert.deepEqual(run.failed.filter((f) => f.timer.kind === EVALUATION_KIND), []);
    await runDueTimers(s.deps);
    const rec = await reminders();
    assert.deepEqual(rec.map((a) => [a.object_id, a.article, a.payload.leadUnitId]), [[waiting, r.major.trackingArticle, 'unit-zjj']], 'once, to the lead unit');
    assert.equal(r.major.trackingArticle, 36);
    assert.match(rec[0].payload.message, /^决策后评估提醒：「武威市城区停车设施建设方案」的效果评估日期 2026-03-10 已到，请.+组织评估并报告评估结果（依据第三十六条）$/);

    clerk = await s.login('office-clerk');
    const file = (await call('GET', `/decisions/major/${waiting}`)).body;
    assert.deepEqual(file.evaluation.reminders.map((x: any) => x.message), [rec[0].payload.message]);
    assert.deepEqual((await call('GET', `/decisions/major/${evaluated}`)).body.evaluation.reminders, []);
  } finally {
    await s.close();
  }
});
