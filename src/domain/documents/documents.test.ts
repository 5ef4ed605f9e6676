import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallOrg } from '../org/fixture.ts';
import { cleanRequest, TEST_PARAMS as P } from './fixture.ts';
import {
  attachmentViolations, canSee, checkProposedHandling, disclosureViolations, draftingWarnings, formatDocNumber, isSilenceNoObjection,
  leaderRouting, negotiationViolations, parseDocNumber, registerGaps, replyViolations, reviewIntake, safeFileName, signingPlan,
  stepOrderViolations, transitionViolations, type ProposedHandling,
} from './index.ts';

const names: Record<string, string> = { 'u-jyj': '市教育局', 'u-fgw': '市发展改革委', 'u-gaj': '市公安局' };
const nameOf = (u: string) => names[u] ?? u;
const codes = (v: { code: string }[]) => v.map((x) => x.code).sort();
const D = '2026-03-02';

// ---- 第六十二条 行文规则 (case table: why, facts, expected codes) ----
const art62: [string, Parameters<typeof cleanRequest>[0], string[]][] = [
  ['a clean 请示 with one matter passes', {}, []],
  ['请示 with two matters breaks 一文一事', { matters: ['维修资金', '增加编制'] }, ['DOC.INTAKE_MULTIPLE_MATTERS']],
  ['报告 flagged as carrying a request', { docType: '报告', containsRequest: true }, ['DOC.INTAKE_REPORT_WITH_REQUEST']],
  ['报告 with several matters is not 一文一事 bound', { docType: '报告', matters: ['a', 'b'] }, []],
  ['skip-level without approval', { skipsLevel: true }, ['DOC.INTAKE_SKIP_LEVEL']],
  ['skip-level with recorded approval', { skipsLevel: true, skipLevelApproval: '市政府办公室2026年2月批准' }, []],
  ['多头报文: two principal recipients', { principalRecipients: ['市政府', '市委'] }, ['DOC.INTAKE_MULTIPLE_RECIPIENTS']],
  ['多头报文: the same 请示 also sent to another authority', { alsoSentTo: ['省教育厅'] }, ['DOC.INTAKE_MULTIPLE_RECIPIENTS']],
  ['addressed to a leader personally', { addressedToLeader: true }, ['DOC.INTAKE_ADDRESSED_TO_LEADER']],
  ['addressed to a leader who assigned it', { addressedToLeader: true, leaderException: 'assigned' }, []],
  ['every breach at once is listed, none hidden', { matters: ['a', 'b'], skipsLevel: true, addressedToLeader: true, principalRecipients: ['市政府', '市委'] },
    ['DOC.INTAKE_ADDRESSED_TO_LEADER', 'DOC.INTAKE_MULTIPLE_MATTERS', 'DOC.INTAKE_MULTIPLE_RECIPIENTS', 'DOC.INTAKE_SKIP_LEVEL']],
];
for (const [why, facts, expected] of art62) {
  test(`第六十二条: ${why}`, () => {
    const v = reviewIntake(cleanRequest(facts), P, nameOf);
    assert.deepEqual(codes(v), [...expected].sort());
    for (const x of v) assert.equal(x.article, 62), assert.match(x.message, /依据第六十二条/);
  });
}

test('第八十二条 / 保守国家秘密法第三十一条: 秘密、机密、绝密 are refused; 工作秘密 and 内部 are accepted', () => {
  for (const c of ['秘密', '机密', '绝密']) {
    const v = reviewIntake(cleanRequest({ classification: c }), P, nameOf);
    assert.deepEqual(codes(v), ['DOC.CLASSIFIED']);
    assert.match(v[0].message, /保守国家秘密法》第三十一条/);
  }
  for (const c of ['工作秘密', '内部', '']) assert.deepEqual(reviewIntake(cleanRequest({ classification: c }), P, nameOf), []);
});

