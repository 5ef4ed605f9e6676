import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { articleLabel, post, type Violation } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { DIRECTION, DISCLOSURE, DOC_TYPES, URGENCY } from './labels.ts';
import { unitOptions, useUnits } from './useUnits.ts';
import { Violations } from './Violations.tsx';

// 拟稿: the signer is computed live from 第七十条–第七十二条 with who acts today (AB岗, reserved powers), the
// 第七十四条 warnings are shown, and a draft without 公开属性 is not routed.
const ISSUERS = [
  { value: '武政发', issuerName: '武威市人民政府', label: '武威市人民政府（武政发）' },
  { value: '武政函', issuerName: '武威市人民政府', label: '武威市人民政府（武政函）' },
  { value: '武政办发', issuerName: '武威市人民政府办公室', label: '武威市人民政府办公室（武政办发）' },
  { value: '武政办函', issuerName: '武威市人民政府办公室', label: '武威市人民政府办公室（武政办函）' },
];
const list = (s: string | undefined) => (s ?? '').split(/、|，|,/).map((x) => x.trim()).filter(Boolean);

export function NewOutgoing() {
  const [form] = Form.useForm();
  const units = useUnits();
  const navigate = useNavigate();
  const values = (Form.useWatch([], form) ?? {}) as any;
  const [preview, setPreview] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const payload = useMemo(() => {
    const issuer = ISSUERS.find((i) => i.value === values.issuerCode) ?? ISSUERS[0];
    return {
      docType: values.docType ?? '通知', direction: values.direction ?? 'downward', title: values.title || '（未填写标题）', body: values.body ?? '',
      issuerName: issuer.issuerName, issuerCode: issuer.value, leadUnitId: values.leadUnitId ?? '', principalRecipients: list(values.principal),
      copyRecipients: list(values.copy), urgency: values.urgency ?? 'normal', disclosure: values.disclosure ?? null, disclosureReason: values.disclosureReason || null,
      joint: values.joint ?? 'none', reservedMatter: values.reservedMatter ?? null, majorMatter: values.majorMatter ?? null,
      withinDepartmentPowers: values.flags?.includes('withinDepartmentPowers') ?? false, separateDivisionPlan: values.flags?.includes('separateDivisionPlan') ?? false,
      alreadyCovered: values.flags?.includes('alreadyCovered') ?? false, necessity: values.necessity || null, countersignUnitIds: values.countersignUnitIds ?? [],
    };
  }, [values]);

  useEffect(() => {
    if (!payload.leadUnitId) { setPreview(null); return; }
    const t = setTimeout(() => { post('/documents/outgoing/preview', payload).then(setPreview, setError); }, 250);
    return () => clearTimeout(t);
  }, [payload]);

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      await form.validateFields();
      const r = await post('/documents/outgoing', payload);
      navigate(`/documents/${r.id}`);
    } catch (e) {
      if ((e as any)?.errorFields) return;
      setError(e);
    } finally { setBusy(false); }
  };

  const s = preview?.signing;
  const a = preview?.acting;
  return (
    <div data-testid="new-outgoing-page">
      <Typography.Title level={4}>拟稿</Typography.Title>
      <Row gutter={16}>
        <Col span={15}>
          <Card>
            <Form form={form} layout="vertical" initialValues={{ docType: '通知', direction: 'downward', issuerCode: '武政发', urgency: 'normal', joint: 'none' }}>
              <Row gutter={12}>
                <Col span={6}><Form.Item label="文种" name="docType"><Select options={DOC_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
                <Col span={6}><Form.Item label="行文方向" name="direction"><Select options={Object.entries(DIRECTION).map(([value, label]) => ({ value, label }))} data-testid="out-direction" /></Form.Item></Col>
                <Col span={12}><Form.Item label="发文机关（代字）" name="issuerCode"><Select options={ISSUERS} /></Form.Item></Col>
              </Row>
              <Form.Item label="标题" name="title" rules={[{ required: true, message: '请填写标题' }]}><Input data-testid="out-title" /></Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item label="主办部门" name="leadUnitId" rules={[{ required: true, message: '请选择主办部门' }]} tooltip="由主办部门的分管市领导审核或签发">
                    <Select showSearch optionFilterProp="label" options={unitOptions(units, (u) => !['external', 'county_government'].includes(u.kind))} data-testid="out-lead" />
                  </Form.Item>
                </Col>
                <Col span={12}><Form.Item label="会签部门" name="countersignUnitIds"><Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions(units)} /></Form.Item></Col>
              </Row>
              <Row gutter={12}>
                <Col span={12}><Form.Item label="主送机关（用顿号分隔）" name="principal"><Input /></Form.Item></Col>
                <Col span={12}><Form.Item label="抄送机关" name="copy"><Input /></Form.Item></Col>
              </Row>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item label="公开属性" name="disclosure" rules={[{ required: true, message: '须确定公开属性（第七十四条）' }]}>
                    <Select options={DISCLOSURE.map((d) => ({ value: d, label: d }))} data-testid="out-disclosure" />
                  </Form.Item>
                </Col>
                <Col span={16}>{values.disclosure === '不予公开' && <Form.Item label="不予公开理由" name="disclosureReason" rules={[{ required: true }]}><Input /></Form.Item>}</Col>
              </Row>
              <Row gutter={12}>
                <Col span={6}><Form.Item label="紧急程度" name="urgency"><Select options={Object.entries(URGENCY).map(([value, label]) => ({ value, label }))} /></Form.Item></Col>
                <Col span={6}><Form.Item label="联合发文" name="joint"><Select options={[{ value: 'none', label: '否' }, { value: 'party', label: '市委、市政府联合' }, { value: 'external', label: '与外单位联合' }]} /></Form.Item></Col>
                <Col span={6}><Form.Item label="市长签署事项" name="reservedMatter"><Select allowClear options={['规章', '人事任免'].map((v) => ({ value: v, label: v }))} data-testid="out-reserved" /></Form.Item></Col>
                <Col span={6}><Form.Item label="重大事项" name="majorMatter"><Select allowClear options={['审计事项', '大额资金使用', '重大政策调整', '重大项目安排'].map((v) => ({ value: v, label: v }))} /></Form.Item></Col>
              </Row>
              <Form.Item label="发文必要性（第七十四条）" name="flags">
                <Select mode="multiple" allowClear options={[
                  { value: 'withinDepartmentPowers', label: '属部门职权范围内事务' },
                  { value: 'separateDivisionPlan', label: '另行印发分工方案' },
                  { value: 'alreadyCovered', label: '法规或现行文件已有规定' },
                ]} />
              </Form.Item>
              {values.flags?.length > 0 && <Form.Item label="发文必要性说明" name="necessity"><Input.TextArea rows={2} /></Form.Item>}
              <Form.Item label="正文" name="body" rules={[{ required: true, message: '请填写正文' }]}><Input.TextArea rows={8} data-testid="out-body" /></Form.Item>
            </Form>
          </Card>
        </Col>
        <Col span={9}>
          <Card title="签发人（即时计算）" data-testid="signer-preview" style={{ marginBottom: 16 }}>
            {!s ? <Typography.Text type="secondary">选择主办部门后计算</Typography.Text> : (
              <>
                <Typography.Paragraph>
                  <Tag color="red">{articleLabel(s.article)}</Tag>{s.explanation}
                </Typography.Paragraph>
                {a && (
                  <Alert type={a.outcome === 'self' ? 'success' : a.outcome === 'acting' ? 'info' : 'warning'} showIcon
                    title={a.outcome === 'waits' ? `待${a.personName ?? '本人'}签署` : `今日由${a.personName ?? '—'}签发`}
                    description={<>{a.reason}{a.interpretation && <div><Tag color="geekblue">系统理解</Tag>{a.interpretation}</div>}</>} />
                )}
              </>
            )}
          </Card>
          {preview && <Violations items={preview.violations as Violation[]} testId="draft-violations" />}
          {preview && <Violations items={preview.warnings as Violation[]} testId="draft-warnings" warning />}
          <ErrorAlert error={error} />
          <Button type="primary" block loading={busy} onClick={submit} data-testid="out-submit">保存草稿</Button>
        </Col>
      </Row>
    </div>
  );
}
