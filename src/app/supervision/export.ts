// The 台账 clerks keep, as an Excel workbook: one row per item with the columns of the usual 督查台账.
import type ExcelJS from 'exceljs';
import { articleLabel } from '../../domain/shared/article.ts';

// exceljs is loaded on the first export, once per process
let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => (excel ??= import('exceljs').then((m) => m.default));

export const LEDGER_COLUMNS = ['序号', '督查事项', '督查方式', '督查类别', '来源', '督查单位', '牵头单位', '配合单位', '分管市领导', '当前承办领导', '立项日期', '办理时限', '当前环节', '办理状态', '最近报告日期', '办结日期', '市政府指定依据'] as const;

export interface LedgerRow {
  title: string; kindLabel: string; scopeLabel: string; source: { type: string; id: string } | null; supervisor: string; leadUnit: string; cooperating: string[];
  leader: string; handler: { personName: string; marker: string } | null; openedOn: string; due: string; stageLabel: string; followUp: { state: string };
  lastReportOn: string; closedOn: string | null; designation: { ref?: string } | null;
}

const STATE: Record<string, string> = { on_time: '按期', due_soon: '即将到期', overdue: '已逾期', calendar_unknown: '日历未知', closed: '已办结' };
const SOURCE: Record<string, string> = { instruction: '批示', decision: '会议决定', document: '公文', finding: '审计监察发现', other: '其他' };

