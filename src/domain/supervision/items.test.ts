import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAdvance, checkOpening, matterKey, type ItemDraft, type OpenItem, type UnitRef } from './items.ts';
import { TEST_ITEM_RULES as R } from './fixture.ts';

const gov: UnitRef = { id: 'u-gov', kind: 'municipal_government', name: '市政府' };
const office: UnitRef = { id: 'u-office', kind: 'government_office', name: '市政府办公室', parentId: 'u-gov' };
const fgw: UnitRef = { id: 'u-fgw', kind: 'constituent_department', name: '市发展改革委', parentId: 'u-gov' };
const jyj: UnitRef = { id: 'u-jyj', kind: 'constituent_department', name: '市教育局', parentId: 'u-gov' };
const exam: UnitRef = { id: 'u-exam', kind: 'affiliated_institution', name: '市教育考试院', parentId: 'u-jyj' };
const prov: UnitRef = { id: 'u-prov', kind: 'external', name: '省政府' };

const draft = (o: Partial<ItemDraft> = {}): ItemDraft => ({
  title: '重点项目建设推进情况', kind: 'regular', scope: 'government', supervisor: office, lead: fgw, cooperating: [jyj],
  source: { type: 'decision', id: 'dec-1' }, openedOn: '2026-03-02', ...o,
});
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const openOf = (d: ItemDraft, id = 'it-1'): OpenItem => ({ id, title: d.title, matterKey: matterKey(d), supervisorUnitId: d.supervisor.id, supervisorName: d.supervisor.name });

test('第八十六条: duplicate, multi-headed and ultra vires supervision are refused, undesignated government supervision too', () => {
  const designation = { byUnitId: 'u-gov', ref: '市政府第12次常务会议纪要', on: '2026-02-20' };
  const cases: { name: string; d: ItemDraft; open?: OpenItem[]; expect: string[] }[] = [
    { name: 'the office opens a government supervision', d: draft(), expect: [] },
    { name: 'same matter again by the office (重复督查)', d: draft({ title: '另一个名字' }), open: [openOf(draft())], expect: ['SUP.DUPLICATE_SUPERVISION'] },
    { name: 'same matter by a designated department (多头督查)', d: draft({ supervisor: jyj, lead: fgw, cooperating: [], designation }), open: [openOf(draft())], expect: ['SUP.MULTI_HEADED_SUPERVISION'] },
    { name: 'same title without source, same lead', d: draft({ source: undefined, title: '重点项目 建设推进情况！' }), open: [openOf(draft({ source: undefined }))], expect: ['SUP.DUPLICATE_SUPERVISION'] },
    { name: 'a department without designation (未经指定)', d: draft({ supervisor: jyj, cooperating: [] }), expect: ['SUP.NOT_DESIGNATED'] },
    { name: 'a department designated by the government', d: draft({ supervisor: jyj, cooperating: [], designation }), expect: [] },
    { name: 'a designation by someone else', d: draft({ supervisor: jyj, cooperating: [], designation: { ...designation, byUnitId: 'u-fgw' } }), expect: ['SUP.DESIGNATION_INVALID'] },
    { name: 'supervising the provincial government (越权)', d: draft({ lead: prov, cooperating: [] }), expect: ['SUP.OVERREACH'] },
    { name: 'an internal supervision of another department (越权)', d: draft({ scope: 'department', supervisor: jyj, lead: fgw, cooperating: [] }), expect: ['SUP.OVERREACH'] },
    { name: 'an internal supervision of its own institution', d: draft({ scope: 'department', supervisor: jyj, lead: exam, cooperating: [] }), expect: [] },
    { name: 'every problem at once', d: draft({ supervisor: jyj, lead: prov, cooperating: [prov], kind: 'x' }), open: [openOf(draft({ lead: prov }))], expect: ['SUP.UNKNOWN_KIND', 'SUP.LEAD_ALSO_COOPERATING', 'SUP.MULTI_HEADED_SUPERVISION', 'SUP.OVERREACH', 'SUP.OVERREACH', 'SUP.NOT_DESIGNATED'] },
  ];
  for (const c of cases) {
    const d = checkOpening(c.d, c.open ?? [], gov.id, R);
    assert.deepEqual(codes(d), c.expect, c.name);
    if (!d.ok) for (const v of d.violations.filter((v) => v.code !== 'SUP.LEAD_ALSO_COOPERATING' && v.code !== 'SUP.UNKNOWN_KIND')) assert.match(v.message, /依据第八十六条/, c.name);
  }
});

test('第八十七条: unannounced and research-style supervision are kinds of item', () => {
  for (const kind of ['unannounced', 'research']) assert.equal(checkOpening(draft({ kind }), [], gov.id, R).ok, true, kind);
});

test('第四十五条: a rectification names its finding and closes only after reporting to the government', () => {
  assert.deepEqual(codes(checkOpening(draft({ kind: 'rectification' }), [], gov.id, R)), ['SUP.RECTIFICATION_SOURCE_MISSING']);
  assert.equal(checkOpening(draft({ kind: 'rectification', findingSource: '市审计局2025年度审计报告' }), [], gov.id, R).ok, true);
  const item = { stage: 'concluded' as const, kind: 'rectification', closed: false, reportedToGovernment: false };
  const step = { to: 'applied' as const, on: '2026-03-05', summary: '纳入年度考核' };
  assert.deepEqual(codes(checkAdvance(item, step, '2026-03-10', '2026-03-04', R)), ['SUP.RECTIFICATION_NOT_REPORTED']);
  assert.equal(checkAdvance({ ...item, reportedToGovernment: true }, step, '2026-03-10', '2026-03-04', R).ok, true);
});

test('第八十六条: 立项 → 制定方案 → 督查实施 → 形成结论 → 结论运用, one stage at a time', () => {
  const item = { stage: 'opened' as const, kind: 'regular', closed: false, reportedToGovernment: false };
  assert.equal(checkAdvance(item, { to: 'planned', on: '2026-03-03', summary: '方案' }, '2026-03-10', '2026-03-02', R).ok, true);
  const jump = checkAdvance(item, { to: 'concluded', on: '2026-03-03', summary: 's', conclusion: 'c' }, '2026-03-10', '2026-03-02', R);
  assert.deepEqual(codes(jump), ['SUP.ITEM_STAGE_OUT_OF_ORDER']);
  assert.deepEqual(!jump.ok && jump.violations[0].details?.missing, ['制定方案', '督查实施']);
  assert.deepEqual(codes(checkAdvance({ ...item, stage: 'in_progress' }, { to: 'concluded', on: '2026-03-03', summary: 's' }, '2026-03-10', '2026-03-02', R)), ['SUP.CONCLUSION_MISSING']);
});
