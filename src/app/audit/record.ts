import type { Queryable } from '../../store/db.ts';
import type { Actor } from '../context.ts';

export interface AuditEntry {
  /** what happened, e.g. document.registered, countersign.implied_consent */
  action: string;
  objectType: string;
  objectId: string;
  /** the article the action was taken under, e.g. 66 */
  article?: number;
  payload?: Record<string, unknown>;
}

/**
 * Another insert belonging to the same action (e.g. the document's trail line), written by the same
 * statement as the audit record: both are there, or neither. Its SQL numbers its own values $1…$n.
 */
export interface CompanionInsert {
  sql: string;
  params: unknown[];
}

const AUDIT_COLUMNS = `audit_records (tenant_id, at, actor_user_id, actor_person_id, actor_name, action, object_type,
       object_id, article, ip, payload)`;

export async function appendAudit(tx: Queryable, actor: Actor, at: Date, e: AuditEntry, companion?: CompanionInsert): Promise<void> {
  const values = [actor.tenantId, at, actor.userId, actor.personId, actor.name, e.action, e.objectType, e.objectId,
    e.article ?? null, actor.ip, JSON.stringify(e.payload ?? {})];
  if (!companion) {
    await tx.query(`INSERT INTO ${AUDIT_COLUMNS} VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, values);
    return;
  }
  // one round trip for both: the companion runs as a data-modifying WITH, always to completion
  const k = companion.params.length;
  const placeholders = values.map((_, i) => `$${k + i + 1}`).join(',');
  await tx.query(`WITH companion AS (${companion.sql}) INSERT INTO ${AUDIT_COLUMNS} VALUES (${placeholders})`,
    [...companion.params, ...values]);
}
