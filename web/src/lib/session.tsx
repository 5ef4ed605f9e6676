import { createContext, useContext } from 'react';

export interface Me {
  userId: string;
  login: string;
  displayName: string;
  personId: string | null;
  roles: string[];
  roleLabels: string[];
  /** the government the account belongs to */
  government: { id: string; name: string; shortName: string | null } | null;
  /** 8.1.4.1 a: expiry and its warning; the change required now (enforced unless the demo skips it) */
  password: { changeRequired: boolean; reason: 'first_sign_in' | 'expired' | null; enforced: boolean; expiresAt: string | null; daysLeft: number; warn: boolean };
}

export const SessionContext = createContext<{ me: Me | null; refresh: () => void }>({ me: null, refresh: () => {} });
export const useSession = () => useContext(SessionContext);