export async function ledgerWorkbook(rows: LedgerRow[], title = '督查事项台账'): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '政通';
  const ws = wb.addWorksheet(title);
  ws.addRow([...LEDGER_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => ws.addRow([
    i + 1, r.title, r.kindLabel, r.scopeLabel, r.source ? `${SOURCE[r.source.type] ?? r.source.type} ${r.source.id}` : '', r.supervisor, r.leadUnit, r.cooperating.join('、'),
    r.leader, r.handler ? `${r.handler.personName}（${r.handler.marker}）` : '', r.openedOn, r.due, r.stageLabel, STATE[r.followUp.state] ?? r.followUp.state,
    r.lastReportOn, r.closedOn ?? '', r.designation?.ref ?? '',
  ]));
  ws.columns.forEach((c, i) => { c.width = [6, 36, 12, 12, 20, 16, 16, 24, 20, 22, 12, 12, 10, 10, 14, 12, 24][i] ?? 14; });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- the other 台账: one generic sheet, and the columns of each list ----

export interface SheetColumn<T> { header: string; width: number; value: (row: T, index: number) => string | number }

export async function sheetWorkbook<T>(title: string, columns: SheetColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '政通';
  const ws = wb.addWorksheet(title);
  ws.addRow(columns.map((c) => c.header));
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => ws.addRow(columns.map((c) => c.value(r, i))));
  ws.columns.forEach((c, i) => { c.width = columns[i]?.width ?? 14; });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const n = (_: unknown, i: number) => i + 1;
const LOOP: Record<string, string> = { closed_loop: '五环节闭环（第八十四条）', report_cycle: '跟踪督办和报告（第八十五条）', simple: '按分工办理' };

export const INSTRUCTION_COLUMNS: SheetColumn<any>[] = [
  { header: '序号', width: 6, value: n },
  { header: '批示事项', width: 40, value: (r) => r.title },
  { header: '批示来源', width: 26, value: (r) => r.sourceLabel },
  { header: '批示人', width: 16, value: (r) => r.instructedBy },
  { header: '批示日期', width: 12, value: (r) => r.instructedOn },
  { header: '收到日期', width: 12, value: (r) => r.receivedOn },
  { header: '文号', width: 20, value: (r) => r.docRef ?? '' },
  { header: '首阅领导', width: 20, value: (r) => r.leader },
  { header: '牵头单位', width: 16, value: (r) => r.leadUnit },
  { header: '督办方式', width: 24, value: (r) => LOOP[r.loopKind] ?? r.loopKind },
  { header: '已完成环节', width: 40, value: (r) => r.stages.filter((s: any) => s.done).map((s: any) => s.stage).join('、') },
  { header: '报告次数', width: 10, value: (r) => r.reports },
  { header: '尚缺', width: 30, value: (r) => r.missing.join('、') },
  { header: '办理状态', width: 10, value: (r) => (r.status === 'closed' ? '已办结' : '办理中') },
  { header: '办结日期', width: 12, value: (r) => r.closedOn ?? '' },
];

const TRIP_KIND: Record<string, string> = { business: '出差', study: '学习', leave: '请假', other: '其他' };
export const TRIP_COLUMNS: SheetColumn<any>[] = [
  { header: '序号', width: 6, value: n },
  { header: '姓名', width: 12, value: (r) => r.personName },
  { header: '职务', width: 24, value: (r) => r.positions ?? '' },
  { header: '外出类别', width: 10, value: (r) => TRIP_KIND[r.kind] ?? r.kind },
  { header: '外出日期', width: 12, value: (r) => r.period.from },
  { header: '返回日期', width: 12, value: (r) => r.period.to },
  { header: '前往地点', width: 14, value: (r) => r.destination },
  { header: '外出事由', width: 36, value: (r) => r.reason },
  { header: '报备日期', width: 12, value: (r) => r.reportedOn ?? '' },
  { header: '紧急外出理由', width: 20, value: (r) => r.urgentReason ?? '' },
  { header: '代理（AB岗/委托）', width: 30, value: (r) => (r.standIns ?? []).map((h: any) => `${h.personName}（${h.marker}）`).join('；') },
];

export const DUTY_COLUMNS: SheetColumn<any>[] = [
  { header: '序号', width: 6, value: n },
  { header: '单位', width: 18, value: (r) => r.unit },
  { header: '日期', width: 12, value: (r) => r.date },
  { header: '时段', width: 14, value: (r) => `${r.startHour}:00—${r.endHour}:00` },
  { header: '值班人员', width: 24, value: (r) => r.personName },
  { header: '联系电话', width: 16, value: (r) => r.phone ?? '' },
  { header: '备注', width: 36, value: (r) => r.note ?? '' },
];

export const RESEARCH_COLUMNS: SheetColumn<any>[] = [
  { header: '序号', width: 6, value: n },
  { header: '姓名', width: 12, value: (r) => r.personName },
  { header: '职务', width: 14, value: (r) => r.title },
  { header: '调研开始', width: 12, value: (r) => r.from },
  { header: '调研结束', width: 12, value: (r) => r.to },
  { header: '天数', width: 8, value: (r) => r.days },
  { header: '调研地点', width: 16, value: (r) => r.place },
  { header: '调研主题', width: 30, value: (r) => r.topic },
  { header: '年度累计', width: 10, value: (r) => r.total },
  { header: '年度要求（第九十六条）', width: 22, value: (r) => `不少于${r.minimum}天` },
];

const APPROVAL_KIND: Record<string, string> = { speech: '讲话', article: '文章', inscription: '题词、题字', preface: '作序' };
const APPROVAL_STATUS: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '不同意', not_required: '无需报批' };
export const APPROVAL_COLUMNS: SheetColumn<any>[] = [
  { header: '序号', width: 6, value: n },
  { header: '题目', width: 36, value: (r) => r.title },
  { header: '类别', width: 10, value: (r) => APPROVAL_KIND[r.kind] ?? r.kind },
  { header: '作者', width: 12, value: (r) => r.authorName },
  { header: '名义', width: 12, value: (r) => (r.capacity === 'government' ? '代表市政府' : '个人') },
  { header: '主办单位', width: 16, value: (r) => r.applicantUnit ?? '' },
  { header: '是否须报批', width: 10, value: (r) => (r.required ? '是' : '否') },
  { header: '依据', width: 12, value: (r) => articleLabel(r.article) },
  { header: '状态', width: 10, value: (r) => APPROVAL_STATUS[r.status] ?? r.status },
  { header: '审批人', width: 20, value: (r) => r.decided_by ?? '' },
  { header: '审批意见', width: 24, value: (r) => r.decision_note ?? '' },
];
