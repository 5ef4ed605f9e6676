// The rule pack: schema, loading, "rules in force on date D", coverage.
export type { IsoDate, Unit, DurationUnit, RuleKind, Param, ParamValue, Citation, Conventions, NotFormalised, VocabularyEntry, Government, GovernmentLevel } from './schema.ts';
export { UNITS, DURATION_UNITS, KINDS, parseFraction } from './schema.ts';
export type { Article, Chapter, ParsedSource } from './source.ts';
export { parseSource } from './source.ts';
export type { Pack, PackMeta, Rule, ResolvedParam, DeadlineParams, QuorumParams } from './pack.ts';
export { inForce } from './pack.ts';
export { compileVocabulary } from './vocabulary.ts';
export { loadPack, loadDefaultPack, defaultPackDir, repoRoot, checkPack } from './load.ts';
export type { Coverage, ArticleCoverage, CoverageStatus } from './coverage.ts';
export { computeCoverage, renderCoverageMarkdown } from './coverage.ts';
