// Fills a database with a realistic dataset at a chosen scale, reproducibly from a seed:
// units, people, posts and users (the organisation), documents with their trail (document_events),
// leader steps, versions, assignments with 第七十三条 time limits, opinion requests with 第六十六条 deadlines,
// gap-free 收文登记号 / 发文字号 with their counters, supervision items and the instructions register
// (scripts/generate/supervision.ts), meetings with their topics, attendance, decisions and minutes
// (scripts/generate/meetings.ts), and one sealed audit record per trail line and per generated fact
// (scripts/generate/audit.ts).
//
// Everything goes into the product's own tables (the migrations'), so that the product's queries read it.
// Bulk loading: the rows are computed by the database (INSERT … SELECT over generate_series, with a
// seeded hash of the row number standing for randomness); only the audit records are built here,
// because their SM3 chain hashes are computed in Node exactly as the sealer computes them.
//
// Usage: zhengtong generate [--scale N] [--seed S] [--units U] [--users N] [--as-of YYYY-MM-DD] [--search-only]
//                           [--only supervision,meetings,search]   (adds only those phases to a generated database)
//        (or: node --import tsx scripts/generate-data.ts …), on DATABASE_URL or the embedded folder.
import type { Db } from '../src/store/db.ts';
import { rnd, SUBJECTS, WORDS } from './generate/common.ts';
import { isoAt, writeAuditChain, type AuditSource } from './generate/audit.ts';
import { generateSupervision, supervisionAuditSources, type PhaseContext } from './generate/supervision.ts';
import { generateMeetings, meetingAuditSources } from './generate/meetings.ts';

export interface GenerateOptions {
  /** documents to generate (default 1,000,000) */
  scale: number;
  seed: number;
  /** generated units in the main tenant (default 1,000) */
  units: number;
  /** generated users (10 per unit by default: 10,000) */
  users: number;
  /** the day the dataset is "as of": open deadlines fall around it (default: today in Asia/Shanghai) */
  asOf: string;
  /** the main tenant (the one the server serves); two more tenants take 10% of the documents each */
  tenant: string;
  /** the phases after the documents (default: all); the others can be added later with generateOnly */
  phases?: Phase[];
  log?: (s: string) => void;
}

export const GENERATED_PASSWORD = 'Generated@2026';
const OTHER_TENANTS = ['gen-t2', 'gen-t3'];

export function defaultOptions(over: Partial<GenerateOptions> = {}): GenerateOptions {
  const asOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const units = over.units ?? 1000;
  return { scale: 1_000_000, seed: 1, units, users: units * 10, asOf, tenant: 'wuwei', ...over };
}

