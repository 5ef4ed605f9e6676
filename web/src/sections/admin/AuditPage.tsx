// 安全审计 (GB/T 22239-2019 8.1.4.3, 8.1.10.3): the auditor searches the record by person, action,
// object, article and time, exports what was found to Excel, and verifies the SM3 chain. What the
// administrators did appears only for a holder of audit.review; the server leaves it out otherwise.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Result, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { articleLabel, get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';

interface Filters { person?: string; action?: string; objectType?: string; objectId?: string; article?: number; range?: [Dayjs | null, Dayjs | null] | null }

const CHECK: Record<string, string> = { position: '链位置（记录缺失）', prev_hash: '前一记录哈希（删除、插入或重排）', content_hash: '记录内容哈希（被篡改）' };

function query(f: Filters, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams();
  for (const k of ['person', 'action', 'objectType', 'objectId'] as const) if (f[k]) q.set(k, String(f[k]).trim());
  if (f.article) q.set('article', String(f.article));
  if (f.range?.[0]) q.set('from', f.range[0].format('YYYY-MM-DD'));
  if (f.range?.[1]) q.set('to', f.range[1].format('YYYY-MM-DD'));
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  return q.toString();
}

const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

export function AuditPage() {
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [result, setResult] = useState<any>(null);
  const [status, setStatus] = useState<any>(null);
  const [verify, setVerify] = useState<any>(null);
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => { get('/audit/status').then(setStatus, setError); }, []);
  useEffect(() => {
    get(`/audit/search?${query(filters, page)}`).then((r) => { setResult(r); setError(null); }, setError);
  }, [filters, page]);

  const runVerify = () => {
    setVerifying(true);
    get('/audit/verify').then(setVerify, setError).finally(() => setVerifying(false));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <ErrorAlert error={error} />
      <Card title="检索审计记录" data-testid="audit-search">
        <Form form={form} layout="inline" onFinish={(v) => { setFilters(v); setPage((p) => ({ ...p, page: 1 })); }}>
          <Form.Item name="person" label="操作人"><Input allowClear placeholder="姓名、账号" style={{ width: 140 }} /></Form.Item>
          <Form.Item name="action" label="操作"><Input allowClear placeholder="如 document. 或 auth.login" style={{ width: 190 }} /></Form.Item>
          <Form.Item name="objectType" label="对象类型"><Input allowClear placeholder="如 document" style={{ width: 120 }} /></Form.Item>
          <Form.Item name="objectId" label="对象编号"><Input allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="article" label="依据条款"><InputNumber min={1} max={999} placeholder="第N条" style={{ width: 90 }} /></Form.Item>
          <Form.Item name="range" label="时间"><DatePicker.RangePicker /></Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search-submit">检索</Button>
              <Button onClick={() => { form.resetFields(); setFilters({}); }}>重置</Button>
              {/* a plain link: the browser downloads the workbook with the session cookie; the export is itself recorded */}
              <Button href={`/api/v1/audit/export.xlsx?${query(filters)}`} data-testid="audit-export">导出 Excel</Button>
            </Space>
          </Form.Item>
        </Form>
        <Table
          style={{ marginTop: 16 }}
          rowKey="seq"
          size="small"
          dataSource={result?.records ?? []}
          pagination={{ current: page.page, pageSize: page.pageSize, total: result?.total ?? 0, showTotal: (t) => `共 ${t} 条`,
            onChange: (p, ps) => setPage({ page: p, pageSize: ps }) }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: beijing },
            { title: '操作人', dataIndex: 'actorName', width: 160, render: (v, r: any) => <>{v ?? '—'}{r.adminAction && <Tag color="volcano" style={{ marginLeft: 4 }}>管理员</Tag>}</> },
            { title: '操作', dataIndex: 'action', width: 220 },
            { title: '对象', key: 'object', render: (_, r: any) => `${r.objectType} ${r.objectId}` },
            { title: '依据条款', dataIndex: 'article', width: 100, render: (a) => (a ? articleLabel(a) : '') },
            { title: '地址', dataIndex: 'ip', width: 120 },
            { title: '记录哈希', dataIndex: 'hash', width: 130, render: (h) => (h ? <code title={h}>{h.slice(0, 12)}…</code> : '待封存') },
          ]}
          expandable={{ expandedRowRender: (r: any) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.payload, null, 2)}</pre> }}
        />
      </Card>

      <Card title="审计链（SM3 哈希链）" data-testid="audit-chain">
        {status && (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="已封存至">第 {status.sealedUpTo} 位</Descriptions.Item>
            <Descriptions.Item label="待封存">{status.unsealed} 条</Descriptions.Item>
            <Descriptions.Item label="末条哈希"><code>{status.lastHash ?? '—'}</code></Descriptions.Item>
          </Descriptions>
        )}
        <Button style={{ marginTop: 16 }} loading={verifying} onClick={runVerify} data-testid="audit-verify">校验审计链</Button>
        {verify && (verify.ok
          ? <Result status="success" title={`审计链完整：已校验 ${verify.verified} 条记录`} subTitle={<code>{verify.lastHash}</code>} />
          : (
            <Result status="error" title={`审计链在第 ${verify.brokenChainPos} 位被破坏`} subTitle={verify.reason}>
              <Descriptions column={1} bordered size="small" data-testid="audit-broken">
                <Descriptions.Item label="记录序号">{verify.brokenSeq}</Descriptions.Item>
                <Descriptions.Item label="记录时间">{verify.broken?.at ? beijing(verify.broken.at) : '—'}</Descriptions.Item>
                <Descriptions.Item label="未通过的校验">{CHECK[verify.check] ?? verify.check}</Descriptions.Item>
                {verify.broken?.otherGovernment
                  ? <Descriptions.Item label="记录">属于本平台上的其他政府，内容不在此显示</Descriptions.Item>
                  : <Descriptions.Item label="记录">{verify.broken?.actorName ?? '—'} · {verify.broken?.action} · {verify.broken?.objectType} {verify.broken?.objectId}</Descriptions.Item>}
                <Descriptions.Item label="此前完好">{verify.verified} 条</Descriptions.Item>
              </Descriptions>
              <Alert style={{ marginTop: 12 }} type="warning" showIcon message="请保全现场并报告：以最近一次归档（zhengtong audit verify-archive）核对被破坏记录的原始内容。" />
            </Result>
          ))}
      </Card>
    </Space>
  );
}
