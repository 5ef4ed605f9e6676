import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { articleLabel, get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { DeadlineTag } from '../calendar/DeadlineTag.tsx';
import { HandlerTag, fmtTime, todayIso } from './common.tsx';
import { ItemActionModal, STAGES } from './SupervisionPage.tsx';

const EVENT: Record<string, { label: string; color: string }> = {
  stage: { label: '环节', color: 'blue' }, progress: { label: '进展报告', color: 'green' }, chase: { label: '催办', color: 'orange' }, government_report: { label: '向市政府报告', color: 'purple' },
};
const ACTION: Record<string, string> = {
  'supervision.opened': '立项', 'supervision.stage': '推进环节', 'supervision.closed': '办结（结论运用）', 'supervision.progress': '报告进展',
  'supervision.chase': '人工催办', 'supervision.chased': '自动催办', 'supervision.escalated': '逾期升级', 'supervision.government_report': '向市政府报告整改',
  'deadline.set': '设定时限', 'deadline.recomputed': '时限重算',
};

/** One item: its five stages with dates, events, and the full trail from the audit record (第五十条 责任倒查). */
export function ItemDetail() {
  const { id } = useParams();
  const [item, setItem] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [action, setAction] = useState<any>(null);
  const load = useCallback(() => { get(`/supervision/items/${id}`).then(setItem, setError); }, [id]);
  useEffect(load, [load]);
  if (!item) return <><ErrorAlert error={error} /><Card loading /></>;
  const stageOn = (s: string) => item.events.find((e: any) => e.event_type === 'stage' && e.stage === s);
  return (
    <div data-testid="item-detail">
      <Space style={{ marginBottom: 12 }}>
        <Link to="/supervision">← 返回督查事项</Link>
      </Space>
      <ErrorAlert error={error} />
      <Card title={item.title} extra={!item.closedOn && (
        <Space>
          <Button size="small" onClick={() => setAction({ kind: 'advance', item })}>推进</Button>
          <Button size="small" onClick={() => setAction({ kind: 'progress', item })}>报告进展</Button>
          <Button size="small" onClick={() => setAction({ kind: 'chase', item })}>催办</Button>
        </Space>
      )}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="督查方式"><Tag>{item.kindLabel}</Tag>{item.scopeLabel}</Descriptions.Item>
          <Descriptions.Item label="督查单位">{item.supervisor}</Descriptions.Item>
          <Descriptions.Item label="市政府指定">{item.designation ? `${item.designation.ref}（${item.designation.on}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="牵头单位">{item.leadUnit}</Descriptions.Item>
          <Descriptions.Item label="配合单位">{item.cooperating.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="问题来源">{item.findingSource ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="分管市领导">{item.leader || '—'}</Descriptions.Item>
          <Descriptions.Item label="今日承办"><HandlerTag h={item.handler} /></Descriptions.Item>
          <Descriptions.Item label="来源">{item.source ? (item.source.type === 'instruction' ? <Link to={`/supervision/n/${item.source.id}`}>批示（查看闭环）</Link> : `${item.source.type} ${item.source.id}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label="办理时限">{item.closedOn ? `已于 ${item.closedOn} 办结（时限 ${item.due}）` : <DeadlineTag deadline={item.deadline} state={item.followUp.state} />}</Descriptions.Item>
          <Descriptions.Item label="催办">{item.followUp.chase && !item.closedOn ? `应催办：${item.followUp.escalateTo}` : `${item.followUp.chaseFrom} 起`}</Descriptions.Item>
          <Descriptions.Item label="整改报告">{item.kind === 'rectification' ? (item.reportedToGovernment ? '已向市政府报告' : `尚未向市政府报告（${articleLabel(45)}）`) : '—'}</Descriptions.Item>
        </Descriptions>
        <Steps size="small" style={{ marginTop: 16 }} current={item.stageIndex} status={item.closedOn ? 'finish' : 'process'} data-testid="item-stages"
          items={STAGES.map((s) => { const e = stageOn(s.value); return { title: s.label, description: e ? `${e.on_date}` : '未到' }; })} />
      </Card>
      <Card size="small" title="办理过程" style={{ marginTop: 16 }}>
        <Timeline items={item.events.map((e: any) => ({
          color: EVENT[e.event_type]?.color,
          children: (
            <div>
              <Typography.Text strong>{e.on_date}</Typography.Text> <Tag color={EVENT[e.event_type]?.color}>{e.event_type === 'stage' ? STAGES.find((s) => s.value === e.stage)?.label : EVENT[e.event_type]?.label}</Tag>
              {e.detail?.automatic && <Tag>定时催办</Tag>}
              {e.summary}
              {e.detail?.conclusion && <div>结论：{e.detail.conclusion}</div>}
              {e.detail?.incentive && <div>激励：{e.detail.incentive}</div>}
              <Typography.Text type="secondary"> —— {e.recorded_by}</Typography.Text>
            </div>
          ),
        }))} />
      </Card>
      <Card size="small" title={`责任倒查记录（${articleLabel(50)}：谁在何时作了什么决定，取自审计链）`} style={{ marginTop: 16 }}>
        <Table rowKey="seq" size="small" pagination={false} dataSource={item.trail} data-testid="item-trail" columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'at', width: 170, render: fmtTime },
          { title: '操作人', dataIndex: 'actor_name', width: 160 },
          { title: '事项', dataIndex: 'action', width: 140, render: (a: string) => ACTION[a] ?? a },
          { title: '依据', dataIndex: 'article', width: 100, render: (a: number | null) => (a ? articleLabel(a) : '') },
          { title: '内容', dataIndex: 'payload', render: (p: any) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p?.summary ?? p?.title ?? [p?.stageLabel, p?.on, p?.conclusion, p?.due && `时限 ${p.due}`, p?.escalateTo && `报${p.escalateTo}`].filter(Boolean).join('；')}</Typography.Text> },
        ]} />
      </Card>
      {action && <ItemActionModal {...action} today={todayIso()} onClose={(c: boolean) => { setAction(null); if (c) load(); }} />}
    </div>
  );
}
