import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { createUser, hashPasswords } from './auth/sessions.ts';
import { runUseCase, systemActor, type AppDeps, type UseCaseContext } from './context.ts';
import { demoSeeders } from './plugins.ts';
import { seedDemoGovernments } from './tenancy/demo.ts';
import { seedDemoSeals } from './seals/usecases.ts';

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo', 'wuwei');

const loginsSchema = z.array(z.object({
  login: z.string().min(1),
  password: z.string().min(8),
  displayName: z.string().min(1),
  personId: z.string().nullable().optional(),
  roles: z.array(z.string()).min(1),
  note: z.string().optional(),
}).passthrough());

export type DemoLogin = z.infer<typeof loginsSchema>[number];

export function demoLogins(): DemoLogin[] {
  const file = join(DEMO_DIR, 'logins.yaml');
  if (!existsSync(file)) return [{ login: 'admin', password: 'Zhengtong@2026', displayName: '系统管理员', roles: ['admin'] }];
  const raw = parse(readFileSync(file, 'utf8'));
  const r = loginsSchema.safeParse(Array.isArray(raw) ? raw : raw?.logins);
  if (!r.success) throw new Error(`demo/wuwei/logins.yaml 格式错误：${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** A step of the demo data; contexts list theirs in src/app/plugins.ts, in order (org before documents …). */
export type DemoSeeder = { name: string; run: (ctx: UseCaseContext) => Promise<void> };

/** Loads the Wuwei demo once: on first start, or on `zhengtong seed`. Returns false when already there. */
export async function seedDemo(deps: AppDeps, tenantId = 'wuwei'): Promise<boolean> {
  const seeded = await seedCity(deps, tenantId);
  // the demo's county governments, each its own government under the city (demo/governments.yaml)
  const counties = await seedDemoGovernments(deps, tenantId, (g) => g.parent === tenantId);
  // each government issues under its own electronic seals
  for (const id of counties) await runUseCase(deps, systemActor(id, '演示数据'), seedDemoSeals);
  return seeded;
}

async function seedCity(deps: AppDeps, tenantId: string): Promise<boolean> {
  return runUseCase(deps, systemActor(tenantId, '演示数据'), async (ctx) => {
    const { rows } = await ctx.tx.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
    if (rows.length) return false;
    await ctx.tx.query(`INSERT INTO tenants (id, name, short_name, level, pack_id) VALUES ($1, $2, '市政府', 'city', $3)`, [tenantId, '武威市人民政府', 'wuwei-2023']);
    await ctx.audit({ action: 'tenant.created', objectType: 'tenant', objectId: tenantId, payload: { name: '武威市人民政府' } });
    for (const s of demoSeeders) await s.run(ctx);
    const logins = demoLogins();
    // the demo's published password: one salted hash per distinct password, changed at the first sign-in
    const hashes = await hashPasswords(logins.map((l) => l.password), { shareIdentical: true });
    for (const [i, l] of logins.entries()) {
      // the demo's passwords are known to all: changed at the first sign-in (unless the demo skips it, src/config.ts)
      await createUser(ctx.tx, { tenantId, login: l.login, displayName: l.displayName, password: l.password, passwordHash: hashes[i], personId: l.personId ?? null, roles: l.roles, mustChangePassword: true, at: ctx.now });
    }
    await ctx.audit({ action: 'demo.seeded', objectType: 'tenant', objectId: tenantId, payload: { logins: demoLogins().length } });
    return true;
  });
}
