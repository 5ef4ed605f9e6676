// Runs several unit test files in one process (node --import tsx scripts/test-batch.mjs a.test.ts b.test.ts …):
// each file's tests become a suite named after the file, so a failure still names its file. Used by
// scripts/test.mjs for the pure unit files, which share no state, to pay Node's start-up once per batch
// instead of once per file.
import { describe } from 'node:test';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('..', import.meta.url).pathname;
for (const file of process.argv.slice(2)) {
  describe(relative(ROOT, file), async () => { await import(pathToFileURL(file).href); });
}
