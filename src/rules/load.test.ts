import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors/index.ts';
import { checkPack, defaultPackDir, loadDefaultPack, loadPack, repoRoot } from './load.ts';

const wuwei = loadDefaultPack();

/** A pack folder under the OS temp dir: Wuwei's pack.yaml, source and not-formalised list unless replaced. */
function tempPack(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhengtong-pack-'));
  mkdirSync(join(dir, 'rules'));
  for (const f of ['pack.yaml', 'source.txt', 'not-formalised.yaml']) copyFileSync(join(defaultPackDir(), f), join(dir, f));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function packError(dir: string): AppError {
  try {
    loadPack(dir);
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'PACK.INVALID');
    return e;
  }
  assert.fail('the pack should have been refused');
}

const okRule = `- id: documents.countersign.replyLimit
  article: 66
  label: 会签回复时限
  kind: deadline
  params:
    duration: {value: 2, unit: workday}
    from: {value: requested, unit: text}
`;

test('the Wuwei pack carries the document metadata of 武政发〔2023〕19号 and 第一百条', () => {
  const m = wuwei.meta;
  assert.equal(m.id, 'wuwei-2023');
  assert.equal(m.title, '武威市人民政府工作规则');
  assert.equal(m.docNumber, '武政发〔2023〕19号');
  assert.equal(m.issuer, '武威市人民政府');
  assert.deepEqual(m.adopted, { date: '2023-02-20', by: '市政府党组（扩大）会议' });
  assert.equal(m.issued, '2023-03-01');
  assert.equal(m.effective.from, '2023-03-01');
  assert.equal(m.effective.article, 100);
  assert.deepEqual(m.repeals.map((r) => [r.docNumber, r.issued, r.repealedOn]), [['武政发〔2018〕126号', '2018-10-18', '2023-03-01']]);
  assert.equal(m.timeZone, 'Asia/Shanghai');
});

test('the pack has 100 articles and 第六十六条 says 2个工作日', () => {
  assert.equal(wuwei.articles.length, 100);
  const a = wuwei.article(66);
  assert.equal(a.label, '第六十六条');
  assert.equal(a.chapter.title, '公文审批');
  assert.ok(a.text.includes('2个工作日'));
  assert.throws(() => wuwei.article(101), (e: AppError) => e.code === 'REQUEST.NOT_FOUND');
});

test('第六十六条: countersign replies within 2 working days unless the lead department sets another limit', () => {
  const r = wuwei.rule('documents.countersign.replyLimit');
  assert.equal(r.article, 66);
  assert.equal(r.kind, 'deadline');
  assert.deepEqual(wuwei.deadline(r.id), { ruleId: r.id, article: 66, duration: 2, unit: 'workday', from: 'requested' });
  assert.equal(r.overridable?.cite, '除主办部门另有时限要求外');
  assert.equal(wuwei.param('documents.countersign.silenceIsNoObjection', 'outcome').value, '无不同意见');
});

test('第七十三条: 3 / 3 / 5 / 30 working days from assignment, urgent and statutory limits override', () => {
  const limits = ['withinPowers', 'departmentOpinion', 'jointOpinion', 'investigationResult'].map((k) =>
    wuwei.deadline(`documents.handling.${k}`),
  );
  assert.deepEqual(limits.map((d) => [d.duration, d.unit, d.from, d.article]), [
    [3, 'workday', 'assigned', 73],
    [3, 'workday', 'assigned', 73],
    [5, 'workday', 'assigned', 73],
    [30, 'workday', 'assigned', 73],
  ]);
  assert.match(wuwei.rule('documents.handling.withinPowers').overridable!.cite, /紧急公文.*法律法规另有规定的，从其规定/);
});

test('第五十九条 mixes units: 3 and 5 natural days, 2 working days, from the meeting’s end', () => {
  const d = (id: string) => wuwei.deadline(`meetings.issuance.${id}`);
  assert.deepEqual([d('minorEdits'), d('majorEdits'), d('upwardReport')].map((x) => [x.duration, x.unit, x.from]), [
    [3, 'day', 'meetingEnded'],
    [5, 'day', 'meetingEnded'],
    [2, 'workday', 'meetingEnded'],
  ]);
});

