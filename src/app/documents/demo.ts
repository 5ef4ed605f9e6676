// Loads demo/wuwei/documents.yaml by walking every document through the use cases themselves (签收 …
// 办结, 拟稿 … 分发) as the people of the demo organisation, each step on its own day relative to the load
// date, so the registers, the trails and the audit chain are exactly what real work leaves behind.
// The use cases run inside the seeding transaction (one commit for the whole demo).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppError } from '../../errors/index.ts';
import { computeDeadline, deadlineState } from '../../domain/calendar/deadline.ts';
import { TIME_LIMIT_RULES, type TimeLimitKind } from '../../domain/documents/index.ts';
import type { Org } from '../../domain/org/index.ts';
import type { Db } from '../../store/db.ts';
import { runUseCase, systemActor, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { DEMO_DIR, demoLogins } from '../seed.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { addDays } from '../org/demo.ts';
import { calendar, deadlineRuleOf } from './common.ts';
import * as inc from './incoming.ts';
import * as out from './outgoing.ts';
import { replyOpinion } from './opinions.ts';
import { recordImpliedConsent } from './timers.ts';

type Any = Record<string, any>;
const OFFICE_CLERK = 'person-office-clerk';

/** Use-case dependencies that run inside the seeding transaction, with the clock set to one step's time. */
function within(ctx: UseCaseContext, at: Date): AppDeps {
  const db = {
    kind: 'pglite',
    query: (sql: string, params?: unknown[]) => ctx.tx.query(sql, params as any),
    transaction: <T>(fn: (tx: any) => Promise<T>) => fn(ctx.tx),
    close: async () => {},
  } as unknown as Db;
  return { db, clock: { now: () => at } };
}

export async function seedDemoDocuments(ctx: UseCaseContext): Promise<void> {
  const file = join(DEMO_DIR, 'documents.yaml');
  if (!existsSync(file)) return;
  const data = parse(readFileSync(file, 'utf8')) as { incoming?: Any[]; outgoing?: Any[] };
  const tenantId = ctx.actor.tenantId;
  const org = await requireOrg(ctx.tx, tenantId);
  const today = shanghaiDate(ctx.now);
  const fail: (m: string) => never = (m) => { throw new AppError('ORG.DEMO_DATA_INVALID', { message: `demo/wuwei/documents.yaml：${m}` }); };
  const logins = demoLogins();
  const actor = (personId: string): Actor => {
    const l = logins.find((x) => x.personId === personId);
    const person = org.people.find((p) => p.id === personId) ?? fail(`未知人员 ${personId}`);
    return { tenantId, userId: null, personId, name: l?.displayName ?? person.name, roles: l?.roles ?? ['dept_head'], ip: null };
  };
  const clerk = actor(OFFICE_CLERK);
  // each step one instant: day at 09:00 plus a few minutes per step, so the trail reads in order
  let minute = 0;
  const at = (day: string) => new Date(new Date(`${day}T09:00:00+08:00`).getTime() + (minute++ % 400) * 60_000);
  const on = (day: string) => within(ctx, at(day));
  const dayOf = (n: number) => addDays(today, Math.min(0, n));

  const incomingIds = new Map<string, string>();
  const outgoingIds = new Map<string, string>();
  const toClose: Any[] = [];

  for (const d of data.incoming ?? []) {
    // the day of 交办 that puts the 第七十三条 limit in the wanted state today, found on the working calendar
    let assignDay: string | null = null;
    if (d.deadline) {
      const ruleId = TIME_LIMIT_RULES[d.proposal?.timeLimitKind as TimeLimitKind] ?? fail(`${d.key} 的时限类型无效`);
      for (let n = -1; n >= -60 && !assignDay; n--) {
        const day = addDays(today, n);
        const r = computeDeadline(deadlineRuleOf(ruleId, day), day, calendar());
        if (r.ok && deadlineState(r.value, today) === d.deadline) assignDay = day;
      }
      // near the end of a year whose successor's holiday arrangement is not yet published the state can be 日历未知
      assignDay ??= addDays(today, -1);
    }
    const received = assignDay ? addDays(assignDay, -2) : dayOf(d.day ?? 0);
    const proposeDay = assignDay ?? dayOf(Math.min(0, (d.day ?? 0) + 1));
    const facts = {
      matters: d.matters, principalRecipients: d.principalRecipients, submitterUnitId: d.issuer, alsoSentTo: [], addressedToLeader: false,
      containsRequest: false, skipsLevel: false, involvedUnitIds: d.involved ?? [], countersigns: d.countersigns ?? [], jointSubmission: false,
      normative: false, highImpact: false, hasInterpretation: false, hasOpinionPlan: false,
    };
    const { id } = await inc.receiveIncoming(on(received), clerk, {
      docType: d.docType, title: d.title, body: d.body, issuerName: d.issuerName, issuerUnitId: d.issuer, sourceDocNumber: d.sourceDocNumber,
      urgency: d.urgency ?? 'normal', facts,
    });
    incomingIds.set(d.key, id);
    if (d.until === 'received') continue;
    let v = (await inc.registerIncoming(on(received), clerk, id)).version;
    if (d.until === 'registered') continue;
    if (d.until === 'returned') {
      await inc.intakeReview(on(received), clerk, id, { outcome: 'return', reasons: d.returnReasons, version: v });
      continue;
    }
    v = (await inc.intakeReview(on(received), clerk, id, { outcome: 'pass', version: v })).version;
    if (d.until === 'reviewed') continue;
    const p = d.proposal ?? fail(`${d.key} 缺少拟办意见`);
    const proposed = await inc.proposeHandling(on(proposeDay), clerk, id, {
      text: p.text, leadUnitId: p.lead, cooperatingUnitIds: p.cooperating ?? [], duties: p.duties, important: !!p.important,
      instructionSource: p.instructionSource ?? 'none', timeLimitKind: p.timeLimitKind, version: v,
    });
    v = proposed.version;
    if (d.until === 'instructing') continue;
    for (const s of proposed.steps) {
      const who = s.acting?.personId ?? fail(`${d.key} 批办环节${s.order}无人办理`);
      const text = s.mode === 'instruct' ? '请分管副市长研究办理。' : `请${unitName(org, p.lead)}按拟办意见抓紧办理，按时报送结果。`;
      v = (await inc.instruct(on(proposeDay), actor(who), id, { order: s.order, text, version: v })).version;
    }
    const handler = unitClerk(org, p.lead);
    if (d.progress) v = (await inc.reportHandling(on(today), actor(handler), id, { kind: 'progress', text: d.progress, version: v })).version;
    if (d.until === 'handling') continue;
    v = (await inc.reportHandling(on(dayOf((d.day ?? 0) + 3)), actor(handler), id, { kind: 'result', text: d.result ?? '已办理完毕。', version: v })).version;
    toClose.push({ ...d, id });
  }

  for (const d of data.outgoing ?? []) {
    const day = dayOf(d.day ?? 0);
    const next = (n: number) => dayOf((d.day ?? 0) + n);
    const { id } = await out.createOutgoingDraft(on(day), clerk, {
      docType: d.docType, direction: d.direction, title: d.title, body: d.body, issuerName: d.issuerName, issuerCode: d.issuerCode,
      leadUnitId: d.lead, principalRecipients: d.principal ?? [], copyRecipients: d.copy ?? [], disclosure: d.disclosure ?? null,
      disclosureReason: d.disclosureReason ?? null, countersignUnitIds: d.countersign ?? [], reservedMatter: d.reservedMatter ?? null,
      replyToDocumentId: d.replyTo ? incomingIds.get(d.replyTo) ?? fail(`${d.key} 答复的收文 ${d.replyTo} 不存在`) : null,
    });
    outgoingIds.set(d.key, id);
    if (d.until === 'drafting') continue;
    const sub = await out.submitDraft(on(day), clerk, id, { version: 1 });
    let v = sub.version;
    if (d.until === 'countersigning') continue;
    let reviewDay = next(1);
    if (sub.state === 'countersigning') {
      const { rows } = await ctx.tx.query<{ id: string; asked_unit_id: string; due: string }>(
        `SELECT id, asked_unit_id, due::text AS due FROM opinion_requests WHERE document_id = $1 ORDER BY created_at, id`, [id]);
      for (const r of rows) {
        const reply = d.replies?.[r.asked_unit_id];
        if (reply === 'agree') await replyOpinion(on(next(1)), actor(unitHead(org, r.asked_unit_id)), r.id, { agree: true });
      }
      // the others stay silent: the day after the 2 working days of 第六十六条 their timers record 无不同意见
      // (the same step the timer worker runs; the timers themselves then find nothing left to do)
      const silentUntil = addDays(rows.map((r) => r.due).sort().at(-1)!, 1);
      if (silentUntil > today) continue; // a long holiday: the countersign is still open today
      await runUseCase(on(silentUntil), systemActor(tenantId, '系统（定时任务）'), async (sys) => {
        for (const r of rows) await recordImpliedConsent(sys, r.id);
      });
      v = (await out.finishCountersign(on(silentUntil), clerk, id, { version: await versionOf(ctx, id) })).version;
      reviewDay = silentUntil;
    }
    v = (await out.reviewDraft(on(reviewDay), clerk, id, { opinion: '文字规范，同意报签', version: v })).version;
    if (d.until === 'signing') continue;
    const signer = sub.acting.personId ?? fail(`${d.key} 无法确定签发人`);
    v = (await out.signDraft(on(reviewDay), actor(signer), id, { opinion: '同意印发', reportedToMayor: sub.signing.reportToMayorFirst, version: v })).version;
    if (d.until === 'signed') continue;
    v = (await out.checkSigned(on(reviewDay), clerk, id, { version: v })).version;
    let n = await out.numberDocument(on(reviewDay), clerk, id, { version: v });
    if (d.void) {
      v = (await out.voidNumber(on(reviewDay), clerk, id, { reason: d.void, version: n.version })).version;
      n = await out.numberDocument(on(reviewDay), clerk, id, { version: v });
    }
    v = (await out.issueDocument(on(reviewDay), clerk, id, { version: n.version })).version;
    if (d.until === 'issued') continue;
    await out.distributeDocument(on(reviewDay), clerk, id, { version: v });
  }

  for (const d of toClose) {
    const replyId = d.replyWith ? outgoingIds.get(d.replyWith) ?? fail(`${d.key} 的答复文件 ${d.replyWith} 不存在`) : null;
    await inc.closeIncoming(on(today), clerk, d.id, { reply: d.reply, replyDocumentId: replyId, version: await versionOf(ctx, d.id) });
  }
  // reminders and 催办 of 第七十三条 due by today are durable timers: the worker fires them at start
}

const versionOf = async (ctx: UseCaseContext, id: string) =>
  (await ctx.tx.query<{ version: number }>(`SELECT version FROM documents WHERE id = $1`, [id])).rows[0].version;
const unitName = (org: Org, id: string) => org.units.find((u) => u.id === id)?.shortName ?? id;
const holderOfKind = (org: Org, unitId: string, kinds: string[]) => {
  const pos = org.positions.filter((p) => p.unitId === unitId && kinds.includes(p.kind));
  for (const p of pos) {
    const a = org.assignments.find((x) => x.positionId === p.id && !x.period.to);
    if (a) return a.personId;
  }
  return null;
};
/** who records the department's work: its clerk, else its head */
const unitClerk = (org: Org, unitId: string) => holderOfKind(org, unitId, ['clerk']) ?? unitHead(org, unitId);
const unitHead = (org: Org, unitId: string) => {
  const p = holderOfKind(org, unitId, ['department_principal_head', 'county_head', 'department_head']);
  if (!p) throw new AppError('ORG.DEMO_DATA_INVALID', { message: `demo/wuwei/documents.yaml：${unitId} 没有负责人` });
  return p;
};
