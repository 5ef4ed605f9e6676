import { z } from 'zod';
import type { PasswordPolicy } from './domain/accounts/index.ts';

// Runtime configuration, validated at start. Values come from the environment; defaults suit the demo.

/** A rate limit written as <requests>/<seconds>, e.g. 10/600: at most 10 requests in a 600-second window. */
const rate = z.string().regex(/^[1-9]\d{0,6}\/[1-9]\d{0,6}$/, '应写为 <请求数>/<秒数>，如 10/600')
  .transform((v): RateLimit => { const [max, windowSeconds] = v.split('/').map(Number); return { max, windowSeconds }; });

export interface RateLimit {
  max: number;
  windowSeconds: number;
}
/** The routes limited per client address; a route names its limit in its config (`rateLimit: 'login'`). */
export const RATE_LIMIT_NAMES = ['public_submission', 'public_lookup', 'login'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];
/**
 * 《中华人民共和国网络安全法》第二十一条（三）: network logs are kept for no less than six months. The
 * audit record's retention can be longer, never shorter; 180 days is the floor.
 */
export const MIN_AUDIT_RETENTION_DAYS = 180;

/** Origins (scheme://host[:port]) a browser may send cookie-authenticated writes from, besides the request's own host. */
const origins = z.string().transform((v, ctx) => {
  const out: string[] = [];
  for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    try {
      const u = new URL(part);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
      out.push(u.origin);
    } catch {
      ctx.addIssue({ code: 'custom', message: `不是合法的来源（应写为 https://主机名[:端口]）：${part}` });
    }
  }
  return out;
});

/** Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is believed (comma-separated). */
const proxies = z.string().transform((v, ctx) => {
  const out = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const p of out) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p)) ctx.addIssue({ code: 'custom', message: `不是合法的地址或网段：${p}` });
  }
  return out;
});

// ---- notifications (docs/notifications.md): the channels, the back-off, the default quiet hours ----

const optionalUrl = (protocols: string[]) => z.string().optional().transform((v, ctx) => {
  if (!v) return null;
  try {
    const u = new URL(v);
    if (!protocols.includes(u.protocol)) throw new Error();
    return v;
  } catch {
    ctx.addIssue({ code: 'custom', message: `应为 ${protocols.map((p) => p.replace(':', '')).join(' 或 ')} 地址：${v}` });
    return null;
  }
});
const secondsList = z.string().regex(/^\d{1,6}(,\d{1,6}){0,19}$/, '应写为以逗号分隔的秒数，如 30,120,600').transform((v) => v.split(',').map(Number));
const quietHours = z.string().regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, '应写为 HH:MM-HH:MM（如 22:00-07:30），或 off');

const notificationEnv = {
  // mail: an SMTP relay (smtp:// or smtps://, user and password in the URL if it needs them)
  ZHENGTONG_SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  ZHENGTONG_SMTP_FROM: z.string().default('政通 <zhengtong@localhost>'),
  // 钉钉 group robot: its webhook and, with 加签, its secret
  ZHENGTONG_DINGTALK_WEBHOOK: optionalUrl(['https:', 'http:']),
  ZHENGTONG_DINGTALK_SECRET: z.string().optional(),
  // 企业微信 group robot: its webhook
  ZHENGTONG_WECOM_WEBHOOK: optionalUrl(['https:', 'http:']),
  // the address of the staff UI that links in mail and robot messages point to
  ZHENGTONG_NOTIFY_LINK_BASE: z.string().url('应为网址，如 https://zhengtong.example.gov.cn').default('http://127.0.0.1:3000'),
  // seconds to wait after the 1st, 2nd … failed attempt; when spent, the delivery has failed
  ZHENGTONG_NOTIFY_RETRY_SECONDS: secondsList.prefault('30,120,600,3600,21600'),
  // default quiet hours of a person who has not chosen (local time, Asia/Shanghai)
  ZHENGTONG_NOTIFY_QUIET_HOURS: quietHours.default('22:00-07:30'),
  // how long a channel may take to answer one delivery
  ZHENGTONG_NOTIFY_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
};

export interface NotificationSettings {
  smtpUrl: string | null;
  smtpFrom: string;
  dingtalkWebhook: string | null;
  dingtalkSecret: string | null;
  wecomWebhook: string | null;
  linkBase: string;
  retrySeconds: number[];
  quietHours: { start: string; end: string } | null;
  sendTimeoutMs: number;
}

