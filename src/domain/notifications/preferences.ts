// Each person's choice of how to be told: which kinds on which channels, quiet hours during which
// nothing is pushed to mail or a phone (what falls due then goes out in one digest when they end), and
// the mail address. The web inbox always keeps every notification: it is the record of what the
// person was told, so it cannot be switched off. A person who never chose gets the defaults of their
// role (leaders on the phone, clerks by mail and on the phone, everyone in the web inbox).
import type { Violation } from '../shared/violation.ts';
import { CHANNELS, NOTIFICATION_KINDS, isChannel, isNotificationKind, type Channel, type NotificationKind } from './kinds.ts';

/** Local wall-clock times 'HH:MM' in the government's time zone; an end before the start spans midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export interface Preferences {
  channels: Record<NotificationKind, Channel[]>;
  quietHours: QuietHours | null;
  /** what quiet hours held back goes out as one digest per channel when they end */
  digest: boolean;
  mail: string | null;
}

/** The deployment's defaults (src/config.ts: ZHENGTONG_NOTIFY_QUIET_HOURS). */
export interface PreferenceSettings {
  quietHours: QuietHours | null;
}

const LEADER_ROLES = ['mayor', 'exec_vice_mayor', 'vice_mayor', 'secretary_general', 'deputy_secretary_general'];
const CLERK_ROLES = ['office_clerk', 'office_secretary', 'dept_clerk'];
const HEAD_ROLES = ['dept_head'];

/** Channels by role group: the kind of work each group is told of away from the desk. */
function roleChannels(roles: readonly string[]): Channel[] {
  const set = new Set<Channel>(['web']);
  if (roles.some((r) => LEADER_ROLES.includes(r))) set.add('dingtalk');
  if (roles.some((r) => CLERK_ROLES.includes(r))) { set.add('mail'); set.add('dingtalk'); }
  if (roles.some((r) => HEAD_ROLES.includes(r))) set.add('mail');
  return CHANNELS.filter((c) => set.has(c));
}

export function defaultPreferences(roles: readonly string[], settings: PreferenceSettings): Preferences {
  const ch = roleChannels(roles);
  const channels = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, [...ch]])) as Record<NotificationKind, Channel[]>;
  return { channels, quietHours: settings.quietHours, digest: true, mail: null };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
// a practical address check: one @, no spaces, a dot in the domain; the relay decides the rest
const MAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export const parseQuietHours = (v: string): QuietHours | null => {
  const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(v.trim());
  return m && HHMM.test(m[1]) && HHMM.test(m[2]) && m[1] !== m[2] ? { start: m[1], end: m[2] } : null;
};

export interface PreferencesInput {
  channels?: Record<string, string[]>;
  quietHours?: QuietHours | null;
  digest?: boolean;
  mail?: string | null;
}

/** Every reason the preferences cannot be saved, at once. */
export function preferenceViolations(input: PreferencesInput): Violation[] {
  const v: Violation[] = [];
  for (const [kind, chans] of Object.entries(input.channels ?? {})) {
    if (!isNotificationKind(kind)) v.push({ code: 'NOTIFY.KIND_UNKNOWN', message: `没有这种消息类型：${kind}`, details: { kind } });
    for (const c of chans) if (!isChannel(c)) v.push({ code: 'NOTIFY.CHANNEL_UNKNOWN', message: `没有这种接收渠道：${c}`, details: { kind, channel: c } });
    if (!chans.includes('web')) v.push({ code: 'NOTIFY.WEB_REQUIRED', message: '站内消息不能关闭：它是向本人告知的记录', details: { kind } });
  }
  const q = input.quietHours;
  if (q && (!HHMM.test(q.start) || !HHMM.test(q.end) || q.start === q.end)) {
    v.push({ code: 'NOTIFY.QUIET_HOURS_INVALID', message: '免打扰时段应写为 HH:MM 至 HH:MM，且起止不同', details: { ...q } });
  }
  if (input.mail != null && input.mail !== '' && !MAIL.test(input.mail)) {
    v.push({ code: 'NOTIFY.MAIL_INVALID', message: `电子邮件地址格式不正确：${input.mail}`, details: { mail: input.mail } });
  }
  const wantsMail = Object.values(input.channels ?? {}).some((c) => c.includes('mail'));
  if (wantsMail && input.mail === '') {
    v.push({ code: 'NOTIFY.MAIL_INVALID', message: '选择了电子邮件渠道，请填写电子邮件地址' });
  }
  return v;
}

/** The stored preferences merged over the role's defaults (a kind added later gets the default). */
export function mergePreferences(base: Preferences, stored: PreferencesInput | null | undefined): Preferences {
  if (!stored) return base;
  const channels = { ...base.channels };
  for (const [k, c] of Object.entries(stored.channels ?? {})) {
    if (isNotificationKind(k)) channels[k] = CHANNELS.filter((x) => c.includes(x));
  }
  return {
    channels,
    quietHours: stored.quietHours === undefined ? base.quietHours : stored.quietHours,
    digest: stored.digest ?? base.digest,
    mail: stored.mail === undefined ? base.mail : stored.mail || null,
  };
}
