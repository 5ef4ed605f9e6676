import { z } from 'zod';
import * as seals from '../../app/seals/usecases.ts';
import { AppError } from '../../errors/index.ts';
import type { RouteModule } from '../types.ts';

// 电子印章 (docs/seals.md): the registry of the government's seals, 用印 after 印发, and the verifier.
const tags = ['电子印章'];
const sealId = z.string().regex(/^seal-[0-9a-f-]{36}$/, '印章编号格式不正确');
const base64 = (s: string) => {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new AppError('REQUEST.VALIDATION', { message: '文件内容须为 base64 编码' });
  return Buffer.from(clean, 'base64');
};

const routes: RouteModule = (app, ctx) => {
  const d = ctx.deps;
  app.get('/seals', { config: { permission: 'seals.manage' }, schema: { tags, summary: '本政府的电子印章' } },
    async (req) => ({ seals: await seals.listSeals(d, req.actor) }));

  app.post('/seals', {
    config: { permission: 'seals.manage' },
    schema: { tags, summary: '新建电子印章（SM2 密钥对，私钥以 SM4 加密保存）',
      body: z.strictObject({ ownerUnitId: z.string().min(1).max(80), name: z.string().min(1).max(40).optional() }) },
  }, async (req, reply) => reply.status(201).send(await seals.createSeal(d, req.actor, req.body)));

  app.post('/seals/:id/revoke', { config: { permission: 'seals.manage' }, schema: { tags, summary: '停用电子印章（已签章的公文仍可验证）', params: z.strictObject({ id: sealId }) } },
    async (req) => seals.revokeSeal(d, req.actor, req.params.id));

  app.post('/seals/verify', {
    bodyLimit: 32 * 1024 * 1024,
    config: { permission: 'documents.read' },
    schema: { tags, summary: '验证 OFD 的电子印章：有效 / 已被改动（指明文件）/ 未知印章 / 未签章',
      body: z.strictObject({ contentBase64: z.string().min(1).max(30 * 1024 * 1024) }) },
  }, async (req) => seals.verifySealedFile(d, req.actor, base64(req.body.contentBase64)));

  app.get('/documents/:id/seal', { config: { permission: 'documents.read' }, schema: { tags, summary: '公文的电子印章验证结果（印发时签章的 OFD）',
    params: z.strictObject({ id: z.string().min(1).max(80) }) } },
  async (req) => seals.documentSealCheck(d, req.actor, req.params.id));

  app.post('/documents/:id/seal', {
    config: { permission: 'seals.apply' },
    schema: { tags, summary: '补盖电子印章：为未加盖印章而已印发的公文签章',
      params: z.strictObject({ id: z.string().min(1).max(80) }), body: z.strictObject({ sealId: sealId.optional() }).optional() },
  }, async (req, reply) => reply.status(201).send(await seals.applySeal(d, req.actor, req.params.id, req.body ?? {})));
};
export default routes;
