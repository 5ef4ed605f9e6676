// 电子印章 through the issue flow (docs/seals.md): a document issued by someone who may apply the seal is
// sealed at 印发 with its issuer's seal; the stored OFD verifies, downloads and the 公文交换 package carry
// it; a seal of another unit or government is refused; the verifier reports valid / altered / unknown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
const CITY = 'wuwei';
before(async () => { s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' }); });
after(async () => { await s.close(); });

async function as(login: string, tenant = CITY) {
  const cookie = await s.login(login, undefined, tenant);
  return async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload !== undefined ? { payload: payload as any } : {}) });
    return { status: r.statusCode, body: r.headers['content-type']?.toString().startsWith('application/json') ? r.json() as any : null, raw: r.rawPayload };
  };
}
const loginWith = async (tenant: string, where: string, params: unknown[]) =>
  (await s.t.db.query<{ login: string }>(`SELECT u.login FROM users u ${where} ORDER BY u.login LIMIT 1`, [tenant, ...params])).rows[0]!.login;

/** 拟稿 → … → 编号 by the office and the signer; 印发 by `issuer` (who holds seals.apply). */
async function numbered(tenant: string, draft: Record<string, unknown>) {
  const office = await as(await loginWith(tenant, `WHERE u.tenant_id = $1 AND 'office_clerk' = ANY(u.roles)`, []), tenant);
  const d = await office('POST', '/documents/outgoing', draft);
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id;
  const sub = await office('POST', `/documents/${id}/submit`, { version: 1 });
  let r = await office('POST', `/documents/${id}/review`, { opinion: '同意', version: sub.body.version });
  const signer = await as(sub.body.acting?.personId
    ? await loginWith(tenant, 'WHERE u.tenant_id = $1 AND u.person_id = $2', [sub.body.acting.personId])
    : await loginWith(tenant, 'JOIN org_assignments a ON a.tenant_id = u.tenant_id AND a.person_id = u.person_id WHERE u.tenant_id = $1 AND a.position_id = $2', [sub.body.signing.signerPositionId]), tenant);
  r = await signer('POST', `/documents/${id}/sign`, { version: r.body.version, reportedToMayor: true, opinion: '同意' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const v = (await office('POST', `/documents/${id}/check`, { version: r.body.version })).body.version;
  const num = await office('POST', `/documents/${id}/number`, { version: v });
  assert.equal(num.status, 200, JSON.stringify(num.body));
  return { id, version: num.body.version as number, office };
}

const notice = {
  docType: '通知', direction: 'downward', title: '武威市人民政府关于做好2026年春季森林草原防灭火工作的通知', issuerName: '武威市人民政府', issuerCode: '武政发',
  leadUnitId: 'unit-fgw', principalRecipients: ['各县区人民政府'], disclosure: '主动公开',
  body: '各县区人民政府，市政府各部门：\n现就做好2026年春季森林草原防灭火工作通知如下。\n一、压实防火责任。',
};

test('电子印章 (GB/T 38540): 印发 seals the OFD with the issuer\'s seal; the stored OFD verifies, the download and the exchange package carry it, one changed byte is altered', async () => {
  // 印发 by the office clerk, who holds seals.apply (the 系统管理员 administers seals, applies none)
  const admin = await as('office-clerk');
  const { id, version } = await numbered(CITY, notice);
  const issued = await admin('POST', `/documents/${id}/issue`, { version });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  assert.equal(issued.body.seal.status, 'sealed', JSON.stringify(issued.body.seal));
  assert.equal(issued.body.seal.sealName, '武威市人民政府');
  const { rows } = await s.t.db.query<any>(`SELECT payload FROM audit_records WHERE action = 'seal.applied' AND object_id = $1`, [id]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].payload.sealId, issued.body.seal.sealId);

  const check = await admin('GET', `/documents/${id}/seal`);
  assert.equal(check.body.verdict.status, 'valid', JSON.stringify(check.body));
  assert.match(check.body.label, /^电子印章：有效/);
  const ofd = await admin('GET', `/documents/${id}/output.ofd`);
  assert.equal(createHash('sm3').update(ofd.raw).digest('hex'), issued.body.seal.ofdSm3, 'the download is the sealed file');
  const verified = await admin('POST', '/seals/verify', { contentBase64: ofd.raw.toString('base64') });
  assert.equal(verified.body.verdict.status, 'valid');
  const zip = await JSZip.loadAsync(ofd.raw);
  const page = 'Doc_0/Pages/Page_0/Content.xml';
  const b = await zip.file(page)!.async('nodebuffer');
  b[100] ^= 1;
  zip.file(page, b);
  const changed = await admin('POST', '/seals/verify', { contentBase64: (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64') });
  assert.deepEqual([changed.body.verdict.status, changed.body.verdict.entry], ['altered', page]);
  const pdf = await admin('GET', `/documents/${id}/output.pdf`);
  assert.equal(pdf.status, 200);

  // 分发 by 公文交换: the package carries the sealed OFD, its SM3 over the sealed file
  const dist = await admin('POST', `/documents/${id}/distribute`, { version: issued.body.version });
  assert.equal(dist.status, 200, JSON.stringify(dist.body));
  const wire = (await s.t.db.query<any>(`SELECT wire FROM exchange_outbox WHERE document_id = $1 LIMIT 1`, [id])).rows[0].wire as string;
  assert.ok(wire.includes(issued.body.seal.ofdSm3), 'the package records the SM3 of the sealed OFD');

  // the county verifies the city's OFD against its own registry: not one of its seals
  const county = await as('lz-office-clerk', 'liangzhou');
  const there = await county('POST', '/seals/verify', { contentBase64: ofd.raw.toString('base64') });
  assert.equal(there.body.verdict.status, 'unknown_seal');
});

test('电子印章: a seal of another unit, or of another government, is refused; without the permission 印发 still issues, 未加盖电子印章', async () => {
  const seals = (await (await as('admin'))('GET', '/seals')).body.seals;
  const admin = await as('office-clerk');
  const officeSeal = seals.find((x: any) => x.ownerUnit === '武威市人民政府办公室');
  assert.ok(officeSeal, 'the demo office seal');
  const { id, version } = await numbered(CITY, { ...notice, title: '武威市人民政府关于开展2026年安全生产大检查的通知' });
  // a deputy secretary-general of the office issues without seals.apply: issued, 未加盖电子印章
  const dsg = await as('dsg1');
  const issued = await dsg('POST', `/documents/${id}/issue`, { version });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  assert.equal(issued.body.seal.status, 'unsealed');
  assert.equal((await dsg('POST', `/documents/${id}/seal`, {})).status, 403, 'applying a seal needs seals.apply');
  {
    assert.equal(issued.body.seal.reason, 'not_permitted');
    assert.equal((await admin('GET', `/documents/${id}/seal`)).body.label, '未加盖电子印章');
    const wrong = await admin('POST', `/documents/${id}/seal`, { sealId: officeSeal.id });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.code, 'SEAL.NOT_OWNER');
    const countySeal = (await (await as('lz-admin', 'liangzhou'))('GET', '/seals')).body.seals[0];
    // 补盖 by the office clerk (seals.apply)
    const foreign = await admin('POST', `/documents/${id}/seal`, { sealId: countySeal.id });
    assert.equal(foreign.status, 404, 'another government\'s seal is not in this registry');
    const ok = await admin('POST', `/documents/${id}/seal`, {});
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal((await admin('POST', `/documents/${id}/seal`, {})).body.code, 'SEAL.ALREADY_SEALED');
  }
  assert.equal((await admin('GET', `/documents/${id}/seal`)).body.verdict.status, 'valid');
});

test('电子印章: creating a seal needs seals.manage; the private key is stored only under SM4', async () => {
  const admin = await as('admin');
  const created = await admin('POST', '/seals', { ownerUnitId: 'unit-fgw' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.name, '武威市发展和改革委员会');
  const row = (await s.t.db.query<any>(`SELECT private_key_sealed, public_key FROM seals WHERE id = $1`, [created.body.id])).rows[0];
  assert.match(row.private_key_sealed, /^sm4\$/);
  const clerk = await as('office-clerk');
  const refused = await clerk('POST', '/seals', { ownerUnitId: 'unit-fgw' });
  assert.equal(refused.status, 403);
  const { rows } = await s.t.db.query<any>(`SELECT count(*)::int AS n FROM audit_records WHERE action = 'seal.created' AND object_id = $1`, [created.body.id]);
  assert.equal(rows[0].n, 1);
});
