import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { get, post } from './lib/api.ts';
import { ErrorAlert } from './lib/ErrorAlert.tsx';

export function Login({ onLogin }: { onLogin: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [governments, setGovernments] = useState<Government[]>([]);
  const [government, setGovernment] = useState<string | undefined>();
  const [demoSkip, setDemoSkip] = useState(false);
  useEffect(() => {
    get<{ items: Government[]; default: string; demoSkipPasswordChange?: boolean }>('/public/governments').then((r) => {
      setGovernments(r.items);
      setGovernment(r.default);
      setDemoSkip(Boolean(r.demoSkipPasswordChange));
    }, () => {});
  }, []);
  const chosen = governments.find((g) => g.id === government);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120, background: '#f5f5f5', minHeight: '100vh' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#b71c1c' }}>政通</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          <span data-testid="login-government">{chosen?.name ?? '武威市人民政府'}</span> · 政务运行平台
        </Typography.Paragraph>
        {demoSkip && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="demo-password-notice"
            title="演示模式：演示账号可不修改初始口令直接使用（ZHENGTONG_DEMO_SKIP_PASSWORD_CHANGE）；正式部署须关闭，首次登录时必须修改口令" />
        )}
        <ErrorAlert error={error} />
        <Form
          layout="vertical"
          onFinish={async (v) => {
            setBusy(true);
            setError(null);
            try {
              await post('/auth/login', { ...v, ...(government ? { government } : {}) });
              onLogin();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {governments.length > 1 && (
            <Form.Item label="所属政府">
              <Select data-testid="government" value={government} onChange={setGovernment}
                options={governments.map((g) => ({ value: g.id, label: g.name }))} />
            </Form.Item>
          )}
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

interface Government {
  id: string;
  name: string;
  shortName: string | null;
  level: string;
}
