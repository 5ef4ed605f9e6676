import { useEffect, useState } from 'react';
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { get } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/ErrorAlert.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';

// The 工作台's long lists, paged on the server: the office's to-dos (oldest first) and the overdue list
// (earliest due first). The 工作台 brings the first page and the total; other pages are fetched on demand,
// so every row can be reached.

export interface WorkbenchPage<T = any> { total: number; offset: number; limit: number; rows: T[] }

function usePaged(path: string, first: WorkbenchPage) {
  const [page, setPage] = useState<WorkbenchPage>(first);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setPage(first), [first]);
  const go = (current: number, pageSize: number) => {
    setLoading(true);
    get(`${path}?offset=${(current - 1) * pageSize}&limit=${pageSize}`)
      .then((p: WorkbenchPage) => { setPage(p); setError(null); }, setError)
      .finally(() => setLoading(false));
  };
  const pagination = {
    current: Math.floor(page.offset / page.limit) + 1, pageSize: page.limit, total: page.total, showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100], showTotal: (n: number) => `共 ${n} 项`, onChange: go, size: 'small' as const,
  };
  return { page, loading, error, pagination };
}

export function OfficeTodos({ first }: { first: WorkbenchPage }) {
  const { page, loading, error, pagination } = usePaged('/documents/workbench/office', first);
  return (
    <>
      <ErrorAlert error={error} />
      <Table
        rowKey="documentId"
        size="small"
        loading={loading}
        dataSource={page.rows}
        pagination={pagination}
        showHeader={false}
        locale={{ emptyText: '暂无待办' }}
        columns={[
          { width: 70, render: (_: unknown, t: any) => <Tag color="blue">{t.kind}</Tag> },
          { render: (_: unknown, t: any) => <Link to={`/documents/${t.documentId}`} data-testid="office-todo">{t.title}</Link> },
        ]}
      />
    </>
  );
}

export function OverdueList({ first }: { first: WorkbenchPage }) {
  const { page, loading, error, pagination } = usePaged('/documents/workbench/overdue', first);
  return (
    <>
      <ErrorAlert error={error} />
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={page.rows}
        pagination={pagination}
        showHeader={false}
        locale={{ emptyText: '没有逾期事项' }}
        columns={[
          { render: (_: unknown, o: any) => <Link to={`/documents/${o.document_id}`} data-testid="overdue-item">{o.title}</Link> },
          { width: 90, dataIndex: 'unitName' },
          { width: 150, render: (_: unknown, o: any) => <DeadlineTag due={o.due} state="overdue" article={o.article} /> },
        ]}
      />
    </>
  );
}
