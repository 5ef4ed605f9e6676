// API scenarios for decisions and rule-making, against the Wuwei demo (PGlite, or PostgreSQL with DATABASE_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { decisionsRulesOn } from '../../src/app/decisions/rules.ts';
import { TEST_DECISIONS_RULES } from '../../src/domain/decisions/fixture.ts';

let s: TestServer;
let clerk: string;
before(async () => {
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  clerk = await s.login('office-clerk');
});
after(async () => { await s.close(); });

const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = clerk) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.json() };
};
const count = async (table: string) => Number((await s.deps.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
const decidedTopic = async () => (await s.deps.db.query(`SELECT md.topic_id, md.meeting_id FROM meeting_decisions md JOIN meeting_topics t ON t.id = md.topic_id
  JOIN meetings m ON m.id = md.meeting_id WHERE m.type = 'executive' AND t.title = '关于2026年市级重点项目投资计划的议题'`)).rows[0] as { topic_id: string; meeting_id: string };
const undecidedTopic = async () => (await s.deps.db.query(`SELECT id FROM meeting_topics WHERE id NOT IN (SELECT topic_id FROM meeting_decisions) LIMIT 1`)).rows[0].id as string;
const audits = async (objectId: string) => (await s.deps.db.query('SELECT action, article FROM audit_records WHERE object_id = $1 ORDER BY seq', [objectId])).rows as { action: string; article: number }[];

test('rules: the case tables use the pack in force', () => {
  const { packId, ...r } = decisionsRulesOn('2026-03-02');
  assert.equal(packId, 'wuwei-2023');
  assert.deepEqual(r, TEST_DECISIONS_RULES);
});

test('第三十一条: a major decision is refused with every missing legal step, then decided with all five and a meeting decision (第三十二条)', async () => {
  const reg = await call('POST', '/decisions/major', { title: '武威市城区公共交通票价调整方案', leadUnitId: 'unit-jtysj' });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  const id = reg.body.id;
  const na = await call('POST', `/decisions/major/${id}/steps`, { step: 'legalityReview', applicable: false, reason: '时间紧', on: '2026-03-01' });
  assert.equal(na.status, 422);
  assert.equal(na.body.code, 'DEC.STEP_NOT_OPTIONAL');
  assert.equal(na.body.article, 31);
  assert.equal((await call('POST', `/decisions/major/${id}/steps`, { step: 'publicParticipation', applicable: true, evidence: '市政府门户网站公开征求意见30日', on: '2026-02-10' })).status, 201);
  assert.equal((await call('POST', `/decisions/major/${id}/steps`, { step: 'expertReview', applicable: false, reason: '', on: '2026-02-12' })).body.code, 'DEC.STEP_REASON_MISSING');

  const before = await count('dec_major_decisions WHERE status = \'decided\'');
  const early = await call('POST', `/decisions/major/${id}/decide`, { on: '2026-03-02', text: '同意调整', evaluationDue: '2026-09-30' });
  assert.equal(early.status, 422);
  assert.equal(early.body.code, 'DEC.REFUSED');
  assert.deepEqual(early.body.violations.map((v: any) => v.code), ['DEC.STEP_MISSING', 'DEC.STEP_MISSING', 'DEC.STEP_MISSING', 'DEC.STEP_MISSING', 'DEC.MEETING_DECISION_REQUIRED']);
  assert.deepEqual(early.body.violations.slice(0, 4).map((v: any) => v.details.step), ['expertReview', 'riskAssessment', 'legalityReview', 'collectiveDecision']);
  assert.ok(early.body.violations.slice(0, 4).every((v: any) => v.article === 31 && v.message.includes('依据第三十一条')));
  assert.equal(await count('dec_major_decisions WHERE status = \'decided\''), before, 'nothing written');

  for (const [step, extra] of [
    ['expertReview', { applicable: false, reason: '票价调整不属于专业性、技术性较强的事项' }], ['riskAssessment', { applicable: true, evidence: '社会稳定风险评估报告' }],
    ['legalityReview', { applicable: true, evidence: '市司法局合法性审查意见书' }], ['collectiveDecision', { applicable: true, evidence: '常务会议纪要' }],
  ] as const) assert.equal((await call('POST', `/decisions/major/${id}/steps`, { step, on: '2026-02-20', ...extra })).status, 201, step);

  const notFound = await call('POST', `/decisions/major/${id}/decide`, { on: '2026-03-02', text: '同意调整', evaluationDue: '2026-09-30', topicId: await undecidedTopic() });
  assert.equal(notFound.body.code, 'DEC.MEETING_DECISION_NOT_FOUND');
  const t = await decidedTopic();
  const ok = await call('POST', `/decisions/major/${id}/decide`, { on: '2026-03-02', text: '同意调整', evaluationDue: '2026-10-03', topicId: t.topic_id });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.warnings.map((w: any) => w.code), ['DEC.CONSULTATION_NOT_RECORDED', 'DEC.LEGAL_ADVISER_NOT_RECORDED'], '第三十五条 flagged');
  assert.ok(ok.body.evaluationDue >= '2026-10-03', 'rolled to a working day');
  const again = await call('POST', `/decisions/major/${id}/steps`, { step: 'expertReview', applicable: true, evidence: 'x', on: '2026-03-01' });
  assert.equal(again.body.code, 'DEC.ALREADY_DECIDED');
  const trail = await audits(id);
  assert.equal(trail.at(-1)!.action, 'major_decision.decided');
  assert.equal(trail.at(-1)!.article, 31);
});

test('第三十五条、第三十六条: consultations and the legal adviser are in the file; tracking after the decision with an evaluation date', async () => {
  const id = (await call('POST', '/decisions/major', { title: '武威市生活垃圾分类实施方案', leadUnitId: 'unit-zjj' })).body.id;
  assert.equal((await call('POST', `/decisions/major/${id}/tracking`, { stage: 'tracking', on: '2026-03-01', summary: 's' })).body.code, 'DEC.NOT_DECIDED');
  assert.equal((await call('POST', `/decisions/major/${id}/consultations`, { party: '民主党派', form: '座谈会', summary: '建议先在凉州区试点', on: '2026-02-15' })).status, 201);
  assert.equal((await call('POST', `/decisions/major/${id}/consultations`, { party: '政府法律顾问', summary: '程序合法', on: '2026-02-16' })).status, 201);
  const bad = await call('POST', `/decisions/major/${id}/consultations`, { party: '某公司', summary: '', on: '2026-02-16' });
  assert.deepEqual(bad.body.violations.map((v: any) => [v.code, v.article]), [['DEC.UNKNOWN_PARTY', 35], ['DEC.CONSULTATION_SUMMARY_MISSING', 35]]);
  for (const step of TEST_DECISIONS_RULES.major.steps) await call('POST', `/decisions/major/${id}/steps`, { step, applicable: true, evidence: '材料', on: '2026-02-20' });
  const noDue = await call('POST', `/decisions/major/${id}/decide`, { on: '2026-03-01', text: '同意', topicId: (await decidedTopic()).topic_id });
  assert.equal(noDue.body.code, 'DEC.EVALUATION_DUE_MISSING');
  const ok = await call('POST', `/decisions/major/${id}/decide`, { on: '2026-03-01', text: '同意', evaluationDue: '2026-03-02', topicId: (await decidedTopic()).topic_id });
  assert.deepEqual(ok.body.warnings, []);
  assert.equal((await call('POST', `/decisions/major/${id}/tracking`, { stage: 'tracking', on: '2026-03-02', summary: '各县区已启动' })).status, 201);
  s.clock.set('2026-03-04T09:00:00+08:00');
  clerk = await s.login('office-clerk');
  const file = await call('GET', `/decisions/major/${id}`);
  assert.equal(file.body.consultations.length, 2);
  assert.equal(file.body.evaluation.state, 'overdue', 'evaluation not done by its date');
  assert.equal((await call('POST', `/decisions/major/${id}/tracking`, { stage: 'evaluation', on: '2026-03-04', summary: '分类准确率达到预期' })).status, 201);
  assert.equal((await call('GET', `/decisions/major/${id}`)).body.evaluation.done, true);
  s.clock.set('2026-03-02T09:00:00+08:00');
  clerk = await s.login('office-clerk');
});

test('第三十二条: a large fund use needs an approving plenary or executive meeting decision', async () => {
  const no = await call('POST', '/decisions/collective', { matter: 'largeFunds', title: '城区老旧供热管网改造资金' });
  assert.equal(no.status, 422);
  assert.equal(no.body.code, 'DEC.MEETING_DECISION_REQUIRED');
  assert.equal(no.body.article, 32);
  const t = await decidedTopic();
  const ok = await call('POST', '/decisions/collective', { matter: 'majorProject', title: '2026年市级重点项目安排', topicId: t.topic_id, meetingId: t.meeting_id });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.meeting.meetingType, 'executive');
});

