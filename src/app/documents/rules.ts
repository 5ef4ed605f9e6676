// The documents context's parameters, read from the rule pack in force on the item's date.
import type { Pack } from '../../rules/index.ts';
import type { Cited, DocumentParams } from '../../domain/documents/params.ts';

function cited<T>(pack: Pack, ruleId: string, name: string, on?: string): Cited<T> {
  const p = pack.param(ruleId, name, on);
  return { value: p.value as T, article: p.article, ruleId };
}

export function documentParams(pack: Pack, on?: string): DocumentParams {
  const art = (id: string) => pack.rule(id, on).article;
  const types = cited<string[]>(pack, 'documents.types', 'types', on);
  return {
    types,
    maxMattersPerRequest: cited(pack, 'documents.intake.oneMatterPerRequest', 'maxMatters', on),
    reportType: cited(pack, 'documents.intake.reportWithoutRequest', 'documentType', on),
    requestType: '请示',
    skipLevelNeedsApproval: cited(pack, 'documents.intake.skipLevel', 'requiresApproval', on),
    maxPrincipalRecipients: cited(pack, 'documents.intake.multipleRecipients', 'maxPrincipalRecipients', on),
    leaderExceptions: cited(pack, 'documents.intake.addressedToLeader', 'exceptions', on),
    countersignForms: cited(pack, 'documents.countersign.required', 'forms', on),
    countersignSignatories: (() => {
      const lead = pack.param('documents.countersign.signatories', 'leadSigner', on);
      const related = pack.param('documents.countersign.signatories', 'relatedSigner', on);
      return { value: { lead: String(lead.value), related: String(related.value) }, article: lead.article, ruleId: lead.ruleId };
    })(),
    disagreementRequires: cited(pack, 'documents.countersign.disagreement', 'requires', on),
    interpretationRequired: cited(pack, 'documents.normative.interpretationMaterials', 'requires', on),
    opinionPlanRequired: cited(pack, 'documents.normative.opinionResponsePlan', 'requires', on),
    partyDraftPurposes: cited(pack, 'documents.partyDrafts.governmentReviewFirst', 'applies', on),
    partyDraftSubmittedAs: cited(pack, 'documents.partyDrafts.governmentReviewFirst', 'submittedAs', on),
    refusedClassifications: cited(pack, 'documents.classification.nonClassified', 'refused', on),
    restrictedClassifications: cited(pack, 'documents.classification.workSecrets', 'restricted', on),
    disclosureValues: cited(pack, 'documents.disclosure.beforeRouting', 'values', on),
    withheldNeedsReason: cited(pack, 'documents.disclosure.beforeRouting', 'withheldNeedsReason', on),
    proposedHandlingRequires: cited(pack, 'documents.routing.proposedHandling', 'requires', on),
    importantOrder: cited(pack, 'documents.routing.importantToMayorFirst', 'order', on),
    seniorInstructionSources: cited(pack, 'documents.routing.seniorInstructions', 'sources', on),
    mayorReservedMatters: cited(pack, 'documents.signing.mayorReserved', 'matters', on),
    majorMatters: cited(pack, 'documents.signing.majorMatters', 'matters', on),
    departmentMatterIssuers: cited(pack, 'documents.drafting.departmentMatters', 'forbiddenIssuers', on),
    attachmentMaxBytes: cited(pack, 'documents.attachments.limits', 'maxBytes', on),
    attachmentMaxPerDocument: cited(pack, 'documents.attachments.limits', 'maxPerDocument', on),
    attachmentTypes: cited(pack, 'documents.attachments.limits', 'allowedTypes', on),
    articles: {
      upward: art('documents.signing.upward'),
      parallel: art('documents.signing.parallelAndDownward'),
      jointParty: art('documents.signing.jointPartyGovernment'),
      jointExternal: art('documents.signing.jointExternal'),
      substantiveChange: art('documents.signing.substantiveChange'),
      coordination: art('documents.disagreement.coordination'),
      silence: art('documents.countersign.silenceIsNoObjection'),
      reply: art('documents.countersign.replyLimit'),
      timeLimits: art('documents.handling.withinPowers'),
      drafting: art('documents.drafting.alreadyCovered'),
    },
  };
}
