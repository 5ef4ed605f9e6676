// Shared plumbing of the documents use cases: loading with access checks, the trail, the pack in force.
import { randomUUID } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { Actor, UseCaseContext } from '../context.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { currentCalendar } from '../calendar/files.ts';
import { countingConventions, deadlineRule, deadlineState, type DeadlineRule, type DeadlineState, type Duration } from '../../domain/calendar/deadline.ts';
import type { IsoDate } from '../../domain/calendar/date.ts';
import { documentParams } from './rules.ts';
import { canSee, transitionViolations, type DocState, type Flow, type Viewer } from '../../domain/documents/index.ts';
import { positionsOf, portfoliosOn, type Org } from '../../domain/org/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { shanghaiDay } from './clock.ts';

export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
export const pack = () => tenantPack();
/** the working calendar in force: the shipped years plus any loaded since (deadlines follow a load) */
export const calendar = () => currentCalendar();
export const params = (on: string) => documentParams(pack(), on);

export function deadlineRuleOf(ruleId: string, on: string): DeadlineRule {
  const p = pack();
  const lead = p.param('documents.handling.reminders', 'reminderLead', on);
  const reminderLead: Duration = { value: Number(lead.value), unit: lead.unit as Duration['unit'] };
  return deadlineRule(p.deadline(ruleId, on), p.rule(ruleId, on), countingConventions(p.conventions), reminderLead);
}

const OFFICE_ROLES = ['office_clerk', 'office_secretary', 'secretary_general', 'deputy_secretary_general'];
// 三员分立: the 系统管理员 administers the system and does not see the government's documents as the office does
export const isOffice = (a: Actor) => a.roles.some((r) => OFFICE_ROLES.includes(r) || r === 'system');

export function viewerOf(org: Org, actor: Actor, day: string): Viewer {
  const posts = actor.personId ? positionsOf(org, actor.personId, day) : [];
  const postIds = posts.map((p) => p.id);
  return {
    personId: actor.personId,
    unitIds: [...new Set(posts.map((p) => p.unitId))],
    portfolioUnitIds: portfoliosOn(org, day).filter((pf) => postIds.includes(pf.positionId)).flatMap((pf) => pf.unitIds),
    office: isOffice(actor),
    mayor: posts.some((p) => p.kind === 'mayor'),
    admin: actor.roles.includes('system'),
  };
}

export interface DocRow {
  id: string; tenant_id: string; flow: Flow; state: DocState; version: number; doc_type: string; direction: string;
  title: string; body: string; issuer_name: string; issuer_unit_id: string | null; issuer_code: string | null;
  doc_number: string | null; classification: string; disclosure: string | null; disclosure_reason: string | null;
  lead_unit_id: string | null; related_unit_ids: string[]; facts: any; proposal: any; signing: any; warnings: any[];
  routed_person_ids: string[]; unit_ids: string[]; started_on: string; signer_person_id: string | null;
  [k: string]: any;
}

export async function loadDoc(tx: Queryable, actor: Actor, id: string, opts: { lock?: boolean; org?: Org; day?: string } = {}): Promise<DocRow> {
  const { rows } = await tx.query<DocRow>(`SELECT * FROM documents WHERE tenant_id = $1 AND id = $2${opts.lock ? ' FOR UPDATE' : ''}`, [actor.tenantId, id]);
  const d = rows[0];
  if (!d) throw new AppError('DOC.NOT_FOUND');
  if (opts.org && opts.day) {
    const restricted = params(opts.day).restrictedClassifications.value;
    if (!canSee({ classification: d.classification, routedPersonIds: d.routed_person_ids, unitIds: d.unit_ids }, viewerOf(opts.org, actor, opts.day), restricted)) {
      throw new AppError('DOC.NOT_FOUND');
    }
  }
  return d;
}

export function expectVersion(d: DocRow, version: number | undefined) {
  if (version != null && version !== d.version) {
    throw new AppError('REQUEST.CONFLICT', { details: { expected: version, actual: d.version } });
  }
}

