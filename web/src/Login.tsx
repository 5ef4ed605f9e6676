import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { post } from './lib/api.ts';
import { ErrorAlert } from './lib/ErrorAlert.tsx';

export function Login({ onLogin }: { onLogin: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120, background: '#f5f5f5', minHeight: '100vh' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#b71c1c' }}>政通</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          武威市人民政府 · 政务运行平台
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form
          layout="vertical"
          onFinish={async (v) => {
            setBusy(true);
            setError(null);
            try {
              await post('/auth/login', v);
              onLogin();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item label="用户名" name="login" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" data-testid="login" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
