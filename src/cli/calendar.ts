// `zhengtong calendar …`: working days and deadlines from the command line.
//   calendar is-workday YYYY-MM-DD [--json]
//   calendar add YYYY-MM-DD N --unit workday|day [--json]
//   calendar years [--json]
import { AppError } from '../errors/index.ts';
import { shippedCalendar } from '../app/calendar/files.ts';
import { defaultConventions } from '../app/calendar/conventions.ts';
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
  zhengtong calendar years [--json]`;

class UsageError extends Error {}

function parseArgs(args: string[]): { positional: string[]; json: boolean; unit?: string } {
  const positional: string[] = [];
  let json = false;
  let unit: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--unit') {
      if (i + 1 >= args.length) throw new UsageError('--unit 后应写 workday 或 day');
      unit = args[++i];
    } else if (a.startsWith('--unit=')) unit = a.slice('--unit='.length);
    else if (a.startsWith('--')) throw new UsageError(`未知选项：${a}`);
    else positional.push(a);
  }
  return { positional, json, unit };
}

/** Runs one calendar command; returns the exit code. Results go to `out`, problems to `err`. */
export async function runCalendarCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
): Promise<number> {
  try {
    const [sub, ...rest] = args;
    const { positional, json, unit } = parseArgs(rest);
    switch (sub) {
      case 'is-workday': {
        if (positional.length !== 1 || unit !== undefined) throw new UsageError('is-workday 需要且只需要一个日期');
        const r = workdayQuery(shippedCalendar(), parseDateArg(positional[0]));
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
        const r = addQuery(shippedCalendar(), defaultConventions(), from, n, parseUnitArg(unit));
        if (json) out(JSON.stringify({ date: r.date, unknownYears: r.unknownYears }));
        else {
          out(r.date);
          if (r.unknownYears.length) err(unknownYearsWarning(r.unknownYears));
        }
        return 0;
      }
      case 'years': {
        if (positional.length || unit !== undefined) throw new UsageError('years 不需要参数');
        const cal = shippedCalendar();
        const years = cal.arrangements.map((a) => ({ year: a.year, notice: a.notice.number, date: a.notice.date, title: a.notice.title }));
        if (json) out(JSON.stringify(years));
        else for (const y of years) out(`${y.year}\t${y.notice}\t${y.date}\t${y.title}`);
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
