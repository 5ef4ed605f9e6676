// 电子印章 on the OFD and PDF (docs/seals.md): the seal image over the 成文日期, the SM2 signature over
// every file of the package, and the verifier's verdicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { renderOfd, renderPdf, verifyOfd, type OfdSigner } from './index.ts';
import { layoutDocument } from './layout.ts';
import { sampleNotice } from './samples.ts';
import { generateSm2KeyPair, sm2Sign } from '../crypto/sm2.ts';
import { sealDrawing } from '../domain/seals/index.ts';

const keys = generateSm2KeyPair();
const SEAL = { id: 'seal-00000000-0000-4000-8000-000000000001', name: '武威市人民政府' };
const signer = (k = keys, seal = SEAL): OfdSigner => ({
  seal: { ...seal, ownerUnit: '武威市人民政府', government: 'wuwei', publicKey: k.publicKey },
  sign: (m) => sm2Sign(m, k.privateKey),
  at: new Date('2026-03-02T01:00:00Z'),
});
const sealedDoc = () => ({ ...sampleNotice(), seal: SEAL });
const registry = (key: string | null) => async () => key;

async function rezip(ofd: Buffer, change: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(ofd);
  await change(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

test('电子印章 (GB/T 38540): a sealed OFD verifies; one changed byte of a page is reported as altered, naming the page', async () => {
  const ofd = await renderOfd(sealedDoc(), signer());
  const ok = await verifyOfd(ofd, registry(keys.publicKey));
  assert.equal(ok.verdict.status, 'valid', JSON.stringify(ok.verdict));
  assert.equal(ok.seal?.name, '武威市人民政府');
  const zip = await JSZip.loadAsync(ofd);
  const page = Object.keys(zip.files).find((p) => /Pages\/Page_\d+\/Content\.xml$/.test(p) && p.endsWith('Page_1/Content.xml'))!;
  const altered = await rezip(ofd, async (z) => {
    const b = await z.file(page)!.async('nodebuffer');
    b[Math.floor(b.length / 2)] ^= 0x01;
    z.file(page, b);
  });
  const v = (await verifyOfd(altered, registry(keys.publicKey))).verdict;
  assert.deepEqual(v.status === 'altered' && [v.entry, v.reason], [page, 'digest']);
});

test('GB/T 33190 §18: the signature lists every file of the package with its SM3, so an added or removed file and a forged SignedValue are caught', async () => {
  const ofd = await renderOfd(sealedDoc(), signer());
  const zip = await JSZip.loadAsync(ofd);
  const sig = await zip.file('Doc_0/Signs/Sign_0/Signature.xml')!.async('string');
  const files = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
  for (const f of files.filter((p) => !/Signs\/(Signatures\.xml|Sign_0\/(Signature\.xml|SignedValue\.dat))$/.test(p))) {
    assert.ok(sig.includes(`FileRef="/${f}"`), `${f} is signed`);
  }
  assert.match(await zip.file('OFD.xml')!.async('string'), /<ofd:Signatures>Doc_0\/Signs\/Signatures\.xml<\/ofd:Signatures>/);
  assert.match(await zip.file('Doc_0/Signs/Signatures.xml')!.async('string'), /<ofd:Signature ID="1" Type="Seal" BaseLoc="Sign_0\/Signature\.xml"\/>/);
  assert.match(sig, /<ofd:SignatureMethod>1\.2\.156\.10197\.1\.501<\/ofd:SignatureMethod>/);
  assert.match(sig, /<ofd:References CheckMethod="1\.2\.156\.10197\.1\.401">/);
  assert.match(sig, /<ofd:StampAnnot ID="1" PageRef="\d+" Boundary="[\d. ]+"\/>/);

  const added = await rezip(ofd, async (z) => { z.file('Doc_0/Res/extra.xml', '<x/>'); });
  assert.deepEqual((await verifyOfd(added)).verdict, { status: 'altered', entry: 'Doc_0/Res/extra.xml', reason: 'uncovered', sealId: SEAL.id });
  const removed = await rezip(ofd, async (z) => { z.remove('Doc_0/PublicRes.xml'); });
  assert.equal((await verifyOfd(removed)).verdict.status, 'altered');
  const other = generateSm2KeyPair();
  const forged = await rezip(ofd, async (z) => {
    const info = /<ofd:SignedInfo>[\s\S]*<\/ofd:SignedInfo>/.exec(sig)![0];
    z.file('Doc_0/Signs/Sign_0/SignedValue.dat', sm2Sign(Buffer.from(info), other.privateKey));
  });
  assert.deepEqual((await verifyOfd(forged)).verdict, { status: 'altered', entry: 'Doc_0/Signs/Sign_0/SignedValue.dat', reason: 'signature', sealId: SEAL.id });
});

test('电子印章: a seal the government does not hold (another government\'s, or the same id with another key) is unknown; an unsealed OFD is unsigned', async () => {
  const theirs = generateSm2KeyPair();
  const ofd = await renderOfd(sealedDoc(), signer(theirs));
  assert.equal((await verifyOfd(ofd, registry(null))).verdict.status, 'unknown_seal');
  assert.equal((await verifyOfd(ofd, registry(keys.publicKey))).verdict.status, 'unknown_seal');
  const offline = (await verifyOfd(ofd)).verdict;
  assert.deepEqual(offline.status === 'valid' && offline.registry, 'not_checked');
  assert.deepEqual((await verifyOfd(await renderOfd(sampleNotice()))).verdict, { status: 'unsigned' });
});

test('GB/T 9704-2012 7.3.5.1: the seal is centred on the 成文日期, the 署名 and date below its centre; 42 mm, red ring, star, name along the top', async () => {
  const layout = layoutDocument(sealedDoc());
  const page = layout.pages.find((p) => p.sealAt)!;
  assert.ok(page, 'a page carries the seal');
  const date = page.runs.find((r) => r.chars.join('') === '2023年3月15日')!;
  const sig = page.runs.find((r) => r.chars.join('').startsWith('武威市人民政府办公室') && r.baseline < date.baseline)!;
  const mid = (date.xs[0]! + date.xs.at(-1)! + date.size) / 2;
  assert.ok(Math.abs(page.sealAt!.x - mid) < 0.5, 'centred on the date');
  // the characters' centres (a third of the size above the baseline) of both lines lie below the seal's centre
  assert.ok(page.sealAt!.y < sig.baseline - sig.size / 3 && page.sealAt!.y < date.baseline - date.size / 3, 'both lines below the centre');
  const d = sealDrawing('武威市人民政府');
  assert.equal(d.radius * 2, 42);
  assert.equal(d.glyphs.length, 7);
  assert.deepEqual([d.glyphs[3]!.x, d.glyphs[3]!.rotate], [0, 0], 'the middle character at the top, upright');
  assert.ok(d.glyphs.every((g) => g.y <= 0.01), 'the name along the upper half');
  assert.equal(d.star.length, 10);
  for (const g of d.glyphs) assert.ok(Math.hypot(g.x, g.y) + g.size * 0.75 < d.ring.radius - d.ring.width / 2, `${g.ch} inside the ring`);
});

test('电子印章: the PDF carries the same seal image — the red ring and star drawn, the name as text over the 成文日期', async () => {
  const pdf = await renderPdf(sealedDoc());
  const plain = await renderPdf({ ...sampleNotice(), sealed: true });
  const { inflateSync } = await import('node:zlib');
  const streams = (buf: Buffer) => {
    const s = buf.toString('latin1');
    const out: string[] = [];
    for (const m of s.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
      try { out.push(inflateSync(Buffer.from(m[1]!.replace(/\r?\n$/, ''), 'latin1')).toString('latin1')); } catch { /* not deflated */ }
    }
    return out.join('\n');
  };
  const red = /0\.90196\d* 0 0\.07058\d* (scn|SCN)/;
  assert.match(streams(pdf), red, 'the seal red is used');
  assert.doesNotMatch(streams(plain), red);
  // the ring is a stroked path of Bézier curves (c operators) and the star a filled polygon
  assert.ok((streams(pdf).match(/ c\b/g) ?? []).length >= 4, 'the ring');
  assert.match(streams(pdf), /0\.90196\d* 0 0\.07058\d* SCN[\s\S]*? S\b/, 'stroked in red');
});