function notificationSettingsFrom(c: any): NotificationSettings {
  const q = String(c.ZHENGTONG_NOTIFY_QUIET_HOURS);
  return {
    smtpUrl: c.ZHENGTONG_SMTP_URL, smtpFrom: c.ZHENGTONG_SMTP_FROM,
    dingtalkWebhook: c.ZHENGTONG_DINGTALK_WEBHOOK, dingtalkSecret: c.ZHENGTONG_DINGTALK_SECRET || null,
    wecomWebhook: c.ZHENGTONG_WECOM_WEBHOOK, linkBase: c.ZHENGTONG_NOTIFY_LINK_BASE,
    retrySeconds: c.ZHENGTONG_NOTIFY_RETRY_SECONDS,
    quietHours: q === 'off' ? null : { start: q.slice(0, 5), end: q.slice(6, 11) },
    sendTimeoutMs: c.ZHENGTONG_NOTIFY_SEND_TIMEOUT_MS,
  };
}

const pollMs = z.coerce.number().int().min(10, '轮询间隔不得少于 10 毫秒').max(3_600_000);

const schema = z.object({
  ...notificationEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  ZHENGTONG_TENANT: z.string().default('wuwei'),
  ZHENGTONG_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  ZHENGTONG_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  ZHENGTONG_LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  ZHENGTONG_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  ZHENGTONG_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ZHENGTONG_SECURE_COOKIE: z.enum(['true', 'false']).default('false'),
  // per client address, as <requests>/<seconds>: 依申请公开 submissions, request look-ups by query code, logins
  ZHENGTONG_RATE_LIMIT_PUBLIC_SUBMISSION: rate.prefault('10/600'),
  ZHENGTONG_RATE_LIMIT_PUBLIC_LOOKUP: rate.prefault('30/600'),
  ZHENGTONG_RATE_LIMIT_LOGIN: rate.prefault('60/60'),
  ZHENGTONG_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(MIN_AUDIT_RETENTION_DAYS,
    `审计记录留存不得少于 ${MIN_AUDIT_RETENTION_DAYS} 天（《中华人民共和国网络安全法》第二十一条：网络日志留存不少于六个月）`).default(MIN_AUDIT_RETENTION_DAYS),
  ZHENGTONG_PUBLIC_ORIGINS: origins.prefault(''),
  // the load balancers in front (nginx): their X-Forwarded-For names the client address
  ZHENGTONG_TRUST_PROXY: proxies.prefault(''),
  // 身份鉴别 (GB/T 22239-2019 8.1.4.1 a): the password policy (docs/security.md). The floors are the
  // standard's: at least 8 characters of 3 classes; at least the last 5 passwords not repeated.
  ZHENGTONG_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8, '口令长度下限不得低于 8').max(64).default(8),
  ZHENGTONG_PASSWORD_MIN_CLASSES: z.coerce.number().int().min(3, '口令至少应含三类字符').max(4).default(3),
  ZHENGTONG_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  ZHENGTONG_PASSWORD_WARN_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  ZHENGTONG_PASSWORD_HISTORY: z.coerce.number().int().min(5, '不得重复使用的口令不得少于最近 5 次').max(24).default(5),
  // the demo's shared passwords are known to everyone: a demo may let them be used without the change
  // at first sign-in (and after expiry). A deployment sets false.
  ZHENGTONG_DEMO_SKIP_PASSWORD_CHANGE: z.enum(['true', 'false']).default('false'),
  // how often each process's background workers look for due work (a poke also wakes the timers)
  ZHENGTONG_TIMER_POLL_MS: pollMs.default(5000),
  ZHENGTONG_NOTIFY_POLL_MS: pollMs.default(2000),
  ZHENGTONG_EXCHANGE_POLL_MS: pollMs.default(2000),
  // connections to a PostgreSQL server per process (validated here, read by dbConfigFromEnv of src/store/db.ts)
  ZHENGTONG_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  // the expensive reads (search, a register filtered by a substring): how many hold a connection at once
  // (default: a quarter of the pool, at least one) and how long one waits for its turn before 503 SERVER.BUSY
  ZHENGTONG_HEAVY_READ_SLOTS: z.coerce.number().int().min(1).max(200).optional(),
  ZHENGTONG_HEAVY_READ_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  // true: statements prepared once per PostgreSQL connection (src/store/postgres.ts); off until measured at 1M
  ZHENGTONG_PG_PREPARED: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  /** the notification channels (docs/notifications.md) */
  notifications: NotificationSettings;
  port: number;
  host: string;
  tenant: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  bodyLimitBytes: number;
  secureCookie: boolean;
  /** anonymous write routes and login, per client address (the 429 REQUEST.RATE_LIMITED) */
  rateLimits: Record<RateLimitName, RateLimit>;
  /** days the audit record is kept in the database at least (《网络安全法》第二十一条: ≥ 180) */
  auditRetentionDays: number;
  /** further origins allowed to send cookie-authenticated writes (behind a proxy with another host name) */
  publicOrigins: string[];
  /** reverse proxies trusted to name the client address (X-Forwarded-For); none by default */
  trustProxy: string[];
  /** 8.1.4.1 a: length, classes, expiry and its warning, history */
  passwordPolicy: PasswordPolicy;
  /** demo only: the change at first sign-in and after expiry is not enforced (the login page says so) */
  demoSkipPasswordChange: boolean;
  /** poll periods of the background workers, in milliseconds */
  pollMs: PollIntervals;
  /** the expensive reads' bulkhead (src/app/ops/bulkhead.ts) */
  heavyReads: { slots: number; maxWaitMs: number };
};

