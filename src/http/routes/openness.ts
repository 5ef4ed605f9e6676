import { z } from 'zod';
import {
  changeStatus, changeStatusInput, interpretationInput, listObligations, publishDocument, publishDocumentInput,
  publishInterpretation, publishMeetingDecision, publishMeetingDecisionInput, registerObligation, registerObligationInput,
} from '../../app/openness/publish.ts';
import {
  answerInput, answerRequest, clarifyInput, consultEndInput, consultInput, endConsultation, extendInput, extendRequest, getRequest,
  listRequests, recordSupplement, requestClarification, startConsultation, supplementInput,
} from '../../app/openness/requests.ts';
import { addEmergencyEntry, emergencyEntryInput, listEmergencies, openEmergency, openEmergencyInput } from '../../app/openness/emergency.ts';
import { annualReportData } from '../../app/openness/report.ts';
import { listDocumentDisclosures } from '../../app/openness/documents.ts';
import { myUnits } from '../../app/openness/staff.ts';
import { browse, item } from '../../app/openness/portal.ts';
import type { RouteModule } from '../types.ts';

// Staff side of openness (第三十七条–第四十一条): publishing, status, interpretations, obligations,
// emergencies, disclosure requests and the annual report data.
const tags = ['政务公开'];
const id = z.strictObject({ id: z.string().min(1).max(64) });

const routes: RouteModule = (app, ctx) => {
  app.get('/openness/items', { config: { permission: 'openness.read' }, schema: { tags, summary: '已公开信息', querystring: z.strictObject({ kind: z.enum(['document', 'meeting_decision', 'policy', 'interpretation', 'emergency']).optional(), page: z.coerce.number().int().min(1).optional() }) } },
    async (req) => browse(ctx.deps, req.actor.tenantId, { ...req.query, pageSize: 100 }));
  app.get('/openness/items/:id', { config: { permission: 'openness.read' }, schema: { tags, summary: '已公开信息详情', params: id } },
    async (req) => ({ ...(await item(ctx.deps, req.actor.tenantId, req.params.id)) }));
  app.post('/openness/documents', { config: { permission: 'openness.publish' }, schema: { tags, summary: '公开文件或部门政策（第三十九条）', body: publishDocumentInput } },
    async (req, reply) => { reply.status(201); return publishDocument(ctx.deps, req.actor, req.body); });
  app.post('/openness/meeting-decisions', { config: { permission: 'openness.publish' }, schema: { tags, summary: '公开全体会议、常务会议决定事项（第三十九条）', body: publishMeetingDecisionInput } },
    async (req, reply) => { reply.status(201); return publishMeetingDecision(ctx.deps, req.actor, req.body); });
  app.post('/openness/items/:id/status', { config: { permission: 'openness.publish' }, schema: { tags, summary: '登记修订或废止', params: id, body: changeStatusInput } },
    async (req) => changeStatus(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/openness/items/:id/interpretations', { config: { permission: 'openness.interpret' }, schema: { tags, summary: '发布政策解读（第四十条 谁起草、谁解读）', params: id, body: interpretationInput } },
    async (req, reply) => { reply.status(201); return publishInterpretation(ctx.deps, req.actor, req.params.id, req.body); });

  app.get('/openness/obligations', { config: { permission: 'openness.read' }, schema: { tags, summary: '主动公开时限跟踪（20个工作日）' } },
    async (req) => ({ obligations: await listObligations(ctx.deps, req.actor.tenantId) }));
  app.post('/openness/obligations', { config: { permission: 'openness.publish' }, schema: { tags, summary: '登记已印发的主动公开文件', body: registerObligationInput } },
    async (req, reply) => { reply.status(201); return registerObligation(ctx.deps, req.actor, req.body); });

  app.get('/openness/my-units', { config: { permission: 'openness.read' }, schema: { tags, summary: '本人所在单位（发布解读时的起草单位，第四十条）' } },
    async (req) => myUnits(ctx.deps, req.actor));
  app.get('/openness/document-disclosures', {
    config: { permission: 'openness.read' },
    schema: { tags, summary: '已印发公文的公开属性处理情况（主动公开、依申请公开、不予公开，第三十九条）', querystring: z.strictObject({ disposition: z.enum(['published', 'pending', 'on_request', 'withheld', 'unspecified']).optional() }) },
  }, async (req) => ({ documents: await listDocumentDisclosures(ctx.deps, req.actor.tenantId, req.query.disposition) }));

  app.get('/openness/emergencies', { config: { permission: 'openness.read' }, schema: { tags, summary: '突发事件信息发布（第四十一条）' } },
    async (req) => ({ events: await listEmergencies(ctx.deps, req.actor.tenantId) }));
  app.post('/openness/emergencies', { config: { permission: 'openness.emergency' }, schema: { tags, summary: '登记突发事件', body: openEmergencyInput } },
    async (req, reply) => { reply.status(201); return openEmergency(ctx.deps, req.actor, req.body); });
  app.post('/openness/emergencies/:id/entries', { config: { permission: 'openness.emergency' }, schema: { tags, summary: '上报、发布事实、更新、澄清', params: id, body: emergencyEntryInput } },
    async (req, reply) => { reply.status(201); return addEmergencyEntry(ctx.deps, req.actor, req.params.id, req.body); });

  app.get('/openness/requests', { config: { permission: 'openness.requests' }, schema: { tags, summary: '依申请公开（申请人按姓名或名称精确查找）', querystring: z.strictObject({ status: z.enum(['received', 'awaiting_supplement', 'consulting', 'answered']).optional(), requester: z.string().max(100).optional() }) } },
    async (req) => ({ requests: await listRequests(ctx.deps, req.actor.tenantId, req.query.status, req.query.requester) }));
  app.get('/openness/requests/:id', { config: { permission: 'openness.requests' }, schema: { tags, summary: '申请详情', params: id } },
    async (req) => getRequest(ctx.deps, req.actor.tenantId, req.params.id));
  app.post('/openness/requests/:id/clarification', { config: { permission: 'openness.requests' }, schema: { tags, summary: '一次性告知补正', params: id, body: clarifyInput } },
    async (req) => requestClarification(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/openness/requests/:id/supplement', { config: { permission: 'openness.requests' }, schema: { tags, summary: '登记申请人补正', params: id, body: supplementInput } },
    async (req) => recordSupplement(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/openness/requests/:id/consultation', { config: { permission: 'openness.requests' }, schema: { tags, summary: '征求第三方意见', params: id, body: consultInput } },
    async (req) => startConsultation(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/openness/requests/:id/consultation/end', { config: { permission: 'openness.requests' }, schema: { tags, summary: '登记第三方意见', params: id, body: consultEndInput } },
    async (req) => endConsultation(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/openness/requests/:id/extension', { config: { permission: 'openness.requests' }, schema: { tags, summary: '延长答复期限（经批准，一次）', params: id, body: extendInput } },
    async (req) => extendRequest(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/openness/requests/:id/answer', { config: { permission: 'openness.requests' }, schema: { tags, summary: '答复', params: id, body: answerInput } },
    async (req) => answerRequest(ctx.deps, req.actor, req.params.id, req.body));

  app.get('/openness/report/:year', { config: { permission: 'openness.read' }, schema: { tags, summary: '年度报告数据（《政府信息公开条例》第五十条）', params: z.strictObject({ year: z.coerce.number().int().min(2000).max(2999) }) } },
    async (req) => annualReportData(ctx.deps, req.actor.tenantId, req.params.year));
};
export default routes;
