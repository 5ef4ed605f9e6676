// A derived pack's words: the county says 区长 where the city's rules say 市长. Pure text replacement,
// longest match first, so that the result does not depend on the order the words are listed in.
import type { VocabularyEntry } from './schema.ts';

export type Speak = (text: string) => string;

export const identity: Speak = (text) => text;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The replacement a vocabulary makes: scanning left to right, at each position the longest `from` that
 * matches is replaced by its `to` and the scan continues after it. So 常务副市长 → 常务副区长 and
 * 副市长 → 副区长 whatever the list order, and a `to` is never itself replaced (市委 → 区委 does not
 * turn into anything else even if 区委 were a `from`).
 */
export function compileVocabulary(entries: readonly VocabularyEntry[]): Speak {
  if (entries.length === 0) return identity;
  const to = new Map(entries.map((e) => [e.from, e.to]));
  // a regex alternation takes the first alternative that matches at the leftmost position: longest first
  const froms = [...to.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const pattern = new RegExp(froms.map(escape).join('|'), 'gu');
  return (text) => text.replace(pattern, (m) => to.get(m) as string);
}

/** A derived pack speaks its base's words first, then its own. */
export const composeSpeak = (base: Speak, own: Speak): Speak =>
  base === identity ? own : own === identity ? base : (text) => own(base(text));
