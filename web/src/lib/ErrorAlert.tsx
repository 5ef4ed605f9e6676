import { Alert } from 'antd';
import { ApiError, articleLabel } from './api.ts';

/** Shows an API error with every violated rule and its article. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={e ? `${e.message}${e.article ? `（依据${articleLabel(e.article)}）` : ''}` : String((error as Error).message ?? error)}
      description={
        e && e.violations.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="violations">
            {e.violations.map((v, i) => (
              <li key={i}>
                {v.message}
                {v.article && !v.message.includes(articleLabel(v.article)) ? `（${articleLabel(v.article)}）` : ''}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
