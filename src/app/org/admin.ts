// Keeping the organisation current: units set up, renamed or abolished; people; appointments begun and
// ended (任免); a leader's 分管 and the 副秘书长 assisting (第十一条, 第十二条); the AB岗 pairs (第十一条).
// Every change is dated, runs in one transaction with its audit record and writes only organisation
// tables, whose triggers renew the organisation's revision (0210_org_revision.sql) so that every process
// reloads it. Nothing is deleted: a record ends by its dated end, and a new record starts the next day.
// Each change is checked on the organisation as it would be afterwards: a structural problem it would
// introduce refuses it; what it leaves incomplete on the effective day (a vice mayor without AB岗 partner,
// a department nobody is in charge of, a vacant post) and the open steps of someone leaving are warnings.
import { randomBytes } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import {
  governmentPost,
  holderOf,
  inPeriod,
  isViceMayorKind,
  membersOf,
  personById,
  positionById,
  unitById,
  validateOrg,
  validateOrgOn,
  type Assignment,
  type Assistance,
  type BackupPair,
  type IsoDate,
  type Org,
  type Person,
  type Portfolio,
  type Position,
  type PositionKind,
  type Unit,
  type UnitKind,
} from '../../domain/org/index.ts';
import { basedOn } from '../../domain/shared/article.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { addDays } from './demo.ts';
import { orgRulesOn } from './rules.ts';
import { requireDate, requireOrg } from './usecases.ts';