test('第二十七条至第二十九条: a normative document is refused with every violated rule, then issued; revocation is a new record', async () => {
  const reg = await call('POST', '/decisions/normative', { title: '武威市预付式消费管理若干规定', draftingUnitId: 'unit-scjgj', involvedUnitIds: ['unit-shangwu'], form: 'department', publicRights: true });
  assert.equal(reg.status, 201);
  const id = reg.body.id;
  const forbidden = TEST_DECISIONS_RULES.normative.forbidden;
  await call('POST', `/decisions/normative/${id}/records`, { kind: 'checklist', items: { ...Object.fromEntries(forbidden.map((f) => [f, false])), [forbidden[1]]: true }, on: '2026-02-20' });
  const refused = await call('POST', `/decisions/normative/${id}/issue`, { docNumber: '武市监发〔2026〕5号', issuedOn: '2026-03-02' });
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.body.violations.map((v: any) => [v.code, v.article]), [
    ['DEC.LEGALITY_REVIEW_MISSING', 27], ['DEC.CROSS_DEPARTMENT_FORM', 28], ['DEC.DEPARTMENT_NOT_CONSULTED', 28], ['DEC.PRIOR_REQUEST_MISSING', 28], ['DEC.FORBIDDEN_CONTENT', 29],
  ]);
  assert.equal((await call('GET', `/decisions/normative/${id}`)).body.status, 'draft');

  const joint = (await call('POST', '/decisions/normative', { title: '武威市预付式消费管理若干规定（联合）', draftingUnitId: 'unit-scjgj', involvedUnitIds: ['unit-shangwu'], form: 'jointDocument', publicRights: true, important: true })).body.id;
  for (const rec of [
    { kind: 'legalityReview', passed: true, opinion: '经审查，未发现违法内容', on: '2026-02-25' },
    { kind: 'consultation', unitId: 'unit-shangwu', opinion: '无不同意见', on: '2026-02-20' },
    { kind: 'priorRequest', ref: '武市监发〔2026〕3号请示', on: '2026-02-10' },
    { kind: 'checklist', items: Object.fromEntries(forbidden.map((f) => [f, false])), on: '2026-02-25' },
  ]) assert.equal((await call('POST', `/decisions/normative/${joint}/records`, rec)).status, 201, rec.kind);
  const needsApproval = await call('POST', `/decisions/normative/${joint}/issue`, { docNumber: '武市监联发〔2026〕1号', issuedOn: '2026-03-02' });
  assert.equal(needsApproval.body.code, 'DEC.JOINT_APPROVAL_MISSING');
  await call('POST', `/decisions/normative/${joint}/records`, { kind: 'governmentApproval', ref: '市政府第15次常务会议同意', on: '2026-02-28' });
  const issued = await call('POST', `/decisions/normative/${joint}/issue`, { docNumber: '武市监联发〔2026〕1号', issuedOn: '2026-03-02' });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  const revoked = await call('POST', `/decisions/normative/${joint}/corrections`, { outcome: '予以撤销', reason: '增加了办理许可的条件', on: '2026-03-02' });
  assert.equal(revoked.status, 201);
  const doc = await call('GET', `/decisions/normative/${joint}`);
  assert.equal(doc.body.status, 'revoked');
  assert.deepEqual(doc.body.events.map((e: any) => e.kind).slice(-2), ['issued', 'revoked']);
  assert.equal((await audits(joint)).at(-1)!.article, 29);
});

