// 第四十二条: government rules and normative documents are filed (备案) with the standing committee of the
// people's congress; inquiries and questions (询问、质询) are registered and answered. The rules give no
// time limit for filing: an unfiled instrument is an open obligation on the register, not a deadline.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import type { FilingRules } from './rules.ts';

export function checkFiling(status: string, publishedOn: string, f: { filedOn: string; ref: string }, today: string, r: FilingRules): Decision<true> {
  const a = r.article;
  const blocks: Violation[] = [];
  if (status === 'filed') blocks.push({ code: 'DEC.ALREADY_FILED', article: a, message: '该文件已备案' });
  if (!f.ref.trim()) blocks.push({ code: 'DEC.FILING_REF_MISSING', article: a, message: `${basedOn(a)}，应写明报${r.filedWith}备案的文号或登记号` });
  if (f.filedOn > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${f.filedOn}晚于今天` });
  if (f.filedOn < publishedOn) blocks.push({ code: 'DEC.FILING_BEFORE_PUBLICATION', article: a, message: `备案日期${f.filedOn}早于公布日期${publishedOn}` });
  return decide(blocks, [], () => true as const);
}

export function checkInquiry(q: { kind: string; subject: string; receivedOn: string }, today: string, r: FilingRules): Decision<true> {
  const a = r.inquiryArticle;
  const blocks: Violation[] = [];
  if (!r.inquiryKinds.includes(q.kind)) blocks.push({ code: 'DEC.UNKNOWN_INQUIRY_KIND', article: a, message: `${basedOn(a)}，应为${r.inquiryKinds.join('或')}` });
  if (!q.subject.trim()) blocks.push({ code: 'DEC.TITLE_MISSING', message: '应写明询问、质询的事项' });
  if (q.receivedOn > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${q.receivedOn}晚于今天` });
  return decide(blocks, [], () => true as const);
}

export function checkAnswer(answered: boolean, receivedOn: string, ans: { text: string; on: string; answeredBy: string }, today: string, r: FilingRules): Decision<true> {
  const a = r.inquiryArticle;
  const blocks: Violation[] = [];
  if (answered) blocks.push({ code: 'DEC.ALREADY_ANSWERED', message: '该询问、质询已答复' });
  if (!ans.text.trim()) blocks.push({ code: 'DEC.ANSWER_MISSING', article: a, message: `${basedOn(a)}，应写明答复内容` });
  if (!ans.answeredBy.trim()) blocks.push({ code: 'DEC.ANSWER_MISSING', article: a, message: `${basedOn(a)}，应写明答复人` });
  if (ans.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${ans.on}晚于今天` });
  if (ans.on < receivedOn) blocks.push({ code: 'DEC.DATE_BEFORE_RECEIPT', message: `答复日期${ans.on}早于收到日期${receivedOn}` });
  return decide(blocks, [], () => true as const);
}
