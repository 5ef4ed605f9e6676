import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, Radio, Row, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { useSession } from '../../lib/session.tsx';
import { DeadlineTag, LIMIT_LABELS } from './DeadlineTag.tsx';
import { DIRECTION, INSTRUCTION_SOURCES, STATE_COLORS, STATE_LABELS, TIME_LIMITS, URGENCY } from './labels.ts';
import { unitOptions, useUnits } from './useUnits.ts';
import { Violations } from './Violations.tsx';
import { formatTime } from '../../lib/time.ts';

// One document: its particulars, the next step for whoever is looking (登记、初审、拟办、批办、承办、办结; 会签、核稿、
// 签发、复核、编号、印发、分发), every step of its trail with the article, deadlines, opinions, attachments, downloads.
const OFFICE = ['office_clerk', 'office_secretary', 'secretary_general', 'deputy_secretary_general'];
const cite = (a?: number | null) => (a ? <Tag color="red">{articleLabel(a)}</Tag> : null);

// 电子印章 of the sealed OFD (docs/seals.md): 有效 / 已被改动 / 未知印章 / 未加盖电子印章
const SEAL_VERDICT: Record<string, { text: string; color: string }> = {
  valid: { text: '电子印章：有效', color: 'green' },
  altered: { text: '电子印章：已被改动', color: 'red' },
  unknown_seal: { text: '电子印章：未知印章', color: 'orange' },
  unsigned: { text: '未加盖电子印章', color: 'default' },
};

function SealStatus({ id }: { id: string }) {
  const [check, setCheck] = useState<any>(null);
  useEffect(() => { get(`/documents/${id}/seal`).then(setCheck, () => setCheck(null)); }, [id]);
  if (!check) return null;
  const v = SEAL_VERDICT[check.verdict.status] ?? SEAL_VERDICT.unsigned;
  return <Tag color={v.color} title={check.label} data-testid="seal-status">{v.text}{check.verdict.status === 'altered' ? `（${check.verdict.entry}）` : ''}</Tag>;
}

