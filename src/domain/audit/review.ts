// 审计管理 (GB/T 22239-2019 8.1.10.3 c): the audit of the administrators is the 安全审计员's, and
// nobody else's. The business record (公文、会议、督查… who did what under which article) stays
// readable with audit.read; what the system's administrators did is readable with audit.review only.
import { THREE_ADMINISTRATORS } from '../accounts/index.ts';

/** Roles whose holders administer the system rather than do the government's business: the three of 三员分立 and the platform's. */
export const ADMINISTRATOR_ROLES: readonly string[] = [...THREE_ADMINISTRATORS, 'platform_admin'];

/** Actions that are administration whoever takes them: accounts and the security settings. */
export const ADMINISTRATIVE_ACTION_PREFIXES: readonly string[] = ['account.', 'security.'];

/** Sign-in actions: administrative when the account signing in is an administrator's. */
export const SIGN_IN_ACTION_PREFIX = 'auth.';

export const holdsAdministratorRole = (roles: readonly string[] | null | undefined): boolean =>
  (roles ?? []).some((r) => ADMINISTRATOR_ROLES.includes(r));

/**
 * Whether a record is an administrator's action: its actor held an administrator role, or the action
 * is account or security administration, or it is the sign-in (or failed sign-in) of an administrator's
 * account (`subjectIsAdministrator`: the account the auth.* record is about holds such a role).
 */
export function isAdministrativeAction(actorRoles: readonly string[] | null | undefined, action: string, subjectIsAdministrator = false): boolean {
  if (holdsAdministratorRole(actorRoles)) return true;
  if (ADMINISTRATIVE_ACTION_PREFIXES.some((p) => action.startsWith(p))) return true;
  return action.startsWith(SIGN_IN_ACTION_PREFIX) && subjectIsAdministrator;
}
