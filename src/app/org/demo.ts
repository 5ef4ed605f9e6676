// The Wuwei demo organisation (demo/wuwei/org.yaml) and its logins (demo/wuwei/logins.yaml): parsed,
// turned into the domain model, and validated — every problem listed with the file named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../errors/index.ts';
import { validateOrg, validateOrgOn } from '../../domain/org/validate.ts';
import { isIsoDate, personById } from '../../domain/org/queries.ts';
import { addDays as addCalendarDays, isoDate } from '../../domain/calendar/date.ts';
import {
  ABSENCE_KINDS,
  POSITION_KINDS,
  UNIT_KINDS,
  type IsoDate,
  type Org,
  type Period,
} from '../../domain/org/types.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { ROLES } from '../auth/roles.ts';

export const DEMO_ORG_DIR = join(import.meta.dirname, '..', '..', '..', 'demo', 'wuwei');

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '编号只能用小写字母、数字和连字符');
const date = z.string().refine(isIsoDate, '应为 YYYY-MM-DD 格式的真实日期');
const name = z.string().min(1);
const dated = { since: date.optional(), until: date.optional() };

const fileSchema = z.strictObject({
  tenant: z.strictObject({ id, name, shortName: name }),
  effectiveFrom: date,
  units: z.array(
    z.strictObject({
      id,
      kind: z.enum(UNIT_KINDS),
      name,
      shortName: name,
      parent: id.optional(),
      affiliation: z.enum(['directly_affiliated', 'department_managed']).optional(),
      tier: z.enum(['central', 'provincial', 'municipal']).optional(),
      body: z.enum(['party', 'government', 'congress', 'cppcc']).optional(),
      issuerCodes: z.array(z.strictObject({ code: name, label: name.optional() })).optional(),
      order: z.number().int().optional(),
      ...dated,
    }),
  ),
  people: z.array(z.strictObject({ id, name, gender: z.enum(['male', 'female']).optional() })),
  positions: z.array(
    z.strictObject({
      id,
      kind: z.enum(POSITION_KINDS),
      unit: id,
      title: name,
      order: z.number().int().optional(),
      holder: id.optional(),
      concurrent: z.boolean().optional(),
      ...dated,
    }),
  ),
  portfolios: z.array(z.strictObject({ id, position: id, areas: z.array(name), units: z.array(id), ...dated })),
  assistance: z.array(z.strictObject({ id, assistant: id, assisted: id, ...dated })),
  backupPairs: z.array(z.strictObject({ id, positions: z.tuple([id, id]), ...dated })),
  absences: z
    .array(
      z.strictObject({
        id,
        person: id,
        kind: z.enum(ABSENCE_KINDS),
        fromDay: z.number().int(),
        toDay: z.number().int(),
        destination: name.optional(),
        note: name.optional(),
      }),
    )
    .default([]),
  entrustments: z
    .array(
      z.strictObject({
        id,
        kind: z.enum(['preside', 'task']),
        grantor: id,
        grantee: id,
        fromDay: z.number().int(),
        toDay: z.number().int(),
        task: name.optional(),
      }),
    )
    .default([]),
});

/** today + n days, on calendar dates (no time zone involved). */
export const addDays = (day: IsoDate, n: number): IsoDate => addCalendarDays(isoDate(day), n);

function invalid(file: string, problems: string[], violations: Violation[] = []): AppError {
  return new AppError('ORG.DEMO_DATA_INVALID', {
    message: `${file} 有 ${problems.length} 处问题：${problems.slice(0, 20).join('；')}${problems.length > 20 ? '……' : ''}`,
    violations,
  });
}

/**
 * Reads the demo organisation as the domain model. Absences and entrustments are written relative to
 * the day the demo is loaded (`today`), so a fresh demo always shows them.
 */
