import { defineErrors } from './types.ts';

// Errors of the platform itself: input, auth, storage, rule pack. Retired codes are never reused.
export const coreErrors = defineErrors({
  'REQUEST.INVALID_JSON': { status: 400, message: '请求体不是合法的 JSON', fix: '检查请求体的 JSON 语法' },
  'REQUEST.VALIDATION': { status: 400, message: '请求参数不符合要求', fix: '按 violations 中列出的字段逐项修正' },
  'REQUEST.TOO_LARGE': { status: 413, message: '请求体过大', fix: '缩小请求体，附件请分开上传' },
  'REQUEST.UNSUPPORTED_MEDIA': { status: 415, message: '不支持的内容类型', fix: '使用 application/json' },
  'REQUEST.NOT_FOUND': { status: 404, message: '请求的资源不存在', fix: '检查地址或编号' },
  'REQUEST.CONFLICT': { status: 409, message: '对象已被他人修改，请刷新后重试', fix: '重新读取对象后再提交' },
  'REQUEST.DUPLICATE': { status: 409, message: '重复提交', fix: '该请求已处理，无需再次提交' },
  'REQUEST.CROSS_SITE': { status: 403, message: '拒绝跨站请求：请求来源与本系统地址不一致', fix: '从本系统的页面提交；反向代理或其他地址访问时，把该地址加入 ZHENGTONG_PUBLIC_ORIGINS' },
  'REQUEST.RATE_LIMITED': { status: 429, message: '请求过于频繁，请稍后再试', fix: '按响应头 Retry-After 所示的秒数等待后再提交' },
  'AUTH.UNAUTHENTICATED': { status: 401, message: '请先登录', fix: '登录后再操作' },
  'AUTH.BAD_CREDENTIALS': { status: 401, message: '用户名或密码错误', fix: '检查用户名和密码' },
  'AUTH.LOCKED': { status: 423, message: '登录失败次数过多，账号已临时锁定', fix: '稍后再试，或联系管理员解锁' },
  'AUTH.SESSION_EXPIRED': { status: 401, message: '会话已过期，请重新登录', fix: '重新登录' },
  'AUTH.PASSWORD_CHANGE_REQUIRED': { status: 403, message: '请先修改口令（首次登录、口令已重置或已过期）', fix: '在“修改口令”页设置新口令后再操作' },
  'AUTH.FORBIDDEN': { status: 403, message: '无权执行此操作', fix: '联系管理员分配相应角色' },
  'STORE.FOLDER_LOCKED': { status: 500, message: '数据目录已被另一个政通进程占用', fix: '先停止另一个进程，或用 ZHENGTONG_DATA_DIR 指定其他目录' },
  'STORE.UNAVAILABLE': { status: 503, message: '数据库暂时不可用（连接中断或正在切换主库），本次操作未确认，请稍后重试', fix: '按响应头 Retry-After 所示的秒数等待后重试；重试时带同一 Idempotency-Key，或先查询该对象确认是否已办理' },
  'SERVER.UNAVAILABLE': { status: 503, message: '服务节点暂时不可用，本次操作未确认，请稍后重试', fix: '由负载均衡（deploy/nginx）在没有可用节点或节点中途退出时返回；按 Retry-After 等待后重试，先查询该对象确认是否已办理' },
  'SERVER.BUSY': { status: 503, message: '检索等耗时查询较多，系统正在排队处理，请稍后重试', fix: '按响应头 Retry-After 所示的秒数等待后重试；检索时增加检索词或筛选条件可更快得到结果' },
  'PACK.INVALID': { status: 500, message: '规则包格式错误', fix: '按错误中指出的文件和字段修正规则包' },
  'PACK.NO_RULE_IN_FORCE': { status: 422, message: '该日期没有生效的规则', fix: '检查日期，或加载相应时期的规则包' },
  'INTERNAL': { status: 500, message: '系统内部错误，请联系管理员', fix: '查看服务器日志' },
});
