// Loads demo/wuwei/supervision.yaml: instructions of each source (a General Secretary instruction part-way
// through its five stages, one closed, provincial ones with reports), supervision items at every stage
// and of every kind, trip reports, duty rosters with gaps, research days and approvals in advance.
// Dates are relative to the load day. Checks and deadlines come from the domain, as in the use cases.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppError } from '../../errors/index.ts';
import { computeDeadline } from '../../domain/calendar/deadline.ts';
import type { IsoDate } from '../../domain/calendar/date.ts';
import { checkStage, firstReader, loopKindOf, type InstructionState } from '../../domain/supervision/instructions.ts';
import { checkOpening, stageLabel, ITEM_STAGES, type ItemStage } from '../../domain/supervision/items.ts';
import { followUp } from '../../domain/supervision/followup.ts';
import { approvalRequired, type ApprovalKind } from '../../domain/leaders/approvals.ts';
import { checkAbsence } from '../../domain/org/records.ts';
import { governmentPost, leaderInCharge, personById, positionsOf, unitById, type Absence } from '../../domain/org/index.ts';
import { shippedCalendar } from '../calendar/files.ts';
import type { UseCaseContext } from '../context.ts';
import { DEMO_DIR } from '../seed.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { addDays } from '../org/demo.ts';
import { insertAbsence } from '../org/repo.ts';
import { rulesOn } from './rules.ts';
import { newId } from './usecases.ts';
import { scheduleItemTimers, trackItemDeadline } from './timers.ts';

