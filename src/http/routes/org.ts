import { z } from 'zod';
import { ABSENCE_KINDS } from '../../domain/org/types.ts';
import { addDays } from '../../app/org/demo.ts';
import { orgRulesOn } from '../../app/org/rules.ts';
import {
  absencesBetween,
  actingFor,
  getOrg,
  leadersBoard,
  parsePurpose,
  recordAbsence,
  recordEntrustment,
  requireDate,
  revokeEntrustment,
  shanghaiDate,
} from '../../app/org/usecases.ts';
import {
  absencesView,
  backupPairsView,
  entrustmentsView,
  membersView,
  peopleView,
  portfoliosView,
  positionsView,
  unitsView,
} from '../../app/org/views.ts';
import {
  appoint,
  createPerson,
  createPosition,
  createUnit,
  deactivateUnit,
  endAppointment,
  renameUnit,
  setAssistants,
  setBackupPairs,
  setPortfolio,
} from '../../app/org/admin.ts';
import { POSITION_KINDS } from '../../domain/org/types.ts';
import { isoDateSchema } from '../schemas.ts';
import type { RouteModule } from '../types.ts';

// Organisation (第八条–第十四条, 第七十九条): read the structure on a date, ask who acts for whom, record
// absences and entrustments. Dates default to today in Asia/Shanghai.
const tags = ['组织机构'];
const onDate = z.strictObject({ date: z.string().max(10).optional() });
const day = z.string().max(10);
const text = (max: number) => z.string().trim().min(1).max(max);
const ref = z.string().min(1).max(64);
const newRef = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '编号只能用小写字母、数字和连字符').max(63);

