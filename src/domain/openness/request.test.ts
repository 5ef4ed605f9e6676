import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultPack } from '../../rules/index.ts';
import { shippedCalendar } from '../../app/calendar/files.ts';
import { requestLimits } from './limits.ts';
import {
  applyRedactions, checkClarification, checkConsultationStart, checkExtension, checkSubmission, decideAnswer,
  requestSchedule, type RequestState,
} from './request.ts';

const pack = loadDefaultPack();
const cal = shippedCalendar();
const L = requestLimits(pack, '2026-03-02');

const base = (over: Partial<RequestState> = {}): RequestState => ({
  status: 'received', receivedOn: '2026-03-02', clarification: null, consultations: [], extension: null, answeredOn: null, ...over,
});

// Case table: every limit of a request, counted on the official 2026 calendar (国办发明电〔2025〕7号).
const cases: { name: string; state: RequestState; today: string; clarifyBy: string; due: string | null; running: boolean }[] = [
  { name: '20 working days from the day after receipt (条例 第三十三条)', state: base(), today: '2026-03-02', clarifyBy: '2026-03-11', due: '2026-03-30', running: true },
  { name: 'the Spring Festival days off are not counted; the makeup Saturdays are', state: base({ receivedOn: '2026-02-10' }), today: '2026-02-10', clarifyBy: '2026-02-26', due: '2026-03-16', running: true },
  { name: 'Qingming (4–6 April) is skipped', state: base({ receivedOn: '2026-04-01' }), today: '2026-04-01', clarifyBy: '2026-04-13', due: '2026-04-30', running: true },
  { name: 'while waiting for the supplement the period does not run (条例 第三十条)', state: base({ status: 'awaiting_supplement', clarification: { noticeOn: '2026-03-05', supplementOn: null } }), today: '2026-03-20', clarifyBy: '2026-03-11', due: null, running: false },
  { name: 'after the supplement the period counts from the day it arrived', state: base({ clarification: { noticeOn: '2026-03-05', supplementOn: '2026-03-10' } }), today: '2026-03-10', clarifyBy: '2026-03-11', due: '2026-04-08', running: true },
  { name: 'third-party consultation days (5 working days) are not counted (条例 第三十二条、第三十三条)', state: base({ consultations: [{ thirdParty: '某公司', from: '2026-03-05', to: '2026-03-12' }] }), today: '2026-03-12', clarifyBy: '2026-03-11', due: '2026-04-07', running: true },
  { name: 'one extension adds 20 working days', state: base({ extension: { approvedOn: '2026-03-20', approvedBy: '办公室负责人' } }), today: '2026-03-20', clarifyBy: '2026-03-11', due: '2026-04-28', running: true },
  { name: 'an open consultation pauses the period up to today', state: base({ status: 'consulting', consultations: [{ thirdParty: '某公司', from: '2026-03-05', to: null }] }), today: '2026-03-06', clarifyBy: '2026-03-11', due: '2026-03-31', running: false },
];

for (const c of cases) {
  test(`第三十九条 依申请公开时限: ${c.name}`, () => {
    const s = requestSchedule(c.state, L, cal, c.today);
    assert.equal(s.clarifyBy.due, c.clarifyBy);
    assert.equal(s.due, c.due);
    assert.equal(s.running, c.running);
    assert.deepEqual(s.unknownYears, []);
  });
}

test('第三十九条: the limits come from the pack with the article and the statute they rest on', () => {
  assert.equal(L.reply.duration.value, 20);
  assert.equal(L.clarification.duration.value, 7);
  assert.equal(L.consultation.duration.value, 15);
  assert.equal(L.extension.workdays, 20);
  assert.equal(L.extension.maxTimes, 1);
  assert.equal(L.reply.article, 39);
  assert.equal(L.answerTypes.length, 7);
});

test('第三十九条 (条例 第二十九条): a request without name, identity, contact and description lists every missing field', () => {
  const v = checkSubmission({ name: ' ', identity: '', contact: {}, description: '' }, L);
  assert.deepEqual(v.map((x) => x.details?.field), ['name', 'identity', 'contact', 'description']);
  assert.ok(v.every((x) => x.message.includes('依据第三十九条')));
  assert.deepEqual(checkSubmission({ name: '张三', identity: '620602199001011234', contact: { email: 'zhang@example.cn' }, description: '2025年城区道路改造项目批复' }, L), []);
  assert.equal(checkSubmission({ name: '张三', identity: 'x', contact: { email: 'not-an-email' }, description: 'x' }, L)[0].code, 'OPENNESS.REQUEST_FIELD_INVALID');
});

test('第三十九条 (条例 第三十条): the clarification notice is given once and within 7 working days', () => {
  assert.deepEqual(checkClarification(base(), { items: '请写明文件名称或文号', on: '2026-03-11' }, L, cal), []);
  const late = checkClarification(base(), { items: '请写明文件名称', on: '2026-03-12' }, L, cal);
  assert.deepEqual(late.map((v) => v.code), ['OPENNESS.CLARIFICATION_LATE']);
  const twice = checkClarification(base({ clarification: { noticeOn: '2026-03-05', supplementOn: '2026-03-09' } }), { items: '', on: '2026-03-10' }, L, cal);
  assert.deepEqual(twice.map((v) => v.code).sort(), ['OPENNESS.CLARIFICATION_ITEMS_MISSING', 'OPENNESS.CLARIFICATION_ONCE']);
});

