import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKeyRing } from './keys.ts';
import { blindIndex, CipherError, openText, sealText, sealedKeyId } from './sm4.ts';

const K1 = '0123456789abcdef0123456789abcdef';
const K2 = 'fedcba9876543210fedcba9876543210';

test('密评 (GB/T 39786 数据存储机密性): a field sealed with SM4 does not contain its clear text and opens to it', () => {
  const ring = loadKeyRing({ ZHENGTONG_DATA_KEYS: `k1:${K1}` });
  const sealed = sealText(ring, 'openness.contact', '13800001111 甘肃省武威市凉州区');
  assert.ok(!sealed.includes('13800001111') && !sealed.includes('武威'));
  assert.notEqual(sealed, sealText(ring, 'openness.contact', '13800001111 甘肃省武威市凉州区'), 'random IV: equal values seal differently');
  assert.equal(openText(ring, 'openness.contact', sealed), '13800001111 甘肃省武威市凉州区');
});

test('密评 (数据存储完整性): one changed character of a sealed field, or the field moved to another purpose, is refused', () => {
  const ring = loadKeyRing({ ZHENGTONG_DATA_KEYS: `k1:${K1}` });
  const sealed = sealText(ring, 'openness.contact', '张三');
  const parts = sealed.split('$');
  const flipped = parts[3].startsWith('A') ? `B${parts[3].slice(1)}` : `A${parts[3].slice(1)}`;
  assert.throws(() => openText(ring, 'openness.contact', [...parts.slice(0, 3), flipped, parts[4]].join('$')), CipherError);
  assert.throws(() => openText(ring, 'petition.contact', sealed), CipherError);
});

test('密钥轮换: after a new key becomes current, old values still open and new ones are sealed under the new key', () => {
  const before = loadKeyRing({ ZHENGTONG_DATA_KEYS: `k1:${K1}` });
  const old = sealText(before, 'f', '旧值');
  const after = loadKeyRing({ ZHENGTONG_DATA_KEYS: `k2:${K2},k1:${K1}` });
  assert.equal(openText(after, 'f', old), '旧值');
  assert.equal(sealedKeyId(sealText(after, 'f', '新值')), 'k2');
  assert.throws(() => openText(loadKeyRing({ ZHENGTONG_DATA_KEYS: `k2:${K2}` }), 'f', old), /未配置密钥 k1/);
});

test('密钥管理: keys come from configuration; a malformed key or a production start without keys is refused', () => {
  assert.throws(() => loadKeyRing({ ZHENGTONG_DATA_KEYS: 'k1:short' }), /32位十六进制/);
  assert.throws(() => loadKeyRing({ ZHENGTONG_REQUIRE_KEYS: 'true' }), /生产部署/);
  assert.equal(loadKeyRing({}).demo, true);
});

test('盲索引: the search index of a value is stable under normalisation and reveals nothing of it', () => {
  const ring = loadKeyRing({ ZHENGTONG_DATA_KEYS: `k1:${K1}` });
  assert.equal(blindIndex(ring, 'contact', '138 0000 1111'), blindIndex(ring, 'contact', '13800001111'));
  assert.notEqual(blindIndex(ring, 'contact', '13800001111'), blindIndex(ring, 'other', '13800001111'));
  assert.ok(!blindIndex(ring, 'contact', '13800001111').includes('1380'));
});
