// Builds the PGlite snapshots most test files start from (the migrated schema; the demo seeded at the
// default moment of test/db/http-harness.ts), so that parallel test files find them ready.
import { seededSnapshot } from './harness.ts';
import { DEFAULT_TEST_NOW } from './http-harness.ts';
import { pgliteSnapshot } from './snapshots.ts';

await pgliteSnapshot({ seed: null });
await seededSnapshot(DEFAULT_TEST_NOW);
