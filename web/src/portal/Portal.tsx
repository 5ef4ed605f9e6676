// 武威市人民政府 政务公开门户 (no login). It reads only the public API, which reads only published items.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Form, Grid, Input, Layout, List, Radio, Result, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { get, post } from '../lib/api.ts';
import { ErrorAlert } from '../lib/ErrorAlert.tsx';

const { Header, Content, Footer } = Layout;
const STATUS_COLOR: Record<string, string> = { in_force: 'green', amended: 'orange', repealed: 'red' };

interface Summary { id: string; kind: string; kindLabel: string; title: string; docNumber: string | null; issuer: string; issuedOn: string; status: string; statusLabel: string; category: string | null; meetingTypeLabel: string | null; docType: string | null }

function Shell({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  // on a phone the header wraps: the name, the three links and the search box on lines of their own
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ background: '#b71c1c', display: 'flex', alignItems: 'center', gap: phone ? 8 : 24, ...(phone ? { flexWrap: 'wrap', height: 'auto', lineHeight: 1.8, padding: '8px 12px' } : {}) }}>
        <Link to="/portal" style={{ color: '#fff', fontSize: phone ? 17 : 20, fontWeight: 600 }}>武威市人民政府 · 政务公开</Link>
        <nav aria-label="门户导航" style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Link to="/portal/browse" style={{ color: '#fff' }}>信息公开目录</Link>
          <Link to="/portal/apply" style={{ color: '#fff' }}>依申请公开</Link>
          <Link to="/portal/query" style={{ color: '#fff' }}>办理查询</Link>
        </nav>
        {!phone && <div style={{ flex: 1 }} />}
        <Input.Search aria-label="全站检索" placeholder="检索政府文件、政策、解读" style={{ maxWidth: phone ? '100%' : 360 }} data-testid="portal-search"
          onSearch={(q) => q.trim() && navigate(`/portal/search?q=${encodeURIComponent(q)}`)} />
      </Header>
      <Content style={{ padding: phone ? 8 : 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}><main>{children}</main></Content>
      <Footer style={{ textAlign: 'center' }}>以公开为常态、不公开为例外（《武威市人民政府工作规则》第三十七条）</Footer>
    </Layout>
  );
}

function ItemLink({ i }: { i: Summary }) {
  return (
    <Space wrap>
      <Link to={`/portal/items/${i.id}`}>{i.title}</Link>
      {i.docNumber && <Typography.Text type="secondary">{i.docNumber}</Typography.Text>}
      <Typography.Text type="secondary">{i.issuedOn}</Typography.Text>
      {i.status !== 'in_force' && <Tag color={STATUS_COLOR[i.status]}>{i.statusLabel}</Tag>}
    </Space>
  );
}

function Home() {
  const [d, setD] = useState<any>();
  const [f, setF] = useState<any>();
  useEffect(() => { get('/public/portal').then(setD); get('/public/facets').then(setF); }, []);
  if (!d || !f) return <Spin />;
  const block = (title: string, items: Summary[], testid: string) => (
    <Card title={title} size="small" data-testid={testid}>
      {items.length ? <List size="small" dataSource={items} renderItem={(i) => <List.Item><ItemLink i={i} /></List.Item>} /> : <Empty description="暂无" />}
    </Card>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: 16 }}>
        {block('政府文件', d.documents, 'home-documents')}
        {block('会议决定（第三十九条）', d.meetingDecisions, 'home-meetings')}
        {block('部门政策', d.policies, 'home-policies')}
        {block('政策解读（第四十条）', d.interpretations, 'home-interpretations')}
        {block('突发事件信息发布（第四十一条）', d.emergencies, 'home-emergencies')}
        <Card title="公开重点领域（第三十八条）" size="small">
          <Space wrap>
            {[...f.categories.institutional, ...f.categories.priorities].map((c: any) => (
              <Link key={c.value} to={`/portal/browse?category=${encodeURIComponent(c.value)}`}><Tag>{c.value}（{c.count}）</Tag></Link>
            ))}
          </Space>
        </Card>
      </div>
    </Space>
  );
}

