// Annual report data (《政府信息公开条例》第四十九条、第五十条): what was published proactively and how
// disclosure requests were received and answered in the year.
import { ANSWER_TYPE_LABELS } from './request.ts';

export interface ReportInput {
  published: { kind: string; publishedOn: string; onTime: boolean | null }[];
  requests: { receivedOn: string; answeredOn: string | null; answerType: string | null; partial: boolean; late: boolean | null }[];
}

export interface AnnualReport {
  year: number;
  proactive: { total: number; byKind: Record<string, number>; onTime: number; late: number };
  requests: {
    received: number;
    carriedOver: number;
    answered: number;
    pending: number;
    byAnswerType: { type: string; label: string; count: number }[];
    partial: number;
    onTime: number;
    late: number;
  };
}

export function annualReport(year: number, input: ReportInput, answerTypes: readonly string[]): AnnualReport {
  const inYear = (d: string | null) => d !== null && d.slice(0, 4) === String(year);
  const pub = input.published.filter((p) => inYear(p.publishedOn));
  const byKind: Record<string, number> = {};
  for (const p of pub) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
  const received = input.requests.filter((r) => inYear(r.receivedOn));
  const carried = input.requests.filter((r) => r.receivedOn.slice(0, 4) < String(year) && (r.answeredOn === null || inYear(r.answeredOn)));
  const answered = input.requests.filter((r) => inYear(r.answeredOn));
  return {
    year,
    proactive: {
      total: pub.length,
      byKind,
      onTime: pub.filter((p) => p.onTime === true).length,
      late: pub.filter((p) => p.onTime === false).length,
    },
    requests: {
      received: received.length,
      carriedOver: carried.length,
      answered: answered.length,
      pending: [...received, ...carried].filter((r) => !inYear(r.answeredOn)).length,
      byAnswerType: answerTypes.map((t) => ({ type: t, label: ANSWER_TYPE_LABELS[t] ?? t, count: answered.filter((r) => r.answerType === t).length })),
      partial: answered.filter((r) => r.partial).length,
      onTime: answered.filter((r) => r.late === false).length,
      late: answered.filter((r) => r.late === true).length,
    },
  };
}
