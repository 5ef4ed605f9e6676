// What the documents context needs from the organisation context: the organisation on a day and who
// acts for a post (第十一条 AB岗, 第十三条 entrustment, 第七十条 reserved powers). The org context owns both;
// this port only finds them, so tests and other governments can plug in their own.
import { AppError } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { ActingResult, IsoDate, Org, Purpose } from '../../domain/org/index.ts';

export interface OrgPort {
  load(tx: Queryable, tenantId: string): Promise<Org>;
  actingFor(org: Org, positionId: string, date: IsoDate, purpose: Purpose): ActingResult;
}

const orgModule = async () => {
  const repo: any = await import('../org/repo.ts' as string);
  const uc: any = await import('../org/usecases.ts' as string);
  return { repo, uc };
};

const defaultPort: OrgPort = {
  async load(tx, tenantId) {
    const { repo } = await orgModule();
    const org = await repo.loadOrg(tx, tenantId);
    if (!org) throw new AppError('ORG.UNKNOWN_TENANT', { message: '尚未加载组织机构，无法办理公文' });
    return org;
  },
  actingFor() {
    throw new Error('org port not initialised');
  },
};

let port: OrgPort = defaultPort;
let actingImpl: OrgPort['actingFor'] | null = null;

export function setOrgPort(p: OrgPort | null): void {
  port = p ?? defaultPort;
}

export async function orgPort(): Promise<OrgPort> {
  if (port !== defaultPort) return port;
  if (!actingImpl) actingImpl = (await orgModule()).uc.actingFor as OrgPort['actingFor'];
  return { load: defaultPort.load, actingFor: actingImpl };
}
