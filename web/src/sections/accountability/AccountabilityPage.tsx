import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { useUnits } from '../supervision/SupervisionPage.tsx';
import { todayIso } from '../supervision/common.tsx';

// 建议提案与监督：人大代表建议和政协提案（第四十四条）、行政应诉（第四十五条）、行政复议（第四十六条）、
// 社会和舆论监督（第四十七条）、信访（第四十八条、第四十九条）、应急预案（第二十二条）、分岗设权和轮岗
// （第四十三条）、不同意见（第七十七条）、问责清单（第八十九条）。

const KINDS = [
  { value: 'suggestion', label: '人大代表建议', article: '第四十四条' },
  { value: 'proposal', label: '政协提案', article: '第四十四条' },
  { value: 'petition', label: '信访事项', article: '第四十八条、第四十九条' },
  { value: 'reconsideration', label: '行政复议', article: '第四十六条' },
  { value: 'litigation', label: '行政应诉', article: '第四十五条' },
  { value: 'media', label: '社会和舆论监督', article: '第四十七条' },
];
const STATE_COLOR: Record<string, string> = { on_time: 'green', due_soon: 'orange', overdue: 'red', calendar_unknown: 'default' };

export function AccountabilityPage() {
  return (
    <div data-testid="accountability-page">
      <Typography.Title level={4}>建议提案与监督</Typography.Title>
      <Tabs items={[
        ...KINDS.map((k) => ({ key: k.value, label: k.label, children: <Cases kind={k.value} article={k.article} /> })),
        { key: 'plans', label: '应急预案', children: <Plans /> },
        { key: 'control', label: '内部控制', children: <InternalControl /> },
        { key: 'dissents', label: '不同意见', children: <Dissents /> },
        { key: 'list', label: '问责清单', children: <AccountabilityList /> },
      ]} />
    </div>
  );
}

function useLoad<T>(url: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => { get<T>(url).then((d) => { setData(d); setError(null); }, setError); }, [url]);
  useEffect(load, [load]);
  return { data, error, load };
}

function Cases({ kind, article }: { kind: string; article: string }) {
  const { data, error, load } = useLoad<{ today: string; resultCodes: string[]; cases: any[] }>(`/accountability/cases?kind=${kind}`);
  const [registering, setRegistering] = useState(false);
  const [acting, setActing] = useState<any>(null);
  const label = KINDS.find((k) => k.value === kind)?.label;
  return (
    <Card size="small" title={`${label}台账（依据${article}）`} extra={<Button type="primary" onClick={() => setRegistering(true)}>登记</Button>}>
      <ErrorAlert error={error} />
      <Table rowKey="id" size="small" dataSource={data?.cases ?? []} pagination={{ pageSize: 20 }} columns={[
        { title: '事项', dataIndex: 'title', render: (t, r: any) => <Space direction="vertical" size={0}><span>{t}</span><Typography.Text type="secondary">{[r.refNo, r.party].filter(Boolean).join(' · ')}</Typography.Text></Space> },
        { title: '收到', dataIndex: 'receivedOn', width: 110 },
        { title: '主办单位', render: (_, r: any) => [r.leadUnit, ...(r.coUnits.length ? [`协办：${r.coUnits.join('、')}`] : [])].filter(Boolean).join('；') },
        { title: '状态', render: (_, r: any) => <Space wrap><Tag>{r.statusLabel}</Tag>{r.important && <Tag color="gold">重要来信</Tag>}{r.major && <Tag color="volcano">重大</Tag>}{r.resultCode && <Tag color="blue">{r.resultCode}类</Tag>}</Space> },
        { title: '时限', render: (_, r: any) => <Space direction="vertical" size={0}>{r.deadlines.map((d: any) => <Tag key={d.ruleId} color={STATE_COLOR[d.state]}>{d.label}：{d.due} {d.stateLabel}</Tag>)}</Space> },
        { title: '待履行', render: (_, r: any) => r.obligations.map((o: any) => <Tag key={o.code} color="red">{o.label}（第{o.article}条）</Tag>) },
        { title: '', width: 80, render: (_, r: any) => r.nextSteps.length ? <Button size="small" onClick={() => setActing(r)}>办理</Button> : null },
      ]} />
      {registering && <RegisterCase kind={kind} onClose={(ok) => { setRegistering(false); if (ok) load(); }} />}
      {acting && <StepModal c={acting} resultCodes={data?.resultCodes ?? []} onClose={(ok) => { setActing(null); if (ok) load(); }} />}
    </Card>
  );
}