const KINDS_IN = ['请示', '报告', '函'];
const KINDS_OUT = ['通知', '意见', '批复', '函', '决定'];
const CODES = ['武政发', '武政办发', '武政函'];
const UNIT_BASES = ['发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局',
  '生态环境局', '住房和城乡建设局', '交通运输局', '水务局', '农业农村局', '商务局', '文化广电和旅游局', '卫生健康委员会', '退役军人事务局', '应急管理局',
  '审计局', '国有资产监督管理委员会', '市场监督管理局', '统计局', '林业和草原局', '医疗保障局', '信访局', '政务服务中心', '乡村振兴局', '粮食和物资储备局'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红梅鑫斌宇浩凯健俊帆帅旭宁龙林欣玲晨瑞博文涵雪琳晶'.split('');

const sqlArr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Incoming path and outgoing path: a document in state S has the trail of every step up to S. */
const IN_ACTIONS = ['received', 'registered', 'intake_passed', 'proposed', 'instructed', 'assigned', 'result_reported', 'closed'];
const IN_LABELS = ['签收来文', '登记', '初审通过：符合第六十二条、第六十四条、第六十七条', '拟办意见', '阅批：同意，请牵头部门抓紧办理', '交办承办', '报告办理结果', '办结'];
const IN_ARTICLES = [null, null, 62, 68, 68, 73, 73, null];
const OUT_ACTIONS = ['drafted', 'countersign_finished', 'reviewed', 'signer_computed', 'signed', 'checked', 'numbered', 'issued', 'distributed'];
const OUT_LABELS = ['拟稿', '会签完毕', '核稿', '确定签发人', '签发', '复核', '编号', '印发', '分发'];
const OUT_ARTICLES = [null, 66, null, 70, 70, null, null, null, null];

export async function generate(db: Db, o: GenerateOptions): Promise<Record<string, number>> {
  const log = o.log ?? (() => {});
  const S = o.seed;
  const t0 = Date.now();
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const s = Date.now();
    await fn();
    log(`  ${label}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };
  const tenant = o.tenant;
  const gov = (await db.query<{ id: string }>(`SELECT id FROM org_units WHERE tenant_id = $1 AND kind = 'municipal_government' ORDER BY id LIMIT 1`, [tenant])).rows[0];
  if (!gov) throw new Error(`租户 ${tenant} 尚无组织机构：请先载入演示数据（zhengtong seed）`);
  const already = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE id LIKE 'gd-%'`)).rows[0].n;
  if (already) throw new Error(`数据库中已有 ${already} 份生成的公文：请使用一个新的数据库`);
  const leaders = (await db.query<{ person_id: string; position_id: string; kind: string }>(
    `SELECT a.person_id, p.id AS position_id, p.kind FROM org_positions p JOIN org_assignments a ON a.tenant_id = p.tenant_id AND a.position_id = p.id
      WHERE p.tenant_id = $1 AND p.kind IN ('executive_vice_mayor', 'vice_mayor') AND a.valid_to IS NULL ORDER BY p.sort_order, p.id`, [tenant])).rows;
  if (!leaders.length) throw new Error('演示组织中没有副市长');

  const U = o.units;
  const unitExpr = (k: number, i = 'g.i') => `'gu-' || lpad((1 + ${rnd(S, k, U, i)})::text, 5, '0')`;

  // ---- tenants and the organisation ----
  await step('tenants, units, people, posts', () => db.transaction(async (tx) => {
    for (const t of OTHER_TENANTS) {
      await tx.query(`INSERT INTO tenants (id, name, pack_id) VALUES ($1, $2, 'wuwei-2023') ON CONFLICT DO NOTHING`, [t, `生成租户 ${t}`]);
    }
    await tx.query(
      `INSERT INTO org_units (tenant_id, id, kind, name, short_name, parent_id, affiliation, sort_order, valid_from)
       SELECT $1, 'gu-' || lpad(g.i::text, 5, '0'), CASE WHEN g.i % 10 = 0 THEN 'affiliated_institution' ELSE 'constituent_department' END,
              '武威市' || ($3::text[])[1 + (g.i - 1) % 30] || '第' || g.i || '分部', ($3::text[])[1 + (g.i - 1) % 30] || g.i,
              $2, CASE WHEN g.i % 10 = 0 THEN 'directly_affiliated' END, 1000 + g.i, '2020-01-01'
         FROM generate_series(1, ${U}) g(i)`, [tenant, gov.id, UNIT_BASES]);
    // ten people a unit: 1 principal head, 9 clerks
    await tx.query(
      `INSERT INTO org_people (tenant_id, id, name, gender)
       SELECT $1, 'gp-' || lpad(g.i::text, 6, '0'), ($2::text[])[1 + ${rnd(S, 1, SURNAMES.length)}] || ($3::text[])[1 + ${rnd(S, 2, GIVEN.length)}] || ($3::text[])[1 + ${rnd(S, 3, GIVEN.length)}],
              CASE WHEN ${rnd(S, 4, 2)} = 0 THEN 'male' ELSE 'female' END
         FROM generate_series(1, ${o.users}) g(i)`, [tenant, SURNAMES, GIVEN]);
    await tx.query(
      `INSERT INTO org_positions (tenant_id, id, kind, unit_id, title, sort_order)
       SELECT $1, 'gpos-' || lpad(g.i::text, 6, '0'), CASE WHEN (g.i - 1) % 10 = 0 THEN 'department_principal_head' ELSE 'clerk' END,
              'gu-' || lpad((1 + (g.i - 1) / 10 % ${U})::text, 5, '0'), CASE WHEN (g.i - 1) % 10 = 0 THEN '主要负责人' ELSE '工作人员' END, (g.i - 1) % 10
         FROM generate_series(1, ${o.users}) g(i)`, [tenant]);
    await tx.query(
      `INSERT INTO org_assignments (tenant_id, id, position_id, person_id, valid_from)
       SELECT $1, 'gasn-' || lpad(g.i::text, 6, '0'), 'gpos-' || lpad(g.i::text, 6, '0'), 'gp-' || lpad(g.i::text, 6, '0'), '2020-01-01'
         FROM generate_series(1, ${o.users}) g(i)`, [tenant]);
  }));

  // ---- users: one login per generated person (gen-000001 …), one shared password hash ----
  await step('users', async () => {
    const { hashPassword } = await import('../src/app/auth/passwords.ts');
    const hash = await hashPassword(GENERATED_PASSWORD);
    await db.query(
      `INSERT INTO users (id, tenant_id, login, display_name, password_hash, person_id, roles)
       SELECT 'gen-user-' || lpad(g.i::text, 6, '0'), $1, 'gen-' || lpad(g.i::text, 6, '0'), p.name, $2, p.id,
              CASE WHEN (g.i - 1) % 10 = 0 THEN ARRAY['dept_head'] ELSE ARRAY['dept_clerk'] END
         FROM generate_series(1, ${o.users}) g(i) JOIN org_people p ON p.tenant_id = $1 AND p.id = 'gp-' || lpad(g.i::text, 6, '0')`, [tenant, hash]);
  });

  // ---- documents ----
  // Per document i: tenant (10% each to the two other tenants), flow, state, dates, units; numbers gap-free
  // per (tenant, code, year) by row_number over the numbered ones.
  const N = o.scale;
  const asOf = o.asOf;
  const inStates = `CASE WHEN p < 10 THEN 'received' WHEN p < 20 THEN 'registered' WHEN p < 25 THEN 'reviewed' WHEN p < 40 THEN 'instructing'
                          WHEN p < 70 THEN 'handling' WHEN p < 980 THEN 'closed' ELSE 'returned' END`;
  const outStates = `CASE WHEN p < 10 THEN 'drafting' WHEN p < 20 THEN 'countersigning' WHEN p < 30 THEN 'reviewing' WHEN p < 40 THEN 'signing'
                           WHEN p < 45 THEN 'signed' WHEN p < 50 THEN 'checked' WHEN p < 55 THEN 'numbered' WHEN p < 70 THEN 'issued'
                           WHEN p < 990 THEN 'distributed' ELSE 'withdrawn' END`;
  const BATCH = 100_000;
  await step(`documents (${N.toLocaleString('en')})`, async () => {
    for (let from = 1; from <= N; from += BATCH) {
      const to = Math.min(N, from + BATCH - 1);
      await db.query(
        `INSERT INTO documents (id, tenant_id, flow, state, version, doc_type, direction, title, body, issuer_name, issuer_unit_id, issuer_code,
            doc_number, registration_no, classification, urgency, lead_unit_id, unit_ids, routed_person_ids, disclosure, issued_date, pack_id, started_on,
            closed_at, created_by_user, created_at, updated_at, facts)
         SELECT id, tenant, flow, state, nsteps, doc_type, CASE WHEN flow = 'incoming' THEN 'upward' ELSE 'downward' END,
                title, body, CASE WHEN flow = 'incoming' THEN unit_name ELSE '武威市人民政府' END, CASE WHEN flow = 'incoming' THEN unit END,
                CASE WHEN flow = 'outgoing' THEN code END, NULL, NULL, '', CASE WHEN urg = 0 THEN 'urgent' ELSE 'normal' END, unit,
                CASE WHEN unit2 = unit THEN ARRAY[unit] ELSE ARRAY[unit, unit2] END,
                CASE WHEN state IN ('instructing', 'handling', 'closed') THEN ARRAY[leader] ELSE '{}'::text[] END,
                CASE WHEN flow = 'outgoing' THEN (ARRAY['主动公开', '依申请公开', '不予公开'])[1 + urg % 3] END,
                CASE WHEN state IN ('issued', 'distributed') THEN started + 20 END, 'wuwei-2023', started,
                CASE WHEN state IN ('closed', 'returned') THEN (started + 40)::timestamp + interval '10 hours' END,
                creator, created, created + (nsteps - 1) * interval '26 hours 17 minutes', '{}'::jsonb
           FROM (
             SELECT x.*, CASE state WHEN 'received' THEN 1 WHEN 'registered' THEN 2 WHEN 'reviewed' THEN 3 WHEN 'instructing' THEN 4
                                        WHEN 'handling' THEN 6 WHEN 'closed' THEN 8 WHEN 'returned' THEN 3
                                        WHEN 'drafting' THEN 1 WHEN 'countersigning' THEN 1 WHEN 'reviewing' THEN 2 WHEN 'signing' THEN 3
                                        WHEN 'signed' THEN 5 WHEN 'checked' THEN 6 WHEN 'numbered' THEN 7 WHEN 'issued' THEN 8
                                        WHEN 'distributed' THEN 9 ELSE 3 END AS nsteps,
                    started::timestamp + interval '9 hours' + (${rnd(S, 9, 28800000, 'x.i')} * interval '1 millisecond') AS created
               FROM (
                 SELECT g.i, 'gd-' || lpad(g.i::text, 8, '0') AS id,
                        CASE WHEN g.i % 10 = 0 THEN '${OTHER_TENANTS[0]}' WHEN g.i % 10 = 1 THEN '${OTHER_TENANTS[1]}' ELSE $1 END AS tenant,
                        fl AS flow, st AS state,
                        CASE WHEN fl = 'incoming' THEN ($3::text[])[1 + ${rnd(S, 12, KINDS_IN.length)}] ELSE ($4::text[])[1 + ${rnd(S, 12, KINDS_OUT.length)}] END AS doc_type,
                        '关于' || ($2::text[])[1 + ${rnd(S, 13, SUBJECTS.length)}] || ($5::text[])[1 + ${rnd(S, 14, WORDS.length)}] || '的' ||
                          CASE WHEN fl = 'incoming' THEN ($3::text[])[1 + ${rnd(S, 12, KINDS_IN.length)}] ELSE ($4::text[])[1 + ${rnd(S, 12, KINDS_OUT.length)}] END AS title,
                        '为做好' || ($2::text[])[1 + ${rnd(S, 15, SUBJECTS.length)}] || '工作，现就' || ($5::text[])[1 + ${rnd(S, 16, WORDS.length)}] || '、' ||
                          ($5::text[])[1 + ${rnd(S, 17, WORDS.length)}] || '和' || ($5::text[])[1 + ${rnd(S, 18, WORDS.length)}] || '有关事项' ||
                          CASE WHEN fl = 'incoming' THEN '请示如下，妥否，请批示。' ELSE '通知如下，请认真贯彻执行。' END AS body,
                        ${unitExpr(19)} AS unit, ${unitExpr(20)} AS unit2,
                        '武威市' || ($6::text[])[1 + ${rnd(S, 19, U)} % 30] AS unit_name,
                        ($7::text[])[1 + ${rnd(S, 21, CODES.length)}] AS code,
                        ${rnd(S, 22, 10)} AS urg,
                        ($8::text[])[1 + ${rnd(S, 23, leaders.length)}] AS leader,
                        CASE WHEN ${rnd(S, 24, 10)} < 8 THEN 'gen-user-' || lpad((1 + ${rnd(S, 25, o.users)})::text, 6, '0') END AS creator,
                        -- open work is recent (the last 60 days before as-of), finished work spreads over four years
                        CASE WHEN st IN ('closed', 'returned', 'distributed', 'withdrawn') THEN $9::date - 60 - ${rnd(S, 26, 1400)}
                             ELSE $9::date - ${rnd(S, 27, 60)} END AS started
                   FROM generate_series(${from}, ${to}) g(i)
                   CROSS JOIN LATERAL (SELECT CASE WHEN ${rnd(S, 10, 10)} < 7 THEN 'incoming' ELSE 'outgoing' END AS fl, ${rnd(S, 11, 1000)} AS p) f
                   CROSS JOIN LATERAL (SELECT CASE WHEN f.fl = 'incoming' THEN ${inStates} ELSE ${outStates} END AS st FROM (SELECT f.p AS p) pp) s
               ) x
           ) y`,
        [tenant, SUBJECTS, KINDS_IN, KINDS_OUT, WORDS, UNIT_BASES, CODES, leaders.map((l) => l.person_id), asOf]);
      log(`    documents ${to.toLocaleString('en')} / ${N.toLocaleString('en')}`);
    }
  });

  // 收文登记号 and 发文字号: gap-free per (tenant, code, year), in order of creation, with their counters
  await step('registration numbers and 发文字号', () => db.transaction(async (tx) => {
    await tx.query(
      `UPDATE documents d SET registration_no = '收文〔' || n.y || '〕' || n.seq || '号'
         FROM (SELECT id, extract(year FROM started_on)::int AS y,
                      row_number() OVER (PARTITION BY tenant_id, extract(year FROM started_on) ORDER BY created_at, id)
                        + coalesce((SELECT last_seq FROM doc_number_counters c WHERE c.tenant_id = documents.tenant_id AND c.issuer_code = '收文'
                                      AND c.year = extract(year FROM documents.started_on)::int), 0) AS seq
                 FROM documents WHERE id LIKE 'gd-%' AND flow = 'incoming' AND state <> 'received') n
        WHERE d.id = n.id`);
    await tx.query(
      `INSERT INTO doc_number_counters (tenant_id, issuer_code, year, last_seq)
       SELECT tenant_id, '收文', extract(year FROM started_on)::int, count(*) FROM documents
        WHERE id LIKE 'gd-%' AND flow = 'incoming' AND state <> 'received' GROUP BY 1, 3
       ON CONFLICT (tenant_id, issuer_code, year) DO UPDATE SET last_seq = doc_number_counters.last_seq + EXCLUDED.last_seq`);
    await tx.query(
      `INSERT INTO doc_numbers (tenant_id, issuer_code, year, seq, doc_number, document_id, state, taken_at)
       SELECT tenant_id, issuer_code, y, seq, issuer_code || '〔' || y || '〕' || seq || '号', id,
              CASE WHEN state = 'numbered' THEN 'taken' ELSE 'issued' END, updated_at
         FROM (SELECT id, tenant_id, issuer_code, state, updated_at, extract(year FROM started_on)::int AS y,
                      row_number() OVER (PARTITION BY tenant_id, issuer_code, extract(year FROM started_on) ORDER BY created_at, id)
                        + coalesce((SELECT last_seq FROM doc_number_counters c WHERE c.tenant_id = documents.tenant_id AND c.issuer_code = documents.issuer_code
                                      AND c.year = extract(year FROM documents.started_on)::int), 0) AS seq
                 FROM documents WHERE id LIKE 'gd-%' AND flow = 'outgoing' AND state IN ('numbered', 'issued', 'distributed')) n`);
    await tx.query(
      `UPDATE documents d SET doc_number = n.doc_number FROM doc_numbers n
        WHERE n.document_id = d.id AND d.id LIKE 'gd-%'`);
    await tx.query(
      `INSERT INTO doc_number_counters (tenant_id, issuer_code, year, last_seq)
       SELECT tenant_id, issuer_code, year, max(seq) FROM doc_numbers WHERE document_id LIKE 'gd-%' GROUP BY 1, 2, 3
       ON CONFLICT (tenant_id, issuer_code, year) DO UPDATE SET last_seq = EXCLUDED.last_seq`);
  }));

  // ---- the trail: one event per step up to the document's state ----
  await step('document events (trail)', async () => {
    for (let from = 1; from <= N; from += BATCH) {
      const to = Math.min(N, from + BATCH - 1);
      await db.query(
        `INSERT INTO document_events (tenant_id, document_id, at, actor_name, actor_person_id, action, label, article, payload)
         SELECT d.tenant_id, d.id, d.created_at + (k - 1) * interval '26 hours 17 minutes',
                CASE WHEN d.flow = 'incoming' AND k = 5 THEN '分管副市长' ELSE '市政府办公室' END, NULL,
                CASE WHEN d.state = 'returned' AND k = 3 THEN 'returned' WHEN d.state = 'withdrawn' AND k = 3 THEN 'withdrawn'
                     WHEN d.flow = 'incoming' THEN ($1::text[])[k] ELSE ($3::text[])[k] END,
                CASE WHEN d.state = 'returned' AND k = 3 THEN '初审退回' WHEN d.state = 'withdrawn' AND k = 3 THEN '撤回'
                     WHEN d.flow = 'incoming' THEN ($2::text[])[k] ELSE ($4::text[])[k] END || '：《' || d.title || '》',
                CASE WHEN d.flow = 'incoming' THEN ($5::int[])[k] ELSE ($6::int[])[k] END, '{}'::jsonb
           FROM documents d CROSS JOIN LATERAL generate_series(1, d.version) k
          WHERE d.id BETWEEN 'gd-' || lpad('${from}', 8, '0') AND 'gd-' || lpad('${to}', 8, '0')
          ORDER BY d.id, k`,
        [IN_ACTIONS, IN_LABELS, OUT_ACTIONS, OUT_LABELS, IN_ARTICLES, OUT_ARTICLES]);
    }
  });

  // ---- versions, leader steps, assignments, opinion requests ----
  await step('versions, leader steps, assignments, opinion requests', async () => {
    await db.query(
      `INSERT INTO document_versions (document_id, version, title, body, at, actor_name, tenant_id)
       SELECT id, 1, title, body, created_at, '市政府办公室', tenant_id FROM documents WHERE id LIKE 'gd-%'`);
    await db.query(
      `INSERT INTO document_leader_steps (document_id, ord, role, position_id, person_id, mode, article, reason, instruction, done_at, done_by, tenant_id)
       SELECT d.id, 1, 'vice_mayor', l.position_id, l.person_id, 'instruct', 68, '分管副市长阅批（第六十八条）',
              CASE WHEN d.state = 'instructing' THEN NULL ELSE '同意，请牵头部门抓紧办理' END,
              CASE WHEN d.state = 'instructing' THEN NULL ELSE d.created_at + interval '4 days 9 hours' END,
              CASE WHEN d.state = 'instructing' THEN NULL ELSE '分管副市长' END, d.tenant_id
         FROM documents d JOIN unnest($1::text[], $2::text[]) l(person_id, position_id) ON l.person_id = d.routed_person_ids[1]
        WHERE d.id LIKE 'gd-%' AND d.flow = 'incoming' AND d.state IN ('instructing', 'handling', 'closed')`,
      [leaders.map((l) => l.person_id), leaders.map((l) => l.position_id)]);
    // 承办: the lead unit, and a cooperating unit for a third; due 15 to 45 days after assignment
    await db.query(
      `INSERT INTO document_assignments (id, tenant_id, document_id, unit_id, role, time_limit_kind, rule_id, article, assigned_on, due, remind_from, state, done_at, result, progress_reported_at)
       SELECT 'ga-' || substr(d.id, 4) || '-' || r.role, d.tenant_id, d.id, CASE WHEN r.role = 'lead' THEN d.lead_unit_id ELSE d.unit_ids[2] END, r.role,
              'withinPowers', 'documents.handling.withinPowers', 73, a.assigned, a.assigned + a.days, a.assigned + a.days - 3,
              CASE WHEN d.state = 'closed' THEN 'done' ELSE 'open' END,
              CASE WHEN d.state = 'closed' THEN d.updated_at END, CASE WHEN d.state = 'closed' THEN '已办结' END, NULL
         FROM documents d
         CROSS JOIN LATERAL (SELECT d.started_on + 5 AS assigned, 15 + ((hashint8(substr(d.id, 4)::bigint * 64 + 30 + ${S}::bigint * 1000003)::bigint & 2147483647) % 31)::int AS days) a
         CROSS JOIN LATERAL (SELECT 'lead' AS role UNION ALL SELECT 'cooperating' WHERE cardinality(d.unit_ids) > 1 AND substr(d.id, 4)::bigint % 3 = 0) r
        WHERE d.id LIKE 'gd-%' AND d.flow = 'incoming' AND d.state IN ('handling', 'closed')`);
    // 征求意见/会签 on outgoing drafts: open while countersigning, answered afterwards; due 7 days after the request
    await db.query(
      `INSERT INTO opinion_requests (id, tenant_id, document_id, subject, kind, requesting_unit_id, asked_unit_id, requested_on, due, rule_due, state, reply, replied_at, created_at)
       SELECT 'go-' || substr(d.id, 4) || '-' || k, d.tenant_id, d.id, d.title, CASE WHEN k = 1 THEN 'countersign' ELSE 'opinion' END, d.lead_unit_id,
              'gu-' || lpad((1 + (hashint8(substr(d.id, 4)::bigint * 64 + 40 + k + ${S}::bigint * 1000003)::bigint & 2147483647) % ${U})::text, 5, '0'),
              d.started_on + 1, d.started_on + 8, d.started_on + 8,
              CASE WHEN d.state IN ('drafting', 'countersigning') THEN 'open' ELSE 'agreed' END,
              CASE WHEN d.state IN ('drafting', 'countersigning') THEN NULL ELSE '同意' END,
              CASE WHEN d.state IN ('drafting', 'countersigning') THEN NULL ELSE d.created_at + interval '3 days' END,
              d.created_at + interval '1 day'
         FROM documents d CROSS JOIN LATERAL generate_series(1, 1 + substr(d.id, 4)::bigint % 2) k
        WHERE d.id LIKE 'gd-%' AND d.flow = 'outgoing' AND (d.state = 'countersigning' OR substr(d.id, 4)::bigint % 5 = 0)`);
  });

  // ---- supervision and meetings ----
  const phase: PhaseContext = { tenant, seed: S, units: U, documents: N, asOf, leaders, log };
  const phases = o.phases ?? [...PHASES];
  if (phases.includes('supervision')) await step('supervision items, events and instructions', async () => log(`    ${JSON.stringify(await generateSupervision(db, phase))}`));
  if (phases.includes('meetings')) await step('meetings, topics, attendance, decisions and minutes', async () => log(`    ${JSON.stringify(await generateMeetings(db, phase))}`));

  // ---- one sealed audit record per trail line and per generated fact, chained after the last sealed record ----
  await step('audit records (SM3 chain)', async () => {
    const s0 = Date.now();
    const first = (await db.query<{ id: string }>(`SELECT coalesce(min(e.id), 1) - 1 AS id FROM document_events e WHERE e.document_id LIKE 'gd-%'`)).rows[0].id;
    const n = await writeAuditChain(db, [documentAuditSource(String(first)), ...(await newPhaseAuditSources(phase, phases))], log);
    log(`    ${n.toLocaleString('en')} audit records, ${Math.round(n / ((Date.now() - s0) / 1000)).toLocaleString('en')} records/s`);
  });

  await step('search entries (jieba)', () => generateSearchEntries(db, log));

  await step('VACUUM ANALYZE', async () => {
    if (db.kind === 'postgres') await db.query('VACUUM ANALYZE');
    else await db.exec('VACUUM ANALYZE');
  });

  const counts: Record<string, number> = {};
  for (const t of ['search_entries', 'documents', 'document_events', 'document_leader_steps', 'document_assignments', 'opinion_requests', 'doc_numbers', 'audit_records', 'users', 'org_units', 'org_people', ...PHASE_TABLES]) {
    counts[t] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  }
  counts.seconds = Math.round((Date.now() - t0) / 1000);
  return counts;
}

