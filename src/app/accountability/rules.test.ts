import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPackDir, loadDefaultPack, loadPack } from '../../rules/index.ts';
import { rulesOn } from './rules.ts';

const ON = '2026-03-02';

test('第八十九条: the returns that put an item on the accountability list are the pack\'s, with its article', () => {
  const r = rulesOn(ON, loadDefaultPack());
  assert.deepEqual(r.returnActions, { actions: ['accountability.suggestion.return', 'accountability.proposal.return', 'document.returned'], article: 89 });
  // a pack that lists other returns changes the list without touching the code
  const dir = mkdtempSync(join(tmpdir(), 'zt-pack-'));
  try {
    cpSync(defaultPackDir(), dir, { recursive: true });
    const file = join(dir, 'rules', 'accountability.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('value: [accountability.suggestion.return, accountability.proposal.return, document.returned]', 'value: [document.returned]'));
    assert.deepEqual(rulesOn(ON, loadPack(dir)).returnActions.actions, ['document.returned']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('第四十四条 and 第四十七条: suggestion, proposal and public-supervision results are published under a 第三十八条 category', () => {
  const pack = loadDefaultPack();
  const r = rulesOn(ON, pack);
  const categories = [...pack.param('openness.portal.categories', 'institutional', ON).value as string[], ...pack.param('openness.portal.categories', 'priorities', ON).value as string[]];
  assert.deepEqual(Object.entries(r.results).map(([k, v]) => [k, v!.article]).sort(), [['media', 47], ['proposal', 44], ['suggestion', 44]]);
  for (const v of Object.values(r.results)) assert.ok(categories.includes(v!.category), v!.category);
  assert.equal(r.results.petition, undefined, '信访事项 carry personal information and are never published');
});
