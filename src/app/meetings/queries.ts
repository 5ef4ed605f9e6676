// Read side of meetings: the calendar, the meeting-day view (attendance and quorum per topic), the topic
// board (stage and what each topic still lacks), issuance tasks with their deadline state, the rhythm report.
import type { Queryable } from '../../store/db.ts';
import { personById, unitById } from '../../domain/org/queries.ts';
import type { Org } from '../../domain/org/types.ts';
import { deadlineState, DEADLINE_STATE_LABELS } from '../../domain/calendar/deadline.ts';
import {
  chineseDateOf, meetingTitle, minutesMark, minutesText, presentPeople, quorumNow, rhythmReport, topicGaps, requiredMaterials,
  MEETING_TYPE_LABELS, MEETING_STATUS_LABELS, TOPIC_KIND_LABELS, TOPIC_STAGE_LABELS, MATERIAL_KIND_LABELS, ISSUANCE_KIND_LABELS,
  DECISION_OUTCOME_LABELS, lateMaterials, remainingSteps, STEP_LABELS,
  type MinutesModel, type DecisionOutcome,
} from '../../domain/meetings/index.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { meetingRules } from './rules.ts';
import { loadCoordination, loadEvents, loadLeaves, loadMeeting, loadTopics, toMeeting, type MeetingRow, type TopicRow } from './repo.ts';
import { meetingDay } from './usecases.ts';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
const unitName = (org: Org, id: string) => unitById(org, id)?.shortName ?? id;
const personName = (org: Org, id: string | null | undefined) => (id ? personById(org, id)?.name ?? id : null);

export async function listMeetings(tx: Queryable, tenantId: string, range: { from?: string; to?: string }) {
  const org = await requireOrg(tx, tenantId);
  const { rows } = await tx.query(
    `SELECT m.*, (SELECT count(*)::int FROM meeting_topics t WHERE t.meeting_id = m.id) AS topics
       FROM meetings m WHERE m.tenant_id = $1 AND ($2::timestamptz IS NULL OR m.starts_at >= $2) AND ($3::timestamptz IS NULL OR m.starts_at < $3)
      ORDER BY m.starts_at, m.id`,
    [tenantId, range.from ?? null, range.to ?? null]);
  return rows.map((r) => {
    const m = toMeeting(r);
    return { ...summary(org, m), topics: r.topics };
  });
}

function summary(org: Org, m: MeetingRow) {
  return {
    id: m.id, type: m.type, typeLabel: MEETING_TYPE_LABELS[m.type], number: m.number, title: meetingTitle(m.type, m.number),
    startsAt: m.startsAt, place: m.place, video: m.video, status: m.status, statusLabel: MEETING_STATUS_LABELS[m.status],
    hostPersonId: m.hostPersonId, hostName: personName(org, m.hostPersonId), hostBasis: m.hostBasis, materialsDueAt: m.materialsDueAt,
    openedAt: m.openedAt, endedAt: m.endedAt, version: m.version, warnings: m.warnings, cancelReason: m.cancelReason,
  };
}

function topicView(org: Org, t: TopicRow) {
  return {
    id: t.id, title: t.title, kind: t.kind, kindLabel: TOPIC_KIND_LABELS[t.kind], meetingType: t.meetingType, meetingTypeLabel: MEETING_TYPE_LABELS[t.meetingType],
    stage: t.stage, stageLabel: TOPIC_STAGE_LABELS[t.stage], department: unitName(org, t.departmentUnitId), departmentUnitId: t.departmentUnitId,
    involved: t.involvedUnitIds.map((u) => unitName(org, u)), disputed: t.disputed, toPartyCommittee: t.toPartyCommittee,
    leaderPersonId: t.leaderPersonId, leaderName: personName(org, t.leaderPersonId), meetingId: t.meetingId, agendaOrder: t.agendaOrder,
    materials: t.materials.map((x) => ({ ...x, kindLabel: MATERIAL_KIND_LABELS[x.kind] })), proposal: t.proposal, version: t.version,
    concernsOverall: t.concernsOverall, innovative: t.innovative, clearProposal: t.clearProposal, coordinatesTopicId: t.coordinatesTopicId,
  };
}

