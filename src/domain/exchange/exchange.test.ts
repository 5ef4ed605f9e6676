import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { renderOfd } from '../../output/index.ts';
import { sampleRequest } from '../../output/samples.ts';
import { canonicalJson, sm3Hex } from '../audit/chain.ts';
import { reviewIntake } from '../documents/intake.ts';
import { TEST_PARAMS as P } from '../documents/fixture.ts';
import {
  buildDocumentPackage, buildReceipt, buildReturn, envelopeView, exchangeArticlesOf, FORMAT_VERSION, parsePackage, readPackage, recipientsOf, returnReasonsOf,
  seal, serializePackage, toIncomingInput, verifyPackage,
  type DocumentMetadata, type DocumentPackage, type DocumentPackageInput, type ExchangeGovernment, type ExchangePackage,
} from './index.ts';

const codes = (v: { code: string }[]) => v.map((x) => x.code).sort();

const GOVERNMENTS: ExchangeGovernment[] = [
  { tenantId: 'wuwei', name: '武威市人民政府', level: 'city', parentTenantId: 'gansu' },
  { tenantId: 'liangzhou', name: '凉州区人民政府', level: 'county', parentTenantId: 'wuwei' },
  { tenantId: 'minqin', name: '民勤县人民政府', level: 'county', parentTenantId: 'wuwei' },
  { tenantId: 'gulang', name: '古浪县人民政府', level: 'county', parentTenantId: 'wuwei' },
  { tenantId: 'tianzhu', name: '天祝藏族自治县人民政府', level: 'county', parentTenantId: 'wuwei' },
  // a neighbouring city and its county: never reached by a 武威 collective
  { tenantId: 'jinchang', name: '金昌市人民政府', level: 'city', parentTenantId: 'gansu' },
  { tenantId: 'yongchang', name: '永昌县人民政府', level: 'county', parentTenantId: 'jinchang' },
];

const CITY = { tenantId: 'wuwei', organ: '武威市人民政府' };
const LIANGZHOU = { tenantId: 'liangzhou', organ: '凉州区人民政府' };

const OFD: Buffer = await renderOfd(sampleRequest());

const requestMetadata = (over: Partial<DocumentMetadata> = {}): DocumentMetadata => ({
  issuerName: '凉州区人民政府',
  docNumber: '凉政发〔2026〕3号',
  title: '凉州区人民政府关于申请城区老旧供热管网改造补助资金的请示',
  docType: '请示',
  direction: 'upward',
  urgency: 'urgent',
  classification: '',
  disclosure: '依申请公开',
  signerName: '张建国',
  principalRecipients: ['武威市人民政府'],
  copyTo: [],
  writtenOn: '2026-03-02',
  attachmentNote: ['改造项目清单.xlsx'],
  replyTo: null,
  declarations: { matters: ['城区老旧供热管网改造补助资金'], containsRequest: false, skipsLevel: false, alsoSentTo: [], addressedToLeader: false },
  ...over,
});

