// A reason an action is refused (block) or warned about (flag). Every rule check returns all of its
// violations at once, each with a stable code and, where the rule comes from the rule pack, the article.
export interface Violation {
  /** stable code from the error table (docs/errors.md), e.g. DOC.INTAKE_MULTIPLE_MATTERS */
  code: string;
  /** Chinese message shown to users, e.g. 依据第六十二条，请示应当一文一事 */
  message: string;
  /** article number of the rule pack (66 = 第六十六条), when the rule comes from an article */
  article?: number;
  /** machine-readable details (present: 4, required: 5 …) */
  details?: Record<string, unknown>;
}

/** The outcome of a domain decision: a value plus warnings (flags), or all violations (blocks). */
export type Decision<T> =
  | { ok: true; value: T; warnings: Violation[] }
  | { ok: false; violations: Violation[]; warnings: Violation[] };

export const accept = <T>(value: T, warnings: Violation[] = []): Decision<T> => ({ ok: true, value, warnings });
export const refuse = <T = never>(violations: Violation[], warnings: Violation[] = []): Decision<T> => ({
  ok: false,
  violations,
  warnings,
});
/** Refuse when any block was found, otherwise accept with the warnings. */
export const decide = <T>(blocks: Violation[], warnings: Violation[], value: () => T): Decision<T> =>
  blocks.length ? refuse<T>(blocks, warnings) : accept(value(), warnings);