export function expectState(d: DocRow, action: string) {
  const v = transitionViolations(d.flow, d.state, action);
  if (v.length) throw new AppError('DOC.WRONG_STATE', { message: v[0].message, violations: v });
}

export function refuseIf(code: string, v: Violation[]) {
  if (v.length) throw refusal(code, v);
}

/** One line of the document's trail and its audit record with the same article, written by one statement. */
export async function trail(ctx: UseCaseContext, docId: string, action: string, label: string, article: number | undefined, payload: Record<string, unknown> = {}) {
  await ctx.audit({ action: `document.${action}`, objectType: 'document', objectId: docId, article, payload: { label, ...payload } }, {
    sql: `INSERT INTO document_events (tenant_id, document_id, at, actor_name, actor_person_id, action, label, article, payload)
          VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    params: [ctx.actor.tenantId, docId, ctx.now, ctx.actor.name, ctx.actor.personId, action, label, article ?? null, JSON.stringify(payload)],
  });
}

/** Moves the state and bumps the version, checking the version the caller read. */
export async function setState(ctx: UseCaseContext, d: DocRow, state: DocState, extra: Record<string, unknown> = {}) {
  const cols = Object.keys(extra);
  const sets = cols.map((c, i) => `${c} = $${i + 5}`);
  const r = await ctx.tx.query(
    `UPDATE documents SET state = $3, version = version + 1, updated_at = $4${sets.length ? ', ' + sets.join(', ') : ''}
      WHERE tenant_id = $1 AND id = $2 RETURNING version`,
    [ctx.actor.tenantId, d.id, state, ctx.now, ...cols.map((c) => extra[c])],
  );
  d.state = state;
  d.version = r.rows[0].version;
}

export const today = (ctx: UseCaseContext) => shanghaiDay(ctx.now);

/** Adds people and units to those who may see the document (routing = access). */
export async function routeTo(ctx: UseCaseContext, docId: string, personIds: (string | null | undefined)[], unitIds: (string | null | undefined)[] = []) {
  const ps = personIds.filter((x): x is string => !!x);
  const us = unitIds.filter((x): x is string => !!x);
  await ctx.tx.query(
    `UPDATE documents SET routed_person_ids = ARRAY(SELECT DISTINCT unnest(routed_person_ids || $3::text[])),
        unit_ids = ARRAY(SELECT DISTINCT unnest(unit_ids || $4::text[])) WHERE tenant_id = $1 AND id = $2`,
    [ctx.actor.tenantId, docId, ps, us]);
}

/** 收文登记号 and 发文字号 come from one gap-free counter per code and year (row lock, same transaction). */
export async function nextSeq(tx: Queryable, tenantId: string, code: string, year: number): Promise<number> {
  await tx.query(
    `INSERT INTO doc_number_counters (tenant_id, issuer_code, year, last_seq) VALUES ($1,$2,$3,0) ON CONFLICT DO NOTHING`,
    [tenantId, code, year]);
  const r = await tx.query<{ last_seq: number }>(
    `UPDATE doc_number_counters SET last_seq = last_seq + 1 WHERE tenant_id = $1 AND issuer_code = $2 AND year = $3 RETURNING last_seq`,
    [tenantId, code, year]);
  return r.rows[0].last_seq;
}

/**
 * The state of a document's deadline (an assignment's 承办 limit, an opinion request's reply limit) on a
 * day — the one function every list and page uses, so that a deadline reads the same everywhere.
 * A deadline counted across a year whose holiday arrangement is not loaded is 日历未知.
 */
export function documentDeadlineState(
  d: { due: string | null; remindFrom?: string | null; unknownYears?: readonly (number | string)[] | null; done?: boolean },
  day: string,
): DeadlineState | null {
  if (!d.due || d.done) return null;
  return deadlineState({ due: d.due as IsoDate, remindFrom: (d.remindFrom ?? d.due) as IsoDate, unknownYears: (d.unknownYears ?? []).map(Number) }, day);
}
