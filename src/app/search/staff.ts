// The staff search: published entries, the internal entries of the caller's office, and the documents the
// caller may see under the documents context's rule (第八十二条; src/domain/documents/access.ts).
// Documents changed in the last few minutes are indexed first, so what was just registered is found.
import type { Actor, AppDeps } from '../context.ts';
import { heavyRead, runQuery } from '../context.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { params as documentParams, viewerOf } from '../documents/common.ts';
import { documentAccess } from './access.ts';
import { RECENT_WINDOW_MS, indexRecentDocuments } from './documents.ts';
import { search, type SearchQuery } from './search.ts';

/** The office handles disclosure requests and sees every internal openness entry. */
const OFFICE_ROLES = ['office_clerk', 'office_secretary', 'system'];

export async function staffSearch(deps: AppDeps, actor: Actor, query: SearchQuery) {
  return heavyRead(deps, () => searchAsStaff(deps, actor, query));
}

async function searchAsStaff(deps: AppDeps, actor: Actor, query: SearchQuery) {
  const now = deps.clock.now();
  const day = shanghaiDate(now);
  await deps.db.transaction((tx) => indexRecentDocuments(tx, actor.tenantId, new Date(now.getTime() - RECENT_WINDOW_MS)));
  return runQuery(deps, async (tx) => {
    const org = await requireOrg(tx, actor.tenantId);
    const access = documentAccess(viewerOf(org, actor, day), documentParams(day).restrictedClassifications.value);
    const all = actor.roles.some((r) => OFFICE_ROLES.includes(r));
    return search(tx, actor.tenantId, { scope: 'staff', units: all ? null : [], documents: access }, query);
  });
}
