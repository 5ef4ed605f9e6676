// Staff forms of the 公开 page: the published items with their status (修订、废止, 第三十九条), the
// interpretation of a policy by its drafting unit (第四十条 谁起草、谁解读, the unit of the logged-in
// person), what became of issued documents' 公开属性, and emergency releases (第四十一条). Every refusal is
// shown with all its violated rules and articles.
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';

const STATUS_COLOR: Record<string, string> = { in_force: 'green', amended: 'orange', repealed: 'red' };
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

function StatusForm({ item, items, onDone }: { item: any; items: any[]; onDone: () => void }) {
  const [err, setErr] = useState<unknown>();
  const [form] = Form.useForm();
  const submit = async (v: any) => {
    setErr(undefined);
    try {
      await post(`/openness/items/${item.id}/status`, { status: v.status, byItemId: v.byItemId || undefined, note: v.note ?? '', on: v.on || today(), version: item.version });
      form.resetFields();
      onDone();
    } catch (e) { setErr(e); }
  };
  return (
    <Card size="small" title="登记修订或废止（第三十九条）" data-testid="status-form">
      <ErrorAlert error={err} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ status: 'repealed', on: today() }}>
        <Space wrap>
          <Form.Item name="status" label="效力状态"><Select style={{ width: 140 }} options={[{ value: 'amended', label: '已修订' }, { value: 'repealed', label: '已废止' }]} data-testid="status-select" /></Form.Item>
          <Form.Item name="on" label="生效日期"><Input type="date" /></Form.Item>
          <Form.Item name="byItemId" label="依据文件（修订或废止它的文件）">
            <Select allowClear showSearch style={{ width: 420 }} optionFilterProp="label" data-testid="status-by"
              options={items.filter((x) => x.id !== item.id && x.kind !== 'interpretation').map((x) => ({ value: x.id, label: `${x.docNumber ?? ''} ${x.title}` }))} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="说明"><Input.TextArea rows={2} data-testid="status-note" /></Form.Item>
        <Button htmlType="submit" type="primary" disabled={item.status === 'repealed'} data-testid="status-submit">登记</Button>
      </Form>
    </Card>
  );
}

function InterpretationForm({ item, onDone }: { item: any; onDone: () => void }) {
  const [err, setErr] = useState<unknown>();
  const [mine, setMine] = useState<{ units: { unitId: string; unitName: string }[]; anyUnit: boolean }>({ units: [], anyUnit: false });
  const [form] = Form.useForm();
  useEffect(() => { get('/openness/my-units').then(setMine); }, []);
  // the office may record for any unit; anyone else publishes in the name of the unit they work in
  const own = mine.units.find((u) => u.unitId === item.draftingUnitId);
  const options = mine.units;
  const submit = async (v: any) => {
    setErr(undefined);
    const unit = options.find((u) => u.unitId === v.unitId);
    try {
      await post(`/openness/items/${item.id}/interpretations`, { unitId: v.unitId ?? '', unitName: unit?.unitName ?? '', title: v.title ?? '', body: v.body ?? '', form: v.form });
      form.resetFields();
      onDone();
    } catch (e) { setErr(e); }
  };
  return (
    <Card size="small" title="发布政策解读（第四十条 谁起草、谁解读）" data-testid="interpretation-form">
      <ErrorAlert error={err} />
      <Typography.Paragraph type="secondary">解读由政策起草单位发布，与政策双向关联。{own ? `本政策的起草单位：${own.unitName}。` : ''}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ form: '文字解读', unitId: own?.unitId ?? options[0]?.unitId }} key={options.map((u) => u.unitId).join()}>
        <Space wrap>
          <Form.Item name="unitId" label="解读单位"><Select style={{ width: 280 }} options={options.map((u) => ({ value: u.unitId, label: u.unitName }))} data-testid="interpretation-unit" /></Form.Item>
          <Form.Item name="form" label="形式"><Select style={{ width: 140 }} options={['文字解读', '图解', '问答', '视频', '新闻发布会'].map((x) => ({ value: x, label: x }))} /></Form.Item>
        </Space>
        <Form.Item name="title" label="标题"><Input data-testid="interpretation-title" /></Form.Item>
        <Form.Item name="body" label="解读内容"><Input.TextArea rows={4} data-testid="interpretation-body" /></Form.Item>
        <Button htmlType="submit" type="primary" data-testid="interpretation-submit">发布解读</Button>
      </Form>
    </Card>
  );
}

