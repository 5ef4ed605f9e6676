// Organisation use cases: seed the demo, record an absence (第七十九条) or an entrustment (第十三条/第十一条),
// withdraw an entrustment, and the read side — the organisation on a date and who acts for whom.
// Each write runs in one transaction with its audit record, citing the article.
import { randomBytes } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import { pgErrorCode, type Queryable } from '../../store/db.ts';
import {
  ABSENCE_KIND_LABELS,
  checkAbsence,
  checkEntrustment,
  effectiveAbsences,
  governmentPost,
  isIsoDate,
  positionsOf,
  whoActsFor,
  type Absence,
  type AbsenceKind,
  type ActingResult,
  type Entrustment,
  type EntrustmentKind,
  type IsoDate,
  type Org,
  type Purpose,
} from '../../domain/org/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { shanghaiDate } from '../../domain/calendar/date.ts';
import { runQuery, runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { loadDemoLogins, loadDemoOrg } from './demo.ts';
import { hasOrg, insertAbsence, insertEntrustment, insertOrg, insertRevocation, loadOrg } from './repo.ts';
import { orgRulesOn } from './rules.ts';

/** The calendar day in Asia/Shanghai; every context's use cases read "today" through it. */
export { shanghaiDate };

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

function refuseWith(fallback: string, violations: Violation[]): AppError {
  return refusal(violations.length === 1 ? violations[0].code : fallback, violations);
}

export async function requireOrg(tx: Queryable, tenantId: string): Promise<Org> {
  const org = await loadOrg(tx, tenantId);
  if (!org) throw new AppError('ORG.UNKNOWN_TENANT', { details: { tenantId } });
  return org;
}

// ---- demo ----

/** Loads demo/wuwei/org.yaml into the tenant once; absences and entrustments are dated from today. */
export async function seedDemoOrg(ctx: UseCaseContext): Promise<void> {
  const tenantId = ctx.actor.tenantId;
  if (await hasOrg(ctx.tx, tenantId)) return;
  const today = shanghaiDate(ctx.now);
  const org = loadDemoOrg(today);
  loadDemoLogins(org); // every demo login must name a person of this organisation
  await insertOrg(ctx.tx, tenantId, org, ctx.now, ctx.actor.name);
  await ctx.audit({
    action: 'org.demo_loaded',
    objectType: 'org',
    objectId: tenantId,
    article: orgRulesOn(today).government.article,
    payload: { units: org.units.length, people: org.people.length, positions: org.positions.length, portfolios: org.portfolios.length },
  });
}

// ---- read side ----

export const getOrg = (deps: AppDeps, tenantId: string): Promise<Org> => runQuery(deps, (tx) => requireOrg(tx, tenantId));

export function parsePurpose(purpose: string | undefined, powerId: string | undefined): Purpose {
  if (powerId) return { kind: 'power', powerId };
  if (purpose == null || purpose === 'handle') return { kind: 'handle' };
  if (purpose === 'preside') return { kind: 'preside' };
  throw new AppError('REQUEST.VALIDATION', { message: `未知的事项类型：${purpose}（handle、preside）` });
}

export function requireDate(date: string): IsoDate {
  if (!isIsoDate(date)) throw new AppError('ORG.INVALID_DATE', { message: `日期格式错误：${date}（应为 YYYY-MM-DD）`, details: { date } });
  return date;
}

/** Who acts for a post (or a person's main post) on a date, for a purpose, under the pack in force that day. */
export function actingFor(org: Org, target: string, date: IsoDate, purpose: Purpose): ActingResult {
  const rules = orgRulesOn(date);
  if (purpose.kind === 'power' && !rules.delegation.reservedPowers.some((p) => p.id === purpose.powerId)) {
    throw new AppError('ORG.UNKNOWN_POWER', {
      message: `未知的市长保留事项：${purpose.powerId}（可选：${rules.delegation.reservedPowers.map((p) => p.id).join('、')}）`,
    });
  }
  const d = whoActsFor(org, target, date, purpose, rules.delegation);
  if (!d.ok) throw refuseWith('ORG.UNKNOWN_TARGET', d.violations);
  return d.value;
}

/** The city leaders' board for a date: mayor (presiding), executive vice mayor, vice mayors, secretary-general. */
export function leadersBoard(org: Org, date: IsoDate): ActingResult[] {
  const posts = org.positions
    .filter((p) => ['mayor', 'executive_vice_mayor', 'vice_mayor', 'secretary_general'].includes(p.kind))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  return posts.map((p) => actingFor(org, p.id, date, p.kind === 'mayor' ? { kind: 'preside' } : { kind: 'handle' }));
}

// ---- absences (第七十九条) ----

export interface AbsenceInput {
  personId: string;
  kind: AbsenceKind;
  from: string;
  to: string;
  destination?: string;
  note?: string;
  /** correct (or, with cancelled, withdraw) this earlier record */
  supersedes?: string;
  cancelled?: boolean;
}

export interface AbsenceOutcome {
  absence: Absence;
  /** who now acts for each post the person holds, on the first day of the absence */
  effects: ActingResult[];
}

export async function recordAbsence(deps: AppDeps, actor: Actor, input: AbsenceInput): Promise<AbsenceOutcome> {
  if (input.cancelled && !input.supersedes) {
    throw new AppError('REQUEST.VALIDATION', { message: '撤销外出记录须指明被撤销的记录（supersedes）' });
  }
  try {
    return await runUseCase(deps, actor, async (ctx) => {
      // one writer per person at a time, so two overlapping trips cannot both pass the check
      const locked = await ctx.tx.query('SELECT id FROM org_people WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, input.personId]);
      if (!locked.rows.length) throw new AppError('ORG.UNKNOWN_PERSON', { message: `未知的人员：${input.personId}` });
      const org = await requireOrg(ctx.tx, actor.tenantId);
      const absence: Absence = {
        id: newId('absence'),
        personId: input.personId,
        kind: input.kind,
        period: { from: input.from, to: input.to },
        ...(input.destination ? { destination: input.destination } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(input.supersedes ? { supersedes: input.supersedes } : {}),
        ...(input.cancelled ? { cancelled: true } : {}),
      };
      const d = checkAbsence(org, absence);
      if (!d.ok) throw refuseWith('ORG.ABSENCE_OVERLAP', d.violations);
      await insertAbsence(ctx.tx, actor.tenantId, absence, ctx.now, actor.name);
      const after: Org = { ...org, absences: [...org.absences, absence] };
      const effects = input.cancelled
        ? []
        : positionsOf(after, absence.personId, absence.period.from).map((p) => actingFor(after, p.id, absence.period.from, p.kind === 'mayor' ? { kind: 'preside' } : { kind: 'handle' }));
      await ctx.audit({
        action: input.cancelled ? 'org.absence_cancelled' : input.supersedes ? 'org.absence_corrected' : 'org.absence_recorded',
        objectType: 'absence',
        objectId: absence.id,
        article: 79,
        payload: {
          personId: absence.personId,
          kind: absence.kind,
          kindLabel: ABSENCE_KIND_LABELS[absence.kind],
          period: absence.period,
          supersedes: absence.supersedes ?? null,
          effects: effects.map((e) => ({ positionId: e.forPositionId, outcome: e.outcome, personId: e.personId, basis: e.basis, article: e.article })),
        },
      });
      return { absence, effects };
    });
  } catch (e) {
    // the same record corrected twice at once: the second loses on UNIQUE (tenant_id, supersedes)
    if (pgErrorCode(e) === '23505') throw new AppError('REQUEST.CONFLICT', { message: '该外出记录刚被他人更正，请刷新后重试' });
    throw e;
  }
}

// ---- entrustments (第十三条, 第十一条) ----

export interface EntrustmentInput {
  kind: EntrustmentKind;
  granteePositionId: string;
  from: string;
  to: string;
  task?: string;
}

export interface EntrustmentOutcome {
  entrustment: Entrustment;
  warnings: Violation[];
}

export async function recordEntrustment(deps: AppDeps, actor: Actor, input: EntrustmentInput): Promise<EntrustmentOutcome> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const mayor = governmentPost(org, 'mayor');
    if (!mayor) throw new AppError('ORG.MAYOR_NOT_UNIQUE');
    const entrustment: Entrustment = {
      id: newId('entrust'),
      kind: input.kind,
      grantorPositionId: mayor.id,
      granteePositionId: input.granteePositionId,
      period: { from: input.from, to: input.to },
      ...(input.task ? { task: input.task } : {}),
    };
    const rules = orgRulesOn(isIsoDate(input.from) ? input.from : shanghaiDate(ctx.now));
    const d = checkEntrustment(org, entrustment, rules.delegation);
    if (!d.ok) throw refuseWith('ORG.ENTRUSTMENT_NOT_BY_MAYOR', d.violations);
    await insertEntrustment(ctx.tx, actor.tenantId, entrustment, ctx.now, actor.name);
    const article = input.kind === 'preside' ? rules.delegation.presidingArticle : rules.delegation.backupArticle;
    await ctx.audit({
      action: 'org.entrustment_recorded',
      objectType: 'entrustment',
      objectId: entrustment.id,
      article,
      payload: {
        kind: entrustment.kind,
        grantor: entrustment.grantorPositionId,
        grantee: entrustment.granteePositionId,
        period: entrustment.period,
        task: entrustment.task ?? null,
        warnings: d.warnings.map((w) => w.code),
      },
    });
    return { entrustment, warnings: d.warnings };
  });
}

