// Generated supervision (第八十四条–第八十七条, 第四十五条): 督查事项 at every stage of 立项 → 制定方案 → 督查实施
// → 形成结论 → 结论运用, each led by a generated unit, with its 第八十六条 time limit computed on the working-day
// calendar exactly as the product computes it (due, 催办 day, unknown calendar years), progress reports every
// two weeks, 催办 already made for the open items whose day has come, rectification items reported to the
// government, and the durable timers still ahead; and the instructions register (批示台账) with the closed
// loop of 第八十四条 and the reports of 第八十五条. Rows are computed by the database from the seeded hash;
// the calendar answers (one per possible opening day) come from the product's calendar code.
import { computeDeadline } from '../../src/domain/calendar/deadline.ts';
import { addWorkingDays, isWorkingDay } from '../../src/domain/calendar/calendar.ts';
import { workingDays, type IsoDate } from '../../src/domain/calendar/date.ts';
import { followUp } from '../../src/domain/supervision/followup.ts';
import { firstReader, loopKindOf, INSTRUCTION_SOURCES } from '../../src/domain/supervision/instructions.ts';
import { ITEM_STAGES } from '../../src/domain/supervision/items.ts';
import type { Db } from '../../src/store/db.ts';
import { isoAt, type AuditSource } from './audit.ts';
import { rnd, SUBJECTS, WORDS } from './common.ts';

export interface PhaseContext {
  tenant: string;
  seed: number;
  units: number;
  /** the generated documents (items take their source among them) */
  documents: number;
  asOf: string;
  leaders: { person_id: string; position_id: string }[];
  log: (s: string) => void;
}

const isoOf = (d: Date) => d.toISOString().slice(0, 10);
export function daysBack(asOf: string, n: number): string[] {
  const end = new Date(`${asOf}T00:00:00Z`).getTime();
  return Array.from({ length: n + 1 }, (_, k) => isoOf(new Date(end - (n - k) * 86400_000)));
}

/** Params builder: p(v) is the placeholder of v. */
function params() {
  const values: unknown[] = [];
  const p = (v: unknown, cast = '') => { values.push(v); return `$${values.length}${cast}`; };
  return { values, p };
}

const FINDINGS = ['市审计局审计发现问题', '市委巡察反馈问题', '市纪委监委监督检查发现问题', '省审计厅审计发现问题'];
const CONCLUSIONS = ['按期完成，成效明显', '基本完成，个别事项需持续推进', '推进迟缓，责成限期整改'];
const INCENTIVES = ['通报表扬，纳入年度绩效考核加分', '纳入年度绩效考核', '约谈提醒，跟踪问效'];
const INSTRUCTED_BY: Record<string, string> = { general_secretary: '习近平总书记', central: '中央领导同志', provincial: '省委、省政府主要领导同志', city: '市委主要领导同志' };