export function DocumentPage() {
  const { id } = useParams();
  const { me } = useSession();
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const load = useCallback(() => { get(`/documents/${id}`).then(setData, setError); }, [id]);
  useEffect(load, [load]);
  const office = (me?.roles ?? []).some((r) => OFFICE.includes(r));
  const act = async (path: string, body: unknown = {}) => {
    setActionError(null);
    try { await post(`/documents/${id}/${path}`, body); load(); } catch (e) { setActionError(e); }
  };
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const d = data.document;
  const ctx: ActionCtx = { d, data, office, me, act, reload: load, setActionError };
  return (
    <div data-testid="document-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to="/documents">← 公文</Link>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="doc-title">{d.title}</Typography.Title>
        <Tag color={STATE_COLORS[d.state]} data-testid="doc-state">{STATE_LABELS[d.state] ?? d.state}</Tag>
      </Space>
      <Row gutter={16}>
        <Col span={15}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2} items={[
              { label: '文种', children: `${d.doc_type}（${DIRECTION[d.direction] ?? d.direction}）` },
              { label: d.flow === 'incoming' ? '来文单位' : '发文机关', children: d.issuer_name },
              { label: d.flow === 'incoming' ? '收文号' : '发文字号', children: (d.flow === 'incoming' ? d.registration_no : d.doc_number) ?? '—' },
              ...(d.flow === 'incoming' ? [{ label: '来文字号', children: d.source_doc_number ?? '—' }] : [{ label: '公开属性', children: d.disclosure ? `${d.disclosure}${d.disclosure_reason ? `（${d.disclosure_reason}）` : ''}` : <Tag color="red">未确定（第七十四条：不得流转）</Tag> }]),
              { label: '紧急程度', children: URGENCY[d.urgency] ?? d.urgency },
              { label: '主送', children: (d.principal_recipients ?? []).join('、') || '—' },
              ...(d.copy_recipients?.length ? [{ label: '抄送', children: d.copy_recipients.join('、') }] : []),
              ...(d.matters?.length ? [{ label: '事项', children: d.matters.join('；') }] : []),
              ...(d.signer_name ? [{ label: '签发人', children: d.signer_name }] : []),
              ...(d.reply ? [{ label: '办结答复', children: d.reply }] : []),
            ]} />
            {d.body && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} ellipsis={{ rows: 4, expandable: true }}>{d.body}</Typography.Paragraph>}
            {d.flow === 'outgoing' && (
              <Space data-testid="downloads">
                {(['pdf', 'docx', 'ofd'] as const).map((f) => (
                  <Button key={f} href={`/api/v1/documents/${d.id}/output.${f}`} target="_blank">{f === 'pdf' ? '下载 PDF' : f === 'docx' ? '下载 Word' : '下载 OFD'}</Button>
                ))}
                {['issued', 'distributed'].includes(d.state) && <SealStatus id={d.id} />}
              </Space>
            )}
          </Card>
          <Card size="small" title="下一步" style={{ marginBottom: 16 }} data-testid="next-step">
            <ErrorAlert error={actionError} />
            <NextStep {...ctx} />
          </Card>
          {data.steps.length > 0 && <Steps {...ctx} />}
          {data.assignments.length > 0 && (
            <Card size="small" title="承办（第七十三条）" style={{ marginBottom: 16 }} data-testid="assignments">
              <Table size="small" rowKey="id" pagination={false} dataSource={data.assignments} columns={[
                { title: '单位', render: (_: unknown, a: any) => `${a.unitName}${a.role === 'lead' ? '（牵头）' : '（协办）'}` },
                { title: '时限', render: (_: unknown, a: any) => (a.state === 'done' ? <Tag color="green">已办结</Tag> : <DeadlineTag due={a.due} state={a.deadlineState} article={a.article} rule={LIMIT_LABELS[a.time_limit_kind]} unknownYears={a.unknown_years} />) },
                { title: '办理结果', dataIndex: 'result' },
              ]} />
            </Card>
          )}
          {data.opinions.length > 0 && <Opinions {...ctx} />}
          {d.flow === 'outgoing' && office && ['drafting', 'countersigning', 'reviewing', 'signing', 'signed', 'checked'].includes(d.state) && <EditDraft key={d.version} {...ctx} />}
        </Col>
        <Col span={9}>
          {data.signer && (
            <Card size="small" title="签发人" style={{ marginBottom: 16 }} data-testid="doc-signer">
              <Typography.Paragraph>{cite(d.signing?.article)}{d.signing?.explanation}</Typography.Paragraph>
              <Typography.Paragraph style={{ margin: 0 }}>
                <Tag color={data.signer.outcome === 'self' ? 'green' : data.signer.outcome === 'acting' ? 'blue' : 'orange'}>{data.signer.outcome === 'waits' ? '待本人' : data.signer.acting ? 'AB岗代理' : '在岗'}</Tag>
                {data.signer.reason}
              </Typography.Paragraph>
              {data.signer.interpretation && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}><Tag color="geekblue">系统理解</Tag>{data.signer.interpretation}</Typography.Paragraph>}
            </Card>
          )}
          <Attachments {...ctx} />
          <Card size="small" title="全程留痕" data-testid="trail">
            <Timeline items={data.events.map((e: any) => ({
              children: (
                <div data-testid="trail-item">
                  <div>{e.label} {cite(e.article)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(e.at)} · {e.actor_name}</Typography.Text>
                </div>
              ),
            }))} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

interface ActionCtx { d: any; data: any; office: boolean; me: any; act: (path: string, body?: unknown) => Promise<void>; reload: () => void; setActionError: (e: unknown) => void }

