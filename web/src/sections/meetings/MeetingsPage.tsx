import { useCallback, useEffect, useState } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { Button, Card, Checkbox, Form, Input, List, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { MeetingDayPage } from './MeetingDayPage.tsx';
import { AddMaterial, TopicForm } from './TopicForm.tsx';
import { CitywideForm } from './CitywideForm.tsx';
import { MonthCalendar } from './MonthCalendar.tsx';
import { DeadlineTag } from '../calendar/DeadlineTag.tsx';
import { STATE_LABELS } from '../documents/labels.ts';
import { formatTime } from '../../lib/time.ts';

// 会议（第九章）：会议日历、议题看板（阶段与尚缺事项）、会后印发任务（第五十九条期限）、会议节奏与部门全市性会议。

export const STATUS_COLOR: Record<string, string> = { scheduled: 'blue', in_progress: 'green', ended: 'default', cancelled: 'red' };
export const STATE_COLOR: Record<string, string> = { on_time: 'green', due_soon: 'orange', overdue: 'red', calendar_unknown: 'purple' };
const TYPES = [
  { value: 'executive', label: '市政府常务会议' }, { value: 'plenary', label: '市政府全体会议' },
  { value: 'mayorsOffice', label: '市长办公会议' }, { value: 'special', label: '市政府专题会议' },
];
const fmt = formatTime;

export function MeetingsPage() {
  return (
    <Routes>
      <Route path="/" element={<MeetingsHome />} />
      <Route path="m/:id" element={<MeetingDayPage />} />
    </Routes>
  );
}

function MeetingsHome() {
  return (
    <div data-testid="meetings-page">
      <Typography.Title level={4}>会议</Typography.Title>
      <Tabs items={[
        { key: 'calendar', label: '会议日历', children: <MeetingCalendar /> },
        { key: 'topics', label: '议题看板', children: <TopicBoard /> },
        { key: 'tasks', label: '会后印发', children: <IssuanceTasks /> },
        { key: 'rhythm', label: '会议节奏', children: <Rhythm /> },
      ]} />
    </div>
  );
}

function MeetingCalendar() {
  const [rows, setRows] = useState<any[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<any[]>([]);
  const [today, setToday] = useState<string | null>(null);
  const [view, setView] = useState<'month' | 'list'>('month');
  const load = useCallback(() => { get('/meetings').then((d) => { setRows(d.meetings); setToday(d.today); }, setError); }, []);
  useEffect(load, [load]);
  const schedule = async (v: any) => {
    setError(null);
    try {
      const r = await post('/meetings', { type: v.type, startsAt: new Date(v.startsAt).toISOString(), place: v.place ?? '', video: !!v.video, ...(v.convenerPersonId ? { convenerPersonId: v.convenerPersonId } : {}) });
      setWarnings(r.warnings ?? []);
      load();
    } catch (e) { setError(e); }
  };
  return (
    <>
      <ErrorAlert error={error} />
      {warnings.map((w, i) => <Tag key={i} color="gold">{w.message}</Tag>)}
      <Card size="small" title="安排会议（主持人依第十条、第十三条、第五十五条确定；成员按组织机构计算）" style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={schedule} initialValues={{ type: 'executive' }}>
          <Form.Item name="type" label="类型"><Select options={TYPES} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="startsAt" label="时间" rules={[{ required: true, message: '请选择时间' }]}><Input type="datetime-local" /></Form.Item>
          <Form.Item name="place" label="地点"><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="video" valuePropName="checked"><Checkbox>视频会议</Checkbox></Form.Item>
          <Form.Item name="convenerPersonId" label="召集副市长（专题会议）"><Input style={{ width: 180 }} placeholder="person-…" /></Form.Item>
          <Button htmlType="submit" type="primary">安排</Button>
        </Form>
      </Card>
      <Space style={{ marginBottom: 8 }}>
        <Button type={view === 'month' ? 'primary' : 'default'} size="small" onClick={() => setView('month')} data-testid="view-month">月视图</Button>
        <Button type={view === 'list' ? 'primary' : 'default'} size="small" onClick={() => setView('list')} data-testid="view-list">列表</Button>
      </Space>
      {view === 'month' && <MonthCalendar rows={rows} today={today} />}
      {view === 'list' && <Table rowKey="id" size="small" dataSource={rows} pagination={false} columns={[
        { title: '时间', dataIndex: 'startsAt', render: fmt },
        { title: '会议', dataIndex: 'title', render: (t: string, r: any) => <Link to={`/meetings/m/${r.id}`} data-testid="meeting-link">{t}</Link> },
        { title: '主持', render: (_: any, r: any) => <Tooltip title={r.hostBasis}>{r.hostName}</Tooltip> },
        { title: '地点', render: (_: any, r: any) => `${r.place}${r.video ? '（视频）' : ''}` },
        { title: '议题', dataIndex: 'topics' },
        { title: '状态', render: (_: any, r: any) => <Tooltip title={r.cancelReason}><Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag></Tooltip> },
      ]} />}
    </>
  );
}

function TopicBoard() {
  const [rows, setRows] = useState<any[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [late, setLate] = useState<any[]>([]);
  const load = useCallback(() => { get('/meetings/topics/board').then((d) => setRows(d.topics), setError); }, []);
  useEffect(load, [load]);
  const step = async (id: string, s: string) => { setError(null); try { await post(`/meetings/topics/${id}/steps`, { step: s }); load(); } catch (e) { setError(e); } };
  const stepName: Record<string, string> = { viceMayorReview: 'propose', officeCollects: 'collect', secretaryGeneralVerifies: 'verify', mayorDecides: 'approve', viceMayorDecides: 'approve' };
  return (
    <>
      <TopicForm onCreated={load} />
      <ErrorAlert error={error} />
      {late.map((w, i) => <Tag key={i} color="gold" data-testid="material-late">{w.message}</Tag>)}
      <Table rowKey="id" size="small" dataSource={rows} pagination={false} data-testid="topic-board" columns={[
        { title: '议题', dataIndex: 'title' },
        { title: '类别', dataIndex: 'kindLabel' },
        { title: '会议', dataIndex: 'meetingTypeLabel' },
        { title: '汇报部门', dataIndex: 'department' },
        { title: '分管副市长', dataIndex: 'leaderName' },
        { title: '阶段（第五十六条）', render: (_: any, r: any) => <Tag color={r.stage === 'concluded' ? 'green' : r.stage === 'rejected' ? 'red' : 'blue'}>{r.stageLabel}</Tag> },
        {
          title: '尚缺', render: (_: any, r: any) => (
            <Space direction="vertical" size={2}>
              {r.nextSteps.map((s: any, i: number) => i === 0
                ? <Button key={s.step} size="small" onClick={() => step(r.id, stepName[s.step])}>办理：{s.label}</Button>
                : <Typography.Text key={s.step} type="secondary">待{s.label}</Typography.Text>)}
              {r.gaps.map((g: any, i: number) => <Typography.Text key={i} type="danger">{g.message}</Typography.Text>)}
              {r.requiredMaterials.length > 0 && <span>材料（{articleLabel(34)}）：{r.requiredMaterials.map((m: any) => <Tag key={m.kind} color={m.present ? 'green' : 'red'}>{m.label}</Tag>)}</span>}
              {!['concluded', 'rejected'].includes(r.stage) && <AddMaterial topicId={r.id} onAdded={(w) => { setLate(w); load(); }} />}
            </Space>
          ),
        },
      ]} />
    </>
  );
}

/** A 第五十九条 deadline with the shared DeadlineTag; an issued task shows when it went out. */
export function DeadlineCell({ t }: { t: any }) {
  if (!t.state) return <Tag data-testid="deadline-done">已办结 · 期限 {t.due}</Tag>;
  return <DeadlineTag deadline={{ label: t.label, due: t.due, remindFrom: t.remindFrom, unknownYears: t.unknownYears }} state={t.state} />;
}

/** The outgoing draft a decision created in the documents context, with its state in the register. */
export function DocumentLink({ t }: { t: any }) {
  if (!t.document) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} data-testid={`document-link-${t.id}`}>
      <Link to={`/documents/${t.document.id}`}>{t.document.title}</Link>
      <Tag>{STATE_LABELS[t.document.state] ?? t.document.state}</Tag>
      {t.document.number && <Typography.Text type="secondary">{t.document.number}</Typography.Text>}
    </Space>
  );
}

function IssuanceTasks() {
  const [rows, setRows] = useState<any[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get('/meetings/issuance-tasks').then((d) => setRows(d.tasks), setError); }, []);
  return (
    <>
      <ErrorAlert error={error} />
      <Table rowKey="id" size="small" dataSource={rows} pagination={false} columns={[
        { title: '文件', dataIndex: 'title' },
        { title: '类别', dataIndex: 'kindLabel' },
        { title: '来源议题', dataIndex: 'topicTitle' },
        { title: '期限（第五十九条）', render: (_: any, r: any) => <DeadlineCell t={r} /> },
        { title: '公文（发文登记）', render: (_: any, r: any) => <DocumentLink t={r} /> },
        { title: '名义', render: (_: any, r: any) => r.senderName ?? '—' },
        { title: '状态', render: (_: any, r: any) => (r.status === 'issued' ? <Tag>已印发 {r.issuedRef}</Tag> : <Tag color="blue">待印发</Tag>) },
      ]} />
    </>
  );
}

