import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { ExportButton, fmtTime, todayIso } from './common.tsx';
import { useUnits } from './SupervisionPage.tsx';

const SOURCES = [
  { value: 'general_secretary', label: '习近平总书记重要讲话重要指示批示' }, { value: 'central', label: '党中央、国务院领导批示' },
  { value: 'provincial', label: '省委、省政府领导批示及文件' }, { value: 'city', label: '市领导批示' },
];
const LOOP: Record<string, { label: string; color: string }> = {
  closed_loop: { label: `五环节闭环（${articleLabel(84)}）`, color: 'red' }, report_cycle: { label: `跟踪督办和报告（${articleLabel(85)}）`, color: 'orange' }, simple: { label: '按分工办理', color: 'default' },
};

/** The register of instructions (批示台账) with the loop of each, and registration (第六十九条 routes to the mayor first). */
export function InstructionRegister({ onSupervise }: { onSupervise: (prefill: any) => void }) {
  const [rows, setRows] = useState<any[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [routed, setRouted] = useState<any>(null);
  const units = useUnits();
  const [form] = Form.useForm();
  const load = useCallback(() => { get('/supervision/instructions').then((d) => setRows(d.instructions), setError); }, []);
  useEffect(load, [load]);
  const register = async (v: any) => {
    setError(null);
    try {
      const r = await post('/supervision/instructions', { ...v, title: v.title ?? '', instructedBy: v.instructedBy ?? '', docRef: v.docRef || undefined, content: v.content || undefined, leadUnitId: v.leadUnitId || undefined });
      setRouted(r); setAdding(false); form.resetFields(); load();
    } catch (e) { setError(e); }
  };
  const unitIdOf = (name: string) => units.find((u) => u.name === name)?.id;
  return (
    <>
      <ErrorAlert error={error} />
      {routed && <Alert type="success" showIcon closable style={{ marginBottom: 12 }} title={`已登记：${routed.firstReader.reason}`} />}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setAdding(true)}>登记批示</Button>
        <ExportButton href="/supervision/instructions.xlsx" />
      </Space>
      <Table rowKey="id" size="small" dataSource={rows} pagination={false} data-testid="instruction-register" columns={[
        { title: '批示事项', dataIndex: 'title', render: (t: string, r: any) => <div><Link to={`/supervision/n/${r.id}`} data-testid="instruction-link">{t}</Link><div><Typography.Text type="secondary">{r.sourceLabel} · {r.instructedBy} · {r.instructedOn}</Typography.Text></div></div> },
        { title: '首阅', width: 170, render: (_: any, r: any) => <span>{r.leader}{r.firstReader === 'mayor' && <Tag color="red" style={{ marginLeft: 4 }}>{articleLabel(69)} 先报市长</Tag>}</span> },
        { title: '牵头单位', dataIndex: 'leadUnit', width: 120 },
        { title: '督办方式', width: 200, render: (_: any, r: any) => <Tag color={LOOP[r.loopKind]?.color}>{LOOP[r.loopKind]?.label}</Tag> },
        { title: '进度', width: 330, render: (_: any, r: any) => r.loopKind === 'closed_loop'
          ? <Space size={2} wrap>{r.stages.map((s: any) => <Tag key={s.stage} color={s.done ? 'green' : 'default'}>{s.done ? '✓' : '○'} {s.stage}</Tag>)}</Space>
          : <span>已报告 {r.reports} 次</span> },
        { title: '尚缺', width: 200, render: (_: any, r: any) => r.missing.length ? <Typography.Text type="danger" data-testid="missing">{r.missing.join('、')}</Typography.Text> : (r.status === 'closed' ? <Tag color="green">已办结 {r.closedOn}</Tag> : '—') },
        { title: '操作', width: 100, render: (_: any, r: any) => r.status === 'open' && (
          <Button size="small" data-testid="supervise" onClick={() => onSupervise({ title: `${r.title}落实情况督查`, sourceType: 'instruction', sourceId: r.id, leadUnitId: unitIdOf(r.leadUnit) })}>立项督查</Button>
        ) },
      ]} />
      <Modal open={adding} title="登记批示（第六十九条：中央、省领导批示第一时间报市长阅批）" onCancel={() => setAdding(false)} onOk={() => form.submit()} okText="登记" cancelText="取消" width={640}>
        <Form form={form} layout="vertical" onFinish={register} initialValues={{ source: 'provincial', instructedOn: todayIso(), receivedOn: todayIso() }}>
          <Form.Item name="source" label="来源"><Select options={SOURCES} /></Form.Item>
          <Form.Item name="title" label="批示事项"><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="instructedBy" label="批示人"><Input style={{ width: 200 }} /></Form.Item>
            <Form.Item name="instructedOn" label="批示日期"><Input type="date" /></Form.Item>
            <Form.Item name="receivedOn" label="收到日期"><Input type="date" /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="docRef" label="文号"><Input style={{ width: 200 }} /></Form.Item>
            <Form.Item name="leadUnitId" label="牵头单位"><Select allowClear style={{ width: 220 }} options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item>
          </Space>
          <Form.Item name="content" label="批示内容"><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The loop view: five stages with dates and evidence (第八十四条), or the reports (第八十五条); what is missing; the trail. */
export function InstructionDetail() {
  const { id } = useParams();
  const [data, setData] = useState<any>(null);
  const [list, setList] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    get(`/supervision/instructions/${id}`).then(setData, setError);
    get('/supervision/instructions').then((d) => setList(d.instructions.find((i: any) => i.id === id)), () => {});
  }, [id]);
  useEffect(load, [load]);
  if (!data || !list) return <><ErrorAlert error={error} /><Card loading /></>;
  const stageEntries = data.entries.filter((e: any) => e.entry_type === 'stage');
  const reports = data.entries.filter((e: any) => e.entry_type === 'report');
  const closed = data.status === 'closed';
  const act = async (fn: () => Promise<unknown>) => { setError(null); try { await fn(); form.resetFields(); load(); } catch (e) { setError(e); } };
  const record = (v: any) => act(() => list.loopKind === 'closed_loop'
    ? post(`/supervision/instructions/${id}/stages`, { stage: v.stage ?? list.missing[0], on: v.on, summary: v.summary ?? '', evidence: (v.evidence ?? '').split('\n').filter((x: string) => x.trim()) })
    : post(`/supervision/instructions/${id}/reports`, { on: v.on, summary: v.summary ?? '', evidence: (v.evidence ?? '').split('\n').filter((x: string) => x.trim()) }));
  return (
    <div data-testid="instruction-detail">
      <Link to="/supervision">← 返回督查</Link>
      <ErrorAlert error={error} />
      <Card title={data.title} style={{ marginTop: 12 }} extra={!closed && <Button type="primary" danger={list.missing.length > 0} onClick={() => act(() => post(`/supervision/instructions/${id}/close`))} data-testid="close-instruction">办结</Button>}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="来源">{list.sourceLabel}</Descriptions.Item>
          <Descriptions.Item label="批示人">{data.instructed_by}（{data.instructed_on}）</Descriptions.Item>
          <Descriptions.Item label="收到">{data.received_on}</Descriptions.Item>
          <Descriptions.Item label="首阅">{list.leader}</Descriptions.Item>
          <Descriptions.Item label="牵头单位">{list.leadUnit || '—'}</Descriptions.Item>
          <Descriptions.Item label="状态">{closed ? <Tag color="green">已办结 {list.closedOn}</Tag> : <Tag color="blue">办理中</Tag>}</Descriptions.Item>
        </Descriptions>
        {data.content && <Typography.Paragraph type="secondary">{data.content}</Typography.Paragraph>}
        {list.loopKind === 'closed_loop' && (
          <Steps direction="vertical" size="small" style={{ marginTop: 12 }} data-testid="loop-stages"
            items={list.stages.map((s: any) => {
              const e = stageEntries.find((x: any) => x.stage === s.stage);
              return {
                title: s.stage, status: e ? 'finish' : closed ? 'error' : 'wait',
                description: e
                  ? <div><Typography.Text strong>{e.on_date}</Typography.Text> {e.summary}<div>佐证：{(e.evidence ?? []).map((x: string) => <Tag key={x}>{x}</Tag>)}</div></div>
                  : <Typography.Text type="danger">尚未登记（{articleLabel(84)}：每个环节应有日期和佐证）</Typography.Text>,
              };
            })} />
        )}
        {list.loopKind !== 'closed_loop' && (
          <Timeline style={{ marginTop: 12 }} items={reports.length ? reports.map((e: any) => ({ children: <span><b>{e.on_date}</b> {e.summary} {(e.evidence ?? []).map((x: string) => <Tag key={x}>{x}</Tag>)}</span> })) : [{ color: 'red', children: `尚无落实情况报告（${articleLabel(85)}）` }]} />
        )}
        {list.missing.length > 0 && <Alert type="warning" showIcon title={`办结前尚缺：${list.missing.join('、')}`} />}
      </Card>
      {!closed && list.loopKind !== 'simple' && (
        <Card size="small" title={list.loopKind === 'closed_loop' ? `登记环节（按 ${list.stages.map((s: any) => s.stage).join('→')} 依次推进）` : `报告落实情况（${articleLabel(85)}）`} style={{ marginTop: 16 }}>
          <Form form={form} layout="vertical" onFinish={record} initialValues={{ on: todayIso() }}>
            <Space wrap>
              {list.loopKind === 'closed_loop' && <Form.Item name="stage" label="环节"><Select style={{ width: 160 }} placeholder={list.missing[0]} options={list.stages.map((s: any) => ({ value: s.stage, label: s.stage, disabled: s.done }))} /></Form.Item>}
              <Form.Item name="on" label="日期"><Input type="date" /></Form.Item>
            </Space>
            <Form.Item name="summary" label="落实情况"><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="evidence" label="佐证材料（每行一项：文件、纪要、现场核实记录等）"><Input.TextArea rows={2} /></Form.Item>
            <Button htmlType="submit" type="primary">登记</Button>
          </Form>
        </Card>
      )}
      <Card size="small" title={`全程留痕（${articleLabel(50)}）`} style={{ marginTop: 16 }}>
        <Table rowKey="seq" size="small" pagination={false} dataSource={data.trail} columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: fmtTime },
          { title: '操作人', dataIndex: 'actor_name', width: 160 },
          { title: '事项', dataIndex: 'action', width: 200 },
          { title: '依据', dataIndex: 'article', width: 100, render: (a: number | null) => (a ? articleLabel(a) : '') },
          { title: '内容', dataIndex: 'payload', render: (p: any) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p?.stage ?? p?.routing ?? p?.summary ?? ''}</Typography.Text> },
        ]} />
      </Card>
    </div>
  );
}
