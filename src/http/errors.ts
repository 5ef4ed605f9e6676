import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors/index.ts';
import { databaseUnavailable, pgErrorCode } from '../store/db.ts';
import { packOfTenant } from '../app/tenancy/registry.ts';
import type { Violation } from '../domain/shared/violation.ts';

/** The one error shape of the API. */
export interface ErrorBody {
  code: string;
  message: string;
  article?: number;
  violations: Violation[];
  details?: Record<string, unknown>;
}

export function toErrorBody(e: AppError): ErrorBody {
  return {
    code: e.code,
    message: e.message,
    ...(e.article != null ? { article: e.article } : {}),
    violations: e.violations,
    ...(e.details ? { details: e.details } : {}),
  };
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.VALIDATION',
};

/** Maps anything thrown to a status and the error shape; never leaks a stack trace. */
export function mapError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const violations: Violation[] = err.validation.map((v) => {
      const path = `${err.validationContext ?? ''}${v.instancePath || ''}`;
      const params = v.params as { issue?: { code?: string; keys?: string[] } } | undefined;
      const unknownKeys = params?.issue?.code === 'unrecognized_keys' ? params.issue.keys : undefined;
      return {
        code: 'REQUEST.FIELD',
        message: unknownKeys ? `${path}：不允许的字段 ${unknownKeys.join('、')}` : `${path}：${v.message ?? '取值不合法'}`,
        details: { path, ...(unknownKeys ? { unknownKeys } : {}) },
      };
    });
    return new AppError('REQUEST.VALIDATION', { violations });
  }
  // a value the database cannot take (bad encoding, out of range) is the caller's input, not a crash
  const pg = pgErrorCode(err);
  if (pg && ['22021', '22P05', '22003', '22007', '22008', '22P02'].includes(pg)) return new AppError('REQUEST.VALIDATION', { message: '输入的取值不合法' });
  const fe = err as FastifyError;
  if (fe?.code && FASTIFY_CODES[fe.code]) return new AppError(FASTIFY_CODES[fe.code]);
  if (err instanceof SyntaxError && (fe as any).statusCode === 400) return new AppError('REQUEST.INVALID_JSON');
  if (fe?.statusCode === 400 && fe.validation) return new AppError('REQUEST.VALIDATION', {
    violations: fe.validation.map((v) => ({ code: 'REQUEST.FIELD', message: `${v.instancePath}：${v.message}` })),
  });
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('REQUEST.VALIDATION', { message: '请求不合法', details: { reason: fe.code ?? fe.message } });
  }
  // the database went away or is a standby during a failover: retryable, and said so
  if (databaseUnavailable(err)) return new AppError('STORE.UNAVAILABLE');
  return new AppError('INTERNAL');
}

/** Seconds a client waits before retrying a request the database could not take (a failover takes a few). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const e = mapError(err);
  if (e.code === 'STORE.UNAVAILABLE' || e.code === 'SERVER.BUSY') reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  if (e.status >= 500) req.log.error({ err }, 'request failed');
  return reply.status(e.status).send(spoken(toErrorBody(e), req.actor?.tenantId));
}

/** A refusal in the words of the government's own pack (区长 where the city's rules say 市长). */
function spoken(body: ErrorBody, tenantId: string | undefined): ErrorBody {
  if (!tenantId) return body;
  const speak = packOfTenant(tenantId).speak;
  return { ...body, message: speak(body.message), violations: body.violations.map((v) => ({ ...v, message: speak(v.message) })) };
}
