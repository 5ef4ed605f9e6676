// Chinese labels for organisation values, used in messages and the UI.
import type { AbsenceKind, EntrustmentKind, Period, PositionKind, UnitKind } from './types.ts';

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  municipal_government: '市政府',
  government_office: '市政府办公室',
  constituent_department: '组成部门',
  affiliated_institution: '直属事业单位、归口管理单位',
  county_government: '县区政府',
  external: '外部单位',
};

export const POSITION_KIND_LABELS: Record<PositionKind, string> = {
  mayor: '市长',
  executive_vice_mayor: '常务副市长',
  vice_mayor: '副市长',
  secretary_general: '秘书长',
  deputy_secretary_general: '副秘书长',
  department_principal_head: '主要负责同志',
  department_head: '负责同志',
  county_head: '县（区）长',
  secretary: '秘书',
  clerk: '文书',
  duty_officer: '值班员',
};

export const ABSENCE_KIND_LABELS: Record<AbsenceKind, string> = {
  business: '出差',
  study: '学习',
  leave: '请假',
  other: '其他外出',
};

export const ENTRUSTMENT_KIND_LABELS: Record<EntrustmentKind, string> = {
  preside: '主持市政府工作',
  task: '其他工作或专项任务',
};

/** 2026-03-02至2026-03-05 */
export const periodLabel = (p: Period): string => (p.to == null ? `${p.from}起` : p.from === p.to ? p.from : `${p.from}至${p.to}`);
