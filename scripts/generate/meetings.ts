// Generated meetings (第九章 会议制度): the four types of 第五十一条 over the last two years and the coming
// month. Host and participants are computed per meeting by the product's own rules on the meeting's day
// (第十条, 第十三条, 第五十二条–第五十五条); a held meeting has its attendance (every member but one on
// approved leave now and then, 第五十七条 — only where the quorum of 第五十三条 still holds for every topic),
// its topics through the pipeline of 第五十六条 with the materials their kind requires, a decision per topic
// with who was present and the quorum (第九条), and signed minutes (第五十八条) written by the product's
// minutes model; a meeting still ahead has its agenda and the materials cut-off timer.
import { checkQuorum, composeParticipants, leaveApprover, minutesSigner, minutesText, quorumsFor, requiredMaterials, resolveHost,
  MATERIAL_KIND_LABELS, TOPIC_KINDS, type Meeting, type MeetingType, type Topic } from '../../src/domain/meetings/index.ts';
import { isWorkingDay } from '../../src/domain/calendar/calendar.ts';
import type { Db } from '../../src/store/db.ts';
import { isoAt, type AuditSource } from './audit.ts';
import { rnd, SUBJECTS, WORDS } from './common.ts';
import { daysBack, type PhaseContext } from './supervision.ts';

const PLACES = ['市政府常务会议室', '市政府第一会议室', '市政府第二会议室', '市政府第三会议室'];
const OUTCOME_TEXT: Record<string, string> = {
  approved: '会议原则上同意所提方案，请牵头部门按程序抓紧组织实施。',
  approvedInPrinciple: '会议原则同意，请牵头部门吸收会议意见修改完善后按程序办理。',
  noted: '会议听取了汇报，请牵头部门持续抓好落实。',
  deferred: '会议决定暂缓研究，请牵头部门进一步论证后再提请会议研究。',
};

