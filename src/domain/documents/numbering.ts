// 发文字号: 代字〔年份〕序号号 — 六角括号, no zero padding, no 第 (GB/T 9704-2012 7.2.4, e.g. 武政发〔2023〕19号).

export function formatDocNumber(issuerCode: string, year: number, seq: number): string {
  if (!issuerCode.trim()) throw new RangeError('发文机关代字不能为空');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`年份无效：${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`序号无效：${seq}`);
  return `${issuerCode.trim()}〔${year}〕${seq}号`;
}

export function parseDocNumber(s: string): { issuerCode: string; year: number; seq: number } | null {
  const m = /^(.+?)〔(\d{4})〕([1-9]\d*)号$/.exec(s.trim());
  return m ? { issuerCode: m[1], year: Number(m[2]), seq: Number(m[3]) } : null;
}

/** Gaps in a register: numbers 1..max that are neither issued nor recorded as void. */
export function registerGaps(entries: { seq: number }[]): number[] {
  const seen = new Set(entries.map((e) => e.seq));
  const max = Math.max(0, ...seen);
  const gaps: number[] = [];
  for (let i = 1; i <= max; i++) if (!seen.has(i)) gaps.push(i);
  return gaps;
}
