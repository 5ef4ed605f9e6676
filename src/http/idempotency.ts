import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';
import type { ServerContext } from './types.ts';

// A client that may repeat a submission (a double click, a retry after a timeout) sends an
// Idempotency-Key header; the first answer is stored and a repeat gets that same answer, without
// acting twice. While the first is still running, a repeat is refused as a duplicate. The keys are in
// the database: a retry sent to another node behind the load balancer is answered the same way.
// A first request whose node or database went away before its answer was stored leaves its key
// pending; after ABANDONED_SECONDS a repeat takes the key over and is acted on (a transition that did
// commit then meets its own version check; a 签收 its clientRequestId).
const HEADER = 'idempotency-key';
const ABANDONED_SECONDS = 60;
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export function idempotencyHooks(ctx: ServerContext) {
  const db = ctx.deps.db;
  return {
    async preHandler(req: FastifyRequest, reply: FastifyReply) {
      const key = req.headers[HEADER];
      if (typeof key !== 'string' || req.method === 'GET' || !req.user) return;
      if (!KEY.test(key)) throw new AppError('REQUEST.VALIDATION', { message: 'Idempotency-Key 应为 8–128 位字母、数字或 _.:-' });
      // the same key must come with the same request: same route and same body
      const route = `${req.method} ${req.url} ${createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex').slice(0, 16)}`;
      const inserted = await db.query(
        `INSERT INTO idempotency_keys (tenant_id, user_id, key, route, status, response) VALUES ($1,$2,$3,$4,0,'null'::jsonb)
         ON CONFLICT DO NOTHING RETURNING key`, [req.user.tenantId, req.user.userId, key, route]);
      if (inserted.rowCount === 1) {
        (req as any).idempotencyKey = key;
        return;
      }
      const { rows } = await db.query('SELECT route, status, response FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3',
        [req.user.tenantId, req.user.userId, key]);
      const prior = rows[0];
      if (!prior || prior.route !== route) {
        throw new AppError('REQUEST.DUPLICATE', { message: '同一 Idempotency-Key 已用于另一内容不同的请求' });
      }
      if (prior.status === 0) {
        const taken = await db.query(
          `UPDATE idempotency_keys SET created_at = now() WHERE tenant_id = $1 AND user_id = $2 AND key = $3 AND status = 0
              AND created_at < now() - $4::int * interval '1 second' RETURNING key`, [req.user.tenantId, req.user.userId, key, ABANDONED_SECONDS]);
        if (taken.rowCount === 1) {
          (req as any).idempotencyKey = key;
          return;
        }
        throw new AppError('REQUEST.DUPLICATE', { message: '相同的请求正在处理，请勿重复提交' });
      }
      reply.header('idempotent-replayed', 'true');
      return reply.status(prior.status).send(prior.response);
    },
    async onSend(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const key = (req as any).idempotencyKey as string | undefined;
      if (!key || !req.user) return payload;
      // the answer stands whatever happens to its bookkeeping: a key that cannot be written now stays
      // pending and is taken over by a repeat once abandoned
      try {
        if (reply.statusCode >= 500) {
          await db.query('DELETE FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3', [req.user.tenantId, req.user.userId, key]);
        } else {
          let body: unknown = null;
          try { body = typeof payload === 'string' ? JSON.parse(payload) : null; } catch { body = null; }
          await db.query('UPDATE idempotency_keys SET status = $4, response = $5 WHERE tenant_id = $1 AND user_id = $2 AND key = $3',
            [req.user.tenantId, req.user.userId, key, reply.statusCode, JSON.stringify(body)]);
        }
      } catch (e) {
        req.log.warn({ err: e }, 'idempotency key not recorded');
      }
      return payload;
    },
  };
}
