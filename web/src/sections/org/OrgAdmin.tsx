import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Drawer, Form, Input, List, Radio, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { articleLabel, get, post, type Violation } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';

// 机构管理 (administrators and the secretary-general): 任免, 分管调整 and 副秘书长协助 (第十一条、第十二条),
// AB岗设置 (第十一条), 单位新增/更名/撤销. Every change is dated; what it leaves to be done comes back as
// warnings with the article, shown after saving.

export const ADMINS = ['admin', 'secretary_general'];
const LEADER_KINDS = ['mayor', 'executive_vice_mayor', 'vice_mayor'];
const VICE_MAYOR_KINDS = ['executive_vice_mayor', 'vice_mayor'];
const UNIT_KINDS: Record<string, string> = {
  constituent_department: '组成部门',
  affiliated_institution: '直属事业单位或归口管理单位',
  government_office: '市政府办公室',
  county_government: '县区政府',
  external: '外部单位',
};

type Drawerkey = 'appoint' | 'portfolio' | 'backup' | 'units' | null;

/** The result of a change: a success line and every warning with its article. */
function Outcome({ done, warnings }: { done: string | null; warnings: Violation[] }) {
  if (!done) return null;
  return (
    <Alert
      type={warnings.length ? 'warning' : 'success'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="admin-outcome"
      title={warnings.length ? `${done}，请注意以下事项` : done}
      description={
        warnings.length ? (
          <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="admin-warnings">
            {warnings.map((w, i) => (
              <li key={i}>
                {w.message}
                {w.article && !w.message.includes(articleLabel(w.article)) ? `（${articleLabel(w.article)}）` : ''}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** A form's save: runs the call, shows the error or the outcome, reloads the organisation. */
function useSave(onChange: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<Violation[]>([]);
  const [busy, setBusy] = useState(false);
  const save = async (label: string, fn: () => Promise<{ warnings?: Violation[] } | undefined>) => {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const r = await fn();
      setWarnings(r?.warnings ?? []);
      setDone(label);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reset = () => { setError(null); setDone(null); setWarnings([]); };
  const view = (
    <>
      <ErrorAlert error={error} />
      <Outcome done={done} warnings={warnings} />
    </>
  );
  return { save, view, busy, reset };
}

const postLabel = (p: any) => `${p.title}${p.unitName && !p.title.startsWith(p.unitName) && p.unitId !== 'unit-gov' ? `（${p.unitName}）` : ''}：${p.holder?.name ?? '空缺'}`;
const dateItem = (name: string, label: string, initial?: string) => (
  <Form.Item name={name} label={label} initialValue={initial} rules={[{ required: true, message: `请填写${label}` }]}>
    <Input type="date" style={{ width: 180 }} />
  </Form.Item>
);

export function OrgAdmin({ data, onChange }: { data: any; onChange: () => void }) {
  const [open, setOpen] = useState<Drawerkey>(null);
  const card = (key: Exclude<Drawerkey, null>, title: string, text: string) => (
    <Col span={6}>
      <Card size="small" title={title} extra={<Button type="link" onClick={() => setOpen(key)} data-testid={`admin-open-${key}`}>办理</Button>}>
        <Typography.Text type="secondary">{text}</Typography.Text>
      </Card>
    </Col>
  );
  const close = () => setOpen(null);
  return (
    <div data-testid="org-admin">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="组织机构的调整按生效日期登记：原记录截止于生效日前一日，历史可按日期查看；调整后谁负责、谁签发立即按新组织确定。"
      />
      <Row gutter={16}>
        {card('appoint', '任免', '任命人员担任职务、免去职务；同一职务同一时间只能由一人担任（第八条）。')}
        {card('portfolio', '分管调整', '调整市领导分管的部门和领域（第十一条）及协助的副秘书长（第十二条）。')}
        {card('backup', 'AB岗设置', '副市长之间实行AB岗互补工作制度（第十一条），搭档须为市政府组成人员。')}
        {card('units', '单位新增/更名/撤销', '新设部门（可同时设主要负责同志职务）、单位更名、机构撤销。')}
      </Row>
      <Drawer title="任免" open={open === 'appoint'} onClose={close} size="large" destroyOnHidden>
        <AppointForm data={data} onChange={onChange} />
      </Drawer>
      <Drawer title="分管调整" open={open === 'portfolio'} onClose={close} size="large" destroyOnHidden>
        <PortfolioForm data={data} onChange={onChange} />
      </Drawer>
      <Drawer title="AB岗设置" open={open === 'backup'} onClose={close} size="large" destroyOnHidden>
        <BackupForm data={data} onChange={onChange} />
      </Drawer>
      <Drawer title="单位新增、更名、撤销" open={open === 'units'} onClose={close} size="large" destroyOnHidden>
        <UnitsForm data={data} onChange={onChange} />
      </Drawer>
    </div>
  );
}

function AppointForm({ data, onChange }: { data: any; onChange: () => void }) {
  const { save, view, busy } = useSave(onChange);
  const [form] = Form.useForm();
  const [positionId, setPositionId] = useState<string | null>(null);
  const [assignments, setAssignments] = useState<any[]>([]);
  const [newPerson, setNewPerson] = useState(false);
  const [lastDay, setLastDay] = useState<string>(data.date);
  const reload = (id: string | null) => {
    if (!id) return setAssignments([]);
    get(`/org/admin/assignments?positionId=${encodeURIComponent(id)}`).then((r) => setAssignments(r.assignments), () => setAssignments([]));
  };
  useEffect(() => reload(positionId), [positionId, data]);
  const positions = [...data.positions].sort((a: any, b: any) => (a.unitId === 'unit-gov' ? 0 : 1) - (b.unitId === 'unit-gov' ? 0 : 1) || (a.order ?? 0) - (b.order ?? 0));

  const submit = (v: any) => save('任职已登记', async () => {
    let personId = v.personId;
    if (newPerson) personId = (await post('/org/admin/people', { name: v.newName, ...(v.gender ? { gender: v.gender } : {}) })).result.person.id;
    return post('/org/admin/appointments', {
      personId, positionId: v.positionId, from: v.from, replaceCurrent: !!v.replaceCurrent, concurrent: !!v.concurrent, ...(v.basis ? { basis: v.basis } : {}),
    });
  });
  const end = (a: any) => save(`${a.personName}的${a.title}任职已截止于${lastDay}`, () => post(`/org/admin/appointments/${a.id}/end`, { lastDay }));

  return (
    <div data-testid="appoint-form">
      {view}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="positionId" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
          <Select showSearch optionFilterProp="label" onChange={(id) => setPositionId(id)} data-testid="appoint-position"
            options={positions.map((p: any) => ({ value: p.id, label: postLabel(p) }))} />
        </Form.Item>
        <Form.Item label="人员来源">
          <Radio.Group value={newPerson ? 'new' : 'existing'} onChange={(e) => setNewPerson(e.target.value === 'new')}>
            <Radio value="existing">已登记人员</Radio>
            <Radio value="new" data-testid="appoint-new-person">新登记人员</Radio>
          </Radio.Group>
        </Form.Item>
        {newPerson ? (
          <Space>
            <Form.Item name="newName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={50} data-testid="appoint-name" /></Form.Item>
            <Form.Item name="gender" label="性别"><Select style={{ width: 100 }} allowClear options={[{ value: 'male', label: '男' }, { value: 'female', label: '女' }]} /></Form.Item>
          </Space>
        ) : (
          <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
            <Select showSearch optionFilterProp="label"
              options={data.people.map((p: any) => ({ value: p.id, label: `${p.name}${p.posts.length ? `（${p.posts.map((x: any) => x.title).join('、')}）` : ''}` }))} />
          </Form.Item>
        )}
        {dateItem('from', '任职起始日期', data.date)}
        <Form.Item name="replaceCurrent" valuePropName="checked"><Checkbox data-testid="appoint-replace">同时免去原任职者（截止于起始日期前一日）</Checkbox></Form.Item>
        <Form.Item name="concurrent" valuePropName="checked"><Checkbox>兼任</Checkbox></Form.Item>
        <Form.Item name="basis" label="任免依据（文号）"><Input maxLength={100} placeholder="如：武人常任〔2026〕2号" /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="appoint-submit">登记任职</Button>
      </Form>
      {positionId && (
        <Card size="small" title="该职务的任职记录" style={{ marginTop: 16 }}>
          <Space style={{ marginBottom: 8 }}>
            <span>免职截止日期（含当日）</span>
            <Input type="date" value={lastDay} onChange={(e) => setLastDay(e.target.value)} style={{ width: 180 }} data-testid="end-last-day" />
          </Space>
          <Table size="small" rowKey="id" pagination={false} dataSource={assignments} locale={{ emptyText: '无任职记录' }}
            columns={[
              { title: '任职者', dataIndex: 'personName' },
              { title: '起止', render: (_: unknown, a: any) => `${a.period.from} 至 ${a.period.to ?? '今'}` },
              { title: '', render: (_: unknown, a: any) => (a.period.to == null || a.period.to > lastDay
                ? <Button size="small" danger onClick={() => end(a)} disabled={busy}>免职</Button> : null) },
            ]} />
        </Card>
      )}
    </div>
  );
}

function PortfolioForm({ data, onChange }: { data: any; onChange: () => void }) {
  const { save, view, busy } = useSave(onChange);
  const [form] = Form.useForm();
  const [assistForm] = Form.useForm();
  const leaders = data.positions.filter((p: any) => LEADER_KINDS.includes(p.kind) && p.unitId === 'unit-gov');
  const deputies = data.positions.filter((p: any) => p.kind === 'deputy_secretary_general');
  const units = data.units.filter((u: any) => ['constituent_department', 'government_office', 'affiliated_institution'].includes(u.kind) && !(u.period?.to && u.period.to < data.date));
  const pick = (positionId: string) => {
    const pf = data.portfolios.find((p: any) => p.positionId === positionId);
    form.setFieldsValue({ unitIds: pf?.unitIds ?? [], areas: pf?.areas ?? [] });
    assistForm.setFieldsValue({ positionId, assistantPositionIds: pf?.assistants.map((a: any) => a.positionId) ?? [] });
  };
  const inCharge = (unitId: string) => data.units.find((u: any) => u.id === unitId)?.leaderInCharge?.personName;
  return (
    <div data-testid="portfolio-form">
      {view}
      <Form form={form} layout="vertical"
        onFinish={(v) => save('分管已调整', () => post(`/org/admin/leaders/${v.positionId}/portfolio`, { unitIds: v.unitIds ?? [], areas: v.areas ?? [], from: v.from }))}>
        <Form.Item name="positionId" label="市领导" rules={[{ required: true, message: '请选择市领导' }]}>
          <Select onChange={pick} data-testid="portfolio-leader" options={leaders.map((p: any) => ({ value: p.id, label: postLabel(p) }))} />
        </Form.Item>
        <Form.Item name="unitIds" label="分管部门（从其他市领导处转来的部门一并调整）">
          <Select mode="multiple" optionFilterProp="label" data-testid="portfolio-units"
            options={units.map((u: any) => ({ value: u.id, label: `${u.shortName}${inCharge(u.id) ? `（现由${inCharge(u.id)}分管）` : ''}` }))} />
        </Form.Item>
        <Form.Item name="areas" label="分管领域"><Select mode="tags" tokenSeparators={['、', ',', '，']} /></Form.Item>
        {dateItem('from', '生效日期', data.date)}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="portfolio-submit">保存分管调整</Button>
      </Form>
      <Card size="small" title="协助的副秘书长（第十二条）" style={{ marginTop: 16 }}>
        <Form form={assistForm} layout="vertical"
          onFinish={(v) => save('协助的副秘书长已调整', () => post(`/org/admin/leaders/${v.positionId}/assistants`, { assistantPositionIds: v.assistantPositionIds ?? [], from: v.from }))}>
          <Form.Item name="positionId" hidden rules={[{ required: true, message: '请先在上方选择市领导' }]}><Input /></Form.Item>
          <Form.Item name="assistantPositionIds" label="副秘书长">
            <Select mode="multiple" options={deputies.map((p: any) => ({ value: p.id, label: postLabel(p) }))} />
          </Form.Item>
          {dateItem('from', '生效日期', data.date)}
          <Button htmlType="submit" loading={busy}>保存协助调整</Button>
        </Form>
      </Card>
    </div>
  );
}

function BackupForm({ data, onChange }: { data: any; onChange: () => void }) {
  const { save, view, busy } = useSave(onChange);
  const vms = data.positions.filter((p: any) => VICE_MAYOR_KINDS.includes(p.kind) && p.unitId === 'unit-gov');
  const [pairs, setPairs] = useState<(string | undefined)[][]>(data.backupPairs.map((b: any) => b.members.map((m: any) => m.positionId)));
  const [from, setFrom] = useState<string>(data.date);
  const used = pairs.flat().filter(Boolean);
  const unpaired = vms.filter((p: any) => !used.includes(p.id));
  const set = (i: number, j: number, v: string) => setPairs(pairs.map((p, k) => (k === i ? p.map((x, l) => (l === j ? v : x)) : p)));
  const options = vms.map((p: any) => ({ value: p.id, label: postLabel(p) }));
  return (
    <div data-testid="backup-form">
      {view}
      <Typography.Paragraph type="secondary">第十一条：副市长之间实行AB岗互补工作制度。保存后全部AB岗按下列设置自生效日起执行，未变的搭档保持原记录。</Typography.Paragraph>
      <List
        size="small"
        dataSource={pairs}
        renderItem={(p, i) => (
          <List.Item actions={[<Button key="rm" type="link" danger onClick={() => setPairs(pairs.filter((_, k) => k !== i))}>删除</Button>]}>
            <Space>
              <Select style={{ width: 220 }} value={p[0]} options={options} onChange={(v) => set(i, 0, v)} />
              <span>⇄</span>
              <Select style={{ width: 220 }} value={p[1]} options={options} onChange={(v) => set(i, 1, v)} />
            </Space>
          </List.Item>
        )}
      />
      <Button onClick={() => setPairs([...pairs, [undefined, undefined]])} style={{ margin: '8px 0' }}>增加一对</Button>
      {unpaired.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`未设AB岗：${unpaired.map((p: any) => p.holder?.name ?? p.title).join('、')}`} />}
      <Space>
        <span>生效日期</span>
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 180 }} />
        <Button type="primary" loading={busy} disabled={pairs.some((p) => !p[0] || !p[1])}
          onClick={() => save('AB岗已设置', () => post('/org/admin/backup-pairs', { pairs, from }))}>保存AB岗设置</Button>
      </Space>
    </div>
  );
}

function UnitsForm({ data, onChange }: { data: any; onChange: () => void }) {
  const { save, view, busy } = useSave(onChange);
  const active = data.units.filter((u: any) => u.kind !== 'municipal_government' && !(u.period?.to && u.period.to < data.date));
  const unitOptions = active.map((u: any) => ({ value: u.id, label: u.name }));
  const [renameForm] = Form.useForm();
  return (
    <div data-testid="units-form">
      {view}
      <Tabs
        items={[
          {
            key: 'create',
            label: '新增',
            children: (
              <Form layout="vertical" onFinish={(v) => save(`${v.name}已设立`, () => post('/org/admin/units', {
                kind: v.kind, name: v.name, shortName: v.shortName, from: v.from,
                ...(v.parentId ? { parentId: v.parentId } : {}), ...(v.principalHeadTitle ? { principalHeadTitle: v.principalHeadTitle } : {}),
              }))}>
                <Form.Item name="kind" label="类别" initialValue="constituent_department">
                  <Select options={Object.entries(UNIT_KINDS).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                <Form.Item name="name" label="全称" rules={[{ required: true, message: '请填写全称' }]}><Input maxLength={100} placeholder="如：武威市数据局" /></Form.Item>
                <Form.Item name="shortName" label="简称" rules={[{ required: true, message: '请填写简称' }]}><Input maxLength={50} placeholder="如：市数据局" /></Form.Item>
                <Form.Item name="parentId" label="上级或归口单位（组成部门默认为市政府）"><Select allowClear showSearch optionFilterProp="label" options={unitOptions} /></Form.Item>
                <Form.Item name="principalHeadTitle" label="主要负责同志职务名称（第十四条，可选）"><Input maxLength={50} placeholder="如：市数据局局长" /></Form.Item>
                {dateItem('from', '设立日期', data.date)}
                <Button type="primary" htmlType="submit" loading={busy}>新增单位</Button>
              </Form>
            ),
          },
          {
            key: 'rename',
            label: '更名',
            children: (
              <Form form={renameForm} layout="vertical" onFinish={(v) => save('单位已更名', () => post(`/org/admin/units/${v.unitId}/rename`, { name: v.name, shortName: v.shortName }))}>
                <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
                  <Select showSearch optionFilterProp="label" options={unitOptions}
                    onChange={(id) => { const u = active.find((x: any) => x.id === id); renameForm.setFieldsValue({ name: u?.name, shortName: u?.shortName }); }} />
                </Form.Item>
                <Form.Item name="name" label="新全称" rules={[{ required: true, message: '请填写新全称' }]}><Input maxLength={100} /></Form.Item>
                <Form.Item name="shortName" label="新简称" rules={[{ required: true, message: '请填写新简称' }]}><Input maxLength={50} /></Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>更名</Button>
              </Form>
            ),
          },
          {
            key: 'deactivate',
            label: '撤销',
            children: (
              <Form layout="vertical" onFinish={(v) => save('单位已撤销', () => post(`/org/admin/units/${v.unitId}/deactivate`, { from: v.from, ...(v.reason ? { reason: v.reason } : {}) }))}>
                <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
                  <Select showSearch optionFilterProp="label" options={unitOptions} />
                </Form.Item>
                {dateItem('from', '撤销日期（自该日起不再存在）', data.date)}
                <Form.Item name="reason" label="撤销原因"><Input maxLength={500} placeholder="如：机构改革" /></Form.Item>
                <Button danger htmlType="submit" loading={busy}>撤销单位</Button>
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}
