import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultPack } from '../../rules/index.ts';
import { documentParams } from './rules.ts';
import { TEST_PARAMS } from '../../domain/documents/fixture.ts';

test('第六十二条–第八十二条: the Wuwei pack yields exactly the parameters the case tables use', () => {
  assert.deepEqual(documentParams(loadDefaultPack(), '2026-03-02'), TEST_PARAMS);
});
