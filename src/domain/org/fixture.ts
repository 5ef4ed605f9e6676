// A small organisation for tests: a mayor, an executive vice mayor, three vice mayors (one also heads
// the public security bureau), a secretary-general, two deputies, three departments, one institution,
// one county and one external body. The parameters mirror what packs/wuwei-2023 says for 第八条,
// 第十一条, 第十三条, 第五十二条, 第五十三条 and 第七十条.
import type { Absence, Composition, DelegationRules, Entrustment, Org } from './types.ts';

export const TEST_RULES: DelegationRules = {
  presidingAbsenceKinds: ['business', 'study'],
  presidingArticle: 13,
  backupArticle: 11,
  reservedPowers: [
    { id: 'sign_bill', label: '签署向市人民代表大会及其常务委员会提出的议案', article: 70 },
    { id: 'sign_regulation', label: '签署政府规章', article: 70 },
    { id: 'sign_order', label: '签署命令', article: 70 },
    { id: 'sign_appointment', label: '签署人事任免', article: 70 },
  ],
};

export const GOVERNMENT: Composition = {
  terms: ['mayor', 'vice_mayors', 'secretary_general', 'constituent_department_principal_heads'],
  article: 8,
};
export const PLENARY: Composition = { ...GOVERNMENT, article: 52 };
export const EXECUTIVE_MEETING: Composition = { terms: ['mayor', 'vice_mayors', 'secretary_general'], article: 53 };

const since = { from: '2023-01-01' };

