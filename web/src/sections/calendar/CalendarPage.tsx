import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { dayNumberOf, daysInMonth, fromDayNumber, weekdayOf } from '../../../../src/domain/calendar/date.ts';

interface ArrangedDay { date: string; kind: 'off' | 'makeup'; holiday: string; notice: string }
interface YearView { year: number; loaded: boolean; notice: { title: string; number: string; date: string } | null; days: ArrangedDay[] }

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

/** One month as a grid: days off in red with their holiday, makeup working days marked 班. */
function Month({ year, month, days }: { year: number; month: number; days: Map<string, ArrangedDay> }) {
  const first = dayNumberOf(year, month, 1);
  const lead = weekdayOf(first);
  const n = daysInMonth(year, month);
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: n }, (_, i) => first + i)];
  return (
    <Card size="small" title={`${month}月`} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12, textAlign: 'center' }}>
        {WEEK.map((w) => <div key={w} style={{ color: '#999' }}>{w}</div>)}
        {cells.map((c, i) => {
          if (c === null) return <div key={`e${i}`} />;
          const date = fromDayNumber(c);
          const a = days.get(date);
          const weekend = weekdayOf(c) === 0 || weekdayOf(c) === 6;
          const style: React.CSSProperties = {
            borderRadius: 4, padding: '2px 0', position: 'relative',
            background: a?.kind === 'off' ? '#fff1f0' : a?.kind === 'makeup' ? '#e6f4ff' : undefined,
            color: a?.kind === 'off' ? '#cf1322' : a?.kind === 'makeup' ? '#0958d9' : weekend ? '#999' : undefined,
            fontWeight: a ? 600 : undefined,
          };
          const cell = (
            <div style={style} data-testid={`day-${date}`} data-kind={a?.kind ?? (weekend ? 'weekend' : 'workday')}>
              {Number(date.slice(8))}
              {a?.kind === 'makeup' && <sup style={{ fontSize: 9 }}>班</sup>}
              {a?.kind === 'off' && <sup style={{ fontSize: 9 }}>休</sup>}
            </div>
          );
          return a ? <Tooltip key={date} title={`${date} ${a.holiday}${a.kind === 'off' ? '放假' : '调休上班'}（${a.notice}）`}>{cell}</Tooltip> : <div key={date}>{cell}</div>;
        })}
      </div>
    </Card>
  );
}

/** The working-day calendar: a year at a glance, the loaded notices, and the import of a new year. */
export function CalendarPage() {
  const [years, setYears] = useState<any>(null);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [view, setView] = useState<YearView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const loadYears = () => get('/calendar/years').then(setYears, setError);
  useEffect(() => { loadYears(); }, []);
  useEffect(() => { get(`/calendar/years/${year}`).then(setView, setError); }, [year, imported]);

  const days = useMemo(() => new Map((view?.days ?? []).map((d) => [d.date, d])), [view]);
  const holidays = useMemo(() => {
    const byName = new Map<string, { name: string; off: string[]; makeup: string[] }>();
    for (const d of view?.days ?? []) {
      const h = byName.get(d.holiday) ?? { name: d.holiday, off: [], makeup: [] };
      (d.kind === 'off' ? h.off : h.makeup).push(d.date);
      byName.set(d.holiday, h);
    }
    return [...byName.values()];
  }, [view]);
  const yearOptions = useMemo(() => {
    const loaded: number[] = (years?.years ?? []).map((y: any) => y.year);
    const all = new Set([...loaded, Math.max(...loaded, year) + 1, year]);
    return [...all].sort().map((y) => ({ label: loaded.includes(y) ? `${y}` : `${y}（未加载）`, value: y }));
  }, [years, year]);

  const submit = async (v: { yaml: string; reason?: string }) => {
    setBusy(true);
    setImportError(null);
    try {
      const r = await post('/calendar/years', { yaml: v.yaml, reason: v.reason });
      setImported(`已导入 ${r.year} 年节假日安排（${r.notice}），重算期限 ${r.recomputed} 项`);
      form.resetFields();
      setYear(r.year);
      loadYears();
    } catch (e) {
      setImportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="calendar-page">
      <ErrorAlert error={error} />
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text strong>年份</Typography.Text>
        <Segmented options={yearOptions} value={year} onChange={(v) => setYear(Number(v))} />
        <Tag color="red">休 放假日</Tag>
        <Tag color="blue">班 调休上班日</Tag>
      </Space>
      {view && !view.loaded && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="year-unknown"
          title={`${view.year} 年的节假日安排尚未加载`}
          description="在此年份内计算的期限按普通周末推算并标注“日历未知”；导入国务院办公厅通知后自动重算。"
        />
      )}
      {view?.notice && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="通知">{view.notice.title}</Descriptions.Item>
            <Descriptions.Item label="文号">{view.notice.number}</Descriptions.Item>
            <Descriptions.Item label="日期">{view.notice.date}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Row gutter={[12, 12]}>
        {Array.from({ length: 12 }, (_, i) => (
          <Col key={i} xs={24} sm={12} md={8} lg={6} xl={4}>
            <Month year={year} month={i + 1} days={days} />
          </Col>
        ))}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Card size="small" title={`${year} 年放假调休`}>
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={holidays}
              columns={[
                { title: '节日', dataIndex: 'name' },
                { title: '放假', render: (_, h) => (h.off.length ? `${h.off[0]} 至 ${h.off[h.off.length - 1]}，共 ${h.off.length} 天` : '—') },
                { title: '调休上班', render: (_, h) => h.makeup.join('、') || '—' },
              ]}
            />
          </Card>
          <Card size="small" title="已加载的年份" style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              dataSource={years?.years ?? []}
              columns={[
                { title: '年份', dataIndex: 'year' },
                { title: '通知文号', render: (_, y: any) => y.notice.number },
                { title: '通知日期', render: (_, y: any) => y.notice.date },
                { title: '来源', render: (_, y: any) => (y.source === 'imported' ? <Tag color="purple">管理员导入</Tag> : <Tag>随系统提供</Tag>) },
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="导入新一年的节假日安排">
            {imported && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={imported} />}
            <ErrorAlert error={importError} />
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item
                name="yaml"
                label="节假日安排（YAML，格式同 calendar/2026.yaml：年份、通知标题/文号/日期、各节日的放假区间和调休上班日）"
                rules={[{ required: true, message: '请粘贴节假日安排' }]}
              >
                <Input.TextArea rows={12} style={{ fontFamily: 'monospace' }} data-testid="import-yaml" />
              </Form.Item>
              <Form.Item name="reason" label="说明（记入审计）">
                <Input placeholder="如：国务院办公厅通知已印发" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="import-submit">校验并导入</Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
