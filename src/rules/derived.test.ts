import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors/index.ts';
import { checkPack, defaultPackDir, loadDefaultPack, loadPack, repoRoot } from './load.ts';
import { compileVocabulary } from './vocabulary.ts';

const wuwei = loadDefaultPack();
const packDir = (id: string) => join(repoRoot(), 'packs', id);

/** The county packs, each with its government, its first day and one value it overrides. */
const COUNTIES = [
  { id: 'liangzhou-2024', name: '凉州区人民政府', short: '区政府', leader: '区长', from: '2024-03-01', docNumber: '凉政发〔2024〕1号',
    rule: 'documents.countersign.replyLimit', param: 'duration', value: 3, city: 2 },
  { id: 'minqin-2024', name: '民勤县人民政府', short: '县政府', leader: '县长', from: '2024-04-01', docNumber: '民政发〔2024〕12号',
    rule: 'meetings.executive.frequency', param: 'maxPerMonth', value: 4, city: 3 },
  { id: 'gulang-2024', name: '古浪县人民政府', short: '县政府', leader: '县长', from: '2024-05-06', docNumber: '古政发〔2024〕6号',
    rule: 'supervision.items.timeLimit', param: 'duration', value: 20, city: 30 },
  { id: 'tianzhu-2024', name: '天祝藏族自治县人民政府', short: '县政府', leader: '县长', from: '2024-06-03', docNumber: '天政发〔2024〕3号',
    rule: 'discipline.trips.leadTime', param: 'leadTime', value: 2, city: 1 },
] as const;

const liangzhou = loadPack(packDir('liangzhou-2024'));
const minqin = loadPack(packDir('minqin-2024'));

/** A folder with a copy of the Wuwei pack beside a derived pack `county` whose pack.yaml is given. */
function withDerived(packYaml: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhengtong-derived-'));
  cpSync(defaultPackDir(), join(dir, 'wuwei-2023'), { recursive: true });
  cpSync(packDir('liangzhou-2024'), join(dir, 'liangzhou-2024'), { recursive: true });
  mkdirSync(join(dir, 'county'));
  writeFileSync(join(dir, 'county', 'pack.yaml'), packYaml);
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(join(dir, 'county', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'county', name), text);
  }
  return join(dir, 'county');
}

function problemsOf(dir: string): string[] {
  try {
    loadPack(dir);
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'PACK.INVALID');
    return (e.details?.problems as string[] | undefined) ?? [e.message];
  }
  assert.fail('the pack should have been refused');
}

const COUNTY_HEAD = `id: county
title: 示例县规则
effective: {from: 2024-01-01}
extends: wuwei-2023
`;

test('vocabulary: the longest word is replaced first, whatever the order of the list (副市长 before 市长)', () => {
  const entries = [
    { from: '市长', to: '区长' },
    { from: '副市长', to: '副区长' },
    { from: '常务副市长', to: '常务副区长' },
    { from: '市政府', to: '区政府' },
  ];
  const text = '常务副市长、副市长协助市长，市政府办公室';
  const expected = '常务副区长、副区长协助区长，区政府办公室';
  assert.equal(compileVocabulary(entries)(text), expected);
  assert.equal(compileVocabulary([...entries].reverse())(text), expected, 'the list order does not matter');
  // without its own entry 副市长 is still matched whole-word by 市长 inside it: 副 + 区长
  assert.equal(compileVocabulary([{ from: '市长', to: '区长' }])('副市长'), '副区长');
  // a longer word of its own wins over the shorter one it contains
  assert.equal(compileVocabulary([{ from: '市长', to: '区长' }, { from: '副市长', to: '副职' }])('副市长和市长'), '副职和区长');
});

test('vocabulary: a replacement is never replaced again, and text without the words is unchanged', () => {
  const speak = compileVocabulary([{ from: '秘书长', to: '区政府办公室主任' }, { from: '市政府', to: '区政府' }, { from: '区政府', to: '不应出现' }]);
  assert.equal(speak('秘书长负责处理市政府日常工作'), '区政府办公室主任负责处理区政府日常工作');
  assert.equal(speak('涉及市场主体经济活动'), '涉及市场主体经济活动');
  assert.equal(compileVocabulary([])('市长'), '市长');
  assert.equal(compileVocabulary([{ from: '(.)', to: 'x' }])('a(.)b'), 'axb', 'words are literal, not patterns');
});

