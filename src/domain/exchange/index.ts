// 公文交换 between governments (第七十五条 电子公文传输): the package format (docs/exchange.md), its
// digests and checks, the receiver's answers, and who a distributed document goes to.
export * from './package.ts';
export * from './receipt.ts';
export * from './routing.ts';
export * from './received.ts';