export interface AdminOutcome<T> {
  result: T;
  /** what the change leaves to be done, each with its code and article; never blocks */
  warnings: Violation[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;
const article = (ruleId: string, on: IsoDate) => tenantPack().rule(ruleId, on).article;
const dayBefore = (d: IsoDate) => addDays(d, -1);
const nameOfPost = (org: Org, positionId: string, date: IsoDate) => {
  const p = positionById(org, positionId);
  const holder = holderOf(org, positionId, date);
  const name = holder ? personById(org, holder)?.name : null;
  return `${p?.title ?? positionId}${name ? `（${name}）` : '（空缺）'}`;
};

/** One writer of a tenant's organisation at a time; the later one then reads what the first wrote. */
async function lockOrg(ctx: UseCaseContext): Promise<Org> {
  await ctx.tx.query(
    `INSERT INTO org_revisions (tenant_id, rev) VALUES ($1, gen_random_uuid()::text) ON CONFLICT (tenant_id) DO NOTHING`,
    [ctx.actor.tenantId],
  );
  await ctx.tx.query('SELECT rev FROM org_revisions WHERE tenant_id = $1 FOR UPDATE', [ctx.actor.tenantId]);
  return requireOrg(ctx.tx, ctx.actor.tenantId);
}

const key = (v: Violation) => `${v.code}\u0000${v.message}`;

/**
 * The organisation after the change, checked: problems it introduces refuse it (every one listed);
 * what it leaves incomplete on the effective day comes back as warnings.
 */
function checkChange(before: Org, after: Org, on: IsoDate, fallback: string): Violation[] {
  const had = new Set(validateOrg(before).map(key));
  const blocks = validateOrg(after).filter((v) => !had.has(key(v)));
  if (blocks.length) throw refusal(blocks.length === 1 ? blocks[0].code : fallback, blocks);
  const hadOn = new Set(validateOrgOn(before, on).map(key));
  return validateOrgOn(after, on).filter((v) => !hadOn.has(key(v)));
}

function requireNewId(org: Org, id: string | undefined, prefix: string): string {
  if (id == null) return newId(prefix);
  if (!ID.test(id)) throw new AppError('REQUEST.VALIDATION', { message: `编号只能用小写字母、数字和连字符：${id}` });
  const all = [org.units, org.people, org.positions, org.assignments, org.portfolios, org.assistance, org.backupPairs, org.absences, org.entrustments];
  if (all.some((rows) => rows.some((r: { id: string }) => r.id === id))) throw new AppError('ORG.DUPLICATE_ID', { message: `编号已被使用：${id}` });
  return id;
}

function requireUnit(org: Org, id: string): Unit {
  const u = unitById(org, id);
  if (!u) throw new AppError('ORG.UNKNOWN_UNIT', { message: `未知的单位：${id}`, details: { unitId: id } });
  return u;
}
function requirePosition(org: Org, id: string): Position {
  const p = positionById(org, id);
  if (!p) throw new AppError('ORG.UNKNOWN_POSITION', { message: `未知的职务：${id}`, details: { positionId: id } });
  return p;
}
function requirePerson(org: Org, id: string): Person {
  const p = personById(org, id);
  if (!p) throw new AppError('ORG.UNKNOWN_PERSON', { message: `未知的人员：${id}`, details: { personId: id } });
  return p;
}

const unitActiveOn = (u: Unit, date: IsoDate) => u.period == null || inPeriod(u.period, date);

/** Records of one kind in force from `from` on; refused when one starts on or after `from` (it cannot be
 *  ended before it begins; a later change is chosen instead). */
function currentFrom<T extends { id: string; period: { from: IsoDate; to?: IsoDate } }>(rows: T[], from: IsoDate, what: (r: T) => string): T[] {
  const live = rows.filter((r) => r.period.to == null || r.period.to >= from);
  const later = live.filter((r) => r.period.from >= from);
  if (later.length) {
    throw refusal('ORG.CHANGE_PRECEDES_RECORD', later.map((r) => ({
      code: 'ORG.CHANGE_PRECEDES_RECORD',
      message: `${what(r)}自${r.period.from}起生效，生效日期应晚于该日`,
      details: { id: r.id, from: r.period.from },
    })));
  }
  return live;
}

/** Ends a dated record of an organisation table on `lastDay` (an update the revision trigger sees). */
async function endRow(tx: Queryable, table: 'org_assignments' | 'org_portfolios' | 'org_assistance' | 'org_backup_pairs', tenantId: string, id: string, lastDay: IsoDate) {
  await tx.query(`UPDATE ${table} SET valid_to = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, lastDay]);
}
const ended = <T extends { period: { from: IsoDate; to?: IsoDate } }>(r: T, lastDay: IsoDate): T => ({ ...r, period: { ...r.period, to: lastDay } });

// ---- units ----

export interface CreateUnitInput {
  id?: string;
  kind: Exclude<UnitKind, 'municipal_government'>;
  name: string;
  shortName: string;
  parentId?: string;
  affiliation?: 'directly_affiliated' | 'department_managed';
  order?: number;
  /** the first day the unit exists */
  from: string;
  /** creates the post of its principal head (局长、主任, 第十四条) with this title */
  principalHeadTitle?: string;
}

export async function createUnit(deps: AppDeps, actor: Actor, input: CreateUnitInput): Promise<AdminOutcome<{ unit: Unit; principalHead: Position | null }>> {
  const from = requireDate(input.from);
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const id = requireNewId(org, input.id, 'unit');
    const gov = org.units.find((u) => u.kind === 'municipal_government');
    const parentId = input.parentId ?? (['government_office', 'constituent_department', 'affiliated_institution'].includes(input.kind) ? gov?.id : undefined);
    if (parentId) {
      const parent = requireUnit(org, parentId);
      if (!unitActiveOn(parent, from)) throw new AppError('ORG.UNIT_INACTIVE', { message: `上级单位${parent.name}在${from}已撤销或尚未设立` });
    }
    if (org.units.some((u) => u.name === input.name && unitActiveOn(u, from))) {
      throw new AppError('ORG.DUPLICATE_ID', { message: `已有同名单位：${input.name}` });
    }
    const unit: Unit = {
      id,
      kind: input.kind,
      name: input.name,
      shortName: input.shortName,
      ...(parentId ? { parentId } : {}),
      ...(input.affiliation ? { affiliation: input.affiliation } : {}),
      order: input.order ?? Math.max(0, ...org.units.filter((u) => u.parentId === parentId).map((u) => u.order ?? 0)) + 1,
      period: { from },
    };
    const head: Position | null = input.principalHeadTitle
      ? { id: requireNewId(org, `pos-${id.replace(/^unit-/, '')}-head`, 'pos'), kind: input.kind === 'county_government' ? 'county_head' : 'department_principal_head', unitId: id, title: input.principalHeadTitle, order: 1 }
      : null;
    const after: Org = { ...org, units: [...org.units, unit], positions: head ? [...org.positions, head] : org.positions };
    const warnings = checkChange(org, after, from, 'ORG.DANGLING_REFERENCE');
    await ctx.tx.query(
      `INSERT INTO org_units (tenant_id, id, kind, name, short_name, parent_id, affiliation, sort_order, valid_from) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, id, unit.kind, unit.name, unit.shortName, unit.parentId ?? null, unit.affiliation ?? null, unit.order, from],
    );
    if (head) {
      await ctx.tx.query('INSERT INTO org_positions (tenant_id, id, kind, unit_id, title, sort_order) VALUES ($1,$2,$3,$4,$5,$6)',
        [actor.tenantId, head.id, head.kind, id, head.title, head.order]);
    }
    const art = unit.kind === 'affiliated_institution' ? undefined : unit.kind === 'constituent_department' || unit.kind === 'government_office' ? orgRulesOn(from).government.article : undefined;
    await ctx.audit({
      action: 'org.unit_created', objectType: 'unit', objectId: id, ...(art ? { article: art } : {}),
      payload: { kind: unit.kind, name: unit.name, shortName: unit.shortName, parentId: unit.parentId ?? null, from, principalHead: head?.id ?? null, warnings: warnings.map((w) => w.code) },
    });
    return { result: { unit, principalHead: head }, warnings };
  });
}