const PHASE_TABLES = ['sup_items', 'sup_item_events', 'sup_instructions', 'sup_instruction_entries', 'meetings', 'meeting_topics', 'meeting_attendance', 'meeting_decisions', 'meeting_minutes'];

/** The documents' trail as an audit source: one record per trail line, `document.<action>` with its label. */
function documentAuditSource(start: string): AuditSource {
  return {
    name: 'documents',
    start,
    sql: `SELECT e.id::text AS k, e.tenant_id, ${isoAt('e.at')} AS at, e.actor_name, 'document.' || e.action AS action, 'document' AS object_type,
                 e.document_id AS object_id, e.article, e.label
            FROM document_events e WHERE e.id > $1::bigint AND e.document_id LIKE 'gd-%' ORDER BY e.id LIMIT $2`,
    // written by joining the trail line again rather than sending its label back
    rejoin: {
      join: 'JOIN document_events e ON e.id = u.k::bigint',
      cols: { tenant_id: 'e.tenant_id', at: "date_trunc('milliseconds', e.at)", actor_name: 'e.actor_name', action: "'document.' || e.action", object_type: "'document'",
        object_id: 'e.document_id', article: 'e.article', payload: "jsonb_build_object('label', e.label)" },
    },
  };
}

async function newPhaseAuditSources(c: PhaseContext, only: Phase[] = ['supervision', 'meetings']): Promise<AuditSource[]> {
  const { rulesOn } = await import('../src/app/supervision/rules.ts');
  return [...(only.includes('supervision') ? supervisionAuditSources(c, rulesOn(c.asOf)) : []), ...(only.includes('meetings') ? meetingAuditSources(c) : [])];
}