test('derived pack: 凉州区 speaks 区长 where the city pack says 市长', () => {
  const label = (id: string) => [wuwei.rule(id).label, liangzhou.rule(id).label];
  assert.deepEqual(label('org.mayor.responsibility'), ['市长负责制', '区长负责制']);
  assert.deepEqual(label('org.actingMayor.entrustment'), ['市长离市期间受委托由常务副市长主持工作', '区长离区期间受委托由常务副区长主持工作']);
  assert.deepEqual(label('documents.signing.upward'), ['上行文经秘书长、分管副市长审核后由市长签发', '上行文经区政府办公室主任、分管副区长审核后由区长签发']);
  assert.equal(minqin.rule('meetings.mayorsOffice.composition').label, '县长办公会议组成和任务');
  assert.equal(liangzhou.speak('分管副市长签发，签发前报告市长'), '分管副区长签发，签发前报告区长');
  assert.equal(liangzhou.speak('分管市领导'), '分管区领导');
  assert.equal(wuwei.speak('分管副市长'), '分管副市长', 'a pack without a vocabulary speaks its own words');
  assert.deepEqual(wuwei.vocabulary, []);
  assert.ok(liangzhou.vocabulary.some((e) => e.from === '秘书长' && e.to === '区政府办公室主任' && e.note));
});

test('derived pack: the vocabulary reaches inherited text and list parameters (组成人员, 发文机关, 代字)', () => {
  assert.deepEqual(liangzhou.param('meetings.executive.composition', 'members').value, ['区长', '副区长', '区政府办公室主任']);
  assert.deepEqual(liangzhou.param('org.government.members', 'members').value, ['区长', '副区长', '区政府办公室主任', '区政府组成部门主要负责同志']);
  assert.equal(liangzhou.param('meetings.issuance.drafting', 'issuerName').value, '凉州区人民政府');
  assert.equal(liangzhou.param('meetings.issuance.drafting', 'partyGroupCode').value, '凉政党组');
  assert.equal(minqin.param('decisions.legislation.unresolvedDispute', 'handler').value, '县司法局');
  assert.deepEqual(minqin.param('documents.drafting.departmentMatters', 'forbiddenIssuers').value, ['县政府', '县政府办公室']);
  // codes and numbers are not words: memberTerms and counts are the city's
  assert.deepEqual(liangzhou.param('meetings.executive.composition', 'memberTerms').value, ['mayor', 'vice_mayors', 'secretary_general']);
  assert.equal(liangzhou.param('discipline.research.minimumDays', 'minimum').value, 60);
  // the base pack is untouched
  assert.deepEqual(wuwei.param('meetings.executive.composition', 'members').value, ['市长', '副市长', '秘书长']);
});

test('derived pack: the vocabulary never rewrites the article text — the source stays the base’s official text', () => {
  for (const n of [9, 13, 53, 66]) assert.equal(liangzhou.article(n).text, wuwei.article(n).text);
  assert.ok(liangzhou.article(13).text.includes('市长'));
  assert.equal(liangzhou.header, wuwei.header);
});

test('derived pack: values and labels set in overrides are taken as written, not spoken', () => {
  const dir = withDerived(`${COUNTY_HEAD}vocabulary:
  - {from: 市政府, to: 县政府}
  - {from: 市长, to: 县长}
overrides:
  meetings.issuance.drafting:
    issuerName: {value: 武威市人民政府, interpretation: 仍以市政府名义印发（测试）}
  meetings.executive.composition:
    label: 市长主持的常务会议组成
    members: [市长, 副市长, 秘书长]
`);
  const p = loadPack(dir);
  assert.equal(p.param('meetings.issuance.drafting', 'issuerName').value, '武威市人民政府');
  assert.equal(p.param('meetings.issuance.drafting', 'issuerName').interpretation, '仍以市政府名义印发（测试）');
  assert.equal(p.rule('meetings.executive.composition').label, '市长主持的常务会议组成');
  assert.deepEqual(p.param('meetings.executive.composition', 'members').value, ['市长', '副市长', '秘书长']);
  assert.deepEqual(p.rule('meetings.executive.composition').overridden, { pack: 'county', params: ['members'], label: true });
  assert.equal(p.param('meetings.issuance.drafting', 'downwardCode').value, '武政发', 'a word not in the vocabulary stays');
  assert.equal(p.rule('meetings.plenary.composition').label, '全体会议组成和召集');
  assert.deepEqual(p.param('meetings.plenary.composition', 'members').value, ['县长', '副县长', '秘书长', '县政府组成部门主要负责同志']);
});

