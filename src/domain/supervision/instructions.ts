// Instructions (批示) followed to closure.
// 第六十九条  important instructions of central leaders and of provincial leaders go to the mayor first.
// 第八十四条  the General Secretary's instructions: 学习传达 → 研究部署 → 盯办落实 → 调研督查 → 现场核实,
//            every stage dated and evidenced; the loop closes only when all five are there.
// 第八十五条  provincial documents and provincial leaders' instructions: tracked, with reports back.
// The stage list, which sources take which loop and the report cycle are pack parameters.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import { isIsoDate } from '../calendar/date.ts';

export const INSTRUCTION_SOURCES = ['general_secretary', 'central', 'provincial', 'city'] as const;
export type InstructionSource = (typeof INSTRUCTION_SOURCES)[number];

export const INSTRUCTION_SOURCE_LABELS: Record<InstructionSource, string> = {
  general_secretary: '习近平总书记重要讲话重要指示批示',
  central: '党中央、国务院领导批示',
  provincial: '省委、省政府领导批示及文件',
  city: '市领导批示',
};

/** How instructions are followed, as the pack says (supervision.instructions.*, supervision.provincial.*). */
export interface InstructionRules {
  /** the closed-loop stages of 第八十四条, in order */
  loopStages: string[];
  loopArticle: number;
  /** sources following the closed loop */
  closedLoopSources: string[];
  /** sources following the tracking/report cycle of 第八十五条 */
  reportCycleSources: string[];
  reportArticle: number;
  /** reports needed before a report-cycle instruction closes */
  reportsBeforeClosure: number;
  /** sources that go to the mayor first (第六十九条) */
  toMayorFirstSources: string[];
  routingArticle: number;
}

export type LoopKind = 'closed_loop' | 'report_cycle' | 'simple';

export function loopKindOf(source: InstructionSource, r: InstructionRules): LoopKind {
  if (r.closedLoopSources.includes(source)) return 'closed_loop';
  if (r.reportCycleSources.includes(source)) return 'report_cycle';
  return 'simple';
}

/** 第六十九条: who reads the instruction first. */
export function firstReader(source: InstructionSource, r: InstructionRules): { reader: 'mayor' | 'leader_in_charge'; article?: number; reason: string } {
  if (r.toMayorFirstSources.includes(source)) {
    return { reader: 'mayor', article: r.routingArticle, reason: `${basedOn(r.routingArticle)}，${INSTRUCTION_SOURCE_LABELS[source]}第一时间报市长阅批` };
  }
  return { reader: 'leader_in_charge', reason: '按分工报分管市领导阅处' };
}

export interface StageEntry {
  stage: string;
  /** the day the stage took place */
  on: string;
  summary: string;
  /** evidence: a document number, minutes, photos, a site-check record … */
  evidence: string[];
}

export interface InstructionState {
  source: InstructionSource;
  status: 'open' | 'closed';
  receivedOn: string;
  stages: StageEntry[];
  /** number of progress reports recorded (第八十五条) */
  reports: number;
}