export async function renameUnit(deps: AppDeps, actor: Actor, input: { unitId: string; name: string; shortName: string }): Promise<AdminOutcome<{ unit: Unit }>> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const unit = requireUnit(org, input.unitId);
    if (org.units.some((u) => u.id !== unit.id && u.name === input.name && u.period?.to == null)) {
      throw new AppError('ORG.DUPLICATE_ID', { message: `已有同名单位：${input.name}` });
    }
    await ctx.tx.query('UPDATE org_units SET name = $3, short_name = $4 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, unit.id, input.name, input.shortName]);
    await ctx.audit({
      action: 'org.unit_renamed', objectType: 'unit', objectId: unit.id,
      payload: { before: { name: unit.name, shortName: unit.shortName }, after: { name: input.name, shortName: input.shortName } },
    });
    return { result: { unit: { ...unit, name: input.name, shortName: input.shortName } }, warnings: [] };
  });
}

/** 撤销: from `from` on the unit no longer exists (its last day is the day before). */
export async function deactivateUnit(deps: AppDeps, actor: Actor, input: { unitId: string; from: string; reason?: string }): Promise<AdminOutcome<{ unit: Unit }>> {
  const from = requireDate(input.from);
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const unit = requireUnit(org, input.unitId);
    if (unit.kind === 'municipal_government') throw new AppError('ORG.UNIT_NOT_DEACTIVATABLE');
    if (unit.period?.to != null && unit.period.to < from) throw new AppError('ORG.UNIT_ALREADY_INACTIVE', { message: `${unit.name}已于${unit.period.to}后撤销` });
    const lastDay = dayBefore(from);
    // a unit without a recorded start existed at least since the organisation's earliest record
    const start = unit.period?.from ?? [lastDay, ...org.assignments.map((a) => a.period.from), ...org.portfolios.map((p) => p.period.from)].sort()[0];
    if (lastDay < start) throw new AppError('ORG.INVALID_PERIOD', { message: `${unit.name}自${start}起设立，撤销日期应晚于该日` });
    const after: Org = { ...org, units: org.units.map((u) => (u.id === unit.id ? { ...u, period: { from: start, to: lastDay } } : u)) };
    const warnings = checkChange(org, after, from, 'ORG.DANGLING_REFERENCE').map((v) =>
      v.code === 'ORG.DANGLING_REFERENCE'
        ? { ...v, code: 'ORG.UNIT_STILL_IN_CHARGE', article: 11, message: `${basedOn(11)}，${unit.name}撤销后仍列在${nameOfPost(org, org.portfolios.find((p) => p.id === v.details?.portfolioId)?.positionId ?? '', from)}的分管中，请调整分管` }
        : v);
    for (const child of org.units.filter((u) => u.parentId === unit.id && unitActiveOn(u, from))) {
      warnings.push({ code: 'ORG.DANGLING_REFERENCE', message: `下属单位${child.name}仍然存续，请一并调整`, details: { unitId: child.id } });
    }
    for (const p of org.positions.filter((x) => x.unitId === unit.id)) {
      const holder = holderOf(org, p.id, from);
      if (holder) warnings.push({ code: 'ORG.POSITION_VACANT', message: `${p.title}（${personById(org, holder)?.name ?? holder}）的任职尚未结束，请办理免职`, details: { positionId: p.id } });
    }
    await ctx.tx.query('UPDATE org_units SET valid_from = $3, valid_to = $4 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, unit.id, start, lastDay]);
    await ctx.audit({
      action: 'org.unit_deactivated', objectType: 'unit', objectId: unit.id,
      payload: { name: unit.name, from, lastDay, reason: input.reason ?? null, warnings: warnings.map((w) => w.code) },
    });
    return { result: { unit: after.units.find((u) => u.id === unit.id)! }, warnings };
  });
}

// ---- people and posts ----

export async function createPerson(deps: AppDeps, actor: Actor, input: { id?: string; name: string; gender?: 'male' | 'female' }): Promise<AdminOutcome<{ person: Person }>> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const person: Person = { id: requireNewId(org, input.id, 'person'), name: input.name, ...(input.gender ? { gender: input.gender } : {}) };
    await ctx.tx.query('INSERT INTO org_people (tenant_id, id, name, gender) VALUES ($1,$2,$3,$4)', [actor.tenantId, person.id, person.name, person.gender ?? null]);
    await ctx.audit({ action: 'org.person_created', objectType: 'person', objectId: person.id, payload: { name: person.name } });
    return { result: { person }, warnings: [] };
  });
}

