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
}

export const SessionContext = createContext<{ me: Me | null; refresh: () => void }>({ me: null, refresh: () => {} });
export const useSession = () => useContext(SessionContext);
