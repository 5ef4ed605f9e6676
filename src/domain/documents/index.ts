// The documents context (第十章 公文审批, 第六十二条–第七十五条; 第八十二条 secrecy).
export * from './model.ts';
export * from './params.ts';
export * from './intake.ts';
export * from './routing.ts';
export * from './signing.ts';
export * from './drafting.ts';
export * from './countersign.ts';
export * from './numbering.ts';
export * from './attachments.ts';
export * from './access.ts';
export * from './workflow.ts';
