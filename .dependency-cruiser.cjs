/** Layer rules of 政通 (docs/architecture.md). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain code imports no storage, HTTP, use-case, job, CLI or web code.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(store|http|app|jobs|cli|output)|web)/' },
    },
    {
      name: 'domain-no-io',
      comment: 'Domain code does no I/O: no file system, network, processes or database drivers.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(fs|node:fs|fs/promises|node:fs/promises|net|node:net|http|node:http|child_process|node:child_process|pg|@electric-sql/pglite)$|node_modules/(pg|@electric-sql|fastify)/' },
    },
    {
      name: 'rules-no-app',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { path: '^src/(store|http|app|jobs|cli)/' },
    },
    {
      name: 'app-not-http',
      comment: 'Use cases do not depend on the HTTP or CLI adapters.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'no-circular-domain',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
