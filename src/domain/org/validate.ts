// Checks an organisation is consistent: structurally (ids unique, references resolve, periods sane,
// no post held twice at once) and on a given day (one mayor, every vice mayor paired and assisted,
// every constituent department in someone's portfolio). Returns every problem found, not the first.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';
import {
  backupPairOf,
  effectiveAbsences,
  governmentPost,
  holderOf,
  inPeriod,
  isIsoDate,
  isViceMayorKind,
  leaderInCharge,
  periodsOverlap,
  portfoliosOn,
  positionById,
  positionsOfKind,
  principalHeadPost,
  unitsOfKind,
  assistantsOf,
} from './queries.ts';
import { ABSENCE_KINDS, POSITION_KINDS, UNIT_KINDS, type IsoDate, type Org, type Period } from './types.ts';

export function validateOrg(org: Org): Violation[] {
  const out: Violation[] = [];
  const v = (code: string, message: string, details?: Record<string, unknown>, article?: number) =>
    out.push({ code, message, ...(article != null ? { article } : {}), ...(details ? { details } : {}) });

  // ids unique across the whole organisation: a target id names one thing
  const seen = new Map<string, string>();
  const collections: [string, { id: string }[]][] = [
    ['units', org.units],
    ['people', org.people],
    ['positions', org.positions],
    ['assignments', org.assignments],
    ['portfolios', org.portfolios],
    ['assistance', org.assistance],
    ['backupPairs', org.backupPairs],
    ['absences', org.absences],
    ['entrustments', org.entrustments],
  ];
  for (const [name, rows] of collections) {
    for (const row of rows) {
      const prev = seen.get(row.id);
      if (prev) v('ORG.DUPLICATE_ID', `编号重复：${row.id}（${prev}、${name}）`, { id: row.id });
      else seen.set(row.id, name);
    }
  }

  const units = new Set(org.units.map((u) => u.id));
  const people = new Set(org.people.map((p) => p.id));
  const posts = new Set(org.positions.map((p) => p.id));
  const ref = (kind: 'unit' | 'person' | 'position', id: string | undefined, from: string) => {
    if (id == null) return;
    const ok = kind === 'unit' ? units.has(id) : kind === 'person' ? people.has(id) : posts.has(id);
    if (!ok) v('ORG.DANGLING_REFERENCE', `${from} 引用了不存在的${{ unit: '单位', person: '人员', position: '职务' }[kind]} ${id}`, { from, id });
  };
  const period = (p: Period | undefined, from: string, closed = false) => {
    if (p == null) {
      if (closed) v('ORG.INVALID_PERIOD', `${from} 缺少起止日期`, { from });
      return;
    }
    for (const d of [p.from, p.to]) {
      if (d != null && !isIsoDate(d)) v('ORG.INVALID_DATE', `${from} 的日期格式错误：${d}`, { from, date: d });
    }
    if (closed && p.to == null) v('ORG.INVALID_PERIOD', `${from} 缺少结束日期`, { from });
    if (p.to != null && p.to < p.from) v('ORG.INVALID_PERIOD', `${from} 的结束日期早于开始日期`, { from });
  };

  for (const u of org.units) {
    if (!UNIT_KINDS.includes(u.kind)) v('ORG.DANGLING_REFERENCE', `单位 ${u.id} 的类型未知：${u.kind}`, { id: u.id });
    ref('unit', u.parentId, u.id);
    period(u.period, u.id);
  }
  for (const p of org.positions) {
    if (!POSITION_KINDS.includes(p.kind)) v('ORG.DANGLING_REFERENCE', `职务 ${p.id} 的类型未知：${p.kind}`, { id: p.id });
    ref('unit', p.unitId, p.id);
  }
  for (const a of org.assignments) {
    ref('position', a.positionId, a.id);
    ref('person', a.personId, a.id);
    period(a.period, a.id);
  }
  // one holder per post at a time
  for (let i = 0; i < org.assignments.length; i++) {
    for (let j = i + 1; j < org.assignments.length; j++) {
      const a = org.assignments[i];
      const b = org.assignments[j];
      if (a.positionId === b.positionId && periodsOverlap(a.period, b.period)) {
        v('ORG.POSITION_DOUBLY_HELD', `职务 ${a.positionId} 同时由两人担任（${a.id}、${b.id}）`, { positionId: a.positionId });
      }
    }
  }

  for (const p of org.portfolios) {
    ref('position', p.positionId, p.id);
    for (const u of p.unitIds) ref('unit', u, p.id);
    period(p.period, p.id);
    const post = positionById(org, p.positionId);
    if (post && post.kind !== 'mayor' && !isViceMayorKind(post.kind)) {
      v('ORG.PORTFOLIO_NOT_LEADER', `${basedOn(11)}，分管只能由市长、副市长承担：${p.id} 登记在 ${post.title}`, { id: p.id }, 11);
    }
  }
  // a unit is in one portfolio at a time
  for (let i = 0; i < org.portfolios.length; i++) {
    for (let j = i + 1; j < org.portfolios.length; j++) {
      const a = org.portfolios[i];
      const b = org.portfolios[j];
      if (!periodsOverlap(a.period, b.period)) continue;
      for (const u of a.unitIds.filter((x) => b.unitIds.includes(x))) {
        v('ORG.PORTFOLIO_OVERLAP', `${basedOn(11)}，${u} 同时列入两位市领导的分管（${a.id}、${b.id}）`, { unitId: u }, 11);
      }
    }
  }

  for (const a of org.assistance) {
    ref('position', a.assistantPositionId, a.id);
    ref('position', a.assistedPositionId, a.id);
    period(a.period, a.id);
    const assistant = positionById(org, a.assistantPositionId);
    const assisted = positionById(org, a.assistedPositionId);
    if (assistant && assisted && (assistant.kind !== 'deputy_secretary_general' || !(assisted.kind === 'mayor' || isViceMayorKind(assisted.kind)))) {
      v('ORG.ASSISTANCE_INVALID', `${basedOn(12)}，副秘书长协助副市长：${a.id} 不符合`, { id: a.id }, 12);
    }
  }

  for (const b of org.backupPairs) {
    b.positionIds.forEach((p) => ref('position', p, b.id));
    period(b.period, b.id);
    const [x, y] = b.positionIds.map((id) => positionById(org, id));
    if (b.positionIds[0] === b.positionIds[1] || (x && !isViceMayorKind(x.kind)) || (y && !isViceMayorKind(y.kind))) {
      v('ORG.BACKUP_PAIR_INVALID', `${basedOn(11)}，AB岗应在两位不同的副市长之间建立：${b.id} 不符合`, { id: b.id }, 11);
    }
  }
  for (let i = 0; i < org.backupPairs.length; i++) {
    for (let j = i + 1; j < org.backupPairs.length; j++) {
      const a = org.backupPairs[i];
      const b = org.backupPairs[j];
      if (periodsOverlap(a.period, b.period) && a.positionIds.some((p) => b.positionIds.includes(p))) {
        v('ORG.BACKUP_PAIR_OVERLAP', `${basedOn(11)}，同一副市长同时有两个AB岗搭档（${a.id}、${b.id}）`, { ids: [a.id, b.id] }, 11);
      }
    }
  }

  const absenceIds = new Set(org.absences.map((a) => a.id));
  for (const a of org.absences) {
    ref('person', a.personId, a.id);
    period(a.period, a.id, true);
    if (!ABSENCE_KINDS.includes(a.kind)) v('ORG.DANGLING_REFERENCE', `外出记录 ${a.id} 的类型未知：${a.kind}`, { id: a.id });
    if (a.supersedes != null && !absenceIds.has(a.supersedes)) {
      v('ORG.DANGLING_REFERENCE', `${a.id} 更正了不存在的外出记录 ${a.supersedes}`, { id: a.id });
    }
  }
  const standing = effectiveAbsences(org);
  for (let i = 0; i < standing.length; i++) {
    for (let j = i + 1; j < standing.length; j++) {
      const a = standing[i];
      const b = standing[j];
      if (a.personId === b.personId && periodsOverlap(a.period, b.period)) {
        v('ORG.ABSENCE_OVERLAP', `${a.personId} 的外出记录时间重叠（${a.id}、${b.id}）`, { ids: [a.id, b.id] }, 79);
      }
    }
  }

  for (const e of org.entrustments) {
    ref('position', e.grantorPositionId, e.id);
    ref('position', e.granteePositionId, e.id);
    period(e.period, e.id, true);
    if (e.revokedOn != null && !isIsoDate(e.revokedOn)) v('ORG.INVALID_DATE', `${e.id} 的撤销日期格式错误`, { id: e.id });
  }
  return out;
}

