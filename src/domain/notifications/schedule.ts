// When a delivery goes out, and when a failed one is tried again. Pure: the instant, the time zone's
// offset and the settings come in as arguments.
import type { QuietHours } from './preferences.ts';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** Whether a local minute of the day lies inside quiet hours (an end before the start spans midnight). */
export function inQuietHours(localMinute: number, q: QuietHours): boolean {
  const s = minutesOf(q.start);
  const e = minutesOf(q.end);
  return s < e ? localMinute >= s && localMinute < e : localMinute >= s || localMinute < e;
}

/**
 * The instant a delivery may go out: now, or the end of the quiet hours now falls in (`held`: it
 * then goes out with the digest). `utcOffsetMinutes` is the government's time zone (Asia/Shanghai).
 */
export function releaseAt(now: Date, quiet: QuietHours | null, utcOffsetMinutes: number): { at: Date; held: boolean } {
  if (!quiet) return { at: now, held: false };
  const localMs = now.getTime() + utcOffsetMinutes * MINUTE_MS;
  const minute = Math.floor((localMs % (DAY_MINUTES * MINUTE_MS)) / MINUTE_MS);
  if (!inQuietHours(minute, quiet)) return { at: now, held: false };
  const end = minutesOf(quiet.end);
  const localMidnight = localMs - (localMs % (DAY_MINUTES * MINUTE_MS));
  const days = minute < end ? 0 : 1;
  const releaseLocal = localMidnight + (days * DAY_MINUTES + end) * MINUTE_MS;
  return { at: new Date(releaseLocal - utcOffsetMinutes * MINUTE_MS), held: true };
}

/**
 * After the `attempts`-th failed attempt: when to try again (the back-off schedule, in seconds, from
 * ZHENGTONG_NOTIFY_RETRY_SECONDS), or null when the schedule is spent and the delivery has failed.
 */
export function retryAt(now: Date, attempts: number, backoffSeconds: readonly number[]): Date | null {
  if (attempts < 1 || attempts > backoffSeconds.length) return null;
  return new Date(now.getTime() + backoffSeconds[attempts - 1] * 1000);
}
