import { backgroundTasks } from './plugins.ts';
import type { AppDeps } from './context.ts';

/** Background work started with the server (timers, reminders …); each context registers its own. */
export type BackgroundTask = (deps: AppDeps) => Promise<{ stop(): Promise<void> }>;


export async function startBackground(deps: AppDeps): Promise<{ stop(): Promise<void> }> {
  const running: { stop(): Promise<void> }[] = [];
  for (const t of backgroundTasks) running.push(await t(deps));
  return { async stop() { for (const r of running.reverse()) await r.stop(); } };
}
