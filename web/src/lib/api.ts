// The API client: JSON in and out, errors in the one shape {code, message, article?, violations[]}.

export interface Violation {
  code: string;
  message: string;
  article?: number;
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly article?: number,
    readonly violations: Violation[] = [],
  ) {
    super(message);
  }
}

export async function api<T = any>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${url}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && !url.startsWith('/auth/')) window.dispatchEvent(new Event('zt:unauthenticated'));
    throw new ApiError(res.status, data?.code ?? 'UNKNOWN', data?.message ?? res.statusText, data?.article, data?.violations ?? []);
  }
  return data as T;
}

export const get = <T = any>(url: string) => api<T>('GET', url);
export const post = <T = any>(url: string, body: unknown = {}) => api<T>('POST', url, body);
export const put = <T = any>(url: string, body: unknown = {}) => api<T>('PUT', url, body);

export { articleLabel } from '../../../src/domain/shared/article.ts';
