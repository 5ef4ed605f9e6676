import { z } from 'zod';
import {
  advanceLegislation, answerInquiry, correctNormative, decideDispute, decideMajor, formOptions, getLegislation, getMajor, getNormative, issueNormative,
  overview, recordChange, recordConsultation, recordFiling, recordMajorStep, recordNormative, recordThirdParty, recordTracking, registerCollectiveMatter,
  registerInquiry, registerLegislation, registerMajorDecision, registerNormative, submitDispute,
} from '../../app/decisions/usecases.ts';
import type { RouteModule } from '../types.ts';
import { isoDateSchema as date } from '../schemas.ts';

const text = (max = 500) => z.string().max(max);
const id = z.strictObject({ id: text(64) });
const tags = ['决策'];
const meetingRef = { topicId: text(64).optional(), meetingId: text(64).optional() };

const routes: RouteModule = (app, ctx) => {
  const now = () => ctx.deps.clock.now();

  app.get('/decisions', { config: { permission: 'decisions.read' }, schema: { tags, summary: '决策与立法台账：重大行政决策、集体决策事项、规范性文件、立法、备案、询问质询、决定改变' } },
    async (req) => overview(ctx.deps, req.actor.tenantId, now()));
  app.get('/decisions/options', { config: { permission: 'decisions.read' }, schema: { tags, summary: '规则包在用的程序、事项类别和核对项' } },
    async () => formOptions(now()));

  // ---- 重大行政决策 ----
  app.post('/decisions/major', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记重大行政决策事项（第三十一条）',
    body: z.strictObject({ title: text(200), leadUnitId: text(64), summary: text(5000).optional() }) } },
  async (req, reply) => reply.status(201).send(await registerMajorDecision(ctx.deps, req.actor, req.body)));
  app.get('/decisions/major/:id', { config: { permission: 'decisions.read' }, schema: { tags, summary: '重大行政决策案卷', params: id } },
    async (req) => getMajor(ctx.deps, req.actor.tenantId, req.params.id, now()));
  app.post('/decisions/major/:id/steps', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记法定程序（第三十一条：佐证材料，或依条例不适用的理由）', params: id,
    body: z.strictObject({ step: text(40), applicable: z.boolean(), evidence: text(2000).default(''), reason: text(2000).default(''), on: date }) } },
  async (req, reply) => reply.status(201).send(await recordMajorStep(ctx.deps, req.actor, req.params.id, req.body)));
  app.post('/decisions/major/:id/consultations', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记听取意见（第三十五条：民主党派、社会团体、专家学者、社会公众、法律顾问）', params: id,
    body: z.strictObject({ party: text(40), form: text(100).optional(), summary: text(5000), on: date }) } },
  async (req, reply) => reply.status(201).send(await recordConsultation(ctx.deps, req.actor, req.params.id, req.body)));
  app.post('/decisions/major/:id/decide', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记决定（五项法定程序齐全、关联全体会议或常务会议决定、确定评估时间）', params: id,
    body: z.strictObject({ on: date, text: text(5000), evaluationDue: date.optional(), ...meetingRef }) } },
  async (req) => decideMajor(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/decisions/major/:id/tracking', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记执行跟踪和效果评估（第三十六条）', params: id,
    body: z.strictObject({ stage: text(40), on: date, summary: text(5000) }) } },
  async (req, reply) => reply.status(201).send(await recordTracking(ctx.deps, req.actor, req.params.id, req.body)));

  // ---- 集体决策、决定改变 ----
  app.post('/decisions/collective', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记集体决策事项（第三十二条，关联会议决定，第十条）',
    body: z.strictObject({ matter: text(40), title: text(200), note: text(2000).optional(), ...meetingRef }) } },
  async (req, reply) => reply.status(201).send(await registerCollectiveMatter(ctx.deps, req.actor, req.body)));
  app.post('/decisions/changes', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记规划、行政决定的改变（第九十四条：须有法定依据）',
    body: z.strictObject({ targetType: z.enum(['major_decision', 'plan', 'administrative_decision']), targetId: text(64).optional(), targetTitle: text(200).optional(),
      legalBasis: text(1000), reason: text(2000), content: text(5000).optional(), on: date }) } },
  async (req, reply) => reply.status(201).send(await recordChange(ctx.deps, req.actor, req.body)));

  // ---- 行政规范性文件 ----
  app.post('/decisions/normative', { config: { permission: 'decisions.normative' }, schema: { tags, summary: '登记行政规范性文件草案（第二十七条、第二十八条）',
    body: z.strictObject({ title: text(200), draftingUnitId: text(64), involvedUnitIds: z.array(text(64)).max(50).default([]), form: text(40),
      publicRights: z.boolean().default(false), highAttention: z.boolean().default(false), important: z.boolean().default(false), correctsId: text(64).optional() }) } },
  async (req, reply) => reply.status(201).send(await registerNormative(ctx.deps, req.actor, req.body)));
  app.get('/decisions/normative/:id', { config: { permission: 'decisions.read' }, schema: { tags, summary: '规范性文件详情和全程记录', params: id } },
    async (req) => getNormative(ctx.deps, req.actor.tenantId, req.params.id));
  app.post('/decisions/normative/:id/records', { config: { permission: 'decisions.normative' }, schema: { tags, summary: '登记合法性审查、事先请示、市政府批准、部门意见、第二十九条核对', params: id,
    body: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('legalityReview'), passed: z.boolean(), opinion: text(5000), on: date }),
      z.strictObject({ kind: z.literal('priorRequest'), ref: text(200), on: date }),
      z.strictObject({ kind: z.literal('governmentApproval'), ref: text(200), on: date }),
      z.strictObject({ kind: z.literal('consultation'), unitId: text(64), opinion: text(5000), on: date }),
      z.strictObject({ kind: z.literal('checklist'), items: z.record(text(100), z.boolean()), on: date }),
    ]) } },
  async (req, reply) => reply.status(201).send(await recordNormative(ctx.deps, req.actor, req.params.id, req.body)));
  app.post('/decisions/normative/:id/issue', { config: { permission: 'decisions.normative' }, schema: { tags, summary: '印发（第二十七条至第二十九条逐条检查）', params: id,
    body: z.strictObject({ docNumber: text(100), issuedOn: date }) } },
  async (req) => issueNormative(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/decisions/normative/:id/corrections', { config: { permission: 'decisions.write' }, schema: { tags, summary: '责令纠正或撤销（第二十九条第二款）', params: id,
    body: z.strictObject({ outcome: text(40), reason: text(2000), on: date }) } },
  async (req, reply) => reply.status(201).send(await correctNormative(ctx.deps, req.actor, req.params.id, req.body)));

  // ---- 立法 ----
  app.post('/decisions/legislation', { config: { permission: 'decisions.write' }, schema: { tags, summary: '立法事项立项（第二十四条）',
    body: z.strictObject({ title: text(200), instrument: text(40), action: text(10), leadUnitId: text(64), secret: z.boolean().default(false), secrecyReason: text(500).optional(),
      important: z.boolean().default(false), disputed: z.boolean().default(false), on: date }) } },
  async (req, reply) => reply.status(201).send(await registerLegislation(ctx.deps, req.actor, req.body)));
  app.get('/decisions/legislation/:id', { config: { permission: 'decisions.read' }, schema: { tags, summary: '立法事项详情', params: id } },
    async (req) => getLegislation(ctx.deps, req.actor.tenantId, req.params.id));
  app.post('/decisions/legislation/:id/advance', { config: { permission: 'decisions.write' }, schema: { tags, summary: '推进立法环节（第二十六条；决定环节关联全体会议或常务会议，第三十三条）', params: id,
    body: z.strictObject({ to: text(40), on: date, summary: text(5000), ...meetingRef }) } },
  async (req) => advanceLegislation(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/decisions/legislation/:id/third-party', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记第三方评估（第二十六条）', params: id,
    body: z.strictObject({ evaluator: text(200), summary: text(5000), on: date }) } },
  async (req, reply) => reply.status(201).send(await recordThirdParty(ctx.deps, req.actor, req.params.id, req.body)));
  app.post('/decisions/legislation/:id/disputes', { config: { permission: 'decisions.write' }, schema: { tags, summary: '市司法局列明各方理据、提出倾向性意见报请市政府决定（第二十六条）', params: id,
    body: z.strictObject({ issue: text(1000), sides: z.array(z.strictObject({ unitId: text(64), position: text(2000), reasons: text(5000) })).max(20), proposal: text(5000), submittedByUnitId: text(64), on: date }) } },
  async (req, reply) => reply.status(201).send(await submitDispute(ctx.deps, req.actor, req.params.id, req.body)));
  app.post('/decisions/disputes/:id/decide', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记市政府对立法争议的决定（第二十六条）', params: id,
    body: z.strictObject({ decision: text(5000), on: date }) } },
  async (req) => decideDispute(ctx.deps, req.actor, req.params.id, req.body));

  // ---- 备案、询问和质询 ----
  app.post('/decisions/filings/:id/file', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记报市人大常委会备案（第四十二条）', params: id,
    body: z.strictObject({ filedOn: date, ref: text(200) }) } },
  async (req) => recordFiling(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/decisions/inquiries', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记人大询问、质询（第四十二条）',
    body: z.strictObject({ kind: text(10), subject: text(1000), fromBody: text(200).optional(), receivedOn: date }) } },
  async (req, reply) => reply.status(201).send(await registerInquiry(ctx.deps, req.actor, req.body)));
  app.post('/decisions/inquiries/:id/answer', { config: { permission: 'decisions.write' }, schema: { tags, summary: '登记答复（第四十二条）', params: id,
    body: z.strictObject({ text: text(10000), on: date, answeredBy: text(100) }) } },
  async (req) => answerInquiry(ctx.deps, req.actor, req.params.id, req.body));
};

export default routes;
