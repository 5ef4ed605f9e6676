import { useEffect, useState } from 'react';
import { Card, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { articleLabel, get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { formatTime } from '../../lib/time.ts';
import { CHANNEL_LABELS, DELIVERY_STATUS } from './NotificationsPage.tsx';

/** 消息投递: what went out by mail, 钉钉 and 企业微信, what waits and what failed, and why. */
export function DeliveriesPage() {
  const [status, setStatus] = useState<string>('all');
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get(`/notifications/deliveries${status === 'all' ? '' : `?status=${status}`}`).then(setData, setError);
  }, [status]);
  return (
    <Card title="消息投递">
      <ErrorAlert error={error} />
      {data && (
        <Space size="large" wrap style={{ marginBottom: 12 }}>
          <Statistic title="待发" value={data.counts.pending} />
          <Statistic title="已发送" value={data.counts.sent} />
          <Statistic title="失败" value={data.counts.failed} valueStyle={{ color: data.counts.failed ? '#cf1322' : undefined }} />
        </Space>
      )}
      <div style={{ marginBottom: 12 }}>
        <Segmented value={status} onChange={(v) => setStatus(String(v))}
          options={[{ label: '全部', value: 'all' }, { label: '待发', value: 'pending' }, { label: '已发送', value: 'sent' }, { label: '失败', value: 'failed' }]} />
      </div>
      <Table
        size="small" rowKey={(r: any) => `${r.notificationId}-${r.channel}`} scroll={{ x: true }}
        dataSource={data?.items ?? []} data-testid="deliveries"
        columns={[
          { title: '时间', dataIndex: 'createdAt', render: formatTime },
          { title: '渠道', dataIndex: 'channel', render: (c: string) => CHANNEL_LABELS[c] ?? c },
          { title: '类型', dataIndex: 'kindLabel' },
          { title: '标题', dataIndex: 'title' },
          { title: '依据', dataIndex: 'article', render: (a: number) => articleLabel(a) },
          { title: '状态', dataIndex: 'status', render: (s: string, r: any) => <Tag color={DELIVERY_STATUS[s]?.color}>{DELIVERY_STATUS[s]?.label ?? s}{r.held ? '（免打扰后发送）' : ''}</Tag> },
          { title: '尝试', dataIndex: 'attempts' },
          { title: '发送时间 / 下次尝试', render: (_: unknown, r: any) => formatTime(r.sentAt ?? r.nextAttemptAt) },
          { title: '原因', dataIndex: 'lastError' },
        ]}
      />
    </Card>
  );
}