export async function generateSupervision(db: Db, c: PhaseContext): Promise<{ items: number; instructions: number }> {
  const { shippedCalendar } = await import('../../src/app/calendar/files.ts');
  const { rulesOn } = await import('../../src/app/supervision/rules.ts');
  const cal = shippedCalendar();
  const r = rulesOn(c.asOf);
  const S = c.seed;
  const U = c.units;
  const tenant = c.tenant;
  const office = (await db.query<{ id: string }>(`SELECT id FROM org_units WHERE tenant_id = $1 AND kind = 'government_office' ORDER BY id LIMIT 1`, [tenant])).rows[0]?.id;
  const mayorPos = (await db.query<{ id: string }>(`SELECT id FROM org_positions WHERE tenant_id = $1 AND kind = 'mayor' ORDER BY id LIMIT 1`, [tenant])).rows[0]?.id ?? null;
  if (!office) throw new Error('演示组织中没有市政府办公室');

  // one calendar answer per possible opening day: the working days of the last 800 days up to as-of
  const opening = daysBack(c.asOf, 800).filter((d) => isWorkingDay(cal, d).workday);
  const dues: string[] = [], chases: string[] = [], escalations: string[] = [], unknown: string[] = [], deadlines: string[] = [];
  for (const d of opening) {
    const dl = computeDeadline(r.itemDeadline, d, cal);
    if (!dl.ok) throw new Error(`督查时限无法计算：${d}`);
    const v = dl.value;
    dues.push(v.due);
    chases.push(followUp({ due: v.due, unknownYears: v.unknownYears, closed: false, lastReportOn: d }, c.asOf, cal, r.followUp).chaseFrom);
    escalations.push(addWorkingDays(cal, v.due as IsoDate, workingDays(r.followUp.escalateAfter)).date);
    unknown.push(`{${v.unknownYears.join(',')}}`);
    deadlines.push(JSON.stringify(v));
  }
  const nd = opening.length;
  // one item per 20 documents, each taking one of them as its source (the matter it supervises)
  const items = Math.floor(c.documents / 20);
  if (!items) return { items: 0, instructions: 0 };
  const q = params();
  const p = q.p;
  const g = (k: number, m: number) => rnd(S, k, m);
  const unitNo = (k: number) => `(1 + ${g(k, U)})`;
  const unit = (no: string) => `'gu-' || lpad(${no}::text, 5, '0')`;
  const asOf = p(c.asOf, '::date');
  const stageSql = `CASE WHEN pp.p < 50 THEN 'opened' WHEN pp.p < 120 THEN 'planned' WHEN pp.p < 270 THEN 'in_progress' WHEN pp.p < 350 THEN 'concluded' ELSE 'applied' END`;
  const kindSql = `CASE WHEN pp.k < 55 THEN 'regular' WHEN pp.k < 70 THEN 'unannounced' WHEN pp.k < 90 THEN 'research' ELSE 'rectification' END`;
  const docMax = Math.max(1, c.documents);
  c.log(`    supervision items ${items.toLocaleString('en')}`);
  await db.query(
    `INSERT INTO sup_items (tenant_id, id, title, kind, scope, supervisor_unit_id, lead_unit_id, cooperating_unit_ids, leader_position_id, source_type, source_id,
        matter_key, designation, finding_source, opened_on, due, chase_from, unknown_years, deadline, stage, stage_on, reported_to_government, last_report_on,
        closed_on, pack_id, version, created_by, created_at)
     SELECT ${p(tenant)}, z.id, '督办《' || coalesce(d.title, '关于' || (${p(SUBJECTS, '::text[]')})[1 + ${rnd(S, 115, SUBJECTS.length, 'z.i')}] || (${p(WORDS, '::text[]')})[1 + ${rnd(S, 116, WORDS.length, 'z.i')}] || '的通知') || '》落实情况',
            z.kind, z.scope, CASE WHEN z.scope = 'government' THEN ${p(office)} ELSE z.lead END, z.lead,
            CASE WHEN z.scope = 'government' AND z.coop <> z.lead AND ${rnd(S, 112, 10, 'z.i')} < 3 THEN ARRAY[z.coop] ELSE '{}'::text[] END,
            (${p(c.leaders.map((l) => l.position_id), '::text[]')})[1 + z.leadno % ${c.leaders.length}], 'document', z.src, 'document:' || z.src, NULL,
            CASE WHEN z.kind = 'rectification' THEN (${p(FINDINGS, '::text[]')})[1 + ${rnd(S, 113, FINDINGS.length, 'z.i')}] END,
            z.opened, z.due, z.chase, z.uy, z.dl, z.stage, CASE WHEN z.si = 0 THEN z.opened ELSE z.fin END, z.gr,
            z.opened + 14 * z.np, CASE WHEN z.stage = 'applied' THEN z.fin END, ${p(r.packId)}, 1 + z.si + z.np + z.gr::int, '市政府督查室',
            ((z.opened + time '09:00')::timestamp AT TIME ZONE 'Asia/Shanghai') + ${rnd(S, 117, 3600000, 'z.i')} * interval '1 millisecond'
       FROM (
         SELECT y.*, LEAST(6, (y.fin - y.opened) / 14) AS np,
                y.kind = 'rectification' AND (y.stage = 'applied' OR (y.stage = 'concluded' AND ${rnd(S, 114, 2, 'y.i')} = 0)) AS gr
           FROM (
             SELECT x.*, CASE WHEN x.stage = 'applied'
                                THEN LEAST(${asOf}, GREATEST(x.opened + 5, CASE WHEN ${rnd(S, 104, 100, 'x.i')} < 82 THEN x.due - ${rnd(S, 105, 25, 'x.i')} ELSE x.due + 1 + ${rnd(S, 106, 30, 'x.i')} END))
                                ELSE LEAST(${asOf}, GREATEST(x.opened, ${asOf} - ${rnd(S, 107, 5, 'x.i')})) END AS fin
               FROM (
                 SELECT g.i, 'gs-' || lpad(g.i::text, 7, '0') AS id, st.stage, array_position(${p(ITEM_STAGES, '::text[]')}, st.stage) - 1 AS si, st.kind,
                        CASE WHEN ${g(109, 100)} < 15 THEN 'department' ELSE 'government' END AS scope,
                        ${unit(unitNo(110))} AS lead, ${unitNo(110)} AS leadno, ${unit(unitNo(111))} AS coop,
                        'gd-' || lpad((1 + (20 * g.i - 16) % ${docMax})::text, 8, '0') AS src,
                        (${p(opening, '::date[]')})[ix.ix] AS opened, (${p(dues, '::date[]')})[ix.ix] AS due, (${p(chases, '::date[]')})[ix.ix] AS chase,
                        (${p(unknown, '::text[]')})[ix.ix]::int[] AS uy, (${p(deadlines, '::text[]')})[ix.ix]::jsonb AS dl
                   FROM generate_series(1, ${items}) g(i)
                   CROSS JOIN LATERAL (SELECT ${g(101, 1000)} AS p, ${g(108, 100)} AS k) pp
                   CROSS JOIN LATERAL (SELECT ${stageSql} AS stage, ${kindSql} AS kind) st
                   -- finished items opened over the last two years; open ones within the last 60 working days, so that some are overdue
                   CROSS JOIN LATERAL (SELECT CASE WHEN st.stage = 'applied' THEN 1 + ${g(102, Math.max(1, nd - 45))} ELSE ${nd} - ${g(103, Math.min(60, nd))} END AS ix) ix
               ) x
           ) y
       ) z
       LEFT JOIN documents d ON d.id = z.src AND d.tenant_id = ${p(tenant)}`, q.values);

  // the item's history: 立项, each later stage (dated evenly up to the stage day), progress reports every 14
  // days up to the last report, the report to the government of a rectification, and the 催办 already made
  const e = params();
  const ep = e.p;
  await db.query(
    `INSERT INTO sup_item_events (tenant_id, id, item_id, event_type, stage, on_date, summary, detail, recorded_by, recorded_at)
     SELECT tenant_id, 'gse-' || substr(item_id, 4) || '-' || lpad(row_number() OVER (PARTITION BY item_id ORDER BY on_date, ord)::text, 2, '0'),
            item_id, et, st, on_date, summary, detail, by,
            ((on_date + time '09:30')::timestamp AT TIME ZONE 'Asia/Shanghai') + ord * interval '1 minute'
       FROM (
         SELECT i.tenant_id, i.id AS item_id, 'stage' AS et, 'opened' AS st, i.opened_on AS on_date, 0 AS ord, '立项：' || i.title AS summary,
                jsonb_build_object('due', i.due, 'designation', NULL) AS detail, '市政府督查室' AS by
           FROM sup_items i WHERE i.tenant_id = ${ep(tenant)} AND i.id LIKE 'gs-%'
         UNION ALL
         SELECT i.tenant_id, i.id, 'stage', (${ep(ITEM_STAGES, '::text[]')})[k + 1], i.opened_on + ((i.stage_on - i.opened_on) * k / s.si), 10 + k,
                CASE k WHEN 1 THEN '制定督查方案：明确督查内容、方式、时限和责任分工'
                       WHEN 2 THEN CASE i.kind WHEN 'unannounced' THEN '暗访式督查：不打招呼、直奔现场，随机走访核实' WHEN 'research' THEN '调研式督查：深入基层调研，听取意见建议'
                                               WHEN 'rectification' THEN '督促整改：逐项对账、跟踪问效' ELSE '督查实施：听取汇报、查阅资料、实地核查' END
                       WHEN 3 THEN '形成督查结论' ELSE '结论运用：督查结果纳入年度考核' END,
                jsonb_build_object('conclusion', CASE WHEN k = 3 THEN (${ep(CONCLUSIONS, '::text[]')})[1 + ${rnd(S, 120, CONCLUSIONS.length, 'substr(i.id, 4)::bigint')}] END,
                                   'incentive', CASE WHEN k = 4 THEN (${ep(INCENTIVES, '::text[]')})[1 + ${rnd(S, 121, INCENTIVES.length, 'substr(i.id, 4)::bigint')}] END),
                '市政府督查室'
           FROM sup_items i CROSS JOIN LATERAL (SELECT array_position(${ep(ITEM_STAGES, '::text[]')}, i.stage) - 1 AS si) s CROSS JOIN LATERAL generate_series(1, s.si) k
          WHERE i.tenant_id = ${ep(tenant)} AND i.id LIKE 'gs-%'
         UNION ALL
         SELECT i.tenant_id, i.id, 'progress', NULL, i.opened_on + 14 * k, 5, '报送第' || k || '次督查事项进展情况，已按方案推进' || (ARRAY['过半', '七成', '八成', '九成', '大部分', '全部'])[k] || '工作任务', '{}'::jsonb, '承办单位'
           FROM sup_items i CROSS JOIN LATERAL generate_series(1, (i.last_report_on - i.opened_on) / 14) k
          WHERE i.tenant_id = ${ep(tenant)} AND i.id LIKE 'gs-%'
         UNION ALL
         SELECT i.tenant_id, i.id, 'government_report', NULL, i.stage_on, 30, '整改情况已向市政府报告（' || i.finding_source || '）', '{}'::jsonb, '市政府督查室'
           FROM sup_items i WHERE i.tenant_id = ${ep(tenant)} AND i.id LIKE 'gs-%' AND i.reported_to_government
         UNION ALL
         SELECT i.tenant_id, i.id, 'chase', NULL, c.day, 40 + c.level,
                CASE c.level WHEN 0 THEN '到期前催办：「' || i.title || '」将于' || i.due || '到期，请' || (${ep(r.followUp.chain, '::text[]')})[1] || '抓紧办理（依据第' || ${ep(r.followUp.article)}::int || '条）'
                             ELSE '逾期催办：「' || i.title || '」已于' || i.due || '到期未办结，报' || (${ep(r.followUp.chain, '::text[]')})[2] || '（依据第' || ${ep(r.followUp.article)}::int || '条）' END,
                jsonb_build_object('automatic', true, 'escalationLevel', c.level, 'escalateTo', (${ep(r.followUp.chain, '::text[]')})[c.level + 1]), '督查催办'
           FROM sup_items i CROSS JOIN LATERAL (VALUES (0, i.chase_from), (1, i.due + 1)) c(level, day)
          WHERE i.tenant_id = ${ep(tenant)} AND i.id LIKE 'gs-%' AND i.closed_on IS NULL AND c.day <= ${ep(c.asOf, '::date')} AND c.day >= i.opened_on
       ) ev`, e.values);

  // the timers still ahead for the open items (those already due are the 催办 above)
  const t = params();
  await db.query(
    `INSERT INTO timers (tenant_id, kind, key, due_at, payload, created_at)
     SELECT i.tenant_id, k.kind, i.id, (k.day + time '00:00')::timestamp AT TIME ZONE 'Asia/Shanghai',
            jsonb_build_object('itemId', i.id, 'due', i.due, 'day', k.day), i.created_at
       FROM sup_items i
       JOIN (SELECT DISTINCT d, e FROM unnest(${t.p(dues, '::date[]')}, ${t.p(escalations, '::date[]')}) u(d, e)) es ON es.d = i.due
       CROSS JOIN LATERAL (VALUES ('supervision.item.chase', i.chase_from), ('supervision.item.overdue', i.due + 1), ('supervision.item.escalate', es.e)) k(kind, day)
      WHERE i.tenant_id = ${t.p(tenant)} AND i.id LIKE 'gs-%' AND i.closed_on IS NULL AND k.day > ${t.p(c.asOf, '::date')}
     ON CONFLICT (tenant_id, kind, key) DO NOTHING`, t.values);

  // ---- the instructions register (批示台账) ----
  const instructions = Math.max(5, Math.round(c.documents / 1000));
  const sources = [...INSTRUCTION_SOURCES];
  const loops = sources.map((s) => loopKindOf(s, r.instructions));
  const readers = sources.map((s) => firstReader(s, r.instructions));
  const n = params();
  const np_ = n.p;
  const srcIdx = `array_position(${np_(sources, '::text[]')}, x.source)`;
  await db.query(
    `INSERT INTO sup_instructions (tenant_id, id, source, loop_kind, title, instructed_by, instructed_on, received_on, doc_ref, content, first_reader,
        leader_position_id, lead_unit_id, status, closed_on, pack_id, version, created_by, created_at)
     SELECT ${np_(tenant)}, x.id, x.source, (${np_(loops, '::text[]')})[${srcIdx}], x.title, (${np_(sources.map((s) => INSTRUCTED_BY[s] ?? '领导同志'), '::text[]')})[${srcIdx}],
            x.received - ${rnd(S, 134, 4, 'x.i')}, x.received, NULL, '请' || x.unit_name || '认真研究落实，及时报告进展情况。',
            (${np_(readers.map((rd) => rd.reader), '::text[]')})[${srcIdx}],
            CASE WHEN (${np_(readers.map((rd) => rd.reader), '::text[]')})[${srcIdx}] = 'mayor' THEN ${np_(mayorPos)}::text
                 ELSE (${np_(c.leaders.map((l) => l.position_id), '::text[]')})[1 + x.leadno % ${c.leaders.length}] END,
            x.lead, CASE WHEN x.closed THEN 'closed' ELSE 'open' END, CASE WHEN x.closed THEN LEAST(${np_(c.asOf, '::date')}, x.received + 60) END,
            ${np_(r.packId)}, 1, '市政府督查室', ((x.received + time '10:00')::timestamp AT TIME ZONE 'Asia/Shanghai')
       FROM (
         SELECT g.i, 'gi-' || lpad(g.i::text, 6, '0') AS id,
                CASE WHEN ${g(130, 1000)} < 50 THEN 'general_secretary' WHEN ${g(130, 1000)} < 150 THEN 'central' WHEN ${g(130, 1000)} < 600 THEN 'provincial' ELSE 'city' END AS source,
                '关于' || (${np_(SUBJECTS, '::text[]')})[1 + ${g(131, SUBJECTS.length)}] || (${np_(WORDS, '::text[]')})[1 + ${g(132, WORDS.length)}] || '的批示' AS title,
                ${np_(c.asOf, '::date')} - ${g(133, 700)} AS received, ${unit(unitNo(135))} AS lead, ${unitNo(135)} AS leadno, '相关单位' AS unit_name,
                ${g(133, 700)} > 60 AND ${g(136, 100)} < 80 AS closed
           FROM generate_series(1, ${instructions}) g(i)
       ) x`, n.values);
  // 第八十四条 stages (all five once closed) with their evidence; 第八十五条 reports (at least one once closed)
  const en = params();
  await db.query(
    `INSERT INTO sup_instruction_entries (tenant_id, id, instruction_id, entry_type, stage, on_date, summary, evidence, recorded_by, recorded_at)
     SELECT i.tenant_id, 'gie-' || substr(i.id, 4) || '-' || lpad(k::text, 2, '0'), i.id, e.entry_type, e.stage, e.on_date, e.summary, e.evidence, '市政府督查室',
            ((e.on_date + time '15:00')::timestamp AT TIME ZONE 'Asia/Shanghai') + k * interval '1 minute'
       FROM sup_instructions i
       CROSS JOIN LATERAL generate_series(1, CASE i.loop_kind WHEN 'closed_loop' THEN CASE WHEN i.status = 'closed' THEN 5 ELSE ${rnd(S, 137, 5, 'substr(i.id, 4)::bigint')} END
                                                              WHEN 'report_cycle' THEN CASE WHEN i.status = 'closed' THEN 1 + ${rnd(S, 138, 3, 'substr(i.id, 4)::bigint')} ELSE ${rnd(S, 138, 3, 'substr(i.id, 4)::bigint')} END
                                                              ELSE 0 END) k
       CROSS JOIN LATERAL (SELECT CASE WHEN i.loop_kind = 'closed_loop' THEN 'stage' ELSE 'report' END AS entry_type,
                                  CASE WHEN i.loop_kind = 'closed_loop' THEN (${en.p(r.instructions.loopStages, '::text[]')})[k] END AS stage,
                                  LEAST(coalesce(i.closed_on, ${en.p(c.asOf, '::date')}), i.received_on + (CASE WHEN i.loop_kind = 'closed_loop' THEN 9 ELSE 15 END) * k) AS on_date,
                                  CASE WHEN i.loop_kind = 'closed_loop' THEN (${en.p(r.instructions.loopStages, '::text[]')})[k] || '：已按要求完成并留存佐证材料'
                                       ELSE '第' || k || '次报告落实情况：各项任务有序推进' END AS summary,
                                  CASE WHEN i.loop_kind = 'closed_loop' THEN jsonb_build_array((${en.p(r.instructions.loopStages, '::text[]')})[k] || '佐证材料') ELSE '[]'::jsonb END AS evidence) e
      WHERE i.tenant_id = ${en.p(tenant)} AND i.id LIKE 'gi-%'`, en.values);
  await db.query(`UPDATE sup_instructions i SET version = 1 + (SELECT count(*) FROM sup_instruction_entries e WHERE e.tenant_id = i.tenant_id AND e.instruction_id = i.id) + (i.status = 'closed')::int
                   WHERE i.tenant_id = $1 AND i.id LIKE 'gi-%'`, [tenant]);
  return { items, instructions };
}

