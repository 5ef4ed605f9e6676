// Who a distributed document (分发) goes to by 公文交换: the governments named as 主送 or 抄送, with the
// collective 各县区人民政府 standing for every county-level government under the sender. Other recipients
// (the sender's own departments, bodies outside the exchange) are returned as not matched: they keep
// the existing channels.
export type GovernmentLevel = 'province' | 'city' | 'county';

/** A government on the exchange: one tenant. */
export interface ExchangeGovernment {
  tenantId: string;
  /** 机关名称 as documents address it, e.g. 凉州区人民政府 */
  name: string;
  level: GovernmentLevel;
  /** the government it is under (a county's city) */
  parentTenantId?: string | null;
}

/** How documents address all county-level governments under the sender at once. */
export const COLLECTIVE_COUNTY_RECIPIENTS = ['各县区人民政府', '各县（区）人民政府', '各县区政府', '各县（区）政府'];

export interface Delivery {
  tenantId: string;
  organ: string;
  /** 主送 or 抄送 (a government named both ways is 主送) */
  as: 'principal' | 'copy';
  /** the recipient as written on the document */
  recipient: string;
}

export interface RecipientRouting {
  /** one per government, in the order the document names them */
  deliveries: Delivery[];
  /** recipients that are not governments on the exchange: they go by the existing channels */
  unmatched: string[];
}

// one line may name several recipients: 各县区人民政府，市政府各部门
const SEPARATORS = /[、，,；;\n]+/;
const normalise = (s: string) => s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/** The governments a document goes to by exchange, and the recipients that do not. */
export function recipientsOf(principalRecipients: string[], copyTo: string[], governments: ExchangeGovernment[], senderTenantId: string): RecipientRouting {
  const deliveries: Delivery[] = [];
  const unmatched: string[] = [];
  const byName = new Map(governments.map((g) => [normalise(g.name), g]));
  const collective = new Set(COLLECTIVE_COUNTY_RECIPIENTS.map(normalise));
  const add = (g: ExchangeGovernment, as: Delivery['as'], recipient: string) => {
    if (g.tenantId === senderTenantId) return;
    const had = deliveries.find((d) => d.tenantId === g.tenantId);
    if (!had) deliveries.push({ tenantId: g.tenantId, organ: g.name, as, recipient });
    else if (as === 'principal' && had.as === 'copy') Object.assign(had, { as, recipient });
  };
  const route = (list: string[], as: Delivery['as']) => {
    for (const line of list) {
      for (const piece of line.split(SEPARATORS)) {
        const r = piece.trim();
        if (!r) continue;
        const key = normalise(r);
        const named = byName.get(key);
        if (named && named.tenantId !== senderTenantId) { add(named, as, r); continue; }
        if (collective.has(key)) {
          const counties = governments.filter((g) => g.level === 'county' && g.parentTenantId === senderTenantId);
          if (counties.length) { for (const g of counties) add(g, as, r); continue; }
        }
        if (!unmatched.includes(r)) unmatched.push(r);
      }
    }
  };
  route(principalRecipients, 'principal');
  route(copyTo, 'copy');
  return { deliveries, unmatched };
}
