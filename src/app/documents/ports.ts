// What the documents context needs from the organisation context: the organisation on a day and who
// acts for a post (第十一条 AB岗, 第十三条 entrustment, 第七十条 reserved powers). The org context owns both
// (src/app/org: the repository loads the pure model, the resolver applies the pack's delegation rules);
// this port only finds them, so tests and other governments can plug in their own.
import type { Queryable } from '../../store/db.ts';
import type { ActingResult, IsoDate, Org, Purpose } from '../../domain/org/index.ts';
import { actingFor, requireOrg } from '../org/usecases.ts';

export interface OrgPort {
  load(tx: Queryable, tenantId: string): Promise<Org>;
  actingFor(org: Org, positionId: string, date: IsoDate, purpose: Purpose): ActingResult;
}

/** The real organisation: the tenant's org tables, and the resolver under the pack in force that day. */
export const realOrgPort: OrgPort = {
  load: (tx, tenantId) => requireOrg(tx, tenantId),
  actingFor: (org, positionId, date, purpose) => actingFor(org, positionId, date, purpose),
};

let port: OrgPort = realOrgPort;

/** Replaces the organisation (a test org, another government's directory); null restores the real one. */
export function setOrgPort(p: OrgPort | null): void {
  port = p ?? realOrgPort;
}

export async function orgPort(): Promise<OrgPort> {
  return port;
}
