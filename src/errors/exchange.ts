import { defineErrors } from './types.ts';

// 公文交换 between governments (第七十五条 电子公文传输): a package that cannot be read, does not match its
// SM3 digests, or breaks a rule a sent document must keep is refused with every reason at once. The
// package format is docs/exchange.md. Retired codes are never reused.
export const exchangeErrors = defineErrors({
  'EXCHANGE.MALFORMED': { status: 400, message: '公文交换包格式不正确', fix: '按 docs/exchange.md 的封皮字段表检查交换包，violations 中逐项列出了不符合的字段' },
  'EXCHANGE.UNSUPPORTED_VERSION': { status: 400, message: '不支持的公文交换格式版本', fix: '按本系统支持的格式版本（zhengtong-exchange/1）重新生成交换包，或升级接收系统' },
  'EXCHANGE.TAMPERED': { status: 422, message: '公文交换包摘要不符，内容可能在传输中被改动', fix: '不予签收；请发文机关重新发送，violations 中写明了摘要不符的部分' },
  'EXCHANGE.CLASSIFIED': { status: 422, message: '涉密公文不得通过公文交换传输', fix: '标注密级的公文请通过涉密渠道传递（保守国家秘密法第三十一条）', article: 82 },
  'EXCHANGE.SIGNER_MISSING': { status: 422, message: '上行文须标注签发人', fix: '在版头标注签发人姓名后重新发送（《党政机关公文处理工作条例》第九条）', article: 62 },
  'EXCHANGE.OFD_MISSING': { status: 422, message: '公文交换包须含且仅含一个版式文件（OFD）', fix: '将印发后的公文版式文件（OFD）作为交换包的版式部分一并发送' },
  'EXCHANGE.SAME_PARTY': { status: 422, message: '收件机关与发件机关相同', fix: '公文交换只在不同机关之间进行；本机关内部的公文按内部流转办理' },
  'EXCHANGE.MISADDRESSED': { status: 422, message: '交换包的收件机关不是本机关', fix: '不予签收；请发文机关核对收件机关后重新发送' },
  'EXCHANGE.RETURN_REASONS_MISSING': { status: 422, message: '退文须写明理由', fix: '列出初审发现的每一项问题及其依据条款，或写明退文理由', article: 62 },
  'EXCHANGE.RETURNED': { status: 422, message: '来文被退回', fix: '按退文理由逐项补正后重新报送', article: 62 },
  'EXCHANGE.REFUSED': { status: 422, message: '公文不能通过公文交换发送', fix: '逐项处理列出的问题后再分发' },
  'EXCHANGE.RECEIVER_SUSPENDED': { status: 409, message: '收件政府已停用，暂不能接收公文交换', fix: '改用其他渠道，或待平台管理员恢复该政府后再分发' },
  'EXCHANGE.PACKAGE_NOT_FOUND': { status: 404, message: '没有这个交换包', fix: '刷新签收队列后重试' },
  'EXCHANGE.ALREADY_SIGNED': { status: 409, message: '该交换包已签收或已拒收', fix: '到收文登记簿查看已签收的公文' },
});
