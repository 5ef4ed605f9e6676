import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { Link, Route, Routes } from 'react-router-dom';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { formatTime } from '../../lib/time.ts';
import { PreferencesPage } from './PreferencesPage.tsx';

const STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待发', color: 'gold' }, sent: { label: '已发送', color: 'green' }, failed: { label: '失败', color: 'red' },
};
const CHANNEL: Record<string, string> = { mail: '邮件', dingtalk: '钉钉', wecom: '企业微信' };

export function NotificationsPage() {
  return (
    <Routes>
      <Route path="/" element={<Inbox />} />
      <Route path="/preferences" element={<PreferencesPage />} />
    </Routes>
  );
}

/** 消息: the person's inbox — unread or all, by kind, mark read; the list follows the live count. */
function Inbox() {
  const [filter, setFilter] = useState<'unread' | 'all'>('unread');
  const [kind, setKind] = useState<string | undefined>();
  const [kinds, setKinds] = useState<{ kind: string; label: string }[]>([]);
  const [items, setItems] = useState<any[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback((before?: string) => {
    const q = new URLSearchParams({ filter, limit: '30', ...(kind ? { kind } : {}), ...(before ? { before } : {}) });
    get(`/notifications?${q}`).then((r) => { setItems((old) => (before ? [...old, ...r.items] : r.items)); setNext(r.next); setError(null); }, setError);
  }, [filter, kind]);
  useEffect(() => { load(); }, [load]);
  useEffect(() => { get('/notifications/preferences').then((r) => setKinds(r.kinds), () => {}); }, []);
  useEffect(() => {
    const h = () => load();
    window.addEventListener('zt:unread', h);
    return () => window.removeEventListener('zt:unread', h);
  }, [load]);
  const read = async (id: string) => { try { await post(`/notifications/${id}/read`); load(); } catch (e) { setError(e); } };
  const readAll = async () => { try { await post('/notifications/read-all', { upTo: items[0]?.createdAt ?? new Date().toISOString(), ...(kind ? { kind } : {}) }); load(); } catch (e) { setError(e); } };

  return (
    <Card
      title="消息"
      extra={<Space wrap><Link to="/notifications/preferences">消息设置</Link><Button size="small" onClick={readAll} data-testid="read-all">全部标为已读</Button></Space>}
    >
      <ErrorAlert error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={filter} onChange={(v) => setFilter(v as any)} options={[{ label: '未读', value: 'unread' }, { label: '全部', value: 'all' }]} data-testid="filter" />
        <Select allowClear placeholder="按类型筛选" style={{ minWidth: 160 }} value={kind} onChange={setKind}
          options={kinds.map((k) => ({ value: k.kind, label: k.label }))} data-testid="kind-filter" />
      </Space>
      {items.length === 0 ? <Empty description={filter === 'unread' ? '没有未读消息' : '没有消息'} /> : (
        <List
          dataSource={items}
          data-testid="inbox"
          renderItem={(n: any) => (
            <List.Item
              data-testid={`notification-${n.id}`}
              actions={n.readAt ? [] : [<Button key="r" size="small" type="link" onClick={() => read(n.id)}>标为已读</Button>]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag color={n.readAt ? 'default' : 'red'}>{n.kindLabel}</Tag>
                    <Link to={n.link} onClick={() => !n.readAt && read(n.id)} style={{ fontWeight: n.readAt ? 'normal' : 600 }}>{n.title}</Link>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    {n.body && <Typography.Text>{n.body}</Typography.Text>}
                    <Typography.Text type="secondary">
                      {formatTime(n.createdAt)} · 依据{articleLabel(n.article)}{n.actingFor ? ` · ${n.actingFor}` : ''}
                      {n.deliveries.map((d: any) => ` · ${CHANNEL[d.channel] ?? d.channel}${STATUS[d.status]?.label ?? d.status}`).join('')}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {next && <Button block style={{ marginTop: 12 }} onClick={() => load(next)}>更早的消息</Button>}
    </Card>
  );
}

export { STATUS as DELIVERY_STATUS, CHANNEL as CHANNEL_LABELS };
