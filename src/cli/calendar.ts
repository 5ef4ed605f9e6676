// `zhengtong calendar …`: working days and deadlines from the command line.
//   calendar is-workday YYYY-MM-DD [--json]
//   calendar add YYYY-MM-DD N --unit workday|day [--json]
//   calendar years [--json]
//   calendar import FILE.yaml [--reason 说明]
// With DATABASE_URL set, the years loaded into the database count too; otherwise the shipped files.
import { readFileSync } from 'node:fs';
import { AppError } from '../errors/index.ts';
import { currentCalendar } from '../app/calendar/files.ts';
import type { CalendarIndex } from '../domain/calendar/calendar.ts';
import { packConventions } from '../app/calendar/conventions.ts';
import {
  addQuery,
  parseCountArg,
  parseDateArg,
  parseUnitArg,
  unknownYearsWarning,
  workdayQuery,
} from '../app/calendar/queries.ts';

const USAGE = `用法:
  zhengtong calendar is-workday YYYY-MM-DD [--json]
  zhengtong calendar add YYYY-MM-DD N --unit workday|day [--json]
  zhengtong calendar years [--json]
  zhengtong calendar import 文件.yaml [--reason 说明]   （管理员导入新一年的节假日安排，校验并记入审计）`;

class UsageError extends Error {}

/** The calendar with the database's years when a PostgreSQL server is configured. */
async function calendarForCli(): Promise<CalendarIndex> {
  if (!process.env.DATABASE_URL) return currentCalendar();
  const { openDb } = await import('../store/db.ts');
  const { loadCalendar } = await import('../app/calendar/store.ts');
  const db = await openDb({ url: process.env.DATABASE_URL, poolSize: 1 });
  try {
    return await loadCalendar(db);
  } finally {
    await db.close();
  }
}

async function importFromFile(file: string, reason: string | undefined, out: (s: string) => void): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`无法读取文件：${file}`);
  }
  const { dbConfigFromEnv, openDb } = await import('../store/db.ts');
  const { migrate } = await import('../store/migrate.ts');
  const { systemActor } = await import('../app/context.ts');
  const { loadConfig } = await import('../config.ts');
  const { importYear } = await import('../app/calendar/store.ts');
  const { sealAudit } = await import('../app/audit/chain.ts');
  const db = await openDb(dbConfigFromEnv());
  try {
    await migrate(db);
    const actor = { ...systemActor(loadConfig().tenant, `管理员（命令行，${process.env.USER ?? '未知用户'}）`), roles: ['admin'] };
    const r = await importYear({ db, clock: { now: () => new Date() } }, actor, { yaml: text, reason });
    await sealAudit(db);
    out(`已导入 ${r.year} 年节假日安排（${r.notice}），重算期限 ${r.recomputed} 项`);
  } finally {
    await db.close();
  }
}

function parseArgs(args: string[]): { positional: string[]; json: boolean; unit?: string; reason?: string } {
  const positional: string[] = [];
  let json = false;
  let unit: string | undefined;
  let reason: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--reason') {
      if (i + 1 >= args.length) throw new UsageError('--reason 后应写导入说明');
      reason = args[++i];
    }
    else if (a === '--unit') {
      if (i + 1 >= args.length) throw new UsageError('--unit 后应写 workday 或 day');
      unit = args[++i];
    } else if (a.startsWith('--unit=')) unit = a.slice('--unit='.length);
    else if (a.startsWith('--')) throw new UsageError(`未知选项：${a}`);
    else positional.push(a);
  }
  return { positional, json, unit, reason };
}

/** Runs one calendar command; returns the exit code. Results go to `out`, problems to `err`. */
export async function runCalendarCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
): Promise<number> {
  try {
    const [sub, ...rest] = args;
    const { positional, json, unit, reason } = parseArgs(rest);
    switch (sub) {
      case 'is-workday': {
        if (positional.length !== 1 || unit !== undefined) throw new UsageError('is-workday 需要且只需要一个日期');
        const date = parseDateArg(positional[0]);
        const r = workdayQuery(await calendarForCli(), date);
        if (json) out(JSON.stringify({ workday: r.workday, unknownYears: r.unknownYears }));
        else {
          out(String(r.workday));
          if (r.unknownYears.length) err(unknownYearsWarning(r.unknownYears));
        }
        return 0;
      }
      case 'add': {
        if (positional.length !== 2) throw new UsageError('add 需要日期和天数两个参数');
        if (unit === undefined) throw new UsageError('add 需要 --unit workday（工作日）或 --unit day（自然日）');
        const from = parseDateArg(positional[0]);
        const n = parseCountArg(positional[1]);
        const u = parseUnitArg(unit);
        const r = addQuery(await calendarForCli(), packConventions(), from, n, u);
        if (json) out(JSON.stringify({ date: r.date, unknownYears: r.unknownYears }));
        else {
          out(r.date);
          if (r.unknownYears.length) err(unknownYearsWarning(r.unknownYears));
        }
        return 0;
      }
      case 'years': {
        if (positional.length || unit !== undefined) throw new UsageError('years 不需要参数');
        const cal = await calendarForCli();
        const years = cal.arrangements.map((a) => ({ year: a.year, notice: a.notice.number, date: a.notice.date, title: a.notice.title }));
        if (json) out(JSON.stringify(years));
        else for (const y of years) out(`${y.year}\t${y.notice}\t${y.date}\t${y.title}`);
        return 0;
      }
      case 'import': {
        if (positional.length !== 1 || unit !== undefined || json) throw new UsageError('import 需要且只需要一个文件');
        await importFromFile(positional[0], reason, out);
        return 0;
      }
      default:
        throw new UsageError(sub ? `未知的 calendar 子命令：${sub}` : '缺少 calendar 子命令');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof AppError) {
      err(`${e.code}: ${e.message}`);
      for (const v of e.violations) err(`  - ${v.message}`);
      return 1;
    }
    throw e;
  }
}
