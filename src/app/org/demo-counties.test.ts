import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadDemoLogins, loadDemoOrg, addDays } from './demo.ts';
import { orgRulesFrom } from './rules.ts';
import {
  assistantsOf,
  backupPartnerOf,
  holderOf,
  leaderInCharge,
  membersOf,
  positionsOfKind,
  unitsOfKind,
  validateOrg,
  validateOrgOn,
  whoActsFor,
} from '../../domain/org/index.ts';
import { requiredPresent } from '../../domain/meetings/quorum.ts';
import { loadPack, repoRoot } from '../../rules/index.ts';
import { ROLES } from '../auth/roles.ts';

const TODAY = '2026-03-03';
const demoDir = (tenant: string) => join(repoRoot(), 'demo', tenant);

const COUNTIES = [
  { tenant: 'liangzhou', pack: 'liangzhou-2024', prefix: 'lz', code: '凉', u: '区' },
  { tenant: 'minqin', pack: 'minqin-2024', prefix: 'mq', code: '民', u: '县' },
  { tenant: 'gulang', pack: 'gulang-2024', prefix: 'gl', code: '古', u: '县' },
  { tenant: 'tianzhu', pack: 'tianzhu-2024', prefix: 'tz', code: '天', u: '县' },
] as const;

const cityLogins = loadDemoLogins(loadDemoOrg(TODAY));
const allLogins: string[] = cityLogins.map((l) => l.login);

