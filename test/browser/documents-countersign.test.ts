// The document page in the browser, for the countersign and signing rules: a countersign deadline and form
// of reply negotiated with the lead department (第六十六条), a disagreement coordinated by the vice mayor in
// charge with the deputy secretary-general ending in a recommended position (第六十五条), and a substantive
// edit after signing returning the draft to the signer (第七十一条) — each with its article and refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv(); });
after(async () => { await env?.close(); });

const api = (method: string, url: string, body?: unknown) =>
  env.page.evaluate(async ([m, u, b]) => {
    const r = await fetch(`/api/v1${u}`, { method: m as string, headers: b ? { 'content-type': 'application/json' } : {}, body: b ? JSON.stringify(b) : undefined });
    return { status: r.status, body: await r.json() };
  }, [method, url, body] as const);

test('第六十六条 and 第六十五条: a countersign limit negotiated, and a disagreement coordinated to a recommended position, on the document page', async () => {
  const page = env.page;
  await loginAs(env, 'office-clerk');
  const draft = await api('POST', '/documents/outgoing', {
    docType: '通知', direction: 'downward', title: '武威市人民政府关于做好校园周边交通安全整治工作的通知', issuerName: '市政府', issuerCode: '武政发', leadUnitId: 'unit-jyj',
    body: '各县区人民政府，市政府有关部门：为做好校园周边交通安全整治工作，现就有关事项通知如下。', disclosure: '主动公开', countersignUnitIds: ['unit-fgw', 'unit-czj'],
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const id = draft.body.id;
  const sub = await api('POST', `/documents/${id}/submit`, { version: 1 });
  assert.equal(sub.body.state, 'countersigning', JSON.stringify(sub.body));

  await page.goto(`${env.baseUrl}/documents/${id}`);
  const opinions = page.getByTestId('opinion');
  await opinions.first().waitFor();
  // 第六十六条: 市发展改革委 negotiates a later limit and a written reply
  const fgw = opinions.filter({ hasText: '市发展改革委' });
  await fgw.getByTestId('opinion-negotiate-open').click();
  const form = fgw.getByTestId('negotiate-form');
  assert.match(await form.innerText(), /第六十六条/);
  assert.match(await form.getByTestId('negotiate-rules').innerText(), /已回复或已逾期.*（第六十六条）/);
  const due = await page.evaluate(() => {
    const d = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000);
    return d.toISOString().slice(0, 10);
  });
  await form.getByTestId('negotiate-due').fill(due);
  await form.getByTestId('negotiate-submit').click();
  const negotiated = fgw.getByTestId('opinion-negotiated');
  await negotiated.waitFor();
  assert.match(await negotiated.innerText(), new RegExp(`已与市教育局商定：回复时限 .* → ${due}，回复方式：书面回复（第六十六条）`));
  await page.getByTestId('trail').filter({ hasText: '商定回复时限' }).waitFor();

  // 第六十五条: 市财政局 disagrees; the vice mayor in charge coordinates with the deputy secretary-general
  const czj = opinions.filter({ hasText: '市财政局' });
  await czj.getByTestId('opinion-reasons').fill('整治经费未列入年度预算');
  await czj.getByTestId('opinion-disagree').click();
  const co = page.getByTestId('coordination');
  await co.waitFor();
  const coText = await co.innerText();
  assert.match(coText, /第六十五条/);
  assert.match(coText, /市财政局有不同意见：整治经费未列入年度预算/);
  assert.match(coText, /副市长.*协调/);
  // a conclusion is required: the refusal is shown with its article, nothing changes
  await co.getByTestId('coordination-submit').click();
  await page.locator('.ant-alert-error').first().waitFor();
  assert.match(await co.getByTestId('coordination-rules').innerText(), /须写明协调结论.*（第六十五条）/);
  await co.getByText('提出倾向性建议').click();
  await co.getByTestId('coordination-conclusion').fill('建议从市级教育专项资金中统筹安排，报市政府决定');
  await co.getByTestId('coordination-submit').click();
  const result = co.getByTestId('coordination-result');
  await result.waitFor();
  assert.match(await result.innerText(), /提出倾向性建议.*报市政府决定/);
  await page.getByTestId('trail').filter({ hasText: '协调结果（提出倾向性建议）' }).waitFor();
});

test('第七十一条: a substantive edit after signing returns the draft to the signer', async () => {
  const page = env.page;
  await page.context().clearCookies();
  await loginAs(env, 'office-clerk');
  const list = await api('GET', '/documents?flow=outgoing&state=signed');
  const doc = list.body.documents[0];
  assert.ok(doc, 'the demo has a signed draft');
  await page.goto(`${env.baseUrl}/documents/${doc.id}`);
  const card = page.getByTestId('edit-draft');
  await card.waitFor();
  assert.match(await card.innerText(), /退回签发人重新签发（第七十一条）/);
  await card.getByTestId('edit-open').click();
  assert.match(await card.getByTestId('edit-rules').innerText(), /编号、印发后不能再修改（第七十一条）/);
  await card.getByTestId('edit-body').fill('（修改后）各县区人民政府，市政府有关部门：现将调整后的工作要求通知如下。');
  await card.getByTestId('edit-substantive').click();
  assert.equal(await card.getByTestId('edit-submit').innerText(), '保存并退回签发人');
  await card.getByTestId('edit-submit').click();
  await page.getByTestId('doc-state').filter({ hasText: '待签发' }).waitFor();
  await page.getByTestId('trail').filter({ hasText: '签发后作实质性修改，退回签发人重新签发' }).waitFor();
  const after = await api('GET', `/documents/${doc.id}`);
  assert.equal(after.body.document.state, 'signing');
  assert.equal(after.body.versions.at(-1).substantive, true);
});