export function parseDemoOrg(text: string, today: IsoDate, file = 'demo/wuwei/org.yaml'): Org {
  const r = fileSchema.safeParse(parse(text));
  if (!r.success) throw invalid(file, r.error.issues.map((i) => `${i.path.join('.')}：${i.message}`));
  const f = r.data;
  const period = (x: { since?: string; until?: string }): Period => ({ from: x.since ?? f.effectiveFrom, ...(x.until ? { to: x.until } : {}) });
  const org: Org = {
    tenant: f.tenant,
    units: f.units.map((u) => ({
      id: u.id,
      kind: u.kind,
      name: u.name,
      shortName: u.shortName,
      ...(u.parent ? { parentId: u.parent } : {}),
      ...(u.affiliation ? { affiliation: u.affiliation } : {}),
      ...(u.tier ? { tier: u.tier } : {}),
      ...(u.body ? { body: u.body } : {}),
      ...(u.issuerCodes ? { issuerCodes: u.issuerCodes } : {}),
      ...(u.order != null ? { order: u.order } : {}),
      ...(u.since || u.until ? { period: period(u) } : {}),
    })),
    people: f.people,
    positions: f.positions.map((p) => ({ id: p.id, kind: p.kind, unitId: p.unit, title: p.title, ...(p.order != null ? { order: p.order } : {}) })),
    assignments: f.positions
      .filter((p) => p.holder)
      .map((p) => ({
        id: `asg-${p.id.replace(/^pos-/, '')}`,
        positionId: p.id,
        personId: p.holder as string,
        period: period(p),
        ...(p.concurrent ? { concurrent: true } : {}),
      })),
    portfolios: f.portfolios.map((p) => ({ id: p.id, positionId: p.position, unitIds: p.units, areas: p.areas, period: period(p) })),
    assistance: f.assistance.map((a) => ({ id: a.id, assistantPositionId: a.assistant, assistedPositionId: a.assisted, period: period(a) })),
    backupPairs: f.backupPairs.map((b) => ({ id: b.id, positionIds: b.positions, period: period(b) })),
    absences: f.absences.map((a) => ({
      id: a.id,
      personId: a.person,
      kind: a.kind,
      period: { from: addDays(today, a.fromDay), to: addDays(today, a.toDay) },
      ...(a.destination ? { destination: a.destination } : {}),
      ...(a.note ? { note: a.note } : {}),
    })),
    entrustments: f.entrustments.map((e) => ({
      id: e.id,
      kind: e.kind,
      grantorPositionId: e.grantor,
      granteePositionId: e.grantee,
      period: { from: addDays(today, e.fromDay), to: addDays(today, e.toDay) },
      ...(e.task ? { task: e.task } : {}),
    })),
  };
  const violations = [...validateOrg(org), ...validateOrgOn(org, today)];
  if (violations.length) throw invalid(file, violations.map((v) => v.message), violations);
  return org;
}

export function loadDemoOrg(today: IsoDate, dir = DEMO_ORG_DIR): Org {
  return parseDemoOrg(readFileSync(join(dir, 'org.yaml'), 'utf8'), today, join(dir, 'org.yaml'));
}

const loginsSchema = z.strictObject({
  logins: z.array(
    z.strictObject({
      login: z.string().regex(/^[a-z][a-z0-9-]*$/),
      password: z.string().min(8),
      displayName: name,
      personId: id.nullable(),
      roles: z.array(z.string()).min(1),
      note: name.optional(),
    }),
  ),
});
export type DemoOrgLogin = z.infer<typeof loginsSchema>['logins'][number];

/** The demo logins, checked against the organisation: known roles, people that exist, unique logins. */
export function parseDemoLogins(text: string, org: Org, file = 'demo/wuwei/logins.yaml'): DemoOrgLogin[] {
  const r = loginsSchema.safeParse(parse(text));
  if (!r.success) throw invalid(file, r.error.issues.map((i) => `${i.path.join('.')}：${i.message}`));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const l of r.data.logins) {
    if (seen.has(l.login)) problems.push(`登录名重复：${l.login}`);
    seen.add(l.login);
    for (const role of l.roles) if (!ROLES[role] || role === 'system') problems.push(`${l.login} 的角色未知：${role}`);
    if (l.personId != null && !personById(org, l.personId)) problems.push(`${l.login} 对应的人员不存在：${l.personId}`);
  }
  if (problems.length) throw invalid(file, problems);
  return r.data.logins;
}

export function loadDemoLogins(org: Org, dir = DEMO_ORG_DIR): DemoOrgLogin[] {
  return parseDemoLogins(readFileSync(join(dir, 'logins.yaml'), 'utf8'), org, join(dir, 'logins.yaml'));
}
