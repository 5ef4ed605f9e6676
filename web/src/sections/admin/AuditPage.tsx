import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Result } from 'antd';
import { get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';

export function AuditPage() {
  const [status, setStatus] = useState<any>(null);
  const [verify, setVerify] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get('/audit/status').then(setStatus, setError); }, []);
  return (
    <Card title="审计链（SM3 哈希链）">
      <ErrorAlert error={error} />
      {status && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="已封存至">第 {status.sealedUpTo} 位</Descriptions.Item>
          <Descriptions.Item label="待封存">{status.unsealed} 条</Descriptions.Item>
          <Descriptions.Item label="末条哈希"><code>{status.lastHash ?? '—'}</code></Descriptions.Item>
        </Descriptions>
      )}
      <Button style={{ marginTop: 16 }} onClick={() => get('/audit/verify').then(setVerify, setError)}>校验审计链</Button>
      {verify && (verify.ok
        ? <Result status="success" title={`审计链完整：已校验 ${verify.verified} 条记录`} />
        : <Result status="error" title={`审计链在第 ${verify.brokenChainPos} 位被破坏`} subTitle={verify.reason} />)}
    </Card>
  );
}