function Browse() {
  const [params, setParams] = useSearchParams();
  const [f, setF] = useState<any>();
  const [d, setD] = useState<any>();
  useEffect(() => { get('/public/facets').then(setF); }, []);
  useEffect(() => { get(`/public/items?${params.toString()}`).then(setD); }, [params]);
  const set = (k: string, v?: string | number) => { const p = new URLSearchParams(params); if (v) p.set(k, String(v)); else p.delete(k); p.delete('page'); setParams(p); };
  if (!f) return <Spin />;
  return (
    <Card title="信息公开目录">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label="年份" placeholder="年份" allowClear style={{ width: 120 }} value={params.get('year') ?? undefined} onChange={(v) => set('year', v)} options={f.years.map((y: any) => ({ value: String(y.value), label: `${y.value}（${y.count}）` }))} />
        <Select aria-label="发文机关" placeholder="发文机关" allowClear style={{ width: 240 }} value={params.get('issuer') ?? undefined} onChange={(v) => set('issuer', v)} options={f.issuers.map((y: any) => ({ value: y.value, label: `${y.value}（${y.count}）` }))} />
        <Select aria-label="类型" placeholder="类型" allowClear style={{ width: 160 }} value={params.get('kind') ?? undefined} onChange={(v) => set('kind', v)} options={f.kinds.map((y: any) => ({ value: y.value, label: y.label }))} />
        <Select aria-label="效力状态" placeholder="效力状态" allowClear style={{ width: 130 }} value={params.get('status') ?? undefined} onChange={(v) => set('status', v)} options={[{ value: 'in_force', label: '现行有效' }, { value: 'amended', label: '已修订' }, { value: 'repealed', label: '已废止' }]} />
        {params.get('category') && <Tag closable onClose={() => set('category')}>{params.get('category')}</Tag>}
      </Space>
      {!d ? <Spin /> : (
        <List data-testid="browse-list" dataSource={d.items as Summary[]} pagination={{ total: d.total, pageSize: d.pageSize, current: d.page, onChange: (p) => { const q = new URLSearchParams(params); q.set('page', String(p)); setParams(q); } }}
          renderItem={(i) => <List.Item><Space direction="vertical" size={0}><ItemLink i={i} /><Typography.Text type="secondary">{i.kindLabel} · {i.issuer}{i.category ? ` · ${i.category}` : ''}</Typography.Text></Space></List.Item>} />
      )}
    </Card>
  );
}

function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const out: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([a, b], k) => { out.push(text.slice(at, a)); out.push(<mark key={k}>{text.slice(a, b)}</mark>); at = b; });
  out.push(text.slice(at));
  return <>{out}</>;
}

/** 共 N 条, or 约 2,000+ 条 when the search stopped counting at its cap */
function searchTotalText(d: { total: number; totalCapped?: boolean }): string {
  return d.totalCapped ? `约 ${d.total.toLocaleString('en')}+ 条` : `共 ${d.total.toLocaleString('en')} 条`;
}

const PAGE_SIZE = 20;
const MAX_PAGE = 500;

function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') === 'newest' ? 'newest' : 'relevance';
  const page = Math.min(Math.max(Number(params.get('page')) || 1, 1), MAX_PAGE);
  const [d, setD] = useState<any>();
  const [err, setErr] = useState<unknown>();
  useEffect(() => {
    setD(undefined); setErr(undefined);
    get(`/public/search?q=${encodeURIComponent(q)}&sort=${sort}&page=${page}`).then(setD, setErr);
  }, [q, sort, page]);
  const go = (next: { sort?: string; page?: number }) => {
    const p = new URLSearchParams({ q, sort: next.sort ?? sort, page: String(next.page ?? 1) });
    setParams(p);
  };
  return (
    <Card title={`检索：${q}`} extra={
      <Radio.Group data-testid="search-sort" size="small" optionType="button" value={sort} onChange={(e) => go({ sort: e.target.value })}
        options={[{ label: '相关度', value: 'relevance' }, { label: '最新', value: 'newest' }]} />
    }>
      <ErrorAlert error={err} />
      {!d && !err ? <Spin /> : d && (
        <List data-testid="search-results" dataSource={d.hits}
          header={<Space wrap>
            <span data-testid="search-total">{searchTotalText(d)}</span>
            {d.totalCapped && <Typography.Text type="secondary">结果较多，{d.sort === 'newest' ? '按发布日期由近及远显示' : '按相关度显示较新的结果'}，可增加检索词缩小范围</Typography.Text>}
          </Space>}
          pagination={d.total > PAGE_SIZE ? {
            current: page, pageSize: PAGE_SIZE, total: Math.min(d.total, PAGE_SIZE * MAX_PAGE), showSizeChanger: false,
            onChange: (p) => go({ page: p }),
          } : false}
          renderItem={(h: any) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Link to={`/portal/items/${h.objectId}`}><Highlighted text={h.title} ranges={h.titleHighlights} /></Link>
                <Typography.Text type="secondary">{[h.docNumber, h.issuer, h.datedOn].filter(Boolean).join(' · ')} {h.status && h.status !== 'in_force' && <Tag color={STATUS_COLOR[h.status]}>{h.status === 'repealed' ? '已废止' : '已修订'}</Tag>}</Typography.Text>
                <Typography.Paragraph style={{ margin: 0 }}><Highlighted text={h.snippet.text} ranges={h.snippet.highlights} /></Typography.Paragraph>
              </Space>
            </List.Item>
          )} />
      )}
    </Card>
  );
}

