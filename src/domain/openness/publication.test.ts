import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultPack } from '../../rules/index.ts';
import { shippedCalendar } from '../../app/calendar/files.ts';
import { attributeParams, publicationRule } from './limits.ts';
import { checkAttribute, checkPublishable } from './attribute.ts';
import { publicationDeadline, publicationState } from './publication.ts';
import { checkEmergencyEntry } from './emergency.ts';
import { checkInterpretation } from './interpretation.ts';
import { annualReport } from './report.ts';
import { cleanQuery, snippet, toLexemes } from './search.ts';

const pack = loadDefaultPack();
const cal = shippedCalendar();
const A = attributeParams(pack, '2026-03-02');
const R = publicationRule(pack, '2026-03-02');

test('第三十七条: a document without 公开属性, with an unknown one, or 不予公开 without a reason is refused with every problem', () => {
  assert.deepEqual(checkAttribute({ attribute: null }, A).map((v) => v.code), ['OPENNESS.ATTRIBUTE_MISSING']);
  assert.deepEqual(checkAttribute({ attribute: '内部' }, A).map((v) => v.code), ['OPENNESS.ATTRIBUTE_INVALID']);
  assert.deepEqual(checkAttribute({ attribute: '不予公开', reason: ' ' }, A).map((v) => v.code), ['OPENNESS.WITHHELD_REASON_MISSING']);
  assert.deepEqual(checkAttribute({ attribute: '不予公开', reason: '涉及国家秘密' }, A), []);
  assert.deepEqual(checkAttribute({ attribute: '主动公开' }, A), []);
  assert.match(checkAttribute({ attribute: null }, A)[0].message, /依据第三十七条/);
});

const candidate = { title: '关于印发某办法的通知', body: '正文', issuedOn: '2026-03-02', alreadyPublished: false };
const publishCases: { name: string; attribute: string | null; codes: string[] }[] = [
  { name: '主动公开 is published', attribute: '主动公开', codes: [] },
  { name: '不予公开 is never published', attribute: '不予公开', codes: ['OPENNESS.NOT_PUBLISHABLE'] },
  { name: '依申请公开 goes out only through an answered request', attribute: '依申请公开', codes: ['OPENNESS.NOT_PUBLISHABLE'] },
  { name: 'no attribute at all is refused', attribute: null, codes: ['OPENNESS.ATTRIBUTE_MISSING'] },
];
for (const c of publishCases) {
  test(`第三十九条 publish: ${c.name}`, () => {
    assert.deepEqual(checkPublishable({ ...candidate, attribute: c.attribute, attributeReason: '涉密' }, A).map((v) => v.code), c.codes);
  });
}

test('第三十九条: publishing twice or without title, body and date is refused with every problem', () => {
  const v = checkPublishable({ attribute: '主动公开', title: '', body: ' ', issuedOn: null, alreadyPublished: true }, A).map((x) => x.code);
  assert.deepEqual(v, ['OPENNESS.CONTENT_MISSING', 'OPENNESS.CONTENT_MISSING', 'OPENNESS.CONTENT_MISSING', 'OPENNESS.ALREADY_PUBLISHED']);
});

// Case table: proactive publication within 20 working days of issue (条例 第二十六条), on the official calendar.
const stateCases: { name: string; issued: string; published: string | null; today: string; due: string; state: string }[] = [
  { name: 'issued 2 March, unpublished on 20 March: pending', issued: '2026-03-02', published: null, today: '2026-03-20', due: '2026-03-30', state: 'pending' },
  { name: 'on the due day itself: due soon', issued: '2026-03-02', published: null, today: '2026-03-30', due: '2026-03-30', state: 'due_soon' },
  { name: 'the day after the due day: overdue', issued: '2026-03-02', published: null, today: '2026-03-31', due: '2026-03-30', state: 'overdue' },
  { name: 'published on the due day: on time', issued: '2026-03-02', published: '2026-03-30', today: '2026-04-20', due: '2026-03-30', state: 'published_on_time' },
  { name: 'published a day late: late', issued: '2026-03-02', published: '2026-03-31', today: '2026-04-20', due: '2026-03-30', state: 'published_late' },
  { name: 'National Day week is not counted', issued: '2026-09-30', published: null, today: '2026-10-08', due: '2026-11-03', state: 'pending' },
  { name: 'a year without a loaded arrangement makes the date provisional', issued: '2027-12-20', published: null, today: '2027-12-21', due: '2028-01-17', state: 'calendar_unknown' },
];
for (const c of stateCases) {
  test(`第三十九条 主动公开时限: ${c.name}`, () => {
    const d = publicationDeadline(R, c.issued, cal);
    assert.equal(d.due, c.due);
    assert.equal(publicationState(d, c.published, c.today), c.state);
  });
}

