// zhengtong government list | create | suspend | resume — the deployment's governments.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startRuntime } from '../app/runtime.ts';
import { parseDemoLogins, parseDemoOrg } from '../app/org/demo.ts';
import { shanghaiDate } from '../app/org/usecases.ts';
import { cliAdministrator, createGovernment, listGovernments, resumeGovernment, suspendGovernment } from '../app/tenancy/governments.ts';
import { loadConfig } from '../config.ts';

export const GOVERNMENT_HELP = `用法:
  zhengtong government list
  zhengtong government create --id 编号 --name 名称 --pack 规则包 --org 组织机构.yaml
        [--short-name 简称] [--level city|county|province] [--parent 上级政府编号] [--logins 账号.yaml] [--portal-host 域名]
  zhengtong government suspend 编号 --reason 原因
  zhengtong government resume 编号`;

export async function runGovernmentCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: {
      id: { type: 'string' }, name: { type: 'string' }, 'short-name': { type: 'string' }, level: { type: 'string' },
      parent: { type: 'string' }, pack: { type: 'string' }, org: { type: 'string' }, logins: { type: 'string' },
      'portal-host': { type: 'string' }, reason: { type: 'string' },
    },
  });
  if (!['list', 'create', 'suspend', 'resume'].includes(sub ?? '')) { err(GOVERNMENT_HELP); return 2; }
  if (sub === 'create' && !(values.id && values.name && values.pack && values.org)) { err(GOVERNMENT_HELP); return 2; }
  if ((sub === 'suspend' && !(positionals[0] && values.reason)) || (sub === 'resume' && !positionals[0])) { err(GOVERNMENT_HELP); return 2; }
  const rt = await startRuntime({ seed: false, background: false });
  const admin = cliAdministrator(loadConfig().tenant);
  try {
    if (sub === 'list') {
      for (const g of await listGovernments(rt.deps)) {
        out([g.id, g.name, g.level, g.packId, g.parentId ?? '—', g.suspendedAt ? `已停用（${g.suspendedReason}）` : '运行中'].join('\t'));
      }
      return 0;
    }
    if (sub === 'create') {
      const today = shanghaiDate(rt.deps.clock.now());
      const org = parseDemoOrg(readFileSync(values.org!, 'utf8'), today, values.org);
      const logins = values.logins ? parseDemoLogins(readFileSync(values.logins, 'utf8'), org, values.logins).map((l) => ({ ...l, personId: l.personId ?? null })) : [];
      const level = (values.level ?? 'county') as 'city' | 'county' | 'province';
      if (!['city', 'county', 'province'].includes(level)) { err('--level 只能是 city、county 或 province'); return 2; }
      const g = await createGovernment(rt.deps, admin, {
        id: values.id!, name: values.name!, shortName: values['short-name'] ?? null, level, parentId: values.parent ?? null,
        packId: values.pack!, portalHost: values['portal-host'] ?? null, org, logins,
      });
      out(`已创建 ${g.name}（${g.id}），规则包 ${g.packId}，${org.units.length} 个单位、${org.people.length} 人、${logins.length} 个账号`);
      return 0;
    }
    if (sub === 'suspend') {
      const g = await suspendGovernment(rt.deps, admin, positionals[0], values.reason!);
      out(`已停用 ${g.name}（${g.id}）`);
      return 0;
    }
    const g = await resumeGovernment(rt.deps, admin, positionals[0]);
    out(`已恢复 ${g.name}（${g.id}）`);
    return 0;
  } finally {
    await rt.stop();
  }
}
