// Loads demo/wuwei/decisions.yaml: a decided major decision linked to the executive meeting's decision with
// its tracking, one still missing steps, issued and draft normative documents (one with a 第二十九条
// problem), a government rule in review with a dispute before the government, inquiries and a change of
// a plan. Dates are relative to the load day. Every record passes the same domain checks as the use cases.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppError } from '../../errors/index.ts';
import type { IsoDate } from '../../domain/calendar/date.ts';
import { workingDayOnOrAfter } from '../../domain/calendar/calendar.ts';
import { checkChange, checkCollectiveMatter, checkDecide, checkDispute, checkIssue, checkLegislationAdvance, checkMeetingLink, checkStepRecord, STAGE, type NormativeFile, type StepRecord } from '../../domain/decisions/index.ts';
import { unitById } from '../../domain/org/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { shippedCalendar } from '../calendar/files.ts';
import type { UseCaseContext } from '../context.ts';
import { DEMO_DIR } from '../seed.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { addDays } from '../org/demo.ts';
import { decisionsRulesOn } from './rules.ts';
import { meetingDecisionOf, newId } from './usecases.ts';
import { scheduleEvaluationReminder } from './timers.ts';

export async function seedDemoDecisions(ctx: UseCaseContext): Promise<void> {
  const file = join(DEMO_DIR, 'decisions.yaml');
  if (!existsSync(file)) return;
  const data = parse(readFileSync(file, 'utf8')) as any;
  const t = ctx.actor.tenantId;
  const today = shanghaiDate(ctx.now);
  const r = decisionsRulesOn(today);
  const day = (n: number) => addDays(today as IsoDate, n) as string;
  const fail: (m: string) => never = (m) => { throw new AppError('ORG.DEMO_DATA_INVALID', { message: `demo/wuwei/decisions.yaml：${m}` }); };
  const must = (what: string, d: { ok: boolean; violations?: Violation[] }) => { if (!d.ok) fail(`${what}：${d.violations!.map((v) => v.message).join('；')}`); };
  const org = await requireOrg(ctx.tx, t);
  const unit = (id: string) => { const u = unitById(org, id) ?? fail(`未知的单位 ${id}`); return { id: u.id, name: u.shortName }; };
  const by = ctx.actor.name;
  const topicByTitle = async (title: string) => {
    const { rows } = await ctx.tx.query('SELECT id FROM meeting_topics WHERE tenant_id = $1 AND title = $2', [t, title]);
    const id = (rows[0] as any)?.id ?? fail(`未找到议题「${title}」`);
    return meetingDecisionOf(ctx.tx, t, id);
  };

  for (const m of data.majors ?? []) {
    const id = newId('major');
    const steps: StepRecord[] = (m.steps ?? []).map((s: any) => ({ step: s.step, applicable: s.applicable !== false, evidence: s.evidence ?? '', reason: s.reason ?? '', on: day(s.day) }));
    for (const s of steps) must(`「${m.title}」的程序`, checkStepRecord(s, today, false, r.major));
    let decided: { on: string; text: string; due: { date: string; unknownYears: number[] }; meetingId: string; topicId: string } | null = null;
    if (m.decide) {
      const found = await topicByTitle(m.decide.topic);
      const state = { status: 'draft' as const, steps, consultedParties: (m.consultations ?? []).map((c: any) => c.party), legalAdviserHeard: (m.consultations ?? []).some((c: any) => c.party === r.major.legalAdviser) };
      const input = { on: day(m.decide.day), text: m.decide.text, evaluationDue: day(m.decide.evaluationDay) };
      must(`「${m.title}」的决定`, checkDecide(state, input, checkMeetingLink(true, found, r.collective.mattersArticle, r.collective), today, r.major));
      const due = workingDayOnOrAfter(shippedCalendar(), input.evaluationDue);
      decided = { on: input.on, text: input.text, due, meetingId: found!.meetingId, topicId: found!.topicId };
    }
    await ctx.tx.query(`INSERT INTO dec_major_decisions (id, tenant_id, title, lead_unit_id, summary, status, decided_on, decision_text, meeting_id, topic_id, evaluation_due, evaluation_unknown_years, pack_id, created_by, created_at)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [id, t, m.title, unit(m.leadUnit).id, m.summary ?? '', decided ? 'decided' : 'draft', decided?.on ?? null, decided?.text ?? null, decided?.meetingId ?? null, decided?.topicId ?? null,
        decided?.due.date ?? null, decided?.due.unknownYears ?? [], r.packId, by, ctx.now]);
    await ctx.audit({ action: 'major_decision.registered', objectType: 'major_decision', objectId: id, article: r.major.stepsArticle, payload: { title: m.title } });
    for (const s of steps) {
      await ctx.tx.query(`INSERT INTO dec_major_steps (tenant_id, decision_id, step, applicable, evidence, reason, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [t, id, s.step, s.applicable, s.evidence, s.reason, s.on, by, ctx.now]);
    }
    for (const c of m.consultations ?? []) {
      await ctx.tx.query(`INSERT INTO dec_consultations (tenant_id, decision_id, party, form, summary, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [t, id, c.party, c.form ?? '', c.summary, day(c.day), by, ctx.now]);
    }
    if (decided) await ctx.audit({ action: 'major_decision.decided', objectType: 'major_decision', objectId: id, article: r.major.stepsArticle, payload: { meetingId: decided.meetingId, evaluationDue: decided.due.date } });
    for (const e of m.tracking ?? []) {
      await ctx.tx.query(`INSERT INTO dec_tracking (tenant_id, decision_id, stage, on_date, summary, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [t, id, e.stage, day(e.day), e.summary, by, ctx.now]);
    }
    if (decided && !(m.tracking ?? []).some((e: any) => e.stage === 'evaluation')) await scheduleEvaluationReminder(ctx, id, decided.due.date);
  }

  for (const c of data.collective ?? []) {
    const found = await topicByTitle(c.topic);
    must(`集体决策事项「${c.title}」`, checkCollectiveMatter(c.matter, c.title, true, found, r.collective));
    const id = newId('coll');
    await ctx.tx.query(`INSERT INTO dec_collective_matters (id, tenant_id, matter, title, meeting_id, topic_id, note, pack_id, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [id, t, c.matter, c.title, found!.meetingId, found!.topicId, c.note ?? '', r.packId, by, ctx.now]);
    await ctx.audit({ action: 'collective_matter.recorded', objectType: 'collective_matter', objectId: id, article: r.collective.mattersArticle, payload: { title: c.title } });
  }

  const clean = Object.fromEntries(r.normative.forbidden.map((f) => [f, false]));
  for (const n of data.normative ?? []) {
    const id = newId('norm');
    const involved: string[] = n.involved ?? [];
    const f: NormativeFile = {
      legalityReview: n.legalityReview ? { passed: n.legalityReview.passed, opinion: n.legalityReview.opinion, on: day(n.legalityReview.day) } : undefined,
      priorRequest: n.priorRequest ? { ref: n.priorRequest.ref, on: day(n.priorRequest.day) } : undefined,
      consultedUnitIds: n.consulted ?? [],
      checklist: n.checklist ? { ...Object.fromEntries(r.normative.forbidden.map((x) => [x, undefined])), ...n.checklist } : (n.issue ? clean : {}),
    };
    const draft = { title: n.title, draftingUnit: unit(n.draftingUnit), involvedUnits: involved.map(unit), form: n.form, publicRights: !!n.publicRights, highAttention: !!n.highAttention, important: !!n.important };
    if (n.issue) must(`规范性文件「${n.title}」`, checkIssue(draft, f, 'draft', r.normative));
    await ctx.tx.query(`INSERT INTO dec_normative_docs (id, tenant_id, title, drafting_unit_id, involved_unit_ids, form, public_rights, high_attention, important, status, legality_review, prior_request,
      consulted_unit_ids, checklist, doc_number, issued_on, pack_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)`,
      [id, t, n.title, n.draftingUnit, involved, n.form, !!n.publicRights, !!n.highAttention, !!n.important, n.issue ? 'issued' : 'draft',
        f.legalityReview ? JSON.stringify(f.legalityReview) : null, f.priorRequest ? JSON.stringify(f.priorRequest) : null, f.consultedUnitIds, JSON.stringify(f.checklist),
        n.issue?.docNumber ?? null, n.issue ? day(n.issue.day) : null, r.packId, by, ctx.now]);
    await ctx.audit({ action: 'normative.registered', objectType: 'normative_document', objectId: id, article: r.normative.legalityArticle, payload: { title: n.title } });
    if (n.issue) {
      await ctx.tx.query(`INSERT INTO dec_normative_events (tenant_id, doc_id, kind, payload, on_date, recorded_by, recorded_at) VALUES ($1,$2,'issued',$3,$4,$5,$6)`,
        [t, id, JSON.stringify(n.issue), day(n.issue.day), by, ctx.now]);
      if (['governmentRule', 'governmentDecision'].includes(n.form)) {
        await ctx.tx.query(`INSERT INTO dec_filings (id, tenant_id, instrument, source_type, source_id, title, published_on, filed_with, status, created_at) VALUES ($1,$2,$3,'normative',$4,$5,$6,$7,'pending',$8)`,
          [newId('filing'), t, r.filing.instruments[1] ?? '行政规范性文件', id, `${n.title}（${n.issue.docNumber}）`, day(n.issue.day), r.filing.filedWith, ctx.now]);
      }
    }
  }

  for (const l of data.legislation ?? []) {
    const id = newId('leg');
    const stages = l.stages ?? [];
    let stage: string = STAGE.initiated;
    let last = day(stages[0]?.day ?? 0);
    for (const s of stages.slice(1)) {
      must(`立法事项「${l.title}」`, checkLegislationAdvance({ title: l.title, instrument: l.instrument, action: l.action, secret: !!l.secret, secrecyReason: l.secrecyReason ?? '', important: !!l.important, disputed: !!l.disputed,
        stage, lastStageOn: last, thirdPartyEvaluated: false, openDisputes: 0 }, { to: s.stage, on: day(s.day), summary: s.summary }, [], today, r.legislation));
      stage = s.stage; last = day(s.day);
    }
    await ctx.tx.query(`INSERT INTO dec_legislation (id, tenant_id, title, instrument, action, lead_unit_id, secret, secrecy_reason, important, disputed, stage, stage_on, pack_id, created_by, created_at)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [id, t, l.title, l.instrument, l.action, unit(l.leadUnit).id, !!l.secret, l.secrecyReason ?? '', !!l.important, !!l.disputed, stage, last, r.packId, by, ctx.now]);
    for (const s of stages) {
      await ctx.tx.query(`INSERT INTO dec_legislation_events (tenant_id, item_id, stage, on_date, summary, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [t, id, s.stage, day(s.day), s.summary, by, ctx.now]);
    }
    await ctx.audit({ action: 'legislation.registered', objectType: 'legislation', objectId: id, article: r.legislation.registerArticle, payload: { title: l.title, stage } });
    if (l.dispute) {
      const handler = org.units.find((u) => u.shortName === r.legislation.disputeHandler)?.id ?? fail('未找到市司法局');
      const sides = l.dispute.sides.map((s: any) => ({ unitId: s.unit, unitName: unit(s.unit).name, position: s.position, reasons: s.reasons }));
      must(`立法争议「${l.dispute.issue}」`, checkDispute({ issue: l.dispute.issue, sides, proposal: l.dispute.proposal, submittedByUnitId: handler }, handler, stage, r.legislation));
      const did = newId('disp');
      await ctx.tx.query(`INSERT INTO dec_legislation_disputes (id, tenant_id, item_id, issue, sides, proposal, submitted_by_unit_id, submitted_on, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [did, t, id, l.dispute.issue, JSON.stringify(sides), l.dispute.proposal, handler, day(l.dispute.day), by, ctx.now]);
      await ctx.audit({ action: 'legislation.dispute_submitted', objectType: 'legislation', objectId: id, article: r.legislation.disputeArticle, payload: { disputeId: did } });
    }
  }

  for (const q of data.inquiries ?? []) {
    const id = newId('inq');
    await ctx.tx.query(`INSERT INTO dec_inquiries (id, tenant_id, kind, subject, from_body, received_on, answered_on, answer, answered_by, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [id, t, q.kind, q.subject, r.filing.filedWith, day(q.day), q.answer ? day(q.answer.day) : null, q.answer?.text ?? null, q.answer?.by ?? null, by, ctx.now]);
  }

  for (const c of data.changes ?? []) {
    must(`改变「${c.targetTitle}」`, checkChange(true, { legalBasis: c.legalBasis, reason: c.reason, on: day(c.day) }, today, r.major));
    const id = newId('chg');
    await ctx.tx.query(`INSERT INTO dec_changes (id, tenant_id, target_type, target_title, legal_basis, reason, content, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [id, t, c.targetType, c.targetTitle, c.legalBasis, c.reason, c.content ?? '', day(c.day), by, ctx.now]);
    await ctx.audit({ action: 'decision.changed', objectType: c.targetType, objectId: id, article: r.major.changeArticle, payload: { targetTitle: c.targetTitle, legalBasis: c.legalBasis } });
  }
}
