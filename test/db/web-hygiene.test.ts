// 通信与 Web 安全: what an assessor checks on every response (security headers, no version disclosure)
// and the refusal of cross-site writes that ride on the session cookie (CSRF).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from './http-harness.ts';
import { buildServer, CONTENT_SECURITY_POLICY, crossSiteRefusal } from '../../src/http/server.ts';

const HOST = 'zt.wuwei.gov.cn';

function assertSecurityHeaders(h: Record<string, unknown>, where: string) {
  assert.equal(h['content-security-policy'], CONTENT_SECURITY_POLICY, where);
  assert.equal(h['x-content-type-options'], 'nosniff', where);
  assert.equal(h['x-frame-options'], 'DENY', where);
  assert.equal(h['referrer-policy'], 'same-origin', where);
  assert.equal(h['x-powered-by'], undefined, where);
  assert.equal(h['server'], undefined, where);
}

test('Web 安全: every API answer carries the security headers, no-store and no version; HSTS only over HTTPS', async () => {
  const s = await startTestServer();
  try {
    const cookie = await s.login('office-clerk');
    for (const [url, c] of [['/api/v1/auth/me', cookie], ['/api/v1/documents/workbench', cookie], ['/api/v1/no-such-route', cookie], ['/healthz', undefined]] as const) {
      const r = await s.app.inject({ method: 'GET', url, headers: c ? { cookie: c } : {} });
      assertSecurityHeaders(r.headers, url);
      assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
      if (url.startsWith('/api/')) assert.equal(r.headers['cache-control'], 'no-store', url);
      assert.doesNotMatch(r.body, /fastify|node\.js|v\d+\.\d+\.\d+|\bat .*\.ts:\d+/i, `${url} reveals no software, version or stack`);
    }
    const csp = CONTENT_SECURITY_POLICY;
    for (const d of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "img-src 'self' data: blob:"]) {
      assert.ok(csp.includes(d), d);
    }
    assert.doesNotMatch(csp.split('; ').find((x) => x.startsWith('script-src'))!, /unsafe/);
  } finally { await s.close(); }

  const secure = await startTestServer({ config: { secureCookie: true } });
  try {
    const r = await secure.app.inject({ method: 'GET', url: '/healthz' });
    assert.match(String(r.headers['strict-transport-security']), /^max-age=\d{7,}/);
  } finally { await secure.close(); }
});

test('Web 安全: the static web UI is served with the same headers and a CSP without inline scripts', async () => {
  const s = await startTestServer({ seed: false });
  const dist = mkdtempSync(join(tmpdir(), 'zt-web-'));
  try {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body><div id="root"></div></body></html>');
    writeFileSync(join(dist, 'assets', 'index.js'), 'console.log(1)');
    const fastifyStatic = (await import('@fastify/static')).default;
    // the server's own static set-up, on a folder of our own (web/dist may not be built in tests)
    const app = await buildServer({ deps: s.deps, config: s.config }, { serveWeb: false });
    await app.register(fastifyStatic, { root: dist, prefix: '/ui/' });
    await app.ready();
    for (const url of ['/ui/index.html', '/ui/assets/index.js']) {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 200, url);
      assertSecurityHeaders(r.headers, url);
    }
    await app.close();
    // the built page itself has no inline script where the build is there
    const { existsSync, readFileSync } = await import('node:fs');
    const { WEB_DIST } = await import('../../src/http/server.ts');
    if (existsSync(join(WEB_DIST, 'index.html'))) {
      const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc=/, `inline script in web/dist/index.html: ${tag}`);
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
    await s.close();
  }
});

test('CSRF: a cross-site write with the session cookie is refused with 403 and writes nothing; a same-origin one is accepted', async () => {
  const s = await startTestServer({ config: { publicOrigins: ['https://proxy.wuwei.gov.cn'] } });
  try {
    const cookie = await s.login('office-clerk');
    const count = async () => (await s.t.db.query('SELECT count(*)::int AS n FROM sessions WHERE ended_at IS NULL')).rows[0].n;
    const before = await count();
    const logout = (headers: Record<string, string>) =>
      s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, host: HOST, 'content-type': 'application/json', ...headers }, payload: '{}' });

    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example.com' },
      { origin: 'null' },
      { referer: 'https://evil.example.com/page.html' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: `https://${HOST}`, 'sec-fetch-site': 'cross-site' },
      { origin: `https://${HOST}.evil.example.com` },
    ]) {
      const r = await logout(headers);
      assert.equal(r.statusCode, 403, JSON.stringify(headers));
      assert.equal(r.json().code, 'REQUEST.CROSS_SITE');
      assert.match(r.json().message, /跨站/);
      assertSecurityHeaders(r.headers, 'refusal');
    }
    assert.equal(await count(), before, 'no refused request ended the session');
    // a form post (the one kind of cross-site write a page can make without CORS) is not a JSON write
    const form = await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });
    assert.equal(form.statusCode, 415);
    const plain = await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'content-type': 'text/plain' }, payload: 'a' });
    assert.equal(plain.json().code, 'REQUEST.UNSUPPORTED_MEDIA');
    assert.equal(await count(), before);

    // the system's own page, a configured public origin, and a client that is no browser all pass
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie, origin: 'https://evil.example.com' } })).statusCode, 200, 'reads are not writes');
    assert.equal(crossSiteRefusal({ host: HOST, origin: 'https://proxy.wuwei.gov.cn' }, s.config.publicOrigins), null);
    assert.equal(crossSiteRefusal({ host: HOST }, []), null, 'no Origin, Referer or Sec-Fetch-Site: not a browser');
    assert.equal(crossSiteRefusal({ host: HOST, 'sec-fetch-site': 'same-origin' }, []), null);
    const ok = await logout({ origin: `https://${HOST}`, 'sec-fetch-site': 'same-origin' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await count(), before - 1, 'the same-origin logout ended the session');
  } finally { await s.close(); }
});