// ---- 第六十四条 会签 ----
const lead = { unitId: 'u-jyj', signerRank: 'principal_head' as const, signerName: '癸局长' };
const art64: [string, Parameters<typeof cleanRequest>[0], string[]][] = [
  ['involving another department without its countersign', { involvedUnitIds: ['u-fgw'], countersigns: [lead] }, ['DOC.INTAKE_COUNTERSIGN_MISSING']],
  ['countersigned by the lead principal head and the related head', { involvedUnitIds: ['u-fgw'], countersigns: [lead, { unitId: 'u-fgw', signerRank: 'head', signerName: '副主任' }] }, []],
  ['a joint submission replaces the countersign', { involvedUnitIds: ['u-fgw'], jointSubmission: true }, []],
  ['lead department signed by a deputy, not its principal head', { involvedUnitIds: ['u-fgw'], countersigns: [{ ...lead, signerRank: 'head' }, { unitId: 'u-fgw', signerRank: 'head', signerName: 'x' }] }, ['DOC.INTAKE_COUNTERSIGN_RANK']],
  ['related department signed by a clerk', { involvedUnitIds: ['u-fgw'], countersigns: [lead, { unitId: 'u-fgw', signerRank: 'other', signerName: '科员' }] }, ['DOC.INTAKE_COUNTERSIGN_RANK']],
  ['disagreement with reasons and proposal but no countersign: still refused', {
    involvedUnitIds: ['u-fgw'], countersigns: [lead],
    disagreement: { positions: [{ unitId: 'u-jyj', reasons: '资金急需' }, { unitId: 'u-fgw', reasons: '未列入年度计划' }], proposal: '先拨付一半' } }, ['DOC.INTAKE_COUNTERSIGN_MISSING']],
  ['disagreement without the other party\'s reasons or a proposal', {
    involvedUnitIds: ['u-fgw'], countersigns: [lead, { unitId: 'u-fgw', signerRank: 'head', signerName: 'x' }],
    disagreement: { positions: [{ unitId: 'u-jyj', reasons: '资金急需' }], proposal: '' } }, ['DOC.INTAKE_DISAGREEMENT_INCOMPLETE']],
  ['disagreement complete and countersigned goes to the government', {
    involvedUnitIds: ['u-fgw'], countersigns: [lead, { unitId: 'u-fgw', signerRank: 'head', signerName: 'x' }],
    disagreement: { positions: [{ unitId: 'u-jyj', reasons: '资金急需' }, { unitId: 'u-fgw', reasons: '未列入计划' }], proposal: '先拨付一半' } }, []],
];
for (const [why, facts, expected] of art64) {
  test(`第六十四条: ${why}`, () => {
    const v = reviewIntake(cleanRequest(facts), P, nameOf);
    assert.deepEqual(codes(v), [...expected].sort());
    for (const x of v) assert.equal(x.article, 64);
  });
}

// ---- 第六十七条 ----
const art67: [string, Parameters<typeof cleanRequest>[0], string[]][] = [
  ['normative document without 政策解读材料', { normative: true }, ['DOC.INTAKE_INTERPRETATION_MISSING']],
  ['normative with interpretation', { normative: true, hasInterpretation: true }, []],
  ['high-impact normative without 舆情应对方案', { normative: true, highImpact: true, hasInterpretation: true }, ['DOC.INTAKE_OPINION_PLAN_MISSING']],
  ['high-impact normative missing both', { normative: true, highImpact: true }, ['DOC.INTAKE_INTERPRETATION_MISSING', 'DOC.INTAKE_OPINION_PLAN_MISSING']],
];
for (const [why, facts, expected] of art67) {
  test(`第六十七条: ${why}`, () => assert.deepEqual(codes(reviewIntake(cleanRequest(facts), P, nameOf)), [...expected].sort()));
}

// ---- 第六十三条 ----
const meetingDraft = { purpose: '提请市委有关会议审议', mainlyGovernmentDuties: true };
const art63: [string, Parameters<typeof cleanRequest>[0], string[]][] = [
  ['a draft for a 市委 meeting, mainly about government duties, comes as a 请示 for the government\'s review', { partyDraft: meetingDraft }, []],
  ['the same draft sent as a 报告 has not gone through the government\'s review or approval', { docType: '报告', partyDraft: meetingDraft }, ['DOC.INTAKE_PARTY_DRAFT_REVIEW_FIRST']],
  ['a joint 市委、市政府 draft sent as a 函 is refused the same way', { docType: '函', partyDraft: { purpose: '以市委市政府名义联合发文', mainlyGovernmentDuties: true } }, ['DOC.INTAKE_PARTY_DRAFT_REVIEW_FIRST']],
  ['a draft mainly about party affairs is not bound by 第六十三条', { docType: '报告', partyDraft: { ...meetingDraft, mainlyGovernmentDuties: false } }, []],
  ['a purpose outside the pack\'s list is refused naming the list', { partyDraft: { purpose: '提请市人大审议', mainlyGovernmentDuties: true } }, ['DOC.INTAKE_PARTY_DRAFT_PURPOSE']],
];
for (const [why, facts, expected] of art63) {
  test(`第六十三条: ${why}`, () => {
    const v = reviewIntake(cleanRequest(facts), P, nameOf);
    assert.deepEqual(codes(v), [...expected].sort());
    for (const x of v) { assert.equal(x.article, 63); assert.match(x.message, /^依据第六十三条/); }
  });
}
test('第六十三条: the refusal says to submit a 请示 to the government, and is listed with the other articles\' violations', () => {
  const v = reviewIntake(cleanRequest({ docType: '报告', containsRequest: true, partyDraft: meetingDraft }), P, nameOf);
  assert.deepEqual([...new Set(v.map((x) => x.article))].sort(), [62, 63]);
  assert.match(v.find((x) => x.article === 63)!.message, /请以请示报送，提请市政府审议或审批（本件为报告）/);
});

