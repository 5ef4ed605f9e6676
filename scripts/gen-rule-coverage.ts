// Writes docs/rule-coverage.md from the Wuwei pack: for each article, the rules that carry it or the
// reason it is not formalised. Exits non-zero when coverage has problems (the file is still written).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeCoverage, loadDefaultPack, renderCoverageMarkdown, repoRoot } from '../src/rules/index.ts';

const pack = loadDefaultPack();
const out = join(repoRoot(), 'docs', 'rule-coverage.md');
writeFileSync(out, renderCoverageMarkdown(pack));
const { problems } = computeCoverage(pack);
console.log(`已写入 ${out}（${pack.articles.length} 条，${pack.rules.length} 项规则）`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
