import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Form, Input, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { useSession } from '../../lib/session.tsx';
import { DeadlineCell, DocumentLink, STATUS_COLOR } from './MeetingsPage.tsx';
import { formatTime } from '../../lib/time.ts';

// 会议当天：到会登记与法定人数（第五十三条，逐议题重算），请假（第五十七条），书面意见，主持人决定（第九条），
// 纪要起草与签发（第五十八条），会后印发期限（第五十九条）。

const OUTCOMES = [
  { value: 'approved', label: '同意' }, { value: 'approvedInPrinciple', label: '原则同意' }, { value: 'agreed', label: '协调一致' },
  { value: 'noted', label: '听取汇报' }, { value: 'deferred', label: '暂缓研究' }, { value: 'rejected', label: '不同意' },
];
const quorumText = (q: any) => `${q.fraction === '1/2' ? '半数' : q.fraction === '2/3' ? '三分之二' : q.fraction}${q.inclusive ? '以上' : ''}：应到${q.required}人，实到${q.present}人（成员${q.members}人）`;

export function QuorumTags({ quorum, testId }: { quorum: any[]; testId?: string }) {
  return (
    <Space wrap data-testid={testId}>
      {quorum.map((q) => (
        <Tag key={q.ruleId} color={q.met ? 'green' : 'red'} data-met={String(q.met)}>
          {q.met ? '✓' : '✗'} {quorumText(q)} · {articleLabel(q.article)}
        </Tag>
      ))}
      {quorum.length === 0 && <Tag>该类会议规则未设法定人数</Tag>}
    </Space>
  );
}

