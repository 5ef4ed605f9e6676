// The supervision and leaders rules of the pack in force on a date, in the shapes the domain takes.
import type { Pack } from '../../rules/index.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { countingConventions, deadlineRule, type DeadlineRule } from '../../domain/calendar/deadline.ts';
import type { InstructionRules } from '../../domain/supervision/instructions.ts';
import type { ItemRules } from '../../domain/supervision/items.ts';
import type { FollowUpRules } from '../../domain/supervision/followup.ts';
import type { TripRules } from '../../domain/leaders/trips.ts';
import type { DutyRules } from '../../domain/leaders/duty.ts';
import type { ResearchRules } from '../../domain/leaders/research.ts';
import type { ApprovalRules } from '../../domain/leaders/approvals.ts';

export const pack = (): Pack => tenantPack();

const list = (p: Pack, id: string, name: string, on: string): string[] => (p.param(id, name, on).value as (string | number)[]).map(String);
const num = (p: Pack, id: string, name: string, on: string): number => Number(p.param(id, name, on).value);

export interface SupervisionRules {
  packId: string;
  instructions: InstructionRules;
  items: ItemRules;
  followUp: FollowUpRules;
  itemDeadline: DeadlineRule;
  trips: TripRules;
  duty: DutyRules;
  research: ResearchRules;
  approvals: ApprovalRules;
}

export function rulesOn(on: string, p: Pack = pack()): SupervisionRules {
  const kinds = list(p, 'supervision.items.kinds', 'kinds', on);
  const codes = list(p, 'supervision.items.kinds', 'codes', on);
  const timeLimit = p.rule('supervision.items.timeLimit', on);
  return {
    packId: p.meta.id,
    instructions: {
      loopStages: list(p, 'supervision.instructions.closedLoop', 'stages', on),
      loopArticle: p.rule('supervision.instructions.closedLoop', on).article,
      closedLoopSources: list(p, 'supervision.instructions.kinds', 'closedLoop', on),
      reportCycleSources: list(p, 'supervision.instructions.kinds', 'reportCycle', on),
      reportArticle: p.rule('supervision.provincial.tracking', on).article,
      reportsBeforeClosure: num(p, 'supervision.provincial.reportCycle', 'reportsBeforeClosure', on),
      toMayorFirstSources: list(p, 'supervision.instructions.kinds', 'toMayorFirst', on),
      routingArticle: p.rule('documents.routing.seniorInstructions', on).article,
    },
    items: {
      stages: list(p, 'supervision.items.lifecycle', 'stages', on),
      kinds: codes.map((code, i) => ({ code, label: kinds[i] ?? code })),
      lifecycleArticle: p.rule('supervision.items.lifecycle', on).article,
      duplicateArticle: p.rule('supervision.items.noDuplicate', on).article,
      overreachArticle: p.rule('supervision.items.noOverreach', on).article,
      designationArticle: p.rule('supervision.items.designationRequired', on).article,
      kindsArticle: p.rule('supervision.items.kinds', on).article,
      rectificationArticle: p.rule('supervision.audit.rectification', on).article,
    },
    followUp: {
      reportEvery: p.deadline('supervision.items.progressReport', on).duration,
      chaseBefore: num(p, 'supervision.items.chase', 'chaseBefore', on),
      escalateAfter: num(p, 'supervision.items.chase', 'escalateAfter', on),
      chain: list(p, 'supervision.items.chase', 'escalationChain', on),
      article: p.rule('supervision.items.chase', on).article,
    },
    itemDeadline: deadlineRule(p.deadline('supervision.items.timeLimit', on), timeLimit, countingConventions(p.conventions)),
    trips: {
      leadDays: num(p, 'discipline.trips.leadTime', 'leadTime', on),
      urgentAllowed: p.param('discipline.trips.leadTime', 'urgentAllowed', on).value === true,
      article: p.rule('discipline.trips.leadTime', on).article,
    },
    duty: {
      horizonDays: num(p, 'discipline.duty.rosterHorizon', 'horizon', on),
      hoursPerDay: num(p, 'discipline.duty.rosterHorizon', 'hoursPerDay', on),
      article: p.rule('discipline.duty.roster', on).article,
    },
    research: { minimumDays: num(p, 'discipline.research.minimumDays', 'minimum', on), article: p.rule('discipline.research.minimumDays', on).article },
    approvals: { speechArticle: p.rule('discipline.speeches.leaderApproval', on).article, inscriptionArticle: p.rule('discipline.inscriptions.refused', on).article },
  };
}