const requestInput = (over: Partial<DocumentPackageInput> = {}, md: Partial<DocumentMetadata> = {}): DocumentPackageInput => ({
  packageId: 'pkg-liangzhou-0001',
  sentAt: '2026-03-02T09:30:00.000Z',
  sender: LIANGZHOU,
  receiver: CITY,
  metadata: requestMetadata(md),
  body: '市人民政府：\n为保障今冬明春城区居民供热，现就申请城区老旧供热管网改造补助资金事宜请示如下。\n妥否，请批示。',
  ofd: { name: '凉政发〔2026〕3号.ofd', bytes: OFD },
  attachments: [{ name: '改造项目清单.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: Buffer.from('项目清单：北关供热站至西关管网 3.2 公里') }],
  ...over,
});

const request = (over: Partial<DocumentPackageInput> = {}, md: Partial<DocumentMetadata> = {}) => buildDocumentPackage(requestInput(over, md));

/** The wire JSON edited by hand, as a transport or an attacker would: no digest is recomputed. */
function editWire(pkg: ExchangePackage, edit: (wire: any) => void): ExchangePackage {
  const wire = JSON.parse(serializePackage(pkg));
  edit(wire);
  const r = parsePackage(JSON.stringify(wire));
  assert.ok(r.ok, 'still well-formed');
  return r.value;
}

const flipByte = (b64: string, at: number) => {
  const b = Buffer.from(b64, 'base64');
  b[at] ^= 0x01;
  return b.toString('base64');
};

// ---- round trip ----

test('公文交换: a 请示 of 凉州区 to 武威市 survives serialize → parse → verify unchanged (第七十五条)', () => {
  const pkg = request();
  const text = serializePackage(pkg);
  const r = parsePackage(text);
  assert.ok(r.ok);
  assert.deepEqual(verifyPackage(r.value, { receiverTenantId: 'wuwei' }), []);
  assert.equal(serializePackage(r.value), text, 'the same package is the same text');
  const parsed = r.value as DocumentPackage;
  assert.equal(parsed.formatVersion, FORMAT_VERSION);
  assert.deepEqual(Buffer.from(parsed.parts[0].bytes), OFD, 'the OFD bytes arrive as sent');
  assert.equal(parsed.parts[0].mediaType, 'application/ofd');
  assert.deepEqual(parsed.metadata, pkg.metadata);
});

test('公文交换: the OFD that travels is the zip renderOfd produced, opened by an independent reader', async () => {
  const r = parsePackage(serializePackage(request()));
  assert.ok(r.ok);
  const zip = await JSZip.loadAsync((r.value as DocumentPackage).parts[0].bytes);
  assert.ok(zip.file('OFD.xml'), 'OFD.xml at the root of the container (GB/T 33190)');
});

test('公文交换: the wire form is canonical JSON — sorted keys, no whitespace, bytes as base64', () => {
  const pkg = request();
  const text = serializePackage(pkg);
  const wire = JSON.parse(text);
  assert.equal(text, canonicalJson(wire));
  assert.equal(wire.parts[0].data, OFD.toString('base64'));
  assert.equal(wire.parts[0].sm3, sm3Hex(OFD));
  assert.match(wire.digests.envelope, /^[0-9a-f]{64}$/);
});

test('公文交换: the digests are computed exactly as docs/exchange.md says', () => {
  const pkg = request();
  assert.equal(pkg.digests.metadata, sm3Hex(Buffer.from(canonicalJson(pkg.metadata), 'utf8')));
  assert.equal(pkg.digests.body, sm3Hex(Buffer.from(pkg.body, 'utf8')));
  const wire = JSON.parse(serializePackage(pkg));
  delete wire.digests.envelope;
  for (const p of wire.parts) delete p.data;
  assert.equal(pkg.digests.envelope, sm3Hex(Buffer.from(canonicalJson(wire), 'utf8')));
  assert.deepEqual(envelopeView(pkg), wire);
});

// ---- tampering ----

test('公文交换: a changed byte of the OFD is refused as EXCHANGE.TAMPERED naming the part', () => {
  const pkg = editWire(request(), (w) => { w.parts[0].data = flipByte(w.parts[0].data, 100); });
  const v = verifyPackage(pkg);
  assert.deepEqual(codes(v), ['EXCHANGE.TAMPERED']);
  assert.equal(v[0].details?.target, 'part');
  assert.equal(v[0].details?.name, '凉政发〔2026〕3号.ofd');
  assert.match(v[0].message, /版式文件“凉政发〔2026〕3号\.ofd”的SM3摘要不符/);
});

test('公文交换: a changed attachment is refused as EXCHANGE.TAMPERED naming the attachment', () => {
  const v = verifyPackage(editWire(request(), (w) => { w.parts[1].data = flipByte(w.parts[1].data, 0); }));
  assert.deepEqual(v.map((x) => [x.code, x.details?.name]), [['EXCHANGE.TAMPERED', '改造项目清单.xlsx']]);
  assert.match(v[0].message, /附件“改造项目清单\.xlsx”/);
});

test('公文交换: a part whose recorded digest was replaced with the new bytes still breaks the envelope digest', () => {
  const v = verifyPackage(editWire(request(), (w) => {
    w.parts[1].data = Buffer.from('另一份清单').toString('base64');
    w.parts[1].sm3 = sm3Hex(Buffer.from('另一份清单'));
    w.parts[1].size = Buffer.byteLength('另一份清单');
  }));
  assert.deepEqual(v.map((x) => [x.code, x.details?.target]), [['EXCHANGE.TAMPERED', 'envelope']]);
});

test('公文交换: a changed title is refused as EXCHANGE.TAMPERED of the metadata and of the envelope', () => {
  const v = verifyPackage(editWire(request(), (w) => { w.metadata.title = '凉州区人民政府关于申请补助资金的请示'; }));
  assert.deepEqual(v.map((x) => x.details?.target), ['metadata', 'envelope']);
  assert.ok(v.every((x) => x.code === 'EXCHANGE.TAMPERED'));
});

test('公文交换: a changed body is refused as EXCHANGE.TAMPERED of the 正文', () => {
  const v = verifyPackage(editWire(request(), (w) => { w.body += '另请增拨人员编制。'; }));
  assert.deepEqual(v.map((x) => x.details?.target), ['body', 'envelope']);
  assert.match(v[0].message, /^正文的SM3摘要不符/);
});

test('公文交换: a changed envelope field (sentAt, receiver) is refused as EXCHANGE.TAMPERED of the envelope', () => {
  assert.deepEqual(verifyPackage(editWire(request(), (w) => { w.sentAt = '2026-03-01T09:30:00.000Z'; })).map((x) => x.details?.target), ['envelope']);
  assert.deepEqual(verifyPackage(editWire(request(), (w) => { w.receiver.organ = '武威市人民政府办公室'; })).map((x) => x.details?.target), ['envelope']);
});

// ---- rules a sent document must keep ----

test('公文交换: a document marked with a 密级 is refused as EXCHANGE.CLASSIFIED (第八十二条)', () => {
  for (const c of ['秘密', '机密', '绝密', '内部']) {
    const v = verifyPackage(request({}, { classification: c }));
    assert.deepEqual(codes(v), ['EXCHANGE.CLASSIFIED'], c);
    assert.equal(v[0].article, 82);
    assert.match(v[0].message, new RegExp(`依据第八十二条.*“${c}”`));
  }
});

test('公文交换: an upward 请示 without 签发人 is refused (第六十二条；条例第九条)', () => {
  for (const signerName of [null, '', '  ']) {
    const v = verifyPackage(request({}, { signerName }));
    assert.deepEqual(codes(v), ['EXCHANGE.SIGNER_MISSING']);
    assert.equal(v[0].article, 62);
    assert.match(v[0].message, /《党政机关公文处理工作条例》第九条.*凉政发〔2026〕3号/);
  }
});

test('公文交换: a refusal cites the articles of the checking government\'s own pack in force', () => {
  assert.deepEqual(exchangeArticlesOf(P), { classification: 82, submission: 62 });
  // a county whose rules number the same provisions differently
  const county = exchangeArticlesOf({ refusedClassifications: { ...P.refusedClassifications, article: 41 }, types: { ...P.types, article: 30 } });
  const v = verifyPackage(request({}, { classification: '秘密', signerName: null }), { articles: county });
  assert.deepEqual(v.map((x) => [x.code, x.article]), [['EXCHANGE.CLASSIFIED', 41], ['EXCHANGE.SIGNER_MISSING', 30]]);
  assert.match(v[0].message, /^依据第四十一条/);
});

test('公文交换: a downward 通知 needs no 签发人 on its face', () => {
  const pkg = buildDocumentPackage({
    ...requestInput({ sender: CITY, receiver: LIANGZHOU, packageId: 'pkg-wuwei-0100' }),
    metadata: requestMetadata({ issuerName: '武威市人民政府', docNumber: '武政发〔2026〕5号', title: '武威市人民政府关于做好春季森林防火工作的通知',
      docType: '通知', direction: 'downward', signerName: null, principalRecipients: ['各县区人民政府', '市政府各部门'], declarations: null }),
  });
  assert.deepEqual(verifyPackage(pkg), []);
});

test('公文交换: a package whose receiver is its sender is refused as EXCHANGE.SAME_PARTY', () => {
  assert.deepEqual(codes(verifyPackage(request({ receiver: LIANGZHOU }))), ['EXCHANGE.SAME_PARTY']);
});

test('公文交换: a package addressed to another government is not signed for (EXCHANGE.MISADDRESSED)', () => {
  const v = verifyPackage(request(), { receiverTenantId: 'minqin' });
  assert.deepEqual(codes(v), ['EXCHANGE.MISADDRESSED']);
  assert.match(v[0].message, /收件机关是武威市人民政府/);
});

test('公文交换: a document without its OFD, or with two, is refused as EXCHANGE.OFD_MISSING', () => {
  const none = editWire(request(), (w) => { w.parts = w.parts.filter((p: any) => p.role !== 'ofd'); });
  assert.ok(codes(verifyPackage(none)).includes('EXCHANGE.OFD_MISSING'));
  const two = editWire(request(), (w) => { w.parts.push({ ...w.parts[0], name: '副本.ofd' }); });
  const v = verifyPackage(two).filter((x) => x.code === 'EXCHANGE.OFD_MISSING');
  assert.equal(v.length, 1);
  assert.match(v[0].message, /2个版式文件/);
});

test('公文交换: an OFD part that is not a zip container is malformed', () => {
  const v = verifyPackage(request({ ofd: { name: '假.ofd', bytes: Buffer.from('%PDF-1.7 not an ofd') } }));
  assert.deepEqual(codes(v), ['EXCHANGE.MALFORMED']);
  assert.match(v[0].message, /不是 OFD 文件/);
});

test('公文交换: every problem of a package is listed at once, none hidden behind the first', () => {
  const built = request({ receiver: LIANGZHOU }, { classification: '机密', signerName: null });
  const pkg = editWire(built, (w) => {
    w.parts[0].data = flipByte(w.parts[0].data, 10);
    w.parts[1].data = flipByte(w.parts[1].data, 1);
    w.metadata.urgency = 'extra_urgent';
  });
  const v = verifyPackage(pkg, { receiverTenantId: 'wuwei' });
  assert.deepEqual(codes(v), ['EXCHANGE.CLASSIFIED', 'EXCHANGE.MISADDRESSED', 'EXCHANGE.SAME_PARTY', 'EXCHANGE.SIGNER_MISSING',
    'EXCHANGE.TAMPERED', 'EXCHANGE.TAMPERED', 'EXCHANGE.TAMPERED', 'EXCHANGE.TAMPERED']);
  assert.deepEqual(v.filter((x) => x.code === 'EXCHANGE.TAMPERED').map((x) => x.details?.name ?? x.details?.target),
    ['凉政发〔2026〕3号.ofd', '改造项目清单.xlsx', 'metadata', 'envelope']);
  const read = readPackage(serializePackage(pkg), { receiverTenantId: 'wuwei' });
  assert.ok(!read.ok);
  assert.deepEqual(codes(read.violations), codes(v));
});

// ---- format version and shape ----

test('公文交换: an unknown major version is refused as EXCHANGE.UNSUPPORTED_VERSION before its shape is judged', () => {
  const r = parsePackage(JSON.stringify({ formatVersion: 'zhengtong-exchange/2', whatever: true }));
  assert.ok(!r.ok);
  assert.deepEqual(codes(r.violations), ['EXCHANGE.UNSUPPORTED_VERSION']);
  assert.match(r.violations[0].message, /zhengtong-exchange\/2 不受支持，本系统读取 zhengtong-exchange\/1/);
  for (const formatVersion of ['ofd-exchange/1', '1', undefined]) {
    const x = parsePackage(JSON.stringify({ formatVersion }));
    assert.ok(!x.ok);
    assert.deepEqual(codes(x.violations), ['EXCHANGE.UNSUPPORTED_VERSION'], String(formatVersion));
    assert.match(x.violations[0].message, /不是政通公文交换格式/);
  }
});

test('公文交换: a later minor (1.x) is read, its added fields kept and covered by the envelope digest', () => {
  const later = seal({ ...request(), formatVersion: 'zhengtong-exchange/1.2', routingHint: '经省级交换平台中转' } as DocumentPackage);
  const text = serializePackage(later);
  const r = readPackage(text, { receiverTenantId: 'wuwei' });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.violations));
  assert.equal((r.value as any).routingHint, '经省级交换平台中转');
  assert.equal(serializePackage(r.value), text, 'nothing dropped');
  const changed = editWire(later, (w) => { w.routingHint = '直送'; });
  assert.deepEqual(verifyPackage(changed).map((x) => x.details?.target), ['envelope']);
});