test('第二十四条、第二十六条、第四十二条: a government rule through public comment, dispute, meeting decision, publication and filing', async () => {
  const id = (await call('POST', '/decisions/legislation', { title: '武威市城市绿化管理办法', instrument: '政府规章', action: '制定', leadUnitId: 'unit-zjj', important: true, disputed: true, on: '2026-01-05' })).body.id;
  assert.equal((await call('POST', `/decisions/legislation/${id}/advance`, { to: 'drafting', on: '2026-01-10', summary: '起草' })).status, 200);
  const skip = await call('POST', `/decisions/legislation/${id}/advance`, { to: 'review', on: '2026-02-01', summary: '送审' });
  assert.equal(skip.body.code, 'DEC.PUBLIC_COMMENT_REQUIRED');
  assert.equal(skip.body.article, 26);
  await call('POST', `/decisions/legislation/${id}/advance`, { to: 'publicComment', on: '2026-01-20', summary: '公开征求意见30日' });
  await call('POST', `/decisions/legislation/${id}/advance`, { to: 'review', on: '2026-02-25', summary: '市司法局审查' });
  const d1 = await call('POST', `/decisions/legislation/${id}/disputes`, { issue: '城市绿地管理职责', sides: [{ unitId: 'unit-zjj', position: '住建部门管理', reasons: '' }], proposal: '', submittedByUnitId: 'unit-zjj', on: '2026-02-26' });
  assert.deepEqual(d1.body.violations.map((v: any) => v.code), ['DEC.DISPUTE_SIDES', 'DEC.DISPUTE_REASONS_MISSING', 'DEC.DISPUTE_PROPOSAL_MISSING', 'DEC.DISPUTE_HANDLER']);
  const disp = await call('POST', `/decisions/legislation/${id}/disputes`, { issue: '城市绿地管理职责', sides: [
    { unitId: 'unit-zjj', position: '由住建部门统一管理', reasons: '城市绿化属城市建设范畴' }, { unitId: 'unit-lcj', position: '由林草部门管理', reasons: '绿地属林草资源' },
  ], proposal: '建议城区绿地由市住建局管理，城郊林地由市林草局管理', submittedByUnitId: 'unit-sfj', on: '2026-02-26' });
  assert.equal(disp.status, 201);
  const t = await decidedTopic();
  const blocked = await call('POST', `/decisions/legislation/${id}/advance`, { to: 'decided', on: '2026-03-01', summary: '常务会议审议' });
  assert.deepEqual(blocked.body.violations.map((v: any) => [v.code, v.article]), [['DEC.THIRD_PARTY_EVALUATION_MISSING', 26], ['DEC.DISPUTE_UNRESOLVED', 26], ['DEC.MEETING_DECISION_REQUIRED', 33]]);
  await call('POST', `/decisions/legislation/${id}/third-party`, { evaluator: '兰州大学法学院', summary: '建议明确分工', on: '2026-02-27' });
  await call('POST', `/decisions/disputes/${disp.body.id}/decide`, { decision: '同意市司法局意见', on: '2026-02-28' });
  assert.equal((await call('POST', `/decisions/legislation/${id}/advance`, { to: 'decided', on: '2026-03-01', summary: '常务会议审议通过', topicId: t.topic_id })).status, 200);
  const pub = await call('POST', `/decisions/legislation/${id}/advance`, { to: 'published', on: '2026-03-02', summary: '市政府令第1号公布' });
  assert.ok(pub.body.filingId, '第四十二条: a filing obligation opens on publication');
  const ov = await call('GET', '/decisions');
  const filing = ov.body.filings.find((f: any) => f.id === pub.body.filingId);
  assert.equal(filing.status, 'pending');
  assert.equal(filing.filedWith, '市人民代表大会常务委员会');
  assert.equal((await call('POST', `/decisions/filings/${filing.id}/file`, { filedOn: '2026-03-02', ref: '' })).body.code, 'DEC.FILING_REF_MISSING');
  assert.equal((await call('POST', `/decisions/filings/${filing.id}/file`, { filedOn: '2026-03-02', ref: '武人常备〔2026〕1号' })).status, 200);
});

