// The external channels. Mail goes to the configured SMTP relay (nodemailer); the 钉钉 and 企业微信 group
// robots take the documented JSON messages on their webhooks. Each send either resolves (the channel
// accepted the message) or throws with why — the worker records it and tries again on the back-off.
import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationSettings } from '../../config.ts';
import type { Channel, OutboundMessage } from '../../domain/notifications/index.ts';

export interface SendInput {
  channel: Exclude<Channel, 'web'>;
  /** the mail address (mail only) */
  address: string | null;
  /** the name to mention in a group robot's message */
  recipientName: string;
  message: OutboundMessage;
  /** stable id of the message: the mail's Message-ID, so a relay can drop a duplicate */
  messageId: string;
}

const transports = new Map<string, Transporter>();

function transportFor(s: NotificationSettings): Transporter {
  const url = s.smtpUrl!;
  let t = transports.get(url);
  if (!t) {
    const u = new URL(url);
    const secure = u.protocol === 'smtps:';
    t = nodemailer.createTransport({
      host: u.hostname, port: Number(u.port) || (secure ? 465 : 587), secure,
      ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
      connectionTimeout: s.sendTimeoutMs, greetingTimeout: s.sendTimeoutMs, socketTimeout: s.sendTimeoutMs,
    });
    transports.set(url, t);
  }
  return t;
}

/** 钉钉 加签: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded, with the timestamp in ms. */
export function dingtalkSignedUrl(webhook: string, secret: string | null, timestampMs: number): string {
  if (!secret) return webhook;
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const sep = webhook.includes('?') ? '&' : '?';
  return `${webhook}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}：${text.slice(0, 200)}`);
  let answer: any = null;
  try { answer = JSON.parse(text); } catch { throw new Error(`应答不是 JSON：${text.slice(0, 200)}`); }
  // both robots answer {errcode: 0, errmsg: "ok"} when they accepted the message
  if (answer?.errcode !== 0) throw new Error(`机器人拒收：errcode ${answer?.errcode}，${answer?.errmsg ?? ''}`);
}

export async function send(s: NotificationSettings, input: SendInput, nowMs: number): Promise<void> {
  const m = input.message;
  if (input.channel === 'mail') {
    if (!s.smtpUrl) throw new Error('未配置邮件服务器（ZHENGTONG_SMTP_URL）');
    if (!input.address) throw new Error('未填写电子邮件地址');
    await transportFor(s).sendMail({
      from: s.smtpFrom, to: input.address, subject: m.subject, text: m.text, messageId: `<${input.messageId}@zhengtong>`,
      headers: { 'X-Zhengtong-Message': input.messageId },
    });
    return;
  }
  const mention = `\n\n@${input.recipientName}`;
  if (input.channel === 'dingtalk') {
    if (!s.dingtalkWebhook) throw new Error('未配置钉钉机器人（ZHENGTONG_DINGTALK_WEBHOOK）');
    await postJson(dingtalkSignedUrl(s.dingtalkWebhook, s.dingtalkSecret, nowMs),
      { msgtype: 'markdown', markdown: { title: m.subject, text: m.markdown + mention } }, s.sendTimeoutMs);
    return;
  }
  if (!s.wecomWebhook) throw new Error('未配置企业微信机器人（ZHENGTONG_WECOM_WEBHOOK）');
  await postJson(s.wecomWebhook, { msgtype: 'markdown', markdown: { content: m.markdown + mention } }, s.sendTimeoutMs);
}
