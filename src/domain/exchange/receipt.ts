// The receiver's answers to a sent document: 签收回执 (已签收) at 签收, and 退文 when 初审 returns it with
// every reason and its article (第六十二条、第六十四条、第六十七条 …). Each answer goes back from the
// receiver to the sender of the document it answers, as its own sealed package.
import type { Violation } from '../shared/violation.ts';
import { FORMAT_VERSION, DIGEST_ALGORITHM, seal, type DocumentPackage, type ReceiptPackage, type ReturnPackage, type ReturnReason } from './package.ts';

export interface ReceiptInput {
  packageId: string;
  sentAt: string;
  /** when the document was signed for (签收) */
  receivedAt: string;
  /** 收文号, when already registered (登记) */
  registeredAs?: string | null;
  /** the receiving organ; the document's receiver when not given */
  by?: string;
}

/** 签收回执 for a received document: from its receiver back to its sender. */
export function buildReceipt(of: DocumentPackage, input: ReceiptInput): ReceiptPackage {
  return seal({
    formatVersion: FORMAT_VERSION,
    packageId: input.packageId,
    kind: 'receipt',
    sender: of.receiver,
    receiver: of.sender,
    sentAt: input.sentAt,
    receipt: {
      ofPackageId: of.packageId,
      ofDocNumber: of.metadata.docNumber,
      receivedAt: input.receivedAt,
      registeredAs: input.registeredAs ?? null,
      by: input.by ?? of.receiver.organ,
    },
    digests: { algorithm: DIGEST_ALGORITHM, envelope: '' },
  });
}

export interface ReturnInput {
  packageId: string;
  sentAt: string;
  /** when 初审 returned it */
  at: string;
  /** the violations 初审 found, and/or the clerk's own reasons */
  reasons: ReturnReason[];
}

/** The 退文 reasons: every violation 初审 found with its article, then the clerk's own note (EXCHANGE.RETURNED). */
export function returnReasonsOf(violations: Violation[], clerkNote?: string | null): ReturnReason[] {
  const note = clerkNote?.trim();
  return [
    ...violations.map((v) => ({ code: v.code, message: v.message, article: v.article ?? null })),
    ...(note ? [{ code: 'EXCHANGE.RETURNED', message: note, article: null }] : []),
  ];
}

/** 退文 of a received document: from its receiver back to its sender, with every reason. */
export function buildReturn(of: DocumentPackage, input: ReturnInput): ReturnPackage {
  return seal({
    formatVersion: FORMAT_VERSION,
    packageId: input.packageId,
    kind: 'return',
    sender: of.receiver,
    receiver: of.sender,
    sentAt: input.sentAt,
    return: { ofPackageId: of.packageId, ofDocNumber: of.metadata.docNumber, at: input.at, reasons: input.reasons },
    digests: { algorithm: DIGEST_ALGORITHM, envelope: '' },
  });
}
