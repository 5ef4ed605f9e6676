import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, List, Row, Select, Space, Table, Tabs, Tag, Tooltip, Tree, Typography } from 'antd';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { useSession } from '../../lib/session.tsx';
import { ADMINS, OrgAdmin } from './OrgAdmin.tsx';

// The organisation browser: who is who on a date, 分管 and AB岗, the computed sets, and who acts for each
// city leader today with the reason and the article (第八条–第十三条, 第七十九条).

const OUTCOME: Record<string, { label: string; color: string }> = {
  self: { label: '在岗', color: 'green' },
  acting: { label: '代理', color: 'blue' },
  waits: { label: '待本人', color: 'orange' },
  unresolved: { label: '需明确', color: 'red' },
};
const BASIS: Record<string, string> = { self: '本人', backup_partner: 'AB岗代理', entrustment: '受市长委托', none: '—' };
const ABSENCE: Record<string, string> = { business: '出差', study: '学习', leave: '请假', other: '其他外出' };
const WRITERS = ['admin', 'office_clerk', 'office_secretary'];

const KIND_RANK = ['mayor', 'executive_vice_mayor', 'vice_mayor', 'secretary_general', 'deputy_secretary_general', 'county_head',
  'department_principal_head', 'department_head', 'secretary', 'clerk', 'duty_officer'];
const cite = (article?: number) => (article ? articleLabel(article) : '—');

export function OrgPage() {
  const { me } = useSession();
  // no date = today as the server's clock sees it (Asia/Shanghai)
  const [date, setDate] = useState<string | null>(null);
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    get(`/org/overview${date ? `?date=${date}` : ''}`).then(setData, setError);
  }, [date]);
  useEffect(load, [load]);
  const canWrite = (me?.roles ?? []).some((r) => WRITERS.includes(r));
  const canAdmin = (me?.roles ?? []).some((r) => ADMINS.includes(r));

  return (
    <div data-testid="org-page">
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>组织机构</Typography.Title>
        <span>查看日期</span>
        <Input type="date" value={date ?? data?.date ?? ''} onChange={(e) => e.target.value && setDate(e.target.value)} style={{ width: 160 }} data-testid="org-date" />
        <Button onClick={() => setDate(null)}>今天</Button>
      </Space>
      <ErrorAlert error={error} />
      {data && (
        <Tabs
          defaultActiveKey="acting"
          items={[
            { key: 'acting', label: '谁负责', children: <ActingBoard data={data} /> },
            { key: 'units', label: '单位', children: <UnitsTree data={data} /> },
            { key: 'people', label: '人员与职务', children: <PeopleTable data={data} /> },
            { key: 'portfolios', label: '分管与AB岗', children: <Portfolios data={data} /> },
            { key: 'members', label: '组成人员', children: <Members data={data} /> },
            { key: 'absences', label: '外出与委托', children: <AbsencesAndEntrustments data={data} canWrite={canWrite} onChange={load} /> },
            ...(canAdmin ? [{ key: 'admin', label: '机构管理', children: <OrgAdmin data={data} onChange={load} /> }] : []),
          ]}
        />
      )}
    </div>
  );
}