export async function createPosition(
  deps: AppDeps, actor: Actor, input: { id?: string; kind: PositionKind; unitId: string; title: string; order?: number },
): Promise<AdminOutcome<{ position: Position }>> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const unit = requireUnit(org, input.unitId);
    const position: Position = {
      id: requireNewId(org, input.id, 'pos'),
      kind: input.kind,
      unitId: unit.id,
      title: input.title,
      order: input.order ?? Math.max(0, ...org.positions.filter((p) => p.unitId === unit.id).map((p) => p.order ?? 0)) + 1,
    };
    // the government has one mayor (第九条), one executive vice mayor (第十三条) and one secretary-general post
    if (unit.kind === 'municipal_government' && ['mayor', 'executive_vice_mayor', 'secretary_general'].includes(input.kind) && governmentPost(org, input.kind)) {
      const code = input.kind === 'mayor' ? 'ORG.MAYOR_NOT_UNIQUE' : input.kind === 'executive_vice_mayor' ? 'ORG.EXECUTIVE_VICE_MAYOR_NOT_UNIQUE' : 'ORG.DUPLICATE_ID';
      throw new AppError(code, { message: `市政府已设${governmentPost(org, input.kind)!.title}职务，不能再设一个；换人请办理任免` });
    }
    await ctx.tx.query('INSERT INTO org_positions (tenant_id, id, kind, unit_id, title, sort_order) VALUES ($1,$2,$3,$4,$5,$6)',
      [actor.tenantId, position.id, position.kind, position.unitId, position.title, position.order]);
    await ctx.audit({ action: 'org.position_created', objectType: 'position', objectId: position.id, payload: { kind: position.kind, unitId: unit.id, title: position.title } });
    return { result: { position }, warnings: [] };
  });
}

// ---- appointments (任免) ----

/** The article an appointment to a post rests on: the government's members (第八条), a department's
 *  principal head (第十四条); none for other posts. */
function appointmentArticle(org: Org, post: Position, on: IsoDate): number | undefined {
  const unit = unitById(org, post.unitId);
  if (unit?.kind === 'municipal_government') return orgRulesOn(on).government.article;
  if (post.kind === 'department_principal_head') return article('org.department.headResponsibility', on);
  return undefined;
}

export interface OpenStep {
  documentId: string;
  title: string;
  step: 'signing' | 'leader_step';
  state: string;
  article: number | null;
}

/** Outgoing documents waiting for the post's 签发 and leader steps (批办) not yet done by the person. */
export async function openStepsOf(tx: Queryable, tenantId: string, positionId: string, personId: string): Promise<OpenStep[]> {
  const signing = await tx.query<{ id: string; title: string; state: string; article: number | null }>(
    `SELECT id, title, state, (signing->>'article')::int AS article FROM documents
      WHERE tenant_id = $1 AND flow = 'outgoing' AND state IN ('countersigning', 'reviewing', 'signing') AND signing->>'signerPositionId' = $2
      ORDER BY updated_at`,
    [tenantId, positionId],
  );
  const steps = await tx.query<{ id: string; title: string; state: string; article: number }>(
    `SELECT d.id, d.title, d.state, s.article FROM document_leader_steps s JOIN documents d ON d.id = s.document_id
      WHERE d.tenant_id = $1 AND s.done_at IS NULL AND d.closed_at IS NULL AND (s.position_id = $2 OR s.person_id = $3)
      ORDER BY d.updated_at, s.ord`,
    [tenantId, positionId, personId],
  );
  return [
    ...signing.rows.map((r) => ({ documentId: r.id, title: r.title, step: 'signing' as const, state: r.state, article: r.article })),
    ...steps.rows.map((r) => ({ documentId: r.id, title: r.title, step: 'leader_step' as const, state: r.state, article: r.article })),
  ];
}

