// Recording an absence (外出报备, 第七十九条) and an entrustment (受市长委托, 第十一条/第十三条): the checks
// a use case runs before it stores the new row. Every block and flag is returned at once.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import { ABSENCE_KIND_LABELS } from './labels.ts';
import { effectiveAbsences, isIsoDate, isViceMayorKind, periodsOverlap, personById, positionById } from './queries.ts';
import { ABSENCE_KINDS, type Absence, type DelegationRules, type Entrustment, type Org } from './types.ts';

function periodProblems(p: { from: string; to: string }, what: string): Violation[] {
  const out: Violation[] = [];
  for (const d of [p.from, p.to]) {
    if (!isIsoDate(d)) out.push({ code: 'ORG.INVALID_DATE', message: `${what}日期格式错误：${d}`, details: { date: d } });
  }
  if (!out.length && p.to < p.from) out.push({ code: 'ORG.INVALID_PERIOD', message: `${what}结束日期早于开始日期`, details: p });
  return out;
}

/** A new absence, or a correction (`supersedes`) of a standing one. */
export function checkAbsence(org: Org, draft: Absence): Decision<Absence> {
  const blocks: Violation[] = [];
  if (!personById(org, draft.personId)) {
    blocks.push({ code: 'ORG.UNKNOWN_PERSON', message: `未知的人员：${draft.personId}`, details: { personId: draft.personId } });
  }
  if (!ABSENCE_KINDS.includes(draft.kind)) {
    blocks.push({ code: 'REQUEST.VALIDATION', message: `外出类型未知：${draft.kind}`, details: { kind: draft.kind } });
  }
  blocks.push(...periodProblems(draft.period, '外出'));
  const standing = effectiveAbsences(org);
  if (draft.supersedes != null) {
    const old = standing.find((a) => a.id === draft.supersedes);
    if (!old || old.personId !== draft.personId) {
      blocks.push({ code: 'ORG.ABSENCE_NOT_FOUND', message: `要更正的外出记录不存在或已被更正：${draft.supersedes}`, details: { id: draft.supersedes } });
    }
  }
  if (!draft.cancelled && !blocks.length) {
    const clash = standing.find(
      (a) => a.personId === draft.personId && a.id !== draft.supersedes && periodsOverlap(a.period, draft.period),
    );
    if (clash) {
      blocks.push({
        code: 'ORG.ABSENCE_OVERLAP',
        message: `${basedOn(79)}，该人员在${clash.period.from}至${clash.period.to}已登记${ABSENCE_KIND_LABELS[clash.kind]}，请更正原记录`,
        article: 79,
        details: { absenceId: clash.id },
      });
    }
  }
  return decide(blocks, [], () => draft);
}

/** The mayor entrusts presiding (第十三条) to the executive vice mayor, or a task (第十一条) to a vice mayor. */
export function checkEntrustment(org: Org, draft: Entrustment, rules: DelegationRules): Decision<Entrustment> {
  const blocks: Violation[] = [];
  const warnings: Violation[] = [];
  const grantor = positionById(org, draft.grantorPositionId);
  const grantee = positionById(org, draft.granteePositionId);
  const art = draft.kind === 'preside' ? rules.presidingArticle : rules.backupArticle;
  for (const [id, post] of [[draft.grantorPositionId, grantor], [draft.granteePositionId, grantee]] as const) {
    if (!post) blocks.push({ code: 'ORG.UNKNOWN_POSITION', message: `未知的职务：${id}`, details: { positionId: id } });
  }
  if (grantor && grantor.kind !== 'mayor') {
    blocks.push({ code: 'ORG.ENTRUSTMENT_NOT_BY_MAYOR', message: `${basedOn(art)}，委托只能由市长作出`, article: art, details: { positionId: grantor.id } });
  }
  if (draft.kind === 'preside' && grantee && grantee.kind !== 'executive_vice_mayor') {
    blocks.push({
      code: 'ORG.ENTRUSTMENT_PRESIDE_NOT_EXECUTIVE',
      message: `${basedOn(art)}，市长离市期间由负责常务工作的副市长主持市政府工作，不能委托给${grantee.title}`,
      article: art,
      details: { positionId: grantee.id },
    });
  }
  if (draft.kind === 'task') {
    if (grantee && !isViceMayorKind(grantee.kind)) {
      blocks.push({ code: 'ORG.ENTRUSTMENT_TASK_NOT_VICE_MAYOR', message: `${basedOn(art)}，其他工作或专项任务委托给副市长`, article: art, details: { positionId: grantee.id } });
    }
    if (!draft.task?.trim()) {
      blocks.push({ code: 'ORG.ENTRUSTMENT_TASK_MISSING', message: `${basedOn(art)}，委托专项任务应写明任务内容`, article: art });
    }
  }
  blocks.push(...periodProblems(draft.period, '委托'));

  // 第十三条: the entrustment only matters during a listed absence of the mayor; recording it ahead of
  // the trip record is allowed, but say so.
  if (draft.kind === 'preside' && grantor && !blocks.length) {
    const mayors = org.assignments.filter((a) => a.positionId === grantor.id).map((a) => a.personId);
    const qualifying = effectiveAbsences(org).some(
      (a) => mayors.includes(a.personId) && rules.presidingAbsenceKinds.includes(a.kind) && periodsOverlap(a.period, draft.period),
    );
    if (!qualifying) {
      const kinds = rules.presidingAbsenceKinds.map((k) => ABSENCE_KIND_LABELS[k]).join('、');
      warnings.push({
        code: 'ORG.ENTRUSTMENT_WITHOUT_QUALIFYING_ABSENCE',
        message: `${basedOn(art)}，委托期间未登记市长离市${kinds}；委托只在市长${kinds}期间生效`,
        article: art,
        details: { period: draft.period },
      });
    }
  }
  return decide(blocks, warnings, () => draft);
}
