// Word (.docx) export for editing in WPS or Word, keeping the GB/T 9704-2012 layout: A4, the 版心
// margins, a document grid of 22 lines × 28 characters, the red mark, the red separator (a bottom
// border 4 mm under the 发文字号), headings in their faces, right-set 署名/成文日期, attachments on new
// pages, the 版记 as a table anchored at the foot of the last page, and — N — page numbers on
// alternating sides. Fonts are named as on government workstations (仿宋_GB2312 …); identity and SM3
// digest are custom document properties.
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph,
  RelativeVerticalPosition, TabStopType, Table, TableAnchorType, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type IBorderOptions, type ParagraphChild,
} from 'docx';
import { FIELD, identityOf, type Outputtable } from './integrity.ts';
import { CELL, GB9704, LINE_PITCH, SIZE, layoutDocument, layoutMinutes } from './layout.ts';
import {
  chineseDate, headingLength, paragraphOf,
  type Imprint, type OutputDocument, type OutputMinutes, type ParagraphInput,
} from './model.ts';

/** Font names of the standard faces as installed on government workstations. */
export const DOCX_FONTS = { fangsong: '仿宋_GB2312', kaiti: '楷体_GB2312', heiti: '黑体', xiaobiaosong: '方正小标宋简体', song: '宋体' } as const;
type Face = keyof typeof DOCX_FONTS;

const TW = 1440 / 25.4; // twips per mm
const tw = (mm: number) => Math.round(mm * TW);
const halfPt = (mm: number) => Math.round((mm / (25.4 / 72)) * 2);
const CELL_TW = tw(CELL);
const PITCH_TW = Math.round(LINE_PITCH * TW);
const RED = 'FF0000';

const run = (text: string, face: Face = 'fangsong', sizeMm: number = SIZE.h3, color?: string) =>
  new TextRun({ text, font: { eastAsia: DOCX_FONTS[face], ascii: DOCX_FONTS[face], hAnsi: DOCX_FONTS[face] }, size: halfPt(sizeMm), color });

const exact = (lineMm: number = LINE_PITCH) => ({ line: Math.round(lineMm * TW), lineRule: LineRuleType.EXACT });

function para(children: ParagraphChild[], opts: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph {
  return new Paragraph({ children, spacing: { ...exact(), before: 0, after: 0 }, ...opts });
}

const blank = () => para([run('')]);

function bodyParagraph(p: ParagraphInput): Paragraph {
  const { text, style } = paragraphOf(p);
  if (style === 'chapter' || style === 'center') {
    return para([run(text, style === 'chapter' ? 'heiti' : 'fangsong')], { alignment: AlignmentType.CENTER });
  }
  const lead = headingLength({ text, style });
  const chars = [...text];
  const face: Face = style === 'h1' || style === 'article' ? 'heiti' : style === 'h2' ? 'kaiti' : 'fangsong';
  const runs = lead ? [run(chars.slice(0, lead).join(''), face), run(chars.slice(lead).join(''))] : [run(text)];
  return para(runs, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CELL_TW } });
}

function titleParagraphs(title: string | string[]): Paragraph[] {
  return [title].flat().map((t) => para([run(t, 'xiaobiaosong', SIZE.h2)], { alignment: AlignmentType.CENTER }));
}

function headLines(d: { copyNumber?: number; classification?: string; urgency?: string }): Paragraph[] {
  const out: Paragraph[] = [];
  if (d.copyNumber != null) out.push(para([run(String(d.copyNumber).padStart(6, '0'))]));
  if (d.classification) out.push(para([run(d.classification, 'heiti')]));
  if (d.urgency) out.push(para([run(d.urgency, 'heiti')]));
  return out;
}

/** The mark, its upper edge 35 mm below the top of the 版心 (after the head lines). */
function markParagraph(text: string, headCount: number): Paragraph {
  const size = Math.min(22, (GB9704.bodyWidth - 2 * CELL) / [...text].length);
  return new Paragraph({
    children: [run(text, 'xiaobiaosong', size, RED)],
    alignment: AlignmentType.CENTER,
    spacing: { before: tw(GB9704.markOffset - headCount * LINE_PITCH), after: 0, line: tw(size * 1.05), lineRule: LineRuleType.EXACT },
  });
}

/** the red separator: a bottom border 4 mm under the line it closes, as wide as the 版心 */
const separatorBorder: { bottom: IBorderOptions } = { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } };

function imprintTable(imp: Imprint): Table {
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const rows: Paragraph[][] = [];
  const indent = { left: tw(SIZE.h4), right: tw(SIZE.h4) };
  if (imp.cc?.length) {
    rows.push([para([run(`抄送：${imp.cc.join('，')}。`, 'fangsong', SIZE.h4)], { indent: { ...indent, hanging: 0 } })]);
  }
  for (const o of imp.other ?? []) rows.push([para([run(o, 'fangsong', SIZE.h4)], { indent })]);
  rows.push([para([
    run(imp.printer, 'fangsong', SIZE.h4),
    new TextRun({ text: `\t${chineseDate(imp.printDate) ?? imp.printDate}印发`, font: { eastAsia: DOCX_FONTS.fangsong }, size: halfPt(SIZE.h4) }),
  ], { indent, tabStops: [{ type: TabStopType.RIGHT, position: tw(GB9704.bodyWidth - SIZE.h4) }] })]);
  return new Table({
    width: { size: tw(GB9704.bodyWidth), type: WidthType.DXA },
    columnWidths: [tw(GB9704.bodyWidth)],
    layout: TableLayoutType.FIXED,
    float: { verticalAnchor: TableAnchorType.MARGIN, relativeVerticalPosition: RelativeVerticalPosition.BOTTOM },
    borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: thin, insideVertical: none },
    rows: rows.map((children) => new TableRow({
      children: [new TableCell({ children, margins: { left: 0, right: 0 }, width: { size: tw(GB9704.bodyWidth), type: WidthType.DXA } })],
    })),
  });
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const size = halfPt(SIZE.h4);
  const font = { eastAsia: DOCX_FONTS.song, ascii: DOCX_FONTS.song, hAnsi: DOCX_FONTS.song };
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: tw(SIZE.h4) } : { left: tw(SIZE.h4) },
      children: [
        new TextRun({ text: '— ', font, size }),
        new TextRun({ children: [PageNumber.CURRENT], font, size }),
        new TextRun({ text: ' —', font, size }),
      ],
    })],
  });
}

async function pack(doc: Outputtable, children: Array<Paragraph | Table>, title: string): Promise<Buffer> {
  const id = identityOf(doc);
  const d = new Document({
    title,
    subject: id.documentNumber,
    creator: '政通',
    keywords: `${FIELD.id}=${id.documentId}; ${FIELD.sm3}=${id.sm3}`,
    description: `SM3 ${id.sm3}`,
    evenAndOddHeaderAndFooters: true,
    customProperties: [
      { name: FIELD.id, value: id.documentId },
      { name: FIELD.number, value: id.documentNumber },
      { name: FIELD.sm3, value: id.sm3 },
    ],
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: DOCX_FONTS.fangsong, ascii: DOCX_FONTS.fangsong, hAnsi: DOCX_FONTS.fangsong }, size: halfPt(SIZE.h3) },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: tw(GB9704.pageWidth), height: tw(GB9704.pageHeight) },
          margin: {
            top: tw(GB9704.top),
            left: tw(GB9704.left),
            right: tw(GB9704.pageWidth - GB9704.left - GB9704.bodyWidth),
            bottom: tw(GB9704.pageHeight - GB9704.top - GB9704.bodyHeight),
            footer: tw(GB9704.pageHeight - GB9704.top - GB9704.bodyHeight - GB9704.pageNumberGap - 5),
          },
        },
        grid: {
          type: DocumentGridType.LINES_AND_CHARS,
          linePitch: PITCH_TW,
          // extra pitch over the 16 pt default in 1/4096 pt: 28 characters fill 156 mm
          charSpace: Math.round((CELL / (25.4 / 72) - 16) * 4096),
        },
      },
      footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
      children,
    }],
  });
  return Packer.toBuffer(d) as Promise<Buffer>;
}

function closing(children: Array<Paragraph | Table>, imp: Imprint | undefined, imprintOwnPage: boolean): void {
  if (!imp) return;
  if (imprintOwnPage) children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
  children.push(imprintTable(imp));
}