/** Warnings for ending `a` on lastDay: the person's open steps through that post, the post left vacant. */
async function leavingWarnings(ctx: UseCaseContext, after: Org, a: Assignment, lastDay: IsoDate): Promise<Violation[]> {
  const out: Violation[] = [];
  const post = positionById(after, a.positionId)!;
  const person = personById(after, a.personId);
  const open = await openStepsOf(ctx.tx, ctx.actor.tenantId, a.positionId, a.personId);
  if (open.length) {
    out.push({
      code: 'ORG.OPEN_STEPS_ON_LEAVE',
      message: `${person?.name ?? a.personId}（${post.title}）仍有${open.length}项未办结：${open.slice(0, 10).map((s) => `《${s.title}》${s.step === 'signing' ? '待签发' : '待批办'}`).join('、')}${open.length > 10 ? '等' : ''}；请由继任者或AB岗搭档接办`,
      details: { steps: open },
    });
  }
  const next = addDays(lastDay, 1);
  const unit = unitById(after, post.unitId);
  const watched = unit?.kind === 'municipal_government' || post.kind === 'department_principal_head' || post.kind === 'county_head';
  if (watched && holderOf(after, post.id, next) == null) {
    const art = appointmentArticle(after, post, next);
    out.push({ code: 'ORG.POST_VACANT_AFTER', message: `${art ? `${basedOn(art)}，` : ''}${post.title}职务自${next}起空缺，请及时任命`, ...(art ? { article: art } : {}), details: { positionId: post.id, from: next } });
  }
  return out;
}

export interface AppointInput {
  personId: string;
  positionId: string;
  /** first day in the post */
  from: string;
  concurrent?: boolean;
  /** end the current holder's appointment on the day before (免去原职务) in the same change */
  replaceCurrent?: boolean;
  /** the appointment document (任免文件), e.g. 武政任〔2026〕3号 */
  basis?: string;
}

export async function appoint(deps: AppDeps, actor: Actor, input: AppointInput): Promise<AdminOutcome<{ assignment: Assignment; ended: Assignment[] }>> {
  const from = requireDate(input.from);
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const post = requirePosition(org, input.positionId);
    const person = requirePerson(org, input.personId);
    const unit = unitById(org, post.unitId);
    if (unit && !unitActiveOn(unit, from)) throw new AppError('ORG.UNIT_INACTIVE', { message: `${unit.name}在${from}已撤销或尚未设立，不能任职` });
    const overlapping = org.assignments.filter((a) => a.positionId === post.id && (a.period.to == null || a.period.to >= from));
    const toEnd: Assignment[] = [];
    for (const a of overlapping) {
      const who = personById(org, a.personId)?.name ?? a.personId;
      if (!input.replaceCurrent || a.period.from >= from) {
        throw new AppError('ORG.POSITION_DOUBLY_HELD', {
          message: `${post.title}同一时间只能由一人担任：${who}自${a.period.from}起任职${a.period.to ? `至${a.period.to}` : ''}${a.period.from >= from ? '' : '；如需免去原任职，请选择“同时免去原任职”或先登记其任职截止日'}`,
          article: appointmentArticle(org, post, from),
          details: { positionId: post.id, holderPersonId: a.personId, assignmentId: a.id },
        });
      }
      toEnd.push(a);
    }
    const assignment: Assignment = { id: newId('asg'), positionId: post.id, personId: person.id, period: { from }, ...(input.concurrent ? { concurrent: true } : {}) };
    const lastDay = dayBefore(from);
    const after: Org = {
      ...org,
      assignments: [...org.assignments.map((a) => (toEnd.includes(a) ? ended(a, lastDay) : a)), assignment],
    };
    const warnings = checkChange(org, after, from, 'ORG.POSITION_DOUBLY_HELD');
    for (const a of toEnd) warnings.push(...(await leavingWarnings(ctx, after, a, lastDay)).filter((w) => w.code !== 'ORG.POST_VACANT_AFTER'));
    for (const a of toEnd) await endRow(ctx.tx, 'org_assignments', actor.tenantId, a.id, lastDay);
    await ctx.tx.query(
      'INSERT INTO org_assignments (tenant_id, id, position_id, person_id, valid_from, valid_to, concurrent) VALUES ($1,$2,$3,$4,$5,NULL,$6)',
      [actor.tenantId, assignment.id, post.id, person.id, from, input.concurrent ?? false],
    );
    const art = appointmentArticle(org, post, from);
    for (const a of toEnd) {
      await ctx.audit({
        action: 'org.appointment_ended', objectType: 'assignment', objectId: a.id, ...(art ? { article: art } : {}),
        payload: { positionId: post.id, personId: a.personId, lastDay, basis: input.basis ?? null, successor: person.id },
      });
    }
    await ctx.audit({
      action: 'org.appointed', objectType: 'assignment', objectId: assignment.id, ...(art ? { article: art } : {}),
      payload: { positionId: post.id, title: post.title, personId: person.id, name: person.name, from, concurrent: input.concurrent ?? false, basis: input.basis ?? null,
        replaced: toEnd.map((a) => a.personId), warnings: warnings.map((w) => w.code) },
    });
    return { result: { assignment, ended: toEnd.map((a) => ended(a, lastDay)) }, warnings };
  });
}

