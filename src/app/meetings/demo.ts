// Loads demo/wuwei/meetings.yaml: meetings in different states (held with decisions and signed minutes,
// scheduled with an agenda, a special meeting), topics at every stage of 第五十六条, a citywide request.
// Hosts, members and deadlines are computed by the domain, exactly as the use cases do.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppError } from '../../errors/index.ts';
import { leaderInCharge } from '../../domain/org/queries.ts';
import { composeParticipants, issuanceDraft, issuanceTasks, meetingTitle, minutesText, resolveHost, TOPIC_STAGES, type FollowUp, type MeetingType, type TopicStage } from '../../domain/meetings/index.ts';
import { shippedCalendar } from '../calendar/files.ts';
import type { UseCaseContext } from '../context.ts';
import { DEMO_DIR } from '../seed.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { addDays } from '../org/demo.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { issuanceDraftRules, issuanceRules, meetingRules } from './rules.ts';
import { createOutgoingDraftIn } from '../documents/outgoing.ts';
import { newId } from './usecases.ts';
import { minutesModel } from './queries.ts';

const STEP_FOR: Partial<Record<TopicStage, string>> = { proposed: 'propose', collected: 'collect', verified: 'verify', approved: 'approve', placed: 'place', concluded: 'decide' };

export async function seedDemoMeetings(ctx: UseCaseContext): Promise<void> {
  const file = join(DEMO_DIR, 'meetings.yaml');
  if (!existsSync(file)) return;
  const data = parse(readFileSync(file, 'utf8')) as any;
  const tenantId = ctx.actor.tenantId;
  const org = await requireOrg(ctx.tx, tenantId);
  const today = shanghaiDate(ctx.now);
  const fail: (m: string) => never = (m) => { throw new AppError('ORG.DEMO_DATA_INVALID', { message: `demo/wuwei/meetings.yaml：${m}` }); };
  const meetingIds = new Map<string, { id: string; type: MeetingType; startsAt: string; hostPersonId: string; state: string; day: string }>();
  let number = 0;

  for (const m of data.meetings ?? []) {
    const day = addDays(today, m.day);
    const startsAt = `${day}T${m.time}:00+08:00`;
    const rules = meetingRules(day);
    const host = resolveHost(org, m.type, day, rules, m.convener);
    if (!host.ok) fail(`${m.key} 无法确定主持人：${host.violations.map((v) => v.message).join('；')}`);
    const parts = composeParticipants(org, m.type, day, rules, host.value, { participantPersonIds: m.participants, observerPersonIds: m.observers });
    if (!parts.ok) fail(`${m.key} 参会人员有误：${parts.violations.map((v) => v.message).join('；')}`);
    const id = newId('mtg');
    const ended = m.state === 'ended';
    if (ended && m.type === 'executive') number += 1;
    const opened = ended ? new Date(startsAt) : null;
    await ctx.tx.query(
      `INSERT INTO meetings (id, tenant_id, type, number, starts_at, place, video, host_person_id, host_basis, status, materials_due_at, opened_at, ended_at,
         participants, pack_id, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$5,$11,$12,$13,$14,$15,$16)`,
      [id, tenantId, m.type, ended ? number : null, startsAt, m.place, !!m.video, host.value.personId, host.value.basis, m.state, opened,
        ended ? new Date(opened!.getTime() + 2.5 * 3600_000) : null, JSON.stringify(parts.value), tenantPack().meta.id, ctx.now, ctx.actor.name]);
    meetingIds.set(m.key, { id, type: m.type, startsAt, hostPersonId: host.value.personId, state: m.state, day });
    if (m.leave) {
      await ctx.tx.query(`INSERT INTO meeting_leaves (id, tenant_id, meeting_id, person_id, reason, approver_person_id, status, requested_at, decided_at, reported_to_office_at, decision_note)
        VALUES ($1,$2,$3,$4,$5,$6,'approved',$7,$7,$7,'同意')`, [newId('lv'), tenantId, id, m.leave.person, m.leave.reason, org.assignments.find((a) => a.positionId === 'pos-mayor')?.personId ?? host.value.personId, new Date(new Date(startsAt).getTime() - 86400_000)]);
    }
    if (ended) {
      for (const p of parts.value) {
        if ((m.absent ?? []).includes(p.personId)) continue;
        await ctx.tx.query(`INSERT INTO meeting_attendance (tenant_id, meeting_id, person_id, kind, at, recorded_by) VALUES ($1,$2,$3,'arrive',$4,$5)`,
          [tenantId, id, p.personId, new Date(new Date(startsAt).getTime() - 10 * 60_000), ctx.actor.name]);
      }
    }
  }

  const order = new Map<string, number>();
  for (const t of data.topics ?? []) {
    const meeting = t.meeting ? meetingIds.get(t.meeting) : undefined;
    if (t.meeting && !meeting) fail(`议题「${t.title}」引用了不存在的会议 ${t.meeting}`);
    const stage: TopicStage = meeting ? (t.decision ? 'concluded' : 'placed') : (t.stage ?? 'draft');
    if (!TOPIC_STAGES.includes(stage)) fail(`议题「${t.title}」阶段无效：${stage}`);
    const leader = leaderInCharge(org, t.unit, today);
    const id = newId('tpc');
    const coordinates = t.meetingType === 'special' ? (await ctx.tx.query(`SELECT id FROM meeting_topics WHERE tenant_id = $1 AND disputed AND department_unit_id = $2 LIMIT 1`, [tenantId, t.unit])).rows[0]?.id ?? null : null;
    await ctx.tx.query(
      `INSERT INTO meeting_topics (id, tenant_id, title, kind, meeting_type, stage, department_unit_id, involved_unit_ids, disputed, involves_counties,
         public_interest, market_activity, enterprise_rules, concerns_overall, innovative, clear_proposal, to_party_committee, leader_person_id,
         meeting_id, agenda_order, coordinates_topic_id, created_at, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,false,$10,$11,$12,true,$13,true,false,$14,$15,$16,$17,$18,$19)`,
      [id, tenantId, t.title, t.kind, t.meetingType, stage, t.unit, t.involved ?? [], !!t.disputed, !!t.publicInterest, !!t.marketActivity,
        !!t.enterpriseRules, t.innovative !== false, leader?.personId ?? null, meeting?.id ?? null, meeting ? order.set(meeting.id, (order.get(meeting.id) ?? 0) + 1).get(meeting.id) : null, coordinates,
        new Date(ctx.now.getTime() - 10 * 86400_000), ctx.actor.name]);
    // the trail of 第五十六条 up to the stage reached
    const steps = meeting?.type === 'special' || t.meetingType === 'special' ? ['approved', 'placed', 'concluded'] : ['proposed', 'collected', 'verified', 'approved', 'placed', 'concluded'];
    await ctx.tx.query(`INSERT INTO meeting_topic_steps (tenant_id, topic_id, step, stage, by_name, at) VALUES ($1,$2,'draft','draft',$3,$4)`, [tenantId, id, '演示数据', new Date(ctx.now.getTime() - 10 * 86400_000)]);
    for (const s of steps.slice(0, steps.indexOf(stage) + 1)) {
      await ctx.tx.query(`INSERT INTO meeting_topic_steps (tenant_id, topic_id, step, stage, by_name, at) VALUES ($1,$2,$3,$4,$5,$6)`, [tenantId, id, STEP_FOR[s as TopicStage], s, '演示数据', new Date(ctx.now.getTime() - 9 * 86400_000)]);
    }
    for (const k of t.materials ?? []) {
      await ctx.tx.query(`INSERT INTO meeting_materials (id, tenant_id, topic_id, kind, title, submitted_at, submitted_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [newId('mat'), tenantId, id, k, `${t.title.replace(/^关于|的议题$/g, '')}${{ assessment: '评估论证报告', collectiveDecision: '部门集体讨论纪要', departmentConsultation: '部门协商意见', fairCompetition: '公平竞争审查意见', businessConsultation: '企业和行业协会商会意见' }[k as string] ?? '材料'}`,
          new Date(ctx.now.getTime() - 8 * 86400_000), '演示数据']);
    }
    if (t.decision && meeting) {
      const decisionId = newId('dec');
      const present = (await ctx.tx.query(`SELECT DISTINCT person_id FROM meeting_attendance WHERE meeting_id = $1`, [meeting.id])).rows.map((r) => r.person_id);
      await ctx.tx.query(
        `INSERT INTO meeting_decisions (id, tenant_id, meeting_id, topic_id, outcome, text, decided_by_person_id, decided_at, present_person_ids, absent, quorum, follow_ups)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'[]','[]',$10)`,
        [decisionId, tenantId, meeting.id, id, t.decision.outcome, t.decision.text, meeting.hostPersonId, new Date(new Date(meeting.startsAt).getTime() + 3600_000), present, JSON.stringify(t.followUps ?? [])]);
      const r = issuanceTasks((t.followUps ?? []) as FollowUp[], meeting.day, issuanceRules(meeting.day), shippedCalendar(), { toPartyCommittee: false, reportedInNameOf: '', topicTitle: t.title });
      if (!r.ok) fail(r.violations.map((v) => v.message).join('；'));
      for (const task of r.value) {
        const taskId = newId('iss');
        const facts = issuanceDraft(task, { meetingTitle: meetingTitle(meeting.type, number || null), topicTitle: t.title, decisionText: t.decision.text, departmentUnitId: t.unit }, issuanceDraftRules(meeting.day));
        const draft = await createOutgoingDraftIn(ctx, { ...facts, source: { kind: 'meeting', id: taskId, article: task.deadline.article } });
        await ctx.tx.query(
          `INSERT INTO meeting_issuance_tasks (id, tenant_id, meeting_id, topic_id, decision_id, kind, title, rule_id, article, event_date, due, remind_from, unknown_years, label, document_id, status, created_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'open',$16)`,
          [taskId, tenantId, meeting.id, id, decisionId, task.kind, task.title, task.deadline.ruleId, task.deadline.article, task.deadline.eventDate, task.deadline.due, task.deadline.remindFrom, task.deadline.unknownYears, task.deadline.label, draft.id, ctx.now]);
      }
    }
  }

  // signed minutes for the meeting held
  for (const [, m] of meetingIds) {
    if (m.state !== 'ended') continue;
    const model = await minutesModel(ctx.tx, tenantId, m.id);
    await ctx.tx.query(`INSERT INTO meeting_minutes (id, tenant_id, meeting_id, version, text, status, drafted_by, drafted_at, signed_by_person_id, signed_by_name, signed_at)
      VALUES ($1,$2,$3,1,$4,'signed','市政府办公室',$5,$6,$7,$5)`, [newId('min'), tenantId, m.id, minutesText(model), ctx.now, m.hostPersonId, model.host]);
  }

  for (const c of data.citywide ?? []) {
    const day = addDays(today, c.day);
    await ctx.tx.query(
      `INSERT INTO meeting_citywide_requests (id, tenant_id, department_unit_id, title, year, host_name, vice_mayor_consent, formal_request, video,
         invites_county_heads, invites_city_leaders, over_yearly_limit, status, created_at, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,false,false,false,'submitted',$10,$11)`,
      [newId('cw'), tenantId, c.unit, c.title, Number(day.slice(0, 4)), c.hostName, JSON.stringify({ personId: c.consent, date: today }), c.formalRequest, !!c.video, ctx.now, ctx.actor.name]);
  }
  await ctx.audit({ action: 'meeting.demo_loaded', objectType: 'meeting', objectId: tenantId, article: 51,
    payload: { meetings: meetingIds.size, topics: (data.topics ?? []).length, title: meetingTitle('executive', number || null) } });
}
