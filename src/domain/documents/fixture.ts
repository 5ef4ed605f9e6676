// Parameters for the case tables, mirroring packs/wuwei-2023/rules/documents.yaml (src/app/documents/
// rules.test.ts checks that the pack yields exactly these), and a small organisation.
import type { DocumentParams } from './params.ts';
import type { IntakeFacts } from './model.ts';

const c = <T>(value: T, article: number, ruleId: string) => ({ value, article, ruleId });

export const TEST_PARAMS: DocumentParams = {
  types: c(['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'], 62, 'documents.types'),
  maxMattersPerRequest: c(1, 62, 'documents.intake.oneMatterPerRequest'),
  reportType: c('报告', 62, 'documents.intake.reportWithoutRequest'),
  requestType: '请示',
  skipLevelNeedsApproval: c(true, 62, 'documents.intake.skipLevel'),
  maxPrincipalRecipients: c(1, 62, 'documents.intake.multipleRecipients'),
  leaderExceptions: c(['领导同志交办事项', '必须直报的事项'], 62, 'documents.intake.addressedToLeader'),
  countersignForms: c(['会签', '联合报送'], 64, 'documents.countersign.required'),
  countersignSignatories: c({ lead: 'principalHead', related: 'head' }, 64, 'documents.countersign.signatories'),
  disagreementRequires: c(['各方理据', '办理建议', '相关部门负责同志会签'], 64, 'documents.countersign.disagreement'),
  interpretationRequired: c('政策解读材料', 67, 'documents.normative.interpretationMaterials'),
  opinionPlanRequired: c('舆情应对方案', 67, 'documents.normative.opinionResponsePlan'),
  partyDraftPurposes: c(['提请市委有关会议审议', '以市委市政府名义联合发文'], 63, 'documents.partyDrafts.governmentReviewFirst'),
  partyDraftSubmittedAs: c('请示', 63, 'documents.partyDrafts.governmentReviewFirst'),
  refusedClassifications: c(['秘密', '机密', '绝密'], 82, 'documents.classification.nonClassified'),
  restrictedClassifications: c(['工作秘密', '内部'], 82, 'documents.classification.workSecrets'),
  disclosureValues: c(['主动公开', '依申请公开', '不予公开'], 74, 'documents.disclosure.beforeRouting'),
  withheldNeedsReason: c(true, 74, 'documents.disclosure.beforeRouting'),
  proposedHandlingRequires: c(['拟办意见', '牵头部门', '工作责任'], 68, 'documents.routing.proposedHandling'),
  importantOrder: c(['mayor', 'viceMayorInCharge'], 68, 'documents.routing.importantToMayorFirst'),
  seniorInstructionSources: c(['党中央、国务院领导重要批示', '省委、省政府领导批示'], 69, 'documents.routing.seniorInstructions'),
  mayorReservedMatters: c(['议案', '规章', '命令', '人事任免'], 70, 'documents.signing.mayorReserved'),
  majorMatters: c(['审计事项', '大额资金使用', '重大政策调整', '重大项目安排'], 72, 'documents.signing.majorMatters'),
  departmentMatterIssuers: c(['市政府', '市政府办公室'], 74, 'documents.drafting.departmentMatters'),
  attachmentMaxBytes: c(10485760, 75, 'documents.attachments.limits'),
  attachmentMaxPerDocument: c(20, 75, 'documents.attachments.limits'),
  attachmentTypes: c(['pdf', 'ofd', 'docx', 'doc', 'wps', 'xlsx', 'xls', 'et', 'jpg', 'jpeg', 'png', 'txt', 'zip'], 75, 'documents.attachments.limits'),
  articles: { upward: 71, parallel: 71, jointParty: 71, jointExternal: 71, substantiveChange: 71, coordination: 65, silence: 66, reply: 66, timeLimits: 73, drafting: 74 },
};

/** A clean 请示 from a department: passes 初审. */
export const cleanRequest = (over: Partial<IntakeFacts> = {}): IntakeFacts => ({
  docType: '请示', matters: ['申请拨付校舍维修资金'], containsRequest: false, skipsLevel: false, skipLevelApproval: null,
  principalRecipients: ['市政府'], alsoSentTo: [], addressedToLeader: false, leaderException: null,
  submitterUnitId: 'u-jyj', involvedUnitIds: [], countersigns: [], jointSubmission: false, disagreement: null,
  normative: false, highImpact: false, hasInterpretation: false, hasOpinionPlan: false, classification: '', ...over,
});
