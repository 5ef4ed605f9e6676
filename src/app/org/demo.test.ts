import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ORG_DIR, addDays, loadDemoLogins, loadDemoOrg, parseDemoOrg } from './demo.ts';
import { orgRulesOn } from './rules.ts';
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
import { ROLES } from '../auth/roles.ts';

const TODAY = '2026-03-03';
const org = loadDemoOrg(TODAY);
const rules = orgRulesOn(TODAY);

test('demo: the Wuwei organisation validates — ids unique, references resolve, on the day it is loaded', () => {
  assert.deepEqual(validateOrg(org), []);
  assert.deepEqual(validateOrgOn(org, TODAY), []);
  const ids = [org.units, org.people, org.positions, org.assignments, org.portfolios, org.assistance, org.backupPairs, org.absences, org.entrustments]
    .flat()
    .map((x) => x.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('demo: a mayor, an executive vice mayor, five vice mayors, a secretary-general and four deputies', () => {
  assert.equal(positionsOfKind(org, 'mayor').length, 1);
  assert.equal(positionsOfKind(org, 'executive_vice_mayor').length, 1);
  assert.equal(positionsOfKind(org, 'vice_mayor').length, 5);
  assert.equal(positionsOfKind(org, 'secretary_general').length, 1);
  assert.equal(positionsOfKind(org, 'deputy_secretary_general').length, 4);
  assert.equal(org.tenant.id, 'wuwei');
});

test('demo: about 25 constituent departments, the four county governments and the external bodies', () => {
  const depts = unitsOfKind(org, 'constituent_department');
  assert.ok(depts.length >= 25, `${depts.length}`);
  assert.ok(depts.some((u) => u.name === '武威市发展和改革委员会' && u.issuerCodes?.[0].code === '武发改发'));
  assert.deepEqual(
    unitsOfKind(org, 'county_government').map((u) => u.name),
    ['武威市凉州区人民政府', '民勤县人民政府', '古浪县人民政府', '天祝藏族自治县人民政府'],
  );
  const externals = unitsOfKind(org, 'external').map((u) => u.shortName);
  for (const body of ['市委', '市委办公室', '市人大常委会', '市人大常委会办公室', '市政协', '市政协办公室', '省政府', '省委', '党中央', '国务院']) {
    assert.ok(externals.includes(body), body);
  }
  const gov = org.units.find((u) => u.id === 'unit-gov');
  const office = org.units.find((u) => u.id === 'unit-office');
  assert.deepEqual(gov?.issuerCodes?.map((c) => c.code), ['武政发', '武政函']);
  assert.deepEqual(office?.issuerCodes?.map((c) => c.code), ['武政办发', '武政办函']);
});

test('第十一条 (demo): every vice mayor has an AB岗 partner and a deputy secretary-general assisting', () => {
  for (const post of positionsOfKind(org, 'executive_vice_mayor', 'vice_mayor')) {
    assert.ok(backupPartnerOf(org, post.id, TODAY), post.id);
    assert.ok(assistantsOf(org, post.id, TODAY).length > 0, post.id);
  }
});

test('第十一条 (demo): every constituent department and institution has a city leader in charge', () => {
  for (const u of [...unitsOfKind(org, 'constituent_department'), ...unitsOfKind(org, 'affiliated_institution')]) {
    assert.ok(leaderInCharge(org, u.id, TODAY), u.name);
  }
  assert.equal(leaderInCharge(org, 'unit-fgw', TODAY)?.personId, 'person-vmayor-exec');
  assert.equal(leaderInCharge(org, 'unit-cdc', TODAY)?.viaUnitId, 'unit-wjw');
});

test('第八条 (demo): the government’s members — leaders, secretary-general and department principal heads, each once', () => {
  const members = membersOf(org, rules.government, TODAY);
  const depts = unitsOfKind(org, 'constituent_department').length;
  // 7 city leaders + secretary-general (also office director) + department heads, minus the vice mayor who heads the police
  assert.equal(members.length, 8 + depts - 1);
  assert.equal(new Set(members.map((m) => m.personId)).size, members.length);
  assert.equal(membersOf(org, rules.executiveMeeting, TODAY).length, 8);
});

test('第十一条 (demo): the demo trip shows AB岗代理 today; 第十三条 the mayor’s entrusted trip a week later', () => {
  const vm4 = whoActsFor(org, 'pos-vmayor-4', TODAY, { kind: 'handle' }, rules.delegation);
  assert.ok(vm4.ok);
  assert.equal(vm4.value.basis, 'backup_partner');
  assert.equal(vm4.value.personId, 'person-vmayor3');
  const mayorAway = whoActsFor(org, 'pos-mayor', addDays(TODAY, 8), { kind: 'preside' }, rules.delegation);
  assert.ok(mayorAway.ok);
  assert.equal(mayorAway.value.personId, 'person-vmayor-exec');
  assert.equal(mayorAway.value.basis, 'entrustment');
  const signing = whoActsFor(org, 'pos-mayor', addDays(TODAY, 8), { kind: 'power', powerId: 'sign_appointment' }, rules.delegation);
  assert.ok(signing.ok);
  assert.equal(signing.value.outcome, 'waits');
});

test('demo: one login per role, each tied to a person who holds the matching post', () => {
  const logins = loadDemoLogins(org);
  const roles = new Set(logins.flatMap((l) => l.roles));
  for (const role of Object.keys(ROLES).filter((r) => r !== 'system')) assert.ok(roles.has(role), role);
  for (const name of ['mayor', 'vmayor-exec', 'vmayor1', 'sg', 'dsg1', 'office-clerk', 'office-sec', 'fgw-clerk', 'fgw-head', 'lzq-clerk', 'duty', 'admin', 'secadmin', 'auditor']) {
    assert.ok(logins.some((l) => l.login === name), name);
  }
  const holds = (login: string, positionId: string) => {
    const l = logins.find((x) => x.login === login);
    assert.equal(holderOf(org, positionId, TODAY), l?.personId, login);
  };
  holds('mayor', 'pos-mayor');
  holds('vmayor-exec', 'pos-vmayor-exec');
  holds('sg', 'pos-sg');
  holds('fgw-head', 'pos-fgw-head');
  holds('duty', 'pos-duty');
  // 三员分立 (GB/T 22239-2019 8.1.5): the three administrators are three accounts, none a person's post
  for (const [login, role] of [['admin', 'admin'], ['secadmin', 'security_admin'], ['auditor', 'security_auditor']]) {
    assert.deepEqual(logins.find((l) => l.login === login)?.roles, [role], login);
  }
});

test('demo: a broken reference in the data is refused with the file and every problem named', () => {
  const text = readFileSync(join(DEMO_ORG_DIR, 'org.yaml'), 'utf8')
    .replace('holder: person-fgw-head', 'holder: person-nobody')
    .replace('positions: [pos-vmayor-3, pos-vmayor-4]', 'positions: [pos-vmayor-3, pos-sg]');
  assert.throws(
    () => parseDemoOrg(text, TODAY),
    (e: { code?: string; message: string; violations?: { code: string }[] }) =>
      e.code === 'ORG.DEMO_DATA_INVALID' &&
      /demo\/wuwei\/org\.yaml/.test(e.message) &&
      ['ORG.DANGLING_REFERENCE', 'ORG.BACKUP_PAIR_INVALID', 'ORG.NO_BACKUP_PARTNER'].every((c) =>
        e.violations?.some((v) => v.code === c),
      ),
  );
});
