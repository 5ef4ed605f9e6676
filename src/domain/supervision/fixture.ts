// Parameters for the case tables, mirroring packs/wuwei-2023/rules/supervision.yaml (the app reads the
// real values from the pack; test/db checks that path).
import type { InstructionRules } from './instructions.ts';
import type { ItemRules } from './items.ts';
import type { FollowUpRules } from './followup.ts';

export const TEST_INSTRUCTION_RULES: InstructionRules = {
  loopStages: ['学习传达', '研究部署', '盯办落实', '调研督查', '现场核实'],
  loopArticle: 84,
  closedLoopSources: ['general_secretary'],
  reportCycleSources: ['central', 'provincial'],
  reportArticle: 85,
  reportsBeforeClosure: 1,
  toMayorFirstSources: ['general_secretary', 'central', 'provincial'],
  routingArticle: 69,
};

export const TEST_ITEM_RULES: ItemRules = {
  stages: ['立项', '制定方案', '督查实施', '形成结论', '结论运用'],
  kinds: [
    { code: 'regular', label: '常规督查' },
    { code: 'unannounced', label: '暗访式督查' },
    { code: 'research', label: '调研式督查' },
    { code: 'rectification', label: '整改督查' },
  ],
  lifecycleArticle: 86,
  duplicateArticle: 86,
  overreachArticle: 86,
  designationArticle: 86,
  kindsArticle: 87,
  rectificationArticle: 45,
};

export const TEST_FOLLOWUP_RULES: FollowUpRules = {
  reportEvery: 10,
  chaseBefore: 3,
  escalateAfter: 5,
  chain: ['承办部门主要负责同志', '协助的副秘书长', '分管市领导'],
  article: 86,
};