test('公文交换: text that is not JSON, or not an object, is EXCHANGE.MALFORMED', () => {
  for (const t of ['', '{', '[]', 'null', '"包"']) {
    const r = parsePackage(t);
    assert.ok(!r.ok);
    assert.deepEqual(codes(r.violations), ['EXCHANGE.MALFORMED'], t);
  }
});

test('公文交换: every missing or mistyped field is listed, each with its path', () => {
  const wire = JSON.parse(serializePackage(request()));
  delete wire.packageId;
  delete wire.metadata.title;
  wire.metadata.direction = 'sideways';
  wire.metadata.writtenOn = '2026-02-30';
  wire.parts[1].data = '不是base64';
  wire.sentAt = '2026-03-02 09:30';
  const r = parsePackage(JSON.stringify(wire));
  assert.ok(!r.ok);
  assert.ok(r.violations.every((v) => v.code === 'EXCHANGE.MALFORMED'));
  assert.deepEqual(r.violations.map((v) => (v.details?.path as string[]).join('.')).sort(),
    ['metadata.direction', 'metadata.title', 'metadata.writtenOn', 'packageId', 'parts.1.data', 'sentAt']);
});

test('公文交换: an unknown kind or digest algorithm is malformed', () => {
  const kind = JSON.parse(serializePackage(request()));
  kind.kind = 'notice';
  assert.deepEqual(codes((parsePackage(JSON.stringify(kind)) as any).violations), ['EXCHANGE.MALFORMED']);
  const alg = JSON.parse(serializePackage(request()));
  alg.digests.algorithm = 'SHA-256';
  assert.deepEqual(codes((parsePackage(JSON.stringify(alg)) as any).violations), ['EXCHANGE.MALFORMED']);
});