export async function generateMeetings(db: Db, c: PhaseContext): Promise<{ meetings: number; topics: number }> {
  const { shippedCalendar } = await import('../../src/app/calendar/files.ts');
  const { meetingRules } = await import('../../src/app/meetings/rules.ts');
  const { requireOrg } = await import('../../src/app/org/usecases.ts');
  const { minutesModel } = await import('../../src/app/meetings/queries.ts');
  const { governmentPost, holderOf, personById } = await import('../../src/domain/org/queries.ts');
  const { loadDefaultPack } = await import('../../src/rules/index.ts');
  const cal = shippedCalendar();
  const S = c.seed;
  const tenant = c.tenant;
  const M = Math.max(4, Math.round(c.documents / 2000));
  const org = await requireOrg(db, tenant);
  const packId = loadDefaultPack().meta.id;

  // the day and type of each meeting, from the seeded hash: 95% held over the last two years, 5% in the coming month
  const past = daysBack(c.asOf, 730).slice(0, -1).filter((d) => isWorkingDay(cal, d).workday);
  const ahead = daysBack(new Date(new Date(`${c.asOf}T00:00:00Z`).getTime() + 30 * 86400_000).toISOString().slice(0, 10), 29).filter((d) => isWorkingDay(cal, d).workday);
  const plan = (await db.query<{ i: number; type: MeetingType; ahead: boolean; ix: number; hour: number; v: number; conv: number; place: number }>(
    `SELECT g.i, CASE WHEN ${rnd(S, 201, 1000)} < 60 THEN 'plenary' WHEN ${rnd(S, 201, 1000)} < 400 THEN 'executive'
                      WHEN ${rnd(S, 201, 1000)} < 600 THEN 'mayorsOffice' ELSE 'special' END AS type,
            ${rnd(S, 202, 100)} < 5 AS ahead, ${rnd(S, 203, 1_000_000)} AS ix, CASE WHEN ${rnd(S, 204, 2)} = 0 THEN 9 ELSE 15 END AS hour,
            ${rnd(S, 205, 100)} AS v, ${rnd(S, 206, 1000)} AS conv, ${rnd(S, 207, PLACES.length)} AS place
       FROM generate_series(1, ${M}) g(i) ORDER BY g.i`)).rows;
  const viceMayors = c.leaders.map((l) => l.person_id);
  const mayorPost = governmentPost(org, 'mayor');
  const cols = { id: [] as string[], type: [] as string[], startsAt: [] as string[], place: [] as string[], video: [] as boolean[], host: [] as string[], basis: [] as string[],
    status: [] as string[], participants: [] as string[], leave: [] as (string | null)[], approver: [] as (string | null)[], quorum: [] as string[], majorQuorum: [] as string[],
    present: [] as string[], absent: [] as string[], warnings: [] as string[] };
  const ended: { id: string; signer: string | null }[] = [];
  for (const m of plan) {
    const days = m.ahead && ahead.length ? ahead : past;
    const day = days[m.ix % days.length];
    let type = m.type;
    const rules = meetingRules(day);
    const convener = viceMayors[m.conv % viceMayors.length];
    // mayor's office and special meetings take the leaders the topics concern
    const chosen = { participantPersonIds: type === 'mayorsOffice' || type === 'special' ? [viceMayors[(m.conv + 1) % viceMayors.length], viceMayors[(m.conv + 2) % viceMayors.length]] : [] };
    let host = resolveHost(org, type, day, rules, convener);
    if (!host.ok) { type = 'special'; host = resolveHost(org, type, day, rules, convener); } // the mayor away without entrusting: a vice mayor's special meeting instead
    if (!host.ok) continue;
    const parts = composeParticipants(org, type, day, rules, host.value, chosen);
    if (!parts.ok) continue;
    const id = `gm-${String(m.i).padStart(6, '0')}`;
    const startsAt = new Date(`${day}T${String(m.hour).padStart(2, '0')}:00:00+08:00`).toISOString();
    const status = m.ahead ? 'scheduled' : 'ended';
    const members = parts.value.filter((p) => p.role === 'member');
    const mayor = mayorPost ? holderOf(org, mayorPost.id, day) ?? null : null;
    const meeting: Meeting = { id, type, number: null, startsAt, place: PLACES[m.place], video: m.v < 10, hostPersonId: host.value.personId, hostBasis: host.value.basis,
      status, materialsDueAt: startsAt, endedAt: null, participants: parts.value };
    // one member on approved leave in a fifth of the held meetings, where every quorum still holds without them
    const t = rules.types[type];
    const quorums = (present: number) => ({ q: quorumsFor(t, null).map((x) => checkQuorum(members.length, present, x)), mq: quorumsFor(t, 'personnel').map((x) => checkQuorum(members.length, present, x)) });
    const candidate = members.filter((p) => p.personId !== host.value.personId).at(-1);
    const withLeave = status === 'ended' && m.v >= 80 && candidate && [...quorums(members.length - 1).q, ...quorums(members.length - 1).mq].every((x) => x.met);
    const leave = withLeave ? candidate!.personId : null;
    const present = members.filter((p) => p.personId !== leave);
    const qs = quorums(present.length);
    cols.id.push(id); cols.type.push(type); cols.startsAt.push(startsAt); cols.place.push(meeting.place); cols.video.push(meeting.video);
    cols.host.push(host.value.personId); cols.basis.push(host.value.basis); cols.status.push(status); cols.participants.push(JSON.stringify(parts.value));
    cols.leave.push(leave); cols.approver.push(leave ? leaveApprover(meeting, rules, mayor) ?? host.value.personId : null);
    cols.quorum.push(JSON.stringify(qs.q)); cols.majorQuorum.push(JSON.stringify(qs.mq));
    cols.present.push(`{${present.map((p) => p.personId).join(',')}}`);
    cols.absent.push(JSON.stringify(leave ? [{ personId: leave, name: personById(org, leave)?.name ?? leave, leave: 'approved' }] : []));
    cols.warnings.push(JSON.stringify(host.warnings));
    if (status === 'ended') ended.push({ id, signer: minutesSigner(meeting, rules, mayor) });
  }

  await db.query(
    `INSERT INTO meetings (id, tenant_id, type, number, starts_at, place, video, host_person_id, host_basis, status, materials_due_at, opened_at, ended_at,
        participants, pack_id, warnings, version, created_at, created_by)
     SELECT u.id, $1, u.type, NULL, u.s, u.place, u.video, u.host, u.basis, u.status, u.s - interval '1 day',
            CASE WHEN u.status = 'ended' THEN u.s END, CASE WHEN u.status = 'ended' THEN u.s + interval '150 minutes' END,
            u.parts::jsonb, $2, u.w::jsonb, CASE WHEN u.status = 'ended' THEN 3 ELSE 1 END, u.s - interval '7 days', '市政府办公室'
       FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::boolean[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
            AS u(id, type, s, place, video, host, basis, status, parts, w)`,
    [tenant, packId, cols.id, cols.type, cols.startsAt, cols.place, cols.video, cols.host, cols.basis, cols.status, cols.participants, cols.warnings]);
  // numbers run per type in the order the meetings were held, after any meeting already numbered
  await db.query(
    `UPDATE meetings m SET number = n.number FROM (
       SELECT id, row_number() OVER (PARTITION BY type ORDER BY starts_at, id)
                + coalesce((SELECT max(number) FROM meetings o WHERE o.tenant_id = $1 AND o.type = g.type AND o.id NOT LIKE 'gm-%'), 0) AS number
         FROM meetings g WHERE g.tenant_id = $1 AND g.id LIKE 'gm-%' AND g.status = 'ended') n
      WHERE m.id = n.id`, [tenant]);
  // the per-meeting facts computed above, for the statements below
  const facts = `unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS f(id, leave, approver, q, mq, present, absent)`;
  const factParams = [cols.id, cols.leave, cols.approver, cols.quorum, cols.majorQuorum, cols.present, cols.absent];
  await db.query(
    `INSERT INTO meeting_leaves (id, tenant_id, meeting_id, person_id, reason, approver_person_id, status, requested_at, requested_by, decided_at, decision_note, reported_to_office_at, version)
     SELECT 'gml-' || substr(m.id, 4), m.tenant_id, m.id, f.leave, '参加省政府召开的专题会议', f.approver, 'approved', m.starts_at - interval '1 day', '市政府办公室',
            m.starts_at - interval '22 hours', '同意', m.starts_at - interval '22 hours', 2
       FROM meetings m JOIN ${facts} ON f.id = m.id WHERE m.tenant_id = $1 AND f.leave IS NOT NULL`, [tenant, ...factParams]);
  await db.query(
    `INSERT INTO meeting_attendance (tenant_id, meeting_id, person_id, kind, at, recorded_by)
     SELECT m.tenant_id, m.id, p.person, 'arrive', m.starts_at - interval '10 minutes' + p.ord * interval '20 seconds', '市政府办公室'
       FROM meetings m JOIN ${facts} ON f.id = m.id
       CROSS JOIN LATERAL unnest(f.present::text[]) WITH ORDINALITY AS p(person, ord)
      WHERE m.tenant_id = $1 AND m.status = 'ended'
      ORDER BY m.id, p.ord`, [tenant, ...factParams]);

  // topics: two to four a meeting (one or two at a special meeting), of the kinds the meeting type takes
  const rulesNow = meetingRules(c.asOf);
  const blank: Omit<Topic, 'kind'> = { id: '', title: '', meetingType: 'executive', stage: 'placed', departmentUnitId: '', involvedUnitIds: [], disputed: false, involvesCounties: false,
    publicInterest: false, marketActivity: false, enterpriseRules: false, concernsOverall: true, innovative: true, clearProposal: true, toPartyCommittee: false,
    leaderPersonId: null, materials: [], meetingId: null, coordinatedByTopicId: null, coordinatesTopicId: null };
  const kinds = [...TOPIC_KINDS];
  const materials = kinds.map((k) => `{${requiredMaterials({ ...blank, kind: k }, rulesNow).join(',')}}`);
  const materialLabels = Object.entries(MATERIAL_KIND_LABELS);
  const steps = { regular: ['draft', 'propose', 'collect', 'verify', 'approve', 'place', 'decide'], stages: ['draft', 'proposed', 'collected', 'verified', 'approved', 'placed', 'concluded'] };
  await db.query(
    `INSERT INTO meeting_topics (id, tenant_id, title, kind, meeting_type, stage, department_unit_id, involved_unit_ids, disputed, involves_counties, public_interest,
        market_activity, enterprise_rules, concerns_overall, innovative, clear_proposal, to_party_committee, leader_person_id, proposal, meeting_id, agenda_order,
        version, created_at, created_by)
     SELECT 'gmt-' || substr(m.id, 4) || '-' || k, m.tenant_id,
            '关于' || ($2::text[])[1 + ${rnd(S, 210, SUBJECTS.length, 'x.n')}] || ($3::text[])[1 + ${rnd(S, 211, WORDS.length, 'x.n')}] || '的议题', x.kind, m.type,
            CASE WHEN m.status = 'ended' THEN 'concluded' ELSE 'placed' END, 'gu-' || lpad(x.unit::text, 5, '0'), '{}', false, false, false, false, false, true, true, true, false,
            ($4::text[])[1 + x.unit % ${viceMayors.length}], '建议会议研究同意', m.id, k,
            CASE WHEN m.type = 'special' THEN 3 ELSE 6 END + (m.status = 'ended')::int, m.starts_at - interval '12 days', '市政府办公室'
       FROM meetings m
       CROSS JOIN LATERAL generate_series(1, CASE WHEN m.type = 'special' THEN 1 + ${rnd(S, 212, 2, 'substr(m.id, 4)::bigint')} ELSE 2 + ${rnd(S, 212, 3, 'substr(m.id, 4)::bigint')} END) k
       CROSS JOIN LATERAL (SELECT substr(m.id, 4)::bigint * 8 + k AS n) nn
       CROSS JOIN LATERAL (SELECT nn.n, 1 + ${rnd(S, 213, c.units, 'nn.n')} AS unit,
                                  CASE m.type WHEN 'executive' THEN (ARRAY['personnel', 'majorDecision', 'majorDecision', 'normative', 'normative', 'regulation', 'workReport', 'workReport', 'other', 'other'])[1 + ${rnd(S, 214, 10, 'nn.n')}]
                                              WHEN 'plenary' THEN (ARRAY['workReport', 'majorDecision'])[1 + ${rnd(S, 214, 2, 'nn.n')}]
                                              WHEN 'mayorsOffice' THEN (ARRAY['majorDecision', 'workReport', 'other'])[1 + ${rnd(S, 214, 3, 'nn.n')}]
                                              ELSE (ARRAY['workReport', 'other'])[1 + ${rnd(S, 214, 2, 'nn.n')}] END AS kind) x
      WHERE m.tenant_id = $1 AND m.id LIKE 'gm-%'`, [tenant, SUBJECTS, WORDS, viceMayors]);
  // the trail of 第五十六条 (a special meeting's topics are decided by its vice mayor: 确定, 列入, 研究决定)
  await db.query(
    `INSERT INTO meeting_topic_steps (tenant_id, topic_id, step, stage, by_name, at, note)
     SELECT t.tenant_id, t.id, ($2::text[])[s], ($3::text[])[s], CASE WHEN s = 1 THEN '承办部门' ELSE '市政府办公室' END,
            CASE WHEN s = 7 THEN m.starts_at + interval '30 minutes' + t.agenda_order * interval '20 minutes' ELSE t.created_at + (s - 1) * interval '1 day' END,
            ''
       FROM meeting_topics t JOIN meetings m ON m.id = t.meeting_id
       CROSS JOIN LATERAL generate_series(1, CASE WHEN t.stage = 'concluded' THEN 7 ELSE 6 END) s
      WHERE t.tenant_id = $1 AND t.id LIKE 'gmt-%' AND (t.meeting_type <> 'special' OR s IN (1, 5, 6, 7))
      ORDER BY t.id, s`, [tenant, steps.regular, steps.stages]);
  await db.query(
    `INSERT INTO meeting_materials (id, tenant_id, topic_id, kind, title, submitted_at, submitted_by)
     SELECT 'gmm-' || substr(t.id, 5) || '-' || mk.ord, t.tenant_id, t.id, mk.kind,
            replace(replace(t.title, '关于', ''), '的议题', '') || (SELECT l FROM unnest($4::text[], $5::text[]) AS ml(k, l) WHERE ml.k = mk.kind),
            m.starts_at - interval '3 days', '承办部门'
       FROM meeting_topics t JOIN meetings m ON m.id = t.meeting_id
       CROSS JOIN LATERAL unnest((($3::text[])[array_position($2::text[], t.kind)])::text[]) WITH ORDINALITY AS mk(kind, ord)
      WHERE t.tenant_id = $1 AND t.id LIKE 'gmt-%'`, [tenant, kinds, materials, materialLabels.map(([k]) => k), materialLabels.map(([, l]) => l)]);
  // the chair decides each topic after discussion (第九条), with who was present and the quorum of its kind
  const majorKinds = rulesNow.types.executive.majorQuorum?.topicKinds ?? ['personnel', 'majorDecision'];
  await db.query(
    `INSERT INTO meeting_decisions (id, tenant_id, meeting_id, topic_id, outcome, text, decided_by_person_id, decided_at, present_person_ids, absent, quorum, follow_ups)
     SELECT 'gmd-' || substr(t.id, 5), t.tenant_id, m.id, t.id, o.outcome, (SELECT tx FROM unnest($10::text[], $11::text[]) AS ot(o, tx) WHERE ot.o = o.outcome),
            m.host_person_id, m.starts_at + interval '30 minutes' + t.agenda_order * interval '20 minutes', f.present::text[], f.absent::jsonb,
            CASE WHEN t.kind = ANY($9::text[]) THEN f.mq ELSE f.q END::jsonb, '[]'::jsonb
       FROM meeting_topics t JOIN meetings m ON m.id = t.meeting_id JOIN ${facts} ON f.id = m.id
       CROSS JOIN LATERAL (SELECT CASE WHEN t.kind = 'workReport' THEN 'noted'
                                       ELSE (ARRAY['approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'approvedInPrinciple', 'approvedInPrinciple', 'approvedInPrinciple', 'deferred'])[1 + ${rnd(S, 215, 10, "substr(t.id, 5, 6)::bigint * 8 + t.agenda_order")}] END AS outcome) o
      WHERE t.tenant_id = $1 AND t.id LIKE 'gmt-%' AND t.stage = 'concluded'`,
    [tenant, ...factParams, majorKinds, Object.keys(OUTCOME_TEXT), Object.values(OUTCOME_TEXT)]);
  // the materials cut-off of the meetings still ahead (第五十六条第二款)
  await db.query(
    `INSERT INTO timers (tenant_id, kind, key, due_at, payload, created_at)
     SELECT m.tenant_id, 'meetings.materials.cutoff', m.id, m.materials_due_at, jsonb_build_object('meetingId', m.id, 'article', 56), m.created_at
       FROM meetings m WHERE m.tenant_id = $1 AND m.id LIKE 'gm-%' AND m.status = 'scheduled'
     ON CONFLICT (tenant_id, kind, key) DO NOTHING`, [tenant]);
  // signed minutes of every meeting held, in the text the product's minutes model writes
  const mins = { id: [] as string[], text: [] as string[], signer: [] as (string | null)[], signerName: [] as (string | null)[] };
  for (const e of ended) {
    const model = await minutesModel(db, tenant, e.id);
    mins.id.push(e.id); mins.text.push(minutesText(model)); mins.signer.push(e.signer);
    mins.signerName.push(e.signer ? personById(org, e.signer)?.name ?? null : null);
  }
  await db.query(
    `INSERT INTO meeting_minutes (id, tenant_id, meeting_id, version, text, status, drafted_by, drafted_at, signed_by_person_id, signed_by_name, signed_at)
     SELECT 'gmn-' || substr(m.id, 4), m.tenant_id, m.id, 1, u.text, 'signed', '市政府办公室', m.ended_at + interval '2 hours', u.signer, u.signer_name, m.ended_at + interval '1 day'
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, text, signer, signer_name) JOIN meetings m ON m.id = u.id AND m.tenant_id = $1`,
    [tenant, mins.id, mins.text, mins.signer, mins.signerName]);
  const topics = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meeting_topics WHERE tenant_id = $1 AND id LIKE 'gmt-%'`, [tenant])).rows[0].n;
  return { meetings: cols.id.length, topics };
}

/** The audit records of the generated meetings: scheduling, leave, opening, each decision, the end and
 *  the signed minutes, with the actions and articles the use cases record. */
export function meetingAuditSources(c: Pick<PhaseContext, 'tenant'>): AuditSource[] {
  return [{
    name: 'meetings',
    start: '',
    params: [c.tenant],
    sql: `SELECT * FROM (
            SELECT m.id || '-0' AS k, m.tenant_id, ${isoAt('m.created_at')} AS at, m.created_by AS actor_name, 'meeting.scheduled' AS action, 'meeting' AS object_type, m.id AS object_id,
                   CASE WHEN m.type = 'special' THEN 55 ELSE 10 END AS article,
                   jsonb_build_object('type', m.type, 'startsAt', m.starts_at, 'host', jsonb_build_object('personId', m.host_person_id, 'basis', m.host_basis),
                                      'members', (SELECT count(*) FROM jsonb_array_elements(m.participants) p WHERE p->>'role' = 'member'), 'warnings', m.warnings) AS payload
              FROM meetings m WHERE m.tenant_id = $3 AND m.id LIKE 'gm-%'
            UNION ALL
            SELECT l.meeting_id || '-1', l.tenant_id, ${isoAt('l.decided_at')}, '市政府办公室', 'meeting.leave.approved', 'meeting', l.meeting_id, 57,
                   jsonb_build_object('leaveId', l.id, 'personId', l.person_id, 'approver', l.approver_person_id, 'reason', l.reason, 'note', l.decision_note)
              FROM meeting_leaves l WHERE l.tenant_id = $3 AND l.id LIKE 'gml-%'
            UNION ALL
            SELECT m.id || '-2', m.tenant_id, ${isoAt('m.opened_at')}, '市政府办公室', 'meeting.opened', 'meeting', m.id, 53, jsonb_build_object('number', m.number)
              FROM meetings m WHERE m.tenant_id = $3 AND m.id LIKE 'gm-%' AND m.opened_at IS NOT NULL
            UNION ALL
            SELECT d.meeting_id || '-3-' || lpad(t.agenda_order::text, 2, '0'), d.tenant_id, ${isoAt('d.decided_at')}, '市政府办公室', 'meeting.topic.decided', 'meeting_topic', d.topic_id, 9,
                   jsonb_build_object('meetingId', d.meeting_id, 'decisionId', d.id, 'outcome', d.outcome, 'present', to_jsonb(d.present_person_ids), 'absent', d.absent, 'quorum', d.quorum)
              FROM meeting_decisions d JOIN meeting_topics t ON t.id = d.topic_id WHERE d.tenant_id = $3 AND d.id LIKE 'gmd-%'
            UNION ALL
            SELECT m.id || '-4', m.tenant_id, ${isoAt('m.ended_at')}, '市政府办公室', 'meeting.ended', 'meeting', m.id, 59, jsonb_build_object('tasks', 0, 'undecided', '[]'::jsonb)
              FROM meetings m WHERE m.tenant_id = $3 AND m.id LIKE 'gm-%' AND m.ended_at IS NOT NULL
            UNION ALL
            SELECT n.meeting_id || '-5', n.tenant_id, ${isoAt('n.signed_at')}, coalesce(n.signed_by_name, '市政府办公室'), 'meeting.minutes.signed', 'meeting', n.meeting_id, 58,
                   jsonb_build_object('version', n.version)
              FROM meeting_minutes n WHERE n.tenant_id = $3 AND n.id LIKE 'gmn-%'
          ) s WHERE s.k > $1 ORDER BY s.k LIMIT $2`,
  }];
}