export async function revokeEntrustment(
  deps: AppDeps, actor: Actor, input: { entrustmentId: string; revokedOn: string; reason?: string },
): Promise<Entrustment> {
  const revokedOn = requireDate(input.revokedOn);
  try {
    return await runUseCase(deps, actor, async (ctx) => {
      const org = await requireOrg(ctx.tx, actor.tenantId);
      const e = org.entrustments.find((x) => x.id === input.entrustmentId);
      if (!e || e.revokedOn) throw new AppError('ORG.ENTRUSTMENT_NOT_FOUND', { details: { id: input.entrustmentId } });
      await insertRevocation(ctx.tx, actor.tenantId, e.id, revokedOn, input.reason ?? null, ctx.now, actor.name);
      const { delegation } = orgRulesOn(revokedOn);
      await ctx.audit({
        action: 'org.entrustment_revoked',
        objectType: 'entrustment',
        objectId: e.id,
        article: e.kind === 'preside' ? delegation.presidingArticle : delegation.backupArticle,
        payload: { revokedOn, reason: input.reason ?? null },
      });
      return { ...e, revokedOn };
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new AppError('ORG.ENTRUSTMENT_NOT_FOUND', { message: '该委托已被撤销' });
    throw err;
  }
}

/** Standing absences overlapping [from, to]. */
export function absencesBetween(org: Org, from: IsoDate, to: IsoDate): Absence[] {
  return effectiveAbsences(org).filter((a) => a.period.from <= to && from <= a.period.to);
}