test('第三十九条 (条例 第三十三条): one extension, approved, before the period runs out', () => {
  assert.deepEqual(checkExtension(base(), { approvedBy: '市政府办公室主任', reason: '需要调取档案', on: '2026-03-30' }, L, cal), []);
  const codes = checkExtension(base({ extension: { approvedOn: '2026-03-20', approvedBy: 'x' } }), { approvedBy: '', reason: '', on: '2026-04-29' }, L, cal).map((v) => v.code);
  assert.deepEqual(codes.sort(), ['OPENNESS.EXTENSION_APPROVAL_MISSING', 'OPENNESS.EXTENSION_APPROVAL_MISSING', 'OPENNESS.EXTENSION_ONCE', 'OPENNESS.EXTENSION_TOO_LATE']);
  assert.deepEqual(checkExtension(base(), { approvedBy: '主任', reason: '复杂', on: '2026-03-31' }, L, cal).map((v) => v.code), ['OPENNESS.EXTENSION_TOO_LATE']);
});

test('第三十九条 (条例 第三十六条): each answer type is accepted; withholding needs a reason; unknown types are refused', () => {
  for (const type of L.answerTypes) {
    const d = decideAnswer(base(), { type, content: '告知内容', reason: '依据说明', document: type === 'disclosed' ? '正文' : undefined, on: '2026-03-10' }, L, cal);
    assert.equal(d.ok, true, type);
  }
  const d = decideAnswer(base(), { type: 'withheld', content: '不予公开', on: '2026-03-10' }, L, cal);
  assert.equal(d.ok, false);
  if (!d.ok) assert.deepEqual(d.violations.map((v) => v.code), ['OPENNESS.ANSWER_REASON_MISSING']);
  const bad = decideAnswer(base(), { type: 'maybe', content: '', on: '2026-03-10' }, L, cal);
  if (!bad.ok) assert.deepEqual(bad.violations.map((v) => v.code), ['OPENNESS.ANSWER_TYPE_INVALID', 'OPENNESS.ANSWER_CONTENT_MISSING']);
  else assert.fail('unknown type accepted');
});

test('第三十九条 (条例 第三十七条): partial disclosure blacks out each redacted passage and needs a reason for each', () => {
  const doc = '项目中标单位为甲公司，联系人李四，电话13900000000。';
  const ok = decideAnswer(base(), { type: 'disclosed', content: '部分公开', document: doc, redactions: [{ text: '13900000000', reason: '个人隐私' }], on: '2026-03-10' }, L, cal);
  assert.equal(ok.ok, true);
  if (ok.ok) {
    assert.equal(ok.value.partial, true);
    assert.equal(ok.value.released, '项目中标单位为甲公司，联系人李四，电话■■■■■■■■■■■。');
    assert.ok(!ok.value.released!.includes('13900000000'));
  }
  const bad = decideAnswer(base(), { type: 'disclosed', content: '部分公开', document: doc, redactions: [{ text: '王五', reason: '' }], on: '2026-03-10' }, L, cal);
  if (!bad.ok) assert.deepEqual(bad.violations.map((v) => v.code).sort(), ['OPENNESS.REDACTION_NOT_FOUND', 'OPENNESS.REDACTION_REASON_MISSING']);
  else assert.fail('redaction without reason accepted');
  assert.equal(applyRedactions('甲乙甲', [{ text: '甲', reason: 'x' }]), '■乙■');
});

test('第三十九条 (条例 第三十三条): an answer after the due day is accepted but flagged late', () => {
  const d = decideAnswer(base(), { type: 'notExist', content: '经检索没有该信息', reason: '未制作', on: '2026-03-31' }, L, cal);
  assert.equal(d.ok, true);
  if (d.ok) {
    assert.equal(d.value.late, true);
    assert.deepEqual(d.warnings.map((w) => w.code), ['OPENNESS.ANSWER_LATE']);
  }
  const onTime = decideAnswer(base(), { type: 'notExist', content: 'x', reason: 'y', on: '2026-03-30' }, L, cal);
  assert.equal(onTime.ok && onTime.value.late, false);
});

test('第三十九条: an answered request cannot be handled again; a consulting one cannot be answered', () => {
  const answered = decideAnswer(base({ status: 'answered', answeredOn: '2026-03-10' }), { type: 'notExist', content: 'x', reason: 'y', on: '2026-03-11' }, L, cal);
  assert.equal(answered.ok, false);
  const consulting = decideAnswer(base({ status: 'consulting', consultations: [{ thirdParty: 'x', from: '2026-03-05', to: null }] }), { type: 'notExist', content: 'x', reason: 'y', on: '2026-03-11' }, L, cal);
  assert.equal(consulting.ok, false);
  assert.deepEqual(checkConsultationStart(base({ status: 'awaiting_supplement', clarification: { noticeOn: '2026-03-03', supplementOn: null } }), { thirdParty: '' }, L).map((v) => v.code).sort(), ['OPENNESS.CONSULTATION_PARTY_MISSING', 'OPENNESS.REQUEST_STATE']);
});
