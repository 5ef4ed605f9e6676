import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionTargets } from './postgres.ts';

test('connection string: one host is used as it is, without a primary check unless asked for', () => {
  const t = connectionTargets('postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3Dx');
  assert.deepEqual(t.hosts, [{ host: '127.0.0.1', port: 5432 }]);
  assert.equal(t.readWrite, false);
  assert.deepEqual(t.urls, ['postgres://postgres@127.0.0.1:5432/test?options=-c+search_path%3Dx']);
});

test('connection string: several hosts (libpq form) give one connection string each, and only a writable primary is kept', () => {
  const t = connectionTargets('postgres://zt:secret@db1:55432,db2:55433,[::1]/zhengtong?target_session_attrs=read-write&application_name=zt');
  assert.deepEqual(t.hosts, [{ host: 'db1', port: 55432 }, { host: 'db2', port: 55433 }, { host: '::1', port: 5432 }]);
  assert.equal(t.readWrite, true);
  assert.deepEqual(t.urls, [
    'postgres://zt:secret@db1:55432/zhengtong?application_name=zt',
    'postgres://zt:secret@db2:55433/zhengtong?application_name=zt',
    'postgres://zt:secret@[::1]:5432/zhengtong?application_name=zt',
  ]);
  assert.equal(connectionTargets('postgres://a:1,b:2/db').readWrite, true, 'several hosts imply read-write');
  assert.equal(connectionTargets('postgres://a:1/db?target_session_attrs=read-write').readWrite, true);
});

test('connection string: an unsupported target_session_attrs or a malformed host is refused with a message', () => {
  assert.throws(() => connectionTargets('postgres://a:1,b:2/db?target_session_attrs=standby'), /target_session_attrs/);
  assert.throws(() => connectionTargets('postgres://a:x/db'), /主机不合法/);
  assert.throws(() => connectionTargets('mysql://a/db'), /DATABASE_URL/);
});

test('database unavailable: a lost connection or a standby is retryable; a protocol violation is the statement\'s own error', async () => {
  const { databaseUnavailable } = await import('./db.ts');
  assert.equal(databaseUnavailable({ code: '08006' }), true);
  assert.equal(databaseUnavailable({ code: '25006' }), true);
  assert.equal(databaseUnavailable({ code: '08P01', message: 'bind message supplies 8 parameters, but prepared statement "" requires 2' }), false);
  assert.equal(databaseUnavailable({ code: '42P01' }), false);
});
