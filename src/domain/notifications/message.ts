// What a notification may carry. Classified matter (秘密、机密、绝密) never reaches 政通 (第八十二条: refused
// at intake), so a notification about it cannot exist: it is refused here too. Outside the web inbox a
// message carries the title and the link, never a body; for matter marked 工作秘密 or 内部 not even the
// title — only that there is one, and where to look after signing in.
import { articleLabel } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';
import { KIND_SPECS, type Channel, type NotificationKind } from './kinds.ts';

export interface NotificationDraft {
  kind: NotificationKind;
  /** the article of the rule that gave the work or the deadline */
  article: number;
  title: string;
  /** detail shown in the web inbox only */
  body?: string | null;
  /** path in the staff UI, e.g. /documents/doc-… */
  link: string;
  /** the classification of the matter ('' when none) */
  classification?: string;
}

/** The pack's classification lists (documents.classification.*, 第八十二条). */
export interface ClassificationRules {
  refused: readonly string[];
  restricted: readonly string[];
  article: number;
}

export function draftViolations(d: NotificationDraft, rules: ClassificationRules): Violation[] {
  const v: Violation[] = [];
  if (d.classification && rules.refused.includes(d.classification)) {
    v.push({ code: 'NOTIFY.CLASSIFIED', message: `${d.classification}事项不得通过政通告知（${articleLabel(rules.article)}）`, article: rules.article });
  }
  if (!d.title.trim()) v.push({ code: 'NOTIFY.TITLE_MISSING', message: '消息须有标题' });
  if (!d.link.startsWith('/')) v.push({ code: 'NOTIFY.LINK_INVALID', message: `消息链接应为系统内的路径：${d.link}` });
  if (!Number.isInteger(d.article) || d.article < 1) v.push({ code: 'NOTIFY.ARTICLE_MISSING', message: '消息须注明依据的条款' });
  return v;
}

export interface StoredNotification {
  id: string;
  kind: NotificationKind;
  article: number;
  title: string;
  body: string | null;
  link: string;
  classification: string;
  actingFor: string | null;
}

export interface OutboundMessage {
  subject: string;
  text: string;
  markdown: string;
}

const absolute = (base: string, link: string) => `${base.replace(/\/+$/, '')}${link}`;

/** The title a channel may show: the web shows it; others only when the matter is not restricted. */
export function visibleTitle(n: Pick<StoredNotification, 'title' | 'classification'>, channel: Channel, restricted: readonly string[]): string {
  if (channel === 'web' || !n.classification || !restricted.includes(n.classification)) return n.title;
  return `一件标注“${n.classification}”的事项（请登录政通查看）`;
}

/** One notification as a message of an external channel: label, title, article, link — no body. */
export function outboundMessage(n: StoredNotification, channel: Channel, linkBase: string, restricted: readonly string[]): OutboundMessage {
  const spec = KIND_SPECS[n.kind];
  const title = visibleTitle(n, channel, restricted);
  const url = absolute(linkBase, n.link);
  const acting = n.actingFor ? `（${n.actingFor}）` : '';
  const subject = `【政通·${spec.label}】${title}`;
  const lines = [`${spec.label}${acting}：${title}`, `${spec.action}（依据${articleLabel(n.article)}）`, `查看：${url}`];
  const markdown = [`### 政通 · ${spec.label}${acting}`, `**${title}**`, `${spec.action}（依据${articleLabel(n.article)}）`, `[在政通中查看](${url})`].join('\n\n');
  return { subject, text: lines.join('\n'), markdown };
}

/** Several held notifications as one digest message (when quiet hours end). */
export function digestMessage(items: StoredNotification[], channel: Channel, linkBase: string, restricted: readonly string[]): OutboundMessage {
  if (items.length === 1) return outboundMessage(items[0], channel, linkBase, restricted);
  const row = (n: StoredNotification) => `${KIND_SPECS[n.kind].label}：${visibleTitle(n, channel, restricted)}（依据${articleLabel(n.article)}）`;
  const subject = `【政通】免打扰期间的 ${items.length} 条消息`;
  const text = [`免打扰期间的 ${items.length} 条消息：`, ...items.map((n, i) => `${i + 1}. ${row(n)} ${absolute(linkBase, n.link)}`)].join('\n');
  const markdown = [`### 政通 · 免打扰期间的 ${items.length} 条消息`, ...items.map((n, i) => `${i + 1}. [${row(n)}](${absolute(linkBase, n.link)})`)].join('\n\n');
  return { subject, text, markdown };
}