function ItemPage() {
  const { id } = useParams();
  const [d, setD] = useState<any>();
  const [err, setErr] = useState<unknown>();
  useEffect(() => { setD(undefined); get(`/public/items/${id}`).then(setD, setErr); }, [id]);
  if (err) return <Result status="404" title="没有找到该公开信息" extra={<Link to="/portal">返回首页</Link>} />;
  if (!d) return <Spin />;
  return (
    <article data-testid="item-page">
      <Card>
        <Typography.Title level={3} style={{ textAlign: 'center' }} data-testid="item-title">{d.title}</Typography.Title>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="发文字号">{d.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="发布机构">{d.issuer}</Descriptions.Item>
          <Descriptions.Item label="成文日期">{d.issuedOn}</Descriptions.Item>
          <Descriptions.Item label="类型">{d.kindLabel}{d.meetingTypeLabel ? ` · ${d.meetingTypeLabel}` : ''}</Descriptions.Item>
          <Descriptions.Item label="发布日期">{d.publishedOn}</Descriptions.Item>
          <Descriptions.Item label="效力状态"><Tag color={STATUS_COLOR[d.status]} data-testid="item-status">{d.statusLabel}</Tag></Descriptions.Item>
        </Descriptions>
        {d.supersededBy && <Alert style={{ marginTop: 12 }} type="warning" showIcon data-testid="superseded" title={<>本文件已于 {d.statusChangedOn} {d.status === 'repealed' ? '废止' : '修订'}，见 <Link to={`/portal/items/${d.supersededBy.id}`}>{d.supersededBy.docNumber ?? d.supersededBy.title}</Link>{d.statusNote ? `。${d.statusNote}` : ''}</>} />}
        {d.supersedes.length > 0 && <Alert style={{ marginTop: 12 }} type="info" showIcon title={<>本文件{d.supersedes.map((x: Summary) => <Link key={x.id} to={`/portal/items/${x.id}`}> {x.docNumber ?? x.title} </Link>)}同时废止或修订</>} />}
        {d.interprets && <Alert style={{ marginTop: 12 }} type="info" showIcon data-testid="interprets" title={<>本解读对应的政策文件：<Link to={`/portal/items/${d.interprets.id}`}>{d.interprets.title}</Link>（谁起草、谁解读，第四十条）</>} />}
        {d.interpretations.length > 0 && (
          <Card size="small" title="政策解读" style={{ marginTop: 12 }} data-testid="interpretations">
            {d.interpretations.map((x: Summary) => <div key={x.id}><Link to={`/portal/items/${x.id}`}>{x.title}</Link> <Typography.Text type="secondary">{x.issuer} · {x.docType}</Typography.Text></div>)}
          </Card>
        )}
        {d.corrects && <Alert style={{ marginTop: 12 }} type="error" title={`澄清：${d.corrects}`} />}
        <div style={{ whiteSpace: 'pre-wrap', lineHeight: 2, fontSize: 16, marginTop: 16 }} data-testid="item-body">{d.body}</div>
        {d.thread.length > 1 && (
          <Card size="small" title="事件信息发布时间线" style={{ marginTop: 12 }}>
            <Timeline items={d.thread.map((x: Summary) => ({ children: <Link to={`/portal/items/${x.id}`}>{x.title}（{x.issuedOn}）</Link> }))} />
          </Card>
        )}
      </Card>
    </article>
  );
}

function Apply() {
  const [err, setErr] = useState<unknown>();
  const [receipt, setReceipt] = useState<any>();
  const [busy, setBusy] = useState(false);
  if (receipt) {
    return (
      <Result status="success" title="申请已提交" data-testid="receipt"
        subTitle={<div>
          <p>受理编号：<b data-testid="receipt-no">{receipt.receiptNo}</b></p>
          <p>查询码：<b data-testid="query-code">{receipt.queryCode}</b>（请妥善保存，凭受理编号和查询码查询办理情况，本码只显示一次）</p>
          <p>收到日期：{receipt.receivedOn}；如需补正，将于 {receipt.clarifyBy} 前一次性告知；答复期限：{receipt.due}（20个工作日，按法定工作日计算）</p>
        </div>}
        extra={<Link to="/portal/query">查询办理情况</Link>} />
    );
  }
  return (
    <Card title="政府信息公开申请（《政府信息公开条例》第二十九条）">
      <ErrorAlert error={err} />
      <Form layout="vertical" style={{ maxWidth: 640 }} initialValues={{ requesterKind: '公民', form: '电子', delivery: '网上查询' }}
        onFinish={async (v) => {
          setBusy(true); setErr(undefined);
          try {
            setReceipt(await post('/public/requests', { requesterKind: v.requesterKind, name: v.name ?? '', identity: v.identity ?? '', contact: { phone: v.phone || undefined, email: v.email || undefined, address: v.address || undefined }, description: v.description ?? '', purpose: v.purpose || undefined, form: v.form, delivery: v.delivery }));
          } catch (e) { setErr(e); } finally { setBusy(false); }
        }}>
        <Form.Item name="requesterKind" label="申请人类型"><Radio.Group options={['公民', '法人或者其他组织']} /></Form.Item>
        <Form.Item name="name" label="姓名或名称"><Input data-testid="apply-name" maxLength={100} /></Form.Item>
        <Form.Item name="identity" label="身份证件号码或统一社会信用代码"><Input data-testid="apply-identity" maxLength={64} /></Form.Item>
        <Form.Item name="phone" label="联系电话"><Input data-testid="apply-phone" maxLength={32} /></Form.Item>
        <Form.Item name="email" label="电子邮箱"><Input maxLength={120} /></Form.Item>
        <Form.Item name="address" label="通讯地址"><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label="所需信息的名称、文号或便于查询的特征性描述"><Input.TextArea data-testid="apply-description" rows={4} maxLength={2000} showCount /></Form.Item>
        <Form.Item name="form" label="获取形式"><Radio.Group options={['电子', '纸质']} /></Form.Item>
        <Form.Item name="delivery" label="获取方式"><Radio.Group options={['网上查询', '电子邮件', '邮寄', '当面领取']} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="apply-submit">提交申请</Button>
      </Form>
    </Card>
  );
}

function Query() {
  const [err, setErr] = useState<unknown>();
  const [d, setD] = useState<any>();
  return (
    <Card title="办理情况查询">
      <ErrorAlert error={err} />
      <Form layout="inline" onFinish={async (v) => { setErr(undefined); setD(undefined); try { setD(await post('/public/requests/query', { receiptNo: v.receiptNo ?? '', code: v.code ?? '' })); } catch (e) { setErr(e); } }}>
        <Form.Item name="receiptNo" label="受理编号"><Input data-testid="query-receipt" /></Form.Item>
        <Form.Item name="code" label="查询码"><Input data-testid="query-code-input" /></Form.Item>
        <Button htmlType="submit" type="primary" data-testid="query-submit">查询</Button>
      </Form>
      {d && (
        <div style={{ marginTop: 16 }} data-testid="query-result">
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="受理编号">{d.receiptNo}</Descriptions.Item>
            <Descriptions.Item label="状态"><span data-testid="query-status">{d.statusLabel}</span></Descriptions.Item>
            <Descriptions.Item label="收到日期">{d.receivedOn}</Descriptions.Item>
            <Descriptions.Item label="补正告知期限">{d.limits.clarifyBy.date}</Descriptions.Item>
            <Descriptions.Item label="答复期限" span={2}>{d.limits.due ?? '待补正后重新计算'}（{d.limits.dueLabel}）{d.limits.overdue && <Tag color="red">已逾期</Tag>}</Descriptions.Item>
          </Descriptions>
          <Timeline style={{ marginTop: 16 }} items={d.events.map((e: any) => ({ children: `${e.on} ${e.note}` }))} />
          {d.answer && (
            <Card size="small" title={`答复：${d.answer.typeLabel}${d.answer.partial ? '（部分公开）' : ''}`} data-testid="query-answer">
              <p>{d.answer.content}</p>
              {d.answer.reason && <p>理由：{d.answer.reason}</p>}
              {d.answer.released && <pre style={{ whiteSpace: 'pre-wrap' }} data-testid="released-text">{d.answer.released}</pre>}
              {d.answer.redactionReasons.length > 0 && <p>不予公开部分的理由：{d.answer.redactionReasons.join('；')}</p>}
            </Card>
          )}
        </div>
      )}
    </Card>
  );
}

export function Portal() {
  return (
    <Shell>
      <Routes>
        <Route index element={<Home />} />
        <Route path="browse" element={<Browse />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="items/:id" element={<ItemPage />} />
        <Route path="apply" element={<Apply />} />
        <Route path="query" element={<Query />} />
      </Routes>
    </Shell>
  );
}
