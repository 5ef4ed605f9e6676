import { useCallback, useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Segmented, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { DeadlineTag } from '../calendar/DeadlineTag.tsx';
import { ExportButton, HandlerTag, STATE_COLOR, STATE_LABEL, todayIso } from './common.tsx';
import { ItemDetail } from './ItemDetail.tsx';
import { InstructionDetail, InstructionRegister } from './Instructions.tsx';
import { Performance } from './Performance.tsx';

// 督查（第十二章）：督查事项看板（第八十六条、第八十七条、第四十五条）、批示台账和闭环（第八十四条、第八十五条）、
// 绩效分析（第五十条，不对个人排名——第九十三条）。

export const STAGES = [
  { value: 'opened', label: '立项' }, { value: 'planned', label: '制定方案' }, { value: 'in_progress', label: '督查实施' },
  { value: 'concluded', label: '形成结论' }, { value: 'applied', label: '结论运用' },
];
export const KINDS = [
  { value: 'regular', label: '常规督查' }, { value: 'unannounced', label: '暗访式督查' }, { value: 'research', label: '调研式督查' }, { value: 'rectification', label: '整改督查' },
];
const KIND_COLOR: Record<string, string> = { regular: 'blue', unannounced: 'purple', research: 'cyan', rectification: 'volcano' };

export function SupervisionPage() {
  return (
    <Routes>
      <Route path="/" element={<SupervisionHome />} />
      <Route path="i/:id" element={<ItemDetail />} />
      <Route path="n/:id" element={<InstructionDetail />} />
    </Routes>
  );
}

function SupervisionHome() {
  const [tab, setTab] = useState('board');
  const [prefill, setPrefill] = useState<any>(null);
  return (
    <div data-testid="supervision-page">
      <Typography.Title level={4}>督查</Typography.Title>
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'board', label: '督查事项', children: <Board prefill={prefill} clearPrefill={() => setPrefill(null)} /> },
        { key: 'instructions', label: '批示台账', children: <InstructionRegister onSupervise={(p) => { setPrefill(p); setTab('board'); }} /> },
        { key: 'performance', label: '绩效分析', children: <Performance /> },
      ]} />
    </div>
  );
}

export function useUnits() {
  const [units, setUnits] = useState<any[]>([]);
  useEffect(() => { get('/supervision/units').then((d) => setUnits(d.units), () => {}); }, []);
  return units;
}

