// The demo's other governments (demo/governments.yaml): created after the city, each from its pack
// and its organisation and logins in demo/<id>/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadDemoLogins, loadDemoOrg } from '../org/demo.ts';
import { shanghaiDate } from '../org/usecases.ts';
import { systemActor, type AppDeps } from '../context.ts';
import { asSystem } from '../../store/scope.ts';
import { createGovernment } from './governments.ts';

export const DEMO_ROOT = join(import.meta.dirname, '..', '..', '..', 'demo');

const fileSchema = z.strictObject({
  governments: z.array(z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
    name: z.string().min(2),
    shortName: z.string().min(1),
    level: z.enum(['province', 'city', 'county']),
    parent: z.string().nullable().optional(),
    pack: z.string().min(1),
  })),
});
export type DemoGovernment = z.infer<typeof fileSchema>['governments'][number];

export function demoGovernments(root = DEMO_ROOT): DemoGovernment[] {
  const file = join(root, 'governments.yaml');
  if (!existsSync(file)) return [];
  const r = fileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(`demo/governments.yaml 格式错误：${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data.governments.filter((g) => existsSync(join(root, g.id, 'org.yaml')));
}

/** Creates each demo government not yet on the deployment; returns the ids created. */
export async function seedDemoGovernments(
  deps: AppDeps, hostTenant: string, which: (g: DemoGovernment) => boolean = () => true, root = DEMO_ROOT,
): Promise<string[]> {
  const created: string[] = [];
  const today = shanghaiDate(deps.clock.now());
  for (const g of demoGovernments(root).filter(which)) {
    const there = await asSystem(() => deps.db.query('SELECT 1 FROM tenants WHERE id = $1', [g.id]));
    if (there.rows.length) continue;
    const dir = join(root, g.id);
    const org = loadDemoOrg(today, dir);
    const logins = loadDemoLogins(org, dir).map((l) => ({ ...l, personId: l.personId ?? null }));
    await createGovernment(deps, systemActor(hostTenant, '演示数据'), {
      id: g.id, name: g.name, shortName: g.shortName, level: g.level, parentId: g.parent ?? null, packId: g.pack, org, logins, demoPasswords: true,
    });
    created.push(g.id);
  }
  return created;
}
