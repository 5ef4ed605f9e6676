// The decisions rules of the pack in force on a date, in the shapes the domain takes. Filing (第四十二条)
// is read from the supervision rules of the pack, where the oversight chapter keeps it.
import type { Pack } from '../../rules/index.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { coded, type DecisionsRules } from '../../domain/decisions/rules.ts';

export const pack = (): Pack => tenantPack();

const list = (p: Pack, id: string, name: string, on: string): string[] => (p.param(id, name, on).value as (string | number)[]).map(String);
const text = (p: Pack, id: string, name: string, on: string): string => String(p.param(id, name, on).value);
const art = (p: Pack, id: string, on: string): number => p.rule(id, on).article;

export function decisionsRulesOn(on: string, p: Pack = pack()): DecisionsRules & { packId: string } {
  return {
    packId: p.meta.id,
    major: {
      steps: list(p, 'decisions.major.legalSteps', 'steps', on),
      stepLabels: list(p, 'decisions.major.legalSteps', 'stepLabels', on),
      conditionalSteps: list(p, 'decisions.major.legalSteps', 'conditionalSteps', on),
      stepsArticle: art(p, 'decisions.major.legalSteps', on),
      consultParties: list(p, 'decisions.major.consultations', 'parties', on),
      consultArticle: art(p, 'decisions.major.consultations', on),
      legalAdviser: text(p, 'decisions.major.legalAdviser', 'adviser', on),
      legalAdviserArticle: art(p, 'decisions.major.legalAdviser', on),
      trackingStages: coded(list(p, 'decisions.major.implementationTracking', 'stageCodes', on), list(p, 'decisions.major.implementationTracking', 'stages', on)),
      trackingArticle: art(p, 'decisions.major.implementationTracking', on),
      changeArticle: art(p, 'decisions.stability.changeNeedsLegalBasis', on),
    },
    collective: {
      matters: coded(list(p, 'decisions.collective.matters', 'matterCodes', on), list(p, 'decisions.collective.matters', 'matters', on)),
      mattersArticle: art(p, 'decisions.collective.matters', on),
      meetingTypes: list(p, 'decisions.majorMatters.meetingRequired', 'meetingTypes', on),
      meetingArticle: art(p, 'decisions.majorMatters.meetingRequired', on),
      globalArticle: art(p, 'decisions.globalMatters.meetingRequired', on),
      approvingOutcomes: list(p, 'decisions.collective.matters', 'approvingOutcomes', on),
    },
    normative: {
      legalityArticle: art(p, 'decisions.normative.legalityReview', on),
      minDepartments: Number(p.param('decisions.normative.crossDepartment', 'minDepartments', on).value),
      forms: coded(list(p, 'decisions.normative.crossDepartment', 'formCodes', on), list(p, 'decisions.normative.crossDepartment', 'allowedForms', on)),
      consultInvolved: p.param('decisions.normative.crossDepartment', 'consultInvolved', on).value === true,
      crossArticle: art(p, 'decisions.normative.crossDepartment', on),
      priorRequestTriggers: list(p, 'decisions.normative.priorRequest', 'triggers', on),
      priorRequestArticle: art(p, 'decisions.normative.priorRequest', on),
      jointApprovalArticle: art(p, 'decisions.normative.jointApproval', on),
      forbidden: list(p, 'decisions.normative.forbiddenContent', 'forbidden', on),
      forbiddenArticle: art(p, 'decisions.normative.forbiddenContent', on),
      correctionOutcomes: list(p, 'decisions.normative.correction', 'outcomes', on),
      correctionArticle: art(p, 'decisions.normative.correction', on),
    },
    legislation: {
      instruments: list(p, 'decisions.legislation.register', 'instruments', on),
      actions: list(p, 'decisions.legislation.register', 'actions', on),
      stages: coded(list(p, 'decisions.legislation.register', 'stageCodes', on), list(p, 'decisions.legislation.register', 'stages', on)),
      registerArticle: art(p, 'decisions.legislation.register', on),
      publicCommentArticle: art(p, 'decisions.legislation.publicComment', on),
      secrecyExemption: text(p, 'decisions.legislation.publicComment', 'exemption', on),
      thirdPartyArticle: art(p, 'decisions.legislation.thirdPartyEvaluation', on),
      disputeArticle: art(p, 'decisions.legislation.unresolvedDispute', on),
      disputeHandler: text(p, 'decisions.legislation.unresolvedDispute', 'handler', on),
      minSides: Number(p.param('decisions.legislation.unresolvedDispute', 'minSides', on).value),
      postEvaluationArticle: art(p, 'decisions.legislation.postEvaluation', on),
      postEvaluationInstrument: text(p, 'decisions.legislation.postEvaluation', 'instrument', on),
    },
    filing: {
      filedWith: text(p, 'supervision.congress.filing', 'filedWith', on),
      instruments: list(p, 'supervision.congress.filing', 'instruments', on),
      article: art(p, 'supervision.congress.filing', on),
      inquiryKinds: list(p, 'supervision.congress.inquiries', 'kinds', on),
      inquiryArticle: art(p, 'supervision.congress.inquiries', on),
    },
  };
}
