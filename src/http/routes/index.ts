import type { RouteModule } from '../types.ts';
import authRoutes from './auth.ts';
import auditRoutes from './audit.ts';
import orgRoutes from './org.ts';
import packRoutes from './pack.ts';
import meetingsRoutes from './meetings.ts';

// Every context registers its routes here, under /api/v1.
export const routeModules: RouteModule[] = [
  meetingsRoutes,
  authRoutes,
  auditRoutes,
  orgRoutes,
  packRoutes,
];
