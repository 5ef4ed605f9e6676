import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { ExportButton, HandlerTag, todayIso } from '../supervision/common.tsx';

// 领导（第八章、第十三章、第三章）：外出请假报备（第七十九条）与代理（第十一条AB岗、第十三条受市长委托）、
// 领导去向和24小时值班（第八十条）、基层调研（第九十六条）、讲话文章题词事先报批（第七十八条、第九十八条）。

const TRIP_KINDS = [{ value: 'business', label: '出差' }, { value: 'study', label: '学习' }, { value: 'leave', label: '请假' }, { value: 'other', label: '其他' }];
const TRIP_STATE: Record<string, { label: string; color: string }> = { away: { label: '外出中', color: 'orange' }, upcoming: { label: '待出发', color: 'blue' }, returned: { label: '已返回', color: 'default' } };

export function LeadersPage() {
  return (
    <div data-testid="leaders-page">
      <Typography.Title level={4}>领导</Typography.Title>
      <Tabs items={[
        { key: 'trips', label: '外出报备', children: <Trips /> },
        { key: 'whereabouts', label: '领导去向', children: <Whereabouts /> },
        { key: 'duty', label: '24小时值班', children: <Duty /> },
        { key: 'research', label: '基层调研', children: <Research /> },
        { key: 'approvals', label: '事先报批', children: <Approvals /> },
      ]} />
    </div>
  );
}

function useMembers() {
  const [members, setMembers] = useState<any[]>([]);
  useEffect(() => { get('/org/members').then((d) => setMembers(d.government.members.filter((m: any) => m.personId)), () => {}); }, []);
  return members;
}

function Trips() {
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<any>(null);
  const members = useMembers();
  const [form] = Form.useForm();
  const load = useCallback(() => { get('/leaders/trips').then(setData, setError); }, []);
  useEffect(load, [load]);
  const submit = async (v: any) => {
    setError(null); setResult(null);
    try {
      const r = await post('/leaders/trips', { personId: v.personId ?? '', kind: v.kind, from: v.from, to: v.to, destination: v.destination ?? '', reason: v.reason ?? '', urgentReason: v.urgentReason || undefined });
      setResult(r); form.resetFields(); load();
    } catch (e) { setError(e); }
  };
  const back = (t: any) => {
    let on = data.today;
    Modal.confirm({
      title: `${t.personName}提前返回`, okText: '登记', cancelText: '取消',
      content: <Input type="date" defaultValue={on} onChange={(e) => { on = e.target.value; }} />,
      onOk: async () => { try { await post(`/leaders/trips/${t.id}/return`, { returnedOn: on }); load(); } catch (e) { setError(e); } },
    });
  };
  return (
    <>
      <ErrorAlert error={error} />
      {result && (
        <Alert type={result.warnings.length ? 'warning' : 'success'} showIcon closable style={{ marginBottom: 12 }}
          title={`已报备。${result.warnings.map((w: any) => w.message).join('；')}`}
          description={result.standIns.length > 0 && <span>外出期间：{result.standIns.map((h: any, i: number) => <HandlerTag key={i} h={h} />)}</span>} />
      )}
      <Card size="small" title={`外出请假、报备（${articleLabel(79)}：外出前报备，至少提前1日；紧急外出写明理由）`} style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={submit} initialValues={{ kind: 'business', from: todayIso(), to: todayIso() }} data-testid="trip-form">
          <Form.Item name="personId" label="人员"><Select style={{ width: 200 }} showSearch optionFilterProp="label" options={members.map((m) => ({ value: m.personId, label: `${m.personName}（${m.title}）` }))} /></Form.Item>
          <Form.Item name="kind" label="类别"><Select style={{ width: 90 }} options={TRIP_KINDS} /></Form.Item>
          <Form.Item name="from" label="外出"><Input type="date" /></Form.Item>
          <Form.Item name="to" label="返回"><Input type="date" /></Form.Item>
          <Form.Item name="destination" label="地点"><Input style={{ width: 100 }} /></Form.Item>
          <Form.Item name="reason" label="事由"><Input style={{ width: 220 }} /></Form.Item>
          <Form.Item name="urgentReason" label="紧急外出理由"><Input style={{ width: 160 }} placeholder="非紧急不填" /></Form.Item>
          <Button htmlType="submit" type="primary">报备</Button>
        </Form>
      </Card>
      <Space style={{ marginBottom: 12 }}><ExportButton href="/leaders/trips.xlsx" /></Space>
      <Table rowKey="id" size="small" pagination={{ pageSize: 20 }} dataSource={data?.trips ?? []} data-testid="trip-list" scroll={{ x: 1500 }} columns={[
        { title: '姓名', dataIndex: 'personName', width: 90 },
        { title: '职务', dataIndex: 'positions', width: 160 },
        { title: '类别', dataIndex: 'kind', width: 70, render: (k: string) => TRIP_KINDS.find((x) => x.value === k)?.label },
        { title: '外出期间', width: 210, render: (_: any, t: any) => `${t.period.from} 至 ${t.period.to}` },
        { title: '地点', dataIndex: 'destination', width: 80 },
        { title: '事由', dataIndex: 'reason', width: 280 },
        { title: '报备', width: 150, render: (_: any, t: any) => <span>{t.reportedOn ?? '—'}{t.urgentReason && <Tooltip title={t.urgentReason}><Tag color="orange">紧急外出</Tag></Tooltip>}</span> },
        { title: '状态', dataIndex: 'state', width: 80, render: (s: string) => s && <Tag color={TRIP_STATE[s]?.color}>{TRIP_STATE[s]?.label}</Tag> },
        { title: '外出期间由谁承办', width: 260, render: (_: any, t: any) => t.standIns.length ? t.standIns.map((h: any, i: number) => <div key={i}><HandlerTag h={h} /></div>) : '—' },
        { title: '', width: 90, render: (_: any, t: any) => t.state === 'away' && <Button size="small" onClick={() => back(t)}>提前返回</Button> },
      ]} />
    </>
  );
}

