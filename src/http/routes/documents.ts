import { z } from 'zod';
import * as incoming from '../../app/documents/incoming.ts';
import * as outgoing from '../../app/documents/outgoing.ts';
import * as opinions from '../../app/documents/opinions.ts';
import * as queries from '../../app/documents/queries.ts';
import * as files from '../../app/documents/files.ts';
import { TIME_LIMIT_KINDS } from '../../domain/documents/model.ts';
import type { RouteModule } from '../types.ts';

const id = z.strictObject({ id: z.string().min(1).max(80) });
const version = z.number().int().min(1);
const text = (max = 2000) => z.string().max(max);
const units = z.array(z.string().min(1).max(80)).max(50);
const tags = ['公文'];
const clientRequestId = (req: any) => (req.headers['idempotency-key'] as string | undefined)?.slice(0, 120) ?? null;

const intakeFacts = z.strictObject({
  matters: z.array(text(200)).max(20),
  containsRequest: z.boolean().default(false),
  skipsLevel: z.boolean().default(false),
  skipLevelApproval: text(200).nullish(),
  principalRecipients: z.array(text(100)).max(20),
  alsoSentTo: z.array(text(100)).max(20).default([]),
  addressedToLeader: z.boolean().default(false),
  leaderException: z.enum(['assigned', 'direct']).nullish(),
  submitterUnitId: z.string().min(1).max(80),
  involvedUnitIds: units.default([]),
  countersigns: z.array(z.strictObject({ unitId: z.string().min(1), signerRank: z.enum(['principal_head', 'head', 'other']), signerName: text(50) })).max(50).default([]),
  jointSubmission: z.boolean().default(false),
  disagreement: z.strictObject({ positions: z.array(z.strictObject({ unitId: z.string(), reasons: text() })).max(50), proposal: text() }).nullish(),
  normative: z.boolean().default(false),
  highImpact: z.boolean().default(false),
  hasInterpretation: z.boolean().default(false),
  hasOpinionPlan: z.boolean().default(false),
  partyDraft: z.strictObject({ purpose: text(50), mainlyGovernmentDuties: z.boolean() }).nullish(),
});

const draft = z.strictObject({
  docType: z.string().min(1).max(20),
  direction: z.enum(['upward', 'parallel', 'downward']),
  title: z.string().min(1).max(200),
  body: text(200_000),
  issuerName: z.string().min(1).max(100),
  issuerCode: z.string().min(1).max(20),
  leadUnitId: z.string().min(1).max(80),
  principalRecipients: z.array(text(100)).max(50).optional(),
  copyRecipients: z.array(text(100)).max(100).optional(),
  urgency: z.enum(['normal', 'urgent', 'extra_urgent']).optional(),
  classification: text(20).optional(),
  disclosure: z.string().max(20).nullish(),
  disclosureReason: text(500).nullish(),
  joint: z.enum(['none', 'party', 'external']).optional(),
  counterpartRank: z.enum(['mayor', 'vice_mayor']).nullish(),
  reservedMatter: text(20).nullish(),
  majorMatter: text(20).nullish(),
  withinDepartmentPowers: z.boolean().optional(),
  separateDivisionPlan: z.boolean().optional(),
  alreadyCovered: z.boolean().optional(),
  necessity: text(1000).nullish(),
  countersignUnitIds: units.optional(),
  replyToDocumentId: z.string().max(80).nullish(),
});