export const PHASES = ['supervision', 'meetings'] as const;
export type Phase = (typeof PHASES)[number];

/** Adds only the given phases to a database that already holds a generated dataset (its units, documents
 *  and audit chain stay as they are); their audit records are chained after the last sealed record. */
export async function generateOnly(db: Db, o: GenerateOptions & { only: Phase[]; scaleGiven?: boolean; unitsGiven?: boolean }): Promise<Record<string, number>> {
  const log = o.log ?? (() => {});
  const t0 = Date.now();
  const tenant = o.tenant;
  const docs = (await db.query<{ n: string | null }>(`SELECT max(substr(id, 4)::bigint)::text AS n FROM documents WHERE id LIKE 'gd-%'`)).rows[0].n;
  const units = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_units WHERE tenant_id = $1 AND id LIKE 'gu-%'`, [tenant])).rows[0].n;
  if (!units) throw new Error('数据库中没有生成的单位：请先完整生成一次（zhengtong generate）');
  const leaders = (await db.query<{ person_id: string; position_id: string }>(
    `SELECT a.person_id, p.id AS position_id FROM org_positions p JOIN org_assignments a ON a.tenant_id = p.tenant_id AND a.position_id = p.id
      WHERE p.tenant_id = $1 AND p.kind IN ('executive_vice_mayor', 'vice_mayor') AND a.valid_to IS NULL ORDER BY p.sort_order, p.id`, [tenant])).rows;
  const phase: PhaseContext = { tenant, seed: o.seed, units: o.unitsGiven ? Math.min(o.units, units) : units, documents: o.scaleGiven ? o.scale : Number(docs ?? 0), asOf: o.asOf, leaders, log };
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const s = Date.now();
    await fn();
    log(`  ${label}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };
  if (o.only.includes('supervision')) {
    const n = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sup_items WHERE tenant_id = $1 AND id LIKE 'gs-%'`, [tenant])).rows[0].n;
    if (n) throw new Error(`数据库中已有 ${n} 个生成的督查事项`);
    await step('supervision items, events and instructions', async () => log(`    ${JSON.stringify(await generateSupervision(db, phase))}`));
  }
  if (o.only.includes('meetings')) {
    const n = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meetings WHERE tenant_id = $1 AND id LIKE 'gm-%'`, [tenant])).rows[0].n;
    if (n) throw new Error(`数据库中已有 ${n} 个生成的会议`);
    await step('meetings, topics, attendance, decisions and minutes', async () => log(`    ${JSON.stringify(await generateMeetings(db, phase))}`));
  }
  await step('audit records (SM3 chain)', async () => {
    const s0 = Date.now();
    const n = await writeAuditChain(db, await newPhaseAuditSources(phase, o.only), log);
    log(`    ${n.toLocaleString('en')} audit records, ${Math.round(n / Math.max(0.001, (Date.now() - s0) / 1000)).toLocaleString('en')} records/s`);
  });
  await step('VACUUM ANALYZE', async () => {
    for (const t of [...PHASE_TABLES, 'audit_records', 'timers']) {
      if (db.kind === 'postgres') await db.query(`VACUUM ANALYZE ${t}`); else await db.exec(`VACUUM ANALYZE ${t}`);
    }
  });
  const counts: Record<string, number> = {};
  for (const t of [...PHASE_TABLES, 'audit_records']) counts[t] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  counts.seconds = Math.round((Date.now() - t0) / 1000);
  return counts;
}


