// Downloads of an issued document (PDF, Word, OFD in the GB/T 9704-2012 layout) with the SM3 digest in the
// audit trail, and attachments within the pack's limits (第七十五条).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
let cookie = '';
let lzq = '';
before(async () => {
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  cookie = await s.login('office-clerk');
  lzq = await s.login('lzq-clerk');
});
after(async () => { await s.close(); });

const get = (url: string, who = cookie) => s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: who } });
const post = (url: string, payload: unknown, who = cookie) => s.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie: who }, payload: payload as any });
const issued = async () => {
  const list = (await get('/documents?flow=outgoing&state=distributed')).json().documents;
  return list[0];
};

test('第七十四条 附注 and the 版记: an issued 通知 renders as PDF, Word and OFD, each digest recorded as document.output_rendered', async () => {
  const d = await issued();
  assert.match(d.doc_number, /^武政发〔2026〕\d+号$/);
  const pdf = await get(`/documents/${d.id}/output.pdf`);
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.match(String(pdf.headers['content-disposition']), /filename\*=UTF-8''/);
  const docx = await get(`/documents/${d.id}/output.docx`);
  assert.equal(docx.statusCode, 200);
  const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
  for (const text of [d.doc_number, '各县区人民政府', '此件公开发布', '抄送', '市委办公室', '武威市人民政府办公室']) assert.ok(xml.includes(text), text);
  const ofd = await get(`/documents/${d.id}/output.ofd`);
  assert.equal(ofd.statusCode, 200);
  assert.ok((await JSZip.loadAsync(ofd.rawPayload)).file('OFD.xml'), 'an OFD package');
  const { rows } = await s.t.db.query(`SELECT payload, article FROM audit_records WHERE action = 'document.output_rendered' AND object_id = $1 ORDER BY seq`, [d.id]);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r: any) => r.payload.format), ['pdf', 'docx', 'ofd']);
  assert.match(rows[0].payload.sm3, /^[0-9a-f]{64}$/);
  assert.equal(rows[0].payload.sm3, pdf.headers['x-content-sm3']);
  const trail = (await get(`/documents/${d.id}`)).json().events.filter((e: any) => e.action === 'output_rendered');
  assert.equal(trail.length, 3);
});

test('第七十一条: an upward 请示 prints its 签发人 (the mayor who signed)', async () => {
  const list = (await get('/documents?flow=outgoing&state=issued')).json().documents;
  const up = list.find((x: any) => x.doc_type === '请示');
  const docx = await get(`/documents/${up.id}/output.docx`);
  const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
  assert.ok(xml.includes('签发人'), 'the 签发人 line');
  assert.ok(xml.includes('林向东'));
});

test('第七十五条: attachments within the pack limits are stored under a safe name and downloaded intact; too big or forbidden types are refused, nothing stored', async () => {
  const d = (await get('/documents?flow=outgoing&state=drafting')).json().documents[0];
  const content = Buffer.from('丝路文化旅游节筹备方案（征求意见稿）');
  const up = await post(`/documents/${d.id}/attachments`, { name: '../../etc/筹备方案.txt', contentBase64: content.toString('base64') });
  assert.equal(up.statusCode, 201, up.body);
  assert.equal(up.json().name, '筹备方案.txt');
  const dl = await get(`/documents/${d.id}/attachments/${up.json().id}`);
  assert.equal(dl.statusCode, 200);
  assert.deepEqual(dl.rawPayload, content);
  assert.match(String(dl.headers['content-disposition']), /%E7%AD%B9%E5%A4%87/);
  const exe = await post(`/documents/${d.id}/attachments`, { name: '工具.exe', contentBase64: content.toString('base64') });
  assert.equal(exe.statusCode, 422);
  assert.equal(exe.json().code, 'DOC.ATTACHMENT_TYPE');
  assert.equal(exe.json().violations[0].article, 75);
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
  const tooBig = await post(`/documents/${d.id}/attachments`, { name: '扫描件.pdf', contentBase64: big.toString('base64') });
  assert.equal(tooBig.statusCode, 413, tooBig.body.slice(0, 200));
  assert.equal(tooBig.json().code, 'DOC.ATTACHMENT_TOO_LARGE');
  const both = await post(`/documents/${d.id}/attachments`, { name: '大文件.exe', contentBase64: big.toString('base64') });
  assert.deepEqual(both.json().violations.map((v: any) => v.code).sort(), ['DOC.ATTACHMENT_TOO_LARGE', 'DOC.ATTACHMENT_TYPE']);
  const { rows } = await s.t.db.query(`SELECT count(*)::int AS n FROM document_attachments WHERE document_id = $1`, [d.id]);
  assert.equal(rows[0].n, 1);
  const detail = (await get(`/documents/${d.id}`)).json();
  assert.equal(detail.attachments.length, 1);
  assert.equal(detail.events.find((e: any) => e.action === 'attachment_added').article, 75);
  // someone the document was never routed to sees neither it nor its attachment
  assert.equal((await get(`/documents/${d.id}/attachments/${up.json().id}`, lzq)).statusCode, 404);
});