test('第四十二条: congress inquiries are registered and answered', async () => {
  const bad = await call('POST', '/decisions/inquiries', { kind: '批评', subject: '', receivedOn: '2026-03-01' });
  assert.deepEqual(bad.body.violations.map((v: any) => v.code), ['DEC.UNKNOWN_INQUIRY_KIND', 'DEC.TITLE_MISSING']);
  const q = await call('POST', '/decisions/inquiries', { kind: '询问', subject: '城区供热价格调整情况', receivedOn: '2026-03-01' });
  assert.equal(q.status, 201);
  assert.equal((await call('POST', `/decisions/inquiries/${q.body.id}/answer`, { text: '', on: '2026-03-02', answeredBy: '赵启明' })).body.code, 'DEC.ANSWER_MISSING');
  assert.equal((await call('POST', `/decisions/inquiries/${q.body.id}/answer`, { text: '已按程序开展成本监审', on: '2026-03-02', answeredBy: '赵启明' })).status, 200);
  assert.equal((await call('POST', `/decisions/inquiries/${q.body.id}/answer`, { text: 'x', on: '2026-03-02', answeredBy: '赵启明' })).body.code, 'DEC.ALREADY_ANSWERED');
});

test('第九十四条: changing a decided decision is refused without a legal basis', async () => {
  const ov = await call('GET', '/decisions');
  const decided = ov.body.majors.find((m: any) => m.status === 'decided');
  const no = await call('POST', '/decisions/changes', { targetType: 'major_decision', targetId: decided.id, legalBasis: '', reason: '情况变化', on: '2026-03-02' });
  assert.equal(no.status, 422);
  assert.equal(no.body.code, 'DEC.CHANGE_LEGAL_BASIS_MISSING');
  assert.equal(no.body.article, 94);
  const ok = await call('POST', '/decisions/changes', { targetType: 'plan', targetTitle: '武威市国土空间总体规划', legalBasis: '《中华人民共和国城乡规划法》第四十七条', reason: '国务院批准重大建设工程', on: '2026-03-02' });
  assert.equal(ok.status, 201);
  assert.equal((await audits(ok.body.id)).at(-1)!.article, 94);
});