/** Full-text entries (search_entries, jieba tokens as the product indexes them) for the generated documents:
 *  published outgoing documents (主动公开, issued or distributed) as public entries, the rest as staff entries
 *  of their lead unit. */
export async function generateSearchEntries(db: Db, log: (s: string) => void = () => {}): Promise<number> {
  const { indexTokens } = await import('../src/app/search/tokenizer.ts');
  const CHUNK = 5000;
  let after = '';
  let n = 0;
  for (;;) {
    const { rows } = await db.query<any>(
      `SELECT id, tenant_id, flow, state, doc_type, title, body, doc_number, issuer_name, lead_unit_id, disclosure, coalesce(issued_date, started_on) AS dated_on
         FROM documents WHERE id LIKE 'gd-%' AND id > $1 ORDER BY id LIMIT ${CHUNK}`, [after]);
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const cols: unknown[][] = Array.from({ length: 14 }, () => []);
    for (const r of rows) {
      const published = r.flow === 'outgoing' && r.disclosure === '主动公开' && ['issued', 'distributed'].includes(r.state);
      const vals = [r.tenant_id, r.id, published ? 'public' : 'staff', published ? null : r.lead_unit_id, r.doc_type, r.title, r.doc_number, r.issuer_name,
        r.body, r.dated_on, r.state, indexTokens(r.title).join(' '), indexTokens(`${r.doc_number ?? ''} ${r.issuer_name ?? ''}`).join(' '), indexTokens(r.body).join(' ')];
      vals.forEach((v, c) => { (cols[c] ??= []).push(v); });
    }
    await db.query(
      `INSERT INTO search_entries (tenant_id, object_type, object_id, scope, unit_id, kind, title, doc_number, issuer, body, dated_on, status, tsv)
       SELECT t, 'document', o, sc, u, k, ti, dn, iss, b, d::date, st,
              setweight(to_tsvector('simple', tt), 'A') || setweight(to_tsvector('simple', mt), 'B') || setweight(to_tsvector('simple', bt), 'D')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
              AS u(t, o, sc, u, k, ti, dn, iss, b, d, st, tt, mt, bt)
       ON CONFLICT DO NOTHING`, cols);
    n += rows.length;
    if (n % 100_000 < CHUNK) log(`    search entries ${n.toLocaleString('en')}`);
  }
  // every document has its entry now: the server's catch-up (src/app/search/documents.ts) starts after them
  await db.query(`INSERT INTO search_sync (source, watermark_at, watermark_id, run_at)
    SELECT 'documents', updated_at, id, now() FROM documents ORDER BY updated_at DESC, id DESC LIMIT 1
    ON CONFLICT (source) DO UPDATE SET watermark_at = EXCLUDED.watermark_at, watermark_id = EXCLUDED.watermark_id, run_at = EXCLUDED.run_at`);
  return n;
}

