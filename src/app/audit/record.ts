import type { Queryable } from '../../store/db.ts';
import type { Actor } from '../context.ts';
import { ADMINISTRATOR_ROLES, isAdministrativeAction, SIGN_IN_ACTION_PREFIX } from '../../domain/audit/review.ts';

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
       object_id, article, ip, payload, actor_roles, admin_action)`;

/**
 * The VALUES of one record, its parameters numbered from $k+1. A sign-in record (auth.*) is made by
 * the not-yet-signed-in caller, so whether it is an administrator's is read from the account it is
 * about (审计管理: an administrator's sign-ins are reviewed with the rest of their actions).
 */
function recordValues(k: number): string {
  const p = (i: number) => `$${k + i}`;
  const signIn = `(${p(6)} LIKE '${SIGN_IN_ACTION_PREFIX}%' AND ${p(7)} = 'user' AND EXISTS (SELECT 1 FROM users u
      WHERE u.tenant_id = ${p(1)} AND (u.id = ${p(8)} OR u.login = ${p(8)}) AND u.roles && ${p(14)}::text[]))`;
  return `${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(p).join(',')}, (${p(13)}::boolean OR ${signIn})`;
}

export async function appendAudit(tx: Queryable, actor: Actor, at: Date, e: AuditEntry, companion?: CompanionInsert): Promise<void> {
  const values = [actor.tenantId, at, actor.userId, actor.personId, actor.name, e.action, e.objectType, e.objectId,
    e.article ?? null, actor.ip, JSON.stringify(e.payload ?? {}), actor.roles,
    isAdministrativeAction(actor.roles, e.action), ADMINISTRATOR_ROLES];
  if (!companion) {
    await tx.query(`INSERT INTO ${AUDIT_COLUMNS} VALUES (${recordValues(0)})`, values);
    return;
  }
  // one round trip for both: the companion runs as a data-modifying WITH, always to completion
  const k = companion.params.length;
  await tx.query(`WITH companion AS (${companion.sql}) INSERT INTO ${AUDIT_COLUMNS} VALUES (${recordValues(k)})`,
    [...companion.params, ...values]);
}
