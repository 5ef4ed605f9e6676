// The OFD package (GB/T 33190-2016) read back with independent readers: jszip for the container,
// fast-xml-parser for the XML, fontkit for the embedded fonts, pdfjs-dist for the PDF it is compared with.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import * as fontkit from 'fontkit';
import { digestOf, renderMinutesOfd, renderOfd, renderPdf, verifyOutput } from './index.ts';
import { pdfWords } from './inspect.ts';
import { BODY_BOTTOM, GB9704, LINE_PITCH } from './layout.ts';
import { sampleMinutes } from './samples.ts';
import { sourceDocument } from './source-document.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (name, jpath) => jpath !== 'Page' && ['Page', 'TextObject', 'PathObject', 'Font', 'CustomData', 'TextCode'].includes(name) });
type Node = Record<string, any>;

interface Glyph { ch: string; x: number; y: number; size: number; font: string; color: string }

async function readOfd(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const xml = async (path: string): Promise<Node> => {
    const f = zip.file(path);
    assert.ok(f, `${path} in the package`);
    return parser.parse(await f.async('string'));
  };
  const ofd = await xml('OFD.xml');
  const body = ofd.OFD.DocBody;
  const docRoot: string = body.DocRoot;
  const base = docRoot.replace(/[^/]+$/, '');
  const document = await xml(docRoot);
  const res = await xml(base + document.Document.CommonData.PublicRes);
  const resBase = base + (res.Res['@BaseLoc'] ? res.Res['@BaseLoc'] + '/' : '');
  const fonts = new Map<string, { name: string; font: any }>();
  for (const f of res.Res.Fonts.Font as Node[]) {
    const data = await zip.file(resBase + f.FontFile)!.async('nodebuffer');
    fonts.set(String(f['@ID']), { name: f['@FontName'], font: fontkit.create(data) });
  }
  const pages: Glyph[][] = [];
  const rules: Array<Array<{ x: number; y: number; w: number; h: number; color: string }>> = [];
  for (const p of document.Document.Pages.Page as Node[]) {
    const page = await xml(base + p['@BaseLoc']);
    const layer = page.Page.Content.Layer;
    const glyphs: Glyph[] = [];
    for (const t of (layer.TextObject ?? []) as Node[]) {
      const [bx, by] = String(t['@Boundary']).split(' ').map(Number);
      for (const code of t.TextCode as Node[]) {
        const text = String(code['#text'] ?? code);
        const deltas = code['@DeltaX'] ? String(code['@DeltaX']).split(' ').map(Number) : [];
        let x = bx! + Number(code['@X']);
        [...text].forEach((ch, i) => {
          glyphs.push({ ch, x, y: by! + Number(code['@Y']), size: Number(t['@Size']), font: String(t['@Font']), color: t.FillColor?.['@Value'] ?? '0 0 0' });
          x += deltas[i] ?? 0;
        });
      }
    }
    pages.push(glyphs);
    rules.push(((layer.PathObject ?? []) as Node[]).map((o) => {
      const [x, y, w, h] = String(o['@Boundary']).split(' ').map(Number);
      return { x: x!, y: y!, w: w!, h: h!, color: o.FillColor?.['@Value'] ?? '0 0 0' };
    }));
  }
  return { zip, ofd, body, document, fonts, pages, rules };
}