export function parseArgs(argv: string[]): Partial<GenerateOptions> {
  const o: Partial<GenerateOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    const num = () => { const n = Number(v); if (!Number.isInteger(n) || n < 0) throw new Error(`${argv[i]} 需要一个非负整数`); i++; return n; };
    switch (argv[i]) {
      case '--scale': o.scale = num(); break;
      case '--seed': o.seed = num(); break;
      case '--units': o.units = num(); break;
      case '--users': o.users = num(); break;
      case '--as-of': if (!/^\d{4}-\d{2}-\d{2}$/.test(v ?? '')) throw new Error('--as-of 需要 YYYY-MM-DD'); o.asOf = v; i++; break;
      case '--tenant': o.tenant = v; i++; break;
      case '--search-only': (o as any).searchOnly = true; break;
      case '--only': {
        const names = (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
        const bad = names.filter((x) => !(PHASES as readonly string[]).includes(x) && x !== 'search');
        if (!names.length || bad.length) throw new Error(`--only 需要 ${[...PHASES, 'search'].join('、')} 中的一项或几项（逗号分隔）${bad.length ? `，未知：${bad.join('、')}` : ''}`);
        (o as any).only = names; i++; break;
      }
      default: throw new Error(`未知参数：${argv[i]}`);
    }
  }
  return o;
}