test('第五十三条: quorum 半数以上 and 三分之二以上, both inclusive of the bound', () => {
  assert.deepEqual(wuwei.quorum('meetings.executive.quorum'), {
    ruleId: 'meetings.executive.quorum', article: 53, numerator: 1, denominator: 2, inclusive: true,
  });
  const major = wuwei.quorum('meetings.executive.quorumMajorMatters');
  assert.deepEqual([major.numerator, major.denominator, major.inclusive], [2, 3, true]);
});

test('第六十一条 is a flag (原则上 one citywide meeting a year) and 第九十六条 asks 60 days of research', () => {
  const r = wuwei.rule('meetings.citywide.perYear');
  assert.equal(r.kind, 'flag');
  assert.equal(wuwei.param(r.id, 'maxPerYear').value, 1);
  assert.ok(r.interpretation?.includes('原则上'));
  assert.deepEqual(wuwei.param('discipline.research.minimumDays', 'minimum'), {
    value: 60, unit: 'day', note: '“不少于”含本数', ruleId: 'discipline.research.minimumDays', article: 96, name: 'minimum',
  });
});

test('第十一条 AB岗 routing is marked as our interpretation', () => {
  assert.match(wuwei.rule('org.viceMayor.backupPartner').interpretation ?? '', /理解/);
});

test('statutory limits anchored in 第三十九条 (disclosure), 第四十八条 (petitions), 第四十四条 (suggestions) cite their source', () => {
  const disclosure = ['proactive.publishLimit', 'request.replyLimit', 'request.clarificationNotice', 'request.thirdPartyConsultation']
    .map((k) => wuwei.rule(`openness.${k}`));
  assert.deepEqual(disclosure.map((r) => [r.article, r.params.duration.value, r.params.duration.unit]), [
    [39, 20, 'workday'],
    [39, 20, 'workday'],
    [39, 7, 'workday'],
    [39, 15, 'workday'],
  ]);
  for (const r of disclosure) assert.equal(r.source?.title, '《中华人民共和国政府信息公开条例》');
  assert.equal(wuwei.param('openness.request.extension', 'duration').value, 20);
  assert.equal(wuwei.param('openness.request.extension', 'maxTimes').value, 1);
  assert.deepEqual(
    ['petitions.intake', 'petitions.closure', 'petitions.extension'].map((k) => wuwei.param(`supervision.${k}`, 'duration')).map((p) => [p.value, p.unit, p.article]),
    [[15, 'day', 48], [60, 'day', 48], [30, 'day', 48]],
  );
  assert.deepEqual(
    ['replyLimit', 'complexReplyLimit'].map((k) => wuwei.deadline(`supervision.suggestions.${k}`)).map((d) => [d.duration, d.unit, d.article]),
    [[3, 'month', 44], [6, 'month', 44]],
  );
});

test('counting conventions are cited parameters: next day, inclusive bounds, roll to working day, flag unknown years', () => {
  const c = wuwei.conventions;
  assert.equal(c.countFrom.value, 'nextDay');
  assert.match(c.countFrom.cite, /第二百零一条/);
  assert.deepEqual(c.inclusiveBound.value, { inclusive: ['以上', '以下', '以内', '届满'], exclusive: ['不满', '超过', '以外'] });
  assert.equal(c.inclusiveBound.basis, 'borrowed');
  assert.match(c.inclusiveBound.cite, /第一千二百五十九条/);
  assert.equal(c.naturalDayEndRollsToWorkday.value, true);
  assert.match(c.naturalDayEndRollsToWorkday.cite, /第二百零三条/);
  assert.equal(c.unknownCalendarYear.value, 'flag');
  assert.equal(c.packForStraddlingItems.value, 'itemStart');
  assert.equal(c.packForStraddlingItems.basis, 'design');
});

test('第一百条: no rule is in force before 2023-03-01; all are from that day', () => {
  assert.equal(wuwei.rulesInForce('2023-02-28').length, 0);
  assert.equal(wuwei.rulesInForce('2023-03-01').length, wuwei.rules.length);
  assert.throws(
    () => wuwei.rule('documents.countersign.replyLimit', '2023-02-28'),
    (e: AppError) => e.code === 'PACK.NO_RULE_IN_FORCE' && e.article === 66 && e.message.includes('2023-02-28'),
  );
  assert.equal(wuwei.rule('documents.countersign.replyLimit', '2023-03-01').article, 66);
  assert.throws(() => wuwei.rule('documents.noSuchRule'), (e: AppError) => e.code === 'PACK.NO_RULE_IN_FORCE');
});

