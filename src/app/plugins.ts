import type { BackgroundTask } from './background.ts';
import type { DemoSeeder } from './seed.ts';
import { seedDemoOrg } from './org/usecases.ts';
import { seedDemoMeetings } from './meetings/demo.ts';
import { seedDemoSupervision } from './supervision/demo.ts';
import { seedDemoDecisions } from './decisions/demo.ts';
import { seedDemoDocuments } from './documents/demo.ts';
import { seedDemoSeals } from './seals/usecases.ts';
import { calendarBackground, calendarSeeder } from './calendar/plugin.ts';
import { documentsBackground } from './documents/plugin.ts';
import { seedDemoOpenness } from './openness/demo.ts';
import { meetingsBackground } from './meetings/timers.ts';
import { searchBackground } from './search/documents.ts';
import { seedDemoAccountability } from './accountability/demo.ts';
import { decisionsBackground } from './decisions/timers.ts';
import { exchangeBackground } from './exchange/plugin.ts';
import { notificationsBackground } from './notifications/plugin.ts';

// What each context plugs into the runtime: its demo data (in dependency order) and its background work.

export const demoSeeders: DemoSeeder[] = [
  { name: 'org', run: seedDemoOrg },
  // before the documents: the demo's issued documents are sealed at 印发
  { name: 'seals', run: seedDemoSeals },
  { name: 'documents', run: seedDemoDocuments },
  { name: 'meetings', run: seedDemoMeetings },
  { name: 'supervision', run: seedDemoSupervision },
  { name: 'decisions', run: seedDemoDecisions },
  calendarSeeder,
  { name: 'openness', run: seedDemoOpenness },
  { name: 'accountability', run: seedDemoAccountability },
];

export const backgroundTasks: BackgroundTask[] = [
  meetingsBackground,
  decisionsBackground,
  calendarBackground,
  documentsBackground,
  searchBackground,
  exchangeBackground,
  notificationsBackground,
];