function Steps({ data, me, office, d, act }: ActionCtx) {
  const [text, setText] = useState('');
  const pendingIdx = data.steps.findIndex((s: any) => !s.done_at);
  return (
    <Card size="small" title="批办（第六十八条、第六十九条）" style={{ marginBottom: 16 }} data-testid="steps">
      {data.steps.map((s: any, i: number) => (
        <div key={s.ord} style={{ marginBottom: 12 }}>
          <Space wrap>
            <Tag>{s.ord}</Tag><b>{s.title}</b><span>{s.mode === 'instruct' ? '阅批' : '阅处'}</span>{cite(s.article)}
            <span>办理人：{s.personName ?? '—'}</span>
            {s.acting_reason && <Tag color="blue">AB岗代理</Tag>}
            {s.done_at ? <Tag color="green">已批示</Tag> : <Tag color="orange">待批示</Tag>}
          </Space>
          <div style={{ color: '#666', fontSize: 13 }}>{s.reason}</div>
          {s.acting_reason && <div style={{ color: '#666', fontSize: 13 }}>{s.acting_reason}{s.acting_interpretation && <><Tag color="geekblue" style={{ marginLeft: 4 }}>系统理解</Tag>{s.acting_interpretation}</>}</div>}
          {s.instruction && <div data-testid="instruction">批示：{s.instruction}（{s.done_by}）</div>}
          {d.state === 'instructing' && i === pendingIdx && (s.person_id === me?.personId || office) && (
            <Space.Compact style={{ width: '100%', marginTop: 8 }}>
              <Input placeholder={s.person_id === me?.personId ? '批示意见' : '代录领导批示'} value={text} onChange={(e) => setText(e.target.value)} data-testid="instruction-text" />
              <Button type="primary" onClick={() => act('instructions', { order: s.ord, text, version: d.version })} data-testid="instruct">{s.person_id === me?.personId ? '批示' : '代录批示'}</Button>
            </Space.Compact>
          )}
        </div>
      ))}
    </Card>
  );
}

function Opinions(c: ActionCtx) {
  const { data, setActionError, reload } = c;
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [negotiating, setNegotiating] = useState<string | null>(null);
  const reply = async (o: any, agree: boolean) => {
    setActionError(null);
    try { await post(`/documents/opinion-requests/${o.id}/reply`, { agree, reasons: reasons[o.id] || null, version: o.version }); reload(); } catch (e) { setActionError(e); }
  };
  const STATE: Record<string, { label: string; color: string }> = { open: { label: '待回复', color: 'orange' }, agreed: { label: '同意', color: 'green' }, disagreed: { label: '不同意', color: 'red' }, implied: { label: '逾期视为无不同意见', color: 'default' } };
  return (
    <Card size="small" title="会签、征求意见（第六十六条）" style={{ marginBottom: 16 }} data-testid="opinions">
      {data.opinions.map((o: any) => (
        <div key={o.id} style={{ marginBottom: 10 }} data-testid="opinion">
          <Space wrap>
            <b>{o.unitName}</b><Tag color={STATE[o.state]?.color}>{STATE[o.state]?.label ?? o.state}</Tag>
            {o.state === 'implied' && cite(66)}
            {o.state === 'open' && <DeadlineTag due={o.due} state={o.deadlineState} article={66} rule={o.negotiated ? '商定时限' : o.override ? '主办部门另定' : LIMIT_LABELS.countersign} unknownYears={o.unknown_years} />}
            {o.reply && <span>{o.reply}</span>}
          </Space>
          {o.negotiated && (
            <div style={{ color: '#666', fontSize: 13 }} data-testid="opinion-negotiated">
              已与{o.negotiated.agreedWith}商定：回复时限 {String(o.negotiated.previousDue).slice(0, 10)} → {o.negotiated.newDue}，回复方式：{o.negotiated.form}（{articleLabel(66)}）
            </div>
          )}
          {o.canAct && (
            <Space.Compact style={{ width: '100%', marginTop: 6 }}>
              <Input placeholder="不同意的理由（同意可不填）" value={reasons[o.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [o.id]: e.target.value })} data-testid="opinion-reasons" />
              <Button onClick={() => reply(o, true)} data-testid="opinion-agree">同意</Button>
              <Button danger onClick={() => reply(o, false)} data-testid="opinion-disagree">不同意</Button>
              <Button onClick={() => setNegotiating(negotiating === o.id ? null : o.id)} data-testid="opinion-negotiate-open">商定时限</Button>
            </Space.Compact>
          )}
          {o.canAct && negotiating === o.id && <Negotiate o={o} {...c} done={() => setNegotiating(null)} />}
        </div>
      ))}
      {data.coordinations.map((co: any) => <Coordination key={co.id} co={co} {...c} />)}
    </Card>
  );
}

/** The refusals a form can meet, each with its article, listed before anything is submitted. */
function Refusals({ items, testId }: { items: [string, number][]; testId: string }) {
  return (
    <ul style={{ margin: '4px 0 8px', paddingLeft: 20, color: '#888', fontSize: 12 }} data-testid={testId}>
      {items.map(([text, article]) => <li key={text}>{text}（{articleLabel(article)}）</li>)}
    </ul>
  );
}

