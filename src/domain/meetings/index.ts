// The meetings context (第九章 会议制度, with 第九条, 第十条, 第十三条, 第三十二条–第三十四条).
export * from './types.ts';
export * from './rules.ts';
export * from './quorum.ts';
export * from './topics.ts';
export * from './meeting.ts';
export * from './minutes.ts';
export * from './issuance.ts';
export * from './citywide.ts';
export * from './rhythm.ts';
export * from './changes.ts';