describe('rules document as OFD', () => {
  let buf: Buffer;
  let read: Awaited<ReturnType<typeof readOfd>>;
  let pdf: Buffer;
  before(async () => {
    const doc = sourceDocument();
    buf = await renderOfd(doc);
    read = await readOfd(buf);
    pdf = await renderPdf(doc);
  });

  test('GB/T 33190-2016: package entry OFD.xml → DocRoot → Document.xml → pages and PublicRes', () => {
    assert.equal(read.ofd.OFD['@DocType'], 'OFD');
    assert.equal(read.ofd.OFD['@Version'], '1.0');
    assert.equal(read.document.Document.CommonData.PageArea.PhysicalBox, '0 0 210 297');
    assert.equal(read.pages.length, 24);
    assert.ok(read.fonts.size >= 3);
  });

  test('GB/T 33190-2016 DocInfo and GB/T 33480 metadata: title, 发文字号, identity and SM3 digest', () => {
    const info = read.body.DocInfo;
    assert.equal(info.Title, '武威市人民政府关于印发《武威市人民政府工作规则》的通知');
    assert.equal(info.Subject, '武政发〔2023〕19号');
    assert.equal(info.CreationDate, '2023-03-01');
    const custom = Object.fromEntries((info.CustomDatas.CustomData as Node[]).map((c) => [c['@Name'], String(c['#text'])]));
    assert.equal(custom['发文字号'], '武政发〔2023〕19号');
    assert.equal(custom['成文日期'], '2023年3月1日');
    assert.equal(custom['印发机关'], '武威市人民政府办公室');
    assert.equal(custom.ZhengtongDocumentId, 'wuwei-wzf-2023-19');
    assert.equal(custom.ZhengtongSM3, digestOf(sourceDocument()));
  });

  test('embedded fonts open with fontkit and hold a glyph for every character drawn', () => {
    for (const [i, glyphs] of read.pages.entries()) {
      for (const g of glyphs) {
        const f = read.fonts.get(g.font)!.font;
        assert.ok(f.hasGlyphForCodePoint(g.ch.codePointAt(0)), `page ${i + 1}: ${g.ch} in ${read.fonts.get(g.font)!.name}`);
      }
    }
    const glyph = read.fonts.get(read.pages[0]![0]!.font)!.font.glyphForCodePoint('武'.codePointAt(0));
    assert.ok(glyph.path.commands.length > 10, 'outlines embedded');
  });

  test('GB/T 9704-2012 in the OFD: red mark 35 mm under the 版心, red separator, 22 lines of body', () => {
    const p1 = read.pages[0]!;
    const mark = p1.filter((g) => g.color === '255 0 0');
    assert.equal(mark.map((g) => g.ch).join(''), '武威市人民政府文件');
    const markTop = mark[0]!.y - mark[0]!.size * 0.88;
    assert.ok(Math.abs(markTop - (GB9704.top + GB9704.markOffset)) < 1.5, `mark top ${markTop.toFixed(2)} mm`);
    const sep = read.rules[0]!.find((r) => r.color === '255 0 0')!;
    assert.ok(Math.abs(sep.w - GB9704.bodyWidth) < 0.01 && Math.abs(sep.x - GB9704.left) < 0.01);
    const p3 = read.pages[2]!.filter((g) => g.y < BODY_BOTTOM);
    // baselines of one line differ by font (each face is centred in its cell): group within 1 mm
    const baselines: number[] = [];
    for (const y of p3.map((g) => g.y).sort((a, b) => a - b)) if (!baselines.length || y - baselines.at(-1)! > 1) baselines.push(y);
    assert.equal(baselines.length, 22);
    assert.ok(Math.abs((baselines.at(-1)! - baselines[0]!) / 21 - LINE_PITCH) < 0.05);
  });

  test('glyph positions in the OFD match the PDF read back by pdfjs', async () => {
    for (const page of [1, 3]) {
      const words = await pdfWords(pdf, page);
      const glyphs = read.pages[page - 1]!;
      for (const w of words.slice(0, 12)) {
        const first = [...w.text][0]!;
        const g = glyphs.find((x) => x.ch === first && Math.abs(x.x - w.xMin) < 0.3 && x.y > w.yMin && x.y < w.yMax + 0.5);
        assert.ok(g, `page ${page}: "${w.text}" at x ${w.xMin.toFixed(2)} mm has an OFD glyph there`);
      }
    }
  });

  test('integrity: the OFD verifies against the digest recorded for the document, and not against another', async () => {
    const ok = await verifyOutput(buf, digestOf(sourceDocument()));
    assert.equal(ok.valid, true);
    assert.equal(ok.format, 'ofd');
    const other = await verifyOutput(buf, digestOf(sampleMinutes()));
    assert.equal(other.valid, false);
  });
});

test('纪要 as OFD: mark, 出席/请假/列席 glyphs and metadata', async () => {
  const m = sampleMinutes();
  const read = await readOfd(await renderMinutesOfd(m));
  const text = read.pages.flat().map((g) => g.ch).join('');
  for (const s of ['武威市人民政府常务会议纪要', '出席：', '请假：', '列席：']) assert.ok(text.includes(s), s);
  const custom = Object.fromEntries((read.body.DocInfo.CustomDatas.CustomData as Node[]).map((c) => [c['@Name'], String(c['#text'])]));
  assert.equal(custom['文种'], '纪要');
  assert.equal(custom.ZhengtongSM3, digestOf(m));
});
