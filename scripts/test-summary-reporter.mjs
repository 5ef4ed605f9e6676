// node:test reporter that writes one JSON object: the run's counts and the names of the failed tests,
// read by scripts/test.mjs for its summary; for a batch of files (scripts/test-batch.mjs), the seconds of
// each file's suite, which order the next run.
export default async function* summary(source) {
  const counts = { pass: 0, fail: 0, skipped: 0, cancelled: 0, todo: 0, failures: [], suites: {} };
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.details?.type === 'suite') {
      counts.suites[event.data.name] = (event.data.details.duration_ms ?? 0) / 1000;
    }
    if (event.type === 'test:fail') {
      const d = event.data;
      const kind = d.details?.error?.failureType;
      if (d.details?.type !== 'suite' && kind !== 'subtestsFailed' && kind !== 'cancelledByParent') counts.failures.push(d.name);
    } else if (event.type === 'test:diagnostic') {
      const m = /^(pass|fail|skipped|cancelled|todo) (\d+)$/.exec(event.data.message);
      if (m) counts[m[1]] = Number(m[2]);
    }
  }
  yield JSON.stringify(counts);
}