/** 免职: the appointment ends on `lastDay` (its last day in the post). */
export async function endAppointment(
  deps: AppDeps, actor: Actor, input: { assignmentId: string; lastDay: string; basis?: string },
): Promise<AdminOutcome<{ assignment: Assignment }>> {
  const lastDay = requireDate(input.lastDay);
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const a = org.assignments.find((x) => x.id === input.assignmentId);
    if (!a) throw new AppError('ORG.ASSIGNMENT_NOT_FOUND', { details: { assignmentId: input.assignmentId } });
    if (a.period.to != null && a.period.to <= lastDay) {
      throw new AppError('ORG.ASSIGNMENT_ALREADY_ENDED', { message: `该任职已于${a.period.to}结束` });
    }
    if (lastDay < a.period.from) throw new AppError('ORG.INVALID_PERIOD', { message: `该任职自${a.period.from}起，截止日期不得早于该日` });
    const post = requirePosition(org, a.positionId);
    const after: Org = { ...org, assignments: org.assignments.map((x) => (x.id === a.id ? ended(x, lastDay) : x)) };
    const warnings = [...checkChange(org, after, addDays(lastDay, 1), 'ORG.INVALID_PERIOD').filter((w) => w.code !== 'ORG.POSITION_VACANT' && w.code !== 'ORG.NO_PRINCIPAL_HEAD'), ...(await leavingWarnings(ctx, after, a, lastDay))];
    await endRow(ctx.tx, 'org_assignments', actor.tenantId, a.id, lastDay);
    const art = appointmentArticle(org, post, lastDay);
    await ctx.audit({
      action: 'org.appointment_ended', objectType: 'assignment', objectId: a.id, ...(art ? { article: art } : {}),
      payload: { positionId: post.id, title: post.title, personId: a.personId, lastDay, basis: input.basis ?? null, warnings: warnings.map((w) => w.code),
        openSteps: warnings.find((w) => w.code === 'ORG.OPEN_STEPS_ON_LEAVE')?.details?.steps ?? [] },
    });
    return { result: { assignment: ended(a, lastDay) }, warnings };
  });
}

// ---- 分管 (第十一条) and 协助 (第十二条) ----

export interface PortfolioInput {
  positionId: string;
  unitIds: string[];
  areas: string[];
  /** the first day of the new 分工 */
  from: string;
}

export interface Transfer {
  unitId: string;
  fromPositionId: string;
}

/** Replaces a leader's 分管 from `from` on. A unit another leader was in charge of moves over: that
 *  leader's 分工 is renewed without it on the same day, and the move is reported. */
