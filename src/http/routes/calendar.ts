import { z } from 'zod';
import type { RouteModule } from '../types.ts';
import { arrangedDaysOfYear, isYearLoaded } from '../../domain/calendar/calendar.ts';
import { currentCalendar } from '../../app/calendar/files.ts';
import { packConventions } from '../../app/calendar/conventions.ts';
import { addQuery, parseCountArg, parseDateArg, parseUnitArg, workdayQuery } from '../../app/calendar/queries.ts';
import { importYear, listYears } from '../../app/calendar/store.ts';
import { runQuery } from '../../app/context.ts';

const TAGS = ['日历'];

// The official working-day calendar: is a day a working day, a deadline N working/natural days after an
// event (under the pack's counting conventions), the loaded years, and an administrator's import of a
// new year's State Council notice.
const routes: RouteModule = (app, ctx) => {
  app.get('/calendar/is-workday', {
    config: { permission: 'calendar.read' },
    schema: { tags: TAGS, summary: '某日是否为工作日（含调休上班日；未加载年份标注 unknownYears）', querystring: z.strictObject({ date: z.string().max(32) }) },
  }, async (req) => workdayQuery(currentCalendar(), parseDateArg(req.query.date)));

  app.get('/calendar/add', {
    config: { permission: 'calendar.read' },
    schema: {
      tags: TAGS,
      summary: '自事件日起算 N 个工作日或 N 日的期限（按规则包的期限计算规则）',
      querystring: z.strictObject({ date: z.string().max(32), n: z.string().max(12), unit: z.string().max(16) }),
    },
  }, async (req) =>
    addQuery(currentCalendar(), packConventions(), parseDateArg(req.query.date), parseCountArg(req.query.n), parseUnitArg(req.query.unit)));

  app.get('/calendar/years', {
    config: { permission: 'calendar.read' },
    schema: { tags: TAGS, summary: '已加载的节假日安排（每年一份国务院办公厅通知）' },
  }, async (req) => {
    const cal = currentCalendar();
    const stored = await runQuery(ctx.deps, (tx) => listYears(tx, req.actor.tenantId));
    const byYear = new Map(stored.map((y) => [y.year, y]));
    return {
      supported: { firstYear: cal.firstYear, lastYear: cal.lastYear },
      years: cal.arrangements.map((a) => ({
        year: a.year,
        notice: a.notice,
        holidays: a.holidays.map((h) => h.name),
        source: byYear.get(a.year)?.source ?? 'shipped',
        loadedAt: byYear.get(a.year)?.loadedAt ?? null,
        loadedBy: byYear.get(a.year)?.loadedBy ?? null,
        reason: byYear.get(a.year)?.reason ?? null,
      })),
    };
  });

  app.get('/calendar/years/:year', {
    config: { permission: 'calendar.read' },
    schema: { tags: TAGS, summary: '一年的放假日与调休上班日（标注节日和通知）', params: z.strictObject({ year: z.coerce.number().int().min(1900).max(2200) }) },
  }, async (req) => {
    const cal = currentCalendar();
    const year = req.params.year;
    const arrangement = cal.arrangements.find((a) => a.year === year) ?? null;
    return {
      year,
      loaded: isYearLoaded(cal, year),
      notice: arrangement?.notice ?? null,
      days: year >= cal.firstYear && year <= cal.lastYear ? arrangedDaysOfYear(cal, year) : [],
    };
  });

  app.post('/calendar/years', {
    config: { permission: 'calendar.admin' },
    schema: {
      tags: TAGS,
      summary: '导入新一年的节假日安排（校验并记入审计；重算该年份未知时算出的期限）',
      body: z.strictObject({
        yaml: z.string().max(200_000).optional(),
        arrangement: z.unknown().optional(),
        reason: z.string().max(500).optional(),
      }),
    },
  }, async (req, reply) => {
    const r = await importYear(ctx.deps, req.actor, req.body);
    reply.code(201);
    return r;
  });
};
export default routes;
