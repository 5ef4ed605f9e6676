// The rule-pack parameters the documents context needs, each with its article. The app layer reads
// them from the pack in force on the item's date (src/app/documents/rules.ts); the domain never holds
// a value of its own.

export interface Cited<T> {
  value: T;
  article: number;
  ruleId: string;
}

export interface DocumentParams {
  types: Cited<string[]>;
  maxMattersPerRequest: Cited<number>;
  reportType: Cited<string>;
  requestType: string;
  skipLevelNeedsApproval: Cited<boolean>;
  maxPrincipalRecipients: Cited<number>;
  leaderExceptions: Cited<string[]>;
  countersignForms: Cited<string[]>;
  countersignSignatories: Cited<{ lead: string; related: string }>;
  disagreementRequires: Cited<string[]>;
  interpretationRequired: Cited<string>;
  opinionPlanRequired: Cited<string>;
  /** 第六十三条: the kinds of party-committee draft that go through the government first */
  partyDraftPurposes: Cited<string[]>;
  /** 第六十三条: the type such a draft is submitted to the government as */
  partyDraftSubmittedAs: Cited<string>;
  refusedClassifications: Cited<string[]>;
  restrictedClassifications: Cited<string[]>;
  disclosureValues: Cited<string[]>;
  withheldNeedsReason: Cited<boolean>;
  /** 第六十八条 */
  proposedHandlingRequires: Cited<string[]>;
  importantOrder: Cited<string[]>;
  /** 第六十九条 */
  seniorInstructionSources: Cited<string[]>;
  /** 第七十条 */
  mayorReservedMatters: Cited<string[]>;
  /** 第七十二条 */
  majorMatters: Cited<string[]>;
  /** 第七十四条 forbidden issuers for matters within a department's powers */
  departmentMatterIssuers: Cited<string[]>;
  attachmentMaxBytes: Cited<number>;
  attachmentMaxPerDocument: Cited<number>;
  attachmentTypes: Cited<string[]>;
  /** article numbers of the routing/signing rules, cited in explanations */
  articles: {
    upward: number; parallel: number; jointParty: number; jointExternal: number; substantiveChange: number;
    coordination: number; silence: number; reply: number; timeLimits: number; drafting: number;
  };
}
