// 电子印章: which documents a seal may seal, and how a verification is judged (docs/seals.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge, sealUseViolations, verdictLabel, type Seal } from './index.ts';

const seal: Seal = { id: 'seal-1', tenantId: 'wuwei', name: '武威市人民政府', ownerUnitId: 'unit-gov', publicKey: '04ab', revokedAt: null };

test('电子印章: a seal seals only documents of its owner unit in its own government, and not once revoked — every reason at once', () => {
  assert.deepEqual(sealUseViolations(seal, { tenantId: 'wuwei', unitId: 'unit-gov', name: '武威市人民政府' }), []);
  assert.deepEqual(sealUseViolations(seal, { tenantId: 'wuwei', unitId: 'unit-fgw', name: '武威市发展和改革委员会' }).map((v) => v.code), ['SEAL.NOT_OWNER']);
  assert.deepEqual(sealUseViolations(seal, { tenantId: 'liangzhou', unitId: 'unit-gov', name: '凉州区人民政府' }).map((v) => v.code), ['SEAL.OTHER_GOVERNMENT']);
  assert.deepEqual(sealUseViolations({ ...seal, revokedAt: '2026-01-01T00:00:00Z' }, { tenantId: 'wuwei', unitId: 'unit-fgw', name: 'x' }).map((v) => v.code),
    ['SEAL.NOT_OWNER', 'SEAL.REVOKED']);
});

const facts = (over: Record<string, unknown> = {}) => ({
  signed: true,
  seal: { id: 'seal-1', name: '武威市人民政府', ownerUnit: '武威市人民政府', publicKey: '04ab', signedAt: '20260302010000Z' },
  references: [{ fileRef: '/OFD.xml', checkValue: 'a' }, { fileRef: '/Doc_0/Pages/Page_0/Content.xml', checkValue: 'b' }],
  digests: new Map([['OFD.xml', 'a'], ['Doc_0/Pages/Page_0/Content.xml', 'b'], ['Doc_0/Signs/Sign_0/Signature.xml', 'z'], ['Doc_0/Signs/Signatures.xml', 'y']]),
  signatureValid: true,
  registered: '04AB',
  ...over,
});

test('电子印章 verdicts: valid; altered naming the file (changed, missing, added, bad signature); unknown seal; unsigned', () => {
  assert.equal(judge(facts()).status, 'valid');
  assert.deepEqual(judge(facts({ digests: new Map([['OFD.xml', 'a'], ['Doc_0/Pages/Page_0/Content.xml', 'c']]) })),
    { status: 'altered', entry: 'Doc_0/Pages/Page_0/Content.xml', reason: 'digest', sealId: 'seal-1' });
  assert.equal((judge(facts({ digests: new Map([['OFD.xml', 'a']]) })) as any).reason, 'missing');
  assert.equal((judge(facts({ digests: new Map([['OFD.xml', 'a'], ['Doc_0/Pages/Page_0/Content.xml', 'b'], ['Doc_0/Res/x.png', 'x']]) })) as any).entry, 'Doc_0/Res/x.png');
  assert.equal((judge(facts({ signatureValid: false })) as any).reason, 'signature');
  assert.equal(judge(facts({ registered: null })).status, 'unknown_seal');
  assert.equal(judge(facts({ registered: '04cd' })).status, 'unknown_seal');
  assert.equal((judge(facts({ registered: undefined })) as any).registry, 'not_checked');
  assert.deepEqual(judge({ signed: false }), { status: 'unsigned' });
  assert.match(verdictLabel(judge(facts())), /^电子印章：有效/);
  assert.match(verdictLabel(judge(facts({ signatureValid: false }))), /^电子印章：已被改动/);
  assert.match(verdictLabel(judge(facts({ registered: null }))), /^电子印章：未知印章/);
});
