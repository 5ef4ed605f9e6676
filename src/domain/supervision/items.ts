// Supervision items (督查事项), 第八十六条 and 第八十七条, with rectification of audit and inspection
// findings (第四十五条).
// 第八十六条  立项 → 制定方案 → 督查实施 → 形成结论 → 结论运用; 严禁重复督查、多头督查、越权督查;
//            市政府部门未经市政府指定不得开展政府督查 (the designation is recorded on the item).
// 第八十七条  暗访式、调研式督查 are kinds of item; incentives are recorded with the conclusion.
// 第四十五条  findings of audit and supervision are rectified and reported to the government.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import type { UnitKind } from '../org/types.ts';

export interface ItemRules {
  /** stage labels in order (supervision.items.lifecycle) */
  stages: string[];
  /** kind codes and their labels (supervision.items.kinds) */
  kinds: { code: string; label: string }[];
  lifecycleArticle: number;
  duplicateArticle: number;
  overreachArticle: number;
  designationArticle: number;
  kindsArticle: number;
  rectificationArticle: number;
}

/** The stage codes the stored items use, in the pack's order. */
export const ITEM_STAGES = ['opened', 'planned', 'in_progress', 'concluded', 'applied'] as const;
export type ItemStage = (typeof ITEM_STAGES)[number];
export const stageLabel = (s: ItemStage, r: ItemRules): string => r.stages[ITEM_STAGES.indexOf(s)] ?? s;

export type ItemScope = 'government' | 'department';
export const SCOPE_LABELS: Record<ItemScope, string> = { government: '政府督查', department: '部门内部督查' };

export interface UnitRef {
  id: string;
  kind: UnitKind;
  name: string;
  parentId?: string;
}

/** 市政府指定: which government act designated the department for this item. */
export interface Designation {
  /** the unit that designated: must be the municipal government */
  byUnitId: string;
  /** the act: a meeting minute, a document number, the mayor's instruction … */
  ref: string;
  on: string;
}

export type SourceRef = { type: 'instruction' | 'decision' | 'document' | 'finding' | 'other'; id: string };

export interface ItemDraft {
  title: string;
  kind: string;
  scope: ItemScope;
  supervisor: UnitRef;
  lead: UnitRef;
  cooperating: UnitRef[];
  source?: SourceRef;
  designation?: Designation;
  /** for rectification: the body whose findings are rectified (市审计局、市纪委监委 …) */
  findingSource?: string;
  openedOn: string;
}

/** An item already under supervision, as far as the opening checks need it. */
export interface OpenItem {
  id: string;
  title: string;
  matterKey: string;
  supervisorUnitId: string;
  supervisorName: string;
}