function Board({ prefill, clearPrefill }: { prefill: any; clearPrefill: () => void }) {
  const [data, setData] = useState<{ today: string; items: any[]; total: number; all: number; counts: Record<string, number>; overdue: number; dueSoon: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stage, setStage] = useState<string>('all');
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const [opening, setOpening] = useState(false);
  const [action, setAction] = useState<{ kind: 'chase' | 'progress' | 'advance' | 'government-report'; item: any } | null>(null);
  const load = useCallback(() => {
    const q = new URLSearchParams({ limit: String(page.pageSize), offset: String((page.current - 1) * page.pageSize) });
    if (stage !== 'all') q.set('stage', stage);
    get(`/supervision/items?${q}`).then(setData, setError);
  }, [stage, page]);
  useEffect(load, [load]);
  useEffect(() => { if (prefill) setOpening(true); }, [prefill]);
  const shown = data?.items ?? [];
  const counts = data?.counts ?? {};
  const overdue = data?.overdue ?? 0;
  const dueSoon = data?.dueSoon ?? 0;

  return (
    <>
      <ErrorAlert error={error} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setOpening(true)} data-testid="open-item">督查立项</Button>
        <ExportButton href="/supervision/items.xlsx" />
        <Segmented value={stage} onChange={(v) => { setStage(String(v)); setPage((p) => ({ ...p, current: 1 })); }} data-testid="stage-filter"
          options={[{ value: 'all', label: `全部 ${data?.all ?? 0}` }, ...STAGES.map((s) => ({ value: s.value, label: `${s.label} ${counts[s.value] ?? 0}` }))]} />
        {overdue > 0 && <Tag color="red">已逾期 {overdue} 项</Tag>}
        {dueSoon > 0 && <Tag color="orange">即将到期 {dueSoon} 项</Tag>}
      </Space>
      <Table rowKey="id" size="small" dataSource={shown} data-testid="supervision-board"
        pagination={{ ...page, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (t: number) => `共 ${t} 项`, onChange: (current: number, pageSize: number) => setPage({ current, pageSize }) }} scroll={{ x: 1300 }}
        rowClassName={(r: any) => `item-row state-${r.followUp.state}`}
        columns={[
          { title: '督查事项', dataIndex: 'title', width: 240, render: (t: string, r: any) => (
            <div>
              <Link to={`/supervision/i/${r.id}`} data-testid="item-link">{t}</Link>
              <div>
                <Tag color={KIND_COLOR[r.kind]}>{r.kindLabel}</Tag>
                <Tag>{r.scopeLabel}</Tag>
                {r.designation && <Tooltip title={`市政府指定：${r.designation.ref}（${r.designation.on}）`}><Tag color="geekblue">经市政府指定</Tag></Tooltip>}
                {r.findingSource && <Tooltip title={`问题来源：${r.findingSource}（${articleLabel(45)}）`}><Tag color="volcano">整改</Tag></Tooltip>}
              </div>
            </div>
          ) },
          { title: '督查单位', dataIndex: 'supervisor', width: 110 },
          { title: '牵头 / 配合单位', width: 180, render: (_: any, r: any) => <div><div><Typography.Text strong>{r.leadUnit}</Typography.Text>（牵头）</div>{r.cooperating.length > 0 && <Typography.Text type="secondary">配合：{r.cooperating.join('、')}</Typography.Text>}</div> },
          { title: '分管市领导 · 今日承办', width: 190, render: (_: any, r: any) => <div><div>{r.leader || '—'}</div><HandlerTag h={r.handler} /></div> },
          { title: `环节（${articleLabel(86)}）`, width: 110, render: (_: any, r: any) => <Tag color={r.closedOn ? 'green' : 'blue'} data-testid="stage">{r.stageLabel}</Tag> },
          { title: '办理时限', width: 280, render: (_: any, r: any) => r.closedOn
            ? <span data-testid="deadline-tag" data-state="closed"><Tag>已办结 · {r.closedOn}</Tag>{r.closedOn > r.due ? <Tag color="red">超期办结（时限 {r.due}）</Tag> : <Tag color="green">按期办结</Tag>}</span>
            : <DeadlineTag deadline={r.deadline} state={r.followUp.state} /> },
          { title: '催办 / 升级', width: 170, render: (_: any, r: any) => r.closedOn ? null : (
            <div>
              {r.followUp.chase ? <Tag color={r.followUp.escalationLevel >= 2 ? 'red' : 'orange'}>应催办：{r.followUp.escalateTo}</Tag> : <Typography.Text type="secondary">{r.followUp.chaseFrom} 起催办</Typography.Text>}
              {r.followUp.reportOverdue && <div><Tag color="orange">进展报告逾期（应于 {r.followUp.nextReportDue}）</Tag></div>}
            </div>
          ) },
          { title: '操作', width: 200, fixed: 'right' as const, render: (_: any, r: any) => r.closedOn ? null : (
            <Space size={4} wrap>
              <Button size="small" onClick={() => setAction({ kind: 'advance', item: r })}>推进</Button>
              <Button size="small" onClick={() => setAction({ kind: 'progress', item: r })}>报告进展</Button>
              <Button size="small" danger={r.followUp.chase} onClick={() => setAction({ kind: 'chase', item: r })} data-testid="chase">催办</Button>
              {r.kind === 'rectification' && !r.reportedToGovernment && <Button size="small" onClick={() => setAction({ kind: 'government-report', item: r })}>向市政府报告</Button>}
            </Space>
          ) },
        ]} />
      {opening && <OpenItemModal prefill={prefill} onClose={(changed) => { setOpening(false); clearPrefill(); if (changed) load(); }} />}
      {action && <ItemActionModal {...action} today={data?.today ?? todayIso()} onClose={(changed) => { setAction(null); if (changed) load(); }} />}
    </>
  );
}