export function MeetingDayPage() {
  const { id } = useParams();
  const { me } = useSession();
  const [d, setD] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => { get(`/meetings/${id}`).then(setD, setError); }, [id]);
  useEffect(load, [load]);
  const act = async (fn: () => Promise<any>, msg?: string) => {
    setError(null); setNotice(null);
    try { const r = await fn(); if (msg) setNotice(msg); if (r?.warnings?.length) setNotice(r.warnings.map((w: any) => w.message).join('；')); load(); } catch (e) { setError(e); }
  };
  if (!d) return <ErrorAlert error={error} />;
  const m = d.meeting;
  const live = m.status === 'scheduled' || m.status === 'in_progress';
  return (
    <div data-testid="meeting-day">
      <Space style={{ marginBottom: 12 }}><Link to="/meetings">← 会议日历</Link></Space>
      <Typography.Title level={4} data-testid="meeting-title">{m.title}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered style={{ marginBottom: 12 }} items={[
        { label: '时间', children: formatTime(m.startsAt) },
        { label: '地点', children: `${m.place}${m.video ? '（视频会议）' : ''}` },
        { label: '主持', children: `${m.hostName}（${m.hostBasis}）` },
        { label: '状态', children: <Tag color={STATUS_COLOR[m.status]} data-testid="meeting-status">{m.statusLabel}</Tag> },
        { label: '到会成员', children: <span data-testid="present-count">{d.presentCount}/{d.membersCount}</span> },
        { label: '会议法定人数', children: <QuorumTags quorum={d.quorum} testId="meeting-quorum" /> },
      ]} />
      <ErrorAlert error={error} />
      {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        {m.status === 'scheduled' && <Button type="primary" data-testid="open-meeting" onClick={() => act(() => post(`/meetings/${id}/open`))}>宣布开会</Button>}
        {m.status === 'in_progress' && <Button data-testid="end-meeting" onClick={() => act(() => post(`/meetings/${id}/end`), '会议已结束，会后印发任务已生成')}>宣布散会</Button>}
        {m.status === 'ended' && (
          <Space data-testid="minutes-downloads">
            <span>下载纪要（GB/T 9704）：</span>
            <a href={`/api/v1/meetings/${id}/minutes.pdf`}>PDF</a>
            <a href={`/api/v1/meetings/${id}/minutes.docx`}>Word</a>
            <a href={`/api/v1/meetings/${id}/minutes.ofd`}>OFD</a>
            {d.minutesSm3 && <Typography.Text type="secondary" copyable={{ text: d.minutesSm3 }}>SM3 {d.minutesSm3.slice(0, 16)}…</Typography.Text>}
          </Space>
        )}
      </Space>
      {m.status === 'cancelled' && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="cancelled-notice" title={`会议已取消：${m.cancelReason ?? ''}`} />}
      {m.status === 'scheduled' && <ArrangeCard m={m} act={act} />}
      {d.changes?.length > 0 && (
        <Card size="small" title="会议变更记录" style={{ marginBottom: 12 }} data-testid="meeting-changes">
          <List size="small" dataSource={d.changes} renderItem={(c: any) => (
            <List.Item>
              <Space wrap>
                <Tag color={c.kind === 'cancelled' ? 'red' : 'blue'}>{c.kind === 'cancelled' ? '取消' : '改期'}</Tag>
                <span>{formatTime(c.at)} {c.by}</span>
                {c.kind === 'rescheduled' && <span>{fmtTime(c.before.startsAt)} → {fmtTime(c.after.startsAt)}{c.before.hostPersonId !== c.after.hostPersonId ? '（主持人随之变更）' : ''}</span>}
                <Typography.Text type="secondary">理由：{c.reason}</Typography.Text>
              </Space>
            </List.Item>
          )} />
        </Card>
      )}
      <Row gutter={16}>
        <Col span={9}>
          <Card size="small" title="出席、请假、列席（实时登记）">
            <List size="small" dataSource={d.participants} data-testid="participants" renderItem={(p: any) => (
              <List.Item data-testid={`participant-${p.personId}`} actions={live ? [
                p.present
                  ? <Button key="d" size="small" onClick={() => act(() => post(`/meetings/${id}/attendance`, { personId: p.personId, kind: 'depart' }))}>离会</Button>
                  : <Button key="a" size="small" type="primary" data-testid={`arrive-${p.personId}`} onClick={() => act(() => post(`/meetings/${id}/attendance`, { personId: p.personId, kind: 'arrive' }))}>到会</Button>,
              ] : []}>
                <Space>
                  <Tag color={p.present ? 'green' : p.leave?.status === 'approved' ? 'orange' : 'default'}>{p.present ? '到会' : p.leave ? ({ approved: '请假', pending: '请假待批', denied: '请假未准' } as any)[p.leave.status] : '未到'}</Tag>
                  <span>{p.name}</span><Typography.Text type="secondary">{p.title}</Typography.Text>
                  {p.role === 'observer' && <Tag>列席</Tag>}
                </Space>
              </List.Item>
            )} />
          </Card>
          <LeaveCard d={d} me={me} act={act} />
        </Col>
        <Col span={15}>
          <Card size="small" title="议题与决定（逐议题重算法定人数；主持人在集体讨论后作出决定，不表决 · 第九条）">
            {d.topics.length === 0 && <Typography.Text type="secondary">尚未列入议题</Typography.Text>}
            {d.topics.map((t: any) => <TopicCard key={t.id} t={t} meetingId={id!} live={m.status === 'in_progress'} act={act} />)}
          </Card>
          {m.status === 'ended' && <MinutesCard d={d} meetingId={id!} act={act} />}
          {d.tasks.length > 0 && (
            <Card size="small" title="会后印发任务（第五十九条）" style={{ marginTop: 12 }}>
              <Table rowKey="id" size="small" pagination={false} dataSource={d.tasks} data-testid="tasks" columns={[
                { title: '文件', dataIndex: 'title' }, { title: '类别', dataIndex: 'kindLabel' },
                { title: '期限', render: (_: any, r: any) => <DeadlineCell t={r} /> },
                { title: '公文（发文登记）', render: (_: any, r: any) => <DocumentLink t={r} /> },
              ]} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

const fmtTime = formatTime;

/** 改期、取消：写明理由，留痕；取消的会议保留记录（第五十六条第二款：会议组织服务工作由市政府办公室负责）。 */
function ArrangeCard({ m, act }: { m: any; act: (fn: () => Promise<any>, msg?: string) => void }) {
  const [mode, setMode] = useState<'none' | 'move' | 'cancel'>('none');
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="arrange-card"
      title={<Space><span>会议安排</span>
        <Button size="small" onClick={() => setMode(mode === 'move' ? 'none' : 'move')} data-testid="reschedule-toggle">改期</Button>
        <Button size="small" danger onClick={() => setMode(mode === 'cancel' ? 'none' : 'cancel')} data-testid="cancel-toggle">取消会议</Button></Space>}>
      {mode === 'none' && <Typography.Text type="secondary">材料送达截止：{fmtTime(m.materialsDueAt)}</Typography.Text>}
      {mode === 'move' && (
        <Form layout="inline" initialValues={{ place: m.place, video: m.video }} onFinish={(v) => act(() => post(`/meetings/${m.id}/reschedule`, {
          startsAt: new Date(v.startsAt).toISOString(), place: v.place ?? '', video: !!v.video, reason: v.reason ?? '', version: m.version,
        }), '会议已改期，主持人和成员已按新日期重新确定')}>
          <Form.Item name="startsAt" label="新时间" rules={[{ required: true, message: '请选择时间' }]}><Input type="datetime-local" data-testid="reschedule-time" /></Form.Item>
          <Form.Item name="place" label="地点"><Input style={{ width: 150 }} /></Form.Item>
          <Form.Item name="reason" label="理由"><Input style={{ width: 200 }} data-testid="reschedule-reason" /></Form.Item>
          <Button htmlType="submit" type="primary" data-testid="reschedule-submit">确认改期</Button>
        </Form>
      )}
      {mode === 'cancel' && (
        <Form layout="inline" onFinish={(v) => act(() => post(`/meetings/${m.id}/cancel`, { reason: v.reason ?? '', version: m.version }), '会议已取消，记录保留；已列入的议题退回待列入')}>
          <Form.Item name="reason" label="取消理由"><Input style={{ width: 300 }} data-testid="cancel-reason" /></Form.Item>
          <Button htmlType="submit" danger data-testid="cancel-submit">确认取消</Button>
        </Form>
      )}
    </Card>
  );
}

function TopicCard({ t, meetingId, live, act }: { t: any; meetingId: string; live: boolean; act: (fn: () => Promise<any>, msg?: string) => void }) {
  const [form] = Form.useForm();
  return (
    <Card type="inner" size="small" style={{ marginBottom: 8 }} data-testid={`topic-${t.agendaOrder}`}
      title={<Space>{`${t.agendaOrder}. ${t.title}`}<Tag>{t.kindLabel}</Tag><Typography.Text type="secondary">{t.department}</Typography.Text></Space>}>
      <QuorumTags quorum={t.quorum} testId={`topic-quorum-${t.agendaOrder}`} />
      {t.lateMaterials.map((w: any, i: number) => <div key={i}><Tag color="gold">{w.message}</Tag></div>)}
      {t.opinions.map((o: any) => <div key={o.id}><Typography.Text type="secondary">书面意见 · {o.name}：</Typography.Text>{o.text}</div>)}
      {t.decision ? (
        <Alert type="success" style={{ marginTop: 8 }} title={`${t.decision.outcomeLabel}：${t.decision.text}`}
          description={`决定人：${t.decision.decidedBy}；到会：${t.decision.present.join('、')}`} data-testid={`decision-${t.agendaOrder}`} />
      ) : live && (
        <Form form={form} layout="inline" style={{ marginTop: 8 }} initialValues={{ outcome: 'approved' }}
          onFinish={(v) => act(() => post(`/meetings/${meetingId}/topics/${t.id}/decision`, {
            outcome: v.outcome, text: v.text ?? '',
            followUps: v.followTitle ? [{ kind: v.followKind ?? 'minorEdits', title: v.followTitle, ...(v.followKind === 'upwardReport' ? { recipient: '省政府' } : {}) }] : [],
          }))}>
          <Form.Item name="outcome"><Select options={OUTCOMES} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="text"><Input placeholder="决定内容" style={{ width: 220 }} data-testid={`decision-text-${t.agendaOrder}`} /></Form.Item>
          <Form.Item name="followKind"><Select placeholder="会后印发" allowClear style={{ width: 150 }} options={[
            { value: 'minorEdits', label: '文字修改后印发(3日)' }, { value: 'majorEdits', label: '重大修改后印发(5日)' }, { value: 'upwardReport', label: '报省政府(2个工作日)' },
          ]} /></Form.Item>
          <Form.Item name="followTitle"><Input placeholder="文件标题" style={{ width: 160 }} /></Form.Item>
          <Button htmlType="submit" type="primary" data-testid={`decide-${t.agendaOrder}`}>作出决定</Button>
        </Form>
      )}
    </Card>
  );
}

function LeaveCard({ d, me, act }: { d: any; me: any; act: (fn: () => Promise<any>, msg?: string) => void }) {
  const id = d.meeting.id;
  return (
    <Card size="small" title={`请假（第五十七条：会前向${d.leaveFrom === 'mayor' ? '市长' : '主持人'}请假，结果报备办公室）`} style={{ marginTop: 12 }}>
      <List size="small" dataSource={d.leaves} renderItem={(l: any) => (
        <List.Item actions={l.status === 'pending' && me?.personId === l.approverPersonId ? [
          <Button key="y" size="small" onClick={() => act(() => post(`/meetings/${id}/leaves/${l.id}/decision`, { approve: true }))}>准假</Button>,
          <Button key="n" size="small" danger onClick={() => act(() => post(`/meetings/${id}/leaves/${l.id}/decision`, { approve: false }))}>不准</Button>,
        ] : []}>
          {l.name}：{l.reason} <Tag>{({ pending: '待审批', approved: '已准假', denied: '未准假' } as any)[l.status]}</Tag>
          {l.reportedToOfficeAt && <Typography.Text type="secondary">已报备</Typography.Text>}
        </List.Item>
      )} />
      {d.meeting.status === 'scheduled' && (
        <Form layout="inline" onFinish={(v) => act(() => post(`/meetings/${id}/leaves`, { reason: v.reason ?? '', ...(v.personId ? { personId: v.personId } : {}) }))}>
          <Form.Item name="personId"><Select allowClear placeholder="本人" style={{ width: 120 }} options={d.participants.map((p: any) => ({ value: p.personId, label: p.name }))} /></Form.Item>
          <Form.Item name="reason"><Input placeholder="特殊原因" /></Form.Item>
          <Button htmlType="submit">请假</Button>
        </Form>
      )}
    </Card>
  );
}

function MinutesCard({ d, meetingId, act }: { d: any; meetingId: string; act: (fn: () => Promise<any>, msg?: string) => void }) {
  const [text, setText] = useState<string>(d.minutes?.text ?? d.minutesDraft ?? '');
  const signed = d.minutes?.status === 'signed';
  return (
    <Card size="small" style={{ marginTop: 12 }} title={`纪要（第五十八条：${d.minutesRule.draftedBy === 'office' ? '市政府办公室起草' : '议题汇报部门会同市政府办公室起草'}，报${d.minutesRule.signedBy === 'mayor' ? '市长' : '主持人'}签发）`}
      extra={signed ? <Tag color="green" data-testid="minutes-signed">{d.minutes.signedBy} 已签发</Tag> : d.minutes ? <Tag>第{d.minutes.version}稿</Tag> : <Tag>未起草</Tag>}>
      <Input.TextArea rows={10} value={text} onChange={(e) => setText(e.target.value)} disabled={signed} data-testid="minutes-text" />
      {!signed && (
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => act(() => post(`/meetings/${meetingId}/minutes`, { text, version: d.minutes?.version ?? 0 }), '纪要已保存')} data-testid="save-minutes">保存</Button>
          <Button type="primary" disabled={!d.minutes} onClick={() => act(() => post(`/meetings/${meetingId}/minutes/sign`, { version: d.minutes?.version }), '纪要已签发')} data-testid="sign-minutes">签发</Button>
        </Space>
      )}
    </Card>
  );
}
