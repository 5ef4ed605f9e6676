import { z } from 'zod';
import * as accounts from '../../app/auth/accounts.ts';
import type { RouteModule } from '../types.ts';

// 账号管理 (GB/T 22239-2019 8.1.4.1, 8.1.5 三员分立): the 系统管理员 keeps the accounts (accounts.manage),
// the 安全保密管理员 grants roles and unlocks (accounts.grant, accounts.unlock) and views the policy
// (security.read). The own password is changed under /auth/password.
const tags = ['账号管理'];
const userId = z.string().regex(/^user-[A-Za-z0-9._-]{1,120}$/, '账号编号格式不正确');
const params = z.strictObject({ id: userId });
const password = z.string().min(1).max(128);

const routes: RouteModule = (app, ctx) => {
  const d = ctx.deps;
  app.get('/accounts', { config: { permission: 'accounts.read' }, schema: { tags, summary: '本政府的账号（角色、停用、锁定、口令状态）' } },
    async (req) => accounts.listAccounts(d, req.actor));

  app.get('/accounts/roles', { config: { permission: 'accounts.read' }, schema: { tags, summary: '可授予的角色' } },
    async () => ({ items: accounts.grantableRoles() }));

  app.post('/accounts', {
    config: { permission: 'accounts.manage' },
    schema: {
      tags, summary: '新建账号（不含角色；初始口令须在首次登录时修改）',
      body: z.strictObject({
        login: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '登录名为 2 至 32 位小写字母、数字、点、下划线或连字符'),
        displayName: z.string().trim().min(1).max(60),
        personId: z.string().min(1).max(80).nullable().optional(),
        password,
      }),
    },
  }, async (req, reply) => reply.status(201).send(await accounts.createAccount(d, req.actor, ctx.config, req.body)));

  app.post('/accounts/:id/disable', { config: { permission: 'accounts.manage' }, schema: { tags, summary: '停用账号（其会话随即结束）', params } },
    async (req) => accounts.setAccountDisabled(d, req.actor, req.params.id, true));

  app.post('/accounts/:id/enable', { config: { permission: 'accounts.manage' }, schema: { tags, summary: '启用账号', params } },
    async (req) => accounts.setAccountDisabled(d, req.actor, req.params.id, false));

  app.post('/accounts/:id/reset-password', {
    config: { permission: 'accounts.manage' },
    schema: { tags, summary: '重置口令（下次登录须修改）', params, body: z.strictObject({ password }) },
  }, async (req) => accounts.resetPassword(d, req.actor, ctx.config, req.params.id, req.body.password));

  app.put('/accounts/:id/roles', {
    config: { permission: 'accounts.grant' },
    schema: {
      tags, summary: '授予或收回角色（三员分立：三种管理员角色互斥，不得给自己授权）', params,
      body: z.strictObject({ roles: z.array(z.string().regex(/^[a-z_]{2,40}$/)).max(20) }),
    },
  }, async (req) => accounts.assignRoles(d, req.actor, req.params.id, req.body.roles));

  app.post('/accounts/:id/unlock', { config: { permission: 'accounts.unlock' }, schema: { tags, summary: '解除登录失败锁定', params } },
    async (req) => accounts.unlockAccount(d, req.actor, req.params.id));

  app.get('/security/policy', { config: { permission: 'security.read' }, schema: { tags, summary: '口令、登录失败锁定与会话策略' } },
    async () => accounts.securityPolicy(ctx.config));
};
export default routes;
