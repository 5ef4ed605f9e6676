import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { articleLabel, get, post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { unitOptions, useUnits } from '../documents/useUnits.ts';
import {
  MATERIAL_KIND_LABELS, MATERIAL_KINDS, MEETING_TYPE_LABELS, TOPIC_KIND_LABELS, TOPIC_KINDS, missingMaterials, requiredMaterials,
  type MaterialKind, type MeetingRules, type Topic,
} from '../../../../src/domain/meetings/index.ts';

// 部门拟提议题（第五十六条）：按议题类别和涉及情形列出第三十四条须附的材料，提交前列出每一项缺少的材料及其条文；
// 补送材料（会前截止后送达的标为迟到，第五十六条第二款）。

const FLAGS: [keyof Topic, string][] = [
  ['disputed', '涉及部门意见不一致（第五十三条：须先经专题会议协调）'],
  ['involvesCounties', '涉及县区'],
  ['publicInterest', '涉及重大公共利益、容易引发社会稳定问题'],
  ['marketActivity', '涉及市场主体经济活动'],
  ['enterpriseRules', '与企业生产经营活动密切相关的规章、规范性文件'],
  ['concernsOverall', '涉及全局（第五十三条）'],
  ['innovative', '有创新内容（第五十三条）'],
  ['clearProposal', '有明确意见（第五十三条）'],
  ['toPartyCommittee', '须提请市委常委会会议审议（第五十三条）'],
];

export function TopicForm({ onCreated }: { onCreated: () => void }) {
  const units = useUnits();
  const [rules, setRules] = useState<MeetingRules | null>(null);
  const [form] = Form.useForm();
  const values = Form.useWatch([], form) ?? {};
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => { get('/meetings/rules').then(setRules, setError); }, []);

  // the topic as it would be filed, to compute the 第三十四条 checklist with the domain's own rule
  const draft = useMemo<Topic>(() => ({
    id: 'new', title: values.title ?? '', kind: values.kind ?? 'majorDecision', meetingType: values.meetingType ?? 'executive', stage: 'draft',
    departmentUnitId: values.departmentUnitId ?? '', involvedUnitIds: values.involvedUnitIds ?? [], disputed: !!values.disputed,
    involvesCounties: !!values.involvesCounties, publicInterest: !!values.publicInterest, marketActivity: !!values.marketActivity,
    enterpriseRules: !!values.enterpriseRules, concernsOverall: !!values.concernsOverall, innovative: !!values.innovative,
    clearProposal: !!values.clearProposal, toPartyCommittee: !!values.toPartyCommittee, leaderPersonId: null,
    materials: (Object.entries(values.materials ?? {}) as [MaterialKind, string | undefined][])
      .filter(([, title]) => title?.trim()).map(([kind, title]) => ({ kind, title: title!, submittedAt: '' })),
    meetingId: null, coordinatedByTopicId: null, coordinatesTopicId: null,
  }), [values]);
  const required = rules ? requiredMaterials(draft, rules) : [];
  const missing = rules ? missingMaterials(draft, rules) : [];

  const submit = async () => {
    setError(null); setNotice(null);
    try {
      const { materials, ...input } = draft as any;
      const body = {
        title: input.title, kind: input.kind, meetingType: input.meetingType, departmentUnitId: input.departmentUnitId,
        involvedUnitIds: input.involvedUnitIds, proposal: values.proposal ?? '',
        ...Object.fromEntries(FLAGS.map(([k]) => [k, !!values[k]])),
      };
      const r = await post('/meetings/topics', body);
      for (const m of draft.materials) await post(`/meetings/topics/${r.id}/materials`, { kind: m.kind, title: m.title });
      setNotice(`议题已登记，分管副市长：${r.leaderName || '（未登记分管）'}${missing.length ? `；尚缺${missing.length}项材料，列入会议前须补齐` : ''}`);
      form.resetFields();
      onCreated();
    } catch (e) { setError(e); }
  };

  return (
    <Card size="small" title="部门拟提议题（第五十六条：分管副市长协调或审核后提出）" style={{ marginBottom: 16 }} data-testid="topic-form">
      <ErrorAlert error={error} />
      {notice && <Alert type="success" showIcon title={notice} style={{ marginBottom: 8 }} data-testid="topic-created" />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'majorDecision', meetingType: 'executive' }} onFinish={submit}>
        <Row gutter={12}>
          <Col span={10}><Form.Item name="title" label="议题名称" rules={[{ required: true, message: '请填写议题名称' }]}><Input data-testid="topic-title" /></Form.Item></Col>
          <Col span={4}><Form.Item name="kind" label="类别"><Select data-testid="topic-kind" options={TOPIC_KINDS.map((k) => ({ value: k, label: TOPIC_KIND_LABELS[k] }))} /></Form.Item></Col>
          <Col span={5}><Form.Item name="meetingType" label="提交会议"><Select options={(['executive', 'plenary', 'mayorsOffice', 'special'] as const).map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }))} /></Form.Item></Col>
          <Col span={5}><Form.Item name="departmentUnitId" label="汇报部门" rules={[{ required: true, message: '请选择汇报部门' }]}>
            <Select showSearch optionFilterProp="label" options={unitOptions(units)} data-testid="topic-department" /></Form.Item></Col>
        </Row>
        <Form.Item name="involvedUnitIds" label="涉及的其他部门（须附协商意见）"><Select mode="multiple" optionFilterProp="label" options={unitOptions(units)} /></Form.Item>
        <Space wrap style={{ marginBottom: 8 }}>
          {FLAGS.map(([k, label]) => <Form.Item key={k} name={k} valuePropName="checked" noStyle><Checkbox data-testid={`flag-${k}`}>{label}</Checkbox></Form.Item>)}
        </Space>
        <Form.Item name="proposal" label="明确意见（建议）"><Input.TextArea rows={2} /></Form.Item>
        <Typography.Text strong>{articleLabel(rules?.materials.article ?? 34)}规定的材料</Typography.Text>
        {required.length === 0 && <Typography.Paragraph type="secondary">该类别议题无须附送第三十四条材料。</Typography.Paragraph>}
        <div data-testid="materials-checklist">
          {required.map((k) => (
            <Form.Item key={k} name={['materials', k]} label={<Space>{MATERIAL_KIND_LABELS[k]}{draft.materials.some((m) => m.kind === k) ? <Tag color="green">已附</Tag> : <Tag color="red">缺</Tag>}</Space>} style={{ marginBottom: 6 }}>
              <Input placeholder="材料名称" data-testid={`material-${k}`} />
            </Form.Item>
          ))}
        </div>
        {missing.length > 0 && (
          <Alert type="warning" showIcon style={{ margin: '8px 0' }} data-testid="materials-missing" title={`尚缺${missing.length}项材料（可先登记，列入会议前须补齐）`}
            description={<ul style={{ margin: 0 }}>{missing.map((v, i) => <li key={i}>{v.message}</li>)}</ul>} />
        )}
        <Button type="primary" htmlType="submit" data-testid="topic-submit">登记议题</Button>
      </Form>
    </Card>
  );
}

/** 补送材料: the server flags a material reaching the office after the meeting's cut-off (第五十六条第二款). */
export function AddMaterial({ topicId, onAdded }: { topicId: string; onAdded: (warnings: any[]) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <ErrorAlert error={error} />
      <Form form={form} layout="inline" size="small" data-testid={`add-material-${topicId}`} onFinish={async (v) => {
        setError(null);
        try { const r = await post(`/meetings/topics/${topicId}/materials`, { kind: v.kind, title: v.title ?? '' }); form.resetFields(); onAdded(r.warnings ?? []); } catch (e) { setError(e); }
      }}>
        <Form.Item name="kind" rules={[{ required: true, message: '类别' }]}><Select placeholder="材料类别" style={{ width: 150 }} options={MATERIAL_KINDS.map((k) => ({ value: k, label: MATERIAL_KIND_LABELS[k] }))} /></Form.Item>
        <Form.Item name="title" rules={[{ required: true, message: '名称' }]}><Input placeholder="材料名称" style={{ width: 150 }} /></Form.Item>
        <Button htmlType="submit" size="small">补送材料</Button>
      </Form>
    </>
  );
}