test('第六十二条 第六十四条 第六十七条: 初审 lists the violations of all three articles together', () => {
  const v = reviewIntake(cleanRequest({ matters: ['a', 'b'], involvedUnitIds: ['u-fgw'], normative: true }), P, nameOf);
  assert.deepEqual([...new Set(v.map((x) => x.article))].sort(), [62, 64, 67]);
});

// ---- 第六十八条 / 第六十九条 ----
const handling = (over: Partial<ProposedHandling> = {}): ProposedHandling => ({
  text: '请市教育局牵头研究办理', leadUnitId: 'u-jyj', cooperatingUnitIds: [], duties: '提出资金安排意见', important: false,
  instructionSource: 'none', timeLimitKind: 'withinPowers', ...over,
});
test('第六十八条: a proposal without lead department and duties is refused with what is missing', () => {
  const v = checkProposedHandling(handling({ leadUnitId: null, duties: '' }), P);
  assert.deepEqual(codes(v), ['DOC.PROPOSAL_INCOMPLETE']);
  assert.match(v[0].message, /牵头部门、工作责任/);
  assert.deepEqual(checkProposedHandling(handling(), P), []);
});
const art68: [string, Partial<ProposedHandling>, string[]][] = [
  ['an ordinary document goes to the vice mayor in charge of the lead department', {}, ['pos-vm1:handle']],
  ['an important document: the mayor reads first, then the vice mayor in charge', { important: true }, ['pos-mayor:instruct', 'pos-vm1:handle']],
];
for (const [why, over, expected] of art68) {
  test(`第六十八条: ${why}`, () => {
    const r = leaderRouting(smallOrg(), D, handling(over), P);
    assert.ok(r.ok);
    assert.deepEqual(r.value.map((s) => `${s.positionId}:${s.mode}`), expected);
  });
}
const art69: [string, ProposedHandling['instructionSource'], string][] = [
  ['provincial leaders\' instructions go to the mayor first', 'provincial', 'pos-mayor'],
  ['important central instructions go to the mayor first', 'central_important', 'pos-mayor'],
  ['other central material follows the ordinary routing', 'central', 'pos-vm1'],
];
for (const [why, src, first] of art69) {
  test(`第六十九条: ${why}`, () => {
    const r = leaderRouting(smallOrg(), D, handling({ instructionSource: src }), P);
    assert.ok(r.ok);
    assert.equal(r.value[0].positionId, first);
    if (first === 'pos-mayor') assert.equal(r.value[0].article, 69);
  });
}
test('第六十八条: the vice mayor cannot instruct before the mayor has read an important document', () => {
  const steps = [{ order: 1, positionId: 'pos-mayor', done: false, article: 68 }, { order: 2, positionId: 'pos-vm1', done: false, article: 68 }];
  assert.deepEqual(codes(stepOrderViolations(steps, 2)), ['DOC.ROUTING_OUT_OF_ORDER']);
  assert.deepEqual(stepOrderViolations(steps, 1), []);
  steps[0].done = true;
  assert.deepEqual(stepOrderViolations(steps, 2), []);
});

// ---- 第七十条–第七十二条 signing matrix ----
const sign = (over: Partial<Parameters<typeof signingPlan>[2]>) =>
  signingPlan(smallOrg(), D, { docType: '通知', direction: 'downward', joint: 'none', leadUnitId: 'u-jyj', ...over }, P);
