import { defineErrors } from './types.ts';

// The audit record: its search, export and archives (GB/T 22239-2019 8.1.4.3, 8.1.10.3). Retired codes are never reused.
export const auditErrors = defineErrors({
  'AUDIT.EXPORT_TOO_LARGE': { status: 422, message: '符合条件的审计记录过多，无法一次导出', fix: '缩小时间范围或增加筛选条件后分批导出；整段留存请用 zhengtong audit archive 归档' },
});
