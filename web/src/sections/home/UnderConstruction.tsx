import { Result } from 'antd';

export function UnderConstruction({ title }: { title: string }) {
  return <Result status="info" title={title} subTitle="建设中" />;
}
