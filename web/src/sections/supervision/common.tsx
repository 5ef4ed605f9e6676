import { Button, Tag, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { articleLabel } from '../../lib/api.ts';
import { formatTime } from '../../lib/time.ts';

export const STATE_COLOR: Record<string, string> = { on_time: 'green', due_soon: 'orange', overdue: 'red', calendar_unknown: 'purple', closed: 'default' };
export const STATE_LABEL: Record<string, string> = { on_time: '按期', due_soon: '即将到期', overdue: '已逾期', calendar_unknown: '日历未知', closed: '已办结' };
export const MARKER_COLOR: Record<string, string> = { 本人: 'default', AB岗代理: 'gold', 受市长委托: 'magenta', 待本人返回: 'orange', 需明确: 'red' };

/** Downloads a 台账 (Excel) through the API. */
export function ExportButton({ href, label = '导出台账（Excel）' }: { href: string; label?: string }) {
  return <Button icon={<DownloadOutlined />} href={`/api/v1${href}`} data-testid="export">{label}</Button>;
}

/** Who handles a post today: the person and how (本人 / AB岗代理 / 受市长委托 / 待本人返回), with the article and our reading. */
export function HandlerTag({ h }: { h: any }) {
  if (!h) return <span>—</span>;
  const tip = [h.reason, h.article ? `依据${articleLabel(h.article)}` : null, h.interpretation].filter(Boolean).join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tip}</span>}>
      <span data-testid="handler">
        {h.personName || '—'} <Tag color={MARKER_COLOR[h.marker] ?? 'default'}>{h.marker}{h.interpretation ? '（本平台理解）' : ''}</Tag>
      </span>
    </Tooltip>
  );
}

export const todayIso = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
export const fmtTime = (iso: string) => formatTime(iso);
