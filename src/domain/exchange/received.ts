// The receiver's side of 公文交换: the fields a received document is stored with at 签收, taken from a
// verified package. The sender's 报送申明 become the 初审 facts (第六十二条); what it did not declare is
// listed for the receiving clerk to confirm. Mapping the sender to a unit of the receiver's org is the
// receiver's own business.
import type { IntakeFacts } from '../documents/model.ts';
import type { DocumentPackage, DocumentMetadata, SubmissionDeclarations } from './package.ts';


const DECLARED_FACTS = ['matters', 'containsRequest', 'skipsLevel', 'skipLevelApproval', 'alsoSentTo', 'addressedToLeader', 'leaderException',
  'normative', 'highImpact', 'hasInterpretation', 'hasOpinionPlan'] as const satisfies readonly (keyof SubmissionDeclarations & keyof IntakeFacts)[];

/** What the receiver stores for a received document (the fields of its 签收), before its own org is applied. */
export interface ReceivedDocument {
  docType: string;
  title: string;
  body: string;
  issuerName: string;
  /** the document's own 发文字号 */
  sourceDocNumber: string;
  urgency: DocumentMetadata['urgency'];
  classification: string;
  direction: DocumentMetadata['direction'];
  signerName: string | null;
  writtenOn: string;
  copyTo: string[];
  disclosure: string | null;
  replyTo: DocumentMetadata['replyTo'];
  /** the sending government: the receiver maps it to the submitting unit of its 初审 facts */
  sender: { tenantId: string; organ: string };
  /** the package, for dedup (the receiver signs for a packageId once) and for the receipt */
  packageId: string;
  clientRequestId: string;
  /** 初审 facts from the sender's 报送申明; cross-government documents carry no countersigns of the receiver's departments */
  facts: Omit<IntakeFacts, 'docType' | 'classification' | 'submitterUnitId'>;
  /** the facts the sender did not declare: the receiving clerk confirms them at 初审 */
  factsToConfirm: string[];
  /** 版式文件 and 附件 as listed on the envelope (the bytes stay with the package) */
  parts: { role: 'ofd' | 'attachment'; name: string; mediaType: string; size: number; sm3: string }[];
}

/** The fields of a received document, from a verified package (verifyPackage first). */
export function toIncomingInput(pkg: DocumentPackage): ReceivedDocument {
  const m = pkg.metadata;
  const d: SubmissionDeclarations = m.declarations ?? {};
  return {
    docType: m.docType,
    title: m.title,
    body: pkg.body,
    issuerName: m.issuerName,
    sourceDocNumber: m.docNumber,
    urgency: m.urgency,
    classification: m.classification,
    direction: m.direction,
    signerName: m.signerName,
    writtenOn: m.writtenOn,
    copyTo: [...m.copyTo],
    disclosure: m.disclosure,
    replyTo: m.replyTo,
    sender: { tenantId: pkg.sender.tenantId, organ: pkg.sender.organ },
    packageId: pkg.packageId,
    clientRequestId: pkg.packageId,
    facts: {
      matters: [...(d.matters ?? [])],
      containsRequest: d.containsRequest ?? false,
      skipsLevel: d.skipsLevel ?? false,
      skipLevelApproval: d.skipLevelApproval ?? null,
      principalRecipients: [...m.principalRecipients],
      alsoSentTo: [...(d.alsoSentTo ?? [])],
      addressedToLeader: d.addressedToLeader ?? false,
      leaderException: d.leaderException ?? null,
      involvedUnitIds: [],
      countersigns: [],
      jointSubmission: false,
      disagreement: null,
      normative: d.normative ?? false,
      partyDraft: null,
      highImpact: d.highImpact ?? false,
      hasInterpretation: d.hasInterpretation ?? false,
      hasOpinionPlan: d.hasOpinionPlan ?? false,
    },
    factsToConfirm: DECLARED_FACTS.filter((k) => d[k] === undefined),
    parts: pkg.parts.map(({ role, name, mediaType, size, sm3 }) => ({ role, name, mediaType, size, sm3 })),
  };
}