// 第六十六条 特殊情况: the asked department agrees a new limit and the form of reply with the lead department, before the due day.
function Negotiate({ o, setActionError, reload, done }: ActionCtx & { o: any; done: () => void }) {
  const [newDue, setNewDue] = useState('');
  const [form, setForm] = useState('书面回复');
  const [agreedWith, setAgreedWith] = useState(o.requestingUnitName ?? '');
  const submit = async () => {
    setActionError(null);
    try { await post(`/documents/opinion-requests/${o.id}/negotiate`, { newDue, form, agreedWith }); done(); reload(); } catch (e) { setActionError(e); }
  };
  return (
    <div style={{ marginTop: 8, padding: 8, background: '#fafafa' }} data-testid="negotiate-form">
      <Typography.Text>{cite(66)}特殊情况不能按时回复的，可与主办部门商定回复时限及方式；逾期未回复视为无不同意见。</Typography.Text>
      <Refusals testId="negotiate-rules" items={[
        ['已回复或已逾期（视为无不同意见）的不能再商定', 66],
        ['须写明与谁商定、商定的时限和回复方式', 66],
        ['商定的时限不得早于今天', 66],
      ]} />
      <Space wrap>
        <Input type="date" value={newDue} onChange={(e) => setNewDue(e.target.value)} style={{ width: 160 }} data-testid="negotiate-due" aria-label="商定的回复时限" />
        <Select value={form} onChange={setForm} style={{ width: 160 }} data-testid="negotiate-form-of-reply" aria-label="回复方式"
          options={['书面回复', '电子公文回复', '会议商定', '电话沟通后书面确认'].map((x) => ({ value: x, label: x }))} />
        <Input value={agreedWith} onChange={(e) => setAgreedWith(e.target.value)} placeholder="与谁商定（主办部门）" style={{ width: 180 }} data-testid="negotiate-with" />
        <Button type="primary" onClick={submit} data-testid="negotiate-submit">确认商定</Button>
      </Space>
    </div>
  );
}

const OUTCOMES: Record<string, string> = { agreement: '取得一致意见', recommendation: '提出倾向性建议' };

// 第六十五条: a disagreement is coordinated by the vice mayor in charge with the deputy secretary-general and ends in
// agreement or a recommended position.
function Coordination({ co, setActionError, reload }: ActionCtx & { co: any }) {
  const [outcome, setOutcome] = useState<'agreement' | 'recommendation'>('agreement');
  const [conclusion, setConclusion] = useState('');
  const submit = async () => {
    setActionError(null);
    try { await post(`/documents/coordinations/${co.id}/resolve`, { outcome, conclusion }); reload(); } catch (e) { setActionError(e); }
  };
  return (
    <div style={{ marginTop: 10, padding: 8, border: '1px solid #f0f0f0' }} data-testid="coordination">
      <Space wrap>
        <Tag color={co.state === 'open' ? 'orange' : 'green'}>分歧协调</Tag>{cite(65)}
        <span>{co.unitName ? `${co.unitName}有不同意见${co.reasons ? `：${co.reasons}` : ''}` : '部门间有分歧'}</span>
      </Space>
      <div style={{ color: '#666', fontSize: 13 }}>
        由{co.coordinatorTitle}{co.coordinatorName ? `（${co.coordinatorName}）` : ''}协调{co.assistantTitle ? `，${co.assistantTitle}${co.assistantName ? `（${co.assistantName}）` : ''}协助` : ''}
      </div>
      {co.state !== 'open' ? (
        <div data-testid="coordination-result"><Tag color="green">{OUTCOMES[co.outcome] ?? co.outcome}</Tag>{co.conclusion}</div>
      ) : co.canResolve ? (
        <div style={{ marginTop: 6 }}>
          <Refusals testId="coordination-rules" items={[
            ['只有分管副市长、协助的副秘书长（或市政府办公室代录）可以办结协调', 65],
            ['须写明协调结论：一致意见，或倾向性建议', 65],
            ['已办结的协调不能重复办理', 65],
          ]} />
          <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)} options={Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }))} data-testid="coordination-outcome" />
          <Space.Compact style={{ width: '100%', marginTop: 6 }}>
            <Input placeholder={outcome === 'agreement' ? '协调一致的意见' : '倾向性建议（报市政府决定）'} value={conclusion} onChange={(e) => setConclusion(e.target.value)} data-testid="coordination-conclusion" />
            <Button type="primary" onClick={submit} data-testid="coordination-submit">提交协调结果</Button>
          </Space.Compact>
        </div>
      ) : <Typography.Text type="secondary">分管副市长协调中</Typography.Text>}
    </div>
  );
}

