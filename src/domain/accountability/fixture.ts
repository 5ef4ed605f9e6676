// Parameters for the case tables, mirroring packs/wuwei-2023/rules/supervision.yaml and discipline.yaml
// (the app reads the real values from the pack; test/db checks that path).
import type { CaseRules } from './cases.ts';
import type { RotationRules, SeparationRules } from './separation.ts';
import type { DissentRules } from './dissent.ts';

const AREAS = ['财政资金分配使用', '国有资产监管', '政府投资', '政府采购', '公共资源转让', '公共工程建设'];
export const TEST_SEPARATION_RULES: SeparationRules = { areas: AREAS, article: 43 };
export const TEST_ROTATION_RULES: RotationRules = { areas: AREAS, intervalYears: 5, article: 43 };
export const TEST_DISSENT_RULES: DissentRules = { channels: ['市政府全体会议', '市政府常务会议', '市长办公会议', '书面意见', '当面报告'], article: 77 };
export const TEST_CASE_RULES: CaseRules = {
  suggestionsArticle: 44,
  resultCodes: ['A', 'B', 'C'],
  litigationArticle: 45,
  reconsiderationArticle: 46,
  publicSupervisionArticle: 47,
  petitionsArticle: 48,
  readingArticle: 49,
  readerPositions: ['mayor', 'executive_vice_mayor', 'vice_mayor', 'secretary_general', 'department_principal_head', 'department_head'],
  readerLabels: ['市政府领导同志', '部门负责同志'],
  extensionDays: { petition: { days: 30, article: 48 }, reconsideration: { days: 30, article: 46 } },
  separation: TEST_SEPARATION_RULES,
};
