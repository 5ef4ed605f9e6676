// 政务公开 (staff): disclosure requests with every statutory step, proactive publication limits, the
// published items with their status and interpretations, issued documents' 公开属性, emergency releases
// and the annual report data. Errors show every violated rule with its article.
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { DocumentDisclosures, EmergencyForms, PublishedItems } from './PublishForms.tsx';

const STATE_COLOR: Record<string, string> = { pending: 'blue', due_soon: 'orange', overdue: 'red', published_on_time: 'green', published_late: 'volcano', calendar_unknown: 'default' };
const STATE_LABEL: Record<string, string> = { pending: '待公开', due_soon: '即将到期', overdue: '逾期未公开', published_on_time: '按期公开', published_late: '逾期公开', calendar_unknown: '日历未知' };
const ANSWER_TYPES = [
  ['alreadyPublic', '已主动公开，告知获取方式和途径'], ['disclosed', '予以公开（可部分公开）'], ['withheld', '不予公开'], ['notExist', '经检索没有所申请公开的信息'],
  ['notResponsible', '不属于本机关负责公开'], ['repeated', '重复申请，不予重复处理'], ['specialLaw', '有关法律法规对信息获取有特别规定'],
];

function RequestDetail({ id, onChange }: { id: string; onChange: () => void }) {
  const [d, setD] = useState<any>();
  const [err, setErr] = useState<unknown>();
  const load = useCallback(() => get(`/openness/requests/${id}`).then(setD), [id]);
  useEffect(() => { load(); }, [load]);
  if (!d) return null;
  const act = async (path: string, body: object) => {
    setErr(undefined);
    try { await post(`/openness/requests/${id}/${path}`, { ...body, version: d.version }); await load(); onChange(); } catch (e) { setErr(e); }
  };
  const open = d.status !== 'answered';
  return (
    <Card title={`申请 ${d.receiptNo}`} data-testid="request-detail">
      <ErrorAlert error={err} />
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="申请人">{d.requester.name}（{d.requester.kind}）</Descriptions.Item>
        <Descriptions.Item label="联系方式">{[d.requester.contact.phone, d.requester.contact.email, d.requester.contact.address].filter(Boolean).join('；')}</Descriptions.Item>
        <Descriptions.Item label="所需信息" span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{d.description}</span></Descriptions.Item>
        <Descriptions.Item label="状态"><span data-testid="request-status">{d.statusLabel}</span></Descriptions.Item>
        <Descriptions.Item label="补正告知期限">{d.limits.clarifyBy.date}</Descriptions.Item>
        <Descriptions.Item label="答复期限" span={2}><span data-testid="request-due">{d.limits.due ?? '待补正（期限未起算）'}</span>　{d.limits.dueLabel} {d.limits.overdue && <Tag color="red">已逾期</Tag>}</Descriptions.Item>
      </Descriptions>
      <Timeline style={{ marginTop: 16 }} items={d.events.map((e: any) => ({ children: `${e.on} ${e.note}` }))} />
      {open && (
        <Tabs items={[
          { key: 'answer', label: '答复', children: (
            <Form layout="vertical" onFinish={(v) => act('answer', { type: v.type, content: v.content ?? '', reason: v.reason || undefined, document: v.document || undefined, redactions: v.redactText ? [{ text: v.redactText, reason: v.redactReason ?? '' }] : undefined })}>
              <Form.Item name="type" label="答复类型（《政府信息公开条例》第三十六条）"><Select data-testid="answer-type" options={ANSWER_TYPES.map(([value, label]) => ({ value, label }))} /></Form.Item>
              <Form.Item name="content" label="告知内容"><Input.TextArea data-testid="answer-content" rows={2} /></Form.Item>
              <Form.Item name="reason" label="理由或依据"><Input /></Form.Item>
              <Form.Item name="document" label="公开的信息内容（予以公开时）"><Input.TextArea data-testid="answer-document" rows={3} /></Form.Item>
              <Space>
                <Form.Item name="redactText" label="不予公开的部分（遮盖）"><Input data-testid="answer-redact" /></Form.Item>
                <Form.Item name="redactReason" label="遮盖理由（第三十七条）"><Input data-testid="answer-redact-reason" /></Form.Item>
              </Space>
              <div><Button type="primary" htmlType="submit" data-testid="answer-submit">答复</Button></div>
            </Form>
          ) },
          { key: 'clarify', label: '告知补正', children: (
            <Form layout="inline" onFinish={(v) => act('clarification', { items: v.items ?? '' })}>
              <Form.Item name="items" label="补正事项"><Input style={{ width: 360 }} /></Form.Item><Button htmlType="submit">一次性告知</Button>
            </Form>
          ) },
          { key: 'supplement', label: '登记补正', children: (
            <Form layout="inline" onFinish={(v) => act('supplement', { content: v.content ?? '' })}>
              <Form.Item name="content" label="补正内容"><Input style={{ width: 360 }} /></Form.Item><Button htmlType="submit">登记</Button>
            </Form>
          ) },
          { key: 'consult', label: '征求第三方意见', children: (
            <Space direction="vertical">
              <Form layout="inline" onFinish={(v) => act('consultation', { thirdParty: v.thirdParty ?? '' })}>
                <Form.Item name="thirdParty" label="第三方"><Input /></Form.Item><Button htmlType="submit">开始征求（不计入期限）</Button>
              </Form>
              <Form layout="inline" onFinish={(v) => act('consultation/end', { opinion: v.opinion ?? '' })}>
                <Form.Item name="opinion" label="第三方意见"><Input /></Form.Item><Button htmlType="submit">登记意见</Button>
              </Form>
            </Space>
          ) },
          { key: 'extend', label: '延长期限', children: (
            <Form layout="inline" onFinish={(v) => act('extension', { approvedBy: v.approvedBy ?? '', reason: v.reason ?? '' })}>
              <Form.Item name="approvedBy" label="批准人"><Input /></Form.Item>
              <Form.Item name="reason" label="理由"><Input /></Form.Item>
              <Button htmlType="submit">延长20个工作日（限一次）</Button>
            </Form>
          ) },
        ]} />
      )}
      {d.answer && <Card size="small" title={`已答复：${d.answer.typeLabel}${d.answer.partial ? '（部分公开）' : ''}${d.answer.late ? ' · 逾期' : ''}`}><p>{d.answer.content}</p>{d.answer.released && <pre style={{ whiteSpace: 'pre-wrap' }}>{d.answer.released}</pre>}</Card>}
    </Card>
  );
}

