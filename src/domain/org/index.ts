// The organisation context (第八条–第十四条, 第七十九条, 第九十九条): model, queries, resolver, checks.
export * from './types.ts';
export * from './labels.ts';
export * from './queries.ts';
export * from './resolver.ts';
export * from './validate.ts';
export * from './records.ts';
