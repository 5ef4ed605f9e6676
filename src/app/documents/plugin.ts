// Background work of the documents context: its durable timer kinds (第六十六条 无不同意见, 第七十三条 reminder
// and 催办) fired by the timer worker every server process runs (src/jobs). The kinds are registered when
// this module loads, before the worker starts; registering again here is harmless.
import type { BackgroundTask } from '../background.ts';
import { registerDocumentTimerKinds } from './timers.ts';

export const documentsBackground: BackgroundTask = async () => {
  registerDocumentTimerKinds();
  return { async stop() {} };
};
