import { z } from 'zod';
import { AppError } from '../../errors/index.ts';
import type { RouteModule } from '../types.ts';

// The server process's own health for the deployment's operators (平台管理员): event-loop delay, GC
// pauses, memory, the database pool and the server time of each route, over a window that a reset
// starts. What a government does is not here: only counts and times.
const routes: RouteModule = (app, ctx) => {
  app.get('/platform/runtime', {
    config: { permission: 'platform.runtime' },
    schema: { tags: ['平台'], summary: '本服务进程的运行状态：事件循环延迟、垃圾回收、内存、数据库连接池、耗时查询的排队、各接口耗时' },
  }, async () => ({ ...app.runtimeMonitor.snapshot(ctx.deps.db), heavyReads: ctx.deps.heavyReads?.stats() ?? null }));

  app.post('/platform/runtime/reset', {
    config: { permission: 'platform.runtime' },
    schema: {
      tags: ['平台'], summary: '重新开始统计窗口（各直方图清零）：须写明所见窗口的开始时间 since，窗口已被他人重置的答复 409',
      body: z.strictObject({ since: z.iso.datetime({ message: '应为所见统计窗口的开始时间（GET 答复中的 since）' }) }),
    },
  }, async (req) => {
    // the caller names the window it read: a window someone else has restarted meanwhile is not wiped again
    const current = app.runtimeMonitor.windowStart();
    if (new Date(req.body.since).getTime() !== current.getTime()) {
      throw new AppError('REQUEST.CONFLICT', { details: { since: current.toISOString() } });
    }
    app.runtimeMonitor.reset();
    ctx.deps.db.resetStats?.();
    return { since: new Date().toISOString() };
  });
};

export default routes;