// 修改 an outgoing draft; after signing a substantive change returns it to the signer (第七十一条).
function EditDraft({ d, data, act }: ActionCtx) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(d.title);
  const [body, setBody] = useState(d.body);
  const [substantive, setSubstantive] = useState(false);
  const signed = ['signed', 'checked'].includes(d.state);
  return (
    <Card size="small" title={<span>修改{signed && cite(71)}</span>} style={{ marginBottom: 16 }} data-testid="edit-draft"
      extra={<Button size="small" onClick={() => setOpen(!open)} data-testid="edit-open">{open ? '收起' : '修改文稿'}</Button>}>
      {signed && <Typography.Paragraph>已签发：签发后作实质性修改的，退回签发人重新签发（{articleLabel(71)}）；非实质性的文字修改不退回。</Typography.Paragraph>}
      {open && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Refusals testId="edit-rules" items={[
            ['编号、印发后不能再修改', 71],
            ['签发后的实质性修改须退回签发人重新签发，不能直接复核', 71],
          ]} />
          <Input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="edit-title" aria-label="标题" />
          <Input.TextArea rows={5} value={body} onChange={(e) => setBody(e.target.value)} data-testid="edit-body" aria-label="正文" />
          <Checkbox checked={substantive} onChange={(e) => setSubstantive(e.target.checked)} data-testid="edit-substantive">实质性修改（改变内容、措施、责任、时限等）</Checkbox>
          <Button type="primary" onClick={async () => { await act('edit', { title, body, substantive, version: d.version }); setOpen(false); }} data-testid="edit-submit">
            {signed && substantive ? '保存并退回签发人' : '保存修改'}
          </Button>
        </Space>
      )}
      {data.versions?.length > 1 && (
        <div style={{ marginTop: 8 }} data-testid="versions">
          {data.versions.map((x: any) => (
            <div key={x.version} style={{ fontSize: 12, color: '#666' }}>第{x.version}版 · {x.actor_name} · {formatTime(x.at)}{x.substantive && <Tag color="red" style={{ marginLeft: 4 }}>实质性修改</Tag>}</div>
          ))}
        </div>
      )}
    </Card>
  );
}

function Attachments({ d, data, setActionError, reload }: ActionCtx) {
  const upload = async (file: File) => {
    setActionError(null);
    const buf = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    try { await post(`/documents/${d.id}/attachments`, { name: file.name, contentBase64: btoa(bin) }); reload(); } catch (e) { setActionError(e); }
    return false;
  };
  const closed = ['closed', 'returned', 'issued', 'distributed'].includes(d.state);
  return (
    <Card size="small" title="附件（第七十五条）" style={{ marginBottom: 16 }} data-testid="attachments"
      extra={!closed && <Upload beforeUpload={(f) => { void upload(f); return false; }} showUploadList={false}><Button size="small">上传</Button></Upload>}>
      {data.attachments.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无附件" /> : data.attachments.map((a: any) => (
        <div key={a.id}><a href={`/api/v1/documents/${d.id}/attachments/${a.id}`}>{a.name}</a> <span style={{ color: '#888' }}>{(a.size / 1024).toFixed(1)}KB · {a.uploaded_by}</span></div>
      ))}
    </Card>
  );
}

