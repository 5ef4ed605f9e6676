import { z } from 'zod';
import { NOTIFICATION_KINDS, CHANNELS } from '../../domain/notifications/index.ts';
import { getPreferences, listDeliveries, listInbox, markAllRead, markRead, savePreferences, unreadCount } from '../../app/notifications/inbox.ts';
import { onInboxChange, sessionStillValid } from '../../app/notifications/live.ts';
import { withTenant } from '../../store/scope.ts';
import { AppError } from '../../errors/index.ts';
import type { RouteModule } from '../types.ts';

const TAGS = ['消息'];
const notificationId = z.string().regex(/^ntf-[0-9a-f-]{36}$/, '消息编号格式不正确');
const kind = z.enum(NOTIFICATION_KINDS);
const hhmm = z.string().regex(/^\d\d:\d\d$/, '应写为 HH:MM');

const routes: RouteModule = (app, ctx) => {
  // open streams end when the server closes (they would otherwise hold its shutdown open)
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => { for (const close of [...streams]) close(); });

  app.get('/notifications', {
    config: { permission: 'authenticated' },
    schema: {
      tags: TAGS, summary: '本人的消息（未读/全部，可按类型筛选，按时间倒序分页）',
      querystring: z.strictObject({
        filter: z.enum(['unread', 'all']).optional(), kind: kind.optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(), before: notificationId.optional(),
      }),
    },
  }, async (req) => listInbox(ctx.deps, req.actor, req.query));

  app.get('/notifications/unread-count', {
    config: { permission: 'authenticated' },
    schema: { tags: TAGS, summary: '本人未读消息数' },
  }, async (req) => ({ unread: await unreadCount(ctx.deps, req.actor.tenantId, req.actor.personId) }));

  app.post('/notifications/:id/read', {
    config: { permission: 'authenticated' },
    schema: { tags: TAGS, summary: '标记一条消息为已读', params: z.strictObject({ id: notificationId }), body: z.strictObject({}).optional() },
  }, async (req) => markRead(ctx.deps, req.actor, req.params.id));

  app.post('/notifications/read-all', {
    config: { permission: 'authenticated' },
    schema: {
      tags: TAGS, summary: '全部标记为已读：截至 upTo（页面所见最新一条的时间）的消息，可限于一种类型',
      body: z.strictObject({ upTo: z.iso.datetime({ offset: true, message: '应为带时区的时间，如 2026-10-08T09:00:00+08:00' }), kind: kind.optional() }),
    },
  }, async (req) => markAllRead(ctx.deps, req.actor, new Date(req.body.upTo), req.body.kind));

  app.get('/notifications/preferences', {
    config: { permission: 'authenticated' },
    schema: { tags: TAGS, summary: '本人的消息设置：各类消息的接收渠道、免打扰时段、邮件地址（未设置时为角色默认值）' },
  }, async (req) => getPreferences(ctx.deps, req.actor));

  app.put('/notifications/preferences', {
    config: { permission: 'authenticated' },
    schema: {
      tags: TAGS, summary: '保存本人的消息设置',
      body: z.strictObject({
        channels: z.record(z.string().max(40), z.array(z.string().max(20)).max(CHANNELS.length)).optional(),
        quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable().optional(),
        digest: z.boolean().optional(),
        mail: z.string().max(254).nullable().optional(),
      }).refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项设置' }),
    },
  }, async (req) => ({ preferences: await savePreferences(ctx.deps, req.actor, req.body) }));

  app.get('/notifications/deliveries', {
    config: { permission: 'notifications.deliveries' },
    schema: {
      tags: TAGS, summary: '消息投递记录（邮件、钉钉、企业微信：待发、已发送、失败及原因）',
      querystring: z.strictObject({
        status: z.enum(['pending', 'sent', 'failed']).optional(), channel: z.enum(['mail', 'dingtalk', 'wecom']).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
  }, async (req) => listDeliveries(ctx.deps, req.actor, req.query));

  // Server-Sent Events: the unread count now and after every change of the inbox. The same session and
  // permission checks as any request ran before this handler; the session is re-checked (read only)
  // at every refresh, and the stream ends when it has ended.
  app.get('/notifications/stream', {
    config: { permission: 'authenticated' },
    schema: { tags: TAGS, summary: '未读消息数的实时推送（text/event-stream，事件 unread）', querystring: z.strictObject({}) },
  }, async (req, reply) => {
    // an event stream is for EventSource (it asks for text/event-stream); any other caller asks the count
    if (!String(req.headers.accept ?? '').includes('text/event-stream')) throw new AppError('NOTIFY.STREAM_ONLY');
    const actor = req.actor;
    const token = req.cookies.zt_session ?? '';
    const refreshMs = Number(process.env.ZHENGTONG_NOTIFY_STREAM_REFRESH_MS) || 15_000;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive',
      'x-content-type-options': 'nosniff', 'x-accel-buffering': 'no',
    });
    let last = -1;
    let closed = false;
    let busy = false;
    let again = false;
    const push = () => withTenant(actor.tenantId, async () => {
      if (closed) return;
      if (busy) { again = true; return; }
      busy = true;
      try {
        do {
          again = false;
          if (!(await sessionStillValid(ctx.deps.db, token, ctx.deps.clock.now(), ctx.config.sessionIdleMinutes))) {
            res.write(`event: end\ndata: {"reason":"session"}\n\n`);
            close();
            return;
          }
          const n = await unreadCount(ctx.deps, actor.tenantId, actor.personId);
          if (n !== last && !closed) {
            last = n;
            res.write(`event: unread\nretry: 5000\ndata: ${JSON.stringify({ unread: n })}\n\n`);
          }
        } while (again && !closed);
      } catch {
        close();
      } finally {
        busy = false;
      }
    });
    const unsubscribe = actor.personId ? await onInboxChange(ctx.deps.db, actor.tenantId, actor.personId, () => void push()) : () => {};
    const timer = setInterval(() => { res.write(': keep-alive\n\n'); void push(); }, refreshMs);
    const close = () => {
      if (closed) return;
      closed = true;
      streams.delete(close);
      clearInterval(timer);
      unsubscribe();
      res.end();
    };
    streams.add(close);
    req.raw.on('close', close);
    await push();
  });
};
export default routes;
