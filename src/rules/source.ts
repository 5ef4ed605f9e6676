// Splits the official text into its articles (第一条 … 第一百条) with stable ids, so that every rule,
// test and message can point at the exact words it comes from. Pure: takes the text, returns the parts.
import { articleLabel } from '../domain/shared/article.ts';

export interface Chapter {
  /** 1 for 第一章 */
  number: number;
  /** 第一章 */
  label: string;
  /** 总则 */
  title: string;
}

export interface Article {
  /** stable id: 66 for 第六十六条 */
  number: number;
  /** 第六十六条 */
  label: string;
  chapter: Chapter;
  /** the article's words without its label; paragraphs separated by "\n" */
  text: string;
}

export interface ParsedSource {
  /** the document header before 第一章 (the issuing notice and the title) */
  header: string;
  articles: Article[];
  /** the 版记 after the last article (抄送 … 印发) */
  colophon: string;
}

const NUMERAL = '[零〇一二三四五六七八九十百]+';
const CHAPTER_LINE = new RegExp(`^第(${NUMERAL})章[\\s\\u3000]*(.*)$`);
const ARTICLE_LINE = new RegExp(`^第(${NUMERAL})条[\\s\\u3000]*(.*)$`);
// The 版记 starts with these; nothing after them is article text.
const COLOPHON_LINE = /^(抄送|公开属性|印发机关)[：:]/;

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 六十六 → 66, 一百 → 100, 十三 → 13 */
export function parseChineseNumber(s: string): number {
  let total = 0;
  let pending = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (pending || 1) * 100;
      pending = 0;
    } else if (ch === '十') {
      total += (pending || 1) * 10;
      pending = 0;
    } else if (ch in DIGIT) pending = DIGIT[ch];
    else throw new RangeError(`不是中文数字：${s}`);
  }
  return total + pending;
}

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
// The text came through a conversion that put spaces around numbers ("在 2 个工作日内") and list
// markers ("- (一)"); they are not part of the words, and searching for 2个工作日 must find them.
const SPACE_AFTER = new RegExp(`([${CJK}0-9),;:])[ \\t\\u00a0]+(?=[${CJK}])`, 'g');
const SPACE_BEFORE = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=[0-9(])`, 'g');
export const normaliseSpacing = (s: string): string => s.replace(SPACE_AFTER, '$1').replace(SPACE_BEFORE, '$1');

// A line that ends a sentence or introduces a list ends a paragraph; any other line break inside an
// article is a stray break from the page layout (第二条 …社会主义现代化 / 武威新篇章) and is joined.
const ENDS_PARAGRAPH = /[。；;：:！？!?]$/;

function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = normaliseSpacing(raw.replace(/^-\s+/, '').trim());
    if (!line) continue;
    if (!out) out = line;
    else out += (ENDS_PARAGRAPH.test(out) ? '\n' : '') + line;
  }
  return out;
}

const tidyBlock = (lines: string[]): string =>
  lines
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n');

/** Problems are thrown as one RangeError listing each, in Chinese. */
export function parseSource(text: string): ParsedSource {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const header: string[] = [];
  const colophon: string[] = [];
  const drafts: { number: number; chapter: Chapter; lines: string[] }[] = [];
  const problems: string[] = [];
  let chapter: Chapter | null = null;
  let inColophon = false;

  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (inColophon) {
      colophon.push(line);
      continue;
    }
    const c = CHAPTER_LINE.exec(line);
    if (c) {
      const number = parseChineseNumber(c[1]);
      const expected: number = (chapter?.number ?? 0) + 1;
      if (number !== expected) problems.push(`第 ${i + 1} 行：应为第${expected}章，实际为${line}`);
      chapter = { number, label: `第${c[1]}章`, title: c[2].replace(/[\s\u3000]+/g, '') };
      continue;
    }
    if (!chapter) {
      header.push(line);
      continue;
    }
    const a = ARTICLE_LINE.exec(line);
    if (a) {
      const number = parseChineseNumber(a[1]);
      const expected: number = (drafts[drafts.length - 1]?.number ?? 0) + 1;
      if (number !== expected) problems.push(`第 ${i + 1} 行：应为${articleLabel(expected)}，实际为第${a[1]}条`);
      drafts.push({ number, chapter, lines: [a[2]] });
      continue;
    }
    if (drafts.length && COLOPHON_LINE.test(line)) {
      inColophon = true;
      colophon.push(line);
      continue;
    }
    if (!drafts.length || drafts[drafts.length - 1].chapter !== chapter) {
      if (line) problems.push(`第 ${i + 1} 行：章标题与第一条之间有无法归属的文字：${line.slice(0, 20)}`);
      continue;
    }
    drafts[drafts.length - 1].lines.push(line);
  }
  if (!drafts.length) problems.push('没有找到任何条文（第一条 …）');
  if (problems.length) throw new RangeError(problems.join('\n'));

  return {
    header: tidyBlock(header),
    articles: drafts.map((d) => ({
      number: d.number,
      label: articleLabel(d.number),
      chapter: d.chapter,
      text: joinLines(d.lines),
    })),
    colophon: tidyBlock(colophon),
  };
}
