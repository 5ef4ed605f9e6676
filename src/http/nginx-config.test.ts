// The nginx site shipped in deploy/ agrees with the server: its own 503 speaks the API's error shape
// with the table's code and message, it lets through the largest body a route accepts, and it never
// repeats a write that reached a node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorTable } from '../errors/index.ts';
import { loadConfig } from '../config.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const conf = readFileSync(join(ROOT, 'deploy', 'nginx', 'zhengtong.conf'), 'utf8');

test('nginx: the answer it gives when no node can take a request is the API error shape of SERVER.UNAVAILABLE, with Retry-After', () => {
  const body = /return 503 '([^']+)'/.exec(conf)?.[1];
  assert.ok(body, 'a 503 of its own');
  const spec = errorTable['SERVER.UNAVAILABLE'];
  assert.equal(spec.status, 503);
  assert.deepEqual(JSON.parse(body), { code: 'SERVER.UNAVAILABLE', message: spec.message, violations: [] });
  assert.match(conf, /add_header Retry-After \d+ always;/);
  assert.match(conf, /error_page 502 504 = @node_unavailable;/);
});

test('nginx: client_max_body_size lets through the largest body a route accepts', () => {
  const mib = Number(/client_max_body_size (\d+)m;/.exec(conf)?.[1]);
  const routes = join(ROOT, 'src', 'http', 'routes');
  const limits = readdirSync(routes).filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(routes, f), 'utf8').matchAll(/bodyLimit: (\d+) \* 1024 \* 1024/g)].map((m) => Number(m[1])));
  assert.ok(limits.length > 0, 'routes with a larger body limit exist');
  assert.equal(mib, Math.max(...limits), 'exactly the largest route limit (MiB)');
  assert.ok(mib * 1024 * 1024 >= loadConfig({}).bodyLimitBytes);
});

test('nginx: passive health checks on every node, and a write that reached a node is never sent to another', () => {
  const servers = [...conf.matchAll(/^\s*server 127\.0\.0\.1:\d+ (.*);$/gm)].map((m) => m[1]);
  assert.equal(servers.length, 3, 'three nodes');
  for (const s of servers) assert.match(s, /max_fails=\d+ fail_timeout=\d+s/);
  const next = /proxy_next_upstream ([^;]+);/.exec(conf)?.[1] ?? '';
  assert.doesNotMatch(next, /non_idempotent|http_5\d\d/, 'only requests that never reached a node are retried elsewhere');
  assert.match(conf, /proxy_set_header X-Forwarded-For \$remote_addr;/, 'the client address is nginx\'s to say (ZHENGTONG_TRUST_PROXY)');
  assert.match(conf, /location \/api\/v1\/notifications\/stream \{[^}]*proxy_buffering off;/, 'live updates are not buffered');
});