function Requests() {
  const [rows, setRows] = useState<any[]>([]);
  const [sel, setSel] = useState<string | null>(null);
  const [requester, setRequester] = useState('');
  const load = useCallback(() => get(`/openness/requests${requester ? `?requester=${encodeURIComponent(requester)}` : ''}`).then((r) => setRows(r.requests)), [requester]);
  useEffect(() => { load(); }, [load]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {/* applicants' names are stored encrypted (SM4); they are found by the exact full name only */}
      <Input.Search allowClear style={{ width: 320 }} placeholder="按申请人姓名或名称查找（须完整填写）" data-testid="requests-requester"
        onSearch={(v) => setRequester(v.trim())} />
      <Table rowKey="id" size="small" dataSource={rows} data-testid="requests-table" onRow={(r) => ({ onClick: () => setSel(r.id), style: { cursor: 'pointer' } })} columns={[
        { title: '受理编号', dataIndex: 'receiptNo' },
        { title: '申请人', dataIndex: 'requesterName' },
        { title: '所需信息', dataIndex: 'description', ellipsis: true },
        { title: '收到', dataIndex: 'receivedOn' },
        { title: '答复期限', render: (_, r) => <>{r.due ?? '待补正'} {r.overdue && <Tag color="red">逾期</Tag>}</> },
        { title: '状态', render: (_, r) => <Tag>{r.statusLabel}</Tag> },
      ]} />
      {sel && <RequestDetail key={sel} id={sel} onChange={load} />}
    </Space>
  );
}

function Obligations() {
  const [rows, setRows] = useState<any[]>([]);
  useEffect(() => { get('/openness/obligations').then((r) => setRows(r.obligations)); }, []);
  return <Table rowKey="id" size="small" dataSource={rows} data-testid="obligations-table" columns={[
    { title: '文件', dataIndex: 'title' }, { title: '发文字号', dataIndex: 'docNumber' }, { title: '印发日期', dataIndex: 'issuedOn' },
    { title: '公开期限（20个工作日）', dataIndex: 'due' }, { title: '公开日期', dataIndex: 'publishedOn' },
    { title: '状态', render: (_, r) => <Tag color={STATE_COLOR[r.state]}>{STATE_LABEL[r.state] ?? r.state}</Tag> },
  ]} />;
}

function Report() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [d, setD] = useState<any>();
  useEffect(() => { get(`/openness/report/${year}`).then(setD); }, [year]);
  return (
    <Card title={<Space>年度报告数据（《政府信息公开条例》第五十条）<Input type="number" style={{ width: 100 }} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} /></Space>}>
      {d && <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="主动公开">{d.proactive.total}（按期 {d.proactive.onTime}，逾期 {d.proactive.late}）</Descriptions.Item>
        <Descriptions.Item label="收到申请">{d.requests.received}（上年结转 {d.requests.carriedOver}）</Descriptions.Item>
        <Descriptions.Item label="已答复">{d.requests.answered}（按期 {d.requests.onTime}，逾期 {d.requests.late}，部分公开 {d.requests.partial}）</Descriptions.Item>
        <Descriptions.Item label="办理中">{d.requests.pending}</Descriptions.Item>
        {d.requests.byAnswerType.map((t: any) => <Descriptions.Item key={t.type} label={t.label}>{t.count}</Descriptions.Item>)}
      </Descriptions>}
    </Card>
  );
}

export function OpennessPage() {
  return (
    <div data-testid="openness-page">
      <Typography.Title level={4}>政务公开 <Typography.Link href="/portal" target="_blank" style={{ fontSize: 14 }}>打开公开门户</Typography.Link></Typography.Title>
      <Tabs items={[
        { key: 'requests', label: '依申请公开', children: <Requests /> },
        { key: 'obligations', label: '主动公开时限', children: <Obligations /> },
        { key: 'published', label: '已公开信息', children: <PublishedItems /> },
        { key: 'disclosures', label: '公文公开属性', children: <DocumentDisclosures /> },
        { key: 'emergencies', label: '突发事件信息发布', children: <EmergencyForms /> },
        { key: 'report', label: '年度报告', children: <Report /> },
      ]} />
    </div>
  );
}