function NextStep(c: ActionCtx): ReactNode {
  const { d, office, act, data, me } = c;
  const v = d.version;
  const none = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  if (d.flow === 'incoming') {
    switch (d.state) {
      case 'received': return office ? <Button type="primary" onClick={() => act('register', { version: v })} data-testid="do-register">登记</Button> : none('待市政府办公室登记');
      case 'registered': return office ? <IntakeReview {...c} /> : none('待市政府办公室初审');
      case 'reviewed': return office ? <Proposal {...c} /> : none('待市政府办公室拟办');
      case 'instructing': return none('领导批办中，见下方批办环节');
      case 'handling': return <Handling {...c} />;
      case 'closed': return none(`已办结：${d.reply ?? ''}`);
      case 'returned': return none('初审已退回来文单位，理由见全程留痕');
    }
  }
  const simple = (label: string, path: string, body: Record<string, unknown> = {}, testId?: string) =>
    <Button type="primary" onClick={() => act(path, { version: v, ...body })} data-testid={testId}>{label}</Button>;
  switch (d.state) {
    case 'drafting': return <Space>{simple(d.related_unit_ids?.filter((u: string) => u !== d.lead_unit_id).length ? '送会签' : '送核稿', 'submit', {}, 'do-submit')}{!d.disclosure && <Tag color="red">须先确定公开属性（第七十四条）</Tag>}</Space>;
    case 'countersigning': return <Space>{simple('会签完毕，转核稿', 'countersign-finished')}<Typography.Text type="secondary">逾期未回复的按第六十六条视为无不同意见</Typography.Text></Space>;
    case 'reviewing': return office ? <OpinionStep label="核稿" path="review" {...c} /> : none('待市政府办公室核稿');
    case 'signing': {
      const mine = data.signer?.personId === me?.personId;
      if (!mine) return none(`待${data.signer?.personName ?? '签发人'}签发`);
      return <SignStep {...c} />;
    }
    case 'signed': return office ? simple('复核', 'check', {}, 'do-check') : none('待复核');
    case 'checked': return office ? simple('编号', 'number', {}, 'do-number') : none('待编号');
    case 'numbered': return office ? <Space>{simple('印发', 'issue', {}, 'do-issue')}<VoidNumber {...c} /></Space> : none('待印发');
    case 'issued': return office ? simple('分发（电子公文传输）', 'distribute', {}, 'do-distribute') : none('已印发');
    default: return none('流程已结束');
  }
}

function IntakeReview({ d, act }: ActionCtx) {
  const [check, setCheck] = useState<any[] | null>(null);
  const [reasons, setReasons] = useState('');
  useEffect(() => { get(`/documents/${d.id}/intake-check`).then((r) => setCheck(r.violations), () => setCheck([])); }, [d.id, d.version]);
  if (!check) return null;
  return (
    <div>
      <Violations items={check} ok="初审检查：符合第六十二条、第六十四条、第六十七条" testId="intake-check" />
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder="退回理由（违反的规则已自动列入）" value={reasons} onChange={(e) => setReasons(e.target.value)} />
        <Button danger onClick={() => act('intake-review', { outcome: 'return', reasons, version: d.version })}>退回</Button>
        <Button type="primary" disabled={check.length > 0} onClick={() => act('intake-review', { outcome: 'pass', version: d.version })} data-testid="do-intake-pass">初审通过</Button>
      </Space.Compact>
    </div>
  );
}

function Proposal({ d, act }: ActionCtx) {
  const units = useUnits();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    await act('proposal', { ...v, cooperatingUnitIds: v.cooperatingUnitIds ?? [], important: !!v.important, version: d.version });
  };
  const leadId = Form.useWatch('leadUnitId', form);
  const limitKind = Form.useWatch('timeLimitKind', form);
  const lead = units.find((u) => u.id === leadId);
  return (
    <Form form={form} layout="vertical" initialValues={{ timeLimitKind: 'departmentOpinion', instructionSource: 'none' }} data-testid="proposal-form">
      <Form.Item label="拟办意见（第六十八条：具体、明确、可操作）" name="text" rules={[{ required: true, message: '请填写拟办意见' }]}><Input.TextArea rows={2} data-testid="proposal-text" /></Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="牵头部门" name="leadUnitId" rules={[{ required: true, message: '请选择牵头部门' }]}
            extra={lead?.leaderInCharge ? `分管市领导：${lead.leaderInCharge.personName ?? ''}${lead.leaderInCharge.title ?? ''}` : undefined}>
            <Select showSearch optionFilterProp="label" options={unitOptions(units)} data-testid="proposal-lead" />
          </Form.Item>
        </Col>
        <Col span={12}><Form.Item label="协办部门" name="cooperatingUnitIds"><Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions(units)} /></Form.Item></Col>
      </Row>
      <Form.Item label="工作责任" name="duties" rules={[{ required: true, message: '请写明工作责任' }]}><Input data-testid="proposal-duties" /></Form.Item>
      <Row gutter={12}>
        <Col span={12}><Form.Item label="办理时限（第七十三条）" name="timeLimitKind"><Select options={Object.entries(TIME_LIMITS).map(([value, label]) => ({ value, label }))} /></Form.Item></Col>
        <Col span={12}><Form.Item label="上级领导批示（第六十九条）" name="instructionSource"><Select options={Object.entries(INSTRUCTION_SOURCES).map(([value, label]) => ({ value, label }))} /></Form.Item></Col>
      </Row>
      {limitKind === 'urgent' && (
        <Row gutter={12}>
          <Col span={8}><Form.Item label="截止日期" name="urgentDue" rules={[{ required: true }]}><Input type="date" /></Form.Item></Col>
          <Col span={16}><Form.Item label="市政府明确时限的理由" name="urgentReason" rules={[{ required: true }]}><Input /></Form.Item></Col>
        </Row>
      )}
      <Space>
        <Form.Item name="important" valuePropName="checked" noStyle><Checkbox>重要公文（先呈市长阅批）</Checkbox></Form.Item>
        <Button type="primary" onClick={submit} data-testid="do-propose">拟办</Button>
      </Space>
    </Form>
  );
}