function RegisterCase({ kind, onClose }: { kind: string; onClose: (ok: boolean) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try { await post('/accountability/cases', { kind, ...v, refNo: v.refNo || undefined, party: v.party || undefined }); onClose(true); } catch (e) { setError(e); }
  };
  return (
    <Modal open title="登记" onOk={submit} onCancel={() => onClose(false)} okText="登记" cancelText="取消">
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ receivedOn: todayIso() }}>
        <Form.Item name="title" label="事项" rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="refNo" label="编号"><Input /></Form.Item>
        <Form.Item name="party" label="代表委员、信访人、申请人或来源"><Input /></Form.Item>
        <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
        {kind === 'petition' && <Form.Item name="important" valuePropName="checked"><Checkbox>重要来信（第四十九条：领导亲自阅批）</Checkbox></Form.Item>}
        {(kind === 'petition' || kind === 'media') && <Form.Item name="major" valuePropName="checked"><Checkbox>重大问题</Checkbox></Form.Item>}
      </Form>
    </Modal>
  );
}

function StepModal({ c, resultCodes, onClose }: { c: any; resultCodes: string[]; onClose: (ok: boolean) => void }) {
  const units = useUnits();
  const [form] = Form.useForm();
  const [step, setStep] = useState<string>(c.nextSteps[0]?.step);
  const [error, setError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<any[]>([]);
  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  const submit = async () => {
    const v = await form.validateFields();
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
    try {
      const r = await post(`/accountability/cases/${c.id}/${step}`, body);
      if (r.warnings?.length) { setWarnings(r.warnings); return; }
      onClose(true);
    } catch (e) { setError(e); }
  };
  return (
    <Modal open title={`办理：${c.title}`} onOk={warnings.length ? () => onClose(true) : submit} onCancel={() => onClose(warnings.length > 0)} okText={warnings.length ? '知道了' : '保存'} cancelText="取消">
      <ErrorAlert error={error} />
      {warnings.map((w) => <Typography.Paragraph key={w.code} type="warning">{w.message}</Typography.Paragraph>)}
      <Form form={form} layout="vertical" initialValues={{ on: todayIso() }}>
        <Form.Item label="环节"><Select value={step} onChange={setStep} options={c.nextSteps.map((s: any) => ({ value: s.step, label: s.label }))} /></Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
        <Form.Item name="summary" label="情况" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
        {(step === 'assign' || step === 'route') && <>
          <Form.Item name="leadUnitId" label="主办单位"><Select showSearch optionFilterProp="label" options={unitOptions} /></Form.Item>
          <Form.Item name="coUnitIds" label="协办单位"><Select mode="multiple" optionFilterProp="label" options={unitOptions} /></Form.Item>
          {step === 'assign' && <Form.Item name="complex" valuePropName="checked"><Checkbox>涉及面广、办理难度大（6个月内答复）</Checkbox></Form.Item>}
        </>}
        {step === 'reply' && (c.kind === 'suggestion' || c.kind === 'proposal') && <Form.Item name="resultCode" label="办理结果分类"><Select options={resultCodes.map((x) => ({ value: x, label: `${x}类` }))} /></Form.Item>}
        {step === 'instruct' && <Form.Item name="instructorPersonId" label="阅批领导（人员编号）"><Input placeholder="如 person-vmayor1" /></Form.Item>}
        {step === 'link' && <Form.Item name="supervisionItemId" label="督查事项编号"><Input /></Form.Item>}
        {step === 'extend' && <><Form.Item name="days" label="延长天数"><InputNumber min={1} /></Form.Item><Form.Item name="approvedBy" label="批准人"><Input /></Form.Item></>}
        {step === 'judgment' && <Form.Item name="mustPerform" valuePropName="checked"><Checkbox>需要履行判决、裁定</Checkbox></Form.Item>}
        {step === 'publish' && <Form.Item name="publishedAt" label="公开渠道"><Input placeholder="市政府门户网站" /></Form.Item>}
        {(step === 'reply' || step === 'decide' || step === 'handle') && <Form.Item name="draftedBy" label="拟稿人（人员编号，第四十三条）"><Input /></Form.Item>}
      </Form>
    </Modal>
  );
}

function Plans() {
  const { data, error, load } = useLoad<{ plans: any[] }>('/accountability/plans');
  const units = useUnits();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [err, setErr] = useState<unknown>(null);
  const submit = async () => { const v = await form.validateFields(); try { await post('/accountability/plans', v); setOpen(false); load(); } catch (e) { setErr(e); } };
  return (
    <Card size="small" title="应急预案台账（依据第二十二条）" extra={<Button type="primary" onClick={() => setOpen(true)}>登记预案</Button>}>
      <ErrorAlert error={error} />
      <Table rowKey="id" size="small" dataSource={data?.plans ?? []} columns={[
        { title: '预案', dataIndex: 'title' }, { title: '风险', dataIndex: 'risk' }, { title: '防范措施', dataIndex: 'measures' },
        { title: '责任单位', dataIndex: 'responsibleUnit' }, { title: '上次评估', dataIndex: 'lastReviewedOn' },
        { title: '下次评估', render: (_, p: any) => <Tag color={p.state === 'review_due' ? 'red' : 'green'}>{p.nextReviewOn}{p.state === 'review_due' ? ' 已到期' : ''}</Tag> },
      ]} />
      <Modal open={open} title="登记应急预案" onOk={submit} onCancel={() => setOpen(false)} okText="登记" cancelText="取消">
        <ErrorAlert error={err} />
        <Form form={form} layout="vertical" initialValues={{ approvedOn: todayIso() }}>
          <Form.Item name="title" label="预案名称" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="risk" label="风险"><Input /></Form.Item>
          <Form.Item name="measures" label="具体防范措施" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="responsibleUnitId" label="责任单位" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="approvedOn" label="印发日期" rules={[{ required: true }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function InternalControl() {
  const { data, error, load } = useLoad<any>('/accountability/internal-control');
  const [err, setErr] = useState<unknown>(null);
  const decide = async (id: string, approve: boolean) => { try { await post(`/accountability/approvals/${id}/decide`, { approve }); setErr(null); load(); } catch (e) { setErr(e); } };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={error ?? err} />
      <Card size="small" title="权力集中领域审批（依据第四十三条：拟稿人不得审批）">
        <Table rowKey="id" size="small" dataSource={data?.approvals ?? []} pagination={false} columns={[
          { title: '领域', dataIndex: 'area' }, { title: '事项', dataIndex: 'subject' }, { title: '拟稿人', dataIndex: 'drafter' },
          { title: '状态', render: (_, a: any) => a.status === 'pending' ? <Tag>待审批</Tag> : <Tag color={a.status === 'approved' ? 'green' : 'red'}>{a.status === 'approved' ? '已批准' : '未批准'}（{a.approver}）</Tag> },
          { title: '', render: (_, a: any) => a.status === 'pending' && <Space><Button size="small" onClick={() => decide(a.id, true)}>批准</Button><Button size="small" danger onClick={() => decide(a.id, false)}>不批准</Button></Space> },
        ]} />
      </Card>
      <Card size="small" title={`定期轮岗（任职满${data?.intervalYears ?? ''}年应轮岗）`}>
        <Table rowKey="id" size="small" dataSource={data?.rotations ?? []} pagination={false} columns={[
          { title: '人员', dataIndex: 'person' }, { title: '单位', dataIndex: 'unit' }, { title: '岗位', dataIndex: 'post' }, { title: '领域', dataIndex: 'area' },
          { title: '任职起', dataIndex: 'since' },
          { title: '应轮岗', render: (_, r: any) => <Tag color={r.state === 'due' ? 'red' : r.state === 'rotated' ? 'green' : 'default'}>{r.state === 'rotated' ? `已于${r.rotatedOn}轮岗` : `${r.dueOn}${r.state === 'due' ? ' 已到期' : ''}`}</Tag> },
        ]} />
      </Card>
    </Space>
  );
}

function Dissents() {
  const { data, error } = useLoad<any>('/accountability/dissents');
  return (
    <Card size="small" title="市政府内部不同意见（依据第七十七条：重新作出决定前，原决定继续执行）">
      <ErrorAlert error={error} />
      <Table rowKey="id" size="small" dataSource={data?.dissents ?? []} pagination={false} columns={[
        { title: '所涉决定', dataIndex: 'decisionRef' }, { title: '提出人', dataIndex: 'person' }, { title: '渠道', dataIndex: 'channel' },
        { title: '意见', dataIndex: 'content' }, { title: '日期', dataIndex: 'raisedOn' },
        { title: '原决定', render: (_, d: any) => d.decisionStands ? <Tag color="blue">继续执行</Tag> : <Tag>已重新作出：{d.remadeRef}</Tag> },
      ]} />
    </Card>
  );
}

function AccountabilityList() {
  const { data, error } = useLoad<any>('/accountability/list');
  const KIND: Record<string, [string, string]> = { overdue: ['逾期未办结', 'red'], late: ['逾期办结', 'orange'], bounced: ['退回', 'purple'] };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={error} />
      <Card size="small" title="按单位（依据第八十九条）">
        <Table rowKey={(u: any) => u.unitId ?? 'none'} size="small" dataSource={data?.byUnit ?? []} pagination={false} columns={[
          { title: '单位', dataIndex: 'unit' }, { title: '逾期未办结', dataIndex: 'overdue' }, { title: '逾期办结', dataIndex: 'late' }, { title: '退回', dataIndex: 'bounced' },
        ]} />
      </Card>
      <Card size="small" title="事项清单">
        <Table rowKey={(r: any) => `${r.kind}-${r.objectType}-${r.objectId}-${r.date}`} size="small" dataSource={data?.rows ?? []} columns={[
          { title: '类别', render: (_, r: any) => <Tag color={KIND[r.kind][1]}>{KIND[r.kind][0]}</Tag> }, { title: '来源', dataIndex: 'source' },
          { title: '事项', dataIndex: 'title' }, { title: '单位', dataIndex: 'unit' }, { title: '情况', dataIndex: 'detail' },
          { title: '逾期天数', dataIndex: 'daysLate' }, { title: '依据', render: (_, r: any) => r.article ? `第${r.article}条` : '' },
        ]} />
      </Card>
    </Space>
  );
}
