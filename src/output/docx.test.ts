// The Word export opened as a package (jszip) and its WordprocessingML read with fast-xml-parser.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { digestOf, renderDocx, renderMinutesDocx, verifyOutput } from './index.ts';
import { CELL, GB9704, LINE_PITCH } from './layout.ts';
import { sampleMinutes, sampleNotice } from './samples.ts';
import { sourceDocument } from './source-document.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
const TW = 1440 / 25.4;

async function open(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const text = async (p: string) => {
    const f = zip.file(p);
    assert.ok(f, `${p} in the package`);
    return f.async('string');
  };
  const documentXml = await text('word/document.xml');
  return { zip, text, documentXml, document: parser.parse(documentXml) };
}

describe('rules document as .docx', () => {
  let o: Awaited<ReturnType<typeof open>>;
  before(async () => { o = await open(await renderDocx(sourceDocument())); });

  test('GB/T 9704-2012 5.2.1/5.2.2: A4 page, margins that leave the 156 × 225 mm 版心 at 37 mm top, 28 mm left', () => {
    const sect = o.document.document.body.sectPr;
    assert.equal(Number(sect.pgSz['@w']), Math.round(210 * TW));
    assert.equal(Number(sect.pgSz['@h']), Math.round(297 * TW));
    const m = sect.pgMar;
    assert.equal(Number(m['@top']), Math.round(37 * TW));
    assert.equal(Number(m['@left']), Math.round(28 * TW));
    assert.ok(Math.abs((210 * TW - Number(m['@left']) - Number(m['@right'])) / TW - GB9704.bodyWidth) < 0.1);
    assert.ok(Math.abs((297 * TW - Number(m['@top']) - Number(m['@bottom'])) / TW - GB9704.bodyHeight) < 0.1);
  });

  test('GB/T 9704-2012 5.2.4: document grid of 22 lines × 28 characters', () => {
    const grid = o.document.document.body.sectPr.docGrid;
    assert.equal(grid['@type'], 'linesAndChars');
    assert.ok(Math.abs((GB9704.bodyHeight * TW) / Number(grid['@linePitch']) - 22) < 0.05, `linePitch ${grid['@linePitch']}`);
    const pitchPt = 16 + Number(grid['@charSpace']) / 4096;
    assert.ok(Math.abs((GB9704.bodyWidth / (pitchPt * 25.4 / 72)) - 28) < 0.05, `character pitch ${pitchPt} pt`);
    void CELL; void LINE_PITCH;
  });

  test('GB/T 9704-2012 7.2.4/7.2.7: red mark in 小标宋 and the red separator under the 发文字号', () => {
    assert.match(o.documentXml, /<w:color w:val="FF0000"\/>.*?<w:t[^>]*>武威市人民政府文件<\/w:t>|<w:t[^>]*>武威市人民政府文件<\/w:t>/s);
    const mark = /<w:p>(?:(?!<\/w:p>).)*武威市人民政府文件(?:(?!<\/w:p>).)*<\/w:p>/s.exec(o.documentXml)![0];
    assert.match(mark, /w:color w:val="FF0000"/);
    assert.match(mark, /w:eastAsia="方正小标宋简体"/);
    const number = /<w:p>(?:(?!<\/w:p>).)*武政发〔2023〕19号(?:(?!<\/w:p>).)*<\/w:p>/s.exec(o.documentXml)![0];
    assert.match(number, /<w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="11"\/>/);
    assert.match(number, /<w:jc w:val="center"\/>/);
  });

  test('GB/T 9704-2012 7.3.3: body 仿宋 with two-character first-line indent; 第X条 lead in 黑体', () => {
    assert.match(o.documentXml, /w:firstLine="\d+"/);
    const art = /<w:p>(?:(?!<\/w:p>).)*第一条(?:(?!<\/w:p>).)*<\/w:p>/s.exec(o.documentXml)![0];
    assert.match(art, /w:eastAsia="黑体"/);
    assert.match(art, /w:eastAsia="仿宋_GB2312"/);
  });

  test('GB/T 9704-2012 7.4/7.5: 版记 table with 抄送 and 印发; — N — page numbers on alternating sides', async () => {
    assert.match(o.documentXml, /<w:tbl>/);
    assert.match(o.documentXml, /抄送：市委办公室，市人大常委会办公室，市政协办公室。/);
    assert.match(o.documentXml, /2023年3月1日印发/);
    assert.match(o.documentXml, /w:tblpY?Spec="bottom"|w:tblpYSpec="bottom"/);
    const settings = await o.text('word/settings.xml');
    assert.match(settings, /<w:evenAndOddHeaders\/>/);
    const footers = Object.keys(o.zip.files).filter((f) => /word\/footer\d+\.xml/.test(f));
    assert.equal(footers.length, 2);
    const xml = await Promise.all(footers.map((f) => o.text(f)));
    assert.ok(xml.every((x) => /PAGE/.test(x) && /— /.test(x)));
    assert.ok(xml.some((x) => /<w:jc w:val="right"\/>/.test(x)) && xml.some((x) => /<w:jc w:val="left"\/>/.test(x)));
  });

  test('integrity: identity and SM3 digest as custom properties, verified against the register', async () => {
    const buf = await renderDocx(sourceDocument());
    const v = await verifyOutput(buf, digestOf(sourceDocument()));
    assert.equal(v.valid, true);
    assert.equal(v.identity.documentNumber, '武政发〔2023〕19号');
  });
});

test('outgoing 通知 .docx: 附件说明, attachments on new pages, 份号 and 紧急程度', async () => {
  const o = await open(await renderDocx(sampleNotice()));
  assert.match(o.documentXml, /附件：1\.2023年政务公开重点工作任务分工/);
  assert.equal((o.documentXml.match(/<w:pageBreakBefore\/>/g) ?? []).length >= 2, true);
  assert.match(o.documentXml, />000012</);
  assert.match(o.documentXml, />特急</);
});

test('纪要 .docx: 出席/请假/列席 in 黑体 with the hanging indent after the colon', async () => {
  const o = await open(await renderMinutesDocx(sampleMinutes()));
  for (const label of ['出席：', '请假：', '列席：']) {
    const p = new RegExp(`<w:p>(?:(?!</w:p>).)*${label}(?:(?!</w:p>).)*</w:p>`, 's').exec(o.documentXml)![0];
    assert.match(p, /w:eastAsia="黑体"/);
    assert.match(p, /w:hanging="\d+"/);
  }
});