test('rulesForArticle lists every rule citing the article', () => {
  const ids = wuwei.rulesForArticle(66).map((r) => r.id).sort();
  assert.deepEqual(ids, ['documents.countersign.negotiatedLimit', 'documents.countersign.replyLimit', 'documents.countersign.silenceIsNoObjection']);
  assert.deepEqual(wuwei.rulesForArticle(1), []);
});

test('a rule with its own effective period is in force only inside it (to is exclusive)', () => {
  const dir = tempPack({ 'rules/documents.yaml': okRule + '  effective: {to: 2024-01-01}\n' });
  const p = loadPack(dir);
  assert.equal(p.rule('documents.countersign.replyLimit', '2023-12-31').effective.from, '2023-03-01');
  assert.throws(() => p.rule('documents.countersign.replyLimit', '2024-01-01'), (e: AppError) => e.code === 'PACK.NO_RULE_IN_FORCE');
});

test('a malformed rule names the file and the field: rules/documents.yaml: [0].params.duration.unit', () => {
  const dir = tempPack({ 'rules/documents.yaml': okRule.replace('unit: workday', 'unit: weeks') });
  const e = packError(dir);
  assert.ok(e.message.includes('rules/documents.yaml: [0].params.duration.unit: 无效的单位 "weeks"'), e.message);
});

test('every problem of a pack is reported at once: duplicate id, article out of 1..100, unknown reference, wrong prefix', () => {
  const bad = okRule +
    okRule.replace('article: 66', 'article: 101') +
    `- id: documents.other
  article: 66
  label: 其他
  kind: track
  see: [documents.missing]
- id: meetings.misplaced
  article: 53
  label: 放错文件
  kind: flag
`;
  const e = packError(tempPack({ 'rules/documents.yaml': bad }));
  const problems = e.details?.problems as string[];
  assert.ok(problems.some((p) => p.startsWith('rules/documents.yaml: [1].id:') && p.includes('重复')), problems.join('\n'));
  assert.ok(problems.includes('rules/documents.yaml: [1].article: 条号 101 超出原文范围 1..100'), problems.join('\n'));
  assert.ok(problems.includes('rules/documents.yaml: [2].see[0]: 引用了不存在的规则 "documents.missing"'), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('rules/documents.yaml: [3].id:')), problems.join('\n'));
});

test('a deadline without its event, a quorum without its bound, a bad fraction are refused', () => {
  const bad = `- id: meetings.q
  article: 53
  label: 法定人数
  kind: quorum
  params:
    fraction: {value: "3/2", unit: fraction}
- id: meetings.d
  article: 59
  label: 时限
  kind: deadline
  params:
    duration: {value: 3, unit: count}
`;
  const problems = packError(tempPack({ 'rules/meetings.yaml': bad })).details?.problems as string[];
  const text = problems.join('\n');
  assert.ok(text.includes('rules/meetings.yaml: [0].params.fraction.value:'), text);
  assert.ok(text.includes('rules/meetings.yaml: [0].params.bound:'), text);
  assert.ok(text.includes('rules/meetings.yaml: [1].params.duration.unit:'), text);
  assert.ok(text.includes('rules/meetings.yaml: [1].params.from:'), text);
});

test('pack.yaml, not-formalised.yaml and YAML syntax errors name their file', () => {
  const pack = readFileSync(join(defaultPackDir(), 'pack.yaml'), 'utf8');
  let e = packError(tempPack({ 'rules/documents.yaml': okRule, 'pack.yaml': pack.replace('issued: 2023-03-01', 'issued: 2023-02-30') }));
  assert.ok(e.message.includes('pack.yaml: issued: 无效的日期 "2023-02-30"'), e.message);
  e = packError(tempPack({ 'rules/documents.yaml': okRule, 'not-formalised.yaml': '- {article: 200, reason: principle, note: x}\n' }));
  assert.ok(e.message.includes('not-formalised.yaml: [0].article: 条号 200 超出原文范围 1..100'), e.message);
  e = packError(tempPack({ 'rules/documents.yaml': '- id: [unclosed\n' }));
  assert.ok(e.message.includes('rules/documents.yaml: YAML 语法错误'), e.message);
});

