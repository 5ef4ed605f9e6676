// Roles → permissions. A permission is `<context>.<action>`; a role grants patterns (`documents.*`).
// Routes declare the permission they need; anything undeclared is denied.

export interface RoleSpec {
  label: string;
  permissions: string[];
}

const LEADER = ['org.read', 'calendar.read', 'pack.read', 'documents.*', 'meetings.*', 'decisions.*', 'supervision.*', 'leaders.*', 'openness.read', 'search.staff', 'audit.read'];

export const ROLES: Record<string, RoleSpec> = {
  admin: { label: '系统管理员', permissions: ['*'] },
  office_clerk: { label: '市政府办公室文书', permissions: ['org.read', 'org.write', 'calendar.read', 'pack.read', 'documents.*', 'meetings.*', 'decisions.*', 'supervision.*', 'leaders.*', 'openness.*', 'search.staff', 'audit.read'] },
  office_secretary: { label: '市政府办公室秘书', permissions: ['org.read', 'org.write', 'calendar.read', 'pack.read', 'documents.*', 'meetings.*', 'decisions.*', 'supervision.*', 'leaders.*', 'openness.*', 'search.staff', 'audit.read'] },
  dept_clerk: { label: '部门文书', permissions: ['org.read', 'calendar.read', 'pack.read', 'documents.*', 'meetings.read', 'meetings.propose', 'decisions.read', 'decisions.normative', 'supervision.read', 'supervision.report', 'leaders.duty', 'openness.read', 'openness.interpret', 'search.staff'] },
  dept_head: { label: '部门负责人', permissions: ['org.read', 'calendar.read', 'pack.read', 'documents.*', 'meetings.read', 'meetings.propose', 'meetings.attend', 'decisions.read', 'decisions.normative', 'supervision.read', 'supervision.report', 'leaders.trip', 'leaders.duty', 'openness.read', 'openness.interpret', 'search.staff'] },
  mayor: { label: '市长', permissions: LEADER },
  exec_vice_mayor: { label: '常务副市长', permissions: LEADER },
  vice_mayor: { label: '副市长', permissions: LEADER },
  // 秘书长 runs the office's daily work (第十二条), including keeping the organisation current
  secretary_general: { label: '秘书长', permissions: [...LEADER, 'org.admin'] },
  deputy_secretary_general: { label: '副秘书长', permissions: LEADER },
  duty_officer: { label: '值班员', permissions: ['org.read', 'calendar.read', 'pack.read', 'leaders.read', 'leaders.duty', 'search.staff'] },
  system: { label: '系统', permissions: ['*'] },
  // the deployment's own administration (governments on it); a government's `*` does not reach it
  platform_admin: { label: '平台管理员', permissions: ['platform.*', 'pack.read'] },
};

/** Permissions about the deployment rather than one government: granted by name, never by `*`. */
const PLATFORM_PREFIX = 'platform.';

export function roleGrants(pattern: string, permission: string): boolean {
  if (pattern === '*') return !permission.startsWith(PLATFORM_PREFIX);
  if (pattern.endsWith('.*')) return permission.startsWith(pattern.slice(0, -1));
  return pattern === permission;
}

export function can(roles: readonly string[], permission: string): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  return roles.some((r) => (ROLES[r]?.permissions ?? []).some((p) => roleGrants(p, permission)));
}
