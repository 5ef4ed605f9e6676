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

export async function appendAudit(tx: Queryable, actor: Actor, at: Date, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_records (tenant_id, at, actor_user_id, actor_person_id, actor_name, action, object_type,
       object_id, article, ip, payload)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [actor.tenantId, at, actor.userId, actor.personId, actor.name, e.action, e.objectType, e.objectId,
      e.article ?? null, actor.ip, JSON.stringify(e.payload ?? {})],
  );
}
