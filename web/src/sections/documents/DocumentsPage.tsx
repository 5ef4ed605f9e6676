import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { DOC_TYPES, INCOMING_STATES, OUTGOING_STATES, STATE_COLORS, STATE_LABELS, URGENCY } from './labels.ts';
import { DocumentPage } from './DocumentPage.tsx';
import { NewIncoming } from './NewIncoming.tsx';
import { NewOutgoing } from './NewOutgoing.tsx';
import { formatTime } from '../../lib/time.ts';

// 公文: the incoming and outgoing registers (收文、发文登记簿) with filters, the 登记 and 拟稿 forms, and one
// document with its full trail.
export function DocumentsPage() {
  return (
    <Routes>
      <Route path="/" element={<Registers />} />
      <Route path="/new-incoming" element={<NewIncoming />} />
      <Route path="/new-outgoing" element={<NewOutgoing />} />
      <Route path="/:id" element={<DocumentPage />} />
    </Routes>
  );
}

function Registers() {
  const [flow, setFlow] = useState<'incoming' | 'outgoing' | 'exchange'>('incoming');
  const navigate = useNavigate();
  return (
    <div data-testid="documents-page">
      <Space style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>公文</Typography.Title>
        <Button type="primary" onClick={() => navigate('/documents/new-incoming')} data-testid="new-incoming">收文登记</Button>
        <Button onClick={() => navigate('/documents/new-outgoing')} data-testid="new-outgoing">拟稿</Button>
      </Space>
      <Tabs activeKey={flow} onChange={(k) => setFlow(k as any)} items={[
        { key: 'incoming', label: '收文登记簿', children: <Register flow="incoming" /> },
        { key: 'outgoing', label: '发文登记簿', children: <Register flow="outgoing" /> },
        { key: 'exchange', label: '签收队列（公文交换）', children: <ExchangeQueue /> },
      ]} />
    </div>
  );
}

