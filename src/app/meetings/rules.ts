// The meeting rules of the pack in force on a date, as the domain takes them.
import type { Pack } from '../../rules/index.ts';
import { tenantPack } from '../tenancy/registry.ts';
import type { MemberTerm, AbsenceKind, DelegationRules } from '../../domain/org/types.ts';
import { ABSENCE_KIND_LABELS } from '../../domain/org/labels.ts';
import { countingConventions, deadlineRule, type DeadlineRule } from '../../domain/calendar/deadline.ts';
import type { CitywideRules, IssuanceDraftRules, IssuanceKind, MaterialKind, MeetingRules, MeetingType, Quorum, TopicKind } from '../../domain/meetings/index.ts';

const list = <T extends string>(pack: Pack, id: string, name: string, on: string): T[] => pack.param(id, name, on).value as T[];
const num = (pack: Pack, id: string, name: string, on: string): number => pack.param(id, name, on).value as number;

function quorum(pack: Pack, id: string, on: string): Quorum {
  const q = pack.quorum(id, on);
  return { ruleId: q.ruleId, article: q.article, numerator: q.numerator, denominator: q.denominator, inclusive: q.inclusive };
}

/** 第十三条 from the pack: which of the mayor's absences let an entrusted executive vice mayor preside. */
export function presidingRules(pack: Pack, on: string): DelegationRules {
  const kinds = list<string>(pack, 'org.actingMayor.entrustment', 'absenceKinds', on);
  const byLabel = Object.entries(ABSENCE_KIND_LABELS) as [AbsenceKind, string][];
  return {
    presidingAbsenceKinds: kinds.map((k) => byLabel.find(([, l]) => l === k)?.[0]).filter((k): k is AbsenceKind => k != null),
    presidingArticle: pack.rule('org.actingMayor.entrustment', on).article,
    backupArticle: pack.rule('org.viceMayor.backupPartner', on).article,
    reservedPowers: [],
  };
}

export function meetingRules(on: string, pack: Pack = tenantPack()): MeetingRules {
  const pipeline = list<string>(pack, 'meetings.topics.pipeline', 'steps', on) as MeetingRules['types']['executive']['topicSteps'];
  const specialSteps = list<string>(pack, 'meetings.topics.pipeline', 'specialSteps', on) as MeetingRules['types']['special']['topicSteps'];
  const leaveFromMayor = list<MeetingType>(pack, 'meetings.attendance.leave', 'leaveFromMayor', on);
  const officeDrafts = list<MeetingType>(pack, 'meetings.minutes.signing', 'officeDraftsMayorSigns', on);
  const base = (type: MeetingType, article: number) => ({
    type,
    article,
    topicSteps: type === 'special' ? specialSteps : pipeline,
    leaveFrom: leaveFromMayor.includes(type) ? ('mayor' as const) : ('host' as const),
    minutesDraftedBy: officeDrafts.includes(type) ? ('office' as const) : ('departmentWithOffice' as const),
    minutesSignedBy: officeDrafts.includes(type) ? ('mayor' as const) : ('host' as const),
  });
  const major = quorum(pack, 'meetings.executive.quorumMajorMatters', on);
  const mm = pack.rule('decisions.majorMatters.meetingRequired', on);
  return {
    types: {
      plenary: {
        ...base('plenary', pack.rule('meetings.plenary.composition', on).article),
        memberTerms: list<MemberTerm>(pack, 'meetings.plenary.composition', 'memberTerms', on),
        convener: 'mayor',
        tasks: list(pack, 'meetings.plenary.composition', 'tasks', on),
        frequency: { article: pack.rule('meetings.plenary.frequency', on).article, per: 'year', min: num(pack, 'meetings.plenary.frequency', 'perYear', on), max: num(pack, 'meetings.plenary.frequency', 'perYear', on) },
      },
      executive: {
        ...base('executive', pack.rule('meetings.executive.composition', on).article),
        memberTerms: list<MemberTerm>(pack, 'meetings.executive.composition', 'memberTerms', on),
        convener: 'mayor',
        tasks: list(pack, 'meetings.executive.composition', 'tasks', on),
        frequency: {
          article: pack.rule('meetings.executive.frequency', on).article,
          per: 'month',
          min: num(pack, 'meetings.executive.frequency', 'minPerMonth', on),
          max: num(pack, 'meetings.executive.frequency', 'maxPerMonth', on),
        },
        quorum: quorum(pack, 'meetings.executive.quorum', on),
        majorQuorum: { ...major, topicKinds: list<TopicKind>(pack, 'meetings.executive.quorumMajorMatters', 'topicKinds', on) },
      },
      mayorsOffice: {
        ...base('mayorsOffice', pack.rule('meetings.mayorsOffice.composition', on).article),
        memberTerms: null,
        convener: 'mayor',
        tasks: list(pack, 'meetings.mayorsOffice.composition', 'tasks', on),
      },
      special: {
        ...base('special', pack.rule('meetings.special.composition', on).article),
        memberTerms: null,
        convener: 'viceMayor',
        tasks: [String(pack.param('meetings.special.composition', 'scope', on).value)],
      },
    },
    admission: { article: pack.rule('meetings.executive.topicAdmission', on).article, criteria: list(pack, 'meetings.executive.topicAdmission', 'criteria', on) },
    dispute: { article: pack.rule('meetings.executive.disputedTopicNeedsSpecialMeeting', on).article, minDepartments: num(pack, 'meetings.executive.disputedTopicNeedsSpecialMeeting', 'minDepartments', on) },
    materials: {
      article: pack.rule('meetings.topics.requiredMaterials', on).article,
      forKinds: list<TopicKind>(pack, 'meetings.topics.requiredMaterials', 'forKinds', on),
      always: list<MaterialKind>(pack, 'meetings.topics.requiredMaterials', 'always', on),
      ifOtherDepartments: list<MaterialKind>(pack, 'meetings.topics.requiredMaterials', 'ifOtherDepartments', on),
      ifCounties: list<MaterialKind>(pack, 'meetings.topics.requiredMaterials', 'ifCounties', on),
      ifPublicInterest: list<MaterialKind>(pack, 'meetings.topics.requiredMaterials', 'ifPublicInterest', on),
      ifMarketActivity: list<MaterialKind>(pack, 'meetings.topics.requiredMaterials', 'ifMarketActivity', on),
      ifEnterpriseRules: list<MaterialKind>(pack, 'meetings.topics.requiredMaterials', 'ifEnterpriseRules', on),
    },
    majorMatters: { article: mm.article, meetingTypes: list<MeetingType>(pack, mm.id, 'meetingTypes', on), topicKinds: list<TopicKind>(pack, mm.id, 'topicKinds', on) },
    partyCommittee: {
      article: pack.rule('meetings.executive.partyCommitteeTopics', on).article,
      reportedInNameOf: String(pack.param('meetings.executive.partyCommitteeTopics', 'reportedInNameOf', on).value),
    },
    presiding: presidingRules(pack, on),
    pipeline: { article: pack.rule('meetings.topics.pipeline', on).article },
    chairDecides: { article: pack.rule('org.mayor.responsibility', on).article },
  };
}

