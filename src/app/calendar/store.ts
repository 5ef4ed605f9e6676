// The calendar in the database: the holiday arrangements loaded per year (the shipped ones when absent,
// new years imported by an administrator at runtime), and the calendar every process computes with.
//
// Holiday arrangements are national (the State Council's notices), so a process keeps one calendar
// built from every loaded year; a year loaded by another process is picked up at the next timer poll.
import type { Db, Queryable } from '../../store/db.ts';
import { refusal } from '../../errors/index.ts';
import { validateArrangementSet, type HolidayArrangement } from '../../domain/calendar/arrangement.ts';
import type { CalendarIndex } from '../../domain/calendar/calendar.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { installCalendar, parseArrangement, readArrangementFiles, currentCalendar } from './files.ts';
import { validateArrangement } from '../../domain/calendar/arrangement.ts';
import { recomputeDeadlinesForYear } from './deadlines.ts';

export interface LoadedYear {
  year: number;
  noticeNumber: string;
  noticeTitle: string;
  noticeDate: string;
  source: 'shipped' | 'imported';
  loadedAt: string;
  loadedBy: string | null;
  reason: string | null;
}

const rowToArrangement = (r: any): HolidayArrangement => (typeof r.arrangement === 'string' ? JSON.parse(r.arrangement) : r.arrangement);

/** Every loaded arrangement (all tenants: the notices are national), one per year, oldest load first. */
export async function readLoadedArrangements(q: Queryable): Promise<HolidayArrangement[]> {
  const { rows } = await q.query(`SELECT DISTINCT ON (year) year, arrangement FROM holiday_arrangements ORDER BY year, loaded_at`);
  return rows.map(rowToArrangement);
}

let lastSignature = '';

/** Forgets the calendar this process built from a database: the next refresh reads the loaded years again. */
export function forgetLoadedCalendar(): void {
  lastSignature = '';
  installCalendar(readArrangementFiles());
}

/**
 * Rebuilds this process's calendar from the shipped files and the loaded years when the set of loaded
 * years changed (another process imported one). Cheap when nothing changed: one small query.
 */
export async function refreshCalendar(db: Queryable): Promise<CalendarIndex> {
  const { rows } = await db.query(`SELECT count(*)::int AS n, coalesce(max(loaded_at)::text, '') AS at FROM holiday_arrangements`);
  const signature = `${rows[0].n}|${rows[0].at}`;
  if (signature === lastSignature) return currentCalendar();
  const loaded = await readLoadedArrangements(db);
  const byYear = new Map<number, HolidayArrangement>();
  for (const a of readArrangementFiles()) byYear.set(a.year, a);
  for (const a of loaded) byYear.set(a.year, a);
  installCalendar([...byYear.values()]);
  lastSignature = signature;
  return currentCalendar();
}

async function insertYear(
  ctx: UseCaseContext,
  a: HolidayArrangement,
  source: 'shipped' | 'imported',
  reason: string | null,
): Promise<void> {
  await ctx.tx.query(
    `INSERT INTO holiday_arrangements (tenant_id, year, notice_number, notice_title, notice_date, arrangement, source, loaded_at, loaded_by, reason)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [ctx.actor.tenantId, a.year, a.notice.number, a.notice.title, a.notice.date, JSON.stringify(a), source, ctx.now, ctx.actor.name, reason],
  );
  await ctx.audit({
    action: source === 'shipped' ? 'calendar.year_seeded' : 'calendar.year_imported',
    objectType: 'holiday_arrangement',
    objectId: String(a.year),
    payload: {
      year: a.year,
      notice: a.notice,
      daysOff: a.holidays.reduce((n, h) => n + h.daysOff.length, 0),
      makeupWorkdays: a.holidays.flatMap((h) => h.makeupWorkdays),
      ...(reason ? { reason } : {}),
    },
  });
}

/** Demo seeder / first start: loads each shipped year (calendar/*.yaml) the tenant does not have yet. */
export async function seedShippedYears(ctx: UseCaseContext): Promise<number[]> {
  const { rows } = await ctx.tx.query(`SELECT year FROM holiday_arrangements WHERE tenant_id = $1`, [ctx.actor.tenantId]);
  const have = new Set(rows.map((r: any) => Number(r.year)));
  const added: number[] = [];
  for (const a of readArrangementFiles()) {
    if (have.has(a.year)) continue;
    await insertYear(ctx, a, 'shipped', null);
    added.push(a.year);
  }
  return added;
}

export async function listYears(q: Queryable, tenantId: string): Promise<LoadedYear[]> {
  const { rows } = await q.query(
    `SELECT year, notice_number, notice_title, notice_date, source, loaded_at, loaded_by, reason
       FROM holiday_arrangements WHERE tenant_id = $1 ORDER BY year`,
    [tenantId],
  );
  return rows.map((r: any) => ({
    year: Number(r.year),
    noticeNumber: r.notice_number,
    noticeTitle: r.notice_title,
    noticeDate: typeof r.notice_date === 'string' ? r.notice_date.slice(0, 10) : r.notice_date,
    source: r.source,
    loadedAt: new Date(r.loaded_at).toISOString(),
    loadedBy: r.loaded_by,
    reason: r.reason,
  }));
}

/**
 * An administrator loads a new year's arrangement (YAML text or the parsed object): validated alone and
 * against the years already loaded, stored, audited with its notice, and every open deadline that was
 * computed with that year unknown is recomputed. A year already loaded is refused.
 */
export async function importYear(
  deps: AppDeps,
  actor: Actor,
  input: { yaml?: string; arrangement?: unknown; reason?: string },
): Promise<{ year: number; notice: string; recomputed: number }> {
  let a: HolidayArrangement;
  if (input.yaml !== undefined) a = parseArrangement(input.yaml, '导入的节假日安排');
  else {
    const d = validateArrangement(input.arrangement);
    if (!d.ok) throw refusal('CALENDAR.ARRANGEMENT_INVALID', d.violations);
    a = d.value;
  }
  const result = await runUseCase(deps, actor, async (ctx) => {
    await ctx.tx.query(`SELECT pg_advisory_xact_lock(7310300)`);
    const existing = await readLoadedArrangements(ctx.tx);
    const shipped = readArrangementFiles();
    const { rows } = await ctx.tx.query(`SELECT 1 FROM holiday_arrangements WHERE tenant_id = $1 AND year = $2`, [actor.tenantId, a.year]);
    if (rows.length) {
      throw refusal('CALENDAR.YEAR_DUPLICATE', [
        { code: 'CALENDAR.YEAR_DUPLICATE', message: `${a.year} 年的节假日安排已加载，不能重复导入`, details: { year: a.year } },
      ]);
    }
    const others = new Map<number, HolidayArrangement>();
    for (const x of [...shipped, ...existing]) if (x.year !== a.year) others.set(x.year, x);
    const problems = validateArrangementSet([...others.values(), a]);
    if (problems.length) throw refusal('CALENDAR.ARRANGEMENT_INVALID', problems);
    await insertYear(ctx, a, 'imported', input.reason?.trim() || null);
    // the new calendar for this transaction's recomputation (installed for the process after commit)
    const byYear = new Map(others);
    byYear.set(a.year, a);
    const recomputed = await recomputeDeadlinesForYear(ctx, a.year, [...byYear.values()]);
    return { year: a.year, notice: a.notice.number, recomputed };
  });
  await refreshCalendar(deps.db);
  return result;
}

/** At start: the process calendar from what the database holds. */
export async function loadCalendar(db: Db): Promise<CalendarIndex> {
  lastSignature = '';
  return refreshCalendar(db);
}
