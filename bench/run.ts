// Benchmark runner: `npm run bench -- <name> [args]` imports bench/<name>.ts and calls its run(args).
// Each benchmark prints its own figures and their ratio to its stated baseline.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`用法: npm run bench -- <名称>\n可用: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
const mod = await import(join(import.meta.dirname, `${name}.ts`));
await mod.run(args);
