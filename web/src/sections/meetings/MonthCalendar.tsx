import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Calendar, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

// 会议日历（月视图）：每天的会议，按状态着色；已取消的会议保留并标明。

const BADGE: Record<string, 'processing' | 'success' | 'default' | 'error'> = { scheduled: 'processing', in_progress: 'success', ended: 'default', cancelled: 'error' };
const dayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });

export function MonthCalendar({ rows, today }: { rows: any[]; today: string | null }) {
  const [month, setMonth] = useState<Dayjs | null>(null);
  useEffect(() => { if (today && !month) setMonth(dayjs(today)); }, [today, month]);
  if (!month) return null;
  return (
    <div data-testid="month-calendar">
      <Calendar value={month} onPanelChange={(d) => setMonth(d)} onSelect={(d) => setMonth(d)}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const key = d.format('YYYY-MM-DD');
          return (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid={`day-${key}`}>
              {rows.filter((r) => dayOf(r.startsAt) === key).map((r) => (
                <li key={r.id}>
                  <Tooltip title={`${r.title} · ${r.hostName} 主持 · ${r.statusLabel}${r.cancelReason ? `（${r.cancelReason}）` : ''}`}>
                    <Link to={`/meetings/m/${r.id}`} style={{ textDecoration: r.status === 'cancelled' ? 'line-through' : undefined }}>
                      <Badge status={BADGE[r.status] ?? 'default'} text={`${timeOf(r.startsAt)} ${r.typeLabel.replace('市政府', '')}`} />
                    </Link>
                  </Tooltip>
                </li>
              ))}
            </ul>
          );
        }} />
    </div>
  );
}
