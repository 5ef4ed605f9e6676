// Rendering the rules document (武政发〔2023〕19号, 24 pages) and a 纪要 as PDF, Word and OFD: time per
// format after the fonts are loaded (the first call pays ≈2.5 s to read the Debian font files once).
// `npm run bench -- output --samples` also writes PNGs of the rendered pages to test/output/.
import { performance } from 'node:perf_hooks';
import { loadAllFonts } from '../src/output/fonts.ts';
import { renderDocx, renderMinutesPdf, renderOfd, renderPdf } from '../src/output/index.ts';
import { pdfPageCount, writePngs } from '../src/output/inspect.ts';
import { sampleMinutes, sampleNotice } from '../src/output/samples.ts';
import { sourceDocument } from '../src/output/source-document.ts';

async function time<T>(label: string, fn: () => Promise<T>, size: (v: T) => number): Promise<T> {
  const t = performance.now();
  const v = await fn();
  console.log(`${label.padEnd(28)} ${(performance.now() - t).toFixed(0).padStart(6)} ms  ${(size(v) / 1024).toFixed(0)} KiB`);
  return v;
}

export async function run(args: string[]): Promise<void> {
  let t = performance.now();
  loadAllFonts();
  console.log(`fonts loaded                 ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  const doc = sourceDocument();
  const pdf = await time('rules document PDF', () => renderPdf(doc), (b) => b.length);
  await time('rules document .docx', () => renderDocx(doc), (b) => b.length);
  await time('rules document OFD', () => renderOfd(doc), (b) => b.length);
  const minutes = await time('纪要 PDF', () => renderMinutesPdf(sampleMinutes()), (b) => b.length);
  const notice = await time('通知 PDF', () => renderPdf(sampleNotice()), (b) => b.length);
  if (args.includes('--samples')) {
    t = performance.now();
    const n = await pdfPageCount(pdf);
    await writePngs(pdf, [1, 2, n], 'test/output/rules');
    await writePngs(minutes, [1], 'test/output/minutes');
    await writePngs(notice, [1, 3], 'test/output/notice');
    console.log(`PNG samples written to test/output/ in ${(performance.now() - t).toFixed(0)} ms`);
  }
}
