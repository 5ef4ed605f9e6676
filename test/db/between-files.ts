// What a database test file may leave behind in its process, put back before the next file of a batch
// starts (scripts/test-batch.mjs runs several files in one process, one after the other): the
// environment, and the process-wide state the product keeps — the calendar built from a database, the
// governments and packs learnt, the notification settings, the key ring and the organisation port.
// A file run alone starts from exactly this state too.
import { forgetLoadedCalendar } from '../../src/app/calendar/store.ts';
import { forgetGovernments } from '../../src/app/tenancy/registry.ts';
import { setNotificationSettings } from '../../src/app/notifications/settings.ts';
import { loadKeyRing, useKeyRing } from '../../src/crypto/keys.ts';
import { setOrgPort } from '../../src/app/documents/ports.ts';

const startEnv = { ...process.env };

export function resetBetweenFiles(): void {
  for (const k of Object.keys(process.env)) if (!(k in startEnv)) delete process.env[k];
  Object.assign(process.env, startEnv);
  forgetLoadedCalendar();
  forgetGovernments();
  setNotificationSettings(null);
  useKeyRing(loadKeyRing());
  setOrgPort(null);
}
