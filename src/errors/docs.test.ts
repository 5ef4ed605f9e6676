import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorsDoc } from './docs.ts';
import { errorTable } from './index.ts';

test('docs/errors.md lists every error code as the code defines it (run `npm run docs` after a change)', () => {
  const committed = readFileSync(join(import.meta.dirname, '../../docs/errors.md'), 'utf8');
  assert.equal(committed, renderErrorsDoc());
});

test('error table: every code has a 4xx/5xx status, a Chinese message and a fix', () => {
  for (const [code, e] of Object.entries(errorTable)) {
    assert.match(code, /^[A-Z]+(\.[A-Z0-9_]+)+$|^INTERNAL$/, code);
    assert.ok(e.status >= 400 && e.status < 600, code);
    assert.match(e.message, /[\u4e00-\u9fff]/, `${code} message must be Chinese`);
    assert.ok(e.fix.length > 0, code);
  }
});