// ---- answers: 签收回执 and 退文 ----

test('公文交换: the 签收回执 goes from the city back to the county, 已签收 with the 收文号, and verifies', () => {
  const doc = request();
  const receipt = buildReceipt(doc, { packageId: 'pkg-wuwei-r-0001', sentAt: '2026-03-02T10:00:00.000Z', receivedAt: '2026-03-02T09:58:00.000Z', registeredAs: '收文〔2026〕41号' });
  assert.deepEqual(receipt.sender, CITY);
  assert.deepEqual(receipt.receiver, LIANGZHOU);
  assert.deepEqual(receipt.receipt, { ofPackageId: 'pkg-liangzhou-0001', ofDocNumber: '凉政发〔2026〕3号', receivedAt: '2026-03-02T09:58:00.000Z', registeredAs: '收文〔2026〕41号', by: '武威市人民政府' });
  const r = readPackage(serializePackage(receipt), { receiverTenantId: 'liangzhou' });
  assert.ok(r.ok);
  assert.deepEqual(r.value, receipt);
  const forged = editWire(receipt, (w) => { w.receipt.registeredAs = '收文〔2026〕1号'; });
  assert.deepEqual(verifyPackage(forged).map((x) => x.details?.target), ['envelope']);
});

test('公文交换: a 退文 at 初审 carries every reason with its article, and the clerk\'s own note (第六十二条)', () => {
  const doc = request({}, { declarations: { matters: ['供热管网改造补助资金', '增加供热站人员编制'], skipsLevel: true } });
  const received = toIncomingInput(doc);
  const violations = reviewIntake({ ...received.facts, docType: received.docType, classification: received.classification, submitterUnitId: 'liangzhou' }, P, (u) => u);
  assert.deepEqual(codes(violations), ['DOC.INTAKE_MULTIPLE_MATTERS', 'DOC.INTAKE_SKIP_LEVEL']);
  const reasons = returnReasonsOf(violations, '项目清单未加盖公章');
  const ret = buildReturn(doc, { packageId: 'pkg-wuwei-t-0001', sentAt: '2026-03-03T02:00:00.000Z', at: '2026-03-03T01:55:00.000Z', reasons });
  assert.deepEqual(ret.receiver, LIANGZHOU);
  const r = readPackage(serializePackage(ret), { receiverTenantId: 'liangzhou' });
  assert.ok(r.ok);
  const back = (r.value as typeof ret).return;
  assert.deepEqual(back.reasons.map((x) => [x.code, x.article]), [['DOC.INTAKE_MULTIPLE_MATTERS', 62], ['DOC.INTAKE_SKIP_LEVEL', 62], ['EXCHANGE.RETURNED', null]]);
  assert.match(back.reasons[0].message, /一文一事/);
  assert.equal(back.ofDocNumber, '凉政发〔2026〕3号');
});