const matrix: [string, Partial<Parameters<typeof signingPlan>[2]>, string, number, boolean][] = [
  ['第七十一条: a downward 通知 is signed by the vice mayor in charge after reporting to the mayor', {}, 'pos-vm1', 71, true],
  ['第七十一条: a parallel 函 likewise', { docType: '函', direction: 'parallel' }, 'pos-vm1', 71, true],
  ['第七十一条: an upward 请示 is signed by the mayor after the secretary-general and vice mayor review', { docType: '请示', direction: 'upward' }, 'pos-mayor', 71, false],
  ['第七十一条: a joint party–government document is countersigned by the mayor', { joint: 'party' }, 'pos-mayor', 71, false],
  ['第七十一条: joint with a provincial department whose deputy signs: the vice mayor signs', { joint: 'external', counterpartRank: 'vice_mayor' }, 'pos-vm1', 71, true],
  ['第七十条: a 议案 is signed by the mayor', { docType: '议案', direction: 'upward' }, 'pos-mayor', 70, false],
  ['第七十条: 命令（令） is signed by the mayor', { docType: '命令（令）' }, 'pos-mayor', 70, false],
  ['第七十条: 人事任免 is signed by the mayor', { reservedMatter: '人事任免' }, 'pos-mayor', 70, false],
  ['第七十二条: large funds: the vice mayor reviews, the mayor decides', { majorMatter: '大额资金使用' }, 'pos-mayor', 72, false],
];
for (const [why, over, signer, article, report] of matrix) {
  test(why, () => {
    const r = sign(over);
    assert.ok(r.ok);
    assert.equal(r.value.signerPositionId, signer);
    assert.equal(r.value.article, article);
    assert.equal(r.value.reportToMayorFirst, report);
    assert.match(r.value.explanation, new RegExp(`依据第${['七十', '七十一', '七十二'][article - 70]}条`));
  });
}
test('第七十一条: the upward reviewers are the secretary-general and the vice mayor in charge', () => {
  const r = sign({ docType: '请示', direction: 'upward' });
  assert.ok(r.ok);
  assert.deepEqual(r.value.reviewers.map((x) => x.positionId), ['pos-sg', 'pos-vm1']);
});
test('第七十条: a reserved matter is marked so that it is never delegated', () => {
  const r = sign({ docType: '议案', direction: 'upward' });
  assert.ok(r.ok);
  assert.equal(r.value.reservedMatter, '议案');
  assert.equal(sign({}).ok && (sign({}) as any).value.reservedMatter, null);
});

// ---- 第七十四条 and 公开属性 ----
test('第七十四条: drafting warnings are flags with the article, each named', () => {
  const w = draftingWarnings({ issuerName: '市政府', withinDepartmentPowers: true, separateDivisionPlan: true, alreadyCovered: true, body: '短', disclosure: '主动公开' }, P);
  assert.deepEqual(codes(w), ['DOC.DRAFT_ALREADY_COVERED', 'DOC.DRAFT_DEPARTMENT_MATTER', 'DOC.DRAFT_NO_SUBSTANCE', 'DOC.DRAFT_SEPARATE_DIVISION_PLAN']);
  assert.ok(w.every((x) => x.article === 74));
  assert.deepEqual(draftingWarnings({ issuerName: '市教育局', withinDepartmentPowers: true, separateDivisionPlan: false, alreadyCovered: false, body: '为进一步做好全市春季学期校园安全工作，现就有关事项通知如下。', disclosure: '主动公开' }, P), []);
});
test('第七十四条: a draft without 公开属性 is not routed; 不予公开 needs a reason', () => {
  assert.deepEqual(codes(disclosureViolations(null, null, P)), ['DOC.DISCLOSURE_MISSING']);
  assert.deepEqual(codes(disclosureViolations('不予公开', '', P)), ['DOC.DISCLOSURE_REASON_MISSING']);
  assert.deepEqual(disclosureViolations('不予公开', '涉及个人隐私', P), []);
  assert.deepEqual(disclosureViolations('主动公开', null, P), []);
});

