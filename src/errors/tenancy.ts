import { defineErrors } from './types.ts';

// Governments on one deployment (tenants): creating, suspending, signing in to one. Retired codes are
// never reused.
export const tenancyErrors = defineErrors({
  'TENANT.NOT_FOUND': { status: 404, message: '没有这个政府', fix: '检查政府编号（zhengtong government list）' },
  'TENANT.EXISTS': { status: 409, message: '该政府已经存在（编号或名称重复）', fix: '换一个编号，或使用已有的政府' },
  'TENANT.PACK_UNKNOWN': { status: 400, message: '找不到该规则包', fix: '规则包应位于 packs/<编号>/，先用 zhengtong pack check 检查' },
  'TENANT.ORG_MISMATCH': { status: 400, message: '组织机构文件中的政府编号与要创建的政府不一致', fix: '使组织机构文件的 tenant.id 与政府编号相同' },
  'TENANT.LOGIN_PERSON_UNKNOWN': { status: 400, message: '初始账号关联的人员不在该政府的组织机构中', fix: '检查账号的 personId' },
  'TENANT.HOST_TAKEN': { status: 409, message: '该门户域名已由另一个政府使用', fix: '每个政府的政务公开门户使用自己的域名' },
  'TENANT.SUSPEND_OWN': { status: 409, message: '不能停用自己所在的政府', fix: '由其他政府的平台管理员操作' },
  'TENANT.ALREADY_SUSPENDED': { status: 409, message: '该政府已经停用', fix: '如需恢复，使用恢复操作' },
  'TENANT.SUSPENDED': { status: 403, message: '该政府已停用，暂不能登录', fix: '联系平台管理员' },
});
