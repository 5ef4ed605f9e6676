import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallOrg, TEST_RULES } from '../org/fixture.ts';
import {
  defaultPreferences, digestMessage, draftViolations, inQuietHours, mergePreferences, outboundMessage, preferenceViolations,
  releaseAt, resolveRecipients, retryAt, type StoredNotification,
} from './index.ts';

const SHANGHAI = 8 * 60;
const RULES = { refused: ['秘密', '机密', '绝密'], restricted: ['工作秘密', '内部'], article: 82 };

test('第十一条: a post\'s work goes to the AB岗 partner while the holder is away, and to the holder too', () => {
  const org = smallOrg({ absences: [{ id: 'ab', personId: 'p-vm1', kind: 'business', period: { from: '2026-10-08', to: '2026-10-09' } }] });
  const away = resolveRecipients(org, [{ positionId: 'pos-vm1' }], '2026-10-08', TEST_RULES);
  assert.deepEqual(away.map((r) => r.personId), ['p-exec', 'p-vm1']);
  assert.equal(away[0].actingFor?.marker, 'AB岗代理');
  assert.equal(away[0].actingFor?.article, 11);
  const back = resolveRecipients(org, [{ positionId: 'pos-vm1' }], '2026-10-10', TEST_RULES);
  assert.deepEqual(back.map((r) => r.personId), ['p-vm1']);
});

test('第十三条: the mayor\'s work goes to the executive vice mayor entrusted to preside during the mayor\'s trip', () => {
  const org = smallOrg({
    absences: [{ id: 'm', personId: 'p-mayor', kind: 'business', period: { from: '2026-10-08', to: '2026-10-09' } }],
    entrustments: [{ id: 'e', kind: 'preside', grantorPositionId: 'pos-mayor', granteePositionId: 'pos-exec', period: { from: '2026-10-08', to: '2026-10-09' } }],
  });
  const r = resolveRecipients(org, [{ positionId: 'pos-mayor' }], '2026-10-08', TEST_RULES);
  assert.deepEqual(r.map((x) => x.personId), ['p-exec', 'p-mayor']);
  assert.equal(r[0].actingFor?.marker, '受市长委托');
});

test('a unit\'s work goes to its clerks, else to its principal head; each person once', () => {
  const org = smallOrg();
  const cases: [string, Parameters<typeof resolveRecipients>[1], string[]][] = [
    ['the office has a clerk', [{ unitId: 'u-office', as: 'clerk' }], ['p-clerk']],
    ['市发展改革委 has no clerk: its head', [{ unitId: 'u-fgw', as: 'clerk' }], ['p-fgw']],
    ['named twice, told once', [{ unitId: 'u-office', as: 'clerk' }, { personId: 'p-clerk' }], ['p-clerk']],
    ['posts by kind', [{ kinds: ['clerk'], unitId: 'u-office' }], ['p-clerk']],
  ];
  for (const [why, targets, want] of cases) assert.deepEqual(resolveRecipients(org, targets, '2026-10-08', TEST_RULES).map((r) => r.personId), want, why);
});

test('第八十二条: a notification about classified matter is refused; one without title, link or article too', () => {
  const ok = { kind: 'opinion_requested' as const, article: 66, title: '会签：关于……的通知', link: '/documents/d1' };
  assert.deepEqual(draftViolations(ok, RULES), []);
  assert.deepEqual(draftViolations({ ...ok, classification: '机密' }, RULES).map((v) => [v.code, v.article]), [['NOTIFY.CLASSIFIED', 82]]);
  assert.deepEqual(draftViolations({ ...ok, title: ' ', link: 'http://x', article: 0 }, RULES).map((v) => v.code),
    ['NOTIFY.TITLE_MISSING', 'NOTIFY.LINK_INVALID', 'NOTIFY.ARTICLE_MISSING']);
});

