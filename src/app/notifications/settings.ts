// The notification channels of this deployment (src/config.ts: ZHENGTONG_SMTP_URL, ZHENGTONG_DINGTALK_*,
// ZHENGTONG_WECOM_WEBHOOK, the back-off and the default quiet hours), read from the environment once.
// A test or the server may install others.
import { loadConfig, type NotificationSettings } from '../../config.ts';
import type { Channel } from '../../domain/notifications/index.ts';

let current: NotificationSettings | null = null;

export function notificationSettings(): NotificationSettings {
  current ??= loadConfig(process.env).notifications;
  return current;
}

/** Installs settings (null: read the environment again at next use). */
export function setNotificationSettings(s: NotificationSettings | null): void {
  current = s;
}

/** Whether a channel can deliver at all on this deployment. */
export function channelConfigured(s: NotificationSettings, c: Channel): boolean {
  if (c === 'web') return true;
  if (c === 'mail') return Boolean(s.smtpUrl);
  if (c === 'dingtalk') return Boolean(s.dingtalkWebhook);
  return Boolean(s.wecomWebhook);
}

/** Minutes east of UTC of a time zone at an instant (Asia/Shanghai: +480). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}