test('公文交换: a 退文 without any reason is refused (EXCHANGE.RETURN_REASONS_MISSING, 第六十二条)', () => {
  const ret = buildReturn(request(), { packageId: 'pkg-wuwei-t-0002', sentAt: '2026-03-03T02:00:00.000Z', at: '2026-03-03T01:55:00.000Z', reasons: returnReasonsOf([], '  ') });
  const v = verifyPackage(ret);
  assert.deepEqual(codes(v), ['EXCHANGE.RETURN_REASONS_MISSING']);
  assert.equal(v[0].article, 62);
});

// ---- routing ----

test('公文交换: 各县区人民政府 reaches all four counties of the sender and no one else', () => {
  const r = recipientsOf(['各县区人民政府'], [], GOVERNMENTS, 'wuwei');
  assert.deepEqual(r.deliveries.map((d) => d.tenantId), ['liangzhou', 'minqin', 'gulang', 'tianzhu']);
  assert.ok(r.deliveries.every((d) => d.as === 'principal' && d.recipient === '各县区人民政府'));
  assert.deepEqual(r.unmatched, []);
  for (const written of ['各县（区）人民政府', '各县(区)人民政府', '各县区政府']) {
    assert.deepEqual(recipientsOf([written], [], GOVERNMENTS, 'wuwei').deliveries.map((d) => d.tenantId), ['liangzhou', 'minqin', 'gulang', 'tianzhu'], written);
  }
});

