import { useCallback, useEffect, useState } from 'react';
import { Button, Descriptions, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';

// 决策与立法：重大行政决策五项法定程序（第三十一条）、听取意见（第三十五条）、执行跟踪与评估（第三十六条）、
// 集体决策（第十条、第三十二条、第三十三条）、行政规范性文件（第二十七条至第二十九条）、立法（第二十四条、第二十六条）、
// 备案和询问质询（第四十二条）、决定改变须有法定依据（第九十四条）。

const STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: '草案', color: 'default' }, decided: { label: '已决定', color: 'green' }, issued: { label: '已印发', color: 'green' },
  correction_ordered: { label: '责令纠正', color: 'orange' }, revoked: { label: '已撤销', color: 'red' }, superseded: { label: '已被纠正文件替代', color: 'default' },
  pending: { label: '待备案', color: 'orange' }, filed: { label: '已备案', color: 'green' },
};
const statusTag = (s: string) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag>;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

type Action = { title: string; url: string; fields: { name: string; label: string; type?: 'text' | 'area' | 'bool' | 'select'; options?: { value: string; label: string }[]; initial?: unknown }[] };

export function DecisionsPage() {
  const [data, setData] = useState<any>(null);
  const [options, setOptions] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => { get('/decisions').then(setData, setError); get('/decisions/options').then(setOptions, () => {}); }, []);
  useEffect(load, [load]);

  const open = (a: Action) => {
    setActionError(null);
    form.setFieldsValue(Object.fromEntries(a.fields.map((f) => [f.name, f.initial ?? (f.type === 'bool' ? false : f.name === 'on' ? today() : undefined)])));
    setAction(a);
  };
  const submit = async () => {
    const v = form.getFieldsValue();
    try {
      await post(action!.url, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')));
      setAction(null);
      load();
    } catch (e) { setActionError(e); }
  };
  if (!data) return error ? <ErrorAlert error={error} /> : null;
  const steps = options?.steps ?? [];

  return (
    <div data-testid="decisions-page">
      <Typography.Title level={4}>决策与立法</Typography.Title>
      <ErrorAlert error={error} />
      <Tabs items={[
        { key: 'major', label: '重大行政决策', children: (
          <Table rowKey="id" dataSource={data.majors} pagination={false} size="small"
            expandable={{ expandedRowRender: (m: any) => (
              <Descriptions size="small" column={1} bordered>
                {m.steps.map((s: any) => (
                  <Descriptions.Item key={s.step} label={`${s.label}${s.conditional ? '' : '（必经）'}`}>
                    {s.record ? (s.record.applicable ? `${s.record.on} ${s.record.evidence}` : `不适用：${s.record.reason}`) : <Tag color="red">未履行</Tag>}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label="听取意见（第三十五条）">{m.consultations.map((c: any) => `${c.party}：${c.summary}`).join('；') || '未记录'}</Descriptions.Item>
                <Descriptions.Item label="执行跟踪（第三十六条）">{m.tracking.map((t: any) => `${t.on} ${t.label}：${t.summary}`).join('；') || '—'}</Descriptions.Item>
              </Descriptions>
            ) }}
            columns={[
              { title: '决策事项', dataIndex: 'title' },
              { title: '承办单位', dataIndex: 'leadUnit' },
              { title: '状态', dataIndex: 'status', render: statusTag },
              { title: '缺少的法定程序（第三十一条）', render: (m: any) => m.missingSteps.length ? m.missingSteps.map((s: string) => <Tag key={s} color="red">{s}</Tag>) : <Tag color="green">齐全</Tag> },
              { title: '效果评估（第三十六条）', render: (m: any) => m.evaluation ? <Tag color={m.evaluation.state === 'overdue' ? 'red' : m.evaluation.done ? 'green' : 'blue'}>{m.evaluation.due} {m.evaluation.stateLabel}</Tag> : '—' },
              { title: '操作', render: (m: any) => m.status === 'draft' ? (
                <Space>
                  <Button size="small" onClick={() => open({ title: '登记法定程序', url: `/decisions/major/${m.id}/steps`, fields: [
                    { name: 'step', label: '程序', type: 'select', options: steps.map((s: any) => ({ value: s.code, label: s.label })) },
                    { name: 'applicable', label: '适用', type: 'bool', initial: true }, { name: 'evidence', label: '佐证材料' }, { name: 'reason', label: '不适用的理由' }, { name: 'on', label: '日期' }] })}>登记程序</Button>
                  <Button size="small" onClick={() => open({ title: '听取意见', url: `/decisions/major/${m.id}/consultations`, fields: [
                    { name: 'party', label: '意见来源', type: 'select', options: (options?.consultParties ?? []).map((p: string) => ({ value: p, label: p })) },
                    { name: 'form', label: '形式' }, { name: 'summary', label: '意见和建议', type: 'area' }, { name: 'on', label: '日期' }] })}>听取意见</Button>
                  <Button size="small" type="primary" onClick={() => open({ title: '作出决定', url: `/decisions/major/${m.id}/decide`, fields: [
                    { name: 'text', label: '决定内容', type: 'area' }, { name: 'topicId', label: '会议议题编号' }, { name: 'evaluationDue', label: '效果评估时间' }, { name: 'on', label: '决定日期' }] })}>作出决定</Button>
                </Space>
              ) : (
                <Space>
                  <Button size="small" onClick={() => open({ title: '执行跟踪', url: `/decisions/major/${m.id}/tracking`, fields: [
                    { name: 'stage', label: '环节', type: 'select', options: (options?.trackingStages ?? []).map((s: any) => ({ value: s.code, label: s.label })) },
                    { name: 'summary', label: '情况', type: 'area' }, { name: 'on', label: '日期' }] })}>执行跟踪</Button>
                  <Button size="small" danger onClick={() => open({ title: '改变决定（第九十四条）', url: '/decisions/changes', fields: [
                    { name: 'targetType', label: '类别', initial: 'major_decision', type: 'select', options: [{ value: 'major_decision', label: '重大行政决策' }] }, { name: 'targetId', label: '编号', initial: m.id },
                    { name: 'legalBasis', label: '法定依据' }, { name: 'reason', label: '理由', type: 'area' }, { name: 'content', label: '改变内容', type: 'area' }, { name: 'on', label: '日期' }] })}>改变决定</Button>
                </Space>
              ) },
            ]} />
        ) },
        { key: 'normative', label: '行政规范性文件', children: (
          <Table rowKey="id" dataSource={data.normative} pagination={false} size="small" columns={[
            { title: '文件', dataIndex: 'title' }, { title: '制定单位', dataIndex: 'draftingUnit' }, { title: '制定形式', dataIndex: 'formLabel' },
            { title: '涉及部门（第二十八条）', render: (n: any) => n.involvedUnits.map((u: any) => <Tag key={u.id} color={u.consulted ? 'green' : 'orange'}>{u.name}{u.consulted ? '' : '（未听取意见）'}</Tag>) },
            { title: '合法性审查（第二十七条）', render: (n: any) => n.legalityReview ? <Tag color={n.legalityReview.passed ? 'green' : 'red'}>{n.legalityReview.passed ? '通过' : '未通过'}</Tag> : <Tag color="red">未审查</Tag> },
            { title: '状态', render: (n: any) => <>{statusTag(n.status)} {n.docNumber}</> },
            { title: '操作', render: (n: any) => n.status === 'draft' ? (
              <Space>
                <Button size="small" onClick={() => open({ title: '合法性审查', url: `/decisions/normative/${n.id}/records`, fields: [{ name: 'kind', label: '类别', initial: 'legalityReview', type: 'select', options: [{ value: 'legalityReview', label: '合法性审查' }] }, { name: 'passed', label: '通过', type: 'bool', initial: true }, { name: 'opinion', label: '审查意见', type: 'area' }, { name: 'on', label: '日期' }] })}>合法性审查</Button>
                <Button size="small" type="primary" onClick={() => open({ title: '印发（第二十七条至第二十九条）', url: `/decisions/normative/${n.id}/issue`, fields: [{ name: 'docNumber', label: '发文字号' }, { name: 'issuedOn', label: '印发日期', initial: today() }] })}>印发</Button>
              </Space>
            ) : n.status === 'issued' ? (
              <Button size="small" danger onClick={() => open({ title: '责令纠正或撤销（第二十九条第二款）', url: `/decisions/normative/${n.id}/corrections`, fields: [{ name: 'outcome', label: '处理方式', type: 'select', options: (options?.correctionOutcomes ?? []).map((o: string) => ({ value: o, label: o })) }, { name: 'reason', label: '理由', type: 'area' }, { name: 'on', label: '日期' }] })}>纠正或撤销</Button>
            ) : null },
          ]} />
        ) },
        { key: 'legislation', label: '立法', children: (
          <Table rowKey="id" dataSource={data.legislation} pagination={false} size="small"
            expandable={{ expandedRowRender: (l: any) => (
              <Space direction="vertical">
                {l.events.map((e: any, i: number) => <span key={i}>{e.on} {e.label}：{e.summary}</span>)}
                {l.disputes.map((d: any) => (
                  <Descriptions key={d.id} size="small" column={1} bordered title={`争议：${d.issue}（${d.submittedBy}报请市政府决定）`}>
                    {d.sides.map((s: any) => <Descriptions.Item key={s.unitId} label={s.unitName}>{s.position}。理据：{s.reasons}</Descriptions.Item>)}
                    <Descriptions.Item label="倾向性意见">{d.proposal}</Descriptions.Item>
                    <Descriptions.Item label="市政府决定">{d.decision ?? <Tag color="orange">待决定</Tag>}</Descriptions.Item>
                  </Descriptions>
                ))}
              </Space>
            ) }}
            columns={[
              { title: '名称', dataIndex: 'title' }, { title: '类别', render: (l: any) => `${l.action}${l.instrument}` }, { title: '起草单位', dataIndex: 'leadUnit' },
              { title: '环节', render: (l: any) => <Tag color="blue">{l.stageLabel}</Tag> },
              { title: '第三方评估', render: (l: any) => l.important && l.disputed ? (l.thirdParty ? <Tag color="green">已评估</Tag> : <Tag color="orange">需引入</Tag>) : '—' },
              { title: '操作', render: (l: any) => (
                <Button size="small" onClick={() => open({ title: '推进环节', url: `/decisions/legislation/${l.id}/advance`, fields: [
                  { name: 'to', label: '转入环节', type: 'select', options: (options?.legislationStages ?? []).map((s: any) => ({ value: s.code, label: s.label })) },
                  { name: 'summary', label: '情况', type: 'area' }, { name: 'topicId', label: '会议议题编号（决定环节）' }, { name: 'on', label: '日期' }] })}>推进</Button>
              ) },
            ]} />
        ) },
        { key: 'filing', label: '备案与询问质询', children: (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">第四十二条：政府规章和行政规范性文件依法报市人大常委会备案；条文未规定备案时限，未备案的列为待办。</Typography.Text>
            <Table rowKey="id" dataSource={data.filings} pagination={false} size="small" columns={[
              { title: '文件', dataIndex: 'title' }, { title: '类别', dataIndex: 'instrument' }, { title: '公布日期', dataIndex: 'publishedOn' }, { title: '备案机关', dataIndex: 'filedWith' },
              { title: '状态', render: (f: any) => <>{statusTag(f.status)} {f.ref}</> },
              { title: '操作', render: (f: any) => f.status === 'pending' ? <Button size="small" onClick={() => open({ title: '登记备案', url: `/decisions/filings/${f.id}/file`, fields: [{ name: 'ref', label: '备案文号' }, { name: 'filedOn', label: '备案日期', initial: today() }] })}>登记备案</Button> : null },
            ]} />
            <Button onClick={() => open({ title: '登记询问、质询', url: '/decisions/inquiries', fields: [{ name: 'kind', label: '方式', type: 'select', options: (options?.inquiryKinds ?? []).map((k: string) => ({ value: k, label: k })) }, { name: 'subject', label: '事项', type: 'area' }, { name: 'receivedOn', label: '收到日期', initial: today() }] })}>登记询问、质询</Button>
            <Table rowKey="id" dataSource={data.inquiries} pagination={false} size="small" columns={[
              { title: '方式', dataIndex: 'kind' }, { title: '事项', dataIndex: 'subject' }, { title: '收到', dataIndex: 'receivedOn' },
              { title: '答复', render: (q: any) => q.answeredOn ? `${q.answeredOn} ${q.answeredBy}：${q.answer}` : <Button size="small" onClick={() => open({ title: '登记答复', url: `/decisions/inquiries/${q.id}/answer`, fields: [{ name: 'text', label: '答复内容', type: 'area' }, { name: 'answeredBy', label: '答复人' }, { name: 'on', label: '日期' }] })}>登记答复</Button> },
            ]} />
          </Space>
        ) },
        { key: 'collective', label: '集体决策与决定改变', children: (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Table rowKey="id" dataSource={data.collective} pagination={false} size="small" columns={[
              { title: '类别（第三十二条）', dataIndex: 'matterLabel' }, { title: '事项', dataIndex: 'title' }, { title: '会议', render: (c: any) => `${c.meetingOn ?? ''} ${c.meeting}` }, { title: '议题', dataIndex: 'topicTitle' },
            ]} />
            <Button onClick={() => open({ title: '登记规划、行政决定的改变（第九十四条）', url: '/decisions/changes', fields: [
              { name: 'targetType', label: '类别', type: 'select', options: [{ value: 'plan', label: '规划' }, { value: 'administrative_decision', label: '行政决定' }] }, { name: 'targetTitle', label: '名称' },
              { name: 'legalBasis', label: '法定依据' }, { name: 'reason', label: '理由', type: 'area' }, { name: 'content', label: '改变内容', type: 'area' }, { name: 'on', label: '日期' }] })}>登记改变</Button>
            <Table rowKey="id" dataSource={data.changes} pagination={false} size="small" columns={[
              { title: '被改变的', dataIndex: 'targetTitle' }, { title: '法定依据', dataIndex: 'legalBasis' }, { title: '理由', dataIndex: 'reason' }, { title: '日期', dataIndex: 'on' },
            ]} />
          </Space>
        ) },
      ]} />
      <Modal open={!!action} title={action?.title} onCancel={() => setAction(null)} onOk={submit} okText="提交" cancelText="取消" destroyOnClose>
        <ErrorAlert error={actionError} />
        <Form form={form} layout="vertical">
          {action?.fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} valuePropName={f.type === 'bool' ? 'checked' : 'value'}>
              {f.type === 'bool' ? <Switch /> : f.type === 'area' ? <Input.TextArea rows={3} /> : f.type === 'select' ? <Select options={f.options} /> : <Input />}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </div>
  );
}
