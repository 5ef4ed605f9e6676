// 安全审计 (GB/T 22239-2019 8.1.4.3): the auditor finds records by person, action, object, article and
// time, within the actor's government (row-level security), newest first; and takes them away as an
// Excel workbook, which is itself on the record (audit.exported).
//
// 审计管理 (8.1.10.3): whoever may read the audit record without audit.review sees the business record
// only; the administrators' own actions are left out in the query itself.
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AppError } from '../../errors/index.ts';
import { ADMINISTRATIVE_ACTION_PREFIXES, ADMINISTRATOR_ROLES, SIGN_IN_ACTION_PREFIX } from '../../domain/audit/review.ts';
import { articleLabel } from '../../domain/shared/article.ts';
import { runQuery, runUseCase, type Actor, type AppDeps } from '../context.ts';

export interface AuditFilters {
  /** the actor: part of the name, or the user id / login / person id exactly */
  person?: string;
  /** an action or the start of one: `document.` finds every document action */
  action?: string;
  objectType?: string;
  objectId?: string;
  /** the article the action was taken under */
  article?: number;
  /** from this instant (or this date, Beijing time) on */
  from?: string;
  /** up to this instant (exclusive), or to the end of this date (Beijing time) */
  to?: string;
}

/** What the reader may see: `review` (audit.review) adds the administrators' own actions. */
export interface AuditReader {
  tenantId: string;
  review: boolean;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorName: string | null;
  actorUserId: string | null;
  actorRoles: string[] | null;
  action: string;
  objectType: string;
  objectId: string;
  article: number | null;
  ip: string | null;
  payload: Record<string, unknown>;
  adminAction: boolean;
  chainPos: number | null;
  hash: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const BEIJING = '+08:00';

/** An instant from a date (the start of that day in Beijing) or a full ISO 8601 time. */
function instant(v: string, endOfDay: boolean): Date {
  if (DATE_ONLY.test(v)) {
    const d = new Date(`${v}T00:00:00${BEIJING}`);
    return endOfDay ? new Date(d.getTime() + 86_400_000) : d;
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new AppError('REQUEST.VALIDATION', { message: `不是合法的时间：${v}` });
  return d;
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Whether a record is an administrator's action. Records written since 0975_audit_review carry it;
 * older ones are classified by their action and by the current roles of their actor (or, for a
 * sign-in, of the account signing in).
 */
export function adminActionSql(a: string, rolesParam: string): string {
  const prefixes = ADMINISTRATIVE_ACTION_PREFIXES.map((p) => `${a}.action LIKE '${p}%'`).join(' OR ');
  return `COALESCE(${a}.admin_action, ${prefixes} OR EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = ${a}.tenant_id
    AND u.roles && ${rolesParam}::text[] AND (u.id = ${a}.actor_user_id
      OR (${a}.action LIKE '${SIGN_IN_ACTION_PREFIX}%' AND ${a}.object_type = 'user' AND (u.id = ${a}.object_id OR u.login = ${a}.object_id)))))`;
}

/** The WHERE clause of a search and its parameters (numbered from $1). */
function whereOf(reader: AuditReader, f: AuditFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const conds = [`a.tenant_id = ${p(reader.tenantId)}`];
  if (!reader.review) conds.push(`NOT ${adminActionSql('a', p(ADMINISTRATOR_ROLES))}`);
  if (f.person) {
    const exact = p(f.person);
    conds.push(`(a.actor_name LIKE ${p(`%${f.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR a.actor_user_id = ${exact}
      OR a.actor_person_id = ${exact}
      OR a.actor_user_id IN (SELECT id FROM users WHERE tenant_id = a.tenant_id AND login = ${exact}))`);
  }
  if (f.action) conds.push(`a.action LIKE ${p(likePrefix(f.action))}`);
  if (f.objectType) conds.push(`a.object_type = ${p(f.objectType)}`);
  if (f.objectId) conds.push(`a.object_id = ${p(f.objectId)}`);
  if (f.article != null) conds.push(`a.article = ${p(f.article)}`);
  if (f.from) conds.push(`a.at >= ${p(instant(f.from, false))}`);
  if (f.to) conds.push(`a.at < ${p(instant(f.to, true))}`);
  return { where: conds.join(' AND '), params };
}

const SELECT = `SELECT a.seq, a.at, a.actor_name, a.actor_user_id, a.actor_roles, a.action, a.object_type, a.object_id,
  a.article, a.ip, a.payload, a.chain_pos, a.hash`;

function rowOf(r: any): AuditRow {
  return {
    seq: Number(r.seq), at: new Date(r.at).toISOString(), actorName: r.actor_name, actorUserId: r.actor_user_id,
    actorRoles: r.actor_roles, action: r.action, objectType: r.object_type, objectId: r.object_id, article: r.article,
    ip: r.ip, payload: r.payload, adminAction: Boolean(r.admin), chainPos: r.chain_pos == null ? null : Number(r.chain_pos), hash: r.hash,
  };
}

export const MAX_PAGE_SIZE = 200;

/** One page of the records matching the filters, newest first, with the total count. */
export async function searchAudit(
  deps: AppDeps, reader: AuditReader, f: AuditFilters, page: { page: number; pageSize: number },
): Promise<{ total: number; page: number; pageSize: number; records: AuditRow[] }> {
  const { where, params } = whereOf(reader, f);
  const size = Math.min(Math.max(1, page.pageSize), MAX_PAGE_SIZE);
  const offset = (Math.max(1, page.page) - 1) * size;
  return runQuery(deps, async (tx) => {
    const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_records a WHERE ${where}`, params)).rows[0].n;
    const roles = `$${params.length + 3}`;
    const { rows } = await tx.query(
      `${SELECT}, ${adminActionSql('a', roles)} AS admin FROM audit_records a WHERE ${where}
        ORDER BY a.at DESC, a.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, size, offset, ADMINISTRATOR_ROLES]);
    return { total, page: Math.max(1, page.page), pageSize: size, records: rows.map(rowOf) };
  });
}

/** The record of one object, oldest first (全程留痕), without the administrators' actions unless reviewing. */
export async function objectTrail(deps: AppDeps, reader: AuditReader, objectType: string, objectId: string): Promise<any[]> {
  const { where, params } = whereOf(reader, { objectType, objectId });
  return runQuery(deps, async (tx) => (await tx.query(
    `SELECT a.seq, a.at, a.actor_name, a.action, a.article, a.ip, a.payload, a.chain_pos, a.hash
       FROM audit_records a WHERE ${where} ORDER BY a.seq`, params)).rows);
}

// ---- export ----

/** The columns of the exported workbook (安全审计: date and time, subject, type, object, outcome). */
export const EXPORT_COLUMNS = [
  { header: '时间', width: 22 },
  { header: '操作人', width: 20 },
  { header: '操作', width: 30 },
  { header: '对象', width: 40 },
  { header: '依据条款', width: 12 },
  { header: '地址', width: 16 },
  { header: '摘要', width: 60 },
  { header: '记录哈希', width: 68 },
] as const;

/** An export larger than this is refused: the auditor narrows the filters (or archives, `zhengtong audit archive`). */
export const MAX_EXPORT_ROWS = 100_000;
const EXPORT_BATCH = 2_000;

let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => (excel ??= import('exceljs').then((m) => m.default));

const beijingTime = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

function summary(payload: Record<string, unknown>): string {
  const s = JSON.stringify(payload ?? {});
  return s === '{}' ? '' : s.length > 500 ? `${s.slice(0, 500)}…` : s;
}

/**
 * Checks the export's size, puts the export itself on the record (audit.exported, with its filters
 * and row count), and returns a writer that streams the workbook to `out`, newest record first.
 */
export async function exportAudit(
  deps: AppDeps, actor: Actor, reader: AuditReader, f: AuditFilters,
): Promise<{ rows: number; write(out: Writable): Promise<void> }> {
  const { where, params } = whereOf(reader, f);
  const total = await runQuery(deps, async (tx) =>
    (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_records a WHERE ${where}`, params)).rows[0].n);
  if (total > MAX_EXPORT_ROWS) {
    throw new AppError('AUDIT.EXPORT_TOO_LARGE', { details: { rows: total, max: MAX_EXPORT_ROWS } });
  }
  await runUseCase(deps, actor, (ctx) => ctx.audit({
    action: 'audit.exported', objectType: 'audit_export', objectId: randomUUID(),
    payload: { filters: { ...f }, rows: total, review: reader.review },
  }));
  return {
    rows: total,
    async write(out) {
      const Excel = await loadExcel();
      const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      wb.creator = '政通';
      const ws = wb.addWorksheet('审计记录');
      ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      // newest first, in batches after the last (at, seq) written
      let after: { at: Date; seq: number } | null = null;
      for (;;) {
        const k = params.length;
        const cursor: string = after ? ` AND (a.at, a.seq) < ($${k + 2}::timestamptz, $${k + 3}::bigint)` : '';
        const batchParams: unknown[] = after ? [...params, EXPORT_BATCH, after.at, after.seq] : [...params, EXPORT_BATCH];
        const rows: AuditRow[] = await runQuery(deps, async (tx) => (await tx.query(
          `${SELECT}, false AS admin FROM audit_records a WHERE ${where}${cursor} ORDER BY a.at DESC, a.seq DESC LIMIT $${k + 1}`,
          batchParams)).rows.map(rowOf));
        for (const r of rows) {
          ws.addRow([
            beijingTime(r.at), r.actorName ?? '', r.action, `${r.objectType} ${r.objectId}`,
            r.article == null ? '' : articleLabel(r.article), r.ip ?? '', summary(r.payload), r.hash ?? '（待封存）',
          ]).commit();
        }
        if (rows.length < EXPORT_BATCH) break;
        const last = rows[rows.length - 1];
        after = { at: new Date(last.at), seq: last.seq };
      }
      ws.commit();
      await wb.commit();
    },
  };
}