export async function setPortfolio(deps: AppDeps, actor: Actor, input: PortfolioInput): Promise<AdminOutcome<{ portfolio: Portfolio | null; transfers: Transfer[] }>> {
  const from = requireDate(input.from);
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const post = requirePosition(org, input.positionId);
    const art = article('org.viceMayor.portfolio', from);
    if (post.kind !== 'mayor' && !isViceMayorKind(post.kind)) {
      throw new AppError('ORG.PORTFOLIO_NOT_LEADER', { message: `${basedOn(art)}，分管只能由市长、副市长承担：${post.title}不是市领导职务`, article: art });
    }
    const unitIds = [...new Set(input.unitIds)];
    const areas = [...new Set(input.areas.map((a) => a.trim()).filter(Boolean))];
    const bad: Violation[] = [];
    for (const id of unitIds) {
      const u = unitById(org, id);
      if (!u) bad.push({ code: 'ORG.UNKNOWN_UNIT', message: `未知的单位：${id}`, details: { unitId: id } });
      else if (!unitActiveOn(u, from)) bad.push({ code: 'ORG.UNIT_INACTIVE', article: art, message: `${basedOn(art)}，${u.name}在${from}已撤销或尚未设立，不能列入分管`, details: { unitId: id } });
      else if (u.kind === 'municipal_government' || u.kind === 'external') bad.push({ code: 'ORG.UNIT_INACTIVE', article: art, message: `${u.name}不是市政府工作部门或所属单位，不能列入分管`, details: { unitId: id } });
    }
    if (bad.length) throw refusal(bad.length === 1 ? bad[0].code : 'ORG.UNIT_INACTIVE', bad);

    const title = (p: Portfolio) => `${nameOfPost(org, p.positionId, from)}的分工`;
    const own = currentFrom(org.portfolios.filter((p) => p.positionId === post.id), from, title);
    const others = currentFrom(org.portfolios.filter((p) => p.positionId !== post.id && p.unitIds.some((u) => unitIds.includes(u))), from, title);
    const lastDay = dayBefore(from);
    const ends: Portfolio[] = [];
    const starts: Portfolio[] = [];
    const transfers: Transfer[] = [];
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
    let portfolio: Portfolio | null = null;
    const unchanged = own.length === 1 && same(own[0].unitIds, unitIds) && same(own[0].areas, areas);
    if (unchanged) portfolio = own[0];
    else {
      ends.push(...own);
      if (unitIds.length || areas.length) {
        portfolio = { id: newId('pf'), positionId: post.id, unitIds, areas, period: { from } };
        starts.push(portfolio);
      }
    }
    for (const p of others) {
      const moved = p.unitIds.filter((u) => unitIds.includes(u));
      transfers.push(...moved.map((u) => ({ unitId: u, fromPositionId: p.positionId })));
      ends.push(p);
      const rest = p.unitIds.filter((u) => !unitIds.includes(u));
      if (rest.length || p.areas.length) starts.push({ id: newId('pf'), positionId: p.positionId, unitIds: rest, areas: p.areas, period: { from } });
    }
    const endIds = new Set(ends.map((p) => p.id));
    const after: Org = { ...org, portfolios: [...org.portfolios.map((p) => (endIds.has(p.id) ? ended(p, lastDay) : p)), ...starts] };
    const warnings = checkChange(org, after, from, 'ORG.PORTFOLIO_OVERLAP');
    for (const t of transfers) {
      const u = unitById(org, t.unitId)!;
      warnings.unshift({
        code: 'ORG.PORTFOLIO_TRANSFERRED', article: art,
        message: `${basedOn(art)}，${u.name}自${from}起由${nameOfPost(org, t.fromPositionId, from)}改为${nameOfPost(org, post.id, from)}分管`,
        details: t as unknown as Record<string, unknown>,
      });
    }
    for (const p of ends) await endRow(ctx.tx, 'org_portfolios', actor.tenantId, p.id, lastDay);
    for (const p of starts) {
      await ctx.tx.query(
        'INSERT INTO org_portfolios (tenant_id, id, position_id, unit_ids, areas, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6,NULL)',
        [actor.tenantId, p.id, p.positionId, p.unitIds, p.areas, from],
      );
    }
    await ctx.audit({
      action: 'org.portfolio_set', objectType: 'position', objectId: post.id, article: art,
      payload: { from, unitIds, areas, ended: [...endIds], started: starts.map((p) => p.id), transfers, warnings: warnings.map((w) => w.code) },
    });
    return { result: { portfolio, transfers }, warnings };
  });
}

/** Replaces the 副秘书长 assisting a leader (第十二条) from `from` on. */
export async function setAssistants(
  deps: AppDeps, actor: Actor, input: { positionId: string; assistantPositionIds: string[]; from: string },
): Promise<AdminOutcome<{ assistance: Assistance[] }>> {
  const from = requireDate(input.from);
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const post = requirePosition(org, input.positionId);
    const art = article('org.deputySecretaryGeneral.assists', from);
    const wanted = [...new Set(input.assistantPositionIds)];
    const bad: Violation[] = [];
    if (post.kind !== 'mayor' && !isViceMayorKind(post.kind)) bad.push({ code: 'ORG.ASSISTANCE_INVALID', article: art, message: `${basedOn(art)}，副秘书长协助的是副市长：${post.title}不是市领导职务` });
    for (const id of wanted) {
      const p = requirePosition(org, id);
      if (p.kind !== 'deputy_secretary_general') bad.push({ code: 'ORG.ASSISTANCE_INVALID', article: art, message: `${basedOn(art)}，协助副市长的应是副秘书长：${p.title}不是`, details: { positionId: id } });
    }
    if (bad.length) throw refusal('ORG.ASSISTANCE_INVALID', bad);
    const live = org.assistance.filter((a) => a.assistedPositionId === post.id && (a.period.to == null || a.period.to >= from));
    const leaving = live.filter((a) => !wanted.includes(a.assistantPositionId));
    currentFrom(leaving, from, (a) => `${nameOfPost(org, a.assistantPositionId, from)}协助${post.title}的记录`);
    const starts: Assistance[] = wanted
      .filter((id) => !live.some((a) => a.assistantPositionId === id))
      .map((id) => ({ id: newId('as'), assistantPositionId: id, assistedPositionId: post.id, period: { from } }));
    const lastDay = dayBefore(from);
    const endIds = new Set(leaving.map((a) => a.id));
    const after: Org = { ...org, assistance: [...org.assistance.map((a) => (endIds.has(a.id) ? ended(a, lastDay) : a)), ...starts] };
    const warnings = checkChange(org, after, from, 'ORG.ASSISTANCE_INVALID');
    for (const a of leaving) await endRow(ctx.tx, 'org_assistance', actor.tenantId, a.id, lastDay);
    for (const a of starts) {
      await ctx.tx.query('INSERT INTO org_assistance (tenant_id, id, assistant_position_id, assisted_position_id, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,NULL)',
        [actor.tenantId, a.id, a.assistantPositionId, a.assistedPositionId, from]);
    }
    await ctx.audit({
      action: 'org.assistance_set', objectType: 'position', objectId: post.id, article: art,
      payload: { from, assistants: wanted, ended: [...endIds], started: starts.map((a) => a.id), warnings: warnings.map((w) => w.code) },
    });
    const current = after.assistance.filter((a) => a.assistedPositionId === post.id && inPeriod(a.period, from));
    return { result: { assistance: current }, warnings };
  });
}

