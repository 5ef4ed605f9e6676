// The 纪要 as an output of GB/T 9704-2012 clause 9 (纪要标志, 期号, 编印单位 and date, body, 出席/请假/列席),
// rendered as PDF, Word or OFD by the output context. Signed minutes keep the exact model they were signed
// as, with its SM3 digest; every export is audited with the digest of what was handed out (第五十八条).
import { digestOf, renderMinutesDocx, renderMinutesOfd, renderMinutesPdf, type OutputMinutes } from '../../output/index.ts';
import { attendanceEntry, minutesBody, minutesText, type MinutesModel } from '../../domain/meetings/index.ts';
import { runUseCase, type Actor, type AppDeps } from '../context.ts';
import { minutesModel } from './queries.ts';
import { loadMeeting } from './repo.ts';

export type MinutesFormat = 'pdf' | 'docx' | 'ofd';
export const MINUTES_MIME: Record<MinutesFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ofd: 'application/ofd',
};

/** The output model of the minutes: `date` is the signing day of signed minutes, else the meeting's day. */
export function minutesOutput(meetingId: string, version: number | null, m: MinutesModel, text: string, date: string): OutputMinutes {
  return {
    id: version == null ? `${meetingId}/minutes` : `${meetingId}/minutes/v${version}`,
    mark: m.mark,
    ...(m.issue ? { issue: m.issue } : {}),
    issuer: m.issuer,
    date,
    title: `${m.title}纪要`,
    body: minutesBody(text, m),
    present: m.people.present.map(attendanceEntry),
    ...(m.people.onLeave.length ? { absent: m.people.onLeave.map(attendanceEntry) } : {}),
    ...(m.people.observers.length ? { observers: m.people.observers.map(attendanceEntry) } : {}),
    imprint: { printer: m.issuer, printDate: date },
  };
}

export async function renderMinutes(format: MinutesFormat, out: OutputMinutes): Promise<Buffer> {
  return format === 'pdf' ? renderMinutesPdf(out) : format === 'docx' ? renderMinutesDocx(out) : renderMinutesOfd(out);
}

/**
 * Exports the minutes in one format: the signed output as frozen at signing, or the current draft. The
 * export is audited with the SM3 digest of the content handed out.
 */
export async function exportMinutes(deps: AppDeps, actor: Actor, meetingId: string, format: MinutesFormat) {
  const out = await runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId);
    const { rows } = await ctx.tx.query(`SELECT version, text, status, output, sm3 FROM meeting_minutes WHERE meeting_id = $1 ORDER BY version DESC LIMIT 1`, [m.id]);
    const last = rows[0];
    let output: OutputMinutes;
    if (last?.status === 'signed' && last.output) {
      output = typeof last.output === 'string' ? JSON.parse(last.output) : last.output;
    } else {
      const model = await minutesModel(ctx.tx, actor.tenantId, m.id);
      output = minutesOutput(m.id, last?.version ?? null, model, last?.text ?? minutesText(model), model.date);
    }
    const sm3 = digestOf(output);
    await ctx.audit({ action: 'meeting.minutes.exported', objectType: 'meeting', objectId: m.id, article: 58,
      payload: { format, sm3, version: last?.version ?? null, signed: last?.status === 'signed', signedSm3: last?.sm3 ?? null } });
    return { output, sm3, signed: last?.status === 'signed' };
  });
  return { ...out, file: await renderMinutes(format, out.output) };
}
