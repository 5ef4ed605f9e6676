import { coreErrors } from './core.ts';
import { outputErrors } from './output.ts';
import { calendarErrors } from './calendar.ts';
import { orgErrors } from './org.ts';
import { documentsErrors } from './documents.ts';
import { opennessErrors } from './openness.ts';
import { supervisionErrors } from './supervision.ts';
import { meetingsErrors } from './meetings.ts';
import { accountabilityErrors } from './accountability.ts';
import { decisionsErrors } from './decisions.ts';
import { tenancyErrors } from './tenancy.ts';
import { exchangeErrors } from './exchange.ts';
import { sealsErrors } from './seals.ts';
import { auditErrors } from './audit.ts';
import { accountsErrors } from './accounts.ts';
import { notificationsErrors } from './notifications.ts';
import type { ErrorSpec, ErrorTable } from './types.ts';
import type { Violation } from '../domain/shared/violation.ts';

// The one error table: every context adds its own file here.
export const errorTable: ErrorTable = {
  ...meetingsErrors,
  ...decisionsErrors,
  ...supervisionErrors,
  ...coreErrors,
  ...outputErrors,
  ...calendarErrors,
  ...orgErrors,
  ...documentsErrors,
  ...opennessErrors,
  ...accountabilityErrors,
  ...tenancyErrors,
  ...exchangeErrors,
  ...sealsErrors,
  ...auditErrors,
  ...accountsErrors,
  ...notificationsErrors,
};

/** An error the API answers with {code, message, article?, violations[]}. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly article?: number;
  readonly violations: Violation[];
  readonly details?: Record<string, unknown>;
  constructor(
    code: string,
    opts: { message?: string; article?: number; violations?: Violation[]; details?: Record<string, unknown> } = {},
  ) {
    const spec: ErrorSpec | undefined = errorTable[code];
    super(opts.message ?? spec?.message ?? code);
    this.code = code;
    this.status = spec?.status ?? 500;
    this.article = opts.article ?? spec?.article;
    this.violations = opts.violations ?? [];
    this.details = opts.details;
  }
}

/** Refusal carrying every violated rule; the first violation's article is the headline. */
export function refusal(code: string, violations: Violation[]): AppError {
  const articles = [...new Set(violations.map((v) => v.article).filter((a): a is number => a != null))];
  return new AppError(code, {
    message: violations.map((v) => v.message).join('；') || undefined,
    article: articles[0],
    violations,
  });
}
