import { Card, Typography } from 'antd';
import { useSession } from '../../lib/session.tsx';

export function Home() {
  const { me } = useSession();
  return (
    <Card title="工作台">
      <Typography.Paragraph>
        {me?.displayName}，您好。政通依据《武威市人民政府工作规则》（武政发〔2023〕19号）办理公文、会议、督查和政务公开事项，
        每一项期限按国务院办公厅节假日安排计算，每一次拒绝或提醒都注明所依据的条款。
      </Typography.Paragraph>
    </Card>
  );
}