export async function seedDemoSupervision(ctx: UseCaseContext): Promise<void> {
  const file = join(DEMO_DIR, 'supervision.yaml');
  if (!existsSync(file)) return;
  const data = parse(readFileSync(file, 'utf8')) as any;
  const tenantId = ctx.actor.tenantId;
  const today = shanghaiDate(ctx.now);
  const r = rulesOn(today);
  const day = (n: number) => addDays(today as IsoDate, n);
  const fail: (m: string) => never = (m) => { throw new AppError('ORG.DEMO_DATA_INVALID', { message: `demo/wuwei/supervision.yaml：${m}` }); };
  let org = await requireOrg(ctx.tx, tenantId);
  const by = ctx.actor.name;
  const unitName = (id: string) => unitById(org, id)?.shortName ?? fail(`未知的单位 ${id}`);

  // ---- 批示 ----
  const instructionIds = new Map<string, string>();
  for (const i of data.instructions ?? []) {
    const id = newId('instr');
    instructionIds.set(i.key, id);
    const reader = firstReader(i.source, r.instructions);
    const leaderPos = reader.reader === 'mayor' ? governmentPost(org, 'mayor')?.id ?? null : i.leadUnit ? leaderInCharge(org, i.leadUnit, today)?.positionId ?? null : null;
    const loop = loopKindOf(i.source, r.instructions);
    const closedOn = i.closedDay != null ? day(i.closedDay) : null;
    await ctx.tx.query(
      `INSERT INTO sup_instructions (tenant_id, id, source, loop_kind, title, instructed_by, instructed_on, received_on, doc_ref, content,
        first_reader, leader_position_id, lead_unit_id, status, closed_on, pack_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
      [tenantId, id, i.source, loop, i.title, i.instructedBy, day(i.instructedDay), day(i.receivedDay), i.docRef ?? null, i.content ?? '',
        reader.reader, leaderPos, i.leadUnit ?? null, closedOn ? 'closed' : 'open', closedOn, r.packId, by, ctx.now]);
    await ctx.audit({ action: 'instruction.registered', objectType: 'instruction', objectId: id, article: reader.article ?? (loop === 'closed_loop' ? 84 : 85),
      payload: { source: i.source, title: i.title, firstReader: reader.reader, routing: reader.reason, leaderPositionId: leaderPos, receivedOn: day(i.receivedDay) } });
    const state: InstructionState = { source: i.source, status: 'open', receivedOn: day(i.receivedDay), stages: [], reports: 0 };
    for (const s of i.stages ?? []) {
      const entry = { stage: s.stage, on: day(s.day), summary: s.summary, evidence: s.evidence ?? [] };
      const d = checkStage(state, entry, today, r.instructions);
      if (!d.ok) fail(`批示「${i.title}」的环节有误：${d.violations.map((v) => v.message).join('；')}`);
      state.stages.push(entry);
      await ctx.tx.query(`INSERT INTO sup_instruction_entries (tenant_id, id, instruction_id, entry_type, stage, on_date, summary, evidence, recorded_by, recorded_at)
        VALUES ($1,$2,$3,'stage',$4,$5,$6,$7,$8,$9)`, [tenantId, newId('stage'), id, entry.stage, entry.on, entry.summary, JSON.stringify(entry.evidence), by, ctx.now]);
      await ctx.audit({ action: 'instruction.stage_recorded', objectType: 'instruction', objectId: id, article: r.instructions.loopArticle, payload: entry });
    }
    for (const rep of i.reports ?? []) {
      await ctx.tx.query(`INSERT INTO sup_instruction_entries (tenant_id, id, instruction_id, entry_type, on_date, summary, evidence, recorded_by, recorded_at)
        VALUES ($1,$2,$3,'report',$4,$5,$6,$7,$8)`, [tenantId, newId('report'), id, day(rep.day), rep.summary, JSON.stringify(rep.evidence ?? []), by, ctx.now]);
      await ctx.audit({ action: 'instruction.reported', objectType: 'instruction', objectId: id, article: r.instructions.reportArticle, payload: { on: day(rep.day), summary: rep.summary } });
    }
    if (closedOn) await ctx.audit({ action: 'instruction.closed', objectType: 'instruction', objectId: id, article: loop === 'closed_loop' ? r.instructions.loopArticle : r.instructions.reportArticle, payload: { on: closedOn } });
  }

  // ---- 督查事项 ----
  const gov = org.units.find((u) => u.kind === 'municipal_government')?.id ?? '';
  const open: { id: string; title: string; matterKey: string; supervisorUnitId: string; supervisorName: string }[] = [];
  for (const it of data.items ?? []) {
    const openedOn = day(it.openedDay);
    const ref = (uid: string) => { const u = unitById(org, uid) ?? fail(`未知的单位 ${uid}`); return { id: u.id, kind: u.kind, name: u.shortName, parentId: u.parentId }; };
    const source = it.source?.instruction ? { type: 'instruction' as const, id: instructionIds.get(it.source.instruction) ?? fail(`未知的批示 ${it.source.instruction}`) } : undefined;
    const designation = it.designation ? { byUnitId: gov, ref: it.designation.ref, on: day(it.designation.day) } : undefined;
    const d = checkOpening({ title: it.title, kind: it.kind, scope: it.scope, supervisor: ref(it.supervisor), lead: ref(it.lead), cooperating: (it.cooperating ?? []).map(ref),
      source, designation, findingSource: it.findingSource, openedOn }, open, gov, r.items);
    if (!d.ok) fail(`督查事项「${it.title}」不能立项：${d.violations.map((v) => v.message).join('；')}`);
    const override = it.due ? { by: '督查方案', reason: it.due.reason, due: day(it.due.day) as IsoDate } : undefined;
    const dl = computeDeadline(r.itemDeadline, openedOn, shippedCalendar(), override);
    if (!dl.ok) fail(`督查事项「${it.title}」的时限有误：${dl.violations.map((v) => v.message).join('；')}`);
    const deadline = dl.value;
    const chaseFrom = followUp({ due: deadline.due, unknownYears: deadline.unknownYears, closed: false, lastReportOn: openedOn }, today, shippedCalendar(), r.followUp).chaseFrom;
    const leader = leaderInCharge(org, it.lead, openedOn)?.positionId ?? null;
    const stages = (it.stages ?? []) as { to: ItemStage; day: number; summary: string; conclusion?: string; incentive?: string }[];
    stages.forEach((s, k) => { if (s.to !== ITEM_STAGES[k + 1]) fail(`督查事项「${it.title}」的环节应依次为${ITEM_STAGES.slice(1).join('、')}`); });
    const last = stages.at(-1);
    const stage: ItemStage = last?.to ?? 'opened';
    const closedOn = stage === 'applied' ? day(last!.day) : null;
    const reports = (it.progress ?? []).map((p: any) => day(p.day)).sort();
    const id = newId('sup');
    await ctx.tx.query(
      `INSERT INTO sup_items (tenant_id, id, title, kind, scope, supervisor_unit_id, lead_unit_id, cooperating_unit_ids, leader_position_id, source_type, source_id,
        matter_key, designation, finding_source, opened_on, due, chase_from, unknown_years, deadline, stage, stage_on, reported_to_government, last_report_on, closed_on, pack_id, created_by, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27)`,
      [tenantId, id, it.title, it.kind, it.scope, it.supervisor, it.lead, it.cooperating ?? [], leader, source?.type ?? null, source?.id ?? null,
        d.value.matterKey, designation ? JSON.stringify(designation) : null, it.findingSource ?? null, openedOn, deadline.due, chaseFrom, deadline.unknownYears,
        JSON.stringify(deadline), stage, last ? day(last.day) : openedOn, !!it.governmentReport, reports.at(-1) ?? openedOn, closedOn, r.packId, by, ctx.now]);
    if (!closedOn) open.push({ id, title: it.title, matterKey: d.value.matterKey, supervisorUnitId: it.supervisor, supervisorName: unitName(it.supervisor) });
    const event = async (type: string, on: string, summary: string, detail: Record<string, unknown>, stageCode: string | null = null) => {
      await ctx.tx.query(`INSERT INTO sup_item_events (tenant_id, id, item_id, event_type, stage, on_date, summary, detail, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [tenantId, newId('ev'), id, type, stageCode, on, summary, JSON.stringify(detail), by, ctx.now]);
    };
    await event('stage', openedOn, `立项：${it.title}`, { due: deadline.due, designation: designation ?? null }, 'opened');
    await ctx.audit({ action: 'supervision.opened', objectType: 'supervision_item', objectId: id, article: r.items.lifecycleArticle,
      payload: { title: it.title, kind: it.kind, scope: it.scope, supervisor: it.supervisor, lead: it.lead, cooperating: it.cooperating ?? [], openedOn, due: deadline.due, designation: designation ?? null, source: source ?? null } });
    // the events in date order, as they happened
    const timeline: { on: string; run: () => Promise<void> }[] = [];
    let prev: ItemStage = 'opened';
    for (const s of stages) {
      const from = prev;
      prev = s.to;
      timeline.push({ on: day(s.day), run: async () => {
        await event('stage', day(s.day), s.summary, { conclusion: s.conclusion ?? null, incentive: s.incentive ?? null }, s.to);
        await ctx.audit({ action: s.to === 'applied' ? 'supervision.closed' : 'supervision.stage', objectType: 'supervision_item', objectId: id, article: r.items.lifecycleArticle,
          payload: { from, to: s.to, stageLabel: stageLabel(s.to, r.items), on: day(s.day), summary: s.summary, conclusion: s.conclusion ?? null, incentive: s.incentive ?? null } });
      } });
    }
    for (const [type, list] of [['progress', it.progress ?? []], ['chase', it.chases ?? []]] as const) {
      for (const p of list as any[]) timeline.push({ on: day(p.day), run: async () => {
        await event(type, day(p.day), p.summary, {});
        await ctx.audit({ action: `supervision.${type}`, objectType: 'supervision_item', objectId: id, article: r.followUp.article, payload: { on: day(p.day), summary: p.summary } });
      } });
    }
    if (it.governmentReport) timeline.push({ on: day(it.governmentReport.day), run: async () => {
      await event('government_report', day(it.governmentReport.day), it.governmentReport.summary, {});
      await ctx.audit({ action: 'supervision.government_report', objectType: 'supervision_item', objectId: id, article: r.items.rectificationArticle, payload: { on: day(it.governmentReport.day), summary: it.governmentReport.summary } });
    } });
    for (const t of timeline.sort((a, b) => a.on.localeCompare(b.on))) await t.run();
    if (!closedOn) {
      await trackItemDeadline(ctx, id, r.itemDeadline, openedOn, override);
      await scheduleItemTimers(ctx, id, deadline.due, chaseFrom);
    }
  }

  // ---- 外出报备 ----
  for (const t of data.trips ?? []) {
    let absence: Absence | undefined;
    if (t.absence) {
      absence = org.absences.find((a) => a.id === t.absence) ?? fail(`未知的外出记录 ${t.absence}`);
    } else {
      absence = { id: newId('absence'), personId: t.person, kind: t.kind, period: { from: day(t.fromDay), to: day(t.toDay) }, destination: t.destination, note: t.reason };
      const ok = checkAbsence(org, absence);
      if (!ok.ok) fail(`外出报备有误：${ok.violations.map((v) => v.message).join('；')}`);
      await insertAbsence(ctx.tx, tenantId, absence, ctx.now, by);
      org = { ...org, absences: [...org.absences, absence] };
    }
    if (!personById(org, absence.personId) || positionsOf(org, absence.personId, absence.period.from).length === 0) fail(`外出人员不是市政府组成人员：${absence.personId}`);
    await ctx.tx.query(`INSERT INTO lead_trip_reports (tenant_id, id, absence_id, person_id, reported_on, reason, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [tenantId, newId('trip'), absence.id, absence.personId, day(t.reportedDay), t.reason, by, ctx.now]);
    await ctx.audit({ action: 'leaders.trip_reported', objectType: 'absence', objectId: absence.id, article: r.trips.article,
      payload: { personId: absence.personId, kind: absence.kind, period: absence.period, destination: absence.destination, reason: t.reason, reportedOn: day(t.reportedDay) } });
  }

  // ---- 24小时值班 ----
  const duty = data.duty ?? {};
  const horizon = Number(duty.horizonDays ?? r.duty.horizonDays);
  const units = org.units.filter((u) => u.kind === 'government_office' || u.kind === 'constituent_department');
  const gaps = (duty.gaps ?? []) as { unit: string; day: number; hours: [number, number] }[];
  for (const u of units) {
    const roster: { hours: [number, number]; person: string; phone?: string }[] = duty.rosters?.[u.id] ?? [
      { hours: [0, 8], person: `${u.shortName}值班室（夜班）` }, { hours: [8, 18], person: `${u.shortName}值班室（白班）` }, { hours: [18, 24], person: `${u.shortName}值班室（夜班）` },
    ];
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let k = 0; k < horizon; k++) {
      for (const s of roster) {
        const gap = gaps.find((g) => g.unit === u.id && g.day === k && g.hours[0] <= s.hours[0] && s.hours[1] <= g.hours[1]);
        if (gap) continue;
        const n = values.length;
        rows.push(`($${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8},$${n + 9},$${n + 10})`);
        values.push(tenantId, newId('shift'), u.id, day(k), s.hours[0], s.hours[1], s.person, s.phone ?? null, by, ctx.now);
      }
    }
    if (rows.length) {
      await ctx.tx.query(`INSERT INTO lead_duty_shifts (tenant_id, id, unit_id, duty_date, start_hour, end_hour, person_name, phone, recorded_by, recorded_at) VALUES ${rows.join(',')}`, values);
    }
  }
  await ctx.audit({ action: 'leaders.duty_roster_loaded', objectType: 'duty_roster', objectId: 'demo', article: r.duty.article, payload: { units: units.length, horizonDays: horizon, from: today } });

  // ---- 基层调研 ----
  for (const [personId, entries] of Object.entries((data.research ?? {}) as Record<string, any[]>)) {
    if (!personById(org, personId)) fail(`未知的人员 ${personId}`);
    for (const e of entries) {
      const from = day(e.fromDay);
      const to = day(e.toDay);
      if (from.slice(0, 4) !== to.slice(0, 4) || to > today) continue; // a span across New Year is left out rather than split
      const id = newId('research');
      await ctx.tx.query(`INSERT INTO lead_research_days (tenant_id, id, person_id, date_from, date_to, place, topic, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [tenantId, id, personId, from, to, e.place, e.topic, by, ctx.now]);
      await ctx.audit({ action: 'leaders.research_logged', objectType: 'research', objectId: id, article: r.research.article, payload: { personId, from, to, place: e.place, topic: e.topic } });
    }
  }

  // ---- 事先报批 ----
  for (const a of data.approvals ?? []) {
    const isLeader = positionsOf(org, a.author, today).some((p) => ['mayor', 'executive_vice_mayor', 'vice_mayor'].includes(p.kind));
    const need = approvalRequired({ kind: a.kind as ApprovalKind, authorIsCityLeader: isLeader, capacity: a.capacity, touchesUndecidedMajorMatter: !!a.touchesUndecided, applicantUnitId: a.applicantUnit, exceptionReason: a.exceptionReason, title: a.title }, r.approvals);
    const status = need.required ? (a.status ?? 'pending') : 'not_required';
    const id = newId('approval');
    const at = new Date(`${day(a.day)}T10:00:00+08:00`);
    await ctx.tx.query(`INSERT INTO lead_approvals (tenant_id, id, kind, title, author_person_id, capacity, touches_undecided, applicant_unit_id, exception_reason, required, article, status,
        decided_by, decided_at, decision_note, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
      [tenantId, id, a.kind, a.title, a.author, a.capacity, !!a.touchesUndecided, a.applicantUnit ?? null, a.exceptionReason ?? null, need.required, need.article, status,
        status === 'approved' || status === 'rejected' ? '市政府办公室（报市政府同意）' : null, status === 'approved' || status === 'rejected' ? at : null, a.note ?? null, by, at]);
    await ctx.audit({ action: 'leaders.approval_requested', objectType: 'approval', objectId: id, article: need.article, payload: { title: a.title, author: a.author, required: need.required, reason: need.reason, status } });
  }
}
