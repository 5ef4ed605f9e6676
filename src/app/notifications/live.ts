// Live inbox counts for the Server-Sent Events stream. Every change of an inbox is announced with
// NOTIFY in the transaction that makes it (notify.ts), so it is heard only once committed — by every
// server process on the same PostgreSQL, through LISTEN, and on the embedded PGlite by its own listener.
// A stream also re-reads its count now and then, so a missed announcement is only late, never lost.
import { createHash } from 'node:crypto';
import type { Db } from '../../store/db.ts';
import { INBOX_CHANNEL } from './notify.ts';

type Subscriber = () => void;

interface Hub {
  subscribers: Map<string, Set<Subscriber>>;
  ready: Promise<void>;
  stop: (() => Promise<void>) | null;
}

const hubs = new WeakMap<Db, Hub>();

function hubOf(db: Db): Hub {
  let hub = hubs.get(db);
  if (hub) return hub;
  const h: Hub = { subscribers: new Map(), ready: Promise.resolve(), stop: null };
  hub = h;
  hubs.set(db, h);
  if (db.listen) {
    h.ready = db.listen(INBOX_CHANNEL, (payload) => {
      for (const fn of h.subscribers.get(payload) ?? []) fn();
    }).then((stop) => { h.stop = stop; }, (e) => { console.error('消息实时通道不可用，改为定时刷新', e); });
  }
  return hub;
}

/** Calls fn after each committed change of this person's inbox; resolves to unsubscribe. */
export async function onInboxChange(db: Db, tenantId: string, personId: string, fn: Subscriber): Promise<() => void> {
  const hub = hubOf(db);
  await hub.ready;
  const key = `${tenantId}:${personId}`;
  let set = hub.subscribers.get(key);
  if (!set) hub.subscribers.set(key, (set = new Set()));
  set.add(fn);
  return () => {
    set!.delete(fn);
    if (!set!.size) hub.subscribers.delete(key);
  };
}

/** Stops listening on this database (the server closes). */
export async function stopInboxListener(db: Db): Promise<void> {
  const hub = hubs.get(db);
  if (!hub) return;
  hubs.delete(db);
  await hub.ready;
  await hub.stop?.();
}

/**
 * Whether a session is still good (not ended, not idle past the limit, not past its end, its account
 * and government active) — read only: a stream left open does not keep its session alive.
 */
export async function sessionStillValid(db: Db, token: string, now: Date, idleMinutes: number): Promise<boolean> {
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT (s.ended_at IS NULL AND NOT u.disabled AND g.suspended_at IS NULL
             AND $2::timestamptz <= s.last_seen_at + $3::float8 * interval '1 minute' AND $2::timestamptz <= s.expires_at) AS ok
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN tenants g ON g.id = s.tenant_id WHERE s.token_hash = $1`,
    [hash, now, idleMinutes]);
  return Boolean(rows[0]?.ok);
}