/** The meeting-day page: participants with presence and leave, and per topic the quorum right now. */
export async function meetingDetail(tx: Queryable, tenantId: string, id: string, now: Date) {
  const org = await requireOrg(tx, tenantId);
  const m = await loadMeeting(tx, tenantId, id);
  const rules = meetingRules(meetingDay(m));
  const events = await loadEvents(tx, m.id);
  const here = presentPeople(events);
  const leaves = await loadLeaves(tx, m.id);
  const topics = await loadTopics(tx, tenantId, `meeting_id = $2`, [m.id]);
  const { rows: decisions } = await tx.query(`SELECT * FROM meeting_decisions WHERE meeting_id = $1 ORDER BY decided_at`, [m.id]);
  const { rows: opinions } = await tx.query(`SELECT * FROM meeting_opinions WHERE meeting_id = $1 ORDER BY at`, [m.id]);
  const { rows: minutes } = await tx.query(`SELECT * FROM meeting_minutes WHERE meeting_id = $1 ORDER BY version DESC LIMIT 1`, [m.id]);
  const tasks = await issuanceTaskList(tx, tenantId, now, m.id);
  const { rows: changes } = await tx.query(`SELECT * FROM meeting_changes WHERE meeting_id = $1 ORDER BY seq`, [m.id]);
  const members = m.participants.filter((p) => p.role === 'member');
  return {
    meeting: summary(org, m),
    quorum: quorumNow(m, events, rules),
    membersCount: members.length,
    presentCount: members.filter((p) => here.has(p.personId)).length,
    participants: m.participants.map((p) => ({
      ...p, present: here.has(p.personId),
      leave: leaves.find((l) => l.personId === p.personId && l.status !== 'denied') ?? leaves.find((l) => l.personId === p.personId) ?? null,
    })),
    leaves: leaves.map((l) => ({ ...l, name: personName(org, l.personId), approverName: personName(org, l.approverPersonId) })),
    attendance: events.map((e) => ({ ...e, name: personName(org, e.personId) })),
    topics: topics.map((t) => {
      const d = decisions.find((x) => x.topic_id === t.id);
      return {
        ...topicView(org, t),
        quorum: quorumNow(m, events, rules, t),
        lateMaterials: lateMaterials(t, m.materialsDueAt),
        opinions: opinions.filter((o) => o.topic_id === t.id).map((o) => ({ id: o.id, personId: o.person_id, name: personName(org, o.person_id), text: o.text, at: iso(o.at) })),
        decision: d ? {
          id: d.id, outcome: d.outcome, outcomeLabel: DECISION_OUTCOME_LABELS[d.outcome as DecisionOutcome], text: d.text,
          decidedBy: personName(org, d.decided_by_person_id), decidedAt: iso(d.decided_at),
          present: (d.present_person_ids as string[]).map((p) => personName(org, p)), absent: d.absent, quorum: d.quorum, followUps: d.follow_ups,
        } : null,
      };
    }),
    minutes: minutes[0] ? { version: minutes[0].version, text: minutes[0].text, status: minutes[0].status, signedBy: minutes[0].signed_by_name, signedAt: iso(minutes[0].signed_at), draftedBy: minutes[0].drafted_by } : null,
    minutesDraft: m.status === 'ended' ? minutesText(await minutesModel(tx, tenantId, m.id)) : null,
    minutesRule: { draftedBy: rules.types[m.type].minutesDraftedBy, signedBy: rules.types[m.type].minutesSignedBy, article: 58 },
    leaveFrom: rules.types[m.type].leaveFrom,
    tasks,
    changes: changes.map((c) => ({ kind: c.kind, at: iso(c.at), by: c.by_name, reason: c.reason, before: c.before, after: c.after })),
    minutesSm3: minutes[0]?.sm3 ?? null,
  };
}

