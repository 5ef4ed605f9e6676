import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordState, passwordViolations, roleGrantViolations, type PasswordPolicy } from './index.ts';

const policy: PasswordPolicy = { minLength: 8, minClasses: 3, maxAgeDays: 90, warnDays: 7, historySize: 5 };
const codes = (pw: string, login = 'zhangsan') => passwordViolations(pw, login, policy).map((v) => v.code);
const grantable = ['admin', 'security_admin', 'security_auditor', 'office_clerk', 'mayor'];

test('口令复杂度 (GB/T 22239 8.1.4.1 a): at least 8 characters of three of the four classes', () => {
  assert.deepEqual(codes('Ab1!'), ['ACCOUNTS.PASSWORD_TOO_SHORT']);
  assert.deepEqual(codes('abcdefgh'), ['ACCOUNTS.PASSWORD_TOO_SIMPLE']);
  assert.deepEqual(codes('abcdefg1'), ['ACCOUNTS.PASSWORD_TOO_SIMPLE']);
  assert.deepEqual(codes('Abcdefg1'), []);
  assert.deepEqual(codes('abcdef1!'), []);
  assert.deepEqual(codes('Zhengtong@2026'), []);
});

test('口令复杂度: the password does not contain the login, and is not a common password', () => {
  assert.deepEqual(codes('ZhangSan@2026'), ['ACCOUNTS.PASSWORD_CONTAINS_LOGIN']);
  assert.deepEqual(codes('P@ssw0rd'), ['ACCOUNTS.PASSWORD_COMMON']);
  assert.deepEqual(codes('Admin@123', 'x'), ['ACCOUNTS.PASSWORD_COMMON']);
  assert.deepEqual(codes('abc'), ['ACCOUNTS.PASSWORD_TOO_SHORT', 'ACCOUNTS.PASSWORD_TOO_SIMPLE']);
});

test('定期更换: the password expires after the configured days, with a warning N days before; an initial one is changed first', () => {
  const changed = new Date('2026-01-01T00:00:00Z');
  const at = (iso: string) => passwordState({ mustChangePassword: false, passwordChangedAt: changed }, new Date(iso), policy);
  assert.deepEqual(at('2026-02-01T00:00:00Z'), { state: 'ok', expiresAt: new Date('2026-04-01T00:00:00Z'), daysLeft: 59, warn: false });
  const soon = at('2026-03-27T00:00:00Z');
  assert.equal(soon.state === 'ok' && soon.warn && soon.daysLeft, 5);
  assert.deepEqual(at('2026-04-01T00:00:00Z'), { state: 'change_required', reason: 'expired', expiresAt: new Date('2026-04-01T00:00:00Z') });
  assert.equal(passwordState({ mustChangePassword: true, passwordChangedAt: changed }, changed, policy).state, 'change_required');
});

test('三员分立 (8.1.5): no account holds two of the three administrators\' roles', () => {
  const v = (roles: string[], granter: string | null = 'user-secadmin') => roleGrantViolations({ roles, accountUserId: 'user-x', granterUserId: granter }, grantable).map((x) => x.code);
  assert.deepEqual(v(['admin']), []);
  assert.deepEqual(v(['admin', 'security_auditor']), ['ACCOUNTS.ADMIN_ROLES_EXCLUSIVE']);
  assert.deepEqual(v(['security_admin', 'security_auditor', 'admin']), ['ACCOUNTS.ADMIN_ROLES_EXCLUSIVE']);
  assert.deepEqual(v(['office_clerk', 'mayor']), []);
  assert.deepEqual(v(['system']), ['ACCOUNTS.ROLE_NOT_GRANTABLE']);
  assert.deepEqual(v(['admin', 'security_admin'], null), ['ACCOUNTS.ADMIN_ROLES_EXCLUSIVE']);
});

test('三员分立: an administrator grants nothing to itself', () => {
  assert.deepEqual(roleGrantViolations({ roles: ['security_admin'], accountUserId: 'user-secadmin', granterUserId: 'user-secadmin' }, grantable).map((x) => x.code), ['ACCOUNTS.SELF_GRANT']);
});
