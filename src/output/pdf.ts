// PDF renderer (pdfkit): draws a Layout glyph by glyph at the positions the layout engine computed,
// embeds subsets of the Debian fonts, and writes the document's identity and SM3 digest into the
// PDF's information dictionary.
import PDFDocument from 'pdfkit';
import { loadFont, type FontRole } from './fonts.ts';
import { FIELD, identityOf, isMinutes, type Outputtable } from './integrity.ts';
import { GB9704, PT, type Layout } from './layout.ts';
import { pdfSeal } from './seal-image.ts';

const pt = (mm: number) => mm / PT;

export async function layoutToPdf(layout: Layout, doc: Outputtable): Promise<Buffer> {
  const id = identityOf(doc);
  const title = isMinutes(doc)
    ? [doc.mark, ...(doc.title ? [doc.title].flat() : [])].join(' ')
    : [doc.title].flat().join('');
  const date = isMinutes(doc) ? doc.date : doc.date;
  const created = new Date(`${date}T00:00:00+08:00`);
  const pdf = new PDFDocument({
    size: [pt(GB9704.pageWidth), pt(GB9704.pageHeight)],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: title,
      Author: isMinutes(doc) ? doc.issuer : doc.signature,
      Subject: id.documentNumber,
      Keywords: `${FIELD.id}=${id.documentId}; ${FIELD.sm3}=${id.sm3}`,
      Creator: '政通 GB/T 9704-2012',
      Producer: '政通',
      CreationDate: created,
      ModDate: created,
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const info = pdf.info as unknown as Record<string, string>;
  info[FIELD.id] = id.documentId;
  info[FIELD.number] = id.documentNumber;
  info[FIELD.sm3] = id.sm3;

  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const registered = new Set<FontRole>();
  const useFont = (role: FontRole) => {
    if (!registered.has(role)) {
      // the face already opened for the layout: pdfkit subsets it without parsing the font file again
      pdf.registerFont(role, loadFont(role).font as unknown as PDFKit.Mixins.PDFFontSource);
      registered.add(role);
    }
    pdf.font(role);
  };

  for (const page of layout.pages) {
    pdf.addPage({ size: [pt(GB9704.pageWidth), pt(GB9704.pageHeight)], margin: 0 });
    for (const r of page.rules) {
      pdf.rect(pt(r.x), pt(r.y - r.thickness / 2), pt(r.width), pt(r.thickness)).fill([...r.color]);
    }
    for (const run of page.runs) {
      useFont(run.role);
      const f = loadFont(run.role).font;
      pdf.fontSize(pt(run.size)).fillColor([...run.color]);
      const adv = (ch: string) => (f.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / f.unitsPerEm) * run.size;
      // one text call per stretch of evenly spaced glyphs of equal advance (character spacing absorbs the grid)
      let i = 0;
      while (i < run.chars.length) {
        const a = adv(run.chars[i]!);
        let j = i + 1;
        const step = j < run.chars.length ? run.xs[j]! - run.xs[i]! : a;
        while (
          j < run.chars.length &&
          Math.abs(adv(run.chars[j]!) - a) < 1e-6 &&
          Math.abs(run.xs[j]! - run.xs[j - 1]! - step) < 1e-4
        ) j++;
        const text = run.chars.slice(i, j).join('');
        pdf.text(text, pt(run.xs[i]!), pt(run.baseline), {
          lineBreak: false,
          baseline: 'alphabetic',
          characterSpacing: j - i > 1 ? pt(step - a) : 0,
        });
        i = j;
      }
    }
    // the same seal image as the OFD's (the PDF carries no digital signature: the signed copy is the OFD)
    const seal = !isMinutes(doc) ? doc.seal : undefined;
    if (seal && page.sealAt) pdfSeal(pdf, seal.name, page.sealAt.x, page.sealAt.y, useFont);
  }
  pdf.end();
  return done;
}