function Whereabouts() {
  const [date, setDate] = useState(todayIso());
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get(`/leaders/whereabouts?date=${date}`).then(setData, setError); }, [date]);
  const status = (r: any) => r.status === 'away'
    ? <Tag color="orange">{r.absence.kindLabel}：{r.absence.destination ?? ''}（{r.absence.period.from} 至 {r.absence.period.to}）</Tag>
    : r.status === 'vacant' ? <Tag color="red">空缺</Tag> : <Tag color="green">在岗</Tag>;
  return (
    <>
      <ErrorAlert error={error} />
      <Space style={{ marginBottom: 12 }}>
        <span>日期</span><Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <Typography.Text type="secondary">{articleLabel(80)}：市政府总值班室掌握市政府领导去向，各部门值班室掌握本部门主要负责同志去向；由外出报备生成。</Typography.Text>
      </Space>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="市政府领导去向">
            <Table rowKey="positionId" size="small" pagination={false} dataSource={data?.leaders ?? []} data-testid="leader-board" columns={[
              { title: '职务', dataIndex: 'title', width: 100 }, { title: '姓名', dataIndex: 'personName', width: 80 },
              { title: '去向', render: (_: any, r: any) => status(r) },
              { title: '代理', render: (_: any, r: any) => (r.standIn ? <HandlerTag h={r.standIn} /> : '') },
            ]} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="部门主要负责同志去向">
            <Table rowKey="positionId" size="small" pagination={false} dataSource={data?.departments ?? []} data-testid="department-board" scroll={{ y: 520 }} columns={[
              { title: '单位', dataIndex: 'unitName', width: 130 }, { title: '姓名', dataIndex: 'personName', width: 80 },
              { title: '去向', render: (_: any, r: any) => status(r) },
            ]} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function Duty() {
  const [from, setFrom] = useState(todayIso());
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const [onlyGaps, setOnlyGaps] = useState(false);
  const load = useCallback(() => { get(`/leaders/duty?from=${from}`).then(setData, setError); }, [from]);
  useEffect(load, [load]);
  const days: string[] = useMemo(() => (data ? Array.from({ length: data.horizonDays }, (_, k) => new Date(Date.parse(`${data.from}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10)) : []), [data]);
  const gaps = data ? data.units.flatMap((u: any) => u.gaps) : [];
  const add = async (v: any) => {
    setError(null);
    try { await post('/leaders/duty/shifts', { unitId: v.unitId ?? '', date: v.date, startHour: v.startHour, endHour: v.endHour, personName: v.personName ?? '', phone: v.phone || undefined }); load(); } catch (e) { setError(e); }
  };
  const units = data?.units ?? [];
  return (
    <>
      <ErrorAlert error={error} />
      {data && (gaps.length
        ? <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="duty-gaps" title={`${articleLabel(80)}：24小时值班，未来${data.horizonDays}日有 ${gaps.length} 处空档`}
            description={<ul style={{ margin: 0, paddingLeft: 20 }}>{gaps.map((g: any, i: number) => <li key={i}>{g.message}</li>)}</ul>} />
        : <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`未来${data.horizonDays}日值班已排满（${articleLabel(80)}）`} />)}
      <Space style={{ marginBottom: 12 }} wrap>
        <span>起始日期</span><Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Checkbox checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)}>只看有空档的单位</Checkbox>
        <ExportButton href={`/leaders/duty.xlsx?from=${from}`} label="导出值班表（Excel）" />
      </Space>
      <Card size="small" title="排班" style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={add} initialValues={{ date: from, startHour: 0, endHour: 24 }}>
          <Form.Item name="unitId" label="单位"><Select style={{ width: 180 }} showSearch optionFilterProp="label" options={units.map((u: any) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="date" label="日期"><Input type="date" /></Form.Item>
          <Form.Item name="startHour" label="自"><InputNumber min={0} max={24} /></Form.Item>
          <Form.Item name="endHour" label="至"><InputNumber min={0} max={24} /></Form.Item>
          <Form.Item name="personName" label="值班人员"><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="phone" label="电话"><Input style={{ width: 130 }} /></Form.Item>
          <Button htmlType="submit">排班</Button>
        </Form>
      </Card>
      <Table rowKey="id" size="small" pagination={false} scroll={{ x: 1200, y: 560 }} data-testid="duty-roster"
        dataSource={onlyGaps ? units.filter((u: any) => u.gaps.length) : units}
        columns={[
          { title: '单位', dataIndex: 'name', width: 140, fixed: 'left' as const, render: (n: string, u: any) => <span>{n}{u.gaps.length > 0 && <Tag color="red" style={{ marginLeft: 4 }}>空档</Tag>}</span> },
          ...days.map((d) => ({
            title: d.slice(5), key: d, width: 150,
            render: (_: any, u: any) => {
              const shifts = u.shifts.filter((s: any) => s.date === d);
              const g = u.gaps.filter((x: any) => x.details.date === d);
              return (
                <div style={{ fontSize: 12, background: g.length ? '#fff1f0' : undefined }}>
                  {shifts.map((s: any, i: number) => <div key={i}>{s.startHour}—{s.endHour}时 {s.personName}</div>)}
                  {g.map((x: any, i: number) => <div key={`g${i}`} style={{ color: '#cf1322' }} data-testid="gap">{x.details.startHour}—{x.details.endHour}时 无人值班</div>)}
                </div>
              );
            },
          })),
        ]} />
    </>
  );
}

function Research() {
  const year = Number(todayIso().slice(0, 4));
  const [y, setY] = useState(year);
  const [rows, setRows] = useState<any[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => { get(`/leaders/research?year=${y}`).then((d) => setRows(d.leaders), setError); }, [y]);
  useEffect(load, [load]);
  const add = async (v: any) => {
    setError(null);
    try { await post('/leaders/research', { personId: v.personId ?? '', from: v.from, to: v.to, place: v.place ?? '', topic: v.topic ?? '' }); form.resetFields(); load(); } catch (e) { setError(e); }
  };
  return (
    <>
      <ErrorAlert error={error} />
      <Space style={{ marginBottom: 12 }} wrap>
        <span>年度</span><Select value={y} onChange={setY} options={[year - 1, year].map((v) => ({ value: v, label: `${v}年` }))} style={{ width: 100 }} />
        <Typography.Text type="secondary">{articleLabel(96)}：市政府领导同志每年到基层调研不少于60天。预计全年＝已调研天数按已过天数折算。</Typography.Text>
        <ExportButton href={`/leaders/research.xlsx?year=${y}`} />
      </Space>
      <Card size="small" title="登记基层调研（只登记已完成的调研）" style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={add} initialValues={{ from: todayIso(), to: todayIso() }}>
          <Form.Item name="personId" label="领导"><Select style={{ width: 180 }} options={rows.filter((r) => r.personId).map((r) => ({ value: r.personId, label: `${r.personName}（${r.title}）` }))} /></Form.Item>
          <Form.Item name="from" label="自"><Input type="date" /></Form.Item>
          <Form.Item name="to" label="至"><Input type="date" /></Form.Item>
          <Form.Item name="place" label="地点"><Input style={{ width: 110 }} /></Form.Item>
          <Form.Item name="topic" label="主题"><Input style={{ width: 200 }} /></Form.Item>
          <Button htmlType="submit" type="primary">登记</Button>
        </Form>
      </Card>
      <Table rowKey="positionId" size="small" pagination={false} dataSource={rows} data-testid="research-tracker"
        expandable={{ expandedRowRender: (r: any) => (
          <Table rowKey={(e: any) => e.from} size="small" pagination={false} dataSource={r.entries.filter((e: any) => e.from.startsWith(String(y)))} columns={[
            { title: '起止', render: (_: any, e: any) => `${e.from} 至 ${e.to}` }, { title: '地点', dataIndex: 'place' }, { title: '主题', dataIndex: 'topic' },
          ]} />
        ) }}
        columns={[
          { title: '职务', dataIndex: 'title', width: 110 }, { title: '姓名', dataIndex: 'personName', width: 90 },
          { title: `已调研 / 要求（${articleLabel(96)}）`, width: 320, render: (_: any, r: any) => (
            <Tooltip title={`按进度应已调研约 ${r.progress.expectedByNow} 天`}>
              <Progress percent={Math.min(100, Math.round((r.progress.days / r.progress.minimum) * 100))} success={{ percent: Math.min(100, Math.round((r.progress.expectedByNow / r.progress.minimum) * 100)) }}
                format={() => `${r.progress.days} / ${r.progress.minimum} 天`} status={r.progress.onTrack ? 'normal' : 'exception'} />
            </Tooltip>
          ) },
          { title: '按进度应达', width: 100, render: (_: any, r: any) => `${r.progress.expectedByNow} 天` },
          { title: '预计全年', width: 100, render: (_: any, r: any) => `${r.progress.projected} 天` },
          { title: '尚需', width: 80, render: (_: any, r: any) => `${r.progress.remaining} 天` },
          { title: '', width: 110, render: (_: any, r: any) => (r.progress.onTrack ? <Tag color="green">可达到要求</Tag> : <Tag color="red">进度滞后</Tag>) },
        ]} />
    </>
  );
}

const APPROVAL_KINDS = [{ value: 'speech', label: '讲话' }, { value: 'article', label: '文章' }, { value: 'inscription', label: '题词、题字' }, { value: 'preface', label: '作序' }];
const APPROVAL_STATUS: Record<string, { label: string; color: string }> = { pending: { label: '待审批', color: 'orange' }, approved: { label: '已批准', color: 'green' }, rejected: { label: '不同意', color: 'red' }, not_required: { label: '无需报批', color: 'default' } };

function Approvals() {
  const [rows, setRows] = useState<any[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<any>(null);
  const [units, setUnits] = useState<any[]>([]);
  const members = useMembers();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const load = useCallback(() => { get('/leaders/approvals').then((d) => setRows(d.approvals), setError); }, []);
  useEffect(load, [load]);
  useEffect(() => { get('/supervision/units').then((d) => setUnits(d.units), () => {}); }, []);
  const apply = async (v: any) => {
    setError(null); setResult(null);
    try {
      const r = await post('/leaders/approvals', { kind: v.kind, title: v.title ?? '', authorPersonId: v.authorPersonId ?? '', capacity: v.capacity, touchesUndecidedMajorMatter: !!v.touches, applicantUnitId: v.applicantUnitId || undefined, exceptionReason: v.exceptionReason || undefined });
      setResult(r); form.resetFields(); load();
    } catch (e) { setError(e); }
  };
  const decide = async (id: string, approve: boolean, version: number) => {
    setError(null);
    try { await post(`/leaders/approvals/${id}/decide`, { approve, note: approve ? '同意' : '不同意', version }); load(); } catch (e) { setError(e); }
  };
  return (
    <>
      <ErrorAlert error={error} />
      {result && <Alert type={result.required ? 'warning' : 'success'} showIcon closable style={{ marginBottom: 12 }} title={result.reason} />}
      <Card size="small" title={`报批（${articleLabel(78)}：讲话、文章事先报批；${articleLabel(98)}：原则上不题词，特殊情况由主办单位报批）`} style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={apply} initialValues={{ kind: 'speech', capacity: 'government' }}>
          <Form.Item name="kind" label="类别"><Select style={{ width: 110 }} options={APPROVAL_KINDS} /></Form.Item>
          <Form.Item name="title" label="题目"><Input style={{ width: 220 }} /></Form.Item>
          <Form.Item name="authorPersonId" label="作者"><Select style={{ width: 180 }} showSearch optionFilterProp="label" options={members.map((m) => ({ value: m.personId, label: `${m.personName}（${m.title}）` }))} /></Form.Item>
          <Form.Item name="capacity" label="名义"><Select style={{ width: 120 }} options={[{ value: 'government', label: '代表市政府' }, { value: 'personal', label: '个人' }]} /></Form.Item>
          <Form.Item name="touches" valuePropName="checked"><Checkbox>涉及未经市政府研究决定的重大问题</Checkbox></Form.Item>
          {(kind === 'inscription' || kind === 'preface') && <>
            <Form.Item name="applicantUnitId" label="主办单位"><Select style={{ width: 160 }} showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
            <Form.Item name="exceptionReason" label="特殊情况"><Input style={{ width: 200 }} /></Form.Item>
          </>}
          <Button htmlType="submit" type="primary">提交</Button>
        </Form>
      </Card>
      <Space style={{ marginBottom: 12 }}><ExportButton href="/leaders/approvals.xlsx" /></Space>
      <Table rowKey="id" size="small" pagination={false} dataSource={rows} data-testid="approvals" columns={[
        { title: '题目', dataIndex: 'title' },
        { title: '类别', dataIndex: 'kind', width: 90, render: (k: string) => APPROVAL_KINDS.find((x) => x.value === k)?.label },
        { title: '作者', dataIndex: 'authorName', width: 80 },
        { title: '名义', dataIndex: 'capacity', width: 90, render: (c: string, r: any) => <span>{c === 'government' ? '代表市政府' : '个人'}{r.touches_undecided && <Tag color="orange">涉及未决重大问题</Tag>}</span> },
        { title: '主办单位', dataIndex: 'applicantUnit', width: 110, render: (u: string | null) => u ?? '—' },
        { title: '依据', dataIndex: 'article', width: 90, render: (a: number) => articleLabel(a) },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag color={APPROVAL_STATUS[s]?.color}>{APPROVAL_STATUS[s]?.label}</Tag> },
        { title: '审批', width: 200, render: (_: any, r: any) => r.status === 'pending'
          ? <Space><Button size="small" type="primary" onClick={() => decide(r.id, true, r.version)}>同意</Button><Button size="small" danger onClick={() => decide(r.id, false, r.version)}>不同意</Button></Space>
          : <Typography.Text type="secondary">{r.decided_by ?? ''}{r.decision_note ? `：${r.decision_note}` : ''}</Typography.Text> },
      ]} />
    </>
  );
}
