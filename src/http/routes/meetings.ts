import { z } from 'zod';
import { runQuery } from '../../app/context.ts';
import {
  addMaterial, advanceTopicStep, approvePartyCommitteeTask, cancelMeeting, completeIssuanceTask, createTopic, decideCitywideRequest, decideLeave, rescheduleMeeting,
  decideTopic, endMeeting, openMeeting, placeTopic, recordAttendance, rejectTopic, requestLeave, saveMinutes, scheduleMeeting,
  signMinutes, submitCitywideRequest, submitOpinion,
} from '../../app/meetings/usecases.ts';
import { citywideList, issuanceTaskList, listMeetings, meetingDetail, rhythm, topicBoard } from '../../app/meetings/queries.ts';
import { exportMinutes, MINUTES_MIME, type MinutesFormat } from '../../app/meetings/output.ts';
import { meetingRules } from '../../app/meetings/rules.ts';
import { shanghaiDate } from '../../app/org/usecases.ts';
import { DECISION_OUTCOMES, ISSUANCE_KINDS, MATERIAL_KINDS, MEETING_TYPES, TOPIC_KINDS } from '../../domain/meetings/index.ts';
import type { RouteModule } from '../types.ts';
import { isoDateSchema } from '../schemas.ts';

// Meetings (第九章 会议制度): meetings and their day, topics and their pipeline, leave, opinions,
// decisions, minutes, issuance tasks, department citywide meetings, rhythm.
const tags = ['会议'];
const id = z.strictObject({ id: z.string().min(1).max(80) });
const instant = z.string().min(10).max(40);
const text = (max: number) => z.string().max(max);
const version = z.number().int().positive().optional();