export async function layoutToDocx(d: OutputDocument): Promise<Buffer> {
  const layout = layoutDocument(d);
  const children: Array<Paragraph | Table> = [];
  const head = headLines(d);
  children.push(...head, markParagraph(d.issuerMark, head.length), blank(), blank());
  if (d.signers?.length) {
    children.push(para([run(d.documentNumber), new TextRun({ text: '\t签发人：', font: { eastAsia: DOCX_FONTS.fangsong }, size: halfPt(SIZE.h3) }), run(d.signers.join(' '), 'kaiti')], {
      indent: { left: CELL_TW, right: CELL_TW },
      tabStops: [{ type: TabStopType.RIGHT, position: tw(GB9704.bodyWidth) - 2 * CELL_TW }],
      border: separatorBorder,
    }));
  } else {
    children.push(para([run(d.documentNumber)], { alignment: AlignmentType.CENTER, border: separatorBorder }));
  }
  children.push(blank(), blank(), ...titleParagraphs(d.title), blank());
  if (d.recipients) children.push(para([run(`${d.recipients}：`)]));
  children.push(...d.body.map(bodyParagraph));
  const labelled = d.attachmentsLabelled ?? true;
  if (labelled && d.attachments?.length) {
    children.push(blank());
    d.attachments.forEach((a, i) => {
      const num = d.attachments!.length > 1 ? `${i + 1}.` : '';
      children.push(para([run(`${i === 0 ? '附件：' : ''}${num}${a.title}`)], { indent: { left: (i === 0 ? 2 : 5) * CELL_TW } }));
    });
  }
  children.push(blank());
  const date = chineseDate(d.date) ?? d.date;
  const sigW = [...d.signature].length;
  const dateW = [...date].reduce((s, c) => s + (c.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);
  let sigRight = 2;
  let dateRight = 2 + sigW - 2 - dateW;
  if (d.sealed) { dateRight = 4; sigRight = 4 + (dateW - sigW) / 2; }
  else if (dateRight < 2) { dateRight = 2; sigRight = 2 + dateW + 2 - sigW; }
  children.push(
    para([run(d.signature)], { alignment: AlignmentType.RIGHT, indent: { right: Math.round(sigRight * CELL_TW) } }),
    para([run(date)], { alignment: AlignmentType.RIGHT, indent: { right: Math.round(dateRight * CELL_TW) } }),
  );
  if (d.note) children.push(para([run(`（${d.note}）`)], { indent: { firstLine: 2 * CELL_TW } }));
  d.attachments?.forEach((a, i) => {
    const label = labelled ? (d.attachments!.length > 1 ? `附件${i + 1}` : '附件') : '';
    children.push(new Paragraph({ pageBreakBefore: true, spacing: exact(), children: [run(label, 'heiti')] }), blank());
    children.push(...titleParagraphs(a.title), blank(), ...a.body.map(bodyParagraph));
  });
  const last = layout.pages[layout.pages.length - 1]!;
  closing(children, d.imprint, last.kind === 'imprint');
  return pack(d, children, [d.title].flat().join(''));
}

export async function minutesToDocx(m: OutputMinutes): Promise<Buffer> {
  const layout = layoutMinutes(m);
  const children: Array<Paragraph | Table> = [];
  const head = headLines(m);
  children.push(...head, markParagraph(m.mark, head.length));
  if (m.issue) children.push(para([run(m.issue)], { alignment: AlignmentType.CENTER }));
  children.push(blank());
  if (!m.issue) children.push(blank());
  children.push(para([run(m.issuer), new TextRun({ text: `\t${chineseDate(m.date) ?? m.date}`, font: { eastAsia: DOCX_FONTS.fangsong }, size: halfPt(SIZE.h3) })], {
    indent: { left: CELL_TW, right: CELL_TW },
    tabStops: [{ type: TabStopType.RIGHT, position: tw(GB9704.bodyWidth) - 2 * CELL_TW }],
    border: separatorBorder,
  }));
  children.push(blank(), blank());
  if (m.title) children.push(...titleParagraphs(m.title), blank());
  children.push(...m.body.map(bodyParagraph), blank());
  const list = (label: string, names?: string[]) => {
    if (!names?.length) return;
    children.push(para([run(`${label}：`, 'heiti'), run(names.join('，'))], {
      alignment: AlignmentType.JUSTIFIED, indent: { left: 5 * CELL_TW, hanging: 3 * CELL_TW },
    }));
  };
  list('出席', m.present);
  list('请假', m.absent);
  list('列席', m.observers);
  closing(children, m.imprint, layout.pages[layout.pages.length - 1]!.kind === 'imprint');
  return pack(m, children, m.mark);
}
