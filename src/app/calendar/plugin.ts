// What the calendar plugs into the runtime: the shipped holiday arrangements as demo data, and the
// durable-timer worker (with the calendar's reminder and 催办 timer kinds) as background work.
import type { BackgroundTask } from '../background.ts';
import type { DemoSeeder } from '../seed.ts';
import { startTimerWorker } from '../../jobs/timers.ts';
import { registerCalendarTimerKinds } from './deadlines.ts';
import { loadCalendar, refreshCalendar, seedShippedYears } from './store.ts';

export const calendarSeeder: DemoSeeder = {
  name: 'calendar',
  run: async (ctx) => {
    await seedShippedYears(ctx);
  },
};

/** Loads the calendar from the database, then fires due timers (those missed while down first) and polls. */
export const calendarBackground: BackgroundTask = async (deps) => {
  registerCalendarTimerKinds();
  await loadCalendar(deps.db);
  return startTimerWorker(deps, { beforePoll: async (d) => void (await refreshCalendar(d.db)) });
};