export interface PollIntervals { timers: number; notifications: number; exchange: number }

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = schema.safeParse(env);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置错误：${msg}`);
  }
  const c = r.data;
  return {
    notifications: notificationSettingsFrom(c),
    port: c.PORT, host: c.HOST, tenant: c.ZHENGTONG_TENANT,
    sessionIdleMinutes: c.ZHENGTONG_SESSION_IDLE_MINUTES, sessionMaxHours: c.ZHENGTONG_SESSION_MAX_HOURS,
    lockoutThreshold: c.ZHENGTONG_LOCKOUT_THRESHOLD, lockoutMinutes: c.ZHENGTONG_LOCKOUT_MINUTES,
    bodyLimitBytes: c.ZHENGTONG_BODY_LIMIT_BYTES, secureCookie: c.ZHENGTONG_SECURE_COOKIE === 'true',
    auditRetentionDays: c.ZHENGTONG_AUDIT_RETENTION_DAYS,
    publicOrigins: c.ZHENGTONG_PUBLIC_ORIGINS,
    trustProxy: c.ZHENGTONG_TRUST_PROXY,
    passwordPolicy: {
      minLength: c.ZHENGTONG_PASSWORD_MIN_LENGTH, minClasses: c.ZHENGTONG_PASSWORD_MIN_CLASSES,
      maxAgeDays: c.ZHENGTONG_PASSWORD_MAX_AGE_DAYS, warnDays: c.ZHENGTONG_PASSWORD_WARN_DAYS, historySize: c.ZHENGTONG_PASSWORD_HISTORY,
    },
    demoSkipPasswordChange: c.ZHENGTONG_DEMO_SKIP_PASSWORD_CHANGE === 'true',
    pollMs: { timers: c.ZHENGTONG_TIMER_POLL_MS, notifications: c.ZHENGTONG_NOTIFY_POLL_MS, exchange: c.ZHENGTONG_EXCHANGE_POLL_MS },
    heavyReads: { slots: c.ZHENGTONG_HEAVY_READ_SLOTS ?? Math.max(1, Math.floor(c.ZHENGTONG_DB_POOL / 4)), maxWaitMs: c.ZHENGTONG_HEAVY_READ_WAIT_MS },
    rateLimits: {
      public_submission: c.ZHENGTONG_RATE_LIMIT_PUBLIC_SUBMISSION, public_lookup: c.ZHENGTONG_RATE_LIMIT_PUBLIC_LOOKUP, login: c.ZHENGTONG_RATE_LIMIT_LOGIN,
    },
  };
}

/** The background workers' poll periods, read from the environment when a worker starts. */
export function pollIntervals(env: NodeJS.ProcessEnv = process.env): PollIntervals {
  return loadConfig(env).pollMs;
}
