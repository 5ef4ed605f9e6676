// Loads demo/wuwei/accountability.yaml through the same use cases as the API (same checks, deadlines
// and audit records). Dates are relative to the load day.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppError } from '../../errors/index.ts';
import type { IsoDate } from '../../domain/calendar/date.ts';
import type { UseCaseContext } from '../context.ts';
import { DEMO_DIR } from '../seed.ts';
import { shanghaiDate } from '../org/usecases.ts';
import { addDays } from '../org/demo.ts';
import { addRotationIn, recordDissentIn, recordStepIn, registerCaseIn, registerPlanIn, requestApprovalIn } from './usecases.ts';

export async function seedDemoAccountability(ctx: UseCaseContext): Promise<void> {
  const file = join(DEMO_DIR, 'accountability.yaml');
  if (!existsSync(file)) return;
  const data = parse(readFileSync(file, 'utf8')) as any;
  const today = shanghaiDate(ctx.now);
  const day = (n: number) => addDays(today as IsoDate, n);
  try {
    for (const c of data.cases ?? []) {
      const { id } = await registerCaseIn(ctx, { kind: c.kind, title: c.title, refNo: c.refNo, party: c.party, receivedOn: day(c.receivedDay), important: c.important, major: c.major });
      for (const st of c.steps ?? []) {
        const { step, day: d, ...rest } = st;
        await recordStepIn(ctx, id, step, { ...rest, on: day(d) });
      }
    }
    for (const p of data.plans ?? []) await registerPlanIn(ctx, { title: p.title, risk: p.risk, measures: p.measures, responsibleUnitId: p.responsibleUnitId, approvedOn: day(p.approvedDay) });
    for (const r of data.rotations ?? []) await addRotationIn(ctx, { personId: r.personId, unitId: r.unitId, post: r.post, area: r.area, since: day(r.sinceDay) });
    for (const a of data.approvals ?? []) await requestApprovalIn(ctx, a);
    for (const d of data.dissents ?? []) await recordDissentIn(ctx, { decisionRef: d.decisionRef, personId: d.personId, channel: d.channel, content: d.content, raisedOn: day(d.raisedDay) });
  } catch (e) {
    if (e instanceof AppError) throw new AppError('ORG.DEMO_DATA_INVALID', { message: `demo/wuwei/accountability.yaml：${e.message}` });
    throw e;
  }
}
