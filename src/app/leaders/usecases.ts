// Leaders: trips reported before leaving (第七十九条) — written to the org context's absences through its
// repository, with the report kept beside it; stand-ins follow from the org resolver (第十一条 AB岗, our
// reading; 第十三条 受市长委托). Duty rosters and the whereabouts boards (第八十条), research days
// (第九十六条), approvals in advance (第七十八条, 第九十八条).
import { AppError, refusal } from '../../errors/index.ts';
import { checkTrip, daysBetween } from '../../domain/leaders/trips.ts';
import { departmentHeadBoard, handlerOf, leaderBoard } from '../../domain/leaders/standins.ts';
import { checkShift, gapFlag, rosterGaps, type Shift } from '../../domain/leaders/duty.ts';
import { checkResearchEntry, researchProgress, type ResearchEntry } from '../../domain/leaders/research.ts';
import { approvalRequired, checkApplication, type ApprovalDraft } from '../../domain/leaders/approvals.ts';
import { effectiveAbsences, positionsOf, positionsOfKind, holderOf, personById, unitById, unitsOfKind, type Absence, type AbsenceKind } from '../../domain/org/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { addDays, isoDate } from '../../domain/calendar/date.ts';
import { insertAbsence } from '../org/repo.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { orgRulesOn } from '../org/rules.ts';
import { runQuery, runUseCase, type Actor, type AppDeps } from '../context.ts';
import { newId } from '../supervision/usecases.ts';
import { pack, rulesOn } from '../supervision/rules.ts';
import { basedOn } from '../../domain/shared/article.ts';
import { notify } from '../notifications/notify.ts';

const refuseAll = (v: Violation[]) => refusal(v.length === 1 ? v[0].code : 'LEAD.REFUSED', v);

export interface TripInput { personId: string; kind: AbsenceKind; from: string; to: string; destination: string; reason: string; urgentReason?: string }

