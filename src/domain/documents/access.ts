// Who sees a document (RULES.md §9; 第八十二条 工作秘密): what is routed to a person, their unit's items, their
// portfolio; the office sees the government's documents. 内部/工作秘密 material only to those it is
// routed to and their leaders.

export interface Viewer {
  personId: string | null;
  /** units the person works in on the day */
  unitIds: string[];
  /** units in the person's portfolio (分管) */
  portfolioUnitIds: string[];
  /** the government office's staff and the secretaries-general, who run the document flow */
  office: boolean;
  mayor: boolean;
  admin: boolean;
}

export interface DocAccessFacts {
  classification: string;
  /** people the document was routed to (leaders, handlers, signers) */
  routedPersonIds: string[];
  /** units the document was routed to or comes from */
  unitIds: string[];
}

export function canSee(d: DocAccessFacts, v: Viewer, restricted: string[]): boolean {
  const routed = v.personId != null && d.routedPersonIds.includes(v.personId);
  const unit = d.unitIds.some((u) => v.unitIds.includes(u));
  const portfolio = d.unitIds.some((u) => v.portfolioUnitIds.includes(u));
  if (restricted.includes(d.classification)) {
    // only the people it is routed to, their leaders (portfolio) and the mayor
    return routed || portfolio || v.mayor;
  }
  return v.admin || v.office || v.mayor || routed || unit || portfolio;
}
