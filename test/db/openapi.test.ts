import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApi } from '../../src/http/openapi.ts';
import { openTestDb } from './harness.ts';

test('docs/openapi.json is the OpenAPI document of the running routes (run `npm run docs` after a change)', async () => {
  const committed = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/openapi.json'), 'utf8'));
  const t = await openTestDb();
  try {
    assert.deepEqual(committed, JSON.parse(JSON.stringify(await generateOpenApi(t.db))));
  } finally {
    await t.close();
  }
});
