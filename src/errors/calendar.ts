import { defineErrors } from './types.ts';

// Errors of the calendar context: holiday arrangements, working-day arithmetic, deadlines, timers.
// Retired codes are never reused.
export const calendarErrors = defineErrors({
  'CALENDAR.INVALID_DATE': { status: 400, message: '日期无效', fix: '使用真实存在的日期，格式 YYYY-MM-DD（如 2026-02-28）' },
  'CALENDAR.INVALID_COUNT': { status: 400, message: '天数无效', fix: '天数应为整数，单位为 workday（工作日）或 day（自然日）' },
  'CALENDAR.INVALID_UNIT': { status: 400, message: '时限单位无效', fix: '单位只能是 workday（工作日）或 day（自然日）' },
  'CALENDAR.OUT_OF_RANGE': { status: 422, message: '日期超出日历支持的范围', fix: '检查日期的年份；日历支持的年份范围见错误详情' },
  'CALENDAR.ARRANGEMENT_INVALID': { status: 422, message: '节假日安排格式错误', fix: '按 violations 中指出的字段修正节假日安排文件' },
  'CALENDAR.NOTICE_MISSING': { status: 422, message: '节假日安排未注明所依据的国务院办公厅通知', fix: '填写通知标题、文号（如 国办发明电〔2025〕7号）和日期' },
  'CALENDAR.DATE_OUTSIDE_YEAR': { status: 422, message: '节假日安排中的日期不属于该年度', fix: '核对通知原文中的年月日；只有跨年的元旦等可涉及相邻年份' },
  'CALENDAR.RANGE_REVERSED': { status: 422, message: '放假区间的结束日早于开始日', fix: '核对通知原文，交换或改正起止日期' },
  'CALENDAR.MAKEUP_NOT_WEEKEND': { status: 422, message: '调休上班日不是周末', fix: '调休上班日只能是周六或周日，核对通知原文' },
  'CALENDAR.DAY_BOTH_OFF_AND_WORKING': { status: 422, message: '同一天既是放假日又是调休上班日', fix: '核对通知原文，一天只能是放假日或上班日之一' },
  'CALENDAR.DAY_LISTED_TWICE': { status: 422, message: '同一天被重复列出', fix: '删除重复的日期' },
  'CALENDAR.YEAR_DUPLICATE': { status: 409, message: '该年度的节假日安排已存在', fix: '已加载的年度不能重复加载；如通知有更正，请以更正通知导入并说明理由' },
  'CALENDAR.YEAR_UNKNOWN': { status: 422, message: '该年度的节假日安排尚未加载，期限按普通周末推算，仅供参考', fix: '管理员导入该年度国务院办公厅节假日安排通知后，期限将自动重算' },
  'CALENDAR.DEADLINE_RULE_INVALID': { status: 500, message: '规则包中的期限规则不完整', fix: '规则包中的期限规则须有 duration {value, unit} 和 from 参数' },
  'CALENDAR.OVERRIDE_NOT_ALLOWED': { status: 422, message: '该时限不允许变更', fix: '只有条文允许的情形（如第六十六条“除主办部门另有时限要求外”、第七十三条紧急公文、法律法规另有规定）才能变更时限' },
  'CALENDAR.OVERRIDE_INCOMPLETE': { status: 400, message: '变更时限须写明变更人和理由', fix: '填写变更人（by）、理由（reason）以及新的时限或截止日期' },
  'CALENDAR.CONVENTIONS_MISSING': { status: 500, message: '规则包未给出期限计算规则（起算、届满、顺延）', fix: '在规则包 pack.yaml 的 conventions 中写明期限计算规则及其依据' },
  'TIMER.KIND_UNKNOWN': { status: 500, message: '未注册的定时任务类型', fix: '在启动时注册该定时任务类型的处理程序' },
});
