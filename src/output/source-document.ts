// The rules document itself (武政发〔2023〕19号) as an OutputDocument, read from the pack's source.txt:
// its 版头 (mark, number), the 印发 notice, the regulation that follows it on new pages, and the 版记.
// It is the reference document of the layout tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors/index.ts';
import type { Imprint, OutputDocument, Paragraph } from './model.ts';
import { detectStyle } from './model.ts';

export const SOURCE_PATH = fileURLToPath(new URL('../../packs/wuwei-2023/source.txt', import.meta.url));

const CJK = '\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f';
const STARTS_UNIT = /^(第[一二三四五六七八九十百零]+[章条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;
const ENDS_PARAGRAPH = /[。：；！？”）]$/;

/** The official text as printed: full-width punctuation between Chinese characters, no stray spaces. */
export function normaliseText(s: string): string {
  return s
    .replace(new RegExp(`(?<=[${CJK}]) +(?=\\d)|(?<=\\d) +(?=[${CJK}])`, 'g'), '')
    .replace(new RegExp(`(?<=[${CJK}]),(?=[${CJK}])`, 'g'), '，')
    .replace(new RegExp(`(?<=[${CJK}]);(?=[${CJK}])`, 'g'), '；')
    .replace(/^(第[一二三四五六七八九十百零]+条) +/, '$1\u3000')
    .trim();
}

function isoOf(chinese: string): string | null {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(chinese);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
}

/** Joins lines that a page break split in the middle of a paragraph. */
export function joinParagraphs(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && !ENDS_PARAGRAPH.test(prev) && !STARTS_UNIT.test(line) && !/^第.+章/.test(prev)) {
      out[out.length - 1] = prev + line;
    } else out.push(line);
  }
  return out;
}

export function sourceDocument(text: string = readFileSync(SOURCE_PATH, 'utf8')): OutputDocument {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const fail = (what: string): never => {
    throw new AppError('OUTPUT.INVALID_DOCUMENT', { message: `source.txt 中找不到${what}`, details: { what } });
  };
  const at = (re: RegExp, from = 0) => {
    const i = lines.findIndex((l, k) => k >= from && re.test(l));
    return i < 0 ? fail(String(re)) : i;
  };
  const markAt = at(/文件$/);
  const numberAt = at(/〔\d{4}〕\d+号$/, markAt);
  const titleAt = numberAt + 1;
  const recipientsAt = at(/：$/, titleAt);
  const dateAt = at(/^\d{4}年\d{1,2}月\d{1,2}日$/, recipientsAt);
  const signatureAt = dateAt - 1;
  const noteAt = dateAt + 1;
  const rulesTitleAt = noteAt + 1;
  const ccAt = at(/^抄送：/, rulesTitleAt);
  const printAt = at(/^\d{4}年\d{1,2}月\d{1,2}日印发$/, ccAt);

  const title = lines[titleAt]!.split(/\s+/);
  const noticeBody = joinParagraphs(lines.slice(recipientsAt + 1, signatureAt).map(normaliseText));
  const rulesBody: Paragraph[] = joinParagraphs(lines.slice(rulesTitleAt + 1, ccAt).map(normaliseText)).map((t) => {
    const style = detectStyle(t);
    return style === 'chapter' ? { text: t.replace(/ +/g, '\u3000'), style } : { text: t, style };
  });
  const imprint: Imprint = {
    cc: lines[ccAt]!.replace(/^抄送：/, '').replace(/。$/, '').split('，'),
    other: lines.slice(ccAt + 1, printAt - 1),
    printer: lines[printAt - 1]!,
    printDate: isoOf(lines[printAt]!) ?? fail('印发日期'),
  };
  const note = lines[noteAt]!;
  return {
    id: 'wuwei-wzf-2023-19',
    issuerMark: lines[markAt]!,
    documentNumber: lines[numberAt]!,
    title,
    recipients: lines[recipientsAt]!.replace(/：$/, ''),
    body: noticeBody,
    signature: lines[signatureAt]!,
    date: isoOf(lines[dateAt]!) ?? fail('成文日期'),
    note: note.replace(/^（|）$/g, ''),
    attachments: [{ title: lines[rulesTitleAt]!, body: rulesBody }],
    attachmentsLabelled: false,
    imprint,
  };
}