function Handling({ d, data, office, act }: ActionCtx) {
  const [kind, setKind] = useState<'progress' | 'result'>('result');
  const [text, setText] = useState('');
  const [reply, setReply] = useState('');
  const lead = data.assignments.find((a: any) => a.role === 'lead');
  return (
    <div>
      {lead?.state !== 'done' && (
        <div style={{ marginBottom: 12 }}>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} options={[{ value: 'progress', label: '说明办理情况' }, { value: 'result', label: '报告办理结果' }]} />
          <Space.Compact style={{ width: '100%', marginTop: 6 }}>
            <Input placeholder={`${lead?.unitName ?? '牵头部门'}的办理情况或结果`} value={text} onChange={(e) => setText(e.target.value)} data-testid="report-text" />
            <Button type="primary" onClick={() => act('handling-reports', { kind, text, version: d.version })} data-testid="do-report">提交</Button>
          </Space.Compact>
        </div>
      )}
      {office && (
        <Space.Compact style={{ width: '100%' }}>
          <Input placeholder="办结答复（如：已以武政函〔2026〕N号批复）" value={reply} onChange={(e) => setReply(e.target.value)} data-testid="close-reply" />
          <Button onClick={() => act('chase', { note: '请抓紧办理，按时报送结果' })}>催办</Button>
          <Button type="primary" onClick={() => act('close', { reply, version: d.version })} data-testid="do-close">办结</Button>
        </Space.Compact>
      )}
    </div>
  );
}

function OpinionStep({ d, act, label, path }: ActionCtx & { label: string; path: string }) {
  const [opinion, setOpinion] = useState('同意');
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={opinion} onChange={(e) => setOpinion(e.target.value)} />
      <Button type="primary" onClick={() => act(path, { opinion, version: d.version })} data-testid={`do-${path}`}>{label}</Button>
    </Space.Compact>
  );
}

function SignStep({ d, act }: ActionCtx) {
  const [opinion, setOpinion] = useState('同意');
  const [reported, setReported] = useState(false);
  const plan = d.signing;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {plan?.reportToMayorFirst && <Checkbox checked={reported} onChange={(e) => setReported(e.target.checked)} data-testid="reported-to-mayor">已报告市长（{articleLabel(plan.article)}）</Checkbox>}
      <Space.Compact style={{ width: '100%' }}>
        <Input value={opinion} onChange={(e) => setOpinion(e.target.value)} />
        <Button type="primary" onClick={() => act('sign', { opinion, reportedToMayor: reported, version: d.version })} data-testid="do-sign">签发</Button>
      </Space.Compact>
    </Space>
  );
}

function VoidNumber({ d, act }: ActionCtx) {
  const [reason, setReason] = useState('');
  return (
    <Space.Compact>
      <Input placeholder="作废理由" value={reason} onChange={(e) => setReason(e.target.value)} />
      <Button danger onClick={() => act('void-number', { reason, version: d.version })}>作废文号</Button>
    </Space.Compact>
  );
}
