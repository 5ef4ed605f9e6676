// Test receivers for the notification channels: a real SMTP server (smtp-server) that keeps every
// message it accepts, and local HTTP receivers that stand for the 钉钉 and 企业微信 group robots —
// the 钉钉 one checks the 加签 signature of every call as 钉钉 does and refuses a bad one.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  messageId: string;
}

/** Decodes an RFC 2047 header (nodemailer writes Chinese subjects as =?UTF-8?B?…?= / =?UTF-8?Q?…?=). */
export function decodeHeader(v: string): string {
  return v.replace(/\r?\n[ \t]/g, ' ').replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

const header = (raw: string, name: string): string => {
  const m = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return m ? decodeHeader(m[1].trim()) : '';
};

export async function startSmtpServer(): Promise<{ url: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address), raw, subject: header(raw, 'Subject'), messageId: header(raw, 'Message-ID'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface RobotCall {
  path: string;
  query: URLSearchParams;
  body: any;
  signatureValid: boolean | null;
}

/**
 * A group robot: answers {errcode: 0} to a well-formed message, or {errcode: 310000} when the 钉钉
 * signature is wrong or a failure was asked for with `failNext`.
 */
export async function startRobot(opts: { secret?: string } = {}): Promise<{ url: string; calls: RobotCall[]; failNext(n: number): void; close(): Promise<void> }> {
  const calls: RobotCall[] = [];
  let failing = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://robot');
      let body: any = null;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* refused below */ }
      let signatureValid: boolean | null = null;
      if (opts.secret) {
        const ts = u.searchParams.get('timestamp') ?? '';
        const want = createHmac('sha256', opts.secret).update(`${ts}\n${opts.secret}`).digest('base64');
        signatureValid = /^\d{13}$/.test(ts) && u.searchParams.get('sign') === want;
      }
      calls.push({ path: u.pathname, query: u.searchParams, body, signatureValid });
      const wellFormed = body && (body.msgtype === 'markdown' || body.msgtype === 'text')
        && (req.headers['content-type'] ?? '').startsWith('application/json');
      res.setHeader('content-type', 'application/json');
      if (failing > 0) { failing--; res.end(JSON.stringify({ errcode: 310000, errmsg: 'busy' })); return; }
      if (signatureValid === false) { res.end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' })); return; }
      res.end(JSON.stringify(wellFormed ? { errcode: 0, errmsg: 'ok' } : { errcode: 40035, errmsg: 'invalid parameter' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, calls, failNext: (n) => { failing = n; },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The text part of a received mail, decoded (quoted-printable or base64, UTF-8). */
export function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).trim();
  const enc = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
