// One entry of the error table. docs/errors.md is generated from these entries and kept in sync by a test.
export interface ErrorSpec {
  /** HTTP status the API answers with (4xx for anything the caller can fix) */
  status: number;
  /** Chinese message shown to the user */
  message: string;
  /** how to fix it (Chinese) */
  fix: string;
  /** article of the rules the error enforces, if any */
  article?: number;
}
export type ErrorTable = Record<string, ErrorSpec>;
export const defineErrors = <T extends ErrorTable>(t: T): T => t;