/** The 纪要 as a model: 出席 / 请假 / 列席 and each topic's decision. */
export async function minutesModel(tx: Queryable, tenantId: string, meetingId: string): Promise<MinutesModel> {
  const org = await requireOrg(tx, tenantId);
  const m = await loadMeeting(tx, tenantId, meetingId);
  const events = await loadEvents(tx, m.id);
  const everHere = new Set(events.filter((e) => e.kind === 'arrive').map((e) => e.personId));
  const leaves = await loadLeaves(tx, m.id);
  const onLeave = new Set(leaves.filter((l) => l.status === 'approved').map((l) => l.personId));
  const label = (p: { name: string; title: string }) => (p.title ? `${p.name}（${p.title}）` : p.name);
  const person = (p: { name: string; title: string }) => ({ name: p.name, title: p.title });
  const members = m.participants.filter((p) => p.role === 'member');
  const present = members.filter((p) => everHere.has(p.personId));
  const leave = members.filter((p) => !everHere.has(p.personId) && onLeave.has(p.personId));
  const absent = members.filter((p) => !everHere.has(p.personId) && !onLeave.has(p.personId));
  const observers = m.participants.filter((p) => p.role === 'observer' && everHere.has(p.personId));
  const government = org.units.find((u) => u.kind === 'municipal_government')?.name ?? '市人民政府';
  const office = org.units.find((u) => u.kind === 'government_office')?.name ?? `${government}办公室`;
  const topics = await loadTopics(tx, tenantId, `id IN (SELECT topic_id FROM meeting_decisions WHERE meeting_id = $2)`, [m.id]);
  const { rows: decisions } = await tx.query(`SELECT * FROM meeting_decisions WHERE meeting_id = $1`, [m.id]);
  const { rows: opinions } = await tx.query(`SELECT * FROM meeting_opinions WHERE meeting_id = $1 ORDER BY at`, [m.id]);
  return {
    title: meetingTitle(m.type, m.number),
    mark: minutesMark(m.type, government),
    issue: m.number == null ? null : `第${m.number}期`,
    issuer: office,
    date: shanghaiDate(new Date(m.startsAt)),
    people: { present: present.map(person), onLeave: leave.map(person), absent: absent.map(person), observers: observers.map(person) },
    dateText: chineseDateOf(m.startsAt),
    place: m.video ? `${m.place || ''}（视频会议）` : m.place,
    host: personName(org, m.hostPersonId) ?? '',
    present: present.map(label),
    onLeave: leave.map(label),
    absent: absent.map(label),
    observers: observers.map(label),
    items: topics.map((t) => {
      const d = decisions.find((x) => x.topic_id === t.id)!;
      return {
        topicTitle: t.title, department: unitName(org, t.departmentUnitId), outcome: d.outcome, text: d.text,
        writtenOpinions: opinions.filter((o) => o.topic_id === t.id).map((o) => ({ name: personName(org, o.person_id) ?? '', text: o.text })),
      };
    }),
  };
}

/** The topic board: every topic, its stage, the steps still ahead and what it still lacks. */
export async function topicBoard(tx: Queryable, tenantId: string, now: Date) {
  const org = await requireOrg(tx, tenantId);
  const rules = meetingRules(shanghaiDate(now));
  const topics = await loadTopics(tx, tenantId, `true`, []);
  const { rows: steps } = await tx.query(`SELECT * FROM meeting_topic_steps WHERE tenant_id = $1 ORDER BY seq`, [tenantId]);
  const out = [];
  for (const t of topics) {
    const coordination = await loadCoordination(tx, tenantId, t.id);
    const open = !['placed', 'concluded', 'rejected'].includes(t.stage);
    out.push({
      ...topicView(org, t),
      nextSteps: open ? remainingSteps(t, rules).map((s) => ({ step: s, label: STEP_LABELS[s] })) : [],
      gaps: open ? topicGaps(t, rules, coordination).filter((g) => g.code !== 'MEETING.TOPIC_STEP_PENDING') : [],
      requiredMaterials: requiredMaterials(t, rules).map((k) => ({ kind: k, label: MATERIAL_KIND_LABELS[k], present: t.materials.some((x) => x.kind === k) })),
      coordination,
      trail: steps.filter((s) => s.topic_id === t.id).map((s) => ({ step: s.step, stage: s.stage, by: s.by_name, at: iso(s.at), note: s.note })),
    });
  }
  return out;
}