/** What must hold on a given day for routing to work. */
export function validateOrgOn(org: Org, date: IsoDate): Violation[] {
  const out: Violation[] = [];
  const v = (code: string, message: string, details: Record<string, unknown>, article?: number) =>
    out.push({ code, message, ...(article != null ? { article } : {}), details });
  const gov = org.units.find((u) => u.kind === 'municipal_government');
  const govPosts = (kind: 'mayor' | 'executive_vice_mayor') => org.positions.filter((p) => p.kind === kind && p.unitId === gov?.id);

  if (govPosts('mayor').length !== 1) v('ORG.MAYOR_NOT_UNIQUE', '市政府应当有且只有一个市长职务', { date }, 9);
  if (govPosts('executive_vice_mayor').length !== 1) {
    v('ORG.EXECUTIVE_VICE_MAYOR_NOT_UNIQUE', '市政府应当有且只有一个负责常务工作的副市长职务', { date }, 13);
  }
  for (const kind of ['mayor', 'executive_vice_mayor', 'secretary_general'] as const) {
    const post = governmentPost(org, kind);
    if (post && holderOf(org, post.id, date) == null) v('ORG.POSITION_VACANT', `${post.title}职务在${date}空缺`, { positionId: post.id });
  }

  for (const post of positionsOfKind(org, 'executive_vice_mayor', 'vice_mayor')) {
    if (holderOf(org, post.id, date) == null) {
      v('ORG.POSITION_VACANT', `${post.title}职务在${date}空缺`, { positionId: post.id });
      continue;
    }
    if (!backupPairOf(org, post.id, date)) {
      v('ORG.NO_BACKUP_PARTNER', `${basedOn(11)}，副市长之间实行AB岗：${post.title}没有AB岗搭档`, { positionId: post.id }, 11);
    }
    if (assistantsOf(org, post.id, date).length === 0) {
      v('ORG.NO_ASSISTANT', `${basedOn(12)}，${post.title}没有协助其工作的副秘书长`, { positionId: post.id }, 12);
    }
  }

  for (const unit of unitsOfKind(org, 'constituent_department', date)) {
    if (!leaderInCharge(org, unit.id, date)) {
      v('ORG.NO_LEADER_IN_CHARGE', `${basedOn(11)}，${unit.name}没有分管市领导`, { unitId: unit.id }, 11);
    }
    const head = principalHeadPost(org, unit.id);
    if (!head || holderOf(org, head.id, date) == null) {
      v('ORG.NO_PRINCIPAL_HEAD', `${unit.name}没有主要负责同志或该职务空缺`, { unitId: unit.id }, 14);
    }
  }
  // portfolios must point at units that exist on the day
  for (const p of portfoliosOn(org, date)) {
    for (const id of p.unitIds) {
      const u = org.units.find((x) => x.id === id);
      if (u?.period && !inPeriod(u.period, date)) {
        v('ORG.DANGLING_REFERENCE', `${p.id} 分管的 ${u.name} 在${date}已不存在`, { portfolioId: p.id, unitId: id });
      }
    }
  }
  return out;
}
