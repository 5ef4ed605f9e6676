import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { articleLabel, get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { STATE_COLOR, STATE_LABEL, todayIso } from './common.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const BY = [{ value: 'department', label: '按牵头部门' }, { value: 'leader', label: '按分管市领导' }, { value: 'kind', label: '按督查方式' }, { value: 'month', label: '按月份' }];
const pct = (x: number | null) => (x == null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** 第五十条 performance: on-time and overdue rates by department, leader, kind or month over a period, with drill-down.
 *  Groups are in a fixed order (by name or month), never ranked (第九十三条). */
export function Performance() {
  const year = todayIso().slice(0, 4);
  const [by, setBy] = useState('department');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [group, setGroup] = useState<any>(null);
  const [drillPage, setDrillPage] = useState({ current: 1, pageSize: 20 });
  const [drill, setDrill] = useState<{ items: any[]; total: number } | null>(null);
  useEffect(() => { setGroup(null); get(`/supervision/performance?by=${by}&from=${from}&to=${to}`).then(setData, setError); }, [by, from, to]);
  useEffect(() => {
    setDrill(null);
    if (!group) return;
    const q = new URLSearchParams({ by, from, to, key: group.key, limit: String(drillPage.pageSize), offset: String((drillPage.current - 1) * drillPage.pageSize) });
    get(`/supervision/performance/items?${q}`).then(setDrill, setError);
  }, [group, drillPage]);
  const pick = (g: any) => { setDrillPage((p) => ({ ...p, current: 1 })); setGroup(g); };
  const option = useMemo(() => data && ({
    tooltip: { trigger: 'axis' },
    legend: { data: ['按期办结', '超期办结', '逾期未结', '未到期', '按时办结率'] },
    grid: { left: 40, right: 50, bottom: 80, top: 40 },
    xAxis: { type: 'category', data: data.groups.map((g: any) => g.label), axisLabel: { rotate: data.groups.length > 6 ? 35 : 0 } },
    yAxis: [{ type: 'value', name: '事项数', minInterval: 1 }, { type: 'value', name: '办结率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      { name: '按期办结', type: 'bar', stack: 'n', data: data.groups.map((g: any) => g.onTime), itemStyle: { color: '#52c41a' } },
      { name: '超期办结', type: 'bar', stack: 'n', data: data.groups.map((g: any) => g.late), itemStyle: { color: '#faad14' } },
      { name: '逾期未结', type: 'bar', stack: 'n', data: data.groups.map((g: any) => g.overdueOpen), itemStyle: { color: '#f5222d' } },
      { name: '未到期', type: 'bar', stack: 'n', data: data.groups.map((g: any) => g.open), itemStyle: { color: '#91caff' } },
      { name: '按时办结率', type: 'line', yAxisIndex: 1, data: data.groups.map((g: any) => (g.onTimeRate == null ? null : Math.round(g.onTimeRate * 1000) / 10)) },
    ],
  }), [data]);
  return (
    <div data-testid="performance">
      <ErrorAlert error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={by} onChange={(v) => setBy(String(v))} options={BY} />
        <span>办理时限在</span><Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 150 }} />
        <span>至</span><Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 150 }} />
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title={`${articleLabel(50)}：绩效管理和责任倒查。各组按名称（月份按时间）排列，不作排名；不对个人排名（${articleLabel(93)}：力戒形式主义）。按时办结率＝按期办结 ÷（已办结＋逾期未结）。`} />
      {data && (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space size="large">
              <span>事项 {data.totals.total}</span><span>按期办结 {data.totals.onTime}</span><span>超期办结 {data.totals.late}</span>
              <span>逾期未结 <Typography.Text type="danger">{data.totals.overdueOpen}</Typography.Text></span><span>未到期 {data.totals.open}</span>
              <span>按时办结率 {pct(data.totals.onTimeRate)}</span><span>逾期率 {pct(data.totals.overdueRate)}</span>
            </Space>
          </Card>
          <Card size="small" title="办结情况（点击柱形查看事项）" style={{ marginBottom: 12 }}>
            <ReactEChartsCore echarts={echarts} option={option} style={{ height: 340 }} notMerge onEvents={{ click: (p: any) => pick(data.groups[p.dataIndex]) }} />
          </Card>
          <Table rowKey="key" size="small" pagination={false} dataSource={data.groups} data-testid="performance-table"
            onRow={(g: any) => ({ onClick: () => pick(g), style: { cursor: 'pointer' } })}
            columns={[
              { title: BY.find((b) => b.value === by)?.label.slice(1), dataIndex: 'label' },
              { title: '事项', dataIndex: 'total' }, { title: '按期办结', dataIndex: 'onTime' }, { title: '超期办结', dataIndex: 'late' },
              { title: '逾期未结', dataIndex: 'overdueOpen' }, { title: '未到期', dataIndex: 'open' },
              { title: '按时办结率', dataIndex: 'onTimeRate', render: pct }, { title: '逾期率', dataIndex: 'overdueRate', render: pct },
            ]} />
          {group && (
            <Card size="small" title={`${group.label}：${group.total} 项`} style={{ marginTop: 12 }} data-testid="drill-down">
              <Table rowKey="id" size="small" loading={!drill} dataSource={drill?.items ?? []} columns={[
                { title: '督查事项', dataIndex: 'title', render: (t: string, r: any) => <Link to={`/supervision/i/${r.id}`}>{t}</Link> },
                { title: '牵头单位', dataIndex: 'leadUnit' }, { title: '办理时限', dataIndex: 'due' },
                { title: '办结日期', dataIndex: 'closedOn', render: (d: string | null) => d ?? '—' },
                { title: '状态', dataIndex: 'state', render: (s: string, r: any) => <Tag color={STATE_COLOR[s]}>{s === 'closed' ? (r.closedOn > r.due ? '超期办结' : '按期办结') : STATE_LABEL[s]}</Tag> },
              ]} pagination={{ ...drillPage, total: drill?.total ?? 0, showTotal: (t: number) => `共 ${t} 项`, onChange: (current: number, pageSize: number) => setDrillPage({ current, pageSize }) }} />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