const routes: RouteModule = (app, ctx) => {
  const dateOf = (q: { date?: string }) => requireDate(q.date ?? shanghaiDate(ctx.deps.clock.now()));
  const load = (tenantId: string) => getOrg(ctx.deps, tenantId);

  app.get('/org/overview', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织机构总览：单位、人员、职务、分管、AB岗、组成人员、今日谁负责', querystring: onDate },
  }, async (req) => {
    const date = dateOf(req.query);
    const org = await load(req.actor.tenantId);
    const rules = orgRulesOn(date);
    return {
      date,
      tenant: org.tenant,
      units: unitsView(org, date),
      people: peopleView(org, date),
      positions: positionsView(org, date),
      portfolios: portfoliosView(org, date),
      backupPairs: backupPairsView(org, date),
      members: membersView(org, rules, date),
      acting: leadersBoard(org, date),
      absences: absencesView(org, absencesBetween(org, date, addDays(date, 30))),
      entrustments: entrustmentsView(org, date),
      reservedPowers: rules.delegation.reservedPowers,
    };
  });

  app.get('/org/units', { config: { permission: 'org.read' }, schema: { tags, summary: '单位（含分管市领导、主要负责同志）', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, units: unitsView(await load(req.actor.tenantId), date) }; });

  app.get('/org/people', { config: { permission: 'org.read' }, schema: { tags, summary: '人员及其职务、当日外出', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, people: peopleView(await load(req.actor.tenantId), date) }; });

  app.get('/org/positions', { config: { permission: 'org.read' }, schema: { tags, summary: '职务及当日任职者', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, positions: positionsView(await load(req.actor.tenantId), date) }; });

  app.get('/org/portfolios', { config: { permission: 'org.read' }, schema: { tags, summary: '市领导分工（分管、协助的副秘书长、AB岗）（第十一条、第十二条）', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, portfolios: portfoliosView(await load(req.actor.tenantId), date) }; });

  app.get('/org/backup-pairs', { config: { permission: 'org.read' }, schema: { tags, summary: '副市长AB岗（第十一条）', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, backupPairs: backupPairsView(await load(req.actor.tenantId), date) }; });

  app.get('/org/members', { config: { permission: 'org.read' }, schema: { tags, summary: '市政府组成人员、全体会议、常务会议组成（第八条、第五十二条、第五十三条）', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, ...membersView(await load(req.actor.tenantId), orgRulesOn(date), date) }; });

  app.get('/org/acting', { config: { permission: 'org.read' }, schema: { tags, summary: '市领导当日在岗与代理情况（第十一条、第十三条）', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, acting: leadersBoard(await load(req.actor.tenantId), date) }; });

  app.get('/org/acting/:id', {
    config: { permission: 'org.read' },
    schema: {
      tags,
      summary: '某职务（或人员）在某日由谁负责及理由',
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      querystring: z.strictObject({
        date: day.optional(),
        purpose: z.enum(['handle', 'preside']).optional(),
        power: z.string().min(1).max(64).optional(),
      }),
    },
  }, async (req) => {
    const date = dateOf(req.query);
    const org = await load(req.actor.tenantId);
    return { date, result: actingFor(org, req.params.id, date, parsePurpose(req.query.purpose, req.query.power)) };
  });

  app.get('/org/absences', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '外出记录（第七十九条）', querystring: z.strictObject({ from: day.optional(), to: day.optional() }) },
  }, async (req) => {
    const from = requireDate(req.query.from ?? shanghaiDate(ctx.deps.clock.now()));
    const to = requireDate(req.query.to ?? addDays(from, 30));
    const org = await load(req.actor.tenantId);
    return { from, to, absences: absencesView(org, absencesBetween(org, from, to)) };
  });

  app.post('/org/absences', {
    config: { permission: 'org.write' },
    schema: {
      tags,
      summary: '登记外出（出差、学习、请假），或更正、撤销原记录（第七十九条）',
      body: z.strictObject({
        personId: z.string().min(1).max(64),
        kind: z.enum(ABSENCE_KINDS),
        from: day,
        to: day,
        destination: text(100).optional(),
        note: text(500).optional(),
        supersedes: z.string().min(1).max(64).optional(),
        cancelled: z.boolean().optional(),
      }),
    },
  }, async (req, reply) => {
    const r = await recordAbsence(ctx.deps, req.actor, req.body);
    return reply.status(201).send(r);
  });

  app.get('/org/entrustments', { config: { permission: 'org.read' }, schema: { tags, summary: '市长委托（第十三条、第十一条）', querystring: onDate } },
    async (req) => { const date = dateOf(req.query); return { date, entrustments: entrustmentsView(await load(req.actor.tenantId), date) }; });

  app.post('/org/entrustments', {
    config: { permission: 'org.write' },
    schema: {
      tags,
      summary: '登记市长委托：外出期间由常务副市长主持工作（第十三条），或其他工作、专项任务（第十一条）',
      body: z.strictObject({
        kind: z.enum(['preside', 'task']),
        granteePositionId: z.string().min(1).max(64),
        from: day,
        to: day,
        task: text(500).optional(),
      }),
    },
  }, async (req, reply) => {
    const r = await recordEntrustment(ctx.deps, req.actor, req.body);
    return reply.status(201).send(r);
  });

  app.post('/org/entrustments/:id/revoke', {
    config: { permission: 'org.write' },
    schema: {
      tags,
      summary: '撤销市长委托（自撤销日起不再适用）',
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      body: z.strictObject({ revokedOn: day, reason: text(500).optional() }),
    },
  }, async (req) => ({ entrustment: await revokeEntrustment(ctx.deps, req.actor, { entrustmentId: req.params.id, revokedOn: req.body.revokedOn, reason: req.body.reason }) }));

  // ---- administration: units, people, posts, 任免, 分管, 协助, AB岗 (第八条、第十一条、第十二条、第十四条) ----
  const adminTags = ['组织机构管理'];
  const admin = { permission: 'org.admin' };

  app.get('/org/admin/assignments', {
    config: { permission: 'org.read' },
    schema: { tags: adminTags, summary: '任职记录（含已结束的），可按职务或人员筛选', querystring: z.strictObject({ positionId: ref.optional(), personId: ref.optional() }) },
  }, async (req) => {
    const org = await load(req.actor.tenantId);
    const rows = org.assignments
      .filter((a) => (!req.query.positionId || a.positionId === req.query.positionId) && (!req.query.personId || a.personId === req.query.personId))
      .map((a) => ({
        ...a,
        title: org.positions.find((p) => p.id === a.positionId)?.title ?? a.positionId,
        personName: org.people.find((p) => p.id === a.personId)?.name ?? a.personId,
      }))
      .sort((a, b) => b.period.from.localeCompare(a.period.from));
    return { assignments: rows };
  });

  app.post('/org/admin/units', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: '新设单位（可同时设主要负责同志职务，第十四条）',
      body: z.strictObject({
        id: newRef.optional(),
        kind: z.enum(['government_office', 'constituent_department', 'affiliated_institution', 'county_government', 'external']),
        name: text(100),
        shortName: text(50),
        parentId: ref.optional(),
        affiliation: z.enum(['directly_affiliated', 'department_managed']).optional(),
        order: z.number().int().min(0).max(10000).optional(),
        from: isoDateSchema,
        principalHeadTitle: text(50).optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await createUnit(ctx.deps, req.actor, req.body)));

  app.post('/org/admin/units/:id/rename', {
    config: admin,
    schema: { tags: adminTags, summary: '单位更名', params: z.strictObject({ id: ref }), body: z.strictObject({ name: text(100), shortName: text(50) }) },
  }, async (req) => renameUnit(ctx.deps, req.actor, { unitId: req.params.id, ...req.body }));

  app.post('/org/admin/units/:id/deactivate', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: '撤销单位（自所填日期起不再存在）',
      params: z.strictObject({ id: ref }),
      body: z.strictObject({ from: isoDateSchema, reason: text(500).optional() }),
    },
  }, async (req) => deactivateUnit(ctx.deps, req.actor, { unitId: req.params.id, ...req.body }));

  app.post('/org/admin/people', {
    config: admin,
    schema: { tags: adminTags, summary: '登记人员', body: z.strictObject({ id: newRef.optional(), name: text(50), gender: z.enum(['male', 'female']).optional() }) },
  }, async (req, reply) => reply.status(201).send(await createPerson(ctx.deps, req.actor, req.body)));

  app.post('/org/admin/positions', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: '设置职务',
      body: z.strictObject({ id: newRef.optional(), kind: z.enum(POSITION_KINDS), unitId: ref, title: text(50), order: z.number().int().min(0).max(10000).optional() }),
    },
  }, async (req, reply) => reply.status(201).send(await createPosition(ctx.deps, req.actor, req.body)));

  app.post('/org/admin/appointments', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: '任职：某人自某日起担任某职务；可同时免去原任职者（同一职务同一时间只能由一人担任）',
      body: z.strictObject({
        personId: ref,
        positionId: ref,
        from: isoDateSchema,
        concurrent: z.boolean().optional(),
        replaceCurrent: z.boolean().optional(),
        basis: text(100).optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await appoint(ctx.deps, req.actor, req.body)));

  app.post('/org/admin/appointments/:id/end', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: '免职：任职截止于所填日期（含当日）；离任人员未办结的签发、批办步骤作为提示列出',
      params: z.strictObject({ id: ref }),
      body: z.strictObject({ lastDay: isoDateSchema, basis: text(100).optional() }),
    },
  }, async (req) => endAppointment(ctx.deps, req.actor, { assignmentId: req.params.id, ...req.body }));

  app.post('/org/admin/leaders/:id/portfolio', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: '分管调整：自生效日起替换该市领导分管的部门和领域（第十一条）；从其他市领导处转来的部门一并调整',
      params: z.strictObject({ id: ref }),
      body: z.strictObject({ unitIds: z.array(ref).max(100), areas: z.array(text(50)).max(50), from: isoDateSchema }),
    },
  }, async (req) => setPortfolio(ctx.deps, req.actor, { positionId: req.params.id, ...req.body }));

  app.post('/org/admin/leaders/:id/assistants', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: '副秘书长协助调整：自生效日起替换协助该市领导的副秘书长（第十二条）',
      params: z.strictObject({ id: ref }),
      body: z.strictObject({ assistantPositionIds: z.array(ref).max(20), from: isoDateSchema }),
    },
  }, async (req) => setAssistants(ctx.deps, req.actor, { positionId: req.params.id, ...req.body }));

  app.post('/org/admin/backup-pairs', {
    config: admin,
    schema: {
      tags: adminTags,
      summary: 'AB岗设置：自生效日起替换全部副市长AB岗（第十一条），搭档须为市政府组成人员（第八条）',
      body: z.strictObject({ pairs: z.array(z.tuple([ref, ref])).max(20), from: isoDateSchema }),
    },
  }, async (req) => setBackupPairs(ctx.deps, req.actor, req.body));
};
export default routes;
