import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Space, Switch, Table, Typography } from 'antd';
import { get, put } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';

/** 消息设置: which kinds on which channels, quiet hours with the morning digest, the mail address. */
export function PreferencesPage() {
  const [data, setData] = useState<any>(null);
  const [prefs, setPrefs] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { get('/notifications/preferences').then((r) => { setData(r); setPrefs(r.preferences); }, setError); }, []);
  if (!prefs) return <ErrorAlert error={error} />;
  const channels = data.channels.map((c: any) => c.channel) as string[];
  const toggle = (kind: string, channel: string, on: boolean) => {
    const cur: string[] = prefs.channels[kind];
    setPrefs({ ...prefs, channels: { ...prefs.channels, [kind]: channels.filter((c) => (c === channel ? on : cur.includes(c))) } });
  };
  const save = async () => {
    setSaved(false);
    try {
      const r = await put('/notifications/preferences', { channels: prefs.channels, quietHours: prefs.quietHours, digest: prefs.digest, mail: prefs.mail ?? null });
      setPrefs(r.preferences); setError(null); setSaved(true);
    } catch (e) { setError(e); }
  };
  const q = prefs.quietHours;
  return (
    <Card title="消息设置" extra={<Button type="primary" onClick={save} data-testid="save-preferences">保存</Button>}>
      <ErrorAlert error={error} />
      {saved && <Alert type="success" showIcon title="已保存" style={{ marginBottom: 12 }} />}
      {!data.chosen && <Typography.Paragraph type="secondary">尚未设置，以下为本角色的默认设置。</Typography.Paragraph>}
      <Form layout="vertical">
        <Form.Item label="电子邮件地址">
          <Input value={prefs.mail ?? ''} placeholder="如 zhangsan@wuwei.gov.cn" onChange={(e) => setPrefs({ ...prefs, mail: e.target.value })} style={{ maxWidth: 360 }} data-testid="mail" />
        </Form.Item>
        <Form.Item label="免打扰时段（此时段内不推送邮件、钉钉、企业微信；结束时汇总发送）">
          <Space wrap>
            <Switch checked={Boolean(q)} onChange={(on) => setPrefs({ ...prefs, quietHours: on ? { start: '22:00', end: '07:30' } : null })} />
            {q && (
              <Space>
                <Input type="time" value={q.start} onChange={(e) => setPrefs({ ...prefs, quietHours: { ...q, start: e.target.value } })} style={{ width: 120 }} data-testid="quiet-start" />
                至
                <Input type="time" value={q.end} onChange={(e) => setPrefs({ ...prefs, quietHours: { ...q, end: e.target.value } })} style={{ width: 120 }} data-testid="quiet-end" />
              </Space>
            )}
            {q && <Checkbox checked={prefs.digest} onChange={(e) => setPrefs({ ...prefs, digest: e.target.checked })}>结束时汇总为一条</Checkbox>}
          </Space>
        </Form.Item>
      </Form>
      <Table
        size="small" pagination={false} rowKey="kind" scroll={{ x: true }}
        dataSource={data.kinds}
        columns={[
          { title: '消息类型', dataIndex: 'label', render: (v: string, k: any) => <span title={k.basis}>{v}</span> },
          ...data.channels.map((c: any) => ({
            title: c.label, key: c.channel, align: 'center' as const,
            render: (_: unknown, k: any) => (
              <Checkbox
                checked={prefs.channels[k.kind]?.includes(c.channel)}
                disabled={c.channel === 'web'}
                onChange={(e) => toggle(k.kind, c.channel, e.target.checked)}
                data-testid={`pref-${k.kind}-${c.channel}`}
              />
            ),
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>站内消息是向本人告知的记录，不能关闭。邮件和机器人消息只含标题和链接，不含正文。</Typography.Paragraph>
    </Card>
  );
}
