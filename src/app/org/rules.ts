// The organisation rules of the pack in force on a date, in the shape the org domain takes.
// The pack writes its lists in Chinese (出差、学习; 市长、副市长 …); this is the one place they are mapped.
// A derived pack says them in its own words (区长、副区长 …): each term is known in both.
import { AppError } from '../../errors/index.ts';
import type { Pack } from '../../rules/index.ts';
import { tenantPack } from '../tenancy/registry.ts';
import type { AbsenceKind, Composition, DelegationRules, IsoDate, MemberTerm, ReservedPower } from '../../domain/org/types.ts';

export interface OrgRules {
  delegation: DelegationRules;
  /** 第八条 */
  government: Composition;
  /** 第五十二条 */
  plenary: Composition;
  /** 第五十三条 */
  executiveMeeting: Composition;
}

const ABSENCE_TERMS: Record<string, AbsenceKind> = { 出差: 'business', 学习: 'study', 请假: 'leave', 其他: 'other' };
const MEMBER_TERMS: Record<string, MemberTerm> = {
  市长: 'mayor',
  副市长: 'vice_mayors',
  秘书长: 'secretary_general',
  副秘书长: 'deputy_secretaries_general',
  市政府组成部门主要负责同志: 'constituent_department_principal_heads',
};
const POWER_IDS: Record<string, string> = { 议案: 'sign_bill', 规章: 'sign_regulation', 命令: 'sign_order', 人事任免: 'sign_appointment' };

function list(pack: Pack, ruleId: string, name: string, on: IsoDate): { values: string[]; article: number } {
  const p = pack.param(ruleId, name, on);
  if (!Array.isArray(p.value)) throw new AppError('PACK.INVALID', { message: `规则包 ${ruleId}.${name} 应为列表` });
  return { values: p.value.map(String), article: p.article };
}

/** The table with each key also in the pack's words (市长 and 区长 both name the mayor's post). */
function spoken<T>(pack: Pack, table: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = { ...table };
  for (const [k, v] of Object.entries(table)) out[pack.speak(k)] ??= v;
  return out;
}

function mapTerms<T>(ruleId: string, values: string[], table: Record<string, T>): T[] {
  return values.map((v) => {
    const t = table[v];
    if (t == null) throw new AppError('PACK.INVALID', { message: `规则包 ${ruleId} 中的“${v}”无法识别` });
    return t;
  });
}

export function orgRulesFrom(pack: Pack, on: IsoDate): OrgRules {
  const presiding = list(pack, 'org.actingMayor.entrustment', 'absenceKinds', on);
  const reserved = list(pack, 'documents.signing.mayorReserved', 'matters', on);
  const backup = pack.rule('org.viceMayor.backupPartner', on);
  const memberTerms = spoken(pack, MEMBER_TERMS);
  const composition = (ruleId: string): Composition => {
    const m = list(pack, ruleId, 'members', on);
    return { terms: mapTerms(ruleId, m.values, memberTerms), article: m.article };
  };
  const powerIds = spoken(pack, POWER_IDS);
  const reservedPowers: ReservedPower[] = reserved.values.map((matter) => ({
    id: powerIds[matter] ?? `sign:${matter}`,
    label: `签署${matter}`,
    article: reserved.article,
  }));
  return {
    delegation: {
      presidingAbsenceKinds: mapTerms('org.actingMayor.entrustment', presiding.values, spoken(pack, ABSENCE_TERMS)),
      presidingArticle: presiding.article,
      reservedPowers,
      backupArticle: backup.article,
    },
    government: composition('org.government.members'),
    plenary: composition('meetings.plenary.composition'),
    executiveMeeting: composition('meetings.executive.composition'),
  };
}

/** The rules of the default pack on a date. */
export const orgRulesOn = (on: IsoDate): OrgRules => orgRulesFrom(tenantPack(), on);