function Rhythm() {
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [cw, setCw] = useState<any[]>([]);
  const load = useCallback(() => { get('/meetings/rhythm').then(setData, setError); get('/meetings/citywide').then((d) => setCw(d.requests), setError); }, []);
  useEffect(load, [load]);
  const color: Record<string, string> = { below: 'orange', within: 'green', above: 'red', untracked: 'default' };
  const label: Record<string, string> = { below: '少于一般频次', within: '符合', above: '多于一般频次', untracked: '不设频次' };
  return (
    <>
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">“一般每年2次”“一般每月2次至3次”只作统计和提示，必要时可随时召开（第五十二条、第五十三条）。</Typography.Paragraph>
      <Table rowKey={(r: any) => r.type + r.period} size="small" pagination={false} dataSource={(data?.meetings ?? []).filter((r: any) => r.state !== 'untracked')} columns={[
        { title: '会议', dataIndex: 'label' }, { title: '期间', dataIndex: 'period' }, { title: '已召开', dataIndex: 'held' },
        { title: '一般频次', render: (_: any, r: any) => (r.usual ? `${r.usual.min}${r.usual.max !== r.usual.min ? `–${r.usual.max}` : ''}次 · ${articleLabel(r.article)}` : '—') },
        { title: '', render: (_: any, r: any) => <Tag color={color[r.state]}>{label[r.state]}</Tag> },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>部门全市性会议（第六十一条：原则上每年不超过1次）</Typography.Title>
      <CitywideForm onSubmitted={load} />
      <List size="small" dataSource={cw} renderItem={(r: any) => (
        <List.Item>
          <Space wrap>
            <span>{r.department}</span><b>{r.title}</b><Tag>{r.status === 'submitted' ? '待审批' : r.status === 'approved' ? '已批准' : '未批准'}</Tag>
            {(r.warnings ?? []).map((w: any, i: number) => <Tag key={i} color="gold">{w.message}</Tag>)}
          </Space>
        </List.Item>
      )} />
    </>
  );
}
