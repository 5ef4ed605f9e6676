// Chinese word segmentation with @node-rs/jieba and the government dictionary. The index uses the
// search mode (a long word also yields its parts: 武威市人民政府 → 武威, 武威市, 人民, 政府 …) so that a
// query for a part finds the whole; the query uses the precise mode.
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { toLexemes } from '../../domain/openness/search.ts';
import { dictionaryText } from './dictionary.ts';

let jieba: Jieba | undefined;

// The segmenter and its 11 MB dictionary are loaded on the first text indexed or searched, not at start.
const require = createRequire(import.meta.url);

function instance(): Jieba {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(dictionaryText(), 'utf8'));
  }
  return jieba;
}

/** Lexemes of a text for the index (search mode). */
export function indexTokens(text: string): string[] {
  if (!text) return [];
  return toLexemes(instance().cutForSearch(text, true));
}

/** Lexemes of a query (precise mode), at most `max`. */
export function queryTokens(text: string, max: number): string[] {
  return toLexemes(instance().cut(text, true), max);
}