test('derived pack: a pack extending a county pack speaks the county’s words first, then its own', () => {
  const revision = loadPack(withDerived(`id: county
title: 凉州区人民政府工作规则（修订示例）
effective: {from: 2025-01-01}
extends: liangzhou-2024
`));
  assert.deepEqual(revision.meta.government, liangzhou.meta.government, 'a derived pack without a government block keeps its base’s');
  assert.deepEqual(revision.vocabulary, liangzhou.vocabulary);
  assert.equal(revision.speak('副市长'), '副区长');
  assert.equal(revision.rule('org.mayor.responsibility').label, '区长负责制');
  assert.equal(revision.deadline('documents.countersign.replyLimit').duration, 3, 'the county’s override carries over');

  const renamed = loadPack(withDerived(`id: county
title: 凉州区人民政府工作规则（修订示例）
effective: {from: 2025-01-01}
extends: liangzhou-2024
vocabulary:
  - {from: 区政府办公室主任, to: 区政府办公室负责人}
`));
  assert.equal(renamed.speak('秘书长'), '区政府办公室负责人');
  assert.deepEqual(renamed.param('meetings.executive.composition', 'members').value, ['区长', '副区长', '区政府办公室负责人']);
});

test('government block: the city pack is 武威市人民政府 / 市政府 / 市长; each county pack names its own', () => {
  assert.deepEqual(wuwei.meta.government, { name: '武威市人民政府', shortName: '市政府', leaderTitle: '市长', level: 'city' });
  assert.deepEqual(liangzhou.meta.government, { name: '凉州区人民政府', shortName: '区政府', leaderTitle: '区长', level: 'county' });
});

test('bad vocabulary and government blocks are refused with PACK.INVALID, every problem listed', () => {
  const problems = problemsOf(withDerived(`${COUNTY_HEAD}government: {name: 示例县人民政府, shortName: 县政府, level: province, mayor: 县长}
vocabulary:
  - {from: 市长, to: 县长}
  - {from: 市长, to: 县长（重复）}
  - {from: 市委, to: 市委}
  - {from: 市政府, to: ""}
  - {from: 副市长, to: 副县长, colour: red}
  - 市直
`));
  const has = (s: string) => assert.ok(problems.some((p) => p.includes(s)), `${s}\n${problems.join('\n')}`);
  has('pack.yaml: government.level: 无效的政府层级 "province"');
  has('pack.yaml: government.leaderTitle');
  has('pack.yaml: government: ');
  has('pack.yaml: vocabulary[1].from: 原词 "市长" 重复（已在 vocabulary[0] 列出）');
  has('pack.yaml: vocabulary[2].to: 原词 "市委" 与替换词相同');
  has('pack.yaml: vocabulary[3].to: 替换词不能为空');
  has('pack.yaml: vocabulary[4]');
  has('pack.yaml: vocabulary[5]');
  assert.ok(problems.length >= 8, problems.join('\n'));

  assert.ok(problemsOf(withDerived(`${COUNTY_HEAD}vocabulary: []\n`)).some((p) => p.includes('vocabulary 不能为空列表')));
  assert.ok(problemsOf(withDerived(`${COUNTY_HEAD}vocabulary: {市长: 县长}\n`)).some((p) => p.startsWith('pack.yaml: vocabulary: ')));
});

test('a base pack must name its government and cannot carry a vocabulary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengtong-base-'));
  cpSync(defaultPackDir(), dir, { recursive: true });
  const yaml = (extra: string) =>
    writeFileSync(
      join(dir, 'pack.yaml'),
      `${readPackYaml().replace(/^government:\n(?: {2}.*\n)+/m, '')}${extra}`,
    );
  yaml('vocabulary:\n  - {from: 市长, to: 县长}\n');
  const problems = problemsOf(dir);
  assert.ok(problems.includes('pack.yaml: government: 缺少 government（非继承的规则包必须填写）'), problems.join('\n'));
  assert.ok(problems.includes('pack.yaml: vocabulary: vocabulary 只能用于继承的规则包（需要 extends）'), problems.join('\n'));
});

