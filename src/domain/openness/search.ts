// Search input: whatever a user types becomes a list of plain words. Operators of the text-search
// syntax (& | ! : * ( ) < > ' "), markup and control characters never reach the database as syntax —
// each word is passed as a bound parameter and matched as a literal lexeme.
export interface SearchLimits {
  /** longest accepted query, in characters */
  maxChars: number;
  /** most words used from one query */
  maxTerms: number;
}

export type QueryCheck = { ok: true; cleaned: string } | { ok: false; reason: 'empty' | 'too_long' };

/** Strips everything but letters, digits and a few document-number characters (〔〕号). */
export function cleanQuery(raw: string, limits: SearchLimits): QueryCheck {
  if ([...raw].length > limits.maxChars) return { ok: false, reason: 'too_long' };
  const cleaned = raw
    .normalize('NFKC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^\p{L}\p{N}〔〕\[\]]+/gu, ' ')
    .replace(/[[\]]/g, (c) => (c === '[' ? '〔' : '〕'))
    .trim();
  if (!cleaned) return { ok: false, reason: 'empty' };
  return { ok: true, cleaned };
}

/** Lexemes for the index and the query: lower-cased, de-duplicated, without punctuation-only tokens. */
export function toLexemes(tokens: readonly string[], max = Infinity): string[] {
  const seen = new Set<string>();
  for (const t of tokens) {
    const w = t.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (w && !seen.has(w)) seen.add(w);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** A snippet around the first hit, with every hit wrapped in 【】 markers the UI turns into <mark>. */
export function snippet(text: string, terms: readonly string[], width: number): { text: string; highlights: [number, number][] } {
  const lower = text.toLowerCase();
  let first = -1;
  for (const t of terms) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(width / 4));
  const piece = text.slice(start, start + width);
  const pl = piece.toLowerCase();
  const ranges: [number, number][] = [];
  for (const t of terms) {
    if (!t) continue;
    let i = pl.indexOf(t.toLowerCase());
    while (i >= 0) {
      ranges.push([i, i + t.length]);
      i = pl.indexOf(t.toLowerCase(), i + t.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return { text: (start > 0 ? '…' : '') + piece + (start + width < text.length ? '…' : ''), highlights: merged.map(([a, b]) => [a + (start > 0 ? 1 : 0), b + (start > 0 ? 1 : 0)]) };
}