/** Opens the configured database, migrates, loads the demo if needed, and generates. */
export async function generateCommand(argv: string[], out: (s: string) => void = console.log): Promise<number> {
  const { dbConfigFromEnv, openDb } = await import('../src/store/db.ts');
  const { migrate } = await import('../src/store/migrate.ts');
  const { seedDemo } = await import('../src/app/seed.ts');
  const { systemClock } = await import('../src/app/context.ts');
  const opts = defaultOptions(parseArgs(argv));
  if (opts.users < opts.units) opts.users = opts.units;
  const db = await openDb({ ...dbConfigFromEnv(), poolSize: 4 });
  try {
    await migrate(db);
    await seedDemo({ db, clock: systemClock }, opts.tenant);
    const only: string[] | undefined = (opts as any).only;
    if ((opts as any).searchOnly || (only && only.includes('search') && only.length === 1)) {
      const n = await generateSearchEntries(db, out);
      if (db.kind === 'postgres') await db.query('VACUUM ANALYZE search_entries'); else await db.exec('VACUUM ANALYZE search_entries');
      out(`已为 ${n} 份生成的公文建立检索条目`);
      return 0;
    }
    if (only) {
      out(`补充生成：${only.join('、')}，种子 ${opts.seed}，基准日 ${opts.asOf}（${db.kind}）`);
      const phases = only.filter((x): x is Phase => x !== 'search');
      const counts = await generateOnly(db, { ...opts, only: phases, scaleGiven: argv.includes('--scale'), unitsGiven: argv.includes('--units'), log: out });
      if (only.includes('search')) out(`已为 ${await generateSearchEntries(db, out)} 份生成的公文建立检索条目`);
      out(JSON.stringify(counts));
      return 0;
    }
    out(`生成数据：${opts.scale.toLocaleString('en')} 份公文，${opts.units} 个单位，${opts.users} 个用户，种子 ${opts.seed}，基准日 ${opts.asOf}（${db.kind}）`);
    const counts = await generate(db, { ...opts, log: out });
    out(JSON.stringify(counts));
    out(`生成用户的登录名 gen-000001 … gen-${String(opts.users).padStart(6, '0')}，密码 ${GENERATED_PASSWORD}`);
    return 0;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await generateCommand(process.argv.slice(2));
}
