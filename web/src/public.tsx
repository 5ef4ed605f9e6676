import type { ReactNode } from 'react';

// Pages reachable without login (the public portal). Only published material may appear here.
export const publicRoutes: { path: string; element: ReactNode }[] = [
];