function Register({ flow }: { flow: 'incoming' | 'outgoing' }) {
  const [state, setState] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [docType, setDocType] = useState<string | undefined>();
  const [paging, setPaging] = useState({ current: 1, pageSize: 20 });
  const [data, setData] = useState<{ rows: any[]; total: number; totalCapped?: boolean }>({ rows: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // a new filter starts again at the first page
  const filter = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPaging((p) => ({ ...p, current: 1 })); };
  const load = useCallback(() => {
    const qs = new URLSearchParams({ flow, ...(state ? { state } : {}), ...(q ? { q } : {}), ...(docType ? { docType } : {}),
      offset: String((paging.current - 1) * paging.pageSize), limit: String(paging.pageSize) });
    setLoading(true);
    get(`/documents?${qs}`).then((r) => { setData({ rows: r.documents, total: r.total, totalCapped: r.totalCapped }); setError(null); }, setError).finally(() => setLoading(false));
  }, [flow, state, q, docType, paging]);
  useEffect(load, [load]);
  const states = flow === 'incoming' ? INCOMING_STATES : OUTGOING_STATES;
  return (
    <div data-testid={`register-${flow}`}>
      <ErrorAlert error={error} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder="状态" style={{ width: 140 }} value={state} onChange={filter(setState)} options={states.map((s) => ({ value: s, label: STATE_LABELS[s] }))} data-testid="filter-state" />
        <Select allowClear placeholder="文种" style={{ width: 120 }} value={docType} onChange={filter(setDocType)}
          options={DOC_TYPES.map((t) => ({ value: t, label: t }))} />
        <Input.Search placeholder="标题、文号、来文单位" allowClear onSearch={filter(setQ)} style={{ width: 280 }} data-testid="filter-q" />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data.rows}
        pagination={{ current: paging.current, pageSize: paging.pageSize, total: data.total, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
          // a register of more than REGISTER_COUNT_CAP documents is counted up to it
          showTotal: (n: number) => (data.totalCapped ? `约 ${n.toLocaleString('en')}+ 份，可按状态、文种或标题缩小范围` : `共 ${n} 份`), onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
        columns={[
          { title: flow === 'incoming' ? '收文号' : '发文字号', render: (_: unknown, r: any) => (flow === 'incoming' ? r.registration_no : r.doc_number) ?? '—', width: 150 },
          { title: '文种', dataIndex: 'doc_type', width: 70 },
          { title: '标题', render: (_: unknown, r: any) => <Link to={`/documents/${r.id}`}>{r.title}</Link> },
          ...(flow === 'incoming' ? [
            { title: '来文单位', dataIndex: 'issuer_name', width: 170,
              render: (v: string, r: any) => <>{v} {r.exchange_sender_tenant ? <Tag color="blue">公文交换</Tag> : null}</> },
            { title: '来文字号', dataIndex: 'source_doc_number', width: 140 },
          ] : [
            { title: '公开属性', dataIndex: 'disclosure', width: 100, render: (v: string | null) => v ?? <Tag color="red">未确定</Tag> },
            { title: '公文交换', width: 200, render: (_: unknown, r: any) => (r.exchange?.length
              ? r.exchange.map((x: any) => <Tag key={x.receiver} color={EXCHANGE_COLORS[x.status]} data-testid="exchange-status">{x.receiver}：{x.status}</Tag>) : '—') },
          ]),
          { title: '紧急程度', dataIndex: 'urgency', width: 80, render: (u: string) => (u === 'normal' ? '—' : <Tag color="red">{URGENCY[u]}</Tag>) },
          { title: '状态', dataIndex: 'state', width: 90, render: (s: string) => <Tag color={STATE_COLORS[s]}>{STATE_LABELS[s] ?? s}</Tag> },
          ...(flow === 'incoming' ? [{ title: '承办时限', width: 300, render: (_: unknown, r: any) => (r.deadline && !r.deadline.done ? <DeadlineTag due={r.deadline.due} state={r.deadline.state} article={73} /> : '—') }] : []),
        ]}
      />
    </div>
  );
}

const EXCHANGE_COLORS: Record<string, string> = { 待送达: 'default', 已送达: 'processing', 已签收: 'success', 退文: 'warning', 拒收: 'error' };

/** 签收队列: documents that came from other governments by 公文交换, signed for here (签收回执 goes back). */
function ExchangeQueue() {
  const [rows, setRows] = useState<any[]>([]);
  const [state, setState] = useState<string>('pending');
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const load = useCallback(() => {
    get(`/exchange/inbox?state=${state}`).then((r) => { setRows(r.items); setError(null); }, setError);
  }, [state]);
  useEffect(load, [load]);
  const sign = async (packageId: string) => {
    try {
      const r = await post(`/exchange/inbox/${packageId}/sign`, {});
      navigate(`/documents/${r.documentId}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div data-testid="exchange-queue">
      <ErrorAlert error={error} />
      <Select style={{ width: 140, marginBottom: 12 }} value={state} onChange={setState}
        options={[{ value: 'pending', label: '待签收' }, { value: 'signed', label: '已签收' }, { value: 'refused', label: '已拒收' }]} />
      <Table rowKey="packageId" size="small" dataSource={rows} pagination={false} columns={[
        { title: '来文机关', render: (_: unknown, r: any) => <>{r.sender.organ} <Tag color="blue">其他政府</Tag></> , width: 220 },
        { title: '发文字号', dataIndex: 'docNumber', width: 160 },
        { title: '文种', dataIndex: 'docType', width: 70 },
        { title: '标题', dataIndex: 'title' },
        { title: '紧急程度', dataIndex: 'urgency', width: 80, render: (u: string) => (!u || u === 'normal' ? '—' : <Tag color="red">{URGENCY[u]}</Tag>) },
        { title: '送达时间', dataIndex: 'arrivedAt', width: 160, render: (v: string) => formatTime(v) },
        { title: '', width: 120, render: (_: unknown, r: any) => (r.state === 'pending'
          ? <Button size="small" type="primary" onClick={() => sign(r.packageId)} data-testid="exchange-sign">签收</Button>
          : r.state === 'signed' ? <Link to={`/documents/${r.documentId}`}>查看收文</Link>
          : <Tag color="error" title={(r.refusal ?? []).map((v: any) => v.message).join('；')}>拒收</Tag>) },
      ]} />
    </div>
  );
}
