import { createContext, useContext } from 'react';

export interface Me {
  userId: string;
  login: string;
  displayName: string;
  personId: string | null;
  roles: string[];
  roleLabels: string[];
  /** what the roles grant: names and patterns (`documents.*`; `*` reaches neither platform. nor audit.) */
  permissions: string[];
  /** the government the account belongs to */
  government: { id: string; name: string; shortName: string | null } | null;
  /** 8.1.4.1 a: expiry and its warning; the change required now (enforced unless the demo skips it) */
  password: { changeRequired: boolean; reason: 'first_sign_in' | 'expired' | null; enforced: boolean; expiresAt: string | null; daysLeft: number; warn: boolean };
}

// The server decides every request (src/app/auth/roles.ts roleGrants); the UI only hides what would be refused.
const NAMED_ONLY_PREFIXES = ['platform.', 'audit.'];
const grants = (pattern: string, permission: string) =>
  pattern === '*' ? !NAMED_ONLY_PREFIXES.some((p) => permission.startsWith(p))
    : pattern.endsWith('.*') ? permission.startsWith(pattern.slice(0, -1)) : pattern === permission;

/** Whether the signed-in user holds one of `permissions` (none given: any signed-in user). */
export const allows = (me: Pick<Me, 'permissions'> | null, permissions: readonly string[] | undefined): boolean =>
  !permissions?.length || Boolean(me?.permissions?.some((p) => permissions.some((q) => grants(p, q))));

export const SessionContext = createContext<{ me: Me | null; refresh: () => void }>({ me: null, refresh: () => {} });
export const useSession = () => useContext(SessionContext);
