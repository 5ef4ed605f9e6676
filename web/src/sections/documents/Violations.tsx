import { Alert } from 'antd';
import { articleLabel, type Violation } from '../../lib/api.ts';

/** Every rule a form breaks, each with its article, shown before anything is submitted. */
export function Violations({ items, ok, testId, warning }: { items: Violation[]; ok?: string; testId: string; warning?: boolean }) {
  if (!items.length) return ok ? <Alert type="success" showIcon title={ok} style={{ marginBottom: 12 }} data-testid={testId} /> : null;
  return (
    <Alert
      type={warning ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={testId}
      title={warning ? `提示（${items.length}项）` : `不符合工作规则（${items.length}项）`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {items.map((v, i) => (
            <li key={i}>{v.message}{v.article && !v.message.includes(articleLabel(v.article)) ? `（${articleLabel(v.article)}）` : ''}</li>
          ))}
        </ul>
      }
    />
  );
}
