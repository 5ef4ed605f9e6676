// Roles → permissions. A permission is `<context>.<action>`; a role grants patterns (`documents.*`).
// Routes declare the permission they need; anything undeclared is denied.

export interface RoleSpec {
  label: string;
  permissions: string[];
}

const LEADER = ['org.read', 'calendar.read', 'pack.read', 'documents.*', 'meetings.*', 'decisions.*', 'supervision.*', 'leaders.*', 'openness.read', 'search.staff', 'audit.read'];

const OFFICE = ['org.read', 'org.write', 'calendar.read', 'pack.read', 'documents.*', 'meetings.*', 'decisions.*', 'supervision.*', 'leaders.*', 'openness.*', 'search.staff', 'audit.read', 'seals.apply', 'notifications.deliveries'];

export const ROLES: Record<string, RoleSpec> = {
  // 三员分立 (GB/T 22239-2019 8.1.5.1–8.1.5.3): three administrators, none with `*`, none acting on the
  // government's business. 系统管理: accounts, organisation, calendar, packs, seals.
  admin: { label: '系统管理员', permissions: ['accounts.read', 'accounts.manage', 'org.read', 'org.write', 'org.admin', 'calendar.read', 'calendar.admin', 'pack.*', 'seals.manage'] },
  // 安全管理: who holds which role, the password and session policy, unlocking accounts
  security_admin: { label: '安全保密管理员', permissions: ['accounts.read', 'accounts.grant', 'accounts.unlock', 'security.read'] },
  // 审计管理: reads, reviews, exports and verifies the audit record; changes nothing
  security_auditor: { label: '安全审计员', permissions: ['audit.read', 'audit.review', 'audit.export', 'audit.verify'] },
  office_clerk: { label: '市政府办公室文书', permissions: OFFICE },
  office_secretary: { label: '市政府办公室秘书', permissions: OFFICE },
  dept_clerk: { label: '部门文书', permissions: ['org.read', 'calendar.read', 'pack.read', 'documents.*', 'meetings.read', 'meetings.propose', 'decisions.read', 'decisions.normative', 'supervision.read', 'supervision.report', 'leaders.duty', 'openness.read', 'openness.interpret', 'search.staff'] },
  dept_head: { label: '部门负责人', permissions: ['org.read', 'calendar.read', 'pack.read', 'documents.*', 'meetings.read', 'meetings.propose', 'meetings.attend', 'decisions.read', 'decisions.normative', 'supervision.read', 'supervision.report', 'leaders.trip', 'leaders.duty', 'openness.read', 'openness.interpret', 'search.staff'] },
  mayor: { label: '市长', permissions: LEADER },
  exec_vice_mayor: { label: '常务副市长', permissions: LEADER },
  vice_mayor: { label: '副市长', permissions: LEADER },
  // 秘书长 runs the office's daily work (第十二条), including keeping the organisation current
  secretary_general: { label: '秘书长', permissions: [...LEADER, 'org.admin'] },
  deputy_secretary_general: { label: '副秘书长', permissions: LEADER },
  duty_officer: { label: '值班员', permissions: ['org.read', 'calendar.read', 'pack.read', 'leaders.read', 'leaders.duty', 'search.staff'] },
  // the internal actor of timers, the seeder and the command line; never a login (accounts refuse it)
  system: { label: '系统', permissions: ['*'] },
  // the deployment's own administration (governments on it); a government's `*` does not reach it
  platform_admin: { label: '平台管理员', permissions: ['platform.*', 'pack.read'] },
};

/** Roles a government's accounts may hold: not the internal actor, not the deployment's own administrator. */
export const GRANTABLE_ROLES: readonly string[] = Object.keys(ROLES).filter((r) => r !== 'system' && r !== 'platform_admin');

/**
 * Permissions granted by name only, never by `*`: the deployment's (platform.) and the audit of the
 * administrators (audit.: the 安全审计员's alone, 8.1.5.2).
 */
const NAMED_ONLY_PREFIXES = ['platform.', 'audit.'];

export function roleGrants(pattern: string, permission: string): boolean {
  if (pattern === '*') return !NAMED_ONLY_PREFIXES.some((p) => permission.startsWith(p));
  if (pattern.endsWith('.*')) return permission.startsWith(pattern.slice(0, -1));
  return pattern === permission;
}

export function can(roles: readonly string[], permission: string): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  return roles.some((r) => (ROLES[r]?.permissions ?? []).some((p) => roleGrants(p, permission)));
}
