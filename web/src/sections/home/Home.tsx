import { useEffect, useState } from 'react';
import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { articleLabel, get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { useSession } from '../../lib/session.tsx';
import { DeadlineTag } from '../documents/DeadlineTag.tsx';
import { STATE_LABELS } from '../documents/labels.ts';
import { OfficeTodos, OverdueList } from '../documents/WorkbenchLists.tsx';

// 工作台: what waits for me (with each deadline's rule and state), what waits on the office (office staff),
// what I sent, and what is overdue; the office's and the overdue lists are paged.
export function Home() {
  const { me } = useSession();
  const [wb, setWb] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const canSeeDocuments = !(me?.roles ?? []).every((r) => r === 'duty_officer');
  useEffect(() => {
    if (canSeeDocuments) get('/documents/workbench').then(setWb, setError);
  }, [canSeeDocuments]);
  // new work arrived (the bell's live count changed): the lists follow without a reload
  useEffect(() => {
    if (!canSeeDocuments) return;
    const h = () => { get('/documents/workbench').then(setWb, setError); };
    window.addEventListener('zt:unread', h);
    return () => window.removeEventListener('zt:unread', h);
  }, [canSeeDocuments]);

  return (
    <div data-testid="home">
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {me?.displayName}，您好。政通依据《武威市人民政府工作规则》（武政发〔2023〕19号）办理公文、会议、督查和政务公开事项，
          每一项期限按国务院办公厅节假日安排计算，每一次拒绝或提醒都注明所依据的条款。{wb ? `今天是${wb.today}。` : ''}
        </Typography.Paragraph>
      </Card>
      <ErrorAlert error={error} />
      {wb && (
        <Row gutter={16}>
          <Col span={14}>
            <Card title={`我的待办（${wb.todos.length}）`} data-testid="todos">
              {wb.todos.length === 0 ? <Empty description="暂无待办" /> : (
                <List
                  dataSource={wb.todos}
                  renderItem={(t: any) => (
                    <List.Item data-testid="todo">
                      <Space wrap>
                        <Tag color="blue">{t.kind}</Tag>
                        <Link to={`/documents/${t.documentId}`}>{t.title}</Link>
                        {t.due ? <DeadlineTag due={t.due} state={t.deadlineState} article={t.article} /> : t.article ? <Tag>{articleLabel(t.article)}</Tag> : null}
                        {t.acting && <Tag color="geekblue">{t.acting}</Tag>}
                        {t.waits && <Tag color="orange">待本人签署</Tag>}
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            {wb.office && (
              <Card title={`办公室待办（${wb.office.total}）`} style={{ marginTop: 16 }} data-testid="office-todos">
                <OfficeTodos first={wb.office} />
              </Card>
            )}
          </Col>
          <Col span={10}>
            <Card title={`逾期事项（${wb.overdue.total}）`} style={{ marginBottom: 16 }} data-testid="overdue">
              <OverdueList first={wb.overdue} />
            </Card>
            <Card title="我发起的" data-testid="sent">
              {wb.sent.length === 0 ? <Empty description="暂无" /> : (
                <List
                  size="small"
                  dataSource={wb.sent.slice(0, 12)}
                  renderItem={(d: any) => (
                    <List.Item>
                      <Space wrap>
                        <Tag>{d.flow === 'incoming' ? '收文' : '发文'}</Tag>
                        <Link to={`/documents/${d.id}`}>{d.title}</Link>
                        <Tag color="default">{STATE_LABELS[d.state] ?? d.state}</Tag>
                        {d.doc_number && <span>{d.doc_number}</span>}
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