test('公文交换: the sender\'s own departments are not exchange targets; they are returned as not matched', () => {
  const r = recipientsOf(['各县区人民政府，市政府各部门'], ['市财政局', '凉州区人民政府'], GOVERNMENTS, 'wuwei');
  assert.equal(r.deliveries.length, 4);
  assert.equal(r.deliveries.find((d) => d.tenantId === 'liangzhou')?.as, 'principal', '主送 wins over 抄送');
  assert.deepEqual(r.unmatched, ['市政府各部门', '市财政局']);
});

test('公文交换: a county\'s 请示 to 武威市人民政府 goes to the city alone; a 抄送 government goes as copy', () => {
  const r = recipientsOf(['武威市人民政府'], ['民勤县人民政府', '凉州区财政局'], GOVERNMENTS, 'liangzhou');
  assert.deepEqual(r.deliveries, [
    { tenantId: 'wuwei', organ: '武威市人民政府', as: 'principal', recipient: '武威市人民政府' },
    { tenantId: 'minqin', organ: '民勤县人民政府', as: 'copy', recipient: '民勤县人民政府' },
  ]);
  assert.deepEqual(r.unmatched, ['凉州区财政局']);
});

test('公文交换: a county has no counties under it — its 各县区人民政府 is not matched, and it never sends to itself', () => {
  const r = recipientsOf(['各县区人民政府', '凉州区人民政府'], [], GOVERNMENTS, 'liangzhou');
  assert.deepEqual(r.deliveries, []);
  assert.deepEqual(r.unmatched, ['各县区人民政府', '凉州区人民政府']);
});

