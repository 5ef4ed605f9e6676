// A test organisation for the documents API: the org fixture plus a county, a department clerk and logins.
import { createUser } from '../../src/app/auth/sessions.ts';
import { setOrgPort } from '../../src/app/documents/ports.ts';
import { smallOrg, TEST_RULES } from '../../src/domain/org/fixture.ts';
import { whoActsFor, type Org } from '../../src/domain/org/index.ts';
import type { Db } from '../../src/store/db.ts';

export function documentsOrg(): Org {
  const org = smallOrg();
  org.people.push({ id: 'p-jyj-clerk', name: '丑文书' }, { id: 'p-county-clerk', name: '寅文书' });
  org.positions.push(
    { id: 'pos-jyj-clerk', kind: 'clerk', unitId: 'u-jyj', title: '市教育局文书' },
    { id: 'pos-county-clerk', kind: 'clerk', unitId: 'u-county', title: '甲县政府文书' },
  );
  org.assignments.push(
    { id: 'a-jyj-clerk', positionId: 'pos-jyj-clerk', personId: 'p-jyj-clerk', period: { from: '2023-01-01' } },
    { id: 'a-county-clerk', positionId: 'pos-county-clerk', personId: 'p-county-clerk', period: { from: '2023-01-01' } },
  );
  return org;
}

export function useTestOrg(org: Org = documentsOrg()) {
  setOrgPort({
    load: async () => org,
    actingFor: (o, pos, date, purpose) => {
      const r = whoActsFor(o, pos, date, purpose, TEST_RULES);
      if (!r.ok) throw new Error(r.violations.map((v) => v.message).join('；'));
      return r.value;
    },
  });
  return org;
}

export const TEST_LOGINS = [
  { login: 't-office', personId: 'p-clerk', roles: ['office_clerk'], displayName: '子文书' },
  { login: 't-mayor', personId: 'p-mayor', roles: ['mayor'], displayName: '甲市长' },
  { login: 't-vm1', personId: 'p-vm1', roles: ['vice_mayor'], displayName: '丙副市长' },
  { login: 't-jyj', personId: 'p-jyj-clerk', roles: ['dept_clerk'], displayName: '丑文书' },
  { login: 't-fgw', personId: 'p-fgw', roles: ['dept_head'], displayName: '壬主任' },
];

export async function createTestLogins(db: Db, tenantId = 'wuwei') {
  const { rows } = await db.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
  if (!rows.length) await db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ($1, '测试市人民政府', 'wuwei-2023')`, [tenantId]);
  for (const l of TEST_LOGINS) {
    await createUser(db, { tenantId, login: l.login, displayName: l.displayName, password: 'Zhengtong@2026', personId: l.personId, roles: l.roles });
  }
}
