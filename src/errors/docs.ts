import { articleLabel } from '../domain/shared/article.ts';
import { errorTable } from './index.ts';

const articleName = (n?: number) => (n == null ? '' : articleLabel(n));

/** docs/errors.md: every error code of the API, what it means, how to fix it, and its article. */
export function renderErrorsDoc(): string {
  const rows = Object.entries(errorTable)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.message} | ${e.fix} | ${articleName(e.article)} |`);
  return [
    '# 错误代码 / Error codes',
    '',
    'Every error of the API has the shape `{code, message, article?, violations[]}`. A refused action lists',
    'every violated rule in `violations`, each with its own code and article. Codes are stable; a retired code',
    'is never reused. This file is generated from `src/errors/` (`npm run docs`); a test keeps it current.',
    '',
    '| 代码 code | HTTP | 含义 meaning | 如何处理 how to fix | 依据 article |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