export function smallOrg(records: { absences?: Absence[]; entrustments?: Entrustment[] } = {}): Org {
  return {
    tenant: { id: 't', name: '测试市人民政府', shortName: '市政府' },
    units: [
      { id: 'u-gov', kind: 'municipal_government', name: '测试市人民政府', shortName: '市政府' },
      { id: 'u-office', kind: 'government_office', name: '测试市人民政府办公室', shortName: '市政府办公室', parentId: 'u-gov' },
      { id: 'u-fgw', kind: 'constituent_department', name: '测试市发展和改革委员会', shortName: '市发展改革委', parentId: 'u-gov' },
      { id: 'u-jyj', kind: 'constituent_department', name: '测试市教育局', shortName: '市教育局', parentId: 'u-gov' },
      { id: 'u-gaj', kind: 'constituent_department', name: '测试市公安局', shortName: '市公安局', parentId: 'u-gov' },
      { id: 'u-school', kind: 'affiliated_institution', affiliation: 'department_managed', name: '测试市教育考试院', shortName: '市教育考试院', parentId: 'u-jyj' },
      { id: 'u-county', kind: 'county_government', name: '甲县人民政府', shortName: '甲县政府' },
      { id: 'u-party', kind: 'external', tier: 'municipal', body: 'party', name: '中共测试市委员会', shortName: '市委' },
    ],
    people: [
      { id: 'p-mayor', name: '甲市长' },
      { id: 'p-exec', name: '乙常务' },
      { id: 'p-vm1', name: '丙副市长' },
      { id: 'p-vm2', name: '丁副市长' },
      { id: 'p-vm3', name: '戊副市长' },
      { id: 'p-sg', name: '己秘书长' },
      { id: 'p-dsg1', name: '庚副秘书长' },
      { id: 'p-dsg2', name: '辛副秘书长' },
      { id: 'p-fgw', name: '壬主任' },
      { id: 'p-jyj', name: '癸局长' },
      { id: 'p-clerk', name: '子文书' },
    ],
    positions: [
      { id: 'pos-mayor', kind: 'mayor', unitId: 'u-gov', title: '市长', order: 1 },
      { id: 'pos-exec', kind: 'executive_vice_mayor', unitId: 'u-gov', title: '常务副市长', order: 2 },
      { id: 'pos-vm1', kind: 'vice_mayor', unitId: 'u-gov', title: '副市长', order: 3 },
      { id: 'pos-vm2', kind: 'vice_mayor', unitId: 'u-gov', title: '副市长', order: 4 },
      { id: 'pos-vm3', kind: 'vice_mayor', unitId: 'u-gov', title: '副市长', order: 5 },
      { id: 'pos-sg', kind: 'secretary_general', unitId: 'u-gov', title: '秘书长', order: 6 },
      { id: 'pos-dsg1', kind: 'deputy_secretary_general', unitId: 'u-gov', title: '副秘书长', order: 7 },
      { id: 'pos-dsg2', kind: 'deputy_secretary_general', unitId: 'u-gov', title: '副秘书长', order: 8 },
      { id: 'pos-fgw-head', kind: 'department_principal_head', unitId: 'u-fgw', title: '市发展改革委主任' },
      { id: 'pos-jyj-head', kind: 'department_principal_head', unitId: 'u-jyj', title: '市教育局局长' },
      { id: 'pos-gaj-head', kind: 'department_principal_head', unitId: 'u-gaj', title: '市公安局局长' },
      { id: 'pos-office-director', kind: 'department_principal_head', unitId: 'u-office', title: '市政府办公室主任' },
      { id: 'pos-office-clerk', kind: 'clerk', unitId: 'u-office', title: '市政府办公室文书' },
    ],
    assignments: [
      { id: 'a-mayor', positionId: 'pos-mayor', personId: 'p-mayor', period: since },
      { id: 'a-exec', positionId: 'pos-exec', personId: 'p-exec', period: since },
      { id: 'a-vm1', positionId: 'pos-vm1', personId: 'p-vm1', period: since },
      { id: 'a-vm2', positionId: 'pos-vm2', personId: 'p-vm2', period: since },
      { id: 'a-vm3', positionId: 'pos-vm3', personId: 'p-vm3', period: since },
      { id: 'a-gaj', positionId: 'pos-gaj-head', personId: 'p-vm3', period: since, concurrent: true },
      { id: 'a-sg', positionId: 'pos-sg', personId: 'p-sg', period: since },
      { id: 'a-office', positionId: 'pos-office-director', personId: 'p-sg', period: since, concurrent: true },
      { id: 'a-dsg1', positionId: 'pos-dsg1', personId: 'p-dsg1', period: since },
      { id: 'a-dsg2', positionId: 'pos-dsg2', personId: 'p-dsg2', period: since },
      { id: 'a-fgw', positionId: 'pos-fgw-head', personId: 'p-fgw', period: since },
      { id: 'a-jyj', positionId: 'pos-jyj-head', personId: 'p-jyj', period: since },
      { id: 'a-clerk', positionId: 'pos-office-clerk', personId: 'p-clerk', period: since },
    ],
    portfolios: [
      { id: 'pf-exec', positionId: 'pos-exec', unitIds: ['u-fgw'], areas: ['发展改革'], period: since },
      { id: 'pf-vm1', positionId: 'pos-vm1', unitIds: ['u-jyj'], areas: ['教育'], period: since },
      { id: 'pf-vm3', positionId: 'pos-vm3', unitIds: ['u-gaj'], areas: ['公安'], period: since },
      { id: 'pf-vm2', positionId: 'pos-vm2', unitIds: [], areas: ['招商引资'], period: since },
    ],
    assistance: [
      { id: 'as-1', assistantPositionId: 'pos-dsg1', assistedPositionId: 'pos-exec', period: since },
      { id: 'as-2', assistantPositionId: 'pos-dsg1', assistedPositionId: 'pos-vm1', period: since },
      { id: 'as-3', assistantPositionId: 'pos-dsg2', assistedPositionId: 'pos-vm2', period: since },
      { id: 'as-4', assistantPositionId: 'pos-dsg2', assistedPositionId: 'pos-vm3', period: since },
    ],
    backupPairs: [
      { id: 'ab-1', positionIds: ['pos-exec', 'pos-vm1'], period: since },
      { id: 'ab-2', positionIds: ['pos-vm2', 'pos-vm3'], period: since },
    ],
    absences: records.absences ?? [],
    entrustments: records.entrustments ?? [],
  };
}
