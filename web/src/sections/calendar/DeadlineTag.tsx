import { Tag, Tooltip } from 'antd';
import { deadlineState, DEADLINE_STATE_LABELS, type DeadlineState } from '../../../../src/domain/calendar/deadline.ts';

const COLORS: Record<DeadlineState, string> = {
  on_time: 'green',
  due_soon: 'orange',
  overdue: 'red',
  calendar_unknown: 'default',
};

export interface DeadlineLike {
  /** "2个工作日 · 第六十六条" */
  label: string;
  due: string;
  remindFrom?: string;
  unknownYears?: number[];
  override?: { by: string; reason: string } | null;
}

/**
 * A deadline where it shows: its rule ("2个工作日 · 第六十六条"), its due day and its state
 * (按期 / 即将到期 / 已逾期 / 日历未知). Give `state` as the server computed it, or `today` to compute it here.
 */
export function DeadlineTag({ deadline, today, state }: { deadline: DeadlineLike; today?: string; state?: DeadlineState }) {
  const unknown = deadline.unknownYears ?? [];
  const s: DeadlineState =
    state ??
    (today ? deadlineState({ due: deadline.due, remindFrom: deadline.remindFrom ?? deadline.due, unknownYears: unknown }, today) : unknown.length ? 'calendar_unknown' : 'on_time');
  const tip = [
    `期限：${deadline.due}${unknown.length ? '（暂定）' : ''}`,
    unknown.length ? `${unknown.join('、')} 年的节假日安排尚未加载，期限按普通周末推算；导入后自动重算` : null,
    deadline.override ? `已变更：${deadline.override.by}，${deadline.override.reason}` : null,
  ].filter(Boolean).join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tip}</span>}>
      <span data-testid="deadline-tag" data-state={s}>
        <Tag color="blue">{deadline.label}{deadline.override ? '（已变更）' : ''}</Tag>
        <Tag color={COLORS[s]}>{DEADLINE_STATE_LABELS[s]} · {deadline.due}</Tag>
      </span>
    </Tooltip>
  );
}
