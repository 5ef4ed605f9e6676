// Background work of the documents context: until the durable timers of src/jobs carry a documents
// timer kind, a periodic sweep records 无不同意见 (第六十六条) and reminds/escalates 第七十三条 limits.
// The sweep is idempotent (each event fires once) and safe across processes (FOR UPDATE SKIP LOCKED).
import type { BackgroundTask } from '../background.ts';
import { sweepDocuments } from './opinions.ts';

export const documentsBackground: BackgroundTask = async (deps) => {
  const tenant = process.env.ZHENGTONG_TENANT ?? 'wuwei';
  const run = () => sweepDocuments(deps, tenant).catch((e) => console.error('公文时限检查失败', e));
  const timer = setInterval(run, 60_000);
  timer.unref();
  return { async stop() { clearInterval(timer); } };
};