export async function reportTrip(deps: AppDeps, actor: Actor, input: TripInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const locked = await ctx.tx.query('SELECT id FROM org_people WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, input.personId]);
    if (!locked.rows.length) throw new AppError('ORG.UNKNOWN_PERSON', { message: `未知的人员：${input.personId}` });
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const absence: Absence = { id: newId('absence'), personId: input.personId, kind: input.kind, period: { from: input.from, to: input.to }, destination: input.destination, note: input.reason };
    const d = checkTrip(org, { absence, reportedOn: today, reason: input.reason, urgent: input.urgentReason ? { reason: input.urgentReason } : undefined }, r.trips);
    if (!d.ok) throw refuseAll(d.violations);
    await insertAbsence(ctx.tx, actor.tenantId, absence, ctx.now, actor.name);
    const reportId = newId('trip');
    await ctx.tx.query(`INSERT INTO lead_trip_reports (tenant_id, id, absence_id, person_id, reported_on, reason, urgent_reason, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, reportId, absence.id, input.personId, today, input.reason, input.urgentReason ?? null, actor.name, ctx.now]);
    const after = { ...org, absences: [...org.absences, absence] };
    const delegation = orgRulesOn(input.from).delegation;
    const standIns = positionsOf(after, input.personId, input.from).map((p) => handlerOf(after, p.id, input.from, delegation));
    await ctx.audit({ action: 'leaders.trip_reported', objectType: 'absence', objectId: absence.id, article: r.trips.article,
      payload: { personId: input.personId, kind: input.kind, period: absence.period, destination: input.destination, reason: input.reason, urgent: input.urgentReason ?? null, warnings: d.warnings.map((w) => w.code), standIns } });
    // 第十一条 / 第十三条: whoever stands in is told before the trip begins
    const name = personById(org, input.personId)?.name ?? input.personId;
    for (const h of standIns.filter((x) => x.acting && x.personId)) {
      await notify(ctx, {
        kind: 'standin', article: h.article ?? r.trips.article, key: `standin:${absence.id}:${h.positionId}`, objectType: 'absence', objectId: absence.id,
        title: `${h.marker}：${name}${input.from}至${input.to}外出（${input.destination}），期间由您代为处理其工作`, link: '/leaders',
        to: [{ personId: h.personId! }], org: after,
      });
    }
    return { absenceId: absence.id, reportId, warnings: d.warnings, standIns };
  });
}

/** Back early: the absence is corrected to end the day before the return (a new row supersedes it). */
export async function recordReturn(deps: AppDeps, actor: Actor, absenceId: string, returnedOn: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const article = pack().rule('discipline.trips.leaveAndReport', today).article;
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const a = effectiveAbsences(org).find((x) => x.id === absenceId);
    if (!a) throw new AppError('ORG.ABSENCE_NOT_FOUND', { message: `外出记录不存在或已被更正：${absenceId}` });
    await ctx.tx.query('SELECT id FROM org_people WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, a.personId]);
    if (returnedOn > a.period.to || returnedOn < a.period.from || returnedOn > today) {
      throw refuseAll([{ code: 'LEAD.TRIP_RETURN_INVALID', message: `${basedOn(article)}，返回日期${returnedOn}应在${a.period.from}至${a.period.to}之间且不晚于今天`, article }]);
    }
    const cancelled = returnedOn === a.period.from;
    const corrected: Absence = { ...a, id: newId('absence'), supersedes: a.id, period: { from: a.period.from, to: cancelled ? a.period.from : addDays(isoDate(returnedOn), -1) }, ...(cancelled ? { cancelled: true } : {}) };
    // who stood in today hears that it ends
    const delegation = orgRulesOn(today).delegation;
    const standIns = positionsOf(org, a.personId, today).map((p) => handlerOf(org, p.id, today, delegation)).filter((h) => h.acting && h.personId);
    await insertAbsence(ctx.tx, actor.tenantId, corrected, ctx.now, actor.name);
    const name = personById(org, a.personId)?.name ?? a.personId;
    for (const h of standIns) {
      await notify(ctx, {
        kind: 'standin', article: h.article ?? article, key: `standin-end:${a.id}:${h.positionId}`, objectType: 'absence', objectId: a.id,
        title: `${name}已于${returnedOn}返回，代理结束`, link: '/leaders', to: [{ personId: h.personId! }], org,
      });
    }
    await ctx.audit({ action: 'leaders.trip_returned', objectType: 'absence', objectId: a.id, article, payload: { returnedOn, correctedBy: corrected.id } });
    return { absenceId: corrected.id, returnedOn };
  });
}

export async function listTrips(deps: AppDeps, tenantId: string, today?: string) {
  return runQuery(deps, async (tx) => {
    const org = await requireOrg(tx, tenantId);
    const reports = (await tx.query('SELECT * FROM lead_trip_reports WHERE tenant_id = $1', [tenantId])).rows as any[];
    return effectiveAbsences(org).filter((a) => !a.cancelled).sort((a, b) => b.period.from.localeCompare(a.period.from)).map((a) => {
      const rep = reports.find((x) => x.absence_id === a.id || x.absence_id === a.supersedes);
      // who stands in for each post while away (第十一条 AB岗, our reading; 第十三条 受市长委托), on the first day away or today
      const on = today && today >= a.period.from && today <= a.period.to ? today : a.period.from;
      const posts = positionsOf(org, a.personId, on);
      const delegation = orgRulesOn(on).delegation;
      const state = !today ? null : today < a.period.from ? 'upcoming' : today > a.period.to ? 'returned' : 'away';
      return {
        id: a.id, personId: a.personId, personName: personById(org, a.personId)?.name ?? a.personId, positions: posts.map((p) => p.title).join('、'),
        kind: a.kind, period: a.period, destination: a.destination ?? '', reason: rep?.reason ?? a.note ?? '', reportedOn: rep?.reported_on ?? null,
        urgentReason: rep?.urgent_reason ?? null, state, standIns: posts.map((p) => handlerOf(org, p.id, on, delegation)).filter((h) => h.personId !== a.personId || h.marker !== '本人'),
      };
    });
  });
}

export async function whereabouts(deps: AppDeps, tenantId: string, date: string) {
  return runQuery(deps, async (tx) => {
    const org = await requireOrg(tx, tenantId);
    const delegation = orgRulesOn(date).delegation;
    return { date, leaders: leaderBoard(org, date, delegation), departments: departmentHeadBoard(org, date, delegation) };
  });
}

export async function standIn(deps: AppDeps, tenantId: string, positionId: string, date: string) {
  return runQuery(deps, async (tx) => handlerOf(await requireOrg(tx, tenantId), positionId, date, orgRulesOn(date).delegation));
}

// ---- duty (第八十条) ----

export async function addShift(deps: AppDeps, actor: Actor, s: Shift) {
  return runUseCase(deps, actor, async (ctx) => {
    const r = rulesOn(shanghaiDate(ctx.now));
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const v = checkShift(s, r.duty);
    if (!unitById(org, s.unitId)) v.push({ code: 'SUP.UNKNOWN_UNIT', message: `未知的单位：${s.unitId}` });
    if (v.length) throw refuseAll(v);
    const id = newId('shift');
    await ctx.tx.query(`INSERT INTO lead_duty_shifts (tenant_id, id, unit_id, duty_date, start_hour, end_hour, person_name, phone, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [actor.tenantId, id, s.unitId, s.date, s.startHour, s.endHour, s.personName, s.phone ?? null, actor.name, ctx.now]);
    await ctx.audit({ action: 'leaders.duty_shift', objectType: 'duty_roster', objectId: s.unitId, article: r.duty.article, payload: { ...s } });
    return { id };
  });
}

