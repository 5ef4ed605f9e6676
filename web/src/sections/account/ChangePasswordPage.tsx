// 修改口令 (GB/T 22239-2019 8.1.4.1 a): the own password, under the policy — at least 8 characters of three
// classes, not the login, not a common password, none of the last five. Required at the first sign-in,
// after a reset and after expiry; the server refuses everything else until it is done.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { post } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { useSession } from '../../lib/session.tsx';

const REASON: Record<string, string> = { first_sign_in: '首次登录或口令已被重置，请先修改口令', expired: '口令已过期，请修改口令' };

export function ChangePasswordPage() {
  const { me, refresh } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const pw = me?.password;
  return (
    <Card title="修改口令" style={{ maxWidth: 480 }} data-testid="change-password">
      {pw?.changeRequired && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={REASON[pw.reason ?? ''] ?? '请修改口令'} />}
      {!pw?.changeRequired && pw?.warn && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`口令将于 ${pw.daysLeft} 天后过期`} />}
      {done && <Alert type="success" showIcon style={{ marginBottom: 16 }} title="口令已修改" data-testid="password-changed" />}
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={async (v) => {
        setBusy(true); setError(null); setDone(false);
        try {
          await post('/auth/password', { current: v.current, next: v.next });
          setDone(true);
          form.resetFields();
          refresh();
        } catch (e) { setError(e); } finally { setBusy(false); }
      }}>
        <Form.Item name="current" label="当前口令" rules={[{ required: true, message: '请输入当前口令' }]}>
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item name="next" label="新口令" extra="不少于 8 位，至少含大写字母、小写字母、数字、特殊字符中的三类；不得包含登录名，不得与最近五次相同"
          rules={[{ required: true, message: '请输入新口令' }]}>
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item name="again" label="再次输入新口令" dependencies={['next']} rules={[{ required: true, message: '请再次输入新口令' },
          ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新口令不一致'))) })]}>
          <Input.Password autoComplete="new-password" data-testid="new-password-again" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">修改口令</Button>
      </Form>
    </Card>
  );
}