export function PublishedItems() {
  const [rows, setRows] = useState<any[]>([]);
  const [sel, setSel] = useState<string | null>(null);
  const [item, setItem] = useState<any>();
  const load = useCallback(async () => {
    const r = await get('/openness/items?page=1');
    setRows(r.items);
    if (sel) setItem(await get(`/openness/items/${sel}`));
  }, [sel]);
  useEffect(() => { load(); }, [load]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table rowKey="id" size="small" dataSource={rows} data-testid="published-table" pagination={{ pageSize: 15 }}
        onRow={(r) => ({ onClick: () => setSel(r.id), style: { cursor: 'pointer' } })} columns={[
          { title: '标题', dataIndex: 'title' }, { title: '发文字号', dataIndex: 'docNumber' }, { title: '类别', dataIndex: 'kindLabel' },
          { title: '发布机关', dataIndex: 'issuer' }, { title: '成文日期', dataIndex: 'issuedOn' },
          { title: '效力', render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag> },
        ]} />
      {item && (
        <Card title={item.title} data-testid="published-detail">
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="发文字号">{item.docNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="效力">{item.statusLabel}{item.statusNote ? `（${item.statusNote}）` : ''}</Descriptions.Item>
            <Descriptions.Item label="解读" span={2}>{item.interpretations.map((x: any) => x.title).join('；') || '暂无'}</Descriptions.Item>
          </Descriptions>
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
            {item.kind !== 'interpretation' && item.kind !== 'emergency' && <StatusForm item={item} items={rows} onDone={load} />}
            {['document', 'policy'].includes(item.kind) && <InterpretationForm item={item} onDone={load} />}
          </Space>
        </Card>
      )}
    </Space>
  );
}

export function DocumentDisclosures() {
  const [rows, setRows] = useState<any[]>([]);
  useEffect(() => { get('/openness/document-disclosures').then((r) => setRows(r.documents)); }, []);
  return <Table rowKey="documentId" size="small" dataSource={rows} data-testid="disclosures-table" columns={[
    { title: '公文', dataIndex: 'title' }, { title: '发文字号', dataIndex: 'docNumber' }, { title: '印发日期', dataIndex: 'issuedOn' },
    { title: '公开属性', dataIndex: 'attribute' },
    { title: '处理', render: (_, r) => <Tag color={r.disposition === 'published' ? 'green' : r.disposition === 'withheld' ? 'default' : r.disposition === 'pending' ? 'orange' : 'blue'}>{r.dispositionLabel}</Tag> },
    { title: '理由或说明', render: (_, r) => r.reason ?? r.note ?? '' },
  ]} />;
}

const ENTRY_KINDS = [['upward_report', '向上级报告'], ['fact_release', '发布事实'], ['update', '更新'], ['correction', '澄清不实信息']];

function EmergencyEntryForm({ eventId, onDone }: { eventId: string; onDone: () => void }) {
  const [err, setErr] = useState<unknown>();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const submit = async (v: any) => {
    setErr(undefined);
    try {
      await post(`/openness/emergencies/${eventId}/entries`, { kind: v.kind, content: v.content ?? '', reportedTo: v.reportedTo || undefined, corrects: v.corrects || undefined });
      form.resetFields();
      onDone();
    } catch (e) { setErr(e); }
  };
  return (
    <>
      <ErrorAlert error={err} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'upward_report' }}>
        <Space wrap>
          <Form.Item name="kind" label="类型"><Select style={{ width: 160 }} options={ENTRY_KINDS.map(([value, label]) => ({ value, label }))} data-testid="entry-kind" /></Form.Item>
          {kind === 'upward_report' && <Form.Item name="reportedTo" label="报告对象"><Input style={{ width: 240 }} placeholder="如：市委总值班室、省政府总值班室" data-testid="entry-reported-to" /></Form.Item>}
          {kind === 'correction' && <Form.Item name="corrects" label="所澄清的不实或不完整信息"><Input style={{ width: 320 }} /></Form.Item>}
        </Space>
        <Form.Item name="content" label="内容（快报事实、慎报原因）"><Input.TextArea rows={2} data-testid="entry-content" /></Form.Item>
        <Button htmlType="submit" data-testid="entry-submit">登记</Button>
      </Form>
    </>
  );
}

export function EmergencyForms() {
  const [rows, setRows] = useState<any[]>([]);
  const [err, setErr] = useState<unknown>();
  const [form] = Form.useForm();
  const load = useCallback(() => get('/openness/emergencies').then((r) => setRows(r.events)), []);
  useEffect(() => { load(); }, [load]);
  const open = async (v: any) => {
    setErr(undefined);
    try {
      await post('/openness/emergencies', { title: v.title ?? '', unitName: v.unitName ?? '', occurredAt: new Date(v.occurredAt || Date.now()).toISOString() });
      form.resetFields();
      await load();
    } catch (e) { setErr(e); }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="登记突发事件（第四十一条：先报告，再快报事实，后续更新）" data-testid="emergency-form">
        <ErrorAlert error={err} />
        <Form form={form} layout="inline" onFinish={open}>
          <Form.Item name="title" label="事件"><Input style={{ width: 260 }} data-testid="emergency-title" /></Form.Item>
          <Form.Item name="unitName" label="发布单位"><Input style={{ width: 200 }} data-testid="emergency-unit" /></Form.Item>
          <Form.Item name="occurredAt" label="发生时间"><Input type="datetime-local" /></Form.Item>
          <Button htmlType="submit" type="primary" data-testid="emergency-submit">登记</Button>
        </Form>
      </Card>
      {rows.map((e) => (
        <Card key={e.id} size="small" title={`${e.title} · ${e.unitName}`} data-testid="emergency-event">
          <Timeline items={e.entries.map((x: any) => ({ children: <><Tag>{x.kindLabel}</Tag>{x.reportedTo ? `报送：${x.reportedTo}。` : ''}{x.corrects ? `澄清：${x.corrects}。` : ''}{x.content}{x.publishedItemId ? <Tag color="green" style={{ marginLeft: 8 }}>已公开</Tag> : null}</> }))} />
          <EmergencyEntryForm eventId={e.id} onDone={load} />
        </Card>
      ))}
    </Space>
  );
}
