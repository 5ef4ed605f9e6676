export * from './attribute.ts';
export * from './publication.ts';
export * from './request.ts';
export * from './search.ts';
export * from './emergency.ts';
export * from './interpretation.ts';
export * from './report.ts';
export * from './limits.ts';