test('公文交换: the 批复 goes back to the county that asked, naming the 请示 it answers', () => {
  const ask = request();
  const route = recipientsOf([ask.metadata.issuerName], [], GOVERNMENTS, 'wuwei');
  assert.deepEqual(route.deliveries.map((d) => d.tenantId), ['liangzhou']);
  const reply = buildDocumentPackage({
    ...requestInput({ packageId: 'pkg-wuwei-0200', sender: CITY, receiver: { tenantId: route.deliveries[0].tenantId, organ: route.deliveries[0].organ } }),
    metadata: requestMetadata({ issuerName: '武威市人民政府', docNumber: '武政函〔2026〕12号', title: '武威市人民政府关于凉州区城区老旧供热管网改造补助资金的批复',
      docType: '批复', direction: 'downward', signerName: null, principalRecipients: ['凉州区人民政府'], declarations: null,
      replyTo: { packageId: ask.packageId, docNumber: ask.metadata.docNumber } }),
  });
  const r = readPackage(serializePackage(reply), { receiverTenantId: 'liangzhou' });
  assert.ok(r.ok);
  assert.deepEqual(toIncomingInput(r.value as DocumentPackage).replyTo, { packageId: 'pkg-liangzhou-0001', docNumber: '凉政发〔2026〕3号' });
});

// ---- the receiver's side ----

test('公文交换: a received package gives the fields of 签收, its 报送申明 as 初审 facts, the rest to confirm', () => {
  const inc = toIncomingInput(request());
  assert.equal(inc.docType, '请示');
  assert.equal(inc.issuerName, '凉州区人民政府');
  assert.equal(inc.sourceDocNumber, '凉政发〔2026〕3号');
  assert.equal(inc.urgency, 'urgent');
  assert.equal(inc.classification, '');
  assert.equal(inc.clientRequestId, 'pkg-liangzhou-0001', 'the receiver signs for a package once');
  assert.deepEqual(inc.sender, LIANGZHOU);
  assert.deepEqual(inc.facts.principalRecipients, ['武威市人民政府']);
  assert.deepEqual(inc.facts.matters, ['城区老旧供热管网改造补助资金']);
  assert.deepEqual(inc.factsToConfirm, ['skipLevelApproval', 'leaderException', 'normative', 'highImpact', 'hasInterpretation', 'hasOpinionPlan']);
  assert.deepEqual(inc.parts.map((p) => p.role), ['ofd', 'attachment']);
  assert.deepEqual(reviewIntake({ ...inc.facts, docType: inc.docType, classification: inc.classification, submitterUnitId: 'liangzhou' }, P, (u) => u), [],
    'a clean 请示 passes 初审 (第六十二条)');
});

test('公文交换: a package with no 报送申明 leaves every declared fact for the clerk to confirm', () => {
  const inc = toIncomingInput(request({}, { declarations: null }));
  assert.deepEqual(inc.facts.matters, []);
  assert.equal(inc.factsToConfirm.length, 11);
});