function ActingBoard({ data }: { data: any }) {
  const name = (personId: string | null) => data.people.find((p: any) => p.id === personId)?.name ?? '—';
  const title = (positionId: string) => data.positions.find((p: any) => p.id === positionId)?.title ?? positionId;
  return (
    <Card size="small" title={`${data.date} 市政府领导在岗与代理`} data-testid="acting-board">
      <Table
        size="small"
        rowKey="forPositionId"
        pagination={false}
        dataSource={data.acting}
        columns={[
          { title: '职务', width: 110, render: (_: unknown, r: any) => <span style={{ whiteSpace: 'nowrap' }}>{title(r.forPositionId)}</span> },
          { title: '任职者', width: 90, render: (_: unknown, r: any) => <span style={{ whiteSpace: 'nowrap' }}>{name(r.holderPersonId)}</span> },
          {
            title: '状态',
            render: (_: unknown, r: any) => (
              <Space size={4}>
                <Tag color={OUTCOME[r.outcome]?.color}>{OUTCOME[r.outcome]?.label ?? r.outcome}</Tag>
                {r.absence && <Tag>{ABSENCE[r.absence.kind]} {r.absence.period.from}至{r.absence.period.to}</Tag>}
              </Space>
            ),
          },
          {
            title: '由谁负责',
            render: (_: unknown, r: any) => (
              <span data-testid={`acting-${r.forPositionId}`}>
                {r.personId ? name(r.personId) : '—'}
                {r.acting && <Tag color="blue" style={{ marginLeft: 6 }}>{BASIS[r.basis]}</Tag>}
              </span>
            ),
          },
          {
            title: '依据',
            render: (_: unknown, r: any) => (
              <Space size={4}>
                {cite(r.article)}
                {r.interpretation && (
                  <Tooltip title={r.interpretation}>
                    <Tag color="gold">本系统理解</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: '理由',
            render: (_: unknown, r: any) => (
              <div>
                <div>{r.reason}</div>
                {r.flags?.map((f: any, i: number) => (
                  <Typography.Text key={i} type="warning" style={{ display: 'block' }}>{f.message}</Typography.Text>
                ))}
              </div>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        第十三条：市长离市出差、学习期间，受市长委托，由负责常务工作的副市长主持市政府工作——仅有外出记录不启用代理，须登记市长委托。
        保留由市长签署的事项（{data.reservedPowers.map((p: any) => p.label.replace(/^签署/, '')).join('、')}，{cite(data.reservedPowers[0]?.article)}）不随委托转移。
      </Typography.Paragraph>
    </Card>
  );
}

function UnitsTree({ data }: { data: any }) {
  const [selected, setSelected] = useState<string | null>(null);
  const treeData = useMemo(() => {
    const byParent = new Map<string | null, any[]>();
    for (const u of data.units) {
      const parentExists = u.parentId && data.units.some((x: any) => x.id === u.parentId);
      const key = parentExists ? u.parentId : null;
      byParent.set(key, [...(byParent.get(key) ?? []), u]);
    }
    const node = (u: any): any => ({
      key: u.id,
      title: (
        <span data-testid={`unit-${u.id}`}>
          {u.name} <Tag style={{ marginLeft: 4 }}>{u.kindLabel}</Tag>
          {u.period?.to && u.period.to < data.date && <Tag color="default">已撤销（{u.period.to}）</Tag>}
          {u.leaderInCharge?.personName && <Typography.Text type="secondary">分管：{u.leaderInCharge.personName}</Typography.Text>}
        </span>
      ),
      children: (byParent.get(u.id) ?? []).map(node),
    });
    const groups: [string, (u: any) => boolean][] = [
      ['市政府及其工作部门', (u) => ['municipal_government'].includes(u.kind)],
      ['县区政府', (u) => u.kind === 'county_government'],
      ['外部单位', (u) => u.kind === 'external'],
      ['其他', (u) => !['municipal_government', 'county_government', 'external'].includes(u.kind)],
    ];
    return groups
      .map(([title, pick]) => ({ key: `group-${title}`, title, selectable: false, children: (byParent.get(null) ?? []).filter(pick).map(node) }))
      .filter((g) => g.children.length);
  }, [data]);
  const unit = data.units.find((u: any) => u.id === selected);
  const staff = data.positions
    .filter((p: any) => p.unitId === selected)
    .sort((a: any, b: any) => KIND_RANK.indexOf(a.kind) - KIND_RANK.indexOf(b.kind) || (a.order ?? 0) - (b.order ?? 0));
  return (
    <Row gutter={16}>
      <Col span={13}>
        <Card size="small" title="单位">
          <Tree treeData={treeData} defaultExpandedKeys={['group-市政府及其工作部门', 'unit-gov']} onSelect={(keys) => setSelected((keys[0] as string) ?? null)} />
        </Card>
      </Col>
      <Col span={11}>
        <Card size="small" title={unit ? unit.name : '选择单位查看详情'}>
          {unit ? (
            <>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="简称">{unit.shortName}</Descriptions.Item>
                <Descriptions.Item label="类别">{unit.kindLabel}</Descriptions.Item>
                {unit.issuerCodes && <Descriptions.Item label="发文代字">{unit.issuerCodes.map((c: any) => c.code).join('、')}</Descriptions.Item>}
                <Descriptions.Item label="主要负责同志">{unit.principalHead ? `${unit.principalHead.personName ?? '空缺'}（${unit.principalHead.title}）` : '—'}</Descriptions.Item>
                <Descriptions.Item label="分管市领导">
                  {unit.leaderInCharge ? `${unit.leaderInCharge.personName ?? '空缺'}（${unit.leaderInCharge.title}）${unit.leaderInCharge.viaUnitId ? '（经归口部门）' : ''}` : '—'}
                </Descriptions.Item>
              </Descriptions>
              <List
                size="small"
                header="职务"
                dataSource={staff}
                locale={{ emptyText: '无登记职务' }}
                renderItem={(p: any) => <List.Item>{p.title}：{p.holder ? p.holder.name : '空缺'}{p.holder?.concurrent ? '（兼）' : ''}</List.Item>}
              />
            </>
          ) : (
            <Empty description="在左侧选择一个单位" />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function PeopleTable({ data }: { data: any }) {
  const [q, setQ] = useState('');
  const rows = data.people.filter((p: any) => !q || p.name.includes(q) || p.posts.some((x: any) => x.title.includes(q)));
  return (
    <Card size="small">
      <Input.Search placeholder="按姓名或职务查找" allowClear onChange={(e) => setQ(e.target.value)} style={{ width: 280, marginBottom: 12 }} />
      <Table
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '职务', render: (_: unknown, p: any) => p.posts.map((x: any) => `${x.title}${x.concurrent ? '（兼）' : ''}`).join('；') || '—' },
          { title: '当日', render: (_: unknown, p: any) => (p.absence ? <Tag color="orange">{ABSENCE[p.absence.kind]}至{p.absence.period.to}</Tag> : <Tag color="green">在岗</Tag>) },
        ]}
      />
    </Card>
  );
}

function Portfolios({ data }: { data: any }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title="市领导分工（第十一条；副秘书长协助，第十二条）" data-testid="portfolios">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.portfolios}
          columns={[
            { title: '市领导', render: (_: unknown, p: any) => `${p.leader.personName ?? '空缺'}（${p.leader.title}）` },
            { title: '分管领域', render: (_: unknown, p: any) => p.areas.join('、') },
            { title: '分管部门', render: (_: unknown, p: any) => p.units.map((u: any) => u.name).join('、') || '—' },
            { title: '协助的副秘书长', render: (_: unknown, p: any) => p.assistants.map((a: any) => a.personName).join('、') || '—' },
            { title: 'AB岗', render: (_: unknown, p: any) => p.backupPartner?.personName ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title="副市长AB岗（第十一条）" data-testid="backup-pairs">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="第十一条只规定「副市长之间实行AB岗互补工作制度」。一方外出期间其分管事项转由AB岗搭档代理（AB岗代理），是本系统对该条的理解。"
        />
        <List
          size="small"
          dataSource={data.backupPairs}
          renderItem={(b: any) => <List.Item>{b.members.map((m: any) => `${m.personName ?? '空缺'}（${m.title}）`).join(' ⇄ ')}</List.Item>}
        />
      </Card>
    </Space>
  );
}

function Members({ data }: { data: any }) {
  const block = (title: string, m: any) => (
    <Col span={8}>
      <Card size="small" title={`${title}（${cite(m.article)}）`}>
        <List size="small" dataSource={m.members} renderItem={(x: any) => <List.Item>{x.personName}　<Typography.Text type="secondary">{x.title}</Typography.Text></List.Item>} />
        <Typography.Text type="secondary">共 {m.members.length} 人</Typography.Text>
      </Card>
    </Col>
  );
  return (
    <Row gutter={16}>
      {block('市政府组成人员', data.members.government)}
      {block('全体会议', data.members.plenary)}
      {block('常务会议', data.members.executiveMeeting)}
    </Row>
  );
}

function AbsencesAndEntrustments({ data, canWrite, onChange }: { data: any; canWrite: boolean; onChange: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const leaders = data.positions.filter((p: any) => ['executive_vice_mayor', 'vice_mayor'].includes(p.kind));
  const people = data.people.filter((p: any) => p.posts.length);

  const submitAbsence = async (v: any) => {
    setError(null);
    setNotice(null);
    try {
      const r = await post('/org/absences', { personId: v.personId, kind: v.kind, from: v.from, to: v.to, ...(v.destination ? { destination: v.destination } : {}) });
      setNotice(r.effects.map((e: any) => e.reason).join(' ') || '已登记');
      onChange();
    } catch (e) { setError(e); }
  };
  const submitEntrustment = async (v: any) => {
    setError(null);
    setNotice(null);
    try {
      const r = await post('/org/entrustments', { kind: v.kind, granteePositionId: v.granteePositionId, from: v.from, to: v.to, ...(v.task ? { task: v.task } : {}) });
      setNotice(r.warnings.length ? r.warnings.map((w: any) => w.message).join('；') : '已登记市长委托');
      onChange();
    } catch (e) { setError(e); }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={error} />
      {notice && <Alert type="success" showIcon title={notice} closable onClose={() => setNotice(null)} data-testid="org-notice" />}
      <Card size="small" title="外出记录（自查看日起30日内，第七十九条）">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.absences}
          locale={{ emptyText: '无外出记录' }}
          columns={[
            { title: '人员', dataIndex: 'personName' },
            { title: '类型', render: (_: unknown, a: any) => ABSENCE[a.kind] },
            { title: '起止', render: (_: unknown, a: any) => `${a.period.from} 至 ${a.period.to}` },
            { title: '去向', render: (_: unknown, a: any) => a.destination ?? '—' },
            { title: '事由', render: (_: unknown, a: any) => a.note ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title="市长委托（第十三条、第十一条）">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.entrustments}
          locale={{ emptyText: '无委托' }}
          columns={[
            { title: '类型', render: (_: unknown, e: any) => (e.kind === 'preside' ? '主持市政府工作' : `专项任务：${e.task}`) },
            { title: '受托人', render: (_: unknown, e: any) => `${e.grantee.personName ?? '空缺'}（${e.grantee.title}）` },
            { title: '起止', render: (_: unknown, e: any) => `${e.period.from} 至 ${e.period.to}` },
            { title: '状态', render: (_: unknown, e: any) => (e.revokedOn ? <Tag>已撤销（{e.revokedOn}起）</Tag> : e.inForce ? <Tag color="blue">生效中</Tag> : <Tag>未开始</Tag>) },
          ]}
        />
      </Card>
      {canWrite && (
        <Row gutter={16}>
          <Col span={12}>
            <Card size="small" title="登记外出">
              <Form layout="vertical" onFinish={submitAbsence} data-testid="absence-form">
                <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
                  <Select showSearch optionFilterProp="label" options={people.map((p: any) => ({ value: p.id, label: `${p.name}（${p.posts[0].title}）` }))} />
                </Form.Item>
                <Form.Item name="kind" label="类型" initialValue="business">
                  <Select options={Object.entries(ABSENCE).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                <Space>
                  <Form.Item name="from" label="开始" rules={[{ required: true, message: '请填写开始日期' }]}><Input type="date" /></Form.Item>
                  <Form.Item name="to" label="结束" rules={[{ required: true, message: '请填写结束日期' }]}><Input type="date" /></Form.Item>
                </Space>
                <Form.Item name="destination" label="去向"><Input maxLength={100} /></Form.Item>
                <Button type="primary" htmlType="submit">登记</Button>
              </Form>
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title="登记市长委托">
              <Form layout="vertical" onFinish={submitEntrustment} data-testid="entrustment-form">
                <Form.Item name="kind" label="委托事项" initialValue="preside">
                  <Select options={[{ value: 'preside', label: '市长离市出差、学习期间主持市政府工作（第十三条）' }, { value: 'task', label: '其他工作或专项任务（第十一条）' }]} />
                </Form.Item>
                <Form.Item name="granteePositionId" label="受托人" rules={[{ required: true, message: '请选择受托人' }]}>
                  <Select options={leaders.map((p: any) => ({ value: p.id, label: `${p.holder?.name ?? '空缺'}（${p.title}）` }))} />
                </Form.Item>
                <Space>
                  <Form.Item name="from" label="开始" rules={[{ required: true, message: '请填写开始日期' }]}><Input type="date" /></Form.Item>
                  <Form.Item name="to" label="结束" rules={[{ required: true, message: '请填写结束日期' }]}><Input type="date" /></Form.Item>
                </Space>
                <Form.Item name="task" label="任务内容（专项任务必填）"><Input maxLength={500} /></Form.Item>
                <Button type="primary" htmlType="submit">登记委托</Button>
              </Form>
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