test('第四十条: 谁起草、谁解读 — only the drafting unit interprets a published policy', () => {
  const policy = { kind: 'policy', draftingUnitId: 'unit-fgw', status: 'in_force' };
  assert.deepEqual(checkInterpretation(policy, { unitId: 'unit-fgw', title: '解读', body: '正文' }, 40), []);
  const v = checkInterpretation(policy, { unitId: 'unit-czj', title: '解读', body: '正文' }, 40);
  assert.deepEqual(v.map((x) => x.code), ['OPENNESS.INTERPRETATION_NOT_DRAFTER']);
  assert.match(v[0].message, /依据第四十条/);
  assert.deepEqual(checkInterpretation(null, { unitId: 'u', title: 't', body: 'b' }, 40).map((x) => x.code), ['OPENNESS.POLICY_NOT_PUBLISHED']);
});

test('第四十一条: 快报事实 — report upward first, release facts before updates, corrections name what they correct', () => {
  assert.deepEqual(checkEmergencyEntry([], { kind: 'fact_release', content: '事实' }, 41).map((v) => v.code), ['OPENNESS.EMERGENCY_REPORT_FIRST']);
  assert.deepEqual(checkEmergencyEntry([], { kind: 'upward_report', content: '报告' }, 41), []);
  const reported = [{ kind: 'upward_report' as const, at: '2026-03-02T10:00' }];
  assert.deepEqual(checkEmergencyEntry(reported, { kind: 'update', content: '更新' }, 41).map((v) => v.code), ['OPENNESS.EMERGENCY_FACTS_FIRST']);
  assert.deepEqual(checkEmergencyEntry(reported, { kind: 'fact_release', content: '事实' }, 41), []);
  assert.deepEqual(checkEmergencyEntry(reported, { kind: 'correction', content: '澄清', corrects: '' }, 41).map((v) => v.code), ['OPENNESS.EMERGENCY_CORRECTION_TARGET']);
});

test('政府信息公开条例 第五十条: annual report counts the year only, by answer type, on time and late, with carry-over', () => {
  const r = annualReport(2026, {
    published: [{ kind: 'document', publishedOn: '2026-03-05', onTime: true }, { kind: 'document', publishedOn: '2025-12-30', onTime: true }, { kind: 'meeting_decision', publishedOn: '2026-04-01', onTime: false }],
    requests: [
      { receivedOn: '2025-12-25', answeredOn: '2026-01-10', answerType: 'disclosed', partial: true, late: false },
      { receivedOn: '2026-03-02', answeredOn: '2026-03-10', answerType: 'notExist', partial: false, late: false },
      { receivedOn: '2026-03-03', answeredOn: '2026-04-30', answerType: 'withheld', partial: false, late: true },
      { receivedOn: '2026-11-03', answeredOn: null, answerType: null, partial: false, late: null },
    ],
  }, ['alreadyPublic', 'disclosed', 'withheld', 'notExist', 'notResponsible', 'repeated', 'specialLaw']);
  assert.equal(r.proactive.total, 2);
  assert.deepEqual(r.proactive.byKind, { document: 1, meeting_decision: 1 });
  assert.equal(r.proactive.late, 1);
  assert.equal(r.requests.received, 3);
  assert.equal(r.requests.carriedOver, 1);
  assert.equal(r.requests.answered, 3);
  assert.equal(r.requests.pending, 1);
  assert.equal(r.requests.partial, 1);
  assert.equal(r.requests.late, 1);
  assert.equal(r.requests.byAnswerType.find((x) => x.type === 'withheld')!.count, 1);
});

test('search input: operators, markup and script become plain words; empty and oversized input is refused', () => {
  const lim = { maxChars: 20, maxTerms: 8 };
  assert.deepEqual(cleanQuery('<script>alert(1)</script> 政务公开 & | !:*', { maxChars: 60, maxTerms: 8 }), { ok: true, cleaned: 'alert 1 政务公开' });
  assert.deepEqual(cleanQuery('&|!()', lim), { ok: false, reason: 'empty' });
  assert.deepEqual(cleanQuery('政'.repeat(21), lim), { ok: false, reason: 'too_long' });
  assert.deepEqual(cleanQuery('武政发[2023]19号', { maxChars: 40, maxTerms: 8 }), { ok: true, cleaned: '武政发〔2023〕19号' });
  assert.deepEqual(toLexemes(['政务', '公开', '，', '政务', 'ABC']), ['政务', '公开', 'abc']);
  const s = snippet('市政府关于推进政务公开工作的通知', ['政务公开'], 40);
  assert.deepEqual(s.highlights, [[7, 11]]);
  assert.equal(s.text.slice(7, 11), '政务公开');
});
