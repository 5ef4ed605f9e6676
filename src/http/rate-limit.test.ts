import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limit.ts';

const LIMIT = { max: 2, windowSeconds: 10 };

test('rate limit: a fixed window per key allows max requests, then answers the seconds left until it ends', () => {
  let now = 1_000_000;
  const l = new RateLimiter(() => now);
  assert.deepEqual([l.hit('a', LIMIT), l.hit('a', LIMIT)], [{ allowed: true }, { allowed: true }]);
  assert.deepEqual(l.hit('a', LIMIT), { allowed: false, retryAfterSeconds: 10 });
  assert.deepEqual(l.hit('b', LIMIT), { allowed: true });
  now += 9_001;
  assert.deepEqual(l.hit('a', LIMIT), { allowed: false, retryAfterSeconds: 1 });
  now += 999;
  assert.deepEqual(l.hit('a', LIMIT), { allowed: true });
});

test('rate limit: the number of windows kept is bounded; expired windows go first, then the oldest', () => {
  let now = 0;
  const l = new RateLimiter(() => now, 3);
  for (const k of ['a', 'b', 'c']) l.hit(k, LIMIT);
  l.hit('a', LIMIT);
  now += 10_000;
  l.hit('d', LIMIT);
  assert.equal(l.size, 1, 'the expired windows were dropped');
  for (const k of ['e', 'f', 'g', 'h']) l.hit(k, LIMIT);
  assert.equal(l.size, 3);
  assert.deepEqual([l.hit('h', LIMIT), l.hit('h', LIMIT)], [{ allowed: true }, { allowed: false, retryAfterSeconds: 10 }], 'the newest window is kept');
});
