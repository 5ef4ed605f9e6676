import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Descriptions, Empty, Input, List, Row, Table, Tag, Typography } from 'antd';
import { get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';

const UNIT: Record<string, string> = {
  workday: '个工作日', day: '日（自然日）', month: '个月', year: '年', hour: '小时', count: '', fraction: '', text: '', list: '', bool: '',
};
const KIND: Record<string, { label: string; color: string }> = {
  deadline: { label: '时限', color: 'blue' }, quorum: { label: '法定人数', color: 'purple' }, block: { label: '拦截', color: 'red' },
  flag: { label: '提醒', color: 'orange' }, routing: { label: '流转', color: 'cyan' }, track: { label: '跟踪', color: 'geekblue' }, parameter: { label: '参数', color: 'default' },
};

function paramText(p: any): string {
  const v = Array.isArray(p.value) ? p.value.join('、') : typeof p.value === 'boolean' ? (p.value ? '是' : '否') : String(p.value);
  return `${v}${UNIT[p.unit] ?? ''}`;
}

/** The rule-pack browser: article text → the rules that enforce it, with their parameters. */
export function PackPage() {
  const [pack, setPack] = useState<any>(null);
  const [articles, setArticles] = useState<any[]>([]);
  const [selected, setSelected] = useState<number>(66);
  const [detail, setDetail] = useState<any>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get('/pack').then(setPack, setError);
    get('/pack/articles').then((r) => setArticles(r.articles), setError);
  }, []);
  useEffect(() => { get(`/pack/articles/${selected}`).then(setDetail, setError); }, [selected]);
  const shown = useMemo(() => articles.filter((a) => !filter || a.label.includes(filter) || a.excerpt.includes(filter) || a.chapter.title.includes(filter)), [articles, filter]);

  return (
    <div>
      <ErrorAlert error={error} />
      {pack && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="pack-meta">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="规则包">{pack.meta.title}（{pack.meta.docNumber}）</Descriptions.Item>
            <Descriptions.Item label="施行">{pack.meta.effective.from}</Descriptions.Item>
            <Descriptions.Item label="废止">{pack.meta.repeals.map((r: any) => `${r.docNumber}（${r.repealedOn} 废止）`).join('；')}</Descriptions.Item>
            <Descriptions.Item label="规则">{pack.ruleCount} 条</Descriptions.Item>
            <Descriptions.Item label="条文">{pack.articleCount} 条，其中 {pack.notFormalised.length} 条不作形式化</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Row gutter={16}>
        <Col span={7}>
          <Card size="small" title="条文" extra={<Input.Search size="small" placeholder="检索条文" allowClear onChange={(e) => setFilter(e.target.value)} style={{ width: 140 }} />}>
            <List
              size="small"
              style={{ maxHeight: '70vh', overflow: 'auto' }}
              dataSource={shown}
              renderItem={(a: any) => (
                <List.Item
                  onClick={() => setSelected(a.number)}
                  style={{ cursor: 'pointer', background: a.number === selected ? '#fff1f0' : undefined }}
                  data-testid={`article-${a.number}`}
                >
                  <List.Item.Meta
                    title={<span>{a.label} {a.ruleIds.length > 0 ? <Tag color="red">{a.ruleIds.length} 条规则</Tag> : a.notFormalised ? <Tag>不作形式化</Tag> : null}</span>}
                    description={<Typography.Text type="secondary" ellipsis>{a.excerpt}</Typography.Text>}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={17}>
          {detail ? (
            <Card title={`${detail.article.label}（${detail.article.chapter.label} ${detail.article.chapter.title}）`} data-testid="article-detail">
              {detail.article.text.split('\n').map((p: string, i: number) => <Typography.Paragraph key={i}>{p}</Typography.Paragraph>)}
              {detail.notFormalised && <Typography.Paragraph type="secondary">不作形式化：{detail.notFormalised}</Typography.Paragraph>}
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={detail.rules}
                locale={{ emptyText: <Empty description="本条没有可执行的规则" /> }}
                columns={[
                  { title: '规则', dataIndex: 'label', render: (l: string, r: any) => <div><div>{l}</div><Typography.Text type="secondary" code>{r.id}</Typography.Text></div> },
                  { title: '类型', dataIndex: 'kind', width: 90, render: (k: string) => <Tag color={KIND[k]?.color}>{KIND[k]?.label ?? k}</Tag> },
                  {
                    title: '参数', dataIndex: 'params', render: (ps: Record<string, any>) => (
                      <div>{Object.entries(ps).map(([n, p]) => <div key={n}><Typography.Text type="secondary">{n}：</Typography.Text>{paramText(p)}</div>)}</div>
                    ),
                  },
                  { title: '生效', dataIndex: 'effective', width: 110, render: (e: any) => `${e.from}${e.to ? ` 至 ${e.to}` : ' 起'}` },
                  { title: '说明', render: (_: unknown, r: any) => <span>{r.interpretation && <Tag color="gold">解释：{r.interpretation}</Tag>}{r.overridable && <Tag color="green">可调整：{r.overridable.by}</Tag>}{r.note}</span> },
                ]}
              />
            </Card>
          ) : <Card loading />}
        </Col>
      </Row>
    </div>
  );
}
