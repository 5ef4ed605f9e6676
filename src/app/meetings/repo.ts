// Reading meetings, topics and their records from the database into the domain's shapes.
import type { Queryable } from '../../store/db.ts';
import { AppError } from '../../errors/index.ts';
import type { AttendanceEvent, Leave, Material, Meeting, Topic } from '../../domain/meetings/index.ts';

export type MeetingRow = Meeting & { version: number; openedAt: string | null; warnings: unknown[]; cancelReason: string | null };
export type TopicRow = Topic & { version: number; proposal: string; agendaOrder: number | null };

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

export function toMeeting(r: any): MeetingRow {
  return {
    id: r.id, type: r.type, number: r.number, startsAt: iso(r.starts_at), place: r.place, video: r.video,
    hostPersonId: r.host_person_id, hostBasis: r.host_basis, status: r.status, materialsDueAt: iso(r.materials_due_at),
    endedAt: isoOrNull(r.ended_at), openedAt: isoOrNull(r.opened_at), participants: r.participants, version: r.version,
    warnings: r.warnings ?? [], cancelReason: r.cancel_reason ?? null,
  };
}

export async function loadMeeting(tx: Queryable, tenantId: string, id: string, lock = false): Promise<MeetingRow> {
  const { rows } = await tx.query(`SELECT * FROM meetings WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [tenantId, id]);
  if (!rows.length) throw new AppError('REQUEST.NOT_FOUND', { message: `会议不存在：${id}` });
  return toMeeting(rows[0]);
}

export async function loadMaterials(tx: Queryable, topicIds: string[]): Promise<Map<string, Material[]>> {
  const out = new Map<string, Material[]>();
  if (!topicIds.length) return out;
  const { rows } = await tx.query(`SELECT * FROM meeting_materials WHERE topic_id = ANY($1) ORDER BY submitted_at, id`, [topicIds]);
  for (const r of rows) {
    const list = out.get(r.topic_id) ?? [];
    list.push({ kind: r.kind, title: r.title, submittedAt: iso(r.submitted_at) });
    out.set(r.topic_id, list);
  }
  return out;
}

export function toTopic(r: any, materials: Material[]): TopicRow {
  return {
    id: r.id, title: r.title, kind: r.kind, meetingType: r.meeting_type, stage: r.stage, departmentUnitId: r.department_unit_id,
    involvedUnitIds: r.involved_unit_ids ?? [], disputed: r.disputed, involvesCounties: r.involves_counties,
    publicInterest: r.public_interest, marketActivity: r.market_activity, enterpriseRules: r.enterprise_rules,
    concernsOverall: r.concerns_overall, innovative: r.innovative, clearProposal: r.clear_proposal,
    toPartyCommittee: r.to_party_committee, leaderPersonId: r.leader_person_id, materials, meetingId: r.meeting_id,
    coordinatedByTopicId: null, coordinatesTopicId: r.coordinates_topic_id, version: r.version, proposal: r.proposal,
    agendaOrder: r.agenda_order,
  };
}

export async function loadTopics(tx: Queryable, tenantId: string, where: string, params: unknown[]): Promise<TopicRow[]> {
  const { rows } = await tx.query(`SELECT * FROM meeting_topics WHERE tenant_id = $1 AND ${where} ORDER BY agenda_order NULLS LAST, created_at, id`, [tenantId, ...params]);
  const mats = await loadMaterials(tx, rows.map((r) => r.id));
  return rows.map((r) => toTopic(r, mats.get(r.id) ?? []));
}

export async function loadTopic(tx: Queryable, tenantId: string, id: string, lock = false): Promise<TopicRow> {
  const { rows } = await tx.query(`SELECT * FROM meeting_topics WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [tenantId, id]);
  if (!rows.length) throw new AppError('REQUEST.NOT_FOUND', { message: `议题不存在：${id}` });
  const mats = await loadMaterials(tx, [id]);
  return toTopic(rows[0], mats.get(id) ?? []);
}

export async function loadEvents(tx: Queryable, meetingId: string): Promise<AttendanceEvent[]> {
  const { rows } = await tx.query(`SELECT person_id, kind, at FROM meeting_attendance WHERE meeting_id = $1 ORDER BY seq`, [meetingId]);
  return rows.map((r) => ({ personId: r.person_id, kind: r.kind, at: iso(r.at) }));
}

export async function loadLeaves(tx: Queryable, meetingId: string): Promise<(Leave & { requestedAt: string; decidedAt: string | null; reportedToOfficeAt: string | null; decisionNote: string | null; version: number })[]> {
  const { rows } = await tx.query(`SELECT * FROM meeting_leaves WHERE meeting_id = $1 ORDER BY requested_at, id`, [meetingId]);
  return rows.map((r) => ({
    id: r.id, personId: r.person_id, reason: r.reason, approverPersonId: r.approver_person_id, status: r.status,
    requestedAt: iso(r.requested_at), decidedAt: isoOrNull(r.decided_at), reportedToOfficeAt: isoOrNull(r.reported_to_office_at),
    decisionNote: r.decision_note, version: r.version,
  }));
}

/** The agreement a special meeting recorded on a disputed topic (第五十三条), if any. */
export async function loadCoordination(tx: Queryable, tenantId: string, topicId: string) {
  const { rows } = await tx.query(
    `SELECT m.type, m.host_person_id, d.outcome FROM meeting_topics t
       JOIN meeting_decisions d ON d.topic_id = t.id JOIN meetings m ON m.id = d.meeting_id
      WHERE t.tenant_id = $1 AND t.coordinates_topic_id = $2 ORDER BY d.decided_at DESC`,
    [tenantId, topicId]);
  const agreed = rows.find((r) => r.outcome === 'agreed');
  const r = agreed ?? rows[0];
  return r ? { meetingType: r.type, hostPersonId: r.host_person_id, agreed: r.outcome === 'agreed' } : null;
}
