// The 台账 clerks keep, as an Excel workbook: one row per item with the columns of the usual 督查台账.
import ExcelJS from 'exceljs';

export const LEDGER_COLUMNS = ['序号', '督查事项', '督查方式', '督查类别', '来源', '督查单位', '牵头单位', '配合单位', '分管市领导', '当前承办领导', '立项日期', '办理时限', '当前环节', '办理状态', '最近报告日期', '办结日期', '市政府指定依据'] as const;

export interface LedgerRow {
  title: string; kindLabel: string; scopeLabel: string; source: { type: string; id: string } | null; supervisor: string; leadUnit: string; cooperating: string[];
  leader: string; handler: { personName: string; marker: string } | null; openedOn: string; due: string; stageLabel: string; followUp: { state: string };
  lastReportOn: string; closedOn: string | null; designation: { ref?: string } | null;
}

const STATE: Record<string, string> = { on_time: '按期', due_soon: '即将到期', overdue: '已逾期', calendar_unknown: '日历未知', closed: '已办结' };
const SOURCE: Record<string, string> = { instruction: '批示', decision: '会议决定', document: '公文', finding: '审计监察发现', other: '其他' };

export async function ledgerWorkbook(rows: LedgerRow[], title = '督查事项台账'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
