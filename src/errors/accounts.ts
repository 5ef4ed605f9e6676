import { defineErrors } from './types.ts';

// Accounts and the password policy (GB/T 22239-2019 8.1.4.1 身份鉴别; 8.1.5.1–8.1.5.3 三员分立). Retired codes are never reused.
export const accountsErrors = defineErrors({
  'ACCOUNTS.NOT_FOUND': { status: 404, message: '没有这个账号', fix: '到“账号管理”列表核对账号' },
  'ACCOUNTS.LOGIN_TAKEN': { status: 409, message: '登录名已被本政府的其他账号使用', fix: '换一个登录名' },
  'ACCOUNTS.ROLES_REFUSED': { status: 422, message: '不能这样授予角色', fix: '逐项处理列出的问题后重试' },
  'ACCOUNTS.ROLE_NOT_GRANTABLE': { status: 422, message: '该角色不能授予本政府的账号', fix: '从角色列表中选择；系统、平台管理员角色不能授予' },
  'ACCOUNTS.ADMIN_ROLES_EXCLUSIVE': { status: 422, message: '三员分立：系统管理员、安全保密管理员、安全审计员不得由同一账号兼任', fix: '三种管理员角色分别授予不同的账号' },
  'ACCOUNTS.SELF_GRANT': { status: 403, message: '管理员不得变更自己的角色或给自己授权', fix: '由另一名安全保密管理员办理' },
  'ACCOUNTS.SELF_ACTION': { status: 403, message: '管理员不得停用自己的账号或重置自己的口令', fix: '修改自己的口令请用“修改口令”；停用由另一名系统管理员办理' },
  'ACCOUNTS.PASSWORD_REFUSED': { status: 422, message: '口令不符合口令策略', fix: '逐项处理列出的问题后重试' },
  'ACCOUNTS.PASSWORD_TOO_SHORT': { status: 422, message: '口令长度不足', fix: '加长口令（默认不少于 8 位，见 ZHENGTONG_PASSWORD_MIN_LENGTH）' },
  'ACCOUNTS.PASSWORD_TOO_SIMPLE': { status: 422, message: '口令字符种类不足', fix: '口令至少包含大写字母、小写字母、数字、特殊字符中的三类' },
  'ACCOUNTS.PASSWORD_CONTAINS_LOGIN': { status: 422, message: '口令不得包含登录名', fix: '换一个与登录名无关的口令' },
  'ACCOUNTS.PASSWORD_COMMON': { status: 422, message: '口令过于常见，容易被猜中', fix: '换一个不在常见口令表中的口令' },
  'ACCOUNTS.PASSWORD_REUSED': { status: 422, message: '不得重复使用最近使用过的口令', fix: '换一个最近五次未使用过的口令（ZHENGTONG_PASSWORD_HISTORY）' },
  'ACCOUNTS.CURRENT_PASSWORD_WRONG': { status: 403, message: '当前口令不正确', fix: '输入正在使用的口令；忘记口令请联系系统管理员重置' },
  'ACCOUNTS.NOT_LOCKED': { status: 409, message: '该账号未被锁定', fix: '无需解锁' },
});
