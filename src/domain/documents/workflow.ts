// The steps of the incoming flow (《党政机关公文处理工作条例》第二十四条 and 第六十二条–第六十九条) and of the
// outgoing flow (第七十条–第七十二条; 条例 第二十二条–第二十三条): which action is allowed in which state.
import type { Violation } from '../shared/violation.ts';
import { STATE_LABELS, type DocState, type Flow } from './model.ts';

export const INCOMING_ACTIONS = {
  register: ['received'],
  intakePass: ['registered'],
  intakeReturn: ['registered'],
  propose: ['reviewed'],
  instruct: ['instructing'],
  report: ['handling'],
  chase: ['handling', 'instructing'],
  close: ['handling'],
} as const satisfies Record<string, readonly DocState[]>;

export const OUTGOING_ACTIONS = {
  edit: ['drafting', 'countersigning', 'reviewing', 'signing', 'signed', 'checked'],
  submit: ['drafting'],
  finishCountersign: ['countersigning'],
  review: ['reviewing'],
  sign: ['signing'],
  check: ['signed'],
  number: ['checked'],
  voidNumber: ['numbered'],
  issue: ['numbered'],
  distribute: ['issued'],
} as const satisfies Record<string, readonly DocState[]>;

export type IncomingAction = keyof typeof INCOMING_ACTIONS;
export type OutgoingAction = keyof typeof OUTGOING_ACTIONS;

const ACTION_LABELS: Record<string, string> = {
  register: '登记', intakePass: '初审通过', intakeReturn: '初审退回', propose: '拟办', instruct: '批办', report: '承办报告',
  chase: '催办', close: '办结', edit: '修改', submit: '送会签/核稿', finishCountersign: '完成会签', review: '核稿', sign: '签发',
  check: '复核', number: '编号', voidNumber: '作废文号', issue: '印发', distribute: '分发',
};

export function transitionViolations(flow: Flow, state: DocState, action: string): Violation[] {
  const table: Record<string, readonly string[]> = flow === 'incoming' ? INCOMING_ACTIONS : OUTGOING_ACTIONS;
  const allowed = table[action];
  if (!allowed) return [{ code: 'DOC.WRONG_STATE', message: `${flow === 'incoming' ? '收文' : '发文'}没有“${action}”这一步骤` }];
  if (allowed.includes(state)) return [];
  return [{
    code: 'DOC.WRONG_STATE',
    message: `公文当前状态为“${STATE_LABELS[state]}”，不能${ACTION_LABELS[action] ?? action}（该步骤只能在${allowed.map((s) => `“${STATE_LABELS[s as DocState]}”`).join('、')}时进行）`,
    details: { state, action },
  }];
}
