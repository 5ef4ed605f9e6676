// 账号管理 (GB/T 22239-2019 8.1.5 三员分立): the 系统管理员 creates, disables and enables accounts and
// resets passwords; the 安全保密管理员 grants and revokes roles, unlocks accounts and sees the policy. The
// server decides (each route its permission); the page only offers each administrator its own actions.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { get, post, put } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { useSession } from '../../lib/session.tsx';

interface Account {
  id: string; login: string; displayName: string; personId: string | null; roles: string[]; roleLabels: string[];
  disabled: boolean; lockedUntil: string | null; mustChangePassword: boolean; passwordChangedAt: string;
}

const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);

export function AccountsPage() {
  const { me } = useSession();
  const manages = me?.roles.includes('admin') ?? false;
  const grants = me?.roles.includes('security_admin') ?? false;
  const [items, setItems] = useState<Account[]>([]);
  const [roles, setRoles] = useState<{ role: string; label: string }[]>([]);
  const [policy, setPolicy] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [granting, setGranting] = useState<Account | null>(null);
  const [createForm] = Form.useForm();
  const [resetForm] = Form.useForm();
  const [grantForm] = Form.useForm();

  const load = useCallback(() => {
    get<{ items: Account[] }>('/accounts').then((r) => setItems(r.items), setError);
  }, []);
  useEffect(() => {
    load();
    get<{ items: { role: string; label: string }[] }>('/accounts/roles').then((r) => setRoles(r.items), setError);
    if (grants) get('/security/policy').then(setPolicy, setError);
  }, [load, grants]);

  const act = (p: Promise<unknown>, then?: () => void) => p.then(() => { setError(null); then?.(); load(); }, setError);
  if (!manages && !grants) return <Alert type="info" showIcon title="账号管理由系统管理员和安全保密管理员办理" />;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <ErrorAlert error={error} />
      <Card title="账号" data-testid="accounts" extra={manages && <Button type="primary" onClick={() => setCreating(true)} data-testid="account-create">新建账号</Button>}>
        <Table<Account> rowKey="id" size="small" dataSource={items} pagination={{ pageSize: 20 }} columns={[
          { title: '登录名', dataIndex: 'login' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', render: (_, a) => a.roleLabels.length ? a.roleLabels.map((l) => <Tag key={l}>{l}</Tag>) : <Tag color="default">未授权</Tag> },
          {
            title: '状态', render: (_, a) => (
              <Space size={4} wrap>
                {a.disabled && <Tag color="red">已停用</Tag>}
                {a.lockedUntil && new Date(a.lockedUntil) > new Date() && <Tag color="orange">锁定至 {beijing(a.lockedUntil)}</Tag>}
                {a.mustChangePassword && <Tag color="gold">待修改口令</Tag>}
                {!a.disabled && !a.lockedUntil && !a.mustChangePassword && <Tag color="green">正常</Tag>}
              </Space>
            ),
          },
          { title: '口令设置于', render: (_, a) => beijing(a.passwordChangedAt) },
          {
            title: '操作', render: (_, a) => a.id === me?.userId ? <span style={{ color: '#999' }}>本人账号</span> : (
              <Space size={4} wrap>
                {manages && (a.disabled
                  ? <Button size="small" onClick={() => act(post(`/accounts/${a.id}/enable`))}>启用</Button>
                  : <Button size="small" danger onClick={() => act(post(`/accounts/${a.id}/disable`))} data-testid={`disable-${a.login}`}>停用</Button>)}
                {manages && <Button size="small" onClick={() => { resetForm.resetFields(); setResetting(a); }}>重置口令</Button>}
                {grants && <Button size="small" onClick={() => { grantForm.setFieldsValue({ roles: a.roles }); setGranting(a); }} data-testid={`grant-${a.login}`}>授权</Button>}
                {grants && a.lockedUntil && <Button size="small" onClick={() => act(post(`/accounts/${a.id}/unlock`))}>解锁</Button>}
              </Space>
            ),
          },
        ]} />
      </Card>
      {policy && (
        <Card title="口令与会话策略" data-testid="security-policy">
          <Descriptions size="small" column={2} items={[
            { key: 'len', label: '口令长度', children: `不少于 ${policy.password.minLength} 位，至少 ${policy.password.minClasses} 类字符` },
            { key: 'age', label: '口令有效期', children: `${policy.password.maxAgeDays} 天（提前 ${policy.password.warnDays} 天提醒）` },
            { key: 'hist', label: '不得重复', children: `最近 ${policy.password.historySize} 次` },
            { key: 'demo', label: '首次登录修改', children: policy.password.demoSkipPasswordChange ? '演示模式：不强制' : '强制' },
            { key: 'lock', label: '登录失败锁定', children: `连续 ${policy.lockout.threshold} 次，锁定 ${policy.lockout.minutes} 分钟` },
            { key: 'sess', label: '会话', children: `闲置 ${policy.session.idleMinutes} 分钟、最长 ${policy.session.maxHours} 小时` },
          ]} />
        </Card>
      )}
      <Modal title="新建账号" open={creating} onCancel={() => setCreating(false)} onOk={() => createForm.submit()} destroyOnHidden>
        <Form form={createForm} layout="vertical" onFinish={(v) => act(post('/accounts', v), () => { setCreating(false); createForm.resetFields(); })}>
          <Form.Item name="login" label="登录名" rules={[{ required: true, message: '请输入登录名' }]}><Input data-testid="new-login" /></Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}><Input data-testid="new-name" /></Form.Item>
          <Form.Item name="password" label="初始口令" extra="首次登录时须修改；角色由安全保密管理员授予" rules={[{ required: true, message: '请输入初始口令' }]}>
            <Input.Password data-testid="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={`重置口令：${resetting?.displayName ?? ''}`} open={!!resetting} onCancel={() => setResetting(null)} onOk={() => resetForm.submit()} destroyOnHidden>
        <Form form={resetForm} layout="vertical" onFinish={(v) => act(post(`/accounts/${resetting!.id}/reset-password`, v), () => setResetting(null))}>
          <Form.Item name="password" label="新的初始口令" extra="该账号下次登录时须修改" rules={[{ required: true, message: '请输入口令' }]}><Input.Password /></Form.Item>
        </Form>
      </Modal>
      <Modal title={`授权：${granting?.displayName ?? ''}`} open={!!granting} onCancel={() => setGranting(null)} onOk={() => grantForm.submit()} destroyOnHidden>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="三员分立：系统管理员、安全保密管理员、安全审计员不得由同一账号兼任" />
        <Form form={grantForm} layout="vertical" onFinish={(v) => act(put(`/accounts/${granting!.id}/roles`, { roles: v.roles ?? [] }), () => setGranting(null))}>
          <Form.Item name="roles" label="角色">
            <Select mode="multiple" data-testid="grant-roles" options={roles.map((r) => ({ value: r.role, label: r.label }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