/** The audit records of the generated supervision rows: one per item event, and per instruction its
 *  registration, entries and closure, with the actions and articles the use cases record. */
export function supervisionAuditSources(c: Pick<PhaseContext, 'tenant' | 'asOf'>, r: any): AuditSource[] {
  const stages = r.items.stages as string[];
  return [{
    name: 'supervision items',
    start: '',
    params: [c.tenant, [...ITEM_STAGES], stages, r.items.lifecycleArticle, r.followUp.article, r.items.rectificationArticle],
    sql: `SELECT e.id AS k, e.tenant_id, ${isoAt('e.recorded_at')} AS at, e.recorded_by AS actor_name,
                 CASE e.event_type WHEN 'stage' THEN CASE e.stage WHEN 'opened' THEN 'supervision.opened' WHEN 'applied' THEN 'supervision.closed' ELSE 'supervision.stage' END
                                   WHEN 'chase' THEN 'supervision.chased' ELSE 'supervision.' || e.event_type END AS action,
                 'supervision_item' AS object_type, e.item_id AS object_id,
                 CASE e.event_type WHEN 'stage' THEN $6 WHEN 'government_report' THEN $8 ELSE $7 END::int AS article,
                 CASE WHEN e.event_type = 'stage' AND e.stage = 'opened'
                        THEN jsonb_build_object('title', i.title, 'kind', i.kind, 'scope', i.scope, 'supervisor', i.supervisor_unit_id, 'lead', i.lead_unit_id,
                                                'cooperating', to_jsonb(i.cooperating_unit_ids), 'due', i.due, 'designation', i.designation,
                                                'source', jsonb_build_object('type', i.source_type, 'id', i.source_id))
                      WHEN e.event_type = 'stage'
                        THEN jsonb_build_object('from', ($4::text[])[array_position($4::text[], e.stage) - 1], 'to', e.stage,
                                                'stageLabel', ($5::text[])[array_position($4::text[], e.stage)], 'on', e.on_date, 'summary', e.summary,
                                                'conclusion', e.detail->'conclusion', 'incentive', e.detail->'incentive')
                      WHEN e.event_type = 'chase' THEN jsonb_build_object('summary', e.summary, 'on', e.on_date) || e.detail
                      ELSE jsonb_build_object('on', e.on_date, 'summary', e.summary) END AS payload
            FROM sup_item_events e JOIN sup_items i ON i.tenant_id = e.tenant_id AND i.id = e.item_id
           WHERE e.tenant_id = $3 AND e.id LIKE 'gse-%' AND e.id > $1 ORDER BY e.id LIMIT $2`,
  }, {
    name: 'instructions',
    start: '',
    params: [c.tenant, r.instructions.loopArticle, r.instructions.reportArticle, r.instructions.routingArticle],
    sql: `SELECT * FROM (
            SELECT i.id || '-00' AS k, i.tenant_id, ${isoAt('i.created_at')} AS at, i.created_by AS actor_name, 'instruction.registered' AS action,
                   'instruction' AS object_type, i.id AS object_id,
                   CASE WHEN i.first_reader = 'mayor' THEN $6 WHEN i.loop_kind = 'closed_loop' THEN $4 ELSE $5 END::int AS article,
                   jsonb_build_object('source', i.source, 'title', i.title, 'firstReader', i.first_reader, 'leaderPositionId', i.leader_position_id, 'receivedOn', i.received_on) AS payload
              FROM sup_instructions i WHERE i.tenant_id = $3 AND i.id LIKE 'gi-%'
            UNION ALL
            SELECT e.instruction_id || '-' || right(e.id, 2), e.tenant_id, ${isoAt('e.recorded_at')}, e.recorded_by,
                   CASE e.entry_type WHEN 'stage' THEN 'instruction.stage_recorded' ELSE 'instruction.reported' END, 'instruction', e.instruction_id,
                   CASE e.entry_type WHEN 'stage' THEN $4 ELSE $5 END::int,
                   CASE e.entry_type WHEN 'stage' THEN jsonb_build_object('stage', e.stage, 'on', e.on_date, 'summary', e.summary, 'evidence', e.evidence)
                                     ELSE jsonb_build_object('on', e.on_date, 'summary', e.summary) END
              FROM sup_instruction_entries e WHERE e.tenant_id = $3 AND e.id LIKE 'gie-%'
            UNION ALL
            SELECT i.id || '-99', i.tenant_id, ${isoAt("(i.closed_on + time '17:00')::timestamp AT TIME ZONE 'Asia/Shanghai'")}, '市政府督查室', 'instruction.closed', 'instruction', i.id,
                   CASE WHEN i.loop_kind = 'closed_loop' THEN $4 ELSE $5 END::int, jsonb_build_object('on', i.closed_on)
              FROM sup_instructions i WHERE i.tenant_id = $3 AND i.id LIKE 'gi-%' AND i.status = 'closed'
          ) s WHERE s.k > $1 ORDER BY s.k LIMIT $2`,
  }];
}
