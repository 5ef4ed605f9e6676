// Annual report data (《政府信息公开条例》第四十九条、第五十条): proactive disclosures and requests for a year.
import { annualReport } from '../../domain/openness/report.ts';
import { publicationState } from '../../domain/openness/publication.ts';
import { runQuery, type AppDeps } from '../context.ts';
import { opennessRules } from './rules.ts';

export async function annualReportData(deps: AppDeps, tenantId: string, year: number) {
  return runQuery(deps, async (tx) => {
    const pub = (await tx.query(
      `SELECT p.kind, p.published_on, o.due_on, o.remind_from, o.unknown_years FROM published_items p
         LEFT JOIN publication_obligations o ON o.tenant_id = p.tenant_id AND o.published_item_id = p.id
        WHERE p.tenant_id = $1`, [tenantId])).rows;
    const req = (await tx.query(`SELECT received_on, answered_on, answer, late FROM disclosure_requests WHERE tenant_id = $1`, [tenantId])).rows;
    const rules = opennessRules(`${year}-12-31`);
    return annualReport(year, {
      published: pub.map((p) => ({
        kind: p.kind, publishedOn: p.published_on,
        onTime: p.due_on ? publicationState({ due: p.due_on, remindFrom: p.remind_from, unknownYears: p.unknown_years }, p.published_on, p.published_on) === 'published_on_time' : null,
      })),
      requests: req.map((r) => ({ receivedOn: r.received_on, answeredOn: r.answered_on, answerType: r.answer?.type ?? null, partial: Boolean(r.answer?.partial), late: r.late })),
    }, rules.request.answerTypes);
  });
}
