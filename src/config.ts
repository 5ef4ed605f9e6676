import { z } from 'zod';

// Runtime configuration, validated at start. Values come from the environment; defaults suit the demo.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  ZHENGTONG_TENANT: z.string().default('wuwei'),
  ZHENGTONG_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  ZHENGTONG_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  ZHENGTONG_LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  ZHENGTONG_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  ZHENGTONG_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ZHENGTONG_SECURE_COOKIE: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  port: number;
  host: string;
  tenant: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  bodyLimitBytes: number;
  secureCookie: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = schema.safeParse(env);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置错误：${msg}`);
  }
  const c = r.data;
  return {
    port: c.PORT, host: c.HOST, tenant: c.ZHENGTONG_TENANT,
    sessionIdleMinutes: c.ZHENGTONG_SESSION_IDLE_MINUTES, sessionMaxHours: c.ZHENGTONG_SESSION_MAX_HOURS,
    lockoutThreshold: c.ZHENGTONG_LOCKOUT_THRESHOLD, lockoutMinutes: c.ZHENGTONG_LOCKOUT_MINUTES,
    bodyLimitBytes: c.ZHENGTONG_BODY_LIMIT_BYTES, secureCookie: c.ZHENGTONG_SECURE_COOKIE === 'true',
  };
}
