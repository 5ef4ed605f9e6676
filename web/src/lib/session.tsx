import { createContext, useContext } from 'react';

export interface Me {
  userId: string;
  login: string;
  displayName: string;
  personId: string | null;
  roles: string[];
  roleLabels: string[];
}

export const SessionContext = createContext<{ me: Me | null; refresh: () => void }>({ me: null, refresh: () => {} });
export const useSession = () => useContext(SessionContext);