const ACTION_TITLE = { chase: `催办（${articleLabel(86)}）`, progress: '报告进展', advance: '推进督查环节', 'government-report': `整改情况向市政府报告（${articleLabel(45)}）` };

export function ItemActionModal({ kind, item, today, onClose }: { kind: keyof typeof ACTION_TITLE; item: any; today: string; onClose: (changed: boolean) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const next = STAGES[item.stageIndex + 1];
  const submit = async (v: any) => {
    setError(null);
    try {
      if (kind === 'advance') await post(`/supervision/items/${item.id}/advance`, { to: v.to, on: v.on, summary: v.summary ?? '', conclusion: v.conclusion || undefined, incentive: v.incentive || undefined, version: item.version });
      else await post(`/supervision/items/${item.id}/${kind}`, { on: v.on, summary: v.summary ?? '' });
      onClose(true);
    } catch (e) { setError(e); }
  };
  return (
    <Modal open title={`${ACTION_TITLE[kind]}：${item.title}`} onCancel={() => onClose(false)} onOk={() => form.submit()} okText="提交" cancelText="取消" width={620}>
      <ErrorAlert error={error} />
      {kind === 'chase' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`按规则包当前应催办：${item.followUp.escalateTo ?? '尚未到催办时点'}（逾期 ${item.followUp.overdueWorkingDays} 个工作日）`} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ on: today, to: next?.value }}>
        {kind === 'advance' && (
          <Form.Item name="to" label={`转入环节（当前：${item.stageLabel}）`}>
            <Select options={STAGES.slice(1)} data-testid="advance-to" />
          </Form.Item>
        )}
        <Form.Item name="on" label="日期"><Input type="date" /></Form.Item>
        <Form.Item name="summary" label="情况"><Input.TextArea rows={3} /></Form.Item>
        {kind === 'advance' && <Form.Item name="conclusion" label="督查结论（形成结论时必填）"><Input.TextArea rows={2} /></Form.Item>}
        {kind === 'advance' && <Form.Item name="incentive" label={`督查激励（${articleLabel(87)}，可选）`}><Input /></Form.Item>}
      </Form>
    </Modal>
  );
}