test('a source that does not split into the declared 100 articles is refused', () => {
  const source = readFileSync(join(defaultPackDir(), 'source.txt'), 'utf8').replace(/^第一百条[\s\S]*?(?=抄送)/m, '');
  const e = packError(tempPack({ 'rules/documents.yaml': okRule, 'source.txt': source }));
  assert.ok(e.message.includes('source.txt: 应有 100 条'), e.message);
});

test('a derived county pack reuses Wuwei’s rules with its own values (extends + overrides)', () => {
  const county = loadPack(join(repoRoot(), 'packs', 'example-county-override'));
  assert.equal(county.meta.extends, 'wuwei-2023');
  assert.equal(county.articles.length, 100);
  assert.equal(county.rules.length, wuwei.rules.length);
  assert.equal(county.deadline('documents.countersign.replyLimit').duration, 3);
  assert.equal(county.param('documents.countersign.replyLimit', 'duration').note, '示例县规定会签一般3个工作日内回复');
  assert.deepEqual(county.rule('documents.countersign.replyLimit').overridden, { pack: 'example-county-override', params: ['duration'] });
  assert.equal(county.param('meetings.citywide.perYear', 'maxPerYear').value, 2);
  assert.equal(county.deadline('documents.handling.jointOpinion').duration, 5, 'values not overridden are Wuwei’s');
  assert.equal(wuwei.deadline('documents.countersign.replyLimit').duration, 2, 'the base pack is unchanged');
  assert.equal(county.rulesInForce('2023-06-01').length, 0, 'the county pack starts on its own date');
  assert.equal(county.rulesInForce('2024-01-01').length, county.rules.length);
  assert.equal(county.conventions.countFrom.value, 'nextDay');
});

test('overrides of unknown rules, unknown parameters or values of the wrong unit are refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengtong-packs-'));
  mkdirSync(join(dir, 'wuwei-2023', 'rules'), { recursive: true });
  for (const f of ['pack.yaml', 'source.txt', 'not-formalised.yaml']) copyFileSync(join(defaultPackDir(), f), join(dir, 'wuwei-2023', f));
  writeFileSync(join(dir, 'wuwei-2023', 'rules', 'documents.yaml'), okRule);
  mkdirSync(join(dir, 'county'));
  writeFileSync(join(dir, 'county', 'pack.yaml'), `id: county
title: 县规则
effective: {from: 2024-01-01}
extends: wuwei-2023
overrides:
  documents.noSuchRule: {duration: 3}
  documents.countersign.replyLimit: {duration: 三天, colour: 2}
`);
  const problems = packError(join(dir, 'county')).details?.problems as string[];
  assert.ok(problems.includes('pack.yaml: overrides["documents.noSuchRule"]: 引用了规则包 wuwei-2023 中不存在的规则 "documents.noSuchRule"'), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('pack.yaml: overrides["documents.countersign.replyLimit"].duration: 单位为 workday')), problems.join('\n'));
  assert.ok(problems.includes('pack.yaml: overrides["documents.countersign.replyLimit"].colour: 规则 "documents.countersign.replyLimit" 没有参数 "colour"'), problems.join('\n'));
});

test('checkPack: the Wuwei pack passes; a broken pack lists its problems', () => {
  assert.deepEqual(checkPack(defaultPackDir()), { ok: true, problems: [] });
  const broken = checkPack(tempPack({ 'rules/documents.yaml': okRule.replace('unit: workday', 'unit: weeks') }));
  assert.equal(broken.ok, false);
  assert.ok(broken.problems[0].includes('无效的单位 "weeks"'));
  const uncovered = checkPack(tempPack({ 'rules/documents.yaml': okRule }));
  assert.equal(uncovered.ok, false, 'a pack whose articles are neither formalised nor listed fails coverage');
});

test('loadDefaultPack loads once and returns the same pack', () => {
  assert.equal(loadDefaultPack(), wuwei);
});