test('permissions: a department clerk reads decisions but cannot record a major decision', async () => {
  const dept = await s.login('fgw-clerk');
  assert.equal((await call('GET', '/decisions', undefined, dept)).status, 200);
  assert.equal((await call('POST', '/decisions/major', { title: 'x', leadUnitId: 'unit-fgw' }, dept)).status, 403);
});

test('demo: the Wuwei decisions registers are loaded, each record passing the rules', async () => {
  const ov = await call('GET', '/decisions');
  assert.equal(ov.status, 200);
  const plan = ov.body.majors.find((m: any) => m.title === '武威市2026年市级重点项目投资计划');
  assert.equal(plan.status, 'decided');
  assert.equal(plan.meetingId != null, true);
  const school = ov.body.majors.find((m: any) => m.title === '全市义务教育学校布局调整方案');
  assert.deepEqual(school.missingSteps, ['专家论证', '合法性审查', '集体讨论决定']);
  assert.ok(ov.body.filings.some((f: any) => f.status === 'pending' && f.title.includes('武政发〔2026〕3号')));
  assert.ok(ov.body.legislation.some((l: any) => l.disputes.length === 1 && l.disputes[0].decision == null));
  assert.ok(ov.body.inquiries.some((q: any) => q.kind === '质询' && !q.answeredOn));
});
