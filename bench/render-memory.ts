// Memory of a process that renders documents: the rules document (武政发〔2023〕19号, 24 pages) as PDF and
// OFD through the output context's API (the functions the document and minutes routes call), 20 times,
// with RSS (/proc/self/status VmRSS) and the V8 figures after 1, 5 and 20 renderings and while idle
// afterwards. One "rendering" is one PDF plus one OFD. Run with the server's heap cap and, to see what
// a collection leaves, with --expose-gc:
//   node --expose-gc --max-old-space-size=160 --import tsx bench/run.ts render-memory [--renders 20] [--idle 60]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderOfd, renderPdf } from '../src/output/index.ts';
import { sourceDocument } from '../src/output/source-document.ts';

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function vmRss(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function row(label: string): void {
  const raw = vmRss();
  let after = '';
  if (gc) {
    gc();
    after = `${vmRss().toFixed(0).padStart(5)} MB`;
  }
  const u = process.memoryUsage();
  console.log(
    `${label.padEnd(26)} RSS ${raw.toFixed(0).padStart(5)} MB  after gc ${after || '   (no --expose-gc)'}  ` +
    `heap ${(u.heapUsed / MB).toFixed(0).padStart(4)}/${(u.heapTotal / MB).toFixed(0).padStart(4)} MB  external ${(u.external / MB).toFixed(0).padStart(4)} MB  ` +
    `arrayBuffers ${(u.arrayBuffers / MB).toFixed(0).padStart(4)} MB`,
  );
}

const arg = (args: string[], name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

export async function run(args: string[]): Promise<void> {
  const renders = arg(args, '--renders', 20);
  const idle = arg(args, '--idle', 60);
  const doc = sourceDocument();
  row('before any rendering');
  const pdfMs: number[] = [];
  const ofdMs: number[] = [];
  for (let i = 1; i <= renders; i++) {
    let t = performance.now();
    await renderPdf(doc);
    pdfMs.push(performance.now() - t);
    t = performance.now();
    await renderOfd(doc);
    ofdMs.push(performance.now() - t);
    if (i === 1 || i === 5 || i === 20 || i === renders) row(`after ${i} PDF + OFD`);
  }
  for (let s = 10; s <= idle; s += 10) {
    await sleep(10_000);
    row(`${s} s after the last`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  console.log(
    `time: first PDF ${pdfMs[0]?.toFixed(0)} ms (fonts read), first OFD ${ofdMs[0]?.toFixed(0)} ms; ` +
    `median of the rest PDF ${med(pdfMs.slice(1)).toFixed(0)} ms, OFD ${med(ofdMs.slice(1)).toFixed(0)} ms`,
  );
}