export async function dutyBoard(deps: AppDeps, tenantId: string, from: string) {
  return runQuery(deps, async (tx) => {
    const r = rulesOn(from);
    const org = await requireOrg(tx, tenantId);
    const units = [...unitsOfKind(org, 'government_office', from), ...unitsOfKind(org, 'constituent_department', from)];
    const start = isoDate(from);
    const to = addDays(start, r.duty.horizonDays - 1);
    const shifts = (await tx.query('SELECT * FROM lead_duty_shifts WHERE tenant_id = $1 AND duty_date BETWEEN $2 AND $3 ORDER BY duty_date, start_hour', [tenantId, from, to])).rows
      .map((x: any) => ({ unitId: x.unit_id, date: x.duty_date, startHour: x.start_hour, endHour: x.end_hour, personName: x.person_name, phone: x.phone ?? undefined }));
    const gaps = rosterGaps(units.map((u) => u.id), shifts, start, r.duty);
    return {
      from, to, horizonDays: r.duty.horizonDays, article: r.duty.article,
      units: units.map((u) => ({ id: u.id, name: u.shortName, shifts: shifts.filter((s) => s.unitId === u.id), gaps: gaps.filter((g) => g.unitId === u.id).map((g) => gapFlag(g, u.shortName, r.duty)) })),
    };
  });
}

// ---- research days (第九十六条) ----

