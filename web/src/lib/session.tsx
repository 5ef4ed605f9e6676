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
  /** every permission a route declares that the user holds (what the menu asks) */
  granted: string[];
  /** the government the account belongs to */
  government: { id: string; name: string; shortName: string | null } | null;
  /** 8.1.4.1 a: expiry and its warning; the change required now (enforced unless the demo skips it) */
  password: { changeRequired: boolean; reason: 'first_sign_in' | 'expired' | null; enforced: boolean; expiresAt: string | null; daysLeft: number; warn: boolean };
}

/** Whether the signed-in user holds one of `permissions` (none given: any signed-in user). The server
 *  decides (`granted` of /auth/me, by the rule every request is checked with); the UI only hides what
 *  would be refused. */
export const allows = (me: Pick<Me, 'granted'> | null, permissions: readonly string[] | undefined): boolean =>
  !permissions?.length || Boolean(me?.granted?.some((p) => permissions.includes(p)));

export const SessionContext = createContext<{ me: Me | null; refresh: () => void }>({ me: null, refresh: () => {} });
export const useSession = () => useContext(SessionContext);