const ISSUANCE_RULE: Record<IssuanceKind, string> = {
  minorEdits: 'meetings.issuance.minorEdits',
  majorEdits: 'meetings.issuance.majorEdits',
  upwardReport: 'meetings.issuance.upwardReport',
};

/** 第五十九条: the three time limits, ready for the calendar. */
export function issuanceRules(on: string, pack: Pack = tenantPack()): Record<IssuanceKind, DeadlineRule> {
  const conv = countingConventions(pack.conventions);
  const out = {} as Record<IssuanceKind, DeadlineRule>;
  for (const [kind, id] of Object.entries(ISSUANCE_RULE) as [IssuanceKind, string][]) {
    out[kind] = deadlineRule(pack.deadline(id, on), pack.rule(id, on), conv);
  }
  return out;
}

export function citywideRules(on: string, governmentNames: string[], pack: Pack = tenantPack()): CitywideRules {
  return {
    article: pack.rule('meetings.citywide.perYear', on).article,
    approvalArticle: pack.rule('meetings.workMeetings.approval', on).article,
    maxPerYear: num(pack, 'meetings.citywide.perYear', 'maxPerYear', on),
    forbiddenNames: [...new Set([...list<string>(pack, 'meetings.citywide.notInGovernmentName', 'forbiddenNames', on), ...governmentNames])],
  };
}

/** 第五十九条 with 第五十六条第三款: how the documents a meeting decides to issue are drafted. */
export function issuanceDraftRules(on: string, pack: Pack = tenantPack()): IssuanceDraftRules {
  const id = 'meetings.issuance.drafting';
  const str = (name: string) => String(pack.param(id, name, on).value);
  return {
    article: pack.rule(id, on).article,
    docTypes: list<string>(pack, 'documents.types', 'types', on),
    issuerName: str('issuerName'),
    downward: { docType: str('downwardType'), issuerCode: str('downwardCode') },
    upward: { docType: str('upwardType'), issuerCode: str('upwardCode') },
    partyGroupCode: str('partyGroupCode'),
  };
}