/** Recording one stage of the closed loop: in order, dated, not in the future, evidenced. */
export function checkStage(i: InstructionState, entry: StageEntry, today: string, r: InstructionRules): Decision<StageEntry> {
  const art = r.loopArticle;
  const blocks: Violation[] = [];
  if (i.status === 'closed') blocks.push({ code: 'SUP.INSTRUCTION_CLOSED', message: '该批示已办结，不能再登记环节', article: art });
  if (loopKindOf(i.source, r) !== 'closed_loop') {
    blocks.push({ code: 'SUP.STAGE_NOT_APPLICABLE', message: `${basedOn(art)}的闭环环节只适用于${r.closedLoopSources.map((s) => INSTRUCTION_SOURCE_LABELS[s as InstructionSource] ?? s).join('、')}；本批示请登记落实情况报告`, article: art });
  }
  const idx = r.loopStages.indexOf(entry.stage);
  if (idx < 0) {
    blocks.push({ code: 'SUP.UNKNOWN_STAGE', message: `未知的环节「${entry.stage}」，应为${r.loopStages.join('、')}之一`, article: art, details: { stage: entry.stage } });
  } else {
    if (i.stages.some((s) => s.stage === entry.stage)) {
      blocks.push({ code: 'SUP.STAGE_ALREADY_RECORDED', message: `「${entry.stage}」环节已登记`, article: art, details: { stage: entry.stage } });
    }
    const missing = r.loopStages.slice(0, idx).filter((s) => !i.stages.some((x) => x.stage === s));
    if (missing.length) {
      blocks.push({ code: 'SUP.STAGE_OUT_OF_ORDER', message: `${basedOn(art)}，闭环按${r.loopStages.join('→')}推进，「${entry.stage}」之前还缺：${missing.join('、')}`, article: art, details: { missing } });
    }
  }
  if (!isIsoDate(entry.on)) {
    blocks.push({ code: 'SUP.INVALID_DATE', message: `环节日期格式错误：${entry.on}`, details: { on: entry.on } });
  } else {
    if (entry.on > today) blocks.push({ code: 'SUP.DATE_IN_FUTURE', message: `环节日期${entry.on}晚于今天，只能登记已完成的环节`, article: art, details: { on: entry.on } });
    if (entry.on < i.receivedOn) blocks.push({ code: 'SUP.DATE_BEFORE_RECEIPT', message: `环节日期${entry.on}早于批示收到日期${i.receivedOn}`, details: { on: entry.on } });
    const prev = i.stages.filter((s) => r.loopStages.indexOf(s.stage) < idx).map((s) => s.on).sort().at(-1);
    if (idx >= 0 && prev && entry.on < prev) {
      blocks.push({ code: 'SUP.STAGE_DATE_ORDER', message: `「${entry.stage}」的日期${entry.on}早于上一环节的日期${prev}`, article: art, details: { on: entry.on, previous: prev } });
    }
  }
  if (!entry.summary.trim()) blocks.push({ code: 'SUP.STAGE_SUMMARY_MISSING', message: `${basedOn(art)}，每个环节应写明落实情况`, article: art });
  if (!entry.evidence.some((e) => e.trim())) {
    blocks.push({ code: 'SUP.STAGE_EVIDENCE_MISSING', message: `${basedOn(art)}，「${entry.stage}」环节应附佐证材料（文件、纪要、现场核实记录等）`, article: art });
  }
  return decide(blocks, [], () => entry);
}

/** Closing an instruction: the closed loop complete (第八十四条), or the reports made (第八十五条). */
export function checkClosure(i: InstructionState, r: InstructionRules): Decision<{ kind: LoopKind }> {
  const kind = loopKindOf(i.source, r);
  const blocks: Violation[] = [];
  if (i.status === 'closed') blocks.push({ code: 'SUP.INSTRUCTION_CLOSED', message: '该批示已办结' });
  if (kind === 'closed_loop') {
    for (const s of r.loopStages) {
      if (!i.stages.some((x) => x.stage === s)) {
        blocks.push({ code: 'SUP.LOOP_STAGE_MISSING', message: `${basedOn(r.loopArticle)}，「${s}」环节未登记，闭环未完成，不能办结`, article: r.loopArticle, details: { stage: s } });
      }
    }
  }
  if (kind === 'report_cycle' && i.reports < r.reportsBeforeClosure) {
    blocks.push({
      code: 'SUP.REPORT_MISSING',
      message: `${basedOn(r.reportArticle)}，办结前应至少报告${r.reportsBeforeClosure}次落实情况，目前${i.reports}次`,
      article: r.reportArticle,
      details: { required: r.reportsBeforeClosure, present: i.reports },
    });
  }
  return decide(blocks, [], () => ({ kind }));
}