const routes: RouteModule = (app, ctx) => {
  const d = ctx.deps;
  app.get('/documents', { config: { permission: 'documents.read' }, schema: { tags, summary: '收文、发文登记簿（按权限过滤，分页，附总数）',
    querystring: z.strictObject({ flow: z.enum(['incoming', 'outgoing']).optional(), state: z.string().max(20).optional(), docType: z.string().max(20).optional(), q: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(), offset: z.coerce.number().int().min(0).optional() }) } },
  async (req) => queries.listDocuments(d, req.actor, req.query));
  const page = { offset: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(100).optional() };
  app.get('/documents/workbench', { config: { permission: 'documents.read' }, schema: { tags, summary: '工作台：待办、我发起的、办公室待办和逾期（各为第一页及总数）',
    querystring: z.strictObject({ officeOffset: page.offset, officeLimit: page.limit, overdueOffset: page.offset, overdueLimit: page.limit }) } },
  async (req) => queries.workbench(d, req.actor, { office: { offset: req.query.officeOffset, limit: req.query.officeLimit }, overdue: { offset: req.query.overdueOffset, limit: req.query.overdueLimit } }));
  app.get('/documents/workbench/office', { config: { permission: 'documents.read' }, schema: { tags, summary: '工作台：办公室待办（最早的在前，分页，附总数）', querystring: z.strictObject(page) } },
    async (req) => queries.officeTodos(d, req.actor, req.query));
  app.get('/documents/workbench/overdue', { config: { permission: 'documents.read' }, schema: { tags, summary: '工作台：逾期事项（到期最早的在前，分页，附总数）', querystring: z.strictObject(page) } },
    async (req) => queries.overdueList(d, req.actor, req.query));
  app.get('/documents/:id', { config: { permission: 'documents.read' }, schema: { tags, summary: '公文详情及全程留痕', params: id } },
    async (req) => queries.getDocument(d, req.actor, req.params.id));

  // 版式文件、附件
  for (const format of ['pdf', 'docx', 'ofd'] as const) {
    app.get(`/documents/:id/output.${format}`, { config: { permission: 'documents.read' }, schema: { tags,
      summary: `发文版式文件（${format === 'pdf' ? 'PDF' : format === 'docx' ? 'Word' : 'OFD'}，GB/T 9704-2012），SM3 摘要记入审计`, params: id } },
    async (req, reply) => {
      const r = await files.renderOutput(d, req.actor, req.params.id, format);
      reply.header('content-type', r.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`);
      reply.header('x-content-sm3', r.sm3);
      return reply.send(r.buf);
    });
  }
  app.post('/documents/:id/attachments', { bodyLimit: 16 * 1024 * 1024, config: { permission: 'documents.read' }, schema: { tags, summary: '上传附件（base64，大小和类型按规则包，第七十五条）', params: id,
    body: z.strictObject({ name: z.string().min(1).max(255), contentBase64: z.string().max(15 * 1024 * 1024), kind: z.enum(['attachment', 'interpretation', 'opinion_plan', 'original']).optional() }) } },
  async (req, reply) => reply.status(201).send(await files.addAttachment(d, req.actor, req.params.id, req.body)));
  app.get('/documents/:id/attachments/:attachmentId', { config: { permission: 'documents.read' }, schema: { tags, summary: '下载附件',
    params: z.strictObject({ id: z.string().min(1).max(80), attachmentId: z.string().min(1).max(80) }) } },
  async (req, reply) => {
    const a = await files.getAttachment(d, req.actor, req.params.id, req.params.attachmentId);
    reply.header('content-type', a.contentType);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`);
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(a.content);
  });

  // 收文
  const incomingBody = z.strictObject({ docType: z.string().min(1).max(20), title: z.string().min(1).max(200), body: text(200_000).optional(), issuerName: z.string().min(1).max(100),
    issuerUnitId: z.string().max(80).nullish(), sourceDocNumber: text(50).nullish(), urgency: z.enum(['normal', 'urgent', 'extra_urgent']).optional(),
    classification: text(20).optional(), facts: intakeFacts, clientRequestId: z.string().max(120).nullish() });
  app.post('/documents/incoming/preview', { config: { permission: 'documents.register' }, schema: { tags, summary: '登记预检：初审规则（第六十二条、第六十四条、第六十七条）逐条列出，不保存', body: incomingBody } },
    async (req) => incoming.previewIncoming(d, req.actor, req.body as any));
  app.post('/documents/incoming', { config: { permission: 'documents.register' }, schema: { tags, summary: '签收来文',
    body: incomingBody } },
  async (req, reply) => {
    const r = await incoming.receiveIncoming(d, req.actor, { ...req.body, clientRequestId: req.body.clientRequestId ?? clientRequestId(req) } as any);
    return reply.status(r.duplicate ? 200 : 201).send(r);
  });
  app.post('/documents/:id/register', { config: { permission: 'documents.register' }, schema: { tags, summary: '登记', params: id, body: z.strictObject({ version: version.optional() }) } },
    async (req) => incoming.registerIncoming(d, req.actor, req.params.id, req.body.version));
  app.get('/documents/:id/intake-check', { config: { permission: 'documents.review' }, schema: { tags, summary: '初审预检（第六十二条、第六十四条、第六十七条）', params: id } },
    async (req) => incoming.intakeCheck(d, req.actor, req.params.id));
  app.post('/documents/:id/intake-review', { config: { permission: 'documents.review' }, schema: { tags, summary: '初审：通过或退回', params: id,
    body: z.strictObject({ outcome: z.enum(['pass', 'return']), reasons: text().optional(), version: version.optional() }) } },
  async (req) => incoming.intakeReview(d, req.actor, req.params.id, req.body));
  app.post('/documents/:id/proposal', { config: { permission: 'documents.propose' }, schema: { tags, summary: '拟办（第六十八条）', params: id,
    body: z.strictObject({ text: text(), leadUnitId: z.string().max(80).nullable(), cooperatingUnitIds: units.default([]), duties: text(), important: z.boolean().default(false),
      instructionSource: z.enum(['none', 'central_important', 'central', 'provincial']).default('none'), timeLimitKind: z.enum(TIME_LIMIT_KINDS),
      urgentDue: z.string().max(10).nullish(), urgentReason: text(500).nullish(), version: version.optional() }) } },
  async (req) => incoming.proposeHandling(d, req.actor, req.params.id, req.body as any));
  app.post('/documents/:id/instructions', { config: { permission: 'documents.instruct' }, schema: { tags, summary: '批办：领导阅批、阅处（按顺序）', params: id,
    body: z.strictObject({ order: z.number().int().min(1), text: text().min(1), version: version.optional() }) } },
  async (req) => incoming.instruct(d, req.actor, req.params.id, req.body));
  app.post('/documents/:id/handling-reports', { config: { permission: 'documents.handle' }, schema: { tags, summary: '承办报告：办理情况或结果', params: id,
    body: z.strictObject({ kind: z.enum(['progress', 'result']), text: text().min(1), version: version.optional() }) } },
  async (req) => incoming.reportHandling(d, req.actor, req.params.id, req.body));
  app.post('/documents/:id/chase', { config: { permission: 'documents.chase' }, schema: { tags, summary: '催办', params: id, body: z.strictObject({ note: text(500) }) } },
    async (req) => incoming.chase(d, req.actor, req.params.id, req.body));
  app.post('/documents/:id/close', { config: { permission: 'documents.close' }, schema: { tags, summary: '办结、答复', params: id,
    body: z.strictObject({ reply: text().min(1), replyDocumentId: z.string().max(80).nullish(), version: version.optional() }) } },
  async (req) => incoming.closeIncoming(d, req.actor, req.params.id, req.body));

  // 征求意见、会签
  app.post('/documents/opinion-requests', { config: { permission: 'documents.opinion' }, schema: { tags, summary: '征求意见或会签（第六十六条）',
    body: z.strictObject({ documentId: z.string().max(80).nullable(), subject: z.string().min(1).max(200), kind: z.enum(['opinion', 'countersign']), requestingUnitId: z.string().min(1),
      askedUnitIds: units.min(1), override: z.strictObject({ duration: z.strictObject({ value: z.number().int().min(0).max(365), unit: z.enum(['workday', 'day']) }).optional(), due: z.string().max(10).optional(), reason: text(500) }).nullish() }) } },
  async (req, reply) => reply.status(201).send({ ids: await opinions.createOpinionRequests(d, req.actor, req.body as any) }));
  app.post('/documents/opinion-requests/:id/reply', { config: { permission: 'documents.opinion' }, schema: { tags, summary: '回复征求意见：同意或不同意（附理由）', params: id,
    body: z.strictObject({ agree: z.boolean(), reasons: text().nullish(), version: version.optional() }) } },
  async (req) => opinions.replyOpinion(d, req.actor, req.params.id, req.body));
  app.post('/documents/opinion-requests/:id/negotiate', { config: { permission: 'documents.opinion' }, schema: { tags, summary: '商定回复时限及方式', params: id,
    body: z.strictObject({ newDue: z.string().max(10), form: text(100), agreedWith: text(100) }) } },
  async (req) => opinions.negotiateOpinion(d, req.actor, req.params.id, req.body));
  app.post('/documents/coordinations/:id/resolve', { config: { permission: 'documents.coordinate' }, schema: { tags, summary: '分歧协调结果（第六十五条）', params: id,
    body: z.strictObject({ outcome: z.enum(['agreement', 'recommendation']), conclusion: text().min(1) }) } },
  async (req) => opinions.resolveCoordination(d, req.actor, req.params.id, req.body));

  // 发文
  app.post('/documents/outgoing/preview', { config: { permission: 'documents.draft' }, schema: { tags, summary: '拟稿预检：签发人、提示和阻断', body: draft } },
    async (req) => outgoing.previewDraft(d, req.actor, req.body as any));
  app.post('/documents/outgoing', { config: { permission: 'documents.draft' }, schema: { tags, summary: '拟稿', body: draft } },
    async (req, reply) => {
      const r = await outgoing.createOutgoingDraft(d, req.actor, { ...(req.body as any), clientRequestId: clientRequestId(req) });
      return reply.status(r.duplicate ? 200 : 201).send(r);
    });
  const step = (path: string, summary: string, permission: string, fn: (id: string, body: any, actor: any) => Promise<unknown>, body: z.ZodObject<any> = z.strictObject({ version })) =>
    app.post(`/documents/:id/${path}`, { config: { permission }, schema: { tags, summary, params: id, body } }, async (req) => fn(req.params.id, req.body, req.actor));
  step('edit', '修改（签发后实质性修改退回签发人）', 'documents.draft', (i, b, a) => outgoing.editDraft(d, a, i, b),
    z.strictObject({ title: z.string().min(1).max(200).optional(), body: text(200_000).optional(), disclosure: z.string().max(20).nullish(), disclosureReason: text(500).nullish(), substantive: z.boolean(), version }));
  step('submit', '送会签或核稿（须先确定公开属性）', 'documents.draft', (i, b, a) => outgoing.submitDraft(d, a, i, b));
  step('countersign-finished', '会签完毕', 'documents.draft', (i, b, a) => outgoing.finishCountersign(d, a, i, b));
  step('review', '核稿', 'documents.review', (i, b, a) => outgoing.reviewDraft(d, a, i, b), z.strictObject({ opinion: text(500), version }));
  step('sign', '签发（第七十条–第七十二条）', 'documents.sign', (i, b, a) => outgoing.signDraft(d, a, i, b), z.strictObject({ opinion: text(500).optional(), reportedToMayor: z.boolean().optional(), version }));
  step('check', '复核', 'documents.review', (i, b, a) => outgoing.checkSigned(d, a, i, b));
  step('number', '编号（发文字号）', 'documents.number', (i, b, a) => outgoing.numberDocument(d, a, i, b), z.strictObject({ version: version.optional() }));
  step('void-number', '作废文号', 'documents.number', (i, b, a) => outgoing.voidNumber(d, a, i, b), z.strictObject({ reason: text(500), version }));
  step('issue', '印发', 'documents.issue', (i, b, a) => outgoing.issueDocument(d, a, i, b));
  step('distribute', '分发', 'documents.issue', (i, b, a) => outgoing.distributeDocument(d, a, i, b), z.strictObject({ channel: z.enum(['electronic', 'paper']).optional(), version }));
};
export default routes;
