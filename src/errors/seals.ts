import { defineErrors } from './types.ts';

// 电子印章 (docs/seals.md): creating seals, applying them at 印发, verifying a sealed OFD. A seal seals
// only documents of its owner unit in its own government. Retired codes are never reused.
export const sealsErrors = defineErrors({
  'SEAL.NOT_FOUND': { status: 404, message: '没有这枚电子印章', fix: '到“电子印章”列表核对印章编号' },
  'SEAL.UNIT_NOT_FOUND': { status: 422, message: '印章的所属单位不在本政府的组织机构中', fix: '选择组织机构中的单位作为印章的所属单位' },
  'SEAL.NAME_INVALID': { status: 400, message: '印章名称应为 2 至 24 个字', fix: '以所属单位的全称作为印章名称，例如“武威市人民政府”' },
  'SEAL.NOT_OWNER': { status: 422, message: '电子印章不属于发文机关', fix: '使用发文机关自己的电子印章；印章只能用于其所属单位的公文' },
  'SEAL.OTHER_GOVERNMENT': { status: 422, message: '不能使用其他政府的电子印章', fix: '使用本政府登记的电子印章' },
  'SEAL.REVOKED': { status: 422, message: '电子印章已停用', fix: '使用发文机关现行有效的电子印章，或由系统管理员新建印章' },
  'SEAL.REFUSED': { status: 422, message: '不能使用该电子印章', fix: '逐项处理列出的问题后重试' },
  'SEAL.NOT_PERMITTED': { status: 403, message: '没有加盖电子印章的权限', fix: '由具有用印权限（seals.apply）的市政府办公室人员印发或用印' },
  'SEAL.NO_SEAL': { status: 422, message: '发文机关没有电子印章', fix: '由系统管理员为发文机关新建电子印章后再用印' },
  'SEAL.ALREADY_SEALED': { status: 409, message: '该公文已加盖电子印章', fix: '无需重复用印；下载的 OFD 即为已签章的版式文件' },
  'SEAL.NOT_ISSUED': { status: 409, message: '公文尚未印发，不能加盖电子印章', fix: '印发时自动加盖电子印章；请先完成编号和印发' },
  'SEAL.NOT_OFD': { status: 400, message: '不是 OFD 版式文件', fix: '上传以 .ofd 结尾的版式文件（ZIP 包，含 OFD.xml）' },
});
