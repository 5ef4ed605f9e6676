import type { RouteModule } from '../types.ts';
import authRoutes from './auth.ts';
import auditRoutes from './audit.ts';
import orgRoutes from './org.ts';
import packRoutes from './pack.ts';
import supervisionRoutes from './supervision.ts';
import leadersRoutes from './leaders.ts';
import meetingsRoutes from './meetings.ts';
import calendarRoutes from './calendar.ts';
import documentsRoutes from './documents.ts';
import opennessRoutes from './openness.ts';
import publicRoutes from './public.ts';
import searchRoutes from './search.ts';
import accountabilityRoutes from './accountability.ts';
import decisionsRoutes from './decisions.ts';
import governmentsRoutes from './governments.ts';
import exchangeRoutes from './exchange.ts';
import sealsRoutes from './seals.ts';
import accountsRoutes from './accounts.ts';
import notificationsRoutes from './notifications.ts';
import runtimeRoutes from './runtime.ts';

// Every context registers its routes here, under /api/v1.
export const routeModules: RouteModule[] = [
  calendarRoutes,
  meetingsRoutes,
  authRoutes,
  auditRoutes,
  orgRoutes,
  packRoutes,
  supervisionRoutes,
  leadersRoutes,
  documentsRoutes,
  opennessRoutes,
  publicRoutes,
  searchRoutes,
  decisionsRoutes,
  accountabilityRoutes,
  governmentsRoutes,
  exchangeRoutes,
  sealsRoutes,
  accountsRoutes,
  notificationsRoutes,
  runtimeRoutes,
];