test('outside the web a message carries the title and the link, never the body; 工作秘密 not even the title', () => {
  const n: StoredNotification = { id: 'n1', kind: 'opinion_requested', article: 66, title: '会签：市财政局', body: '正文细节不外发', link: '/documents/d1', classification: '', actingFor: null };
  const m = outboundMessage(n, 'mail', 'https://zt.example', RULES.restricted);
  assert.match(m.subject, /征求意见.*会签：市财政局/);
  assert.match(m.text, /依据第六十六条/);
  assert.match(m.text, /https:\/\/zt\.example\/documents\/d1/);
  assert.doesNotMatch(m.text + m.markdown + m.subject, /正文细节/);
  const secret = outboundMessage({ ...n, classification: '工作秘密' }, 'dingtalk', 'https://zt.example', RULES.restricted);
  assert.doesNotMatch(secret.text + secret.markdown + secret.subject, /市财政局/);
  assert.match(secret.markdown, /工作秘密/);
  const d = digestMessage([n, { ...n, id: 'n2', kind: 'reply_due' }], 'mail', 'https://zt.example', RULES.restricted);
  assert.match(d.subject, /2 条/);
});

test('quiet hours: a delivery at night waits for the morning; by day it goes at once', () => {
  const q = { start: '22:00', end: '07:30' };
  const cases: [string, string, string, boolean][] = [
    ['midnight waits until 07:30 the same day', '2026-10-08T00:00:00+08:00', '2026-10-07T23:30:00.000Z', true],
    ['23:00 waits until 07:30 the next day', '2026-10-07T23:00:00+08:00', '2026-10-07T23:30:00.000Z', true],
    ['09:00 goes at once', '2026-09-30T09:00:00+08:00', '2026-09-30T01:00:00.000Z', false],
    ['07:30 sharp is no longer quiet', '2026-10-08T07:30:00+08:00', '2026-10-07T23:30:00.000Z', false],
  ];
  for (const [why, now, at, held] of cases) {
    const r = releaseAt(new Date(now), q, SHANGHAI);
    assert.deepEqual([r.at.toISOString(), r.held], [at, held], why);
  }
  assert.equal(inQuietHours(13 * 60, { start: '12:00', end: '14:00' }), true, 'a window within one day');
  assert.equal(releaseAt(new Date('2026-10-08T00:00:00+08:00'), null, SHANGHAI).held, false, 'no quiet hours');
});

test('a failed delivery is retried on the back-off schedule, then failed for good', () => {
  const now = new Date('2026-10-08T08:00:00Z');
  const backoff = [30, 120, 600];
  assert.equal(retryAt(now, 1, backoff)?.toISOString(), '2026-10-08T08:00:30.000Z');
  assert.equal(retryAt(now, 3, backoff)?.toISOString(), '2026-10-08T08:10:00.000Z');
  assert.equal(retryAt(now, 4, backoff), null);
});

test('preferences: defaults by role, the web inbox kept, every wrong field reported at once', () => {
  const settings = { quietHours: { start: '22:00', end: '07:30' } };
  assert.deepEqual(defaultPreferences(['vice_mayor'], settings).channels.chased, ['web', 'dingtalk']);
  assert.deepEqual(defaultPreferences(['dept_clerk'], settings).channels.opinion_requested, ['web', 'mail', 'dingtalk']);
  assert.deepEqual(defaultPreferences(['duty_officer'], settings).channels.assigned, ['web']);
  const v = preferenceViolations({ channels: { nope: ['web'], assigned: ['mail', 'fax'] }, quietHours: { start: '25:00', end: '07:00' }, mail: 'not-a-mail' });
  assert.deepEqual(v.map((x) => x.code).sort(), ['NOTIFY.CHANNEL_UNKNOWN', 'NOTIFY.KIND_UNKNOWN', 'NOTIFY.MAIL_INVALID', 'NOTIFY.QUIET_HOURS_INVALID', 'NOTIFY.WEB_REQUIRED']);
  const merged = mergePreferences(defaultPreferences(['dept_clerk'], settings), { channels: { assigned: ['web'] }, quietHours: null, mail: 'a@b.cn' });
  assert.deepEqual([merged.channels.assigned, merged.channels.chased, merged.quietHours, merged.mail], [['web'], ['web', 'mail', 'dingtalk'], null, 'a@b.cn']);
});