// ---- AB岗 (第十一条) ----

/** Replaces the whole set of AB岗 pairs from `from` on: pairs already in force stay, the others end the
 *  day before and the new ones start. Both partners must be vice mayors who are members of the
 *  government (第八条) on that day. */
export async function setBackupPairs(
  deps: AppDeps, actor: Actor, input: { pairs: [string, string][]; from: string },
): Promise<AdminOutcome<{ pairs: BackupPair[] }>> {
  const from = requireDate(input.from);
  return runUseCase(deps, actor, async (ctx) => {
    const org = await lockOrg(ctx);
    const rules = orgRulesOn(from);
    const art = rules.delegation.backupArticle;
    const members = new Set(membersOf(org, rules.government, from).map((m) => m.positionId));
    const bad: Violation[] = [];
    const seen = new Set<string>();
    for (const pair of input.pairs) {
      for (const id of pair) {
        const p = requirePosition(org, id);
        if (seen.has(id)) bad.push({ code: 'ORG.BACKUP_PAIR_DUPLICATE_POST', article: art, message: `${basedOn(art)}，${nameOfPost(org, id, from)}在AB岗设置中出现了两次`, details: { positionId: id } });
        seen.add(id);
        if (!isViceMayorKind(p.kind)) {
          bad.push({ code: 'ORG.BACKUP_PAIR_INVALID', article: art, message: `${basedOn(art)}，副市长之间实行AB岗：${p.title}不是副市长`, details: { positionId: id } });
        } else if (!members.has(id)) {
          bad.push({ code: 'ORG.BACKUP_PARTNER_NOT_MEMBER', article: rules.government.article,
            message: `${basedOn(rules.government.article)}，AB岗搭档应为市政府组成人员：${p.title}在${from}没有在任的副市长`, details: { positionId: id } });
        }
      }
      if (pair[0] === pair[1]) bad.push({ code: 'ORG.BACKUP_PAIR_INVALID', article: art, message: `${basedOn(art)}，AB岗应在两位不同的副市长之间建立` });
    }
    if (bad.length) throw refusal(bad.length === 1 ? bad[0].code : 'ORG.BACKUP_PAIR_INVALID', bad);
    const samePair = (b: BackupPair, pair: [string, string]) => b.positionIds.includes(pair[0]) && b.positionIds.includes(pair[1]);
    const live = org.backupPairs.filter((b) => b.period.to == null || b.period.to >= from);
    const leaving = live.filter((b) => !input.pairs.some((pair) => samePair(b, pair)));
    currentFrom(leaving, from, (b) => `AB岗${b.positionIds.map((id) => nameOfPost(org, id, from)).join('⇄')}`);
    const starts: BackupPair[] = input.pairs
      .filter((pair) => !live.some((b) => samePair(b, pair)))
      .map((pair) => ({ id: newId('ab'), positionIds: [pair[0], pair[1]], period: { from } }));
    const lastDay = dayBefore(from);
    const endIds = new Set(leaving.map((b) => b.id));
    const after: Org = { ...org, backupPairs: [...org.backupPairs.map((b) => (endIds.has(b.id) ? ended(b, lastDay) : b)), ...starts] };
    const warnings = checkChange(org, after, from, 'ORG.BACKUP_PAIR_OVERLAP');
    for (const b of leaving) await endRow(ctx.tx, 'org_backup_pairs', actor.tenantId, b.id, lastDay);
    for (const b of starts) {
      await ctx.tx.query('INSERT INTO org_backup_pairs (tenant_id, id, position_a, position_b, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,NULL)',
        [actor.tenantId, b.id, b.positionIds[0], b.positionIds[1], from]);
    }
    await ctx.audit({
      action: 'org.backup_pairs_set', objectType: 'org', objectId: actor.tenantId, article: art,
      payload: { from, pairs: input.pairs, ended: [...endIds], started: starts.map((b) => b.id), warnings: warnings.map((w) => w.code) },
    });
    return { result: { pairs: after.backupPairs.filter((b) => inPeriod(b.period, from)) }, warnings };
  });
}