export function OpenItemModal({ prefill, onClose }: { prefill?: any; onClose: (changed: boolean) => void }) {
  const units = useUnits();
  const [instructions, setInstructions] = useState<any[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const supervisor = Form.useWatch('supervisorUnitId', form);
  const kind = Form.useWatch('kind', form);
  const sourceType = Form.useWatch('sourceType', form);
  useEffect(() => { get('/supervision/instructions').then((d) => setInstructions(d.instructions), () => {}); }, []);
  const unitOpts = units.map((u) => ({ value: u.id, label: u.name }));
  const needsDesignation = supervisor && !['unit-office', 'unit-gov'].includes(supervisor);
  const submit = async (v: any) => {
    setError(null);
    try {
      await post('/supervision/items', {
        title: v.title ?? '', kind: v.kind, scope: v.scope, supervisorUnitId: v.supervisorUnitId, leadUnitId: v.leadUnitId, cooperatingUnitIds: v.cooperatingUnitIds ?? [],
        ...(v.sourceType && v.sourceId ? { source: { type: v.sourceType, id: v.sourceId } } : {}),
        ...(v.designationRef ? { designation: { byUnitId: 'unit-gov', ref: v.designationRef, on: v.designationOn } } : {}),
        ...(v.findingSource ? { findingSource: v.findingSource } : {}),
        ...(v.due ? { due: v.due, dueReason: v.dueReason || undefined } : {}),
      });
      onClose(true);
    } catch (e) { setError(e); }
  };
  return (
    <Modal open title={`督查立项（${articleLabel(86)}：严禁重复督查、多头督查、越权督查）`} onCancel={() => onClose(false)} onOk={() => form.submit()} okText="立项" cancelText="取消" width={720}
      okButtonProps={{ 'data-testid': 'submit-item' } as any}>
      <div data-testid="open-item-form">
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit}
          initialValues={{ kind: 'regular', scope: 'government', supervisorUnitId: 'unit-office', cooperatingUnitIds: [], designationOn: todayIso(), ...(prefill ?? {}) }}>
          <Form.Item name="title" label="督查事项"><Input data-testid="item-title" /></Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={`督查方式（${articleLabel(87)}）`}><Select options={KINDS} style={{ width: 160 }} /></Form.Item>
            <Form.Item name="scope" label="类别"><Select style={{ width: 150 }} options={[{ value: 'government', label: '政府督查' }, { value: 'department', label: '部门内部督查' }]} /></Form.Item>
            <Form.Item name="supervisorUnitId" label="督查单位"><Select options={unitOpts} style={{ width: 180 }} showSearch optionFilterProp="label" /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="leadUnitId" label="牵头单位"><Select options={unitOpts} style={{ width: 200 }} showSearch optionFilterProp="label" data-testid="lead-unit" /></Form.Item>
            <Form.Item name="cooperatingUnitIds" label="配合单位"><Select mode="multiple" options={unitOpts} style={{ width: 380 }} showSearch optionFilterProp="label" /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="sourceType" label="来源"><Select allowClear style={{ width: 140 }} options={[{ value: 'instruction', label: '批示' }, { value: 'decision', label: '会议决定' }, { value: 'document', label: '公文' }, { value: 'finding', label: '审计监察发现' }]} /></Form.Item>
            {sourceType === 'instruction'
              ? <Form.Item name="sourceId" label="来源批示"><Select style={{ width: 420 }} options={instructions.map((i) => ({ value: i.id, label: i.title }))} showSearch optionFilterProp="label" /></Form.Item>
              : sourceType ? <Form.Item name="sourceId" label="来源编号（决定、文号等）"><Input style={{ width: 300 }} /></Form.Item> : null}
          </Space>
          {needsDesignation && (
            <Card size="small" title={`市政府指定（${articleLabel(86)}：市政府部门未经市政府指定不得开展政府督查）`} style={{ marginBottom: 12 }}>
              <Space wrap>
                <Form.Item name="designationRef" label="指定依据（纪要、文件或领导批示）"><Input style={{ width: 360 }} /></Form.Item>
                <Form.Item name="designationOn" label="指定日期"><Input type="date" /></Form.Item>
              </Space>
            </Card>
          )}
          {kind === 'rectification' && <Form.Item name="findingSource" label={`问题来源（${articleLabel(45)}：审计、监察、巡察等）`}><Input /></Form.Item>}
          <Space wrap>
            <Form.Item name="due" label="督查方案另定时限（不填按规则包默认时限）"><Input type="date" /></Form.Item>
            <Form.Item name="dueReason" label="另定时限的理由"><Input style={{ width: 300 }} /></Form.Item>
          </Space>
          <Form.Item><Checkbox checked disabled>立项时按工作日历计算办理时限，并自动安排到期前催办和逾期升级</Checkbox></Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

export function useItems() {
  const [items, setItems] = useState<any[]>([]);
  const navigate = useNavigate();
  useEffect(() => { get('/supervision/items').then((d) => setItems(d.items), () => {}); }, []);
  return { items, open: (id: string) => navigate(`/supervision/i/${id}`) };
}

export { STATE_COLOR, STATE_LABEL };