export async function issuanceTaskList(tx: Queryable, tenantId: string, now: Date, meetingId?: string) {
  const { rows } = await tx.query(
    `SELECT i.*, t.title AS topic_title, doc.title AS document_title, doc.state AS document_state, doc.doc_number AS document_number
       FROM meeting_issuance_tasks i JOIN meeting_topics t ON t.id = i.topic_id LEFT JOIN documents doc ON doc.id = i.document_id AND doc.tenant_id = i.tenant_id
      WHERE i.tenant_id = $1 AND ($2::text IS NULL OR i.meeting_id = $2) ORDER BY i.due, i.id`, [tenantId, meetingId ?? null]);
  const today = shanghaiDate(now);
  return rows.map((r) => {
    const state = r.status === 'issued' ? null : deadlineState({ due: String(r.due), remindFrom: String(r.remind_from), unknownYears: r.unknown_years ?? [] } as Parameters<typeof deadlineState>[0], today);
    return {
      id: r.id, meetingId: r.meeting_id, topicId: r.topic_id, topicTitle: r.topic_title, kind: r.kind, kindLabel: ISSUANCE_KIND_LABELS[r.kind as keyof typeof ISSUANCE_KIND_LABELS],
      title: r.title, recipient: r.recipient, ruleId: r.rule_id, article: r.article, eventDate: String(r.event_date), due: String(r.due),
      remindFrom: String(r.remind_from), unknownYears: r.unknown_years ?? [], label: r.label, senderName: r.sender_name,
      needsMayorApproval: r.needs_mayor_approval, approvedAt: iso(r.approved_at), documentId: r.document_id, status: r.status,
      document: r.document_id ? { id: r.document_id, title: r.document_title, state: r.document_state, number: r.document_number } : null,
      issuedAt: iso(r.issued_at), issuedRef: r.issued_ref, state, stateLabel: state ? DEADLINE_STATE_LABELS[state] : '已办结',
    };
  });
}

export async function rhythm(tx: Queryable, tenantId: string, year: number) {
  const { rows } = await tx.query(`SELECT type, opened_at FROM meetings WHERE tenant_id = $1 AND opened_at IS NOT NULL`, [tenantId]);
  const held = rows.map((r) => ({ type: r.type, date: shanghaiDate(new Date(r.opened_at)) }));
  // the pack in force mid-year; a year before the pack took effect reads the pack's first day
  const mid = `${year}-06-30`;
  const rules = meetingRules(mid < tenantPack().meta.effective.from ? tenantPack().meta.effective.from : mid);
  const { rows: cw } = await tx.query(
    `SELECT department_unit_id, count(*)::int AS n, bool_or(over_yearly_limit) AS over FROM meeting_citywide_requests
      WHERE tenant_id = $1 AND year = $2 AND status <> 'refused' GROUP BY department_unit_id ORDER BY n DESC`, [tenantId, year]);
  const org = await requireOrg(tx, tenantId);
  return {
    meetings: rhythmReport(held, year, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], rules),
    citywide: cw.map((r) => ({ departmentUnitId: r.department_unit_id, department: unitName(org, r.department_unit_id), count: r.n, overYearlyLimit: r.over })),
  };
}

export async function citywideList(tx: Queryable, tenantId: string) {
  const org = await requireOrg(tx, tenantId);
  const { rows } = await tx.query(`SELECT * FROM meeting_citywide_requests WHERE tenant_id = $1 ORDER BY created_at DESC`, [tenantId]);
  return rows.map((r) => ({
    id: r.id, department: unitName(org, r.department_unit_id), departmentUnitId: r.department_unit_id, title: r.title, year: r.year, hostName: r.host_name,
    viceMayorConsent: r.vice_mayor_consent, formalRequest: r.formal_request, video: r.video, invitesCountyHeads: r.invites_county_heads,
    invitesCityLeaders: r.invites_city_leaders, justification: r.justification, overYearlyLimit: r.over_yearly_limit, warnings: r.warnings,
    status: r.status, decidedBy: r.decided_by, decision: r.decision, createdAt: iso(r.created_at),
  }));
}