function readPackYaml(): string {
  return readFileSync(join(defaultPackDir(), 'pack.yaml'), 'utf8');
}

test('the parameter name label is reserved for overrides; an override label must be text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengtong-base-'));
  cpSync(defaultPackDir(), dir, { recursive: true });
  writeFileSync(join(dir, 'rules', 'zz.yaml'), `- id: zz.sample
  article: 1
  label: 样例
  kind: parameter
  params:
    label: {value: 名称, unit: text}
`);
  assert.ok(problemsOf(dir).some((p) => p.startsWith('rules/zz.yaml: [0].params.label: 参数名 label 保留')));
  const problems = problemsOf(withDerived(`${COUNTY_HEAD}overrides:\n  documents.countersign.replyLimit: {label: 3}\n`));
  assert.ok(problems.includes('pack.yaml: overrides["documents.countersign.replyLimit"].label: label 应为非空文本（改写后的规则名称）'), problems.join('\n'));
});

test('a derived pack cannot introduce rules of its own: a rules/ folder is refused', () => {
  const problems = problemsOf(withDerived(COUNTY_HEAD, { 'rules/documents.yaml': `- id: documents.countyOnly
  article: 66
  label: 县里新增的规则
  kind: flag
` }));
  assert.ok(problems.includes('rules/: 继承的规则包只能用 overrides 修改参数，不能另加规则文件'), problems.join('\n'));
});

for (const c of COUNTIES) {
  const pack = loadPack(packDir(c.id));

  test(`${c.id}: loads as ${c.name}, passes article coverage, extends wuwei-2023`, () => {
    assert.deepEqual(checkPack(packDir(c.id)), { ok: true, problems: [] });
    assert.equal(pack.meta.extends, 'wuwei-2023');
    assert.equal(pack.meta.docNumber, c.docNumber);
    assert.equal(pack.meta.issuer, c.name);
    assert.equal(pack.meta.effective.from, c.from);
    assert.ok(pack.meta.issued?.startsWith('2024-'));
    assert.deepEqual(pack.meta.government, { name: c.name, shortName: c.short, leaderTitle: c.leader, level: 'county' });
    assert.equal(pack.rules.length, wuwei.rules.length);
    assert.equal(pack.articles.length, 100);
    assert.equal(pack.rule('org.mayor.responsibility').label, `${c.leader}负责制`);
    assert.equal(pack.param('meetings.issuance.drafting', 'issuerName').value, c.name);
  });

  test(`${c.id}: after ${c.from} ${c.rule} is the county’s ${c.param} = ${c.value} (the city’s is ${c.city})`, () => {
    const on = '2024-07-01';
    assert.equal(pack.rule(c.rule, on).overridden?.pack, c.id);
    assert.equal(pack.param(c.rule, c.param, on).value, c.value);
    assert.equal(wuwei.param(c.rule, c.param, on).value, c.city);
    assert.equal(pack.param('general.entry.effectiveFromIssuance', 'effectiveFrom', on).value, c.from);
  });

  test(`${c.id}: before ${c.from} no rule of the county pack is in force (PACK.NO_RULE_IN_FORCE), though the city’s is`, () => {
    const before = '2024-01-15';
    for (const id of [c.rule, 'org.mayor.responsibility']) {
      assert.throws(() => pack.rule(id, before), (e: AppError) => e.code === 'PACK.NO_RULE_IN_FORCE' && e.message.includes(c.from), id);
      assert.ok(wuwei.rule(id, before));
    }
    assert.equal(pack.rulesInForce(before).length, 0);
    assert.equal(pack.rulesInForce(c.from).length, pack.rules.length);
  });

  test(`${c.id}: every overridden value says why it was chosen and that it is illustrative`, () => {
    const overridden = pack.rules.filter((r) => r.overridden?.pack === c.id);
    assert.ok(overridden.length >= 2, `${overridden.length}`);
    for (const r of overridden)
      for (const name of r.overridden!.params) {
        const p = pack.param(r.id, name);
        assert.match(p.interpretation ?? '', /示例值/, `${r.id}.${name}`);
      }
  });
}
