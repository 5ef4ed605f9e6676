import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { post, type Violation } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { DOC_TYPES, URGENCY } from './labels.ts';
import { unitOptions, useUnits } from './useUnits.ts';
import { Violations } from './Violations.tsx';

// 签收、登记: the 初审 checks (第六十二条、第六十四条、第六十七条) run on every change, so the clerk sees every
// violated rule with its article before submitting.
const lines = (s: string | undefined) => (s ?? '').split(/\n|、|；/).map((x) => x.trim()).filter(Boolean);

export function NewIncoming() {
  const [form] = Form.useForm();
  const units = useUnits();
  const navigate = useNavigate();
  const values = Form.useWatch([], form) ?? {};
  const [violations, setViolations] = useState<Violation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const payload = useMemo(() => {
    const v = values as any;
    const issuer = units.find((u) => u.id === v.issuerUnitId);
    return {
      docType: v.docType ?? '请示', title: v.title || '（未填写标题）', body: v.body ?? '', issuerName: issuer?.name ?? v.issuerName ?? '来文单位',
      issuerUnitId: v.issuerUnitId ?? null, sourceDocNumber: v.sourceDocNumber || null, urgency: v.urgency ?? 'normal', classification: v.classification ?? '',
      facts: {
        matters: lines(v.matters), principalRecipients: lines(v.principalRecipients), alsoSentTo: lines(v.alsoSentTo),
        containsRequest: !!v.containsRequest, skipsLevel: !!v.skipsLevel, skipLevelApproval: v.skipLevelApproval || null,
        addressedToLeader: !!v.addressedToLeader, leaderException: v.leaderException ?? null,
        submitterUnitId: v.issuerUnitId ?? 'unknown', involvedUnitIds: v.involvedUnitIds ?? [],
        countersigns: (v.countersignUnitIds ?? []).map((u: string) => ({ unitId: u, signerRank: u === v.issuerUnitId ? 'principal_head' : 'head', signerName: '（会签页）' })),
        jointSubmission: !!v.jointSubmission, normative: !!v.normative, highImpact: !!v.highImpact,
        hasInterpretation: !!v.hasInterpretation, hasOpinionPlan: !!v.hasOpinionPlan,
        partyDraft: v.partyDraftPurpose ? { purpose: v.partyDraftPurpose, mainlyGovernmentDuties: !!v.mainlyGovernmentDuties } : null,
      },
    };
  }, [values, units]);

  useEffect(() => {
    if (!(values as any).issuerUnitId) { setViolations(null); return; }
    const t = setTimeout(() => { post('/documents/incoming/preview', payload).then((r) => setViolations(r.violations), setError); }, 250);
    return () => clearTimeout(t);
  }, [payload]);

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      await form.validateFields();
      const r = await post('/documents/incoming', payload);
      await post(`/documents/${r.id}/register`, {});
      navigate(`/documents/${r.id}`);
    } catch (e) {
      if ((e as any)?.errorFields) return;
      setError(e);
    } finally { setBusy(false); }
  };

  return (
    <div data-testid="new-incoming-page">
      <Typography.Title level={4}>收文签收、登记</Typography.Title>
      <Row gutter={16}>
        <Col span={15}>
          <Card>
            <Form form={form} layout="vertical" initialValues={{ docType: '请示', urgency: 'normal', principalRecipients: '武威市人民政府' }}>
              <Row gutter={12}>
                <Col span={8}><Form.Item label="文种" name="docType" rules={[{ required: true }]}><Select options={DOC_TYPES.map((t) => ({ value: t, label: t }))} data-testid="in-doctype" /></Form.Item></Col>
                <Col span={16}>
                  <Form.Item label="来文单位" name="issuerUnitId" rules={[{ required: true, message: '请选择来文单位' }]}>
                    <Select showSearch optionFilterProp="label" options={unitOptions(units, () => true).map((o) => ({ ...o, label: o.title }))} data-testid="in-issuer" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="标题" name="title" rules={[{ required: true, message: '请填写标题' }]}><Input data-testid="in-title" /></Form.Item>
              <Row gutter={12}>
                <Col span={8}><Form.Item label="来文字号" name="sourceDocNumber"><Input placeholder="凉政发〔2026〕11号" data-testid="in-number" /></Form.Item></Col>
                <Col span={8}><Form.Item label="紧急程度" name="urgency"><Select options={Object.entries(URGENCY).map(([value, label]) => ({ value, label }))} /></Form.Item></Col>
                <Col span={8}><Form.Item label="密级" name="classification" tooltip="标注秘密、机密、绝密的公文不得在本系统办理"><Select allowClear options={['', '内部', '工作秘密', '秘密', '机密', '绝密'].map((v) => ({ value: v, label: v || '无' }))} /></Form.Item></Col>
              </Row>
              <Form.Item label="请示、报告事项（每行一项）" name="matters" rules={[{ required: true, message: '请填写事项' }]}><Input.TextArea rows={2} data-testid="in-matters" /></Form.Item>
              <Row gutter={12}>
                <Col span={12}><Form.Item label="主送机关（用顿号分隔）" name="principalRecipients"><Input data-testid="in-recipients" /></Form.Item></Col>
                <Col span={12}><Form.Item label="同时报送的其他机关" name="alsoSentTo"><Input placeholder="如有，用顿号分隔" /></Form.Item></Col>
              </Row>
              <Row gutter={12}>
                <Col span={12}><Form.Item label="涉及其他部门职权" name="involvedUnitIds"><Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions(units)} /></Form.Item></Col>
                <Col span={12}><Form.Item label="已会签的部门（会签页）" name="countersignUnitIds"><Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions(units)} /></Form.Item></Col>
              </Row>
              <Space wrap>
                <Form.Item name="containsRequest" valuePropName="checked" noStyle><Checkbox>报告中含请示事项</Checkbox></Form.Item>
                <Form.Item name="skipsLevel" valuePropName="checked" noStyle><Checkbox>越级行文</Checkbox></Form.Item>
                <Form.Item name="addressedToLeader" valuePropName="checked" noStyle><Checkbox>直接报送领导个人</Checkbox></Form.Item>
                <Form.Item name="jointSubmission" valuePropName="checked" noStyle><Checkbox>联合报送</Checkbox></Form.Item>
                <Form.Item name="normative" valuePropName="checked" noStyle><Checkbox>规范性文件</Checkbox></Form.Item>
                <Form.Item name="highImpact" valuePropName="checked" noStyle><Checkbox>可能产生较大影响</Checkbox></Form.Item>
                <Form.Item name="hasInterpretation" valuePropName="checked" noStyle><Checkbox>附政策解读材料</Checkbox></Form.Item>
                <Form.Item name="hasOpinionPlan" valuePropName="checked" noStyle><Checkbox>附舆情应对方案</Checkbox></Form.Item>
              </Space>
              <Row gutter={12} style={{ marginTop: 12 }}>
                <Col span={12}><Form.Item label="市委文件稿（第六十三条）" name="partyDraftPurpose"><Select allowClear placeholder="不是" options={[{ value: '提请市委有关会议审议', label: '拟提请市委有关会议审议' }, { value: '以市委市政府名义联合发文', label: '拟以市委、市政府名义联合发文' }]} /></Form.Item></Col>
                {(values as any).partyDraftPurpose && <Col span={12}><Form.Item label=" " name="mainlyGovernmentDuties" valuePropName="checked"><Checkbox>内容主要涉及政府职责</Checkbox></Form.Item></Col>}
              </Row>
              {(values as any).skipsLevel && <Form.Item label="越级行文的批准依据" name="skipLevelApproval" style={{ marginTop: 12 }}><Input /></Form.Item>}
              <Form.Item label="正文" name="body" style={{ marginTop: 12 }}><Input.TextArea rows={5} /></Form.Item>
            </Form>
          </Card>
        </Col>
        <Col span={9}>
          <Card title="初审预检（第六十二条、第六十四条、第六十七条）">
            {violations === null ? <Typography.Text type="secondary">选择来文单位后即时检查</Typography.Text> : (
              <Violations items={violations} ok="符合初审要求" testId="intake-preview" />
            )}
            <ErrorAlert error={error} />
            <Button type="primary" block loading={busy} onClick={submit} data-testid="in-submit">签收并登记</Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              不符合要求的来文也可登记，初审时逐条列明理由退回。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
