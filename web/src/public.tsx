import type { ReactNode } from 'react';
import { Portal } from './portal/Portal.tsx';

// Pages reachable without login (the public portal). Only published material may appear here.
export const publicRoutes: { path: string; element: ReactNode }[] = [
  { path: '/portal', element: <Portal /> },
];
