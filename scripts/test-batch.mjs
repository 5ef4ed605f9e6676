// Runs several test files in one process (node --import tsx scripts/test-batch.mjs [--between m.ts] a.test.ts b.test.ts …),
// to pay Node's start-up and the loading of the product's modules once per batch instead of once per
// file. Each file's tests become a suite named after the file, so a failure still names its file.
// Unit files (no --between) share no state and are imported together. With --between, files run one
// after the other: a file is imported only once the previous one has finished, its `after` hooks
// included, so that nothing of one file's set-up runs during another's tests, and that module's
// resetBetweenFiles() runs before each file (test/db/between-files.ts puts back the environment and
// the process-wide state a database test may change).
import { after, describe } from 'node:test';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
let between = null;
if (args[0] === '--between') {
  between = (await import(pathToFileURL(resolve(args[1])).href)).resetBetweenFiles;
  args.splice(0, 2);
}

if (!between) {
  // unit files share no state: import them all at once, and let node:test run their suites in turn
  for (const file of args) {
    describe(relative(ROOT, file), async () => { await import(pathToFileURL(resolve(file)).href); });
  }
} else {
  let previous = Promise.resolve();
  for (const file of args) {
    const ready = previous;
    let finished;
    previous = new Promise((r) => { finished = r; });
    describe(relative(ROOT, file), async () => {
      await ready;
      try {
        await between();
        await import(pathToFileURL(resolve(file)).href);
      } finally {
        // registered last, so it runs after the file's own `after` hooks (even when one of them failed)
        after(() => finished());
      }
    });
  }
}
