// What 政通 tells people: one kind per event that gives someone work or a deadline. The article a
// notification cites is the event's own (the rule the emitting context applied, read from the pack);
// the catalogue below says what each kind is and which article it usually comes from, for the
// preferences form and docs/notifications.md.

export const NOTIFICATION_KINDS = [
  'assigned', // 承办: a document assigned to a unit for handling (第七十三条)
  'opinion_requested', // 征求意见 / 会签 asked of a unit (第六十六条)
  'reply_due', // a countersign's reply falls due on the next working day (第六十六条)
  'handling_due', // a 承办 limit falls due soon (第七十三条)
  'overdue', // a deadline passed without the item done
  'chased', // 催办: an overdue item chased (第七十三条, 第八十六条)
  'no_objection', // 无不同意见 recorded for a silent countersign (第六十六条)
  'returned', // a submission returned with its reasons (第六十二条)
  'meeting_notice', // a meeting notified to its members
  'meeting_changed', // a notified meeting changed or cancelled
  'leave_approved', // a leave (请假) from a meeting approved
  'escalated', // an item escalated to the leader in charge
  'disclosure_due', // a disclosure request's answer falls due (政府信息公开条例第三十三条)
  'standin', // a leader's trip makes someone the stand-in (第十一条 AB岗, 第十三条), or the return ends it
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const isNotificationKind = (k: string): k is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(k);

export interface KindSpec {
  /** Chinese label as shown in the inbox and the preferences form */
  label: string;
  /** what the recipient is asked to do (Chinese) */
  action: string;
  /** the context that emits it */
  source: 'documents' | 'supervision' | 'meetings' | 'openness' | 'leaders';
  /** where the article usually comes from (Chinese, for the docs: the number itself travels with each notification) */
  basis: string;
}

export const KIND_SPECS: Record<NotificationKind, KindSpec> = {
  assigned: { label: '承办', action: '请按时限办理', source: 'documents', basis: '第七十三条 办理时限' },
  opinion_requested: { label: '征求意见', action: '请在时限内回复意见', source: 'documents', basis: '第六十六条 征求意见或会签' },
  reply_due: { label: '回复即将到期', action: '回复时限将至，逾期视为无不同意见', source: 'documents', basis: '第六十六条' },
  handling_due: { label: '承办即将到期', action: '办理时限将至', source: 'documents', basis: '第七十三条' },
  overdue: { label: '已逾期', action: '时限已过，请尽快办理', source: 'documents', basis: '事项的时限条款' },
  chased: { label: '催办', action: '请尽快办结并报告', source: 'supervision', basis: '第七十三条、第八十六条' },
  no_objection: { label: '无不同意见', action: '逾期未回复已视为无不同意见', source: 'documents', basis: '第六十六条' },
  returned: { label: '退回', action: '请按退回理由补正后重新报送', source: 'documents', basis: '第六十二条' },
  meeting_notice: { label: '会议通知', action: '请按时参会', source: 'meetings', basis: '会议的议事规则' },
  meeting_changed: { label: '会议变更', action: '请留意会议的变更', source: 'meetings', basis: '会议的议事规则' },
  leave_approved: { label: '请假已批准', action: '请假已获批准', source: 'meetings', basis: '第五十七条 请假' },
  escalated: { label: '已报分管领导', action: '事项已报分管市领导', source: 'documents', basis: '第七十三条' },
  disclosure_due: { label: '依申请公开到期', action: '答复期限将至', source: 'openness', basis: '《政府信息公开条例》第三十三条' },
  standin: { label: '代理', action: '外出期间代为处理其工作', source: 'leaders', basis: '第十一条 AB岗、第十三条' },
};

/** The web inbox, mail, and the 钉钉 / 企业微信 group robots. */
export const CHANNELS = ['web', 'mail', 'dingtalk', 'wecom'] as const;
export type Channel = (typeof CHANNELS)[number];
export const EXTERNAL_CHANNELS: readonly Channel[] = ['mail', 'dingtalk', 'wecom'];
export const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

export const CHANNEL_LABELS: Record<Channel, string> = { web: '站内消息', mail: '电子邮件', dingtalk: '钉钉', wecom: '企业微信' };