/** The matter an item supervises: its source when it has one, otherwise its normalised title. */
export function matterKey(d: Pick<ItemDraft, 'source' | 'title' | 'lead'>): string {
  if (d.source && d.source.type !== 'other') return `${d.source.type}:${d.source.id}`;
  const t = d.title.replace(/[\s\u3000“”"'‘’《》〈〉（）()【】\[\]，。、；：！？,.;:!?-]/g, '').toLowerCase();
  return `title:${d.lead.id}:${t}`;
}

const GOVERNMENT_SUPERVISORS: UnitKind[] = ['municipal_government', 'government_office'];
const GOVERNMENT_TARGETS: UnitKind[] = ['government_office', 'constituent_department', 'affiliated_institution', 'county_government'];

export function checkOpening(draft: ItemDraft, open: OpenItem[], governmentUnitId: string, r: ItemRules): Decision<{ matterKey: string }> {
  const blocks: Violation[] = [];
  if (!draft.title.trim()) blocks.push({ code: 'SUP.TITLE_MISSING', message: '督查事项应写明名称' });
  if (!r.kinds.some((k) => k.code === draft.kind)) {
    blocks.push({ code: 'SUP.UNKNOWN_KIND', message: `${basedOn(r.kindsArticle)}，督查方式应为${r.kinds.map((k) => k.label).join('、')}之一`, article: r.kindsArticle, details: { kind: draft.kind } });
  }
  if (draft.cooperating.some((u) => u.id === draft.lead.id)) {
    blocks.push({ code: 'SUP.LEAD_ALSO_COOPERATING', message: `${draft.lead.name}已是牵头单位，不能同时列为配合单位` });
  }
  if (draft.kind === 'rectification' && !draft.findingSource?.trim()) {
    blocks.push({ code: 'SUP.RECTIFICATION_SOURCE_MISSING', message: `${basedOn(r.rectificationArticle)}，整改督查应写明问题来源（审计、监察、巡察等）`, article: r.rectificationArticle });
  }

  // 严禁重复督查、多头督查
  const key = matterKey(draft);
  for (const o of open.filter((x) => x.matterKey === key)) {
    const same = o.supervisorUnitId === draft.supervisor.id;
    blocks.push({
      code: same ? 'SUP.DUPLICATE_SUPERVISION' : 'SUP.MULTI_HEADED_SUPERVISION',
      message: same
        ? `${basedOn(r.duplicateArticle)}，严禁重复督查：该事项已由${o.supervisorName}立项督查（${o.title}）`
        : `${basedOn(r.duplicateArticle)}，严禁多头督查：该事项已由${o.supervisorName}督查（${o.title}），不得另行立项`,
      article: r.duplicateArticle,
      details: { existingItemId: o.id },
    });
  }

  // 越权督查: who may supervise whom
  const s = draft.supervisor;
  const targets = [draft.lead, ...draft.cooperating];
  if (draft.scope === 'government') {
    if (!GOVERNMENT_SUPERVISORS.includes(s.kind) && s.kind !== 'constituent_department' && s.kind !== 'affiliated_institution') {
      blocks.push({ code: 'SUP.OVERREACH', message: `${basedOn(r.overreachArticle)}，严禁越权督查：${s.name}不能开展市政府督查`, article: r.overreachArticle, details: { supervisor: s.id } });
    }
    for (const t of targets.filter((t) => !GOVERNMENT_TARGETS.includes(t.kind))) {
      blocks.push({ code: 'SUP.OVERREACH', message: `${basedOn(r.overreachArticle)}，严禁越权督查：${t.name}不在市政府督查范围内`, article: r.overreachArticle, details: { target: t.id } });
    }
    // 市政府部门未经市政府指定不得开展政府督查
    if (!GOVERNMENT_SUPERVISORS.includes(s.kind)) {
      const d = draft.designation;
      if (!d) {
        blocks.push({ code: 'SUP.NOT_DESIGNATED', message: `${basedOn(r.designationArticle)}，${s.name}未经市政府指定，不得开展政府督查`, article: r.designationArticle, details: { supervisor: s.id } });
      } else {
        if (d.byUnitId !== governmentUnitId) {
          blocks.push({ code: 'SUP.DESIGNATION_INVALID', message: `${basedOn(r.designationArticle)}，开展政府督查的指定应由市政府作出`, article: r.designationArticle, details: { by: d.byUnitId } });
        }
        if (!d.ref.trim()) blocks.push({ code: 'SUP.DESIGNATION_INVALID', message: `${basedOn(r.designationArticle)}，应写明市政府指定的依据（会议纪要、文件或领导批示）`, article: r.designationArticle });
        if (d.on > draft.openedOn) blocks.push({ code: 'SUP.DESIGNATION_INVALID', message: `${basedOn(r.designationArticle)}，指定日期${d.on}晚于立项日期${draft.openedOn}`, article: r.designationArticle });
      }
    }
  } else {
    // A department supervises inside its own remit: itself and the institutions under it (归口).
    for (const t of targets.filter((t) => t.id !== s.id && t.parentId !== s.id)) {
      blocks.push({ code: 'SUP.OVERREACH', message: `${basedOn(r.overreachArticle)}，严禁越权督查：${s.name}的内部督查不能指向${t.name}`, article: r.overreachArticle, details: { target: t.id } });
    }
  }
  return decide(blocks, [], () => ({ matterKey: key }));
}

export interface ItemState {
  stage: ItemStage;
  kind: string;
  closed: boolean;
  /** 第四十五条: rectification reported to the government */
  reportedToGovernment: boolean;
}

export interface StageStep {
  to: ItemStage;
  on: string;
  summary: string;
  /** for 形成结论: the conclusion; for 结论运用: how it was used (考核、激励、问责、整改) */
  conclusion?: string;
  incentive?: string;
}

/** Moving an item to its next stage: one stage at a time, dated, not in the future. */
export function checkAdvance(item: ItemState, step: StageStep, today: string, lastStageOn: string, r: ItemRules): Decision<StageStep> {
  const art = r.lifecycleArticle;
  const blocks: Violation[] = [];
  if (item.closed) blocks.push({ code: 'SUP.ITEM_CLOSED', message: '该督查事项已办结' });
  const cur = ITEM_STAGES.indexOf(item.stage);
  const next = ITEM_STAGES.indexOf(step.to);
  if (next !== cur + 1) {
    const missing = ITEM_STAGES.slice(cur + 1, Math.max(next, cur + 1)).map((s) => stageLabel(s, r));
    blocks.push({
      code: 'SUP.ITEM_STAGE_OUT_OF_ORDER',
      message: `${basedOn(art)}，督查按${r.stages.join('→')}推进；当前为「${stageLabel(item.stage, r)}」${missing.length ? `，还缺：${missing.join('、')}` : `，不能转入「${stageLabel(step.to, r)}」`}`,
      article: art,
      details: { from: item.stage, to: step.to, missing },
    });
  }
  if (step.on > today) blocks.push({ code: 'SUP.DATE_IN_FUTURE', message: `日期${step.on}晚于今天`, article: art });
  if (step.on < lastStageOn) blocks.push({ code: 'SUP.STAGE_DATE_ORDER', message: `日期${step.on}早于上一环节的日期${lastStageOn}`, article: art });
  if (!step.summary.trim()) blocks.push({ code: 'SUP.STAGE_SUMMARY_MISSING', message: `${basedOn(art)}，应写明「${stageLabel(step.to, r)}」的情况`, article: art });
  if ((step.to === 'concluded') && !step.conclusion?.trim()) {
    blocks.push({ code: 'SUP.CONCLUSION_MISSING', message: `${basedOn(art)}，形成督查结论应写明结论`, article: art });
  }
  if (step.to === 'applied' && item.kind === 'rectification' && !item.reportedToGovernment) {
    blocks.push({ code: 'SUP.RECTIFICATION_NOT_REPORTED', message: `${basedOn(r.rectificationArticle)}，整改情况向市政府报告后才能办结`, article: r.rectificationArticle });
  }
  return decide(blocks, [], () => step);
}
