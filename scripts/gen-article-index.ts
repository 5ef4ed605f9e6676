// Writes docs/article-index.md: from each article of the rules, in one hop, the rules that carry it,
// the code that uses those rules, and the tests named after it. A test keeps the file current.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultPack, repoRoot } from '../src/rules/index.ts';
import { renderArticleIndex } from '../src/rules/article-index.ts';

const out = join(repoRoot(), 'docs', 'article-index.md');
writeFileSync(out, renderArticleIndex(loadDefaultPack(), repoRoot()));
console.log(`已写入 ${out}`);
