import { useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { unitOptions, useUnits } from '../documents/useUnits.ts';

// 部门全市性会议请示（第六十条、第六十一条）：先征得分管副市长同意，再正式报送请示；不以市政府或市政府办公室名义；
// 原则上每年不超过1次（超过的写明理由，报批）；不邀请县区政府负责同志（确需邀请报批）；市政府领导同志一般不出席；
// 尽可能采用视频会议。提交后逐条显示提示及其条文。

export function CitywideForm({ onSubmitted }: { onSubmitted: () => void }) {
  const units = useUnits();
  const [form] = Form.useForm();
  const unitId = Form.useWatch('departmentUnitId', form);
  const leader = units.find((u) => u.id === unitId)?.leaderInCharge;
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<any>(null);
  const submit = async (v: any) => {
    setError(null); setResult(null);
    try {
      const date = (v.date as Dayjs | undefined)?.format('YYYY-MM-DD') ?? '';
      const r = await post('/meetings/citywide', {
        departmentUnitId: v.departmentUnitId, title: v.title ?? '', date, hostName: v.hostName ?? '',
        viceMayorConsent: v.consent && leader?.personId ? { personId: leader.personId, date: v.consentDate?.format('YYYY-MM-DD') ?? date } : null,
        formalRequest: v.formalRequest ?? null, video: !!v.video, invitesCountyHeads: !!v.invitesCountyHeads, invitesCityLeaders: !!v.invitesCityLeaders,
        justification: v.justification ?? null,
      });
      setResult(r);
      onSubmitted();
    } catch (e) { setError(e); }
  };
  return (
    <Card size="small" title="报送部门全市性会议请示（第六十条、第六十一条）" style={{ marginBottom: 16 }} data-testid="citywide-form">
      <ErrorAlert error={error} />
      {result && (
        <Alert type={result.warnings.length ? 'warning' : 'success'} showIcon style={{ marginBottom: 8 }} data-testid="citywide-result"
          title={result.warnings.length ? '已报送，请注意以下提示' : '已报送，待市政府审批'}
          description={result.warnings.length ? <ul style={{ margin: 0 }}>{result.warnings.map((w: any, i: number) => <li key={i}>{w.message}</li>)}</ul> : undefined} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ video: true }}>
        <Space wrap align="start">
          <Form.Item name="departmentUnitId" label="召开部门" rules={[{ required: true, message: '请选择部门' }]}>
            <Select showSearch optionFilterProp="label" style={{ width: 200 }} options={unitOptions(units)} data-testid="citywide-unit" /></Form.Item>
          <Form.Item name="title" label="会议名称"><Input style={{ width: 240 }} data-testid="citywide-title" /></Form.Item>
          <Form.Item name="date" label="会议日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker data-testid="citywide-date" /></Form.Item>
          <Form.Item name="hostName" label="会议名义（通知落款）" extra="不以市政府或市政府办公室名义召开"><Input style={{ width: 200 }} data-testid="citywide-host" /></Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="consent" valuePropName="checked" label="第六十一条第一步">
            <Checkbox data-testid="citywide-consent">已征得分管副市长{leader?.personName ? `（${leader.personName}）` : ''}同意</Checkbox></Form.Item>
          <Form.Item name="consentDate" label="同意日期"><DatePicker /></Form.Item>
          <Form.Item name="formalRequest" label="正式请示（文号或标题）"><Input style={{ width: 300 }} data-testid="citywide-request" /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="video" valuePropName="checked" noStyle><Checkbox data-testid="citywide-video">视频会议</Checkbox></Form.Item>
          <Form.Item name="invitesCountyHeads" valuePropName="checked" noStyle><Checkbox>邀请县区政府负责同志（须报批）</Checkbox></Form.Item>
          <Form.Item name="invitesCityLeaders" valuePropName="checked" noStyle><Checkbox data-testid="citywide-leaders">邀请市政府领导同志出席</Checkbox></Form.Item>
        </Space>
        <Form.Item name="justification" label="确需召开的理由（本年度已召开过的须填写）" style={{ marginTop: 8 }}><Input.TextArea rows={2} /></Form.Item>
        <Typography.Paragraph type="secondary">原则上每个部门每年召开全市性会议不超过1次；超过的提示并须写明理由、经市政府明确批准。</Typography.Paragraph>
        <Button type="primary" htmlType="submit" data-testid="citywide-submit">报送请示</Button>
      </Form>
    </Card>
  );
}