// ---- 第六十六条 / 第六十五条 ----
test('第六十六条: no reply after the due day is 无不同意见; on the due day it is not yet', () => {
  const r = { state: 'open' as const, due: '2026-03-04', askedUnitId: 'u-fgw' };
  assert.equal(isSilenceNoObjection(r, '2026-03-04'), false);
  assert.equal(isSilenceNoObjection(r, '2026-03-05'), true);
  assert.equal(isSilenceNoObjection({ ...r, state: 'agreed' }, '2026-03-09'), false);
});
test('第六十六条: a reply to a closed request, from another unit, or a disagreement without reasons is refused, all listed', () => {
  const v = replyViolations({ state: 'implied', due: '2026-03-04', askedUnitId: 'u-fgw' }, { agree: false }, ['u-jyj'], 66);
  assert.deepEqual(codes(v), ['DOC.NOT_YOUR_UNIT', 'DOC.OPINION_CLOSED', 'DOC.OPINION_REASONS_MISSING']);
  assert.deepEqual(replyViolations({ state: 'open', due: '2026-03-04', askedUnitId: 'u-fgw' }, { agree: true }, ['u-fgw'], 66), []);
});
test('第六十六条: a negotiated limit needs whom it was agreed with and the form of reply, before the due day', () => {
  const r = { state: 'open' as const, due: '2026-03-04', askedUnitId: 'u-fgw' };
  assert.deepEqual(negotiationViolations(r, { newDue: '2026-03-10', form: '书面', agreedWith: '市教育局办公室' }, '2026-03-03', 66), []);
  assert.deepEqual(codes(negotiationViolations(r, { newDue: '2026-03-10', form: '', agreedWith: '' }, '2026-03-05', 66)), ['DOC.NEGOTIATION_INCOMPLETE', 'DOC.OPINION_CLOSED']);
});

// ---- 发文字号, attachments (第七十五条), access (第八十二条), workflow ----
test('发文字号: 武政发〔2023〕19号 style — 六角括号, no padding, no 第', () => {
  assert.equal(formatDocNumber('武政发', 2023, 19), '武政发〔2023〕19号');
  assert.equal(formatDocNumber('武政办发', 2026, 1), '武政办发〔2026〕1号');
  assert.deepEqual(parseDocNumber('武政发〔2023〕19号'), { issuerCode: '武政发', year: 2023, seq: 19 });
  assert.equal(parseDocNumber('武政发〔2023〕019号'), null);
  assert.deepEqual(registerGaps([{ seq: 1 }, { seq: 3 }, { seq: 4 }]), [2]);
});
test('第七十五条: attachments over the size limit or of a forbidden type are refused; names are made safe', () => {
  assert.deepEqual(codes(attachmentViolations('病毒.exe', 11 * 1048576, 0, P)), ['DOC.ATTACHMENT_TOO_LARGE', 'DOC.ATTACHMENT_TYPE']);
  assert.deepEqual(attachmentViolations('说明.pdf', 1000, 0, P), []);
  assert.equal(safeFileName('../../etc/passwd'), 'passwd');
  assert.equal(safeFileName('C:\\文件\\a<b>.pdf'), 'a_b_.pdf');
  assert.equal(safeFileName('...'), '附件');
});
test('第八十二条: 工作秘密 is seen only by those it is routed to and their leaders', () => {
  const viewer = { personId: 'p-x', unitIds: ['u-jyj'], portfolioUnitIds: [], office: true, mayor: false, admin: false };
  const doc = { classification: '工作秘密', routedPersonIds: ['p-y'], unitIds: ['u-jyj'] };
  assert.equal(canSee(doc, viewer, ['工作秘密', '内部']), false);
  assert.equal(canSee({ ...doc, routedPersonIds: ['p-x'] }, viewer, ['工作秘密', '内部']), true);
  assert.equal(canSee(doc, { ...viewer, office: false, portfolioUnitIds: ['u-jyj'] }, ['工作秘密', '内部']), true);
  assert.equal(canSee({ ...doc, classification: '' }, { ...viewer, office: false }, ['工作秘密']), true);
  assert.equal(canSee({ ...doc, classification: '' }, { ...viewer, office: false, unitIds: ['u-fgw'] }, ['工作秘密']), false);
});
test('workflow: a wrong-state step is refused naming the state it needs', () => {
  assert.deepEqual(transitionViolations('incoming', 'registered', 'intakePass'), []);
  const v = transitionViolations('incoming', 'received', 'close');
  assert.deepEqual(codes(v), ['DOC.WRONG_STATE']);
  assert.match(v[0].message, /已签收/);
  assert.deepEqual(codes(transitionViolations('outgoing', 'issued', 'sign')), ['DOC.WRONG_STATE']);
});