const routes: RouteModule = (app, ctx) => {
  const deps = ctx.deps;

  app.get('/meetings/rules', { config: { permission: 'meetings.read' }, schema: { tags, summary: '会议制度参数（规则包）' } },
    async () => meetingRules(shanghaiDate(deps.clock.now())));

  app.get('/meetings', {
    config: { permission: 'meetings.read' },
    schema: { tags, summary: '会议日历', querystring: z.strictObject({ from: instant.optional(), to: instant.optional() }) },
  }, async (req) => ({ today: shanghaiDate(deps.clock.now()), meetings: await runQuery(deps, (tx) => listMeetings(tx, req.actor.tenantId, req.query)) }));

  app.post('/meetings', {
    config: { permission: 'meetings.schedule' },
    schema: {
      tags, summary: '安排会议（主持人按第十条、第十三条、第五十五条确定，成员按组织机构计算）',
      body: z.strictObject({
        type: z.enum(MEETING_TYPES), startsAt: instant, place: text(200), video: z.boolean(), materialsDueAt: instant.optional(),
        convenerPersonId: z.string().max(80).optional(), participantPersonIds: z.array(z.string().max(80)).max(100).optional(),
        observerPersonIds: z.array(z.string().max(80)).max(200).optional(),
      }),
    },
  }, async (req) => scheduleMeeting(deps, req.actor, req.body));

  app.get('/meetings/:id', { config: { permission: 'meetings.read' }, schema: { tags, summary: '会议详情：到会、法定人数、议题、决定、纪要、印发任务', params: id } },
    async (req) => runQuery(deps, (tx) => meetingDetail(tx, req.actor.tenantId, req.params.id, deps.clock.now())));

  app.post('/meetings/:id/cancel', {
    config: { permission: 'meetings.schedule' },
    schema: { tags, summary: '取消会议（写明理由；会议记录保留，已列入的议题退回待列入）', params: id, body: z.strictObject({ reason: text(1000), version }) },
  }, async (req) => cancelMeeting(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/:id/reschedule', {
    config: { permission: 'meetings.schedule' },
    schema: {
      tags, summary: '会议改期（写明理由；主持人和成员按新日期重新确定）', params: id,
      body: z.strictObject({ startsAt: instant, place: text(200).optional(), video: z.boolean().optional(), materialsDueAt: instant.optional(), reason: text(1000), version }),
    },
  }, async (req) => rescheduleMeeting(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/:id/attendance', {
    config: { permission: 'meetings.attendance' },
    schema: { tags, summary: '登记到会、离会（法定人数随之重算）', params: id, body: z.strictObject({ personId: z.string().min(1).max(80), kind: z.enum(['arrive', 'depart']) }) },
  }, async (req) => recordAttendance(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/:id/open', { config: { permission: 'meetings.attendance' }, schema: { tags, summary: '宣布开会（第五十三条法定人数），会议编号', params: id, body: z.strictObject({}).optional() } },
    async (req) => openMeeting(deps, req.actor, req.params.id));

  app.post('/meetings/:id/end', { config: { permission: 'meetings.attendance' }, schema: { tags, summary: '宣布散会，生成会后印发任务（第五十九条）', params: id, body: z.strictObject({}).optional() } },
    async (req) => endMeeting(deps, req.actor, req.params.id));

  app.post('/meetings/:id/leaves', {
    config: { permission: 'meetings.attend' },
    schema: { tags, summary: '会前请假（第五十七条）', params: id, body: z.strictObject({ personId: z.string().max(80).optional(), reason: text(500) }) },
  }, async (req) => requestLeave(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/:id/leaves/:leaveId/decision', {
    config: { permission: 'meetings.leave.decide' },
    schema: { tags, summary: '审批请假，结果报备市政府办公室（第五十七条）', params: z.strictObject({ id: z.string().max(80), leaveId: z.string().max(80) }), body: z.strictObject({ approve: z.boolean(), note: text(500).optional() }) },
  }, async (req) => decideLeave(deps, req.actor, req.params.id, req.params.leaveId, req.body));

  app.post('/meetings/:id/opinions', {
    config: { permission: 'meetings.attend' },
    schema: { tags, summary: '不能到会成员的书面意见（第五十三条）', params: id, body: z.strictObject({ topicId: z.string().min(1).max(80), text: text(4000), personId: z.string().max(80).optional() }) },
  }, async (req) => submitOpinion(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/:id/topics/:topicId/decision', {
    config: { permission: 'meetings.decide' },
    schema: {
      tags, summary: '主持人作出决定（第九条，不表决；第五十三条法定人数）',
      params: z.strictObject({ id: z.string().max(80), topicId: z.string().max(80) }),
      body: z.strictObject({
        outcome: z.enum(DECISION_OUTCOMES), text: text(4000),
        followUps: z.array(z.strictObject({ kind: z.enum(ISSUANCE_KINDS), title: text(200), recipient: text(50).optional() })).max(20).optional(),
      }),
    },
  }, async (req) => decideTopic(deps, req.actor, req.params.id, req.params.topicId, req.body));

  app.post('/meetings/:id/minutes', {
    config: { permission: 'meetings.propose' },
    schema: { tags, summary: '起草、修改纪要（第五十八条）', params: id, body: z.strictObject({ text: text(50000), version: z.number().int().min(0).optional() }) },
  }, async (req) => saveMinutes(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/:id/minutes/sign', {
    config: { permission: 'meetings.minutes.sign' },
    schema: { tags, summary: '签发纪要（第五十八条：市长或主持人）', params: id, body: z.strictObject({ version }) },
  }, async (req) => signMinutes(deps, req.actor, req.params.id, req.body));

  for (const format of ['pdf', 'docx', 'ofd'] as MinutesFormat[]) {
    const label = { pdf: 'PDF', docx: 'Word', ofd: 'OFD' }[format];
    app.get(`/meetings/:id/minutes.${format}`, {
      config: { permission: 'meetings.read' },
      schema: { tags, summary: `纪要 ${label}（GB/T 9704 纪要格式；签发后为签发时的内容，导出记入审计并附 SM3 摘要）`, params: id },
    }, async (req, reply) => {
      const r = await exportMinutes(deps, req.actor, req.params.id, format);
      reply.header('content-type', MINUTES_MIME[format]);
      reply.header('x-zhengtong-sm3', r.sm3);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${[r.output.title].flat().join('')}.${format}`)}`);
      return reply.send(r.file);
    });
  }

  // ---- topics ----
  app.get('/meetings/topics/board', { config: { permission: 'meetings.read' }, schema: { tags, summary: '议题看板：阶段、待办环节、尚缺事项' } },
    async (req) => ({ topics: await runQuery(deps, (tx) => topicBoard(tx, req.actor.tenantId, deps.clock.now())) }));

  app.post('/meetings/topics', {
    config: { permission: 'meetings.propose' },
    schema: {
      tags, summary: '部门拟提议题（第五十六条）',
      body: z.strictObject({
        title: text(200), kind: z.enum(TOPIC_KINDS), meetingType: z.enum(MEETING_TYPES), departmentUnitId: z.string().min(1).max(80),
        involvedUnitIds: z.array(z.string().max(80)).max(50).optional(), disputed: z.boolean().optional(), involvesCounties: z.boolean().optional(),
        publicInterest: z.boolean().optional(), marketActivity: z.boolean().optional(), enterpriseRules: z.boolean().optional(),
        concernsOverall: z.boolean().optional(), innovative: z.boolean().optional(), clearProposal: z.boolean().optional(),
        toPartyCommittee: z.boolean().optional(), proposal: text(4000).optional(), coordinatesTopicId: z.string().max(80).optional(),
      }),
    },
  }, async (req) => createTopic(deps, req.actor, req.body));

  app.post('/meetings/topics/:id/steps', {
    config: { permission: 'meetings.topics.advance' },
    schema: { tags, summary: '议题环节：提出、汇总、核报、确定（第五十六条）', params: id, body: z.strictObject({ step: z.enum(['propose', 'collect', 'verify', 'approve']), note: text(1000).optional(), version }) },
  }, async (req) => advanceTopicStep(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/topics/:id/reject', {
    config: { permission: 'meetings.topics.advance' },
    schema: { tags, summary: '议题不上会（写明理由）', params: id, body: z.strictObject({ reason: text(1000), version }) },
  }, async (req) => rejectTopic(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/topics/:id/materials', {
    config: { permission: 'meetings.propose' },
    schema: { tags, summary: '报送议题材料（第三十四条、第五十六条）', params: id, body: z.strictObject({ kind: z.enum(MATERIAL_KINDS), title: text(200) }) },
  }, async (req) => addMaterial(deps, req.actor, req.params.id, req.body));

  app.post('/meetings/topics/:id/place', {
    config: { permission: 'meetings.schedule' },
    schema: { tags, summary: '列入会议（第五十三条筛选、分歧协调，第三十四条材料，第十条）', params: id, body: z.strictObject({ meetingId: z.string().min(1).max(80), version }) },
  }, async (req) => placeTopic(deps, req.actor, req.params.id, req.body));

  // ---- after the meeting ----
  app.get('/meetings/issuance-tasks', { config: { permission: 'meetings.read' }, schema: { tags, summary: '会后印发任务及期限（第五十九条）' } },
    async (req) => ({ tasks: await runQuery(deps, (tx) => issuanceTaskList(tx, req.actor.tenantId, deps.clock.now())) }));

  app.post('/meetings/issuance-tasks/:id/mayor-approval', { config: { permission: 'meetings.decide' }, schema: { tags, summary: '市长审定报市委常委会的议题（第五十三条）', params: id, body: z.strictObject({}).optional() } },
    async (req) => approvePartyCommitteeTask(deps, req.actor, req.params.id));

  app.post('/meetings/issuance-tasks/:id/issued', {
    config: { permission: 'meetings.schedule' },
    schema: { tags, summary: '登记印发或报出', params: id, body: z.strictObject({ issuedRef: text(200), documentId: z.string().max(80).optional() }) },
  }, async (req) => completeIssuanceTask(deps, req.actor, req.params.id, req.body));

  // ---- rhythm and department citywide meetings ----
  app.get('/meetings/rhythm', { config: { permission: 'meetings.read' }, schema: { tags, summary: '会议节奏：召开次数与一般频次（第五十二条、第五十三条）、部门全市性会议（第六十一条）', querystring: z.strictObject({ year: z.coerce.number().int().min(2023).max(2100).optional() }) } },
    async (req) => runQuery(deps, (tx) => rhythm(tx, req.actor.tenantId, req.query.year ?? Number(shanghaiDate(deps.clock.now()).slice(0, 4)))));

  app.get('/meetings/citywide', { config: { permission: 'meetings.read' }, schema: { tags, summary: '部门全市性会议请示' } },
    async (req) => ({ requests: await runQuery(deps, (tx) => citywideList(tx, req.actor.tenantId)) }));

  app.post('/meetings/citywide', {
    config: { permission: 'meetings.propose' },
    schema: {
      tags, summary: '报送部门全市性会议请示（第六十一条）',
      body: z.strictObject({
        departmentUnitId: z.string().min(1).max(80), title: text(200), date: isoDateSchema, hostName: text(100),
        viceMayorConsent: z.strictObject({ personId: z.string().min(1).max(80), date: isoDateSchema }).nullable().optional(),
        formalRequest: text(300).nullable().optional(), video: z.boolean(), invitesCountyHeads: z.boolean(), invitesCityLeaders: z.boolean(),
        justification: text(2000).nullable().optional(),
      }),
    },
  }, async (req) => submitCitywideRequest(deps, req.actor, req.body));

  app.post('/meetings/citywide/:id/decision', {
    config: { permission: 'meetings.schedule' },
    schema: { tags, summary: '审批部门全市性会议（第六十条、第六十一条）', params: id, body: z.strictObject({ approve: z.boolean(), note: text(1000), approveCountyHeads: z.boolean().optional(), approveOverLimit: z.boolean().optional() }) },
  }, async (req) => decideCitywideRequest(deps, req.actor, req.params.id, req.body));
};
export default routes;