export async function logResearch(deps: AppDeps, actor: Actor, e: ResearchEntry) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    if (!personById(org, e.personId)) throw new AppError('ORG.UNKNOWN_PERSON', { message: `未知的人员：${e.personId}` });
    await ctx.tx.query('SELECT id FROM org_people WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, e.personId]);
    const existing = (await ctx.tx.query('SELECT * FROM lead_research_days WHERE tenant_id = $1 AND person_id = $2', [actor.tenantId, e.personId])).rows
      .map((x: any) => ({ personId: x.person_id, from: x.date_from, to: x.date_to, place: x.place, topic: x.topic }));
    const d = checkResearchEntry(e, existing, today, r.research);
    if (!d.ok) throw refuseAll(d.violations);
    const id = newId('research');
    await ctx.tx.query(`INSERT INTO lead_research_days (tenant_id, id, person_id, date_from, date_to, place, topic, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, id, e.personId, e.from, e.to, e.place, e.topic, actor.name, ctx.now]);
    await ctx.audit({ action: 'leaders.research_logged', objectType: 'research', objectId: id, article: r.research.article, payload: { ...e, days: daysBetween(e.from, e.to) + 1 } });
    return { id };
  });
}

export async function researchBoard(deps: AppDeps, tenantId: string, year: number, today: string) {
  return runQuery(deps, async (tx) => {
    const r = rulesOn(today);
    const org = await requireOrg(tx, tenantId);
    const rows = (await tx.query('SELECT * FROM lead_research_days WHERE tenant_id = $1 ORDER BY date_from', [tenantId])).rows
      .map((x: any) => ({ personId: x.person_id, from: x.date_from, to: x.date_to, place: x.place, topic: x.topic }));
    const on = `${year}-12-31` < today ? `${year}-12-31` : today;
    return positionsOfKind(org, 'mayor', 'executive_vice_mayor', 'vice_mayor').map((p) => {
      const personId = holderOf(org, p.id, on);
      const mine = rows.filter((x) => x.personId === personId);
      return { positionId: p.id, title: p.title, personId, personName: personId ? personById(org, personId)?.name : '', progress: researchProgress(mine, year, on, r.research), entries: mine };
    });
  });
}

// ---- approvals in advance (第七十八条, 第九十八条) ----

export async function applyApproval(deps: AppDeps, actor: Actor, input: Omit<ApprovalDraft, 'authorIsCityLeader'> & { authorPersonId: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    if (!personById(org, input.authorPersonId)) throw new AppError('ORG.UNKNOWN_PERSON', { message: `未知的人员：${input.authorPersonId}` });
    const isLeader = positionsOf(org, input.authorPersonId, today).some((p) => ['mayor', 'executive_vice_mayor', 'vice_mayor'].includes(p.kind));
    const draft: ApprovalDraft = { ...input, authorIsCityLeader: isLeader };
    const d = checkApplication(draft, r.approvals);
    if (!d.ok) throw refuseAll(d.violations);
    const need = approvalRequired(draft, r.approvals);
    const id = newId('approval');
    await ctx.tx.query(`INSERT INTO lead_approvals (tenant_id, id, kind, title, author_person_id, capacity, touches_undecided, applicant_unit_id, exception_reason, required, article, status, recorded_by, recorded_at)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [actor.tenantId, id, input.kind, input.title, input.authorPersonId, input.capacity, input.touchesUndecidedMajorMatter, input.applicantUnitId ?? null, input.exceptionReason ?? null, need.required, need.article, need.required ? 'pending' : 'not_required', actor.name, ctx.now]);
    await ctx.audit({ action: 'leaders.approval_requested', objectType: 'approval', objectId: id, article: need.article, payload: { ...input, required: need.required, reason: need.reason } });
    return { id, ...need };
  });
}

export async function decideApproval(deps: AppDeps, actor: Actor, id: string, input: { approve: boolean; note: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const { rows } = await ctx.tx.query('SELECT * FROM lead_approvals WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id]);
    if (!rows.length) throw new AppError('LEAD.NOT_FOUND');
    const a = rows[0] as any;
    if (a.status !== 'pending') throw new AppError('LEAD.APPROVAL_DECIDED');
    if (input.version != null && a.version !== input.version) throw new AppError('REQUEST.CONFLICT');
    if (actor.personId && actor.personId === a.author_person_id) {
      const article = rulesOn(shanghaiDate(ctx.now)).approvals.speechArticle;
      throw refuseAll([{ code: 'LEAD.APPROVAL_SELF', message: `${basedOn(article)}，报批事项由市政府批准，不能审批本人的报批`, article }]);
    }
    await ctx.tx.query('UPDATE lead_approvals SET status = $3, decided_by = $4, decided_at = $5, decision_note = $6, version = version + 1 WHERE tenant_id = $1 AND id = $2',
      [actor.tenantId, id, input.approve ? 'approved' : 'rejected', actor.name, ctx.now, input.note]);
    await ctx.audit({ action: input.approve ? 'leaders.approval_granted' : 'leaders.approval_refused', objectType: 'approval', objectId: id, article: a.article, payload: { note: input.note } });
    return { status: input.approve ? 'approved' : 'rejected' };
  });
}

export const listApprovals = (deps: AppDeps, tenantId: string) => runQuery(deps, async (tx) => {
  const org = await requireOrg(tx, tenantId);
  return (await tx.query('SELECT * FROM lead_approvals WHERE tenant_id = $1 ORDER BY recorded_at DESC', [tenantId])).rows
    .map((a: any) => ({ ...a, authorName: personById(org, a.author_person_id)?.name ?? a.author_person_id, applicantUnit: a.applicant_unit_id ? unitById(org, a.applicant_unit_id)?.shortName ?? a.applicant_unit_id : null }));
});
