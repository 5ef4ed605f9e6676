export * from './rules.ts';
export * from './major.ts';
export * from './normative.ts';
export * from './legislation.ts';
export * from './filing.ts';