for (const c of COUNTIES) {
  const pack = loadPack(join(repoRoot(), 'packs', c.pack));
  const org = loadDemoOrg(TODAY, demoDir(c.tenant));
  const rules = orgRulesFrom(pack, TODAY);
  const logins = loadDemoLogins(org, demoDir(c.tenant));
  allLogins.push(...logins.map((l) => l.login));
  const gov = org.units.find((u) => u.id === 'unit-gov')!;

  test(`demo ${c.tenant}: the organisation validates on the day it is loaded and is the government its pack names`, () => {
    assert.deepEqual(validateOrg(org), []);
    assert.deepEqual(validateOrgOn(org, TODAY), []);
    assert.equal(org.tenant.id, c.tenant);
    assert.equal(org.tenant.name, pack.meta.government.name);
    assert.equal(gov.name, pack.meta.government.name);
    assert.equal(gov.shortName, pack.meta.government.shortName);
    assert.equal(gov.kind, 'municipal_government', 'the tenant’s own government, whatever its level');
    assert.deepEqual(gov.issuerCodes?.map((x) => x.code), [`${c.code}政发`, `${c.code}政函`]);
    const office = org.units.find((u) => u.kind === 'government_office');
    assert.deepEqual(office?.issuerCodes?.map((x) => x.code), [`${c.code}政办发`, `${c.code}政办函`]);
    const depts = unitsOfKind(org, 'constituent_department');
    assert.ok(depts.length >= 6 && depts.length <= 8, `${depts.length}`);
    for (const d of depts) {
      assert.ok(d.shortName.startsWith(c.u), d.shortName);
      assert.ok(d.issuerCodes?.[0].code.startsWith(c.code), d.name);
    }
  });

  test(`demo ${c.tenant}: a ${pack.meta.government.leaderTitle}, an 常务副${c.u}长, three 副${c.u}长, the office director in the 秘书长’s part and two deputies`, () => {
    const titles = (kind: Parameters<typeof positionsOfKind>[1]) => positionsOfKind(org, kind).map((p) => p.title);
    assert.deepEqual(titles('mayor'), [pack.meta.government.leaderTitle]);
    assert.deepEqual(titles('executive_vice_mayor'), [`常务副${c.u}长`]);
    assert.deepEqual(titles('vice_mayor'), [`副${c.u}长`, `副${c.u}长`, `副${c.u}长`]);
    // the pack's vocabulary says who plays the 秘书长's part; the organisation has that post
    assert.deepEqual(titles('secretary_general'), [pack.speak('秘书长')]);
    assert.deepEqual(titles('deputy_secretary_general'), [pack.speak('副秘书长'), pack.speak('副秘书长')]);
  });

  test(`第八条 (demo ${c.tenant}): the government’s members computed from the county’s own posts with its pack’s words`, () => {
    assert.deepEqual(pack.param('org.government.members', 'members', TODAY).value, [
      pack.meta.government.leaderTitle, `副${c.u}长`, `${c.u}政府办公室主任`, `${c.u}政府组成部门主要负责同志`,
    ]);
    assert.deepEqual(rules.government.terms, ['mayor', 'vice_mayors', 'secretary_general', 'constituent_department_principal_heads']);
    const members = membersOf(org, rules.government, TODAY);
    // five leaders + the office director (once, though he also heads the office) + each department's head
    assert.equal(members.length, 6 + unitsOfKind(org, 'constituent_department').length);
    assert.equal(new Set(members.map((m) => m.personId)).size, members.length);
  });

  test(`第五十三条 (demo ${c.tenant}): the 常务会议 is the six leaders; 半数以上 is 3 of 6, 三分之二以上 is 4`, () => {
    const members = membersOf(org, rules.executiveMeeting, TODAY);
    assert.deepEqual(
      members.map((m) => m.positionId),
      ['pos-mayor', 'pos-vmayor-exec', 'pos-vmayor-1', 'pos-vmayor-2', 'pos-vmayor-3', 'pos-sg'],
    );
    assert.equal(requiredPresent(members.length, pack.quorum('meetings.executive.quorum', TODAY)), 3);
    assert.equal(requiredPresent(members.length, pack.quorum('meetings.executive.quorumMajorMatters', TODAY)), 4);
    assert.equal(membersOf(org, rules.plenary, TODAY).length, membersOf(org, rules.government, TODAY).length);
  });

  test(`第十一条、第十二条 (demo ${c.tenant}): every deputy has an AB岗 partner and an assisting deputy director; every department a leader in charge`, () => {
    for (const post of positionsOfKind(org, 'executive_vice_mayor', 'vice_mayor')) {
      assert.ok(backupPartnerOf(org, post.id, TODAY), post.id);
      assert.ok(assistantsOf(org, post.id, TODAY).length > 0, post.id);
    }
    for (const u of unitsOfKind(org, 'constituent_department')) assert.ok(leaderInCharge(org, u.id, TODAY), u.name);
    const away = whoActsFor(org, 'pos-vmayor-3', TODAY, { kind: 'handle' }, rules.delegation);
    assert.ok(away.ok);
    assert.equal(away.value.basis, 'backup_partner');
    assert.equal(away.value.personId, 'person-vmayor2');
    const mayorAway = whoActsFor(org, 'pos-mayor', addDays(TODAY, 8), { kind: 'preside' }, rules.delegation);
    assert.ok(mayorAway.ok);
    assert.equal(mayorAway.value.personId, 'person-vmayor-exec');
    assert.equal(mayorAway.value.basis, 'entrustment');
  });

  test(`demo ${c.tenant}: the pack’s words name the county’s own units (司法局, 政府, 政府办公室)`, () => {
    const shortNames = new Set(org.units.map((u) => u.shortName));
    assert.ok(shortNames.has(String(pack.param('decisions.legislation.unresolvedDispute', 'handler', TODAY).value)));
    for (const name of pack.param('documents.drafting.departmentMatters', 'forbiddenIssuers', TODAY).value as string[])
      assert.ok(shortNames.has(name), name);
    assert.ok(shortNames.has(String(pack.param('documents.handling.reminders', 'escalateTo', TODAY).value)));
  });

  test(`demo ${c.tenant}: logins are ${c.prefix}-…, each with a known role and a person who holds the matching post`, () => {
    const roles = new Set(logins.flatMap((l) => l.roles));
    // the deployment's own administration (platform_admin) lives in the host government only
    for (const role of Object.keys(ROLES).filter((r) => r !== 'system' && r !== 'platform_admin')) assert.ok(roles.has(role), role);
    for (const l of logins) {
      assert.ok(l.login.startsWith(`${c.prefix}-`), l.login);
      assert.equal(l.password, 'Zhengtong@2026');
      if (l.personId != null) assert.ok(org.people.some((p) => p.id === l.personId), l.login);
    }
    const holds = (login: string, positionId: string) =>
      assert.equal(holderOf(org, positionId, TODAY), logins.find((x) => x.login === `${c.prefix}-${login}`)?.personId, login);
    holds('mayor', 'pos-mayor');
    holds('vmayor-exec', 'pos-vmayor-exec');
    holds('vmayor1', 'pos-vmayor-1');
    holds('sg', 'pos-sg');
    holds('dsg1', 'pos-dsg-1');
    holds('office-clerk', 'pos-office-clerk');
    holds('office-sec', 'pos-office-sec-1');
    holds('fgj-clerk', 'pos-fgj-clerk');
    holds('fgj-head', 'pos-fgj-head');
    holds('duty', 'pos-duty');
    const sg = logins.find((l) => l.login === `${c.prefix}-sg`)!;
    assert.deepEqual(sg.roles, ['secretary_general']);
    assert.match(sg.displayName, new RegExp(`${c.u}政府办公室主任`));
  });
}

test('demo: login names are unique across the city and the four counties', () => {
  assert.equal(new Set(allLogins).size, allLogins.length);
});
