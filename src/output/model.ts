// The input model of the output context: an official document (公文) or minutes (纪要) with the
// elements of GB/T 9704-2012, independent of any output format. The documents and meetings contexts
// build these; the renderers (PDF, Word, OFD) lay them out.

/** A calendar date, YYYY-MM-DD (rendered 2023年3月1日, GB/T 9704-2012 7.3.5.4: no leading zeros). */
export type IsoDate = string;

/**
 * Paragraph styles. h1–h4 are the four structural levels of GB/T 9704-2012 7.3.3
 * (一、 （一） 1. （1）): h1 in 黑体, h2 in 楷体, h3/h4 in 仿宋. `chapter` (第一章 …) is a centred 黑体
 * line; `article` (第一条 …) sets its lead 第X条 in 黑体; `center` is a centred 仿宋 line.
 */
export type ParagraphStyle = 'body' | 'h1' | 'h2' | 'h3' | 'h4' | 'chapter' | 'article' | 'center';

export interface Paragraph {
  text: string;
  /** omitted: detected from the text (detectStyle) */
  style?: ParagraphStyle;
}

/** A paragraph given as plain text is detected; an object may fix the style explicitly. */
export type ParagraphInput = string | Paragraph;

export interface Attachment {
  /** 附件名称 (also used in 附件说明) */
  title: string;
  body: ParagraphInput[];
}

/** 版记 (GB/T 9704-2012 7.4). */
export interface Imprint {
  /** 抄送机关, without the closing 。 */
  cc?: string[];
  /** other elements of the 版记 (e.g. 公开属性：主动公开), each a line, set apart by a thin rule */
  other?: string[];
  /** 印发机关 */
  printer: string;
  /** 印发日期 */
  printDate: IsoDate;
}

/** 签发人 of an upward document (上行文), GB/T 9704-2012 7.2.6. */
export type Signers = string[];

export interface OutputDocument {
  /** identity in the register (the documents context's id); embedded in every output */
  id: string;
  /** 份号 (printed as 6 digits), when the copy is numbered */
  copyNumber?: number;
  /** 密级和保密期限, e.g. 机密★1年 */
  classification?: string;
  /** 紧急程度: 特急 / 加急 */
  urgency?: string;
  /** 发文机关标志, e.g. 武威市人民政府文件 */
  issuerMark: string;
  /** 发文字号, e.g. 武政发〔2023〕19号 */
  documentNumber: string;
  /** 签发人 (upward documents only): the 发文字号 then moves left, the signers right */
  signers?: Signers;
  /** 标题: one string (broken automatically) or its lines */
  title: string | string[];
  /** 主送机关, ending without the colon (it is added) */
  recipients?: string;
  /** 正文 */
  body: ParagraphInput[];
  /** 署名 (发文机关署名) */
  signature: string;
  /** 成文日期 */
  date: IsoDate;
  /** the printed copy carries a seal: 成文日期 右空四字 (7.3.5.1); otherwise 7.3.5.2 */
  sealed?: boolean;
  /** the electronic seal drawn over the 成文日期 (implies `sealed`); the OFD is then signed with it (docs/seals.md) */
  seal?: { id: string; name: string };
  /** 附注, e.g. 此件公开发布 (parentheses are added) */
  note?: string;
  /**
   * 附件: each on new pages with 附件N and its title. Listed in 附件说明 unless `listInNote` is false
   * (a printed regulation that follows its 印发 notice is not an attachment in that sense).
   */
  attachments?: Attachment[];
  /** attachments are numbered/labelled 附件 and listed in 附件说明 (default true) */
  attachmentsLabelled?: boolean;
  /** 版记 */
  imprint?: Imprint;
}

/** 纪要 (GB/T 9704-2012 clause 9). */
export interface OutputMinutes {
  id: string;
  /** 纪要标志, e.g. 武威市人民政府常务会议纪要 */
  mark: string;
  /** issue line under the mark, e.g. 第5期 */
  issue?: string;
  /** 编印单位 (left) and date (right) on the line above the red separator */
  issuer: string;
  date: IsoDate;
  /** optional title of this 纪要 */
  title?: string | string[];
  body: ParagraphInput[];
  /** 出席 / 请假 / 列席: each entry a unit and names, e.g. 市发展改革委 张三 */
  present: string[];
  absent?: string[];
  observers?: string[];
  imprint?: Imprint;
  classification?: string;
  urgency?: string;
  copyNumber?: number;
}

const HEADINGS: Array<[ParagraphStyle, RegExp]> = [
  ['chapter', /^第[一二三四五六七八九十百零]+章(\s|$)/],
  ['article', /^第[一二三四五六七八九十百零]+条/],
  ['h1', /^[一二三四五六七八九十]+、/],
  ['h2', /^（[一二三四五六七八九十]+）/],
  ['h3', /^\d+[.．]/],
  ['h4', /^（\d+）/],
];

/** The style of a paragraph from its opening (一、 （一） 1. （1） 第一章 第一条), else body. */
export function detectStyle(text: string): ParagraphStyle {
  for (const [style, re] of HEADINGS) if (re.test(text)) return style;
  return 'body';
}

export function paragraphOf(p: ParagraphInput): Required<Paragraph> {
  return typeof p === 'string' ? { text: p, style: detectStyle(p) } : { text: p.text, style: p.style ?? detectStyle(p.text) };
}

/**
 * How many leading characters of a paragraph are set in the heading font: the whole heading when it
 * stands alone, or the heading sentence up to its 。 when text follows in the same paragraph.
 */
export function headingLength(p: Required<Paragraph>): number {
  const chars = [...p.text];
  if (p.style === 'chapter') return chars.length;
  if (p.style === 'article') return [...(/^第[一二三四五六七八九十百零]+条/.exec(p.text)?.[0] ?? '')].length;
  if (p.style === 'h1' || p.style === 'h2') {
    const stop = chars.findIndex((c) => c === '。' || c === '：');
    return stop < 0 ? chars.length : stop + 1;
  }
  return 0;
}

/** 2023-03-01 → 2023年3月1日 (GB/T 9704-2012 7.3.5.4); null for an invalid date. */
export { chineseDate } from '../domain/calendar/date.ts';
