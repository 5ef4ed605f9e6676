// Labels the documents pages share (the API keeps the Chinese values of the pack; states are codes).
export const STATE_LABELS: Record<string, string> = {
  received: '已签收', registered: '已登记', reviewed: '初审通过', proposed: '已拟办', instructing: '批办中',
  handling: '承办中', closed: '已办结', returned: '已退回',
  drafting: '拟稿', countersigning: '会签中', reviewing: '核稿', signing: '待签发', signed: '已签发',
  checked: '已复核', numbered: '已编号', issued: '已印发', distributed: '已分发', withdrawn: '已撤回',
};
export const INCOMING_STATES = ['received', 'registered', 'returned', 'reviewed', 'instructing', 'handling', 'closed'];
export const OUTGOING_STATES = ['drafting', 'countersigning', 'reviewing', 'signing', 'signed', 'checked', 'numbered', 'issued', 'distributed'];
export const STATE_COLORS: Record<string, string> = { closed: 'green', distributed: 'green', issued: 'green', returned: 'red', handling: 'blue', instructing: 'purple', signing: 'purple' };
export const DOC_TYPES = ['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'];
export const URGENCY: Record<string, string> = { normal: '平件', urgent: '加急', extra_urgent: '特急' };
export const DIRECTION: Record<string, string> = { upward: '上行文', parallel: '平行文', downward: '下行文' };
export const TIME_LIMITS: Record<string, string> = {
  withinPowers: '职权范围内事项办结（3个工作日）',
  departmentOpinion: '需市政府审批事项提出部门意见（3个工作日）',
  jointOpinion: '主办部门会同相关部门提出意见（5个工作日）',
  investigationResult: '需调查论证事项报告结果（30个工作日，先说明办理情况）',
  urgent: '紧急公文（市政府明确的时限）',
};
export const INSTRUCTION_SOURCES: Record<string, string> = {
  none: '无上级领导批示', central_important: '党中央、国务院领导重要批示', central: '党中央、国务院领导一般批示', provincial: '省委、省政府领导批示',
};
export const DISCLOSURE = ['主动公开', '依申请公开', '不予公开'];
